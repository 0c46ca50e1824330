"""The print edition: a self-test booklet printed double-sided, question on the front of a sheet and
its strong answer on the back.

Every question sheet is exactly two pages: each page is a block of known size (a question page's
ruled writing space runs past its foot and is clipped; its STAR boxes are sized from the measured
height of the question above them), with its running head, page number and footer in the flow. So
once the front matter's page count is known, every page number is known, and the booklet is laid
out in independent parts:

1. the *plan*: the front matter without the contents' page numbers (they sit in a column of their own
   and never move the layout), to count its pages, and each behavioural question's head, measured;
2. the *first document*: front and back matter, numbered as if the sheets stood between them;
3. the sheets, in chunks of whole sheets, each its own WeasyPrint document;
4. the parts joined into one PDF (pikepdf), with the outline, named destinations and internal links
   built from what each part recorded, since no part can see another's anchors.

Parts 2 and 3 are laid out across the cores, each in a worker forked for it alone. Small documents
are what make this fast and lean: WeasyPrint's cost per page grows with the size of the document (it
walks every element's style for every page), its memory with the pages it holds, and plain blocks
of known size lay out several times faster than a grid, and page-margin boxes cost more than the
rest of a question page. `CHUNK_SHEETS = None` lays the booklet out as one document instead: the
reference the chunked output must equal (tests/test_chunking.py).

What CSS cannot promise is that an answer fits its one page, so after laying out a chunk we read where
each answer ended (`Page.anchors`), shrink the type of the answers that ran over by one step, and lay
the chunk out again. An answer that still runs over at the readable floor fails the build with the
question's path and the overflow, so the booklet never silently loses its front/back pairing.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import processes
from ..markup import render_markdown
from ..model import BehaviouralQuestion, Guide, Paper, TechnicalQuestion
from ..partcache import cached_parts
from ..pdfjoin import Pages, join, take_marks
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
TURN_OVER_MM = 6.4  # the "turn over" line at the foot of a question page (2 mm above 8pt text)
STAR_SHARES = (1, 1, 1.6, 1)  # Situation, Task, Action, Result: Action gets the most room
STAR_GAP_MM = 2.5  # between STAR boxes (print.css)
STAR_FOOT_MM = 1.5  # kept free of rules above a STAR box's bottom border
STAR_BORDER_MM = 0.75 * 25.4 / 72

#: Sheets per chunk when the booklet is laid out in parts; None lays it out as one WeasyPrint
#: document (slower and hungrier for big guides; the reference the chunked output must equal).
CHUNK_SHEETS: int | None = 50
COVER_PAGES = 2  # the cover and "how to use" on its back, not laid out by the plan
#: Even a small booklet is split this far, so two cores share it evenly beside the first document.
MIN_CHUNKS = 3


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

    @property
    def content_width_mm(self) -> float:
        return self.width_mm - self.inner_mm - self.outer_mm

    @property
    def sheet_height_mm(self) -> float:
        """A question page's body (_geometry.html): the page's content height."""
        return round(self.content_height_mm, 2)


PAPERS: dict[Paper, PaperGeometry] = {
    "a4": PaperGeometry("a4", 210, 297, 20, 22, 24, 17, 8.0),
    "letter": PaperGeometry("letter", 215.9, 279.4, 19, 21, 24, 17, 7.94),  # rule 5/16 in
}


@dataclass(frozen=True)
class Sheet:
    """One printed sheet: a question on the recto, what answers it on the verso."""

    kind: str  # "technical" or "behavioural"
    position: int  # among all sheets, in booklet order
    index: int  # within its section
    question: TechnicalQuestion | BehaviouralQuestion

    @property
    def label(self) -> str:
        """How a reader names it: "Q3", "B2"."""
        return f"{'Q' if self.kind == 'technical' else 'B'}{self.index + 1}"

    @property
    def front(self) -> str:  # element id of the question page
        return f"q-{self.question.id}"

    @property
    def back(self) -> str:  # element id of the answer page
        return f"a-{self.question.id}"

    @property
    def writing(self) -> str:  # element id of the space to write in (ruled lines or STAR boxes)
        return f"w-{self.question.id}"

    @property
    def opens(self) -> bool:
        """The first sheet of its section carries the section's title."""
        return self.index == 0

    @property
    def path(self) -> tuple[str | int, ...]:
        """The guide field that fills the back."""
        return (self.kind, "questions", self.index, "answer" if self.kind == "technical" else "shows")


