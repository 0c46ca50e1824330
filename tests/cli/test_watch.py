"""`guidegen watch`, end to end: a real process in a temporary project, edited as an author would.
It rebuilds after an edit, reports a bad edit in file:line:col form without dying, and keeps the
previous outputs."""

from __future__ import annotations

import re
import shutil
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
        problem = r".*tiny-guide\.yaml:\d+:\d+: technical\.questions\[0\]\.answer \(Q1\): must not be empty"
        assert any(re.fullmatch(problem, line) for line in seen), seen
        assert watcher.process.poll() is None
        assert epub.read_bytes() == good

        guide_file = tmp_path / "content" / "tiny-guide.yaml"
        guide_file.write_text(MINIMAL.read_text(encoding="utf-8").replace(ANSWER, "Fixed."), encoding="utf-8")
        watcher.until(r"^rebuilt 1 output")
        assert "Fixed." in _epub_text(epub)


@pytest.mark.posix
def test_watch_from_the_project_folder_with_two_guides_already_built(tmp_path: Path) -> None:
    """The README's flow: build, then `guidegen watch --open` from the project folder. Outputs
    already up to date, two guides, the preview over HTTP, a save that brings a guide back to its
    built text, and a catalogue that still lists every edition built."""
    import http.client
    from urllib.parse import unquote

    from helpers import SECOND, run_cli

    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(MINIMAL, content / "tiny-guide.yaml")
    shutil.copy(SECOND, content / SECOND.name)
    built = run_cli("build", "--project", tmp_path, "--edition", "epub,web,anki")
    assert built.code == 0, built.err
    index = tmp_path / "output" / "index.html"
    listed = re.findall(r'href="([^"]+)"', index.read_text())
    with watching(tmp_path, "--edition", "web", "--open", "--port", "0", guides=[MINIMAL, SECOND],
                  from_project=True) as watcher:
        assert any(line.startswith("up to date") for line in watcher.history), watcher.history
        port = int(next(line for line in watcher.history if line.startswith("preview at"))
                   .rsplit(":", 1)[1].strip("/"))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/?guide=tiny-guide")
        page = connection.getresponse().read().decode()
        frame = re.search(r'<iframe id=frame src="([^"]+)"', page)
        assert frame, page
        connection.request("GET", frame.group(1))
        response = connection.getresponse()
        assert (response.status, ANSWER in response.read().decode()) == (200, True)

        watcher.edit(ANSWER, "A check that fails early.")
        watcher.until(r"^rebuilt 1 output in")  # the page (the catalogue lists the same)
        watcher.edit("A check that fails early.", ANSWER)  # back to the text built before
        watcher.until(r"^rebuilt 1 output in")
    assert re.findall(r'href="([^"]+)"', index.read_text()) == listed
    assert all((tmp_path / "output" / unquote(href)).is_file() for href in listed if "://" not in href)
    assert sum(href.endswith((".epub", ".apkg")) for href in listed) == 4


def test_a_watch_sends_the_booklet_to_a_worker_before_it_makes_the_quick_editions() -> None:
    """With workers, the first edition that lays out goes first (its worker lays it out while the
    e-book and web page are made here), then the quick editions, then the other layouts; with one
    worker everything runs here in turn, so the quick editions come first."""
    from guidegen.cli.watch import in_watch_order
    from guidegen.editions import EDITIONS

    names = [edition.name for edition in in_watch_order(EDITIONS, workers=2)]
    assert names == ["print", "epub", "web", "anki", "cards", "handout"]
    names = [edition.name for edition in in_watch_order(EDITIONS, workers=1)]
    assert names == ["epub", "web", "anki", "print", "cards", "handout"]
