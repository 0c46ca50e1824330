"""The handout PDF, read back from the real file: content, size, links, bookmarks, tags, branding,
and the page design (how full its pages are, answers kept whole, the closing's link and QR code).

Expectations come from the loaded Guide (and the brand fixture), never from a previous output.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import Destination

from guidegen.editions import handout
from guidegen.model.guide import Guide
from guidegen.model.markdown import render_markdown
from guidegen.model.sections import sections as sections_of
from guidegen.render.project import Project
from helpers import FIXTURES, MLOPS, ROOT, guide_of, in_order, output_name, run_cli, squash
from helpers.pdf import content_bottoms, logo_boxes, pdf_ua_failures, qr_matrix, rgb

pytestmark = pytest.mark.usefixtures("in_repo")  # messages name files as a user in the repository sees them

BRAND = FIXTURES / "brand"  # a project whose brand.yaml applies to any guide built with it
INVALID = sorted((BRAND / "invalid").glob("*.yaml"))
SIZE_BUDGET = 100 * 1024
FOOTER_MM = 20  # the bottom page margin, where the footer and page numbers sit
TOP_MM = 18  # the top page margin (the first page's band starts at the paper's edge)
POINTS_PER_MM = 72 / 25.4
PAPER_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}

Build = Callable[..., Path]


def labels_for(guide: Guide) -> dict[str, str]:
    return Project(ROOT).labels(guide, "handout")


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
    process_end = text.index(squash(guide.stages[-1].name))
    after_summary = text.index(squash(labels_for(guide)["technical"]), process_end)
    questions = [squash(technical_heading(i, q.question))
                 for i, q in enumerate(guide.technical.questions, start=1)]
    starts = [text.index(q, after_summary) for q in questions]
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

def test_summary_links_land_on_their_sections_with_their_pages(plain: tuple[Guide, Path]) -> None:
    """Page 1 sums up what is inside: a tile per part, each a link to its section, showing the
    count (from the guide) and the page the link lands on."""
    guide, pdf = plain
    reader = PdfReader(pdf)
    dests, headings = named_dests(reader), expected_dests(guide)
    summed = [s for s in sections_of(guide, labels_for(guide)) if s.count]
    links = [str(a.get_object()["/Dest"]) for a in reader.pages[0]["/Annots"]
             if "/Dest" in a.get_object()]
    assert list(dict.fromkeys(links)) == [s.id for s in summed]
    page_word = labels_for(guide)["page"]
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0]
        tiles: dict[str, tuple[float, float, float, float]] = {}
        for annot in first.annots:  # a tile may be several link areas: take them together
            dest = annot["data"].get("Dest")
            if dest is None:
                continue
            name = dest.decode() if isinstance(dest, bytes) else str(dest)
            box = tiles.get(name, (annot["x0"], annot["top"], annot["x1"], annot["bottom"]))
            tiles[name] = (min(box[0], annot["x0"]), min(box[1], annot["top"]),
                           max(box[2], annot["x1"]), max(box[3], annot["bottom"]))
        for section in summed:
            page, top = dests[section.id]
            assert heading_at(doc.pages[page], top, headings[section.id]), section.id
            text = squash(first.crop(tiles[section.id]).extract_text())
            assert text.startswith(f"{section.count}{squash(section.what)}"), text
            assert text.endswith(f"{squash(page_word)}{page + 1}"), text


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
    assert tags["/H2"] == len(sections)
    assert tags["/H3"] == len(guide.technical.questions) + len(guide.behavioural.questions)
    links = sum(1 for s in sections if s.count) + 2 * sum(1 for r in guide.resources if r.url)
    assert tags["/Link"] >= links
    for page in reader.pages:
        assert page["/Tabs"] == "/S"
        for annot in page.get("/Annots", []):
            assert "/StructParent" in annot.get_object()


def _lists_in(guide: Guide) -> int:
    """How many lists the handout holds: the summary, the stages, the red flags, the resources
    (when there are any), and every list in every answer."""
    answers = "".join(str(render_markdown(q.answer)) for q in guide.technical.questions)
    return 3 + bool(guide.resources) + answers.count("<ul") + answers.count("<ol")


def test_one_list_element_per_list_across_page_breaks(plain: tuple[Guide, Path]) -> None:
    """A list that a page break splits is still one list to a screen reader (and so is any split
    section or paragraph)."""
    guide, pdf = plain
    assert _struct_tags(PdfReader(pdf))["/L"] == _lists_in(guide)


def test_links_are_not_nested_and_headings_not_empty(plain: tuple[Guide, Path]) -> None:
    """No Link element inside another (each summary tile is one link), and every heading marks
    some content (pdfua's own check of that, UA-14-001, cannot run: see the README)."""
    with pikepdf.open(plain[1]) as document:
        stack = [(element, False) for element in _kids(document.Root.StructTreeRoot)]
        while stack:
            element, in_link = stack.pop()
            role = str(element.get("/S"))
            assert not (in_link and role == "/Link")
            if re.fullmatch(r"/H\d", role):
                assert _marks_content(element), role
            stack += [(kid, in_link or role == "/Link") for kid in _kids(element)]


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") not in ("/MCR", "/OBJR")]


def _marks_content(element: Any) -> bool:
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    return any(isinstance(k, int) or (isinstance(k, pikepdf.Dictionary) and
                                      (k.get("/Type") == "/MCR" or _marks_content(k))) for k in kids)


PX_PER_PT = 4 / 3  # WeasyPrint draws in CSS pixels, scaled to points by the page's matrix


def _marked_text(pdf: Path) -> Iterator[tuple[int, float, str, int | None]]:
    """Every piece of text drawn, read from the content streams: (page index, its distance from
    the page's top in points, the outermost marked-content tag around it, the innermost
    marked-content id)."""
    with pikepdf.open(pdf) as document:
        for number, page in enumerate(document.pages):
            stack: list[tuple[str, int | None]] = []
            y = 0.0
            for instruction in pikepdf.parse_content_stream(page):
                operator, operands = str(instruction.operator), instruction.operands
                if operator == "BDC":
                    props = operands[1]
                    marked = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
                    mcid = int(props.MCID) if marked else None
                    stack.append((str(operands[0]), mcid))
                elif operator == "BMC":
                    stack.append((str(operands[0]), None))
                elif operator == "EMC":
                    stack.pop()
                elif operator == "Tm":
                    y = float(operands[5]) / PX_PER_PT  # WeasyPrint's pages are drawn top down
                elif operator in ("Tj", "TJ"):
                    mcids = [m for _, m in stack if m is not None]
                    yield number, y, stack[0][0] if stack else "", mcids[-1] if mcids else None


def test_footer_is_an_artifact_and_every_other_text_is_tagged(plain: tuple[Guide, Path]) -> None:
    """In the content stream, the running footer and page number are marked as artifacts (of
    pagination) and everything else is marked content whose id the structure tree owns."""
    _, pdf = plain
    with pikepdf.open(pdf) as document:
        heights = [float(page.mediabox[3]) for page in document.pages]
        owned: dict[int, set[int]] = {}
        nums = document.Root.StructTreeRoot.ParentTree.Nums
        for position in range(0, len(nums), 2):
            entry = nums[position + 1]
            if isinstance(entry, pikepdf.Array):
                owned[int(nums[position])] = {i for i, e in enumerate(entry)
                                              if isinstance(e, pikepdf.Dictionary)}
    footers: dict[int, int] = {}
    for page, y, tag, mcid in _marked_text(pdf):
        in_footer = y > heights[page] - FOOTER_MM * POINTS_PER_MM
        if in_footer:
            assert tag == "/Artifact", (page, y)
            footers[page] = footers.get(page, 0) + 1
        else:
            assert tag != "/Artifact" and mcid in owned.get(page, set()), (page, y, tag, mcid)
    assert sorted(footers) == list(range(len(heights)))
    assert all(count >= 2 for count in footers.values())  # the footer line and the page number


@pytest.mark.parametrize("branded_build", [False, True], ids=["plain", "branded"])
def test_pdfua_checker_finds_nothing(branded_build: bool, build_dir: Build, guide_path: Path) -> None:
    """The pdfua checker (PyPI; the machine-checkable subset of PDF/UA-1) reports no finding."""
    pdf = built(build_dir, guide_path, branded=branded_build)
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", str(pdf)],
                            capture_output=True, text=True, timeout=120, check=False)
    report = json.loads(result.stdout)
    assert report["findings"] == [], report["findings"]
    assert [s["rule_id"] for s in report.get("skipped", [])] in ([], ["UA-14-001"])