@dataclass(frozen=True)
class Star:
    """A behavioural question's STAR boxes: each box's height and its ruled area's height (mm)."""

    boxes: tuple[float, ...]
    lines: tuple[float, ...]


@dataclass(frozen=True)
class Part:
    """What one WeasyPrint document of the booklet holds."""

    front: bool
    sheets: bool
    back: bool
    plan: bool = False  # laid out only to count pages and measure: no contents page numbers


WHOLE = Part(front=True, sheets=True, back=True)
PLAN = Part(front=True, sheets=False, back=False, plan=True)
FIRST = Part(front=True, sheets=False, back=True)
CHUNK = Part(front=False, sheets=True, back=False)


def filename(guide: Guide, options: Options) -> str:
    return f"{guide.meta.id}-print{paper_suffix(guide, options)}.pdf"


def render(guide: Guide, project: Project, options: Options) -> bytes:
    booklet = Booklet(guide, project, PAPERS[options.paper_for(guide)],
                      filename(guide, options).removesuffix(".pdf"))
    with processes.few_collections():
        booklet.plan()  # here, so that every worker inherits fonts and stylesheets in use
        if CHUNK_SHEETS is None:
            return write_pdf(booklet.lay_out_whole())
        first, *chunks = booklet.lay_out_parts([None, *chunk_ranges(len(booklet.sheets))])
    assert isinstance(first, First)
    return join([first.head, *chunks, first.tail], metadata_from=first.pdf)  # type: ignore[list-item]


def sheets(guide: Guide) -> list[Sheet]:
    """Every front/back pair, in booklet order."""
    technical = [Sheet("technical", i, i, q) for i, q in enumerate(guide.technical.questions)]
    offset = len(technical)
    behavioural = [Sheet("behavioural", offset + i, i, q)
                   for i, q in enumerate(guide.behavioural.questions)]
    return technical + behavioural


def chunk_ranges(count: int, size: int | None = None) -> list[tuple[int, int]]:
    """Whole sheets per chunk: at most `size` (CHUNK_SHEETS), and at least MIN_CHUNKS chunks (when
    there are enough sheets). Depends on the guide only, never on the machine, so the output's
    bytes do not either."""
    return processes.split(count, size or CHUNK_SHEETS or count, MIN_CHUNKS)


# ---- one document of the booklet


