"""The print edition: a self-test booklet printed double-sided, question on the front of a sheet and
its strong answer on the back.

CSS puts every question page on a recto (`break-before: recto`) and its answer on the next page. What
CSS cannot promise is that an answer fits its one page, so after laying out we read where each
question and answer landed (`Page.anchors`), shrink the type of the answers that spilled by one step,
and lay out again, a few passes at most. An answer that still spills at the readable floor fails the
build with the question's path and the overflow, so the booklet never silently loses its front/back
pairing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..markup import render_markdown
from ..model import Guide, Paper
from ..problems import BuildError
from ..render import Project, render_pdf_document, write_pdf
from . import Options, paper_suffix

if TYPE_CHECKING:
    from weasyprint import Document

NAME = "print"
STYLESHEETS = ["fonts.css", "pdf-common.css", "print.css"]

#: Body sizes of the answer text, normal first; the last is the readable floor. print.css defines a
#: `fit-N` class for each step after the first.
FIT_SIZES_PT = (10.5, 9.75, 9.25, 8.5)
FLOOR_LINE_HEIGHT = 1.4  # line-height of the floor step in print.css, to express overflow in lines
MIN_WRITING_MM = 45  # below this a question page has no real room to answer on
PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class PaperGeometry:
    """One paper's page box; margins mirror for duplex (inner = binding edge)."""

    name: Paper
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    inner_mm: float
    outer_mm: float
    line_pitch_mm: float  # spacing of the ruled writing lines
    cover_margin_mm: float = 22

    @property
    def content_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm


PAPERS: dict[Paper, PaperGeometry] = {
    "a4": PaperGeometry("a4", 210, 297, 20, 22, 24, 17, 8.0),
    "letter": PaperGeometry("letter", 215.9, 279.4, 19, 21, 24, 17, 7.94),  # rule 5/16 in
}


@dataclass(frozen=True)
class Sheet:
    """One printed sheet: a question on the recto, what answers it on the verso."""

    front: str  # element id of the question page
    back: str  # element id of the answer page
    writing: str  # element id of the space to write in (ruled lines or STAR boxes)
    label: str  # how a reader names it: "Q3", "B2"
    path: tuple[str | int, ...]  # the guide field that fills the back


def filename(guide: Guide, options: Options) -> str:
    return f"{guide.meta.id}-print{paper_suffix(guide, options)}.pdf"


def render(guide: Guide, project: Project, options: Options) -> bytes:
    paper = PAPERS[options.paper_for(guide)]
    document = lay_out(guide, project, paper)
    return write_pdf(document)


def sheets(guide: Guide) -> list[Sheet]:
    """Every front/back pair, in booklet order, with the ids the templates give them."""
    technical = [Sheet(f"q-{q.id}", f"a-{q.id}", f"w-{q.id}", f"Q{i + 1}",
                       ("technical", "questions", i, "answer"))
                 for i, q in enumerate(guide.technical.questions)]
    behavioural = [Sheet(f"q-{q.id}", f"a-{q.id}", f"w-{q.id}", f"B{i + 1}",
                         ("behavioural", "questions", i, "shows"))
                   for i, q in enumerate(guide.behavioural.questions)]
    return technical + behavioural


def lay_out(guide: Guide, project: Project, paper: PaperGeometry) -> Document:
    """Lay out the booklet, shrinking spilled answers a step at a time until every one fits."""
    pairs = sheets(guide)
    fit: dict[str, int] = {}
    while True:
        document = _render(guide, project, paper, fit)
        spills = _spills(document, pairs)
        if not spills:
            document = _drop_spare_parity_page(document)
            _check_parity(document, pairs)
            return document
        for spill in spills:
            if spill.front or fit.get(spill.sheet.back, 0) == len(FIT_SIZES_PT) - 1:
                raise BuildError(spill.message(), path=spill.path)
            fit[spill.sheet.back] = fit.get(spill.sheet.back, 0) + 1


@dataclass(frozen=True)
class Spill:
    """A question page (front) or answer page (back) whose content ran past its one page."""

    sheet: Sheet
    front: bool
    overflow_px: float

    @property
    def path(self) -> tuple[str | int, ...]:
        return (*self.sheet.path[:-1], "question") if self.front else self.sheet.path

    def message(self) -> str:
        mm = self.overflow_px / PX_PER_MM
        if self.front:
            return (f"{self.sheet.label} leaves too little room to write an answer on its page: "
                    f"it needs {mm:.0f} mm more for {MIN_WRITING_MM} mm of writing space; "
                    "shorten the question or its topics")
        line_mm = FIT_SIZES_PT[-1] * FLOOR_LINE_HEIGHT * 25.4 / 72
        lines = max(1, round(mm / line_mm))
        what = "strong answer" if self.sheet.path[-1] == "answer" else "interviewer note"
        return (f"{self.sheet.label}'s {what} does not fit on the back of its page: even at the "
                f"smallest readable size ({FIT_SIZES_PT[-1]}pt) it runs over by {mm:.0f} mm "
                f"(about {lines} lines); shorten it by at least that much")


