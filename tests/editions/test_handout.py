"""The handout PDF, read back from the real file: content, size, links, bookmarks, tags, branding.

Expectations come from the loaded Guide (and the brand fixture), never from a previous output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from guidegen.load.guides import load_guide
from guidegen.model.guide import Guide
from guidegen.model.markdown import render_markdown
from guidegen.model.sections import sections as sections_of
from guidegen.render.project import Project
from helpers import FIXTURES, MLOPS, ROOT, output_name, run_cli
from helpers.pdf import logo_boxes, rgb

BRAND = FIXTURES / "brand"  # a project whose brand.yaml applies to any guide built with it
INVALID = sorted((BRAND / "invalid").glob("*.yaml"))
SIZE_BUDGET = 100 * 1024
FOOTER_MM = 20  # the bottom page margin, where the footer and page numbers sit
POINTS_PER_MM = 72 / 25.4
PAPER_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}

Build = Callable[..., Path]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Error messages name files relative to the working directory, as a user in the repo sees them."""
    monkeypatch.chdir(ROOT)


def labels_for(guide: Guide) -> dict[str, str]:
    return Project(ROOT).labels(guide, "handout")


@cache
def guide_of(path: Path, project: Path = ROOT) -> Guide:
    return load_guide(path, project=project)


def built(build_dir: Build, path: Path, *, branded: bool = False) -> Path:
    """Build the handout (once a session) and return its file, named as the edition names it."""
    project = BRAND if branded else ROOT
    out = build_dir("handout", path, *(["--project", str(project)] if branded else []))
    return out / output_name("handout", guide_of(path, project))


@pytest.fixture
def plain(build_dir: Build, guide_path: Path) -> tuple[Guide, Path]:
    return guide_of(guide_path), built(build_dir, guide_path)


@pytest.fixture
def branded(build_dir: Build, guide_path: Path) -> tuple[Guide, Path]:
    return guide_of(guide_path, BRAND), built(build_dir, guide_path, branded=True)


