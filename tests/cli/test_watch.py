"""`guidegen watch`, end to end: a real process in a temporary project, edited as an author would.
It rebuilds after an edit, reports a bad edit in file:line:col form without dying, and keeps the
previous outputs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from helpers import MINIMAL
from helpers.watch import ANSWER, watching


def _epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        pages = [name for name in book.namelist() if name.endswith(".xhtml")]
        return " ".join(book.read(name).decode("utf-8") for name in pages)


@pytest.mark.posix
def test_watch_rebuilds_reports_a_bad_edit_and_keeps_the_last_good_output(tmp_path: Path) -> None:
    with watching(tmp_path, "--edition", "epub") as watcher:
        epub = tmp_path / "output" / "tiny-guide.epub"
        assert ANSWER in _epub_text(epub)

        watcher.edit(ANSWER, "A check that fails loudly when the behaviour breaks.")
        seen = watcher.until(r"^rebuilt 1 output in \d+\.\d\d s$")
        assert any(re.fullmatch(r"built \S*tiny-guide\.epub \(\d+ KiB, \d+\.\d\d s\)", line) for line in seen)
        assert "fails loudly" in _epub_text(epub)
        good = epub.read_bytes()

        fixed = "      answer: A check that fails loudly when the behaviour breaks.\n"
        watcher.edit(fixed, "      answer: ''\n")
        seen = watcher.until(r"^not rebuilt")
        problem = r".*tiny-guide\.yaml:\d+:\d+: technical\.questions\[0\]\.answer: must not be empty"
        assert any(re.fullmatch(problem, line) for line in seen), seen
        assert watcher.process.poll() is None
        assert epub.read_bytes() == good

        guide_file = tmp_path / "content" / "tiny-guide.yaml"
        guide_file.write_text(MINIMAL.read_text(encoding="utf-8").replace(ANSWER, "Fixed."), encoding="utf-8")
        watcher.until(r"^rebuilt 1 output")
        assert "Fixed." in _epub_text(epub)
