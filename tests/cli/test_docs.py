"""`guidegen docs`: the documentation that installs with guidegen, in the terminal and the browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, run_cli


def test_docs_prints_the_writing_guide_and_each_page_by_its_names() -> None:
    result = run_cli("docs")
    assert result.code == 0
    assert result.out == (ROOT / "docs" / "writing-guides.md").read_text(encoding="utf-8")
    assert run_cli("docs", "Theme").out == (ROOT / "docs" / "theme.md").read_text(encoding="utf-8")
    wrong = run_cli("docs", "themes")
    assert wrong.code == 2 and "did you mean 'theme'?" in wrong.err


def test_docs_open_renders_every_page_linked_to_the_others(tmp_path: Path) -> None:
    env = {**os.environ, "BROWSER": "true", "TMPDIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "guidegen", "docs", "--open"], env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "guidegen-docs" / "writing-guides.html"
    assert result.stderr.strip() == f"opened {page}"
    html = page.read_text(encoding="utf-8")
    assert "<h1>Writing a guide</h1>" in html and "<table>" in html and ".md\"" not in html
    for name in ("theme", "editions"):
        assert (tmp_path / "guidegen-docs" / f"{name}.html").is_file()
