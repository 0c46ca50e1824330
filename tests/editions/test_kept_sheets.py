"""A warm process (a watch's) keeps the booklet's pages and lays out again only the sheets a save
changed (editions/kept_sheets.py): the booklet it writes is, byte for byte, the one a cold build of
the same guide makes in a fresh process, whatever the save changed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from guidegen.editions import Options, booklet, kept_sheets
from guidegen.load.guides import load_guides
from guidegen.render.layout import Layout
from guidegen.render.project import Project
from helpers import MLOPS, ROOT

ANSWER = "Everything must be reproducible from a commit hash."
OTHER_ANSWER = "require human approval before production promotion."
BEHAVIOURAL_SHOWS_START = "      shows: >-\n"
QUESTION = "What is model drift and how do you detect and respond to it?"


def _cold(guide_file: Path, out: Path, edition: str = "print") -> bytes:
    """The edition's PDF as a cold build makes it, in a fresh process."""
    subprocess.run([sys.executable, "-m", "guidegen", "build", str(guide_file), "--project", str(ROOT),
                    "--out", str(out), "--edition", edition, "--jobs", "1", "--quiet", "--force"],
                   check=True)
    return (out / f"mlops-engineer-uk-{edition}.pdf").read_bytes()


def _saved(tmp_path: Path, saves: dict[str, str], write: Callable[..., bytes], edition: str) -> Iterator[Any]:
    """Each save written in turn and the edition made by one warm process (checked against a cold
    build of the same guide, byte for byte): what it kept after each."""
    guide_file = tmp_path / "content" / MLOPS.name
    guide_file.parent.mkdir()
    place, warm = Project(ROOT), Layout(keeps=True)
    kept_sheets._KEPT.clear()  # what other tests in this process kept
    for name, text in saves.items():
        guide_file.write_text(text, encoding="utf-8")
        guide = load_guides([guide_file], project=ROOT)[0].guide
        assert write(guide, place, Options(), warm) == _cold(guide_file, tmp_path / "cold", edition), name
        yield next(iter(kept_sheets._KEPT.values()), None)


@pytest.mark.slow  # six cold builds, each in a fresh process
def test_a_warm_process_lays_out_only_the_changed_sheets_and_writes_a_cold_builds_bytes(
        tmp_path: Path) -> None:
    original = MLOPS.read_text(encoding="utf-8")
    long_answer = " ".join(["A deliberately long paragraph that keeps going so that the answer runs "
                            "well past one page even at the smallest type step of the booklet."] * 60)
    saves = {
        "as it is": original,
        "one answer edited": original.replace(ANSWER, "Everything, data included, must be reproducible."),
        "two answers in two sections": original.replace(ANSWER, "All of it must be reproducible.")
        .replace(OTHER_ANSWER, "keep a human in the loop.").replace(
            BEHAVIOURAL_SHOWS_START, BEHAVIOURAL_SHOWS_START + "        Calm under pressure.\n", 1),
        "a question's title edited (the contents change)": original.replace(QUESTION, QUESTION + " Why?"),
        "an answer now continued over pages": original.replace(ANSWER, long_answer),
        "back as it was": original,
    }
    assert len(set(saves.values())) == len(saves) - 1  # "back as it was" repeats "as it is"
    relaid: dict[str, int] = {}
    previous: list[object] = []
    for name, kept in zip(saves, _saved(tmp_path, saves, booklet.write, "print"), strict=True):
        pages = list(kept.document.pages) if kept else []
        relaid[name] = sum(page not in previous for page in pages) if kept else -1
        previous = pages
    whole = relaid["as it is"]
    assert whole >= 38
    assert relaid["one answer edited"] == 2
    assert relaid["two answers in two sections"] == 6
    assert relaid["a question's title edited (the contents change)"] == whole
    assert relaid["an answer now continued over pages"] == -1  # laid out whole, and nothing kept
    assert relaid["back as it was"] == whole


def test_a_template_that_marks_no_sheets_is_laid_out_whole() -> None:
    assert kept_sheets.pieces("<html><body><div>sheets</div></body></html>", "stamp") is None
    assert kept_sheets.pieces(f"<p>front</p>{kept_sheets.SHEET}<p>one</p>{kept_sheets.SHEET}<p>two</p>"
                              f"{kept_sheets.END}<p>back</p>", "stamp") == (
        "stamp\n<p>front</p><!-- sheets end --><p>back</p>", "<p>one</p>", "<p>two</p>")


@pytest.mark.slow  # four cold builds, each in a fresh process
def test_a_warm_process_lays_out_only_the_changed_pages_of_cards_and_writes_a_cold_builds_bytes(
        tmp_path: Path) -> None:
    from guidegen.editions import cards

    original = MLOPS.read_text(encoding="utf-8")
    saves = {
        "as it is": original,
        "one answer edited": original.replace(ANSWER, "Everything, data included, must be reproducible."),
        "an answer now continued on another card": original.replace(ANSWER, " ".join([ANSWER] * 40)),
        "back as it was": original,
    }
    relaid: dict[str, int] = {}
    previous: list[object] = []
    for name, kept in zip(saves, _saved(tmp_path, saves, cards.write, "cards"), strict=True):
        assert kept is not None and kept.per_unit == 1 and len(kept.sizes) == len(kept.document.pages)
        pages = list(kept.document.pages)
        relaid[name] = sum(page not in previous for page in pages)
        previous = pages
    whole = relaid["as it is"]
    assert whole >= 8
    assert relaid["one answer edited"] == 1  # the back of its sheet: its front is as it was
    assert relaid["an answer now continued on another card"] > 1
    assert relaid["back as it was"] > 1
