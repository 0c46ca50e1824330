"""The loader: valid guides load whole; every invalid fixture gives exactly its expected messages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from guidegen.load.guides import MAX_FILE_BYTES, load_guide, load_guides
from guidegen.model.problems import GuideError, display_name
from helpers import FIXTURES, GUIDES, MLOPS, ROOT, run_cli

pytestmark = pytest.mark.usefixtures("in_repo")  # messages name files as a user in the repository sees them

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
SOURCE_TEXT = ROOT.parent / "shared" / "source" / "mlops-engineer-interview-guide-uk.txt"


def problems_of(*paths: Path) -> list[str]:
    with pytest.raises(GuideError) as caught:
        load_guides(list(paths), project=ROOT)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_real_guides_load(path: Path) -> None:
    guide = load_guide(path, project=ROOT)
    assert guide.technical.questions and guide.behavioural.questions and guide.red_flags
    ids = [q.id for q in (*guide.technical.questions, *guide.behavioural.questions, *guide.red_flags)]
    assert len(ids) == len(set(ids))


def test_mlops_guide_has_the_whole_source() -> None:
    guide = load_guide(MLOPS, project=ROOT)
    assert (len(guide.stages), len(guide.technical.questions), len(guide.behavioural.questions),
            len(guide.red_flags), len(guide.resources)) == (5, 10, 5, 5, 5)
    assert guide.meta.language == "en-GB" and guide.meta.edition == 2026
    if SOURCE_TEXT.exists():  # the shared source sits beside the repository on team machines
        source = " ".join(SOURCE_TEXT.read_text(encoding="utf-8").split())
        for q in guide.technical.questions:
            assert q.question in source
        for text in (guide.introduction, guide.technical.instruction, guide.behavioural.instruction,
                     *(f.why for f in guide.red_flags), *(b.shows for b in guide.behavioural.questions),
                     *(r.title for r in guide.resources)):
            assert " ".join(text.split()) in source


def test_second_guide_settings_are_read() -> None:
    guide = load_guide(GUIDES[1], project=ROOT)
    assert (guide.settings.paper, guide.settings.cards, guide.settings.flip) == ("letter", "a7", "short")


def test_words_yaml_would_convert_stay_text() -> None:
    guide = load_guide(FIXTURES / "valid" / "yaml-words-stay-text.yaml", project=ROOT)
    assert guide.meta.title == "1.10"
    assert guide.stages[0].duration == "22:30"
    assert (guide.red_flags[0].flag, guide.red_flags[0].why) == ("NO", "yes")
    assert guide.meta.keywords == ["on", "off", "0x1F", "1e3", "null-ish"]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_reports_expected_problems(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert problems_of(path.relative_to(ROOT)) == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_cli_check_exits_2_without_traceback(path: Path) -> None:
    result = run_cli("check", path.relative_to(ROOT), "--project", ROOT)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.err.splitlines() == path.with_suffix(".expected").read_text().splitlines()


def test_every_problem_in_every_file_is_reported() -> None:
    names = ["wrong-type", "empty-text", "duplicate-key"]
    paths = [(FIXTURES / "invalid" / f"{n}.yaml").relative_to(ROOT) for n in names]
    expected = [line for n in sorted(names)
                for line in (FIXTURES / "invalid" / f"{n}.expected").read_text().splitlines()]
    assert problems_of(*paths) == expected


def test_directory_missing_and_unreadable_files(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)  # reading it fails even for root, unlike chmod 000
    found = problems_of(tmp_path, tmp_path / "absent.yaml", loop)
    assert found == [
        f"{tmp_path}:1:1: is a directory, not a guide file",
        f"{tmp_path / 'absent.yaml'}:1:1: file not found",
        f"{loop}:1:1: cannot read file: Too many levels of symbolic links",
    ]


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing 50 MB
    [message] = problems_of(big)
    assert message == (f"{big}:1:1: file is 52.4 MB; guide files are limited to "
                       f"{MAX_FILE_BYTES / 1e6:.0f} MB")


def test_non_utf8_file(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"guide:\n  title: caf\xe9\n")
    assert problems_of(latin) == [f"{latin}:2:13: file is not UTF-8 text"]


def test_alias_bomb_and_deep_brackets_fail_fast(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    bomb.write_text("\n".join(lines) + "\n")
    assert problems_of(bomb) == [f"{bomb}:2:8: YAML aliases (*name) are not allowed in guides"]
    deep = tmp_path / "deep.yaml"
    deep.write_text("x: " + "[" * 100_000 + "]" * 100_000 + "\n")
    [problem] = problems_of(deep)  # where libyaml stops it first (newer releases: at level 1000)
    assert re.fullmatch(rf"{re.escape(str(deep))}:1:\d+: nesting is deeper than 32 levels; "
                        "guides are not that deep", problem)


def test_error_names_file_relative_to_working_directory() -> None:
    os.chdir(FIXTURES)
    [message] = problems_of(Path("invalid/http-url.yaml"))
    assert message.startswith("invalid/http-url.yaml:41:10: resources[0].url (resource 1): ")


def test_png_logo_must_be_whole_and_of_a_safe_size(tmp_path: Path) -> None:
    """The e-book's cover decodes a PNG logo: one cut short, or wider or taller than 4096 pixels (a
    decompression bomb, say), is refused at its brand.yaml line, before anything is drawn."""
    from PIL import Image

    (tmp_path / "brand.yaml").write_text("organisation: Acme\nlogo: logo.png\n")
    whole = tmp_path / "whole.png"
    Image.new("RGB", (300, 100), (255, 0, 255)).save(whole)
    (tmp_path / "logo.png").write_bytes(whole.read_bytes()[:-20])
    with pytest.raises(GuideError) as caught:
        load_guides([MLOPS], project=tmp_path)
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith(f"{tmp_path / 'brand.yaml'}:2:7: logo: logo 'logo.png' is not a readable PNG "
                              "image")
    Image.new("1", (5000, 4000)).save(tmp_path / "logo.png")  # 20 megapixels, a small file
    with pytest.raises(GuideError) as caught:
        load_guides([MLOPS], project=tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'brand.yaml'}:2:7: logo: logo 'logo.png' is 5000 x 4000 pixels; logos are limited to "
        "4096 x 4096"]
    (tmp_path / "logo.png").write_bytes(whole.read_bytes())
    assert load_guides([MLOPS], project=tmp_path)[0].guide.brand is not None


def test_a_guide_needs_only_an_id_a_title_and_a_question(tmp_path: Path) -> None:
    bare = tmp_path / "bare.yaml"
    bare.write_text("guide: {id: bare, title: Bare}\ntechnical:\n  questions:\n"
                    "    - {id: one, question: Why?}\n", encoding="utf-8")
    guide = load_guide(bare, project=tmp_path)
    assert guide.meta.language == "en" and guide.meta.deck_name == "Bare" and guide.stages == []
    assert guide.technical.every[0].answer is None
    none = tmp_path / "none.yaml"
    none.write_text("guide: {id: none, title: None of them}\n", encoding="utf-8")
    assert problems_of(none) == [f"{display_name(none)}:1:1: a guide needs at least one question: add "
                                 "technical.questions (or behavioural.questions), each with its question"]


def test_placeholders_are_read_as_left_out_and_kept_for_check(tmp_path: Path) -> None:
    from guidegen.load.guides import load_guides

    path = tmp_path / "todo.yaml"
    path.write_text("guide:\n  id: todo\n  title: To do\n  author: 'TODO: who wrote the guide'\n"
                    "  keywords: [sql, 'TODO: more']\ntechnical:\n  questions:\n    - id: one\n"
                    "      question: Why?\n      answer: 'TODO: write the strong answer'\n", encoding="utf-8")
    [loaded] = load_guides([path], project=tmp_path)
    assert loaded.guide.meta.author is None and loaded.guide.meta.keywords == ["sql"]
    assert loaded.guide.technical.questions[0].answer is None
    assert [(found, text) for found, text in loaded.placeholders] == [
        (("guide", "author"), "TODO: who wrote the guide"), (("guide", "keywords", 1), "TODO: more"),
        (("technical", "questions", 0, "answer"), "TODO: write the strong answer")]
    result = run_cli("check", path, "--strict")
    assert result.code == 1
    for field in ("guide.author", "guide.keywords[1]"):
        assert f": warning: {field}: still a placeholder" in result.err, field
    # a missing answer is one warning, which names the placeholder
    assert result.err.count("TODO: write the strong answer") == 1
    assert ("technical.questions[0] (Q1): Q1 has no strong answer yet (still the placeholder 'TODO: write "
            "the strong answer')") in result.err
    required = tmp_path / "required.yaml"
    required.write_text(path.read_text(encoding="utf-8").replace("title: To do", "title: 'TODO: a title'"),
                        encoding="utf-8")
    assert problems_of(required) == [f"{display_name(required)}:3:10: guide.title: still a placeholder "
                                     "('TODO: a title'): this field cannot be left out, so write it"]
