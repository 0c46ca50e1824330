"""WeasyPrint's two steps, as the editions use them: what it warns about in a project's stylesheet
reaches the user once, named by the stylesheet and its line, from a worker process too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import MLOPS, ROOT, run_cli


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_property_weasyprint_ignores_is_said_once_with_its_stylesheet(tmp_path: Path, jobs: str) -> None:
    css = (ROOT / "styles" / "print.css").read_text(encoding="utf-8")
    css, count = re.subn(r"^(\.tools \{)$", r"\1 colr: red;", css, flags=re.MULTILINE)
    assert count == 1
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "print.css").write_text(css, encoding="utf-8")
    line = css[:css.index("colr")].count("\n") + 1
    result = run_cli("build", MLOPS, "--project", tmp_path, "--out", tmp_path / "out",
                     "--edition", "print", "--jobs", jobs, "--quiet")
    assert result.code == 0, result.err
    said = [text for text in result.err.splitlines() if "warning" in text]  # the theme's own: none
    assert len(said) == 1, result.err
    assert said[0].endswith(f"print.css: warning: Ignored `colr: red` at {line}:{len('.tools { ') + 1}, "
                            "unknown property."), said
