"""Guides in other scripts (tests/fixtures/languages/: Japanese, Chinese, Korean, Arabic, Hebrew, Hindi,
Thai, Russian, Greek) build every edition: every character of every PDF drawn with a real glyph
(PyMuPDF), the editions' own words in the guide's language, `lang` and `dir` on every page, card and
e-book document, right-to-left pages set from the right and turned to the left; a script no font on
the machine draws is refused by `check` and `build` alike, at its field, with the fix.

Japanese and Arabic are built in the quick suite; the other seven, and EPUBCheck, in the slow one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from guidegen.load.guides import load_guides
from guidegen.model.guide import Guide
from guidegen.model.labels import direction
from guidegen.render.font_advice import font_advice
from guidegen.render.glyphs import CJK
from guidegen.render.project import Project
from helpers import FIXTURES, ROOT, reported, run_cli
from helpers.anki import by_number, collection, import_package
from helpers.browser import SIZES, Tab, axe_source, browser
from helpers.epub import epubcheck
from helpers.fonts import need_fonts
from helpers.pdf import boxes, drawn_characters
from helpers.readers import ace_violations

LANGUAGES = FIXTURES / "languages"
QUICK = {"ja", "ar"}
EVERY = [pytest.param(path, id=path.stem, marks=() if path.stem in QUICK else pytest.mark.slow)
         for path in sorted(LANGUAGES.glob("*.yaml"))]


class Built:
    def __init__(self, path: Path, out: Path) -> None:
        self.path, self.out = path, out
        self.guide: Guide = load_guides([path], project=ROOT)[0].guide
        self.rtl = direction(self.guide.meta.language) == "rtl"

    def output(self, suffix: str) -> Path:
        [found] = [path for path in self.out.iterdir() if path.name.endswith(suffix)]
        return found

    def words(self, edition: str) -> dict[str, Any]:
        return Project(ROOT).labels(self.guide, edition)


@pytest.fixture(scope="module", params=EVERY)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    need_fonts("cjk", "noto")
    out = tmp_path_factory.mktemp(request.param.stem)
    result = run_cli("build", request.param, "--project", ROOT, "--out", out, "--quiet")
    assert result.code == 0, result.err
    return Built(request.param, out)


def test_every_character_of_every_pdf_has_a_glyph(built: Built) -> None:
    title = {char for char in built.guide.meta.title if not char.isspace()}
    for pdf in sorted(built.out.glob("*.pdf")):
        assert boxes(pdf) == [], pdf.name
    assert title <= drawn_characters(built.output("-print.pdf"))


def test_the_editions_speak_the_guides_language(built: Built) -> None:
    """The e-book's contents name the sections in the guide's language, as its labels say."""
    words = built.words("epub")
    with zipfile.ZipFile(built.output(".epub")) as book:
        navigation = book.read(next(name for name in book.namelist() if name.endswith("nav.xhtml"))).decode()
    assert words["technical"] in navigation and words["contents"] in navigation


def test_every_page_card_and_document_says_its_language_and_direction(built: Built, tmp_path: Path) -> None:
    language, way = built.guide.meta.language, "rtl" if built.rtl else "ltr"
    page = built.output(".html").read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{language}" dir="{way}">', page)
    with zipfile.ZipFile(built.output(".epub")) as book:
        documents = [name for name in book.namelist() if name.endswith(".xhtml") and "nav" not in name]
        for name in documents:
            assert f'dir="{way}"' in book.read(name).decode(), name
        package = book.read(next(name for name in book.namelist() if name.endswith(".opf"))).decode()
    spine = re.search(r"<spine[^>]*>", package)
    assert spine is not None and ('page-progression-direction="rtl"' in spine.group()) == built.rtl
    with collection(tmp_path / "learner") as col:
        import_package(col, built.output(".apkg"))
        (card,) = by_number(col)["Q1"].cards()
        for side in (card.question(), card.answer()):
            assert f'lang="{language}" dir="{way}"' in side


def _flush(edges: list[float], edge: float) -> float:
    """The share of lines whose edge is within 2 pt of this one."""
    return sum(abs(found - edge) <= 2 for found in edges) / len(edges)


def test_right_to_left_pages_are_set_from_the_right(built: Built) -> None:
    """On the booklet's cover, in Arabic and Hebrew most lines end at the right edge of the page's
    text and few start at its left edge; in the other languages, the other way round."""
    import pymupdf

    with pymupdf.open(built.output("-print.pdf")) as document:
        lines = [line["bbox"] for block in document[0].get_text("dict")["blocks"]
                 for line in block.get("lines", [])]
    assert len(lines) >= 8
    starts, ends = [box[0] for box in lines], [box[2] for box in lines]
    right, left = _flush(ends, max(ends)), _flush(starts, min(starts))
    assert (right > 0.6 and left < 0.4) if built.rtl else (left > 0.6 and right < 0.4), (left, right)


@pytest.mark.slow
def test_every_e_book_passes_epubcheck(built: Built) -> None:
    assert epubcheck(built.output(".epub")) == []


def test_questions_end_with_their_languages_question_mark() -> None:
    """？ (Japanese, Chinese), ؟ (Arabic), ; (Greek), and none in Thai: no question-mark warning."""
    for name in ("ja", "zh", "ar", "el", "th", "hi"):
        result = run_cli("check", LANGUAGES / f"{name}.yaml", "--project", ROOT)
        assert result.code == 0, result.err
        assert not [found for found in reported(result.err) if "question mark" in found.message], name


def test_a_language_without_words_falls_back_to_english_and_says_so(tmp_path: Path) -> None:
    guide = tmp_path / "guide.yaml"
    guide.write_text((LANGUAGES / "ru.yaml").read_text(encoding="utf-8").replace("language: ru-RU",
                                                                                  "language: fi-FI"),
                     encoding="utf-8")
    result = run_cli("check", guide, "--project", ROOT)
    [warning] = [found for found in reported(result.err) if found.field == "guide.language"]
    assert warning.warning and "no words for 'fi-FI'" in warning.message and "English" in warning.message


def _without_fonts(tmp_path: Path) -> dict[str, str]:
    """An environment whose fontconfig knows no font at all: a machine with none installed."""
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{tmp_path / "none"}</dir>'
                      f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>\n', encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def test_a_script_no_font_draws_is_refused_by_check_and_build_at_its_field(tmp_path: Path) -> None:
    """With no font on the machine for Japanese, `check` and `build` say so at the first field that
    holds a Japanese character, with the fix for this system, exit 2, and nothing is written; the
    e-book alone (drawn by the reader's device) still builds."""
    guide = LANGUAGES / "ja.yaml"
    environment, out = _without_fonts(tmp_path), tmp_path / "out"
    loaded = load_guides([guide], project=ROOT)[0]
    first = loaded.problem(("guide", "title"), "")
    for command in (["check", guide], ["build", guide, "--out", out]):
        done = subprocess.run([sys.executable, "-m", "guidegen", *map(str, command), "--project", str(ROOT)],
                              capture_output=True, text=True, env=environment, check=False)
        assert done.returncode == 2, done.stderr
        [problem] = reported(done.stderr)
        assert (problem.line, problem.column, problem.field) == (first.line, first.column, "guide.title")
        assert f"no font on this machine draws the {CJK} characters of this guide" in problem.message
        assert font_advice(CJK) in problem.message and "Traceback" not in done.stderr
    assert not out.exists() or not list(out.iterdir())
    epub = subprocess.run([sys.executable, "-m", "guidegen", "build", str(guide), "--project", str(ROOT),
                           "--out", str(out), "--edition", "epub"], capture_output=True, text=True,
                          env=environment, check=False)
    assert epub.returncode == 0, epub.stderr


@pytest.mark.slow
def test_every_web_page_passes_axe_and_every_e_book_passes_ace(built: Built, tmp_path: Path) -> None:
    """Accessibility in every script: axe-core in Chromium on the web page, Ace by DAISY on the
    e-book (lang and dir where they belong, contrast, structure)."""
    with browser() as devtools:
        tab = Tab.open(devtools, built.output(".html"), size=SIZES["desktop"], scheme="light")
        assert tab.axe(axe_source()) == []
    assert [found for found in ace_violations(built.output(".epub"), tmp_path)
            if found["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("language", ["fr-FR", "ja-JP", "en-GB"])
def test_a_label_is_followed_by_its_languages_colon(language: str, tmp_path: Path) -> None:
    """"Préparation :" with French's narrow no-break space, "準備のポイント：" with a full-width colon."""
    source = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    guide = tmp_path / "guide.yaml"
    guide.write_text(source.replace("language: en-GB", f"language: {language}"), encoding="utf-8")
    result = run_cli("build", guide, "--project", ROOT, "--out", tmp_path / "out", "--edition", "web")
    assert result.code == 0, result.err
    words = Project(ROOT).words(language, "web")
    page = (tmp_path / "out" / "tiny-guide.html").read_text(encoding="utf-8")
    assert f"<strong>{words['prepare']}{words['colon']}</strong>" in page
    assert words["colon"] == {"fr-FR": "\u202f:", "ja-JP": "：", "en-GB": ":"}[language]


def test_cards_are_laid_from_the_reading_side_and_backs_stay_behind_their_fronts(built: Built) -> None:
    """On a sheet of cards, Q1 comes first from the side the guide is read from (the right in Arabic
    and Hebrew); on the back sheet, printed two-sided, each back is behind its own front."""
    import pymupdf

    with pymupdf.open(built.output("-cards.pdf")) as document:
        def x(page: int, label: str) -> float:
            return min(found.x0 for found in document[page].search_for(label))

        fronts, backs = x(0, "Q1") - x(0, "Q2"), x(1, "Q1") - x(1, "Q2")
    assert (fronts > 0) == built.rtl and (backs > 0) != built.rtl