@pytest.mark.parametrize("branded_build", [False, True], ids=["plain", "branded"])
def test_an_independent_validator_finds_it_pdf_ua_1(branded_build: bool, build_dir: Build,
                                                    guide_path: Path) -> None:
    """page-validation (another implementation of PDF/UA-1 than pdfua's) passes the handout: every
    link annotation sits inside a Link structure element, nested boxes of a link included."""
    assert pdf_ua_failures(built(build_dir, guide_path, branded=branded_build)) == []


# --- the page design ----------------------------------------------------------------------------

def page_fills(pdf: Path) -> list[float]:
    """How full each page is: its lowest text or box, as a share of its content height."""
    with pdfplumber.open(pdf) as doc:
        fills = []
        for number, page in enumerate(doc.pages):
            top = 0 if number == 0 else TOP_MM * POINTS_PER_MM
            bottom = page.height - FOOTER_MM * POINTS_PER_MM
            fills.append((content_bottoms(page, top, bottom) - top) / (bottom - top))
        return fills


@pytest.mark.parametrize("branded_build", [False, True], ids=["plain", "branded"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_page_is_less_than_a_third_full(branded_build: bool, paper: str, build_dir: Build,
                                           guide_path: Path) -> None:
    """No runt last page, on either paper: every page at least a third full, unless it is the only
    one; and no page more than the pages the content needs, kept-together answers allowed for."""
    project = BRAND if branded_build else ROOT
    out = build_dir("handout", guide_path, "--paper", paper,
                    *(["--project", str(project)] if branded_build else []))
    guide = guide_of(guide_path, project)
    pdf = out / output_name("handout", guide, handout_options(paper))
    fills = page_fills(pdf)
    if len(fills) > 1:
        assert min(fills) >= handout.MIN_LAST_PAGE, fills
    assert len(fills) <= math.ceil(sum(fills)) + 1, fills


def handout_options(paper: str) -> Any:
    from guidegen.editions import Options

    return Options(paper=paper)  # type: ignore[arg-type]


def test_answers_are_kept_whole_on_a_page(plain: tuple[Guide, Path]) -> None:
    """A question and its answer begin and end on one page, unless together they are taller than
    a page."""
    guide, pdf = plain
    with pdfplumber.open(pdf) as doc:
        content = doc.pages[1].height - (TOP_MM + FOOTER_MM) * POINTS_PER_MM
        for i, q in enumerate(guide.technical.questions, start=1):
            start = _found(doc, technical_heading(i, q.question))
            end = _found(doc, [*markdown_blocks(q.answer)][-1], last=True)
            if start[0] != end[0]:
                height = (doc.pages[start[0]].height - FOOTER_MM * POINTS_PER_MM - start[1]) + (
                    end[2] - TOP_MM * POINTS_PER_MM)
                assert end[0] == start[0] + 1 and height > content, f"Q{i} split over pages"


def _found(doc: Any, text: str, last: bool = False) -> tuple[int, float, float]:
    """(page index, top, bottom) of the first (or last) line of `text` in the document."""
    words = text.split()
    probe = words[-4:] if last else words[:4]
    pattern = r"\s*".join(re.escape(w) for w in probe)
    for number, page in enumerate(doc.pages):
        matches = page.search(pattern, regex=True)
        if matches:
            match = matches[-1] if last else matches[0]
            return number, match["top"], match["bottom"]
    raise AssertionError(f"not found: {text[:50]!r}")


def test_no_booklet_instructions(plain: tuple[Guide, Path]) -> None:
    """A handout has printed answers: "write your own answer first" belongs to the booklet."""
    guide, pdf = plain
    assert squash(guide.technical.instruction) not in squash(whole_text(pdf))


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
    contact = " ".join(x for x in (brand.contact.name, brand.contact.email, brand.contact.website) if x)
    first = body_texts(pdf)[0]
    assert first.startswith(f"{brand.organisation} {contact}")  # the letterhead, above the band
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
    labels = labels_for(guide)
    assert sorted(f["/Alt"] for f in figures) == sorted([
        labels["logo_alt"].format(organisation=guide.brand.organisation),
        labels["qr_alt"].format(url=guide.closing_url)])  # the logo, and the closing's QR code
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


# --- the closing: a call to action with the contact, the link and its QR code ---------------------

def _closing_page(pdf: Path) -> Any:
    return pdfplumber.open(pdf).pages[-1]


def test_branded_closing_carries_the_contact_link_and_qr_code(branded: tuple[Guide, Path]) -> None:
    """The last section calls to action (the guide's closing, or "get in touch" when it has none):
    the brand's contact with its email and website as links, and a QR code of the link, which
    is the closing's own url or else the brand's website."""
    guide, pdf = branded
    assert guide.brand and guide.brand.contact and guide.closing_url
    title = guide.closing.title if guide.closing else labels_for(guide)["contact"]
    assert sections_of(guide, labels_for(guide))[-1].title == title
    page = _closing_page(pdf)
    text = squash(page.extract_text())
    contact = guide.brand.contact
    assert in_order([squash(title), squash(guide.brand.organisation), squash(contact.name or ""),
                      squash(contact.email or ""), squash(contact.website or "")], text)
    uris = {link["uri"] for link in page.hyperlinks}
    assert {f"mailto:{contact.email}", contact.website} <= uris
    _assert_qr(page, guide.closing_url)
    page.close()


def _assert_qr(page: Any, url: str) -> None:
    expected = segno.make_qr(url, error="m").matrix
    assert qr_matrix(page, (0, 0, page.width, page.height), len(expected)) == [
        [bool(v) for v in row] for row in expected]


def test_closing_url_is_the_link_and_its_qr_code(tmp_path: Path) -> None:
    """A closing with its own `url` shows it as a link, with a QR code of it."""
    text = MLOPS.read_text(encoding="utf-8")
    url = "https://jobs.example/mlops-engineer?region=uk"
    closing = "  text: Browse live MLOps engineer roles across the UK — updated daily.\n"
    assert closing in text
    text = text.replace(closing, f"{closing}  url: {url}\n")
    guide_file = tmp_path / "content" / "closing-url.yaml"
    guide_file.parent.mkdir()
    guide_file.write_text(text, encoding="utf-8")
    result = run_cli("build", guide_file, "--project", ROOT, "--edition", "handout",
                     "--out", tmp_path / "out", "--quiet", "--jobs", "1")
    assert result.code == 0, result.err
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    page = _closing_page(pdf)
    assert url in {link["uri"] for link in page.hyperlinks}
    assert squash(url) in squash(page.extract_text())
    _assert_qr(page, url)
    page.close()


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