@dataclass
class Booklet:
    """A guide's booklet on one paper: its sheets and, once the first document is laid out, the page
    of its first sheet and the size of every STAR box."""

    guide: Guide
    project: Project
    paper: PaperGeometry
    output: str = "booklet.pdf"  # the file it makes: names its entries in the part cache
    sheets: list[Sheet] = field(init=False)
    first_page: int = 0  # the first sheet's page number, once planned
    stars: dict[str, Star] = field(default_factory=dict)
    _used: list[str] = field(default_factory=list)  # part cache keys used besides the parts'
    _htmls: dict[tuple[Any, ...], str] = field(default_factory=dict)  # see plain_html

    def __post_init__(self) -> None:
        self.sheets = sheets(self.guide)

    def html(self, part: Part, chunk: Sequence[Sheet], *, fit: dict[str, int] | None = None,
             measured: Sequence[Sheet] = (), extra_css: str = "") -> str:
        return self.project.render_template(
            "print/booklet.html", self.guide, paper=self.paper, part=part, sheets=chunk,
            all_sheets=self.sheets, first_page=self.first_page, stars=self.stars, fit=fit or {},
            measured=measured, turn_over_mm=TURN_OVER_MM, extra_css=extra_css,
            qr_uri=qr_data_uri, print_markdown=print_markdown, css_string=css_string)

    def plain_html(self, part: Part, chunk: Sequence[Sheet]) -> str:
        """The HTML of one document before any answer is shrunk: rendered once, both for its
        part cache key (in the parent) and for its first layout (in the child that inherits it)."""
        memo = (part, chunk[0].position, len(chunk)) if chunk else (part,)
        if memo not in self._htmls:
            self._htmls[memo] = self.html(part, chunk)
        return self._htmls[memo]

    def lay_out(self, part: Part, chunk: Sequence[Sheet]) -> Document:
        """Lay out one document, shrinking spilled answers a step at a time until every one fits."""
        fit: dict[str, int] = {}
        while True:
            html = self.html(part, chunk, fit=fit) if fit else self.plain_html(part, chunk)
            document = render_pdf_document(self.project, self.guide, html, STYLESHEETS)
            spills = _spills(document, chunk, self.paper)
            if not spills:
                return document
            for spill in spills:
                if spill.front:
                    raise BuildError(spill.message(), path=spill.path)
                if fit.get(spill.sheet.back, 0) == len(FIT_SIZES_PT) - 1:
                    overflow = self._overflow(spill.sheet, fit)
                    raise BuildError(Spill(spill.sheet, False, overflow).message(), path=spill.path)
                fit[spill.sheet.back] = fit.get(spill.sheet.back, 0) + 1

    def _overflow(self, sheet: Sheet, fit: dict[str, int]) -> float:
        """How far (px) a back's content runs past its page, measured on a page tall enough to hold
        all of it (on the real page, what runs past the paper's edge is not laid out)."""
        tall = f"@page sheet {{ size: {self.paper.width_mm}mm 3000mm; }} .sheet-body {{ height: auto; }}"
        document = render_pdf_document(
            self.project, self.guide, self.html(CHUNK, [sheet], fit=fit, extra_css=tall),
            STYLESHEETS)
        (_, top, bottom), *_ = _boxes(document, sheet.back)
        return bottom - top - self.paper.sheet_height_mm * PX_PER_MM

    def plan(self) -> None:
        """Count the front matter's pages and measure the behavioural questions' heads.

        The contents print each question's page, which depends on how many pages the front matter
        takes. Its page numbers sit in a column of their own and never change its layout, so a
        plain layout without them (and without anything else out of the flow) counts the pages
        cheaply; then the first document and every chunk can be laid out at once.
        """
        measured = [s for s in self.sheets if s.kind == "behavioural"]
        html = self.html(PLAN, (), measured=measured)
        cache, key = self.project.cache, ""
        if cache is not None:
            key = self._key(html)
            if (found := cache.get(self.output, key)) is not None:
                self.first_page = found[1]["first_page"]
                self.stars = {front: Star(tuple(boxes), tuple(lines))
                              for front, (boxes, lines) in found[1]["stars"].items()}
                self._used.append(key)
                return
        document = render_pdf_document(self.project, self.guide, html, STYLESHEETS)
        front = COVER_PAGES + _page_index(document, "measure")
        self.first_page = front + front % 2 + 1  # a blank page makes an odd count even
        self.stars = self._stars(document, measured)
        if cache is not None:
            stars = {front: [star.boxes, star.lines] for front, star in self.stars.items()}
            cache.put(self.output, key, b"", {"first_page": self.first_page, "stars": stars})
            self._used.append(key)

    def lay_out_parts(self, jobs: Sequence[Job]) -> list[First | Pages]:
        """Each job's part, from the part cache or laid out across the build's processes."""
        return cached_parts(
            self.project.cache, self.output, jobs, key=lambda job: self._key(self._job_html(job)),
            lay_out=self._lay_out_part, encode=lambda part: (part.pdf, _part_data(part)),
            decode=_part_from, also_keep=self._used, meanwhile=_import_pikepdf)

    def _job_html(self, job: Job) -> str:
        return self.plain_html(*((FIRST, ()) if job is None else (CHUNK, self.sheets[slice(*job)])))

    def _key(self, html: str) -> str:
        assert self.project.cache is not None
        logo = self.project.logo_path(self.guide)
        return self.project.cache.key(html, [logo] if logo else [])

    def _lay_out_part(self, job: Job) -> First | Pages:
        return self.lay_out_first() if job is None else self.lay_out_chunk(*job)

    def lay_out_first(self) -> First:
        """Front matter and back matter, numbered as if the sheets stood between them."""
        document = self.lay_out(FIRST, ())
        back = _page_index(document, "back-matter")
        if back + 1 != self.first_page:
            raise RuntimeError(f"the front matter took {back} pages, {self.first_page - 1} planned")
        parity = _page_index(document, "parity-page")  # kept only to make the count even
        keep = range(parity + (parity - back) % 2)
        pages = take_marks(document, keep)
        pdf = write_pdf(document.copy([document.pages[i] for i in keep]))
        return First(pdf, Pages(pdf, pages[:back], range(back)),
                     Pages(pdf, pages[back:], range(back, len(keep))))

    def lay_out_chunk(self, start: int, stop: int) -> Pages:
        """Sheets start..stop as their own document, numbered from their known first page."""
        chunk = self.sheets[start:stop]
        document = self.lay_out(CHUNK, chunk)
        _check_parity(document, chunk)
        pages = take_marks(document, range(len(document.pages)))
        pdf = write_pdf(document)
        return Pages(pdf, pages, range(len(pages)))

    def lay_out_whole(self) -> Document:
        """The booklet as one WeasyPrint document (once planned)."""
        document = self.lay_out(WHOLE, self.sheets)
        if len(document.pages) % 2:  # the spare parity page is the last: dropping it moves nothing
            document = document.copy(document.pages[:-1])
        _check_parity(document, self.sheets, first=self.first_page - 1)
        return document

    def _stars(self, document: Document, measured: Sequence[Sheet]) -> dict[str, Star]:
        """Size each behavioural question's STAR boxes to fill the page under its head."""
        labels = [_height_mm(document, f"m-star-{i}") for i in range(len(STAR_SHARES))]
        stars = {}
        for sheet in measured:
            head = _top_px(document, f"m-{sheet.writing}") - _top_px(document, f"m-{sheet.front}")
            room = self.paper.sheet_height_mm - TURN_OVER_MM - head / PX_PER_MM
            if room < MIN_WRITING_MM:
                raise BuildError(Spill(sheet, True, (MIN_WRITING_MM - room) * PX_PER_MM).message(),
                                 path=(*sheet.path[:-1], "question"))
            share = (room - STAR_GAP_MM * (len(STAR_SHARES) - 1)) / sum(STAR_SHARES)
            boxes = [math.floor(share * weight * 100) / 100 for weight in STAR_SHARES]
            lines = [max(0.0, round(box - label - STAR_BORDER_MM - STAR_FOOT_MM, 2))
                     for box, label in zip(boxes, labels, strict=True)]
            stars[sheet.front] = Star(tuple(boxes), tuple(lines))
        return stars