def norm(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    """Text with no whitespace: a line may break after a hyphen or slash, adding no space."""
    return "".join(text.split())


@cache
def body_texts(pdf: Path) -> tuple[str, ...]:
    """Each page's text above the footer margin, so a paragraph split over pages reads whole."""
    with pdfplumber.open(pdf) as doc:
        return tuple(
            norm(page.crop((0, 0, page.width, page.height - FOOTER_MM * POINTS_PER_MM))
                 .extract_text())
            for page in doc.pages
        )


@cache
def footer_texts(pdf: Path) -> tuple[str, ...]:
    with pdfplumber.open(pdf) as doc:
        return tuple(
            norm(page.crop((0, page.height - FOOTER_MM * POINTS_PER_MM, page.width, page.height))
                 .extract_text())
            for page in doc.pages
        )


def whole_text(pdf: Path) -> str:
    return " ".join(body_texts(pdf))


def markdown_blocks(markdown: str) -> Iterator[str]:
    """The text of each paragraph and list item an answer renders to, as a reader sees it."""
    root = ET.fromstring(f"<div>{render_markdown(markdown)}</div>")
    for element in root.iter():
        if element.tag not in ("p", "li") or (element.tag == "li" and element.find("p") is not None):
            continue
        yield norm("".join(element.itertext()))


def technical_heading(index: int, question: str) -> str:
    return f"Q{index}. {question}"  # numbered as in every edition


def expected_dests(guide: Guide) -> dict[str, str]:
    """Every anchor the contents and bookmarks point at, with the heading text found there."""
    labels = labels_for(guide)
    dests = {s.id: s.title for s in sections_of(guide, labels)}
    for i, q in enumerate(guide.technical.questions, start=1):
        dests[f"q-{q.id}"] = technical_heading(i, q.question)
    for q in guide.behavioural.questions:
        dests[f"q-{q.id}"] = q.question
    return dests


def named_dests(reader: PdfReader) -> dict[str, tuple[int, float]]:
    """Anchor name -> (page index, top of the destination in PDF points)."""
    return {name: (reader.get_destination_page_number(dest), float(dest.top))
            for name, dest in reader.named_destinations.items()}


def heading_at(page: Any, top: float, text: str) -> bool:
    """Whether `text` starts on this pdfplumber page at the height a destination points to."""
    start = r"\s+".join(re.escape(word) for word in text.split()[:4])
    return any(abs((page.height - m["top"]) - top) < 16 for m in page.search(start, regex=True))


# --- content ------------------------------------------------------------------------------------

def test_every_question_answer_flag_and_resource_is_there(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    text = squash(whole_text(pdf))
    wanted = [guide.meta.title, guide.meta.subtitle, guide.introduction]
    wanted += [s.name for s in guide.stages] + [s.what_happens for s in guide.stages]
    for i, q in enumerate(guide.technical.questions, start=1):
        wanted += [technical_heading(i, q.question), *markdown_blocks(q.answer)]
    for b in guide.behavioural.questions:
        wanted += [b.question, b.shows]
    for flag in guide.red_flags:
        wanted += [flag.flag, flag.why]
    for r in guide.resources:
        wanted += [r.title, r.description, *([r.url] if r.url else [])]
    if guide.closing:
        wanted += [guide.closing.title, guide.closing.text]
    missing = [w for w in wanted if squash(w) not in text]
    assert not missing


def test_each_answer_follows_its_question(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    text = squash(whole_text(pdf))
    after_contents = text.index(squash(guide.technical.instruction))
    questions = [squash(technical_heading(i, q.question))
                 for i, q in enumerate(guide.technical.questions, start=1)]
    starts = [text.index(q, after_contents) for q in questions]
    assert starts == sorted(starts)
    for i, q in enumerate(guide.technical.questions):
        answer = text.index(squash(next(markdown_blocks(q.answer))), starts[i])
        assert answer < (starts[i + 1] if i + 1 < len(starts) else len(text))


def test_resources_are_links_with_their_url_shown(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    with pdfplumber.open(pdf) as doc:
        for r in (r for r in guide.resources if r.url):
            for shown in (r.title, r.url):
                assert _linked_text(doc, shown, r.url), f"{shown!r} is not a link to {r.url}"
        uris = {link["uri"] for page in doc.pages for link in page.hyperlinks}
    assert {r.url for r in guide.resources if r.url} <= uris


def _linked_text(doc: Any, shown: str, uri: str) -> bool:
    """Whether `shown` is drawn inside a link annotation that opens `uri`."""
    pattern = r"\s*".join(re.escape(ch) for ch in shown.replace(" ", ""))
    for page in doc.pages:
        for match in page.search(pattern, regex=True):
            for link in page.hyperlinks:
                if (link["uri"] == uri and link["x0"] - 1 <= match["x0"] <= link["x1"]
                        and link["top"] - 1 <= match["top"] <= link["bottom"]):
                    return True
    return False


def test_size_budget_for_email(build_dir: Build) -> None:
    """The MLOps handout, unbranded, is small enough to attach to an email without thought."""
    size = built(build_dir, MLOPS).stat().st_size
    assert size <= SIZE_BUDGET, f"{size} bytes"


def test_few_font_faces_all_subset(plain: tuple[Guide, Path]) -> None:
    _, pdf = plain
    fonts = {f.get_object()["/BaseFont"] for page in PdfReader(pdf).pages
             for f in page["/Resources"]["/Font"].values()}
    assert len(fonts) <= 4  # sans regular, italic, semibold (+ mono where an answer has code)
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in fonts), fonts


def test_paper_follows_the_guide(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    width, height = PAPER_POINTS[guide.settings.paper]
    for page in PdfReader(pdf).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            (width, height), abs=0.5)


# --- navigation ---------------------------------------------------------------------------------

def test_contents_links_land_on_their_headings(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    reader = PdfReader(pdf)
    dests, headings = named_dests(reader), expected_dests(guide)
    listed: list[str] = []
    for section in sections_of(guide, labels_for(guide)):
        listed.append(section.id)
        if section.id == "technical":
            listed += [f"q-{q.id}" for q in guide.technical.questions]
    links = [str(a.get_object()["/Dest"]) for a in reader.pages[0]["/Annots"]
             if "/Dest" in a.get_object()]
    assert list(dict.fromkeys(links)) == listed
    with pdfplumber.open(pdf) as doc:
        for name in listed:
            page, top = dests[name]
            assert heading_at(doc.pages[page], top, headings[name]), name


def test_contents_shows_the_right_page_numbers(plain: tuple[Guide, Path]) -> None:
    _, pdf = plain
    reader = PdfReader(pdf)
    dests = named_dests(reader)
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        words = page.extract_words()
        for annot in page.annots:
            name = annot["data"].get("Dest")
            if name is None:
                continue
            name = name.decode() if isinstance(name, bytes) else str(name)
            row = [w for w in words if abs((w["top"] + w["bottom"]) / 2
                                           - (annot["top"] + annot["bottom"]) / 2) < 4]
            assert row and row[-1]["text"] == str(dests[name][0] + 1), name


def _outline(reader: PdfReader) -> list[tuple[str, int, list[Any]]]:
    """Top-level bookmarks as (title, page index, children)."""
    items: list[tuple[str, int, list[Any]]] = []
    for entry in reader.outline:
        if isinstance(entry, list):
            items[-1][2].extend(entry)
        else:
            items.append((entry.title, reader.get_destination_page_number(entry), []))
    return items


def test_bookmarks_cover_every_section_and_question(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    reader = PdfReader(pdf)
    dests = named_dests(reader)
    outline = _outline(reader)
    sections = sections_of(guide, labels_for(guide))
    assert [title for title, _, _ in outline] == [s.title for s in sections]
    children = {title: kids for title, _, kids in outline}
    labels = labels_for(guide)
    assert [k.title for k in children[labels["technical"]]] == [
        technical_heading(i, q.question) for i, q in enumerate(guide.technical.questions, 1)]
    assert [k.title for k in children[labels["behavioural"]]] == [
        f"B{i}. {q.question}" for i, q in enumerate(guide.behavioural.questions, 1)]
    for (title, page, _), section in zip(outline, sections, strict=True):
        assert page == dests[section.id][0], title
    for q, kid in zip(guide.technical.questions, children[labels["technical"]], strict=True):
        assert isinstance(kid, Destination)
        assert reader.get_destination_page_number(kid) == dests[f"q-{q.id}"][0]


# --- accessibility and metadata -----------------------------------------------------------------

def _walk_struct(reader: PdfReader) -> Iterator[Any]:
    """Every structure element reachable from the StructTreeRoot (the tree screen readers use)."""
    stack = [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        yield node
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            obj = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(obj, dict) and obj.get("/Type") == "/StructElem":
                stack.append(obj)


def _struct_tags(reader: PdfReader) -> Counter[str]:
    return Counter(str(node["/S"]) for node in _walk_struct(reader) if "/S" in node)


def test_tagged_pdf_ua(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    reader = PdfReader(pdf)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == guide.meta.language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert 'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data().decode()
    assert reader.metadata.title == guide.meta.title
    tags = _struct_tags(reader)
    sections = sections_of(guide, labels_for(guide))
    assert tags["/H1"] == 1
    assert tags["/H2"] == len(sections) + 1  # + the contents heading
    assert tags["/H3"] == (len(guide.technical.questions) + len(guide.behavioural.questions)
                           + len(guide.red_flags))
    links = len(sections) + len(guide.technical.questions) + 2 * sum(
        1 for r in guide.resources if r.url)
    assert tags["/Link"] >= links
    for page in reader.pages:
        assert page["/Tabs"] == "/S"
        for annot in page.get("/Annots", []):
            assert "/StructParent" in annot.get_object()


def test_document_metadata(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    info = PdfReader(pdf).metadata
    assert info.subject == guide.meta.description
    assert info["/Keywords"] == ", ".join(guide.meta.keywords)
    assert info.author == guide.meta.author
    assert info["/CreationDate"].startswith(f"D:{guide.meta.updated:%Y%m%d}")


def test_unbranded_footer_names_the_guide(plain: tuple[Guide, Path]) -> None:
    guide, pdf = plain
    footers = footer_texts(pdf)
    for number, footer in enumerate(footers, start=1):
        assert footer == f"{guide.meta.title} {number} / {len(footers)}"
    assert "/Figure" not in _struct_tags(PdfReader(pdf))


# --- branding -----------------------------------------------------------------------------------

def test_brand_on_title_block_and_every_footer(branded: tuple[Guide, Path]) -> None:
    guide, pdf = branded
    brand = guide.brand
    assert brand is not None and brand.contact is not None
    contact = " · ".join(x for x in (brand.contact.name, brand.contact.email,
                                     brand.contact.website) if x)
    first = body_texts(pdf)[0]
    assert first.startswith(f"{brand.organisation} {contact}")
    assert first.index(contact) < first.index(guide.meta.title)
    footers = footer_texts(pdf)
    for number, footer in enumerate(footers, start=1):
        assert footer == f"{brand.footer} {number} / {len(footers)}"
    assert PdfReader(pdf).metadata.author == brand.organisation


def test_logo_is_drawn_and_described(branded: tuple[Guide, Path]) -> None:
    """The SVG logo is drawn as vectors in the brand block (above the title), with alt text."""
    guide, pdf = branded
    assert guide.brand is not None and guide.brand.logo is not None
    figures = [node for node in _walk_struct(PdfReader(pdf)) if node.get("/S") == "/Figure"]
    assert [f["/Alt"] for f in figures] == [f"{guide.brand.organisation} logo"]
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        title_top = page.search(re.escape(guide.meta.title.split()[0]))[0]["top"]
        logos = logo_boxes(page, BRAND / guide.brand.logo)
    assert len(logos) == 1 and logos[0][3] < title_top


def test_accent_colours_the_headings(branded: tuple[Guide, Path]) -> None:
    guide, pdf = branded
    assert guide.brand is not None and guide.brand.accent is not None
    accent = rgb(guide.brand.accent)
    dests = named_dests(PdfReader(pdf))
    with pdfplumber.open(pdf) as doc:
        for section in sections_of(guide, labels_for(guide)):
            page, top = dests[section.id]
            p = doc.pages[page]
            match = next(m for m in p.search(re.escape(section.title))
                         if abs((p.height - m["top"]) - top) < 16)
            colours = {tuple(round(v, 3) for v in c["non_stroking_color"])
                       for c in match["chars"]}
            assert colours == {accent}, section.title


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_bad_brand_in_a_guide_is_a_clear_error(path: Path, tmp_path: Path) -> None:
    result = run_cli("build", path.relative_to(ROOT), "--project", ROOT, "--edition", "handout",
                     "--out", tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == path.with_suffix(".expected").read_text().splitlines()
    assert not list(tmp_path.iterdir())


def test_bad_colour_in_project_brand_yaml_is_a_clear_error(tmp_path: Path) -> None:
    project = BRAND / "invalid" / "project-bad-colour"
    result = run_cli("build", MLOPS, "--project", project.relative_to(ROOT),
                     "--edition", "handout", "--out", tmp_path)
    assert result.code == 2
    expected = project.with_suffix(".expected").read_text().splitlines()
    assert result.err.splitlines() == expected
