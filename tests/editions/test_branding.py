"""Branding across every edition, read back from the real files.

The brand fixture project (tests/fixtures/brand: brand.yaml and an SVG logo) builds both guides in
every edition. Each PDF must show the organisation, its contact line and its logo on the first
page (the cover, title block or title card), the footer line on every later page, the accent colour
and the organisation as the document's author; the EPUB its title page with the packaged logo, and
the organisation as its publisher; the Anki deck the footer line on the back of every card. A bad
colour, a missing logo or a logo that is no PNG stops every edition's build with file:line:col and
the field's path. Expectations come from the loaded brand, never from an output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from lxml import etree
from pypdf import PdfReader

from guidegen.load.guides import load_guide
from guidegen.model.guide import Brand, Guide
from guidegen.render.project import Project
from helpers import FIXTURES, MLOPS, ROOT, output_name, run_cli, squash
from helpers.anki import collection, import_package, notes, text
from helpers.epub import EPUB_TYPE, NS, Book, text_of
from helpers.pdf import drawn_colours, logo_boxes, rgb, squashed_pages

pytestmark = pytest.mark.usefixtures("in_repo")  # messages name files as a user in the repository sees them

BRAND = FIXTURES / "brand"
FLAGS = ("--project", str(BRAND))  # as the edition tests build branded, so builds are shared
PDF_EDITIONS = ["print", "cards", "handout"]
EDITIONS = [*PDF_EDITIONS, "epub", "anki"]
BAD_GUIDES = sorted((BRAND / "invalid").glob("*.yaml"))  # a bad colour, a missing logo
# A project's brand.yaml with a bad colour, or a logo named .png that is no PNG.
BAD_PROJECTS = [BRAND / "invalid" / "project-bad-colour", BRAND / "invalid" / "project-bad-logo"]

Build = Callable[..., Path]


@cache
def branded(path: Path) -> Guide:
    return load_guide(path, project=BRAND)


def brand_of(guide: Guide) -> Brand:
    brand = guide.brand
    assert brand is not None and brand.logo and brand.accent and brand.contact and brand.footer, (
        "the brand fixture must set every field, so every field is checked")
    return brand


def contact_line(brand: Brand) -> str:
    """The contact line as the shared `contact_line` macro renders it: name · email · website."""
    assert brand.contact is not None
    parts = (brand.contact.name, brand.contact.email, brand.contact.website)
    return " · ".join(part for part in parts if part)


def output(build_dir: Build, edition: str, guide_path: Path) -> Path:
    """The branded edition of a guide (built once a session), named as the edition names it."""
    guide = branded(guide_path)
    return build_dir(edition, guide_path, *FLAGS) / output_name(edition, guide)


@pytest.fixture(params=PDF_EDITIONS)
def pdf(request: pytest.FixtureRequest, build_dir: Build, guide_path: Path) -> tuple[Guide, Path]:
    return branded(guide_path), output(build_dir, request.param, guide_path)


# --- the PDFs: print, cards, handout ----------------------------------------------------------

def test_first_page_names_the_brand_and_its_contact(pdf: tuple[Guide, Path]) -> None:
    """The first page names the organisation and its contact (a line on a wide page, stacked on a
    narrow card: the parts, in order). A flashcard deck whose cards fill its sheets exactly has no
    title card (it would cost a sheet of paper): its first sheet names the brand on every back."""
    guide, path = pdf
    brand = brand_of(guide)
    first = squashed_pages(path)[0]
    parts = [squash(part) for part in (brand.contact.name, brand.contact.email, brand.contact.website)
             if part]  # type: ignore[union-attr]
    title_card = squash(Project(ROOT).labels(guide, "cards")["kind"]["title"].upper())
    if "-cards" in path.name and title_card not in first:
        assert squash(brand.organisation) in squashed_pages(path)[1]
        return
    assert squash(brand.organisation) in first
    assert squash(contact_line(brand)) in first or squash("".join(parts)) in first


def test_first_page_draws_the_logo(pdf: tuple[Guide, Path]) -> None:
    guide, path = pdf
    logo = BRAND / brand_of(guide).logo  # type: ignore[operator]
    with pdfplumber.open(path) as doc:
        assert logo_boxes(doc.pages[0], logo), f"no logo drawn on the first page of {path.name}"


def test_footer_line_on_every_page_after_the_first(pdf: tuple[Guide, Path]) -> None:
    guide, path = pdf
    footer = squash(brand_of(guide).footer or "")
    missing = [number for number, text in enumerate(squashed_pages(path), 1)
               if number > 1 and footer not in text]
    assert not missing, f"pages of {path.name} without the footer line: {missing}"


def test_accent_colour_is_drawn(pdf: tuple[Guide, Path]) -> None:
    guide, path = pdf
    accent = rgb(brand_of(guide).accent or "")
    with pdfplumber.open(path) as doc:
        assert any(accent in drawn_colours(page) for page in doc.pages)


def test_organisation_is_the_documents_author(pdf: tuple[Guide, Path]) -> None:
    guide, path = pdf
    metadata = PdfReader(path).metadata
    assert metadata is not None and metadata.author == brand_of(guide).organisation


# --- the EPUB ---------------------------------------------------------------------------------

def test_epub_title_page_shows_the_brand_and_its_packaged_logo(build_dir: Build,
                                                               guide_path: Path) -> None:
    guide = branded(guide_path)
    brand = brand_of(guide)
    book = Book(output(build_dir, "epub", guide_path))
    assert book.dc("publisher") == [brand.organisation]
    (section,) = [section for doc in book.documents.values()
                  for section in doc.iterfind(".//h:section", NS)
                  if section.get(EPUB_TYPE) == "titlepage"]
    text = squash(text_of(section))
    assert squash(brand.organisation) in text and squash(contact_line(brand)) in text
    (img,) = section.iterfind(".//h:img", NS)
    assert brand.organisation in (img.get("alt") or "")
    (item,) = [i for i in book.manifest.values() if i.get("href") == img.get("src")]
    assert item.get("media-type") == "image/svg+xml"
    packaged = etree.fromstring(book.zip.read(str(book.opf_path.parent / img.get("src"))))
    drawn = etree.parse(BRAND / brand.logo).getroot()  # type: ignore[operator]
    assert elements(packaged) == elements(drawn)  # a clean logo loses nothing on its way in


def elements(svg: Any) -> list[tuple[str, dict[str, str]]]:
    return [(element.tag, dict(element.attrib)) for element in svg.iter()]


# --- the Anki deck -----------------------------------------------------------------------------

def test_anki_cards_end_with_the_footer_line_on_their_backs(build_dir: Build, guide_path: Path,
                                                            tmp_path: Path) -> None:
    brand = brand_of(branded(guide_path))
    with collection(tmp_path) as col:
        import_package(col, output(build_dir, "anki", guide_path))
        for note in notes(col):
            assert text(note["Brand"]) == brand.footer
            (card,) = note.cards()
            assert text(card.answer()).endswith(brand.footer or ""), note["Number"]
            assert (brand.footer or "") not in text(card.question())


# --- bad input stops every edition ------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("case", [*BAD_GUIDES, *BAD_PROJECTS], ids=lambda p: p.stem)
def test_bad_brand_stops_every_edition(edition: str, case: Path, tmp_path: Path) -> None:
    """Exit 2, each problem as file:line:col: field.path: message, and nothing written."""
    if case.is_dir():  # a project whose brand.yaml is bad: any guide built in it fails
        args = [MLOPS, "--project", case.relative_to(ROOT)]
    else:  # a guide with its own bad brand, in the repository's project
        args = [case.relative_to(ROOT), "--project", ROOT]
    result = run_cli("build", *args, "--edition", edition, "--out", tmp_path)
    assert result.code == 2
    expected = case.with_suffix(".expected").read_text().splitlines()
    assert result.err.splitlines() == expected
    assert all(re.match(r"\S+\.yaml:\d+:\d+: (brand\.)?(accent|logo): ", line)
               for line in result.err.splitlines())
    assert not list(tmp_path.iterdir())