@dataclass(frozen=True)
class First:
    """The first document's PDF: its front matter goes first in the booklet, its back matter last."""

    pdf: bytes
    head: Pages
    tail: Pages


def _part_data(part: First | Pages) -> dict[str, Any]:
    """A part's marks as JSON data, for the part cache."""
    if isinstance(part, First):
        return {"head": part.head.meta(), "tail": part.tail.meta()}
    return part.meta()


def _part_from(pdf: bytes, data: dict[str, Any]) -> First | Pages:
    if "head" in data:
        return First(pdf, Pages.from_meta(pdf, data["head"]), Pages.from_meta(pdf, data["tail"]))
    return Pages.from_meta(pdf, data)


# ---- parts across the cores

Job = tuple[int, int] | None  # a chunk's sheets (start, stop), or None for the first document


def _import_pikepdf() -> None:
    """The join's library, imported (a quarter of a second) while the first parts are laid out."""
    import pikepdf  # noqa: F401


# ---- checking the layout


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


def _spills(document: Document, chunk: Sequence[Sheet], paper: PaperGeometry) -> list[Spill]:
    """Question pages without room to write, and answer pages whose content runs past the page's
    content box (into the foot, or off the paper), with how much room is missing (px)."""
    spills: list[Spill] = []
    for sheet in chunk:
        missing = MIN_WRITING_MM * PX_PER_MM - _writing_room(document, sheet, paper)
        if missing > 0:
            spills.append(Spill(sheet, True, missing))
            continue
        (_, top, bottom), *_ = _boxes(document, sheet.back)
        overflow = bottom - top - paper.sheet_height_mm * PX_PER_MM
        if overflow > 0.5:  # px; less is rounding
            spills.append(Spill(sheet, False, overflow))
    return spills


