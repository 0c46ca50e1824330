"""Up-to-date checks: any change to an input rebuilds; nothing else does, and a no-op is cheap."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from guidegen.load import load_guide
from guidegen.pipeline import lock as build_lock
from helpers import MINIMAL, ROOT, built, output_names, run_cli

EDITION = "epub"  # the quickest to build: what is tested here is the same for every edition
OTHER = "handout"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project overriding the whole theme with copies of it, free to edit."""
    root = tmp_path / "project"
    for part in ("templates", "styles"):
        shutil.copytree(ROOT / part, root / part)
    (root / "content").mkdir()
    shutil.copy(MINIMAL, root / "content" / "minimal.yaml")
    return root


def build(project: Path, *flags: str) -> list[str]:
    """Build, and return the names of the outputs actually rendered this time."""
    result = run_cli("build", "--project", project, "--edition", EDITION, *flags)
    assert result.code == 0, result.err
    return built(result)


def append(path: Path, text: str) -> None:
    path.write_bytes(path.read_bytes() + text.encode())


def first_file(directory: Path) -> Path:
    return next(p for p in sorted(directory.rglob("*")) if p.is_file())


CHANGES = {
    "guide": lambda p: append(p / "content" / "minimal.yaml", "# a comment is a change\n"),
    "template": lambda p: append(first_file(p / "templates" / EDITION), "\n"),
    "partial": lambda p: append(first_file(p / "templates" / "_partials"), "\n"),
    "style": lambda p: append(p / "styles" / "fonts.css", "\n/* changed */\n"),
    "font": lambda p: append(p / "styles" / "fonts" / "DejaVuSansMono.ttf", "\0"),
    "brand added": lambda p: (p / "brand.yaml").write_text("organisation: Acme Careers\n"),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_any_input_change_rebuilds(project: Path, change: str) -> None:
    assert build(project)
    assert build(project) == []
    CHANGES[change](project)
    assert len(build(project)) == 1


def test_other_changes_do_not_rebuild(project: Path) -> None:
    assert build(project)
    (project / "README.md").write_text("notes\n")
    other_templates = project / "templates" / OTHER
    other_templates.mkdir(exist_ok=True)
    (other_templates / "extra.html").write_text("<p>not an input of this edition</p>\n")
    for path in project.rglob("*"):
        os.utime(path)  # touching changes times, not content
    assert build(project) == []


def test_deleted_or_edited_output_is_rebuilt(project: Path) -> None:
    assert build(project)
    [output] = [p for p in (project / "output").iterdir() if p.is_file() and not p.name.startswith(".")]
    append(output, "tampered")
    assert build(project) == [output.name]
    output.unlink()
    assert len(build(project)) == 1


def test_an_edition_rebuilds_for_the_options_it_reads_only(project: Path) -> None:
    """`--cards a7` after a full build makes the A7 cards and nothing else; `--paper letter` remakes
    the editions printed on paper (the booklet, the handout and the card sheets), not the e-book, the
    web page or the Anki deck."""
    full = run_cli("build", "--project", project, "--jobs", "1")
    assert full.code == 0, full.err
    assert sorted(built(full)) == output_names(load_guide(MINIMAL))
    cards = run_cli("build", "--project", project, "--jobs", "1", "--cards", "a7")
    assert built(cards) == ["tiny-guide-cards-a7.pdf"]
    paper = run_cli("build", "--project", project, "--jobs", "1", "--cards", "a7", "--paper", "letter")
    assert sorted(built(paper)) == ["tiny-guide-cards-a7-letter.pdf", "tiny-guide-handout-letter.pdf",
                                    "tiny-guide-print-letter.pdf"]


def test_noop_build_imports_neither_pydantic_nor_weasyprint(project: Path) -> None:
    assert build(project)
    probe = ("import sys, runpy; sys.argv = ['guidegen', 'build', '--project', sys.argv[1], "
             "'--edition', sys.argv[2]]\n"
             "try:\n    runpy.run_module('guidegen', run_name='__main__')\n"
             "except SystemExit as e:\n    assert e.code == 0, e.code\n"
             "print(sorted(m for m in ('pydantic', 'weasyprint', 'yaml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, str(project), EDITION],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert result.stderr.startswith("up to date")


def test_a_same_size_edit_to_a_settled_file_rebuilds(project: Path) -> None:
    """Files unchanged for a while are trusted by size and mtime (no-op builds skip reading 5 MB of
    fonts); an edit that keeps the size still changes the mtime, so it is read again and rebuilds."""
    hour_ago = time.time() - 3600
    for path in project.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    assert build(project)
    assert build(project) == []
    style = project / "styles" / "fonts.css"
    text = style.read_text()
    style.write_text(text.replace("--ink: #1a1a1a", "--ink: #1a1a1b"))
    assert style.stat().st_size == len(text.encode())
    assert len(build(project)) == 1


def test_builds_writing_one_folder_at_once_keep_each_others_records(project: Path) -> None:
    """Two builds of different editions into one folder, each started before the other wrote
    (they read the manifest first, then wait for the folder's lock): each keeps the other's
    manifest entry, so a build of both afterwards has nothing to do."""
    codes: list[int] = []

    def one(edition: str) -> None:
        codes.append(run_cli("build", "--project", project, "--edition", edition).code)

    with build_lock.output_lock(project / "output", lambda line: None):  # "a third build", writing
        builds = [threading.Thread(target=one, args=(edition,)) for edition in (EDITION, OTHER)]
        for thread in builds:
            thread.start()
        time.sleep(1.5)  # both have read the manifest (the first thing a build does), none has written
    for thread in builds:
        thread.join(timeout=120)
    assert codes == [0, 0]
    again = run_cli("build", "--project", project, "--edition", f"{EDITION},{OTHER}")
    assert again.code == 0 and built(again) == [], again.err