def _spills(document: Document, pairs: list[Sheet]) -> list[Spill]:
    """Question pages without room to write, and answer pages whose content runs onto a further
    page, with how much room is missing (px)."""
    spills: list[Spill] = []
    for sheet in pairs:
        missing = MIN_WRITING_MM * PX_PER_MM - _writing_room(document, sheet)
        if missing > 0:
            spills.append(Spill(sheet, True, missing))
            continue
        fragments = _pages_of(document, sheet.back)
        if len(fragments) > 1:
            spills.append(Spill(sheet, False, sum(height for _, height in fragments[1:])))
    return spills


def _writing_room(document: Document, sheet: Sheet) -> float:
    """Height (px) left to write in on a question page; negative when the question itself runs
    past the page, so the shortfall counts the overrun too."""
    front, writing = _boxes(document, sheet.front), _boxes(document, sheet.writing)
    if len(front) > 1:
        return -sum(bottom - top for _, top, bottom in front[1:])
    if len(writing) != 1 or writing[0][0] != front[0][0]:
        return 0.0
    (_, _, page_bottom), (_, top, bottom) = front[0], writing[0]
    return min(bottom, page_bottom) - top


def _drop_spare_parity_page(document: Document) -> Document:
    """The template always ends with a "left blank" page; keep it only when it makes the count even.

    Deciding after layout costs nothing: it is the last page, so no page number or link moves.
    """
    if len(document.pages) % 2:
        return document.copy(document.pages[:-1])
    return document


def _render(guide: Guide, project: Project, paper: PaperGeometry, fit: dict[str, int]) -> Document:
    page = project.render_template("print/booklet.html", guide, paper=paper, fit=fit,
                                   qr_uri=qr_data_uri, print_markdown=print_markdown)
    return render_pdf_document(project, guide, page, STYLESHEETS)


def _boxes(document: Document, anchor: str) -> list[tuple[int, float, float]]:
    """(page index, top, bottom in px) of each fragment of the element with this id."""
    return [(index, page.anchors[anchor][1], page.anchors[anchor][3])
            for index, page in enumerate(document.pages) if anchor in page.anchors]


def _pages_of(document: Document, anchor: str) -> list[tuple[int, float]]:
    """(page index, fragment height in px) of every page an element with this id touches."""
    return [(index, bottom - top) for index, top, bottom in _boxes(document, anchor)]


def _check_parity(document: Document, pairs: list[Sheet]) -> None:
    """The promise the booklet makes to its reader, checked on the real layout, not assumed."""
    pages = len(document.pages)
    for sheet in pairs:
        front, back = _pages_of(document, sheet.front), _pages_of(document, sheet.back)
        if not (front and back and front[0][0] % 2 == 0 and back[0][0] == front[0][0] + 1):
            raise BuildError(f"layout put {sheet.label} on page {front[0][0] + 1 if front else '?'} "
                             f"and its answer on page {back[0][0] + 1 if back else '?'}; "
                             "expected an odd page and the page after it", path=sheet.path)
    if pages % 2:
        raise BuildError(f"layout made {pages} pages; a double-sided booklet needs an even count")


_LINK = re.compile(r'<a href="(https://[^"]+)">([^<]*)</a>')


def print_markdown(text: str) -> Markup:
    """Answer Markdown for paper: a link whose text is not its address is marked `print-url`, so
    print.css can print the address after it (a reader cannot click paper)."""

    def mark(match: re.Match[str]) -> str:
        href, label = match.groups()
        if html.unescape(label).strip() == html.unescape(href):
            return match.group(0)
        return f'<a class="print-url" href="{href}">{label}</a>'

    return Markup(_LINK.sub(mark, str(render_markdown(text))))


@cache
def qr_data_uri(url: str) -> str:
    """A QR code for a URL as an SVG data: URI: vector, deterministic, and nothing to fetch."""
    import segno

    code = segno.make_qr(url, error="m")
    return code.svg_data_uri(scale=1, border=0, dark="#1a1a1a", omit_charset=True)
