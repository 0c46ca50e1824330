"""The edition table: one row per edition, each naming its file, the options it reads and how it
lays out; the command line, the scheduler and the up-to-date check all read it. And every edition in
it, whichever it is (one from another package too): its templates, its words in every language the
theme speaks, the same bytes for the same input, and the brand on a branded build."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from guidegen.editions import EDITIONS, Edition, Options, named, themes
from guidegen.model.guide import Guide
from guidegen.model.labels import COMMON, labels_for
from guidegen.render.project import Project
from helpers import FIXTURES, GUIDES, MLOPS, ROOT, guide_of, output_name, run_cli, squash
from helpers.outputs import reader_text

BRAND = FIXTURES / "brand"  # a project whose brand.yaml brands every guide built in it
PROJECT = Project(ROOT, themes())
EVERY_EDITION = pytest.mark.parametrize("edition", EDITIONS, ids=lambda edition: edition.name)


def test_names_are_unique() -> None:
    names = [edition.name for edition in EDITIONS]
    assert len(set(names)) == len(names)


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
    short = EDITIONS[1].filename(guide, Options(flip="short"))  # never the long-edge sheets' file
    assert (EDITIONS[1].name, short) == ("cards", "mlops-engineer-uk-cards-short.pdf")


def test_only_editions_of_the_table_can_be_chosen() -> None:
    assert [edition.name for edition in named(["anki", "epub", "print"])] == ["print", "epub", "anki"]
    with pytest.raises(KeyError):
        named(["poster"])
    result = run_cli("build", MLOPS, "--edition", "poster")
    assert result.code == 2 and "unknown edition 'poster'" in result.err
    assert all(edition.name in result.err for edition in EDITIONS)


def _keys(words: Mapping[str, Any], at: str = "") -> set[str]:
    """Every word's place in a labels section, nested groups included ("paper.a4")."""
    found = set()
    for key, value in words.items():
        found.add(at + key)
        if isinstance(value, Mapping):
            found |= _keys(value, f"{at}{key}.")
    return found


@EVERY_EDITION
def test_every_edition_has_its_templates_and_its_words_in_every_language(edition: Edition) -> None:
    """Its folder of templates is in the theme, and each language the theme speaks gives every word
    it prints, its name in the catalogue included, without falling back to English."""
    assert any((folder / edition.name).is_dir() for folder in PROJECT.templates), edition.name
    tables = PROJECT.labels_tables()
    english = _keys(labels_for(tables, "en", edition.name))
    assert "edition_name" in english
    for language in sorted({language for table in tables for language in table} - {"en"}):
        own = labels_for([{language: table.get(language, {})} for table in tables], language, edition.name)
        assert english <= _keys(own), (language, sorted(english - _keys(own)))
        assert set(own.get(COMMON, {})) <= english


#: The languages people interview in that the theme must speak (issue 25), besides any other.
INTERVIEW_LANGUAGES = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "ja", "zh", "ko", "ar", "hi"}


def _values(words: Any, at: str = "") -> Iterator[tuple[str, str]]:
    """Every word of a labels section with its place ("star.0.2"), lists included."""
    if isinstance(words, Mapping):
        for key, value in words.items():
            yield from _values(value, f"{at}{key}.")
    elif isinstance(words, list):
        for index, value in enumerate(words):
            yield from _values(value, f"{at}{index}.")
    else:
        yield at.rstrip("."), str(words)


def test_the_theme_speaks_the_languages_people_interview_in_with_the_english_placeholders() -> None:
    """Every language gives each word the same placeholders as English (`{n}` may move, `%d` and
    `%s` stay in order), and a step for some guides only (`behavioural: …`) keeps its condition."""
    tables = PROJECT.labels_tables()
    languages = {language for table in tables for language in table}
    assert languages >= INTERVIEW_LANGUAGES, sorted(INTERVIEW_LANGUAGES - languages)
    english = dict(_values(tables[-1]["en"]))
    for language in sorted(languages - {"en"}):
        for place, word in _values(tables[-1][language]):
            if place not in english:
                continue
            model = english[place]
            assert set(re.findall(r"{\w+}", word)) == set(re.findall(r"{\w+}", model)), (language, place)
            assert re.findall(r"%[ds]", word) == re.findall(r"%[ds]", model), (language, place)
            condition = re.match(r"(behavioural|technical|red_flags|stages): ", model)
            assert not condition or word.startswith(condition.group()), (language, place)


@EVERY_EDITION
def test_every_edition_gives_the_same_bytes_for_the_same_input(edition: Edition, tmp_path: Path,
                                                               build_dir: Callable[..., Path]) -> None:
    """Built in this process one guide at a time, and again with both guides in the build's worker
    processes: byte for byte the same."""
    result = run_cli("build", *GUIDES, "--project", ROOT, "--edition", edition.name, "--out", tmp_path,
                     "--jobs", "2", "--quiet")
    assert result.code == 0, result.err
    for path in GUIDES:
        name = output_name(edition.name, guide_of(path))
        assert (tmp_path / name).read_bytes() == (build_dir(edition.name, path) / name).read_bytes(), name


@EVERY_EDITION
def test_every_edition_carries_the_brand_of_a_branded_build(edition: Edition,
                                                            build_dir: Callable[..., Path]) -> None:
    """The organisation's name is in what its reader sees, and not in the plain build's."""
    for path in GUIDES:
        guide = guide_of(path, BRAND)
        assert guide.brand is not None
        name = output_name(edition.name, guide)
        branded = reader_text(build_dir(edition.name, path, "--project", str(BRAND)) / name)
        plain = reader_text(build_dir(edition.name, path) / name)
        organisation = squash(guide.brand.organisation)
        assert organisation in squash(branded) and organisation not in squash(plain), name


SHAPES = FIXTURES / "shapes"


@EVERY_EDITION
def test_every_edition_leaves_out_what_a_guide_lacks_and_shows_its_groups(
        edition: Edition, build_dir: Callable[..., Path]) -> None:
    """A guide of technical questions alone has no process, behavioural or red-flag section in any
    edition, and its question without an answer is said to have none yet; a grouped guide shows
    every group's heading, and every question, in every edition."""
    bare = guide_of(SHAPES / "questions-only.yaml")
    words = PROJECT.labels(bare, edition.name)
    text = squash(reader_text(build_dir(edition.name, SHAPES / "questions-only.yaml")
                              / output_name(edition.name, bare)))
    for question in bare.technical.every:
        assert squash(question.question) in text, question.id
    assert squash(words["missing"]["technical"]) in text
    for absent in ("process", "behavioural", "red_flags"):
        assert squash(str(words[absent])) not in text, absent
    grouped = guide_of(SHAPES / "grouped.yaml")
    text = squash(reader_text(build_dir(edition.name, SHAPES / "grouped.yaml")
                              / output_name(edition.name, grouped)))
    for section in (grouped.technical, grouped.behavioural):
        for group in section.groups:
            assert squash(group.title).casefold() in text.casefold(), group.title  # or in capitals
            for question in group.questions:
                assert squash(question.question) in text, question.id
