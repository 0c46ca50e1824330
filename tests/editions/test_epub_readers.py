"""The e-book in real reading systems, for each guide: MuPDF (the engine of many Android readers) and
calibre (Qt WebEngine, i.e. Chromium) lay it out on a phone-sized page, calibre makes the Kindle
book, Ace by DAISY checks its accessibility.

The self-test holds when no page shows a question together with its answer: the answer's first and
last words are each on exactly one page, after the question's page, and that page does not hold the
question. Each tool runs once per guide; the tests share what it made.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageChops, ImageStat

from guidegen.load.guides import load_guide
from guidegen.model.guide import Guide
from guidegen.model.markdown import render_markdown
from helpers import ROOT, output_name
from helpers.epub import NS, Book
from helpers.readers import ace_violations, calibre_kindle, calibre_pdf, mupdf_pages, pdf_pages, reading

pytestmark = pytest.mark.slow

Build = Callable[..., Path]
WORDS = 6  # how many of an answer's first (and last) words identify it on a page


@dataclass(frozen=True)
class SelfTestItem:
    """A question as a reader sees it, and its answer's first and last words."""

    label: str
    question: str
    first: str
    last: str


def _blocks(html: str) -> list[str]:
    """The text of each block of rendered Markdown (paragraphs, list items, code), in order: a
    reader puts list numbers and bullets between them, so words are compared block by block."""
    root = etree.fromstring(f"<div>{html}</div>")
    blocks = [el for el in root.iter("p", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6")
              if not any(child.tag in {"p", "li", "pre", "ul", "ol"} for child in el)]
    return [reading("".join(el.itertext())) for el in blocks]


def _items(guide: Guide) -> list[SelfTestItem]:
    found = []
    for n, q in enumerate(guide.technical.questions, start=1):
        blocks = _blocks(render_markdown(q.answer))
        found.append(SelfTestItem(f"Q{n}", reading(q.question), " ".join(blocks[0].split()[:WORDS]),
                                  " ".join(blocks[-1].split()[-WORDS:])))
    for n, b in enumerate(guide.behavioural.questions, start=1):
        shows = reading(b.shows).split()
        found.append(SelfTestItem(f"B{n}", reading(b.question), " ".join(shows[:WORDS]),
                                  " ".join(shows[-WORDS:])))
    return found


@pytest.fixture(scope="session")
def guide(guide_path: Path) -> Guide:
    return load_guide(guide_path, project=ROOT)


@pytest.fixture(scope="session")
def epub(build_dir: Build, guide_path: Path, guide: Guide) -> Path:
    return build_dir("epub", guide_path) / output_name("epub", guide)


@pytest.fixture(scope="session")
def mupdf(epub: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return mupdf_pages(epub, tmp_path_factory.mktemp(f"mupdf-{epub.stem}"))


@pytest.fixture(scope="session")
def calibre(epub: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return pdf_pages(calibre_pdf(epub, tmp_path_factory.mktemp(f"calibre-{epub.stem}")))


@pytest.fixture(params=["mupdf", "calibre"])
def pages(request: pytest.FixtureRequest) -> list[str]:
    """Each page's text, as one reader or the other laid the book out."""
    found: list[str] = request.getfixturevalue(request.param)
    return found


def test_no_page_shows_a_question_with_its_answer(pages: list[str], guide: Guide) -> None:
    for item in _items(guide):
        first = [n for n, text in enumerate(pages) if item.first in text]
        last = [n for n, text in enumerate(pages) if item.last in text]
        assert len(first) == 1, f"{item.label}: answer begins on pages {first} ({item.first!r})"
        assert len(last) == 1, f"{item.label}: answer ends on pages {last} ({item.last!r})"
        answer = first[0]
        words = item.question.split()
        for part in (" ".join(words[:WORDS]), " ".join(words[-WORDS:])):  # the whole question, or a part
            assert part not in pages[answer], f"{item.label}: question and answer on one page"
        asked = [n for n, text in enumerate(pages[:answer]) if item.question in text]
        assert asked, f"{item.label}: the question is not on any page before its answer"
        assert last[0] >= answer


def test_no_label_is_numbered_twice(pages: list[str], guide_path: Path) -> None:
    """Lists of questions carry the questions' own labels (Q1, B1), not list numbers as well."""
    doubled = [(n, hit) for n, text in enumerate(pages)
               for hit in re.findall(r"\b\d+\.\s+[QBR]\d+\.", text)]
    assert doubled == []


def test_kindle_book_has_the_cover_and_every_contents_entry(epub: Path, tmp_path: Path) -> None:
    """calibre's AZW3 (what Send-to-Kindle makes) keeps our cover image and the whole contents."""
    _, cover, titles = calibre_kindle(epub, tmp_path)
    assert cover is not None, "calibre found no cover"
    book = Book(epub)
    (item,) = book.with_property("cover-image")
    ours = Image.open(book.zip.open(str(book.opf_path.parent / item.get("href")))).convert("L")
    theirs = Image.open(cover).convert("L")
    assert theirs.width * ours.height == theirs.height * ours.width  # same shape
    difference = ImageChops.difference(ours.resize((60, 90)), theirs.resize((60, 90)))
    assert ImageStat.Stat(difference).mean[0] < 8, "the Kindle book's cover is not ours"
    ncx = book.xml(book.manifest[book.opf.find("opf:spine", NS).get("toc")].get("href"))
    expected = ["".join(label.itertext()).strip() for label in ncx.iterfind(".//ncx:navLabel", NS)]
    assert Counter(titles) == Counter(expected)


def test_ace_reports_no_critical_or_serious_violation(epub: Path, tmp_path: Path) -> None:
    violations = ace_violations(epub, tmp_path)
    grave = [v for v in violations if v["impact"] in {"critical", "serious"}]
    assert grave == [], "\n".join(f"{v['impact']} {v['rule']} {v['document']}: {v['says']}" for v in grave)
