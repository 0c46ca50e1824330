"""The edition table: one row per edition, each naming its file, the options it reads and how it
lays out; the command line, the scheduler and the up-to-date check all read it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from guidegen.editions import EDITIONS, Options, named
from guidegen.model.guide import Guide
from helpers import MLOPS, ROOT, run_cli


def test_names_are_unique_and_each_has_its_templates() -> None:
    names = [edition.name for edition in EDITIONS]
    assert len(set(names)) == len(names)
    for name in names:
        assert (ROOT / "templates" / name).is_dir(), name


def test_an_edition_sees_only_the_options_it_reads() -> None:
    chosen = Options(paper="letter", cards="a7", flip="short", back_offset=(1.0, 2.0))
    seen = {edition.name: edition.options(chosen) for edition in EDITIONS}
    assert seen["epub"] == seen["web"] == seen["anki"] == Options()
    assert seen["print"] == seen["handout"] == Options(paper="letter")
    assert seen["cards"] == Options(paper="letter", cards="a7", flip="short", back_offset=(1.0, 2.0))


def test_file_names_name_what_is_not_the_default(load: Callable[[Path], Guide]) -> None:
    guide = load(MLOPS)
    files = {edition.name: edition.filename(guide, edition.options(Options(paper="letter", cards="a7")))
             for edition in EDITIONS}
    assert files == {"print": "mlops-engineer-uk-print-letter.pdf",
                     "cards": "mlops-engineer-uk-cards-a7-letter.pdf",
                     "handout": "mlops-engineer-uk-handout-letter.pdf", "epub": "mlops-engineer-uk.epub",
                     "web": "mlops-engineer-uk.html", "anki": "mlops-engineer-uk.apkg"}


def test_only_editions_of_the_table_can_be_chosen() -> None:
    assert [edition.name for edition in named(["anki", "epub", "print"])] == ["print", "epub", "anki"]
    with pytest.raises(KeyError):
        named(["poster"])
    result = run_cli("build", MLOPS, "--edition", "poster")
    assert result.code == 2 and "unknown edition 'poster'" in result.err
    assert all(edition.name in result.err for edition in EDITIONS)