def _writing_room(document: Document, sheet: Sheet, paper: PaperGeometry) -> float:
    """Height (px) left to write in above the "turn over" line of a question page; negative when
    the question itself runs down past it. The page is a fixed block, so a question too long for it
    is clipped, and its writing space may not be laid out at all: then the room is the overrun."""
    front, writing = _boxes(document, sheet.front), _boxes(document, sheet.writing)
    if not front:
        return 0.0
    page, top, _ = front[0]
    foot = top + (paper.sheet_height_mm - TURN_OVER_MM) * PX_PER_MM
    if len(writing) != 1 or writing[0][0] != page:
        return -paper.sheet_height_mm * PX_PER_MM  # nothing left of the page: a page's worth over
    return foot - writing[0][1]


def _check_parity(document: Document, chunk: Sequence[Sheet], first: int = 0) -> None:
    """The promise the booklet makes to its reader, checked on the real layout, not assumed: each
    sheet's front on the page expected for it (`first`: the index of the first sheet's front), and
    its back right behind it."""
    for sheet in chunk:
        front, back = _pages_of(document, sheet.front), _pages_of(document, sheet.back)
        expected = first + 2 * (sheet.position - chunk[0].position)
        if not (len(front) == 1 and front[0][0] == expected and back and back[0][0] == expected + 1):
            raise BuildError(f"layout put {sheet.label} on page {front[0][0] + 1 if front else '?'} "
                             f"and its answer on page {back[0][0] + 1 if back else '?'}; "
                             "expected an odd page and the page after it", path=sheet.path)
    if len(document.pages) % 2:
        raise BuildError(f"layout made {len(document.pages)} pages; a double-sided booklet needs "
                         "an even count")


def _boxes(document: Document, anchor: str) -> list[tuple[int, float, float]]:
    """(page index, top, bottom in px) of each fragment of the element with this id."""
    return [(index, page.anchors[anchor][1], page.anchors[anchor][3])
            for index, page in enumerate(document.pages) if anchor in page.anchors]


def _pages_of(document: Document, anchor: str) -> list[tuple[int, float]]:
    """(page index, fragment height in px) of every page an element with this id touches."""
    return [(index, bottom - top) for index, top, bottom in _boxes(document, anchor)]


def _page_index(document: Document, anchor: str) -> int:
    (index, _, _), *_ = _boxes(document, anchor)
    return index


def _top_px(document: Document, anchor: str) -> float:
    return _boxes(document, anchor)[0][1]


def _height_mm(document: Document, anchor: str) -> float:
    (_, top, bottom), *_ = _boxes(document, anchor)
    return (bottom - top) / PX_PER_MM


# ---- template helpers

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


def css_string(value: str) -> Markup:
    """Text (plain or escaped markup) as a quoted CSS string, safe inside a <style> element."""
    text = value.unescape() if isinstance(value, Markup) else str(value)
    escaped = "".join(c if c.isalnum() or c in " .,;:!?'’-–—·()/" else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


@cache
def qr_data_uri(url: str) -> str:
    """A QR code for a URL as an SVG data: URI: vector, deterministic, and nothing to fetch."""
    import segno

    code = segno.make_qr(url, error="m")
    return code.svg_data_uri(scale=1, border=0, dark="#1a1a1a", omit_charset=True)
