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

import contextlib
import functools
import gc
import html
import io
import math
import multiprocessing
import os
import re
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from markupsafe import Markup

from ..markup import render_markdown
from ..model import BehaviouralQuestion, Guide, Paper, TechnicalQuestion
from ..problems import BuildError
from ..processes import die_with_parent
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
PT_PER_PX = 0.75
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
#: Parallel chunks: one process per core unless set (tests may set 1).
WORKERS: int | None = None


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
    booklet = Booklet(guide, project, PAPERS[options.paper_for(guide)])
    jobs: list[Job] = [None, *chunk_ranges(len(booklet.sheets))] if CHUNK_SHEETS else []
    workers = min(WORKERS or os.cpu_count() or 1, len(jobs))
    with _few_collections():
        booklet.plan()  # here, so that every worker inherits fonts and stylesheets in use
        if CHUNK_SHEETS is None:
            return write_pdf(booklet.lay_out_whole())
        if workers <= 1:
            return join(_lay_out_part(booklet, job) for job in jobs)
        gc.collect()
        parts = _in_children(functools.partial(_lay_out_part, booklet), jobs, workers,
                             meanwhile=_import_pikepdf)
    return join(iter(parts))  # once every worker is forked: they need not inherit the joined pages


#: Python's cyclic garbage collector, left at its defaults, rescans WeasyPrint's hundreds of
#: thousands of live layout objects again and again: a fifth of a chunk's time. Its garbage is
#: mostly acyclic (freed by reference counting), so while rendering it runs far less often.
GC_THRESHOLDS = (50_000, 20, 100)


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


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
    size = size or CHUNK_SHEETS or count
    chunks = max(math.ceil(count / size), min(count, MIN_CHUNKS))
    bounds = [round(i * count / chunks) for i in range(chunks + 1)]
    return list(pairwise(bounds))


# ---- one document of the booklet


@dataclass
class Booklet:
    """A guide's booklet on one paper: its sheets and, once the first document is laid out, the page
    of its first sheet and the size of every STAR box."""

    guide: Guide
    project: Project
    paper: PaperGeometry
    sheets: list[Sheet] = field(init=False)
    first_page: int = 0  # the first sheet's page number, once planned
    stars: dict[str, Star] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sheets = sheets(self.guide)

    def html(self, part: Part, chunk: Sequence[Sheet], *, fit: dict[str, int] | None = None,
             measured: Sequence[Sheet] = (), extra_css: str = "") -> str:
        return self.project.render_template(
            "print/booklet.html", self.guide, paper=self.paper, part=part, sheets=chunk,
            all_sheets=self.sheets, first_page=self.first_page, stars=self.stars, fit=fit or {},
            measured=measured, turn_over_mm=TURN_OVER_MM, extra_css=extra_css,
            qr_uri=qr_data_uri, print_markdown=print_markdown, css_string=css_string)

    def lay_out(self, part: Part, chunk: Sequence[Sheet], *,
                measured: Sequence[Sheet] = ()) -> Document:
        """Lay out one document, shrinking spilled answers a step at a time until every one fits."""
        fit: dict[str, int] = {}
        while True:
            document = render_pdf_document(
                self.project, self.guide, self.html(part, chunk, fit=fit, measured=measured),
                STYLESHEETS)
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
        document = render_pdf_document(
            self.project, self.guide, self.html(PLAN, (), measured=measured), STYLESHEETS)
        front = COVER_PAGES + _page_index(document, "measure")
        self.first_page = front + front % 2 + 1  # a blank page makes an odd count even
        self.stars = self._stars(document, measured)

    def lay_out_first(self) -> First:
        """Front matter and back matter, numbered as if the sheets stood between them."""
        document = self.lay_out(FIRST, ())
        back = _page_index(document, "back-matter")
        if back + 1 != self.first_page:
            raise RuntimeError(f"the front matter took {back} pages, {self.first_page - 1} planned")
        parity = _page_index(document, "parity-page")  # kept only to make the count even
        keep = range(parity + (parity - back) % 2)
        pages = _take_marks(document, keep)
        pdf = write_pdf(document.copy([document.pages[i] for i in keep]))
        return First(pdf, Chunk(pdf, pages[:back], range(back)),
                     Chunk(pdf, pages[back:], range(back, len(keep))))

    def lay_out_chunk(self, start: int, stop: int) -> Chunk:
        """Sheets start..stop as their own document, numbered from their known first page."""
        chunk = self.sheets[start:stop]
        document = self.lay_out(CHUNK, chunk)
        _check_parity(document, chunk)
        pages = _take_marks(document, range(len(document.pages)))
        pdf = write_pdf(document)
        return Chunk(pdf, pages, range(len(pages)))

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
class PageMarks:
    """What the join needs from one page, in PDF points from the page's bottom-left corner."""

    anchors: list[tuple[str, float, float]]
    links: list[tuple[str, tuple[float, float, float, float]]]
    bookmarks: list[tuple[int, str, float, float]]


@dataclass(frozen=True)
class Chunk:
    """Some pages of one part's PDF, in booklet order, with their marks."""

    pdf: bytes
    marks: list[PageMarks]
    pages: range  # indices into the PDF's pages


@dataclass(frozen=True)
class First:
    """The first document's PDF: its front matter goes first in the booklet, its back matter last."""

    pdf: bytes
    head: Chunk
    tail: Chunk


def _take_marks(document: Document, keep: Sequence[int]) -> list[PageMarks]:
    """Record (in PDF coordinates) and remove every page's anchors, internal links and bookmarks,
    so WeasyPrint writes none of them (it would drop links to other parts with an error) and the
    join writes them for the whole booklet."""
    marks = []
    for index in keep:
        page = document.pages[index]
        height = page.height

        def point(x: float, y: float, height: float = height) -> tuple[float, float]:
            return round(x * PT_PER_PX, 3), round((height - y) * PT_PER_PX, 3)

        anchors = [(name, *point(x, y)) for name, (x, y, _, _) in page.anchors.items()]
        links = []
        for link in page.links:
            kind, target, (x1, y1, x2, y2), _ = link
            if kind == "internal":
                links.append((target, (*point(x1, y1), *point(x2, y2))))
        bookmarks = [(level, label, *point(x, y)) for level, label, (x, y), _ in page.bookmarks]
        page.links[:] = [link for link in page.links if link[0] != "internal"]
        page.anchors.clear()
        page.bookmarks[:] = []
        marks.append(PageMarks(anchors, links, bookmarks))
    return marks


# ---- chunks across the cores

Job = tuple[int, int] | None  # a chunk's sheets (start, stop), or None for the first document


def _lay_out_part(booklet: Booklet, job: Job) -> First | Chunk:
    return booklet.lay_out_first() if job is None else booklet.lay_out_chunk(*job)


T = TypeVar("T")
R = TypeVar("R")


def _in_children(function: Callable[[T], R], tasks: Sequence[T], workers: int,
                 meanwhile: Callable[[], object] | None = None) -> list[R]:
    """`function(task)` for each task, each in a child process forked for it alone, at most
    `workers` at once; the results in the order of the tasks.

    A child inherits this process (the booklet, loaded fonts and stylesheets: nothing is pickled
    to it) and holds one part's layout, the largest thing in a build; a fresh child per part keeps
    its memory at that, where a long-lived worker grows by a part's worth of allocator arenas per
    part. Children are forked from this thread, with no helper threads about (as a process pool
    has), so no lock is caught held mid-fork. `meanwhile` runs here once the first children run.
    """
    from multiprocessing.connection import Connection, wait

    parent = os.getpid()
    waiting = list(enumerate(tasks))[::-1]
    running: dict[Connection, tuple[int, int]] = {}
    done: dict[int, R] = {}
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index, task = waiting.pop()
                reader, writer = multiprocessing.Pipe(duplex=False)
                pid = os.fork()
                if pid == 0:
                    reader.close()
                    _child(function, task, writer, parent)
                writer.close()
                running[reader] = (index, pid)
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            for reader in wait(list(running)):
                index, pid = running.pop(reader)  # type: ignore[arg-type]
                done[index] = _result(reader, pid)
        return [done[index] for index in range(len(tasks))]
    finally:
        for reader, (_, pid) in running.items():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            reader.close()


def _import_pikepdf() -> None:
    """The join's library, imported (a quarter of a second) while the first parts are laid out."""
    import pikepdf  # noqa: F401


def _result(reader: Any, pid: int) -> Any:
    """A child's result, or its error raised here."""
    try:
        ok, value = reader.recv()
    except EOFError:
        ok, value = False, RuntimeError(f"a print worker (pid {pid}) died without a result")
    finally:
        reader.close()
        os.waitpid(pid, 0)
    if not ok:
        raise value
    return value


def _child(function: Callable[[T], R], task: T, writer: Any, parent: int) -> NoReturn:
    """Run in a forked child: send back `(True, result)` or `(False, error)`, and exit."""
    status = 1
    try:
        die_with_parent(parent)
        gc.freeze()  # it never collects what it inherited: collections skip it
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            outcome: tuple[bool, Any] = (True, function(task))
        except BaseException as error:  # every error goes back to the build
            outcome = (False, error)
        try:
            writer.send(outcome)
        except Exception as error:  # an error that cannot be pickled
            writer.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
        status = 0
    finally:
        os._exit(status)


# ---- joining the parts


def join(parts: Iterator[First | Chunk]) -> bytes:
    """One PDF of the booklet from its parts (the first document first): its front matter, every
    chunk's pages in order, its back matter; with its metadata, and the outline, named destinations
    and internal links of the whole booklet."""
    joined = Joined()
    first = next(parts)
    assert isinstance(first, First)
    joined.add(first.head)
    for chunk in parts:
        assert isinstance(chunk, Chunk)
        joined.add(chunk)
    joined.add(first.tail)
    return joined.pdf(first.pdf)


class Joined:
    """The joined booklet so far: pages copied from each part's PDF, and their marks."""

    def __init__(self) -> None:
        import pikepdf

        self.out = pikepdf.new()
        self.sources: dict[int, Any] = {}  # each part's PDF, open until the joined one is saved
        self.marks: list[PageMarks] = []

    def add(self, chunk: Chunk) -> None:
        import pikepdf

        source = self.sources.get(id(chunk.pdf))
        if source is None:
            source = self.sources[id(chunk.pdf)] = pikepdf.open(io.BytesIO(chunk.pdf))
        self.out.pages.extend(source.pages[i] for i in chunk.pages)
        self.marks.extend(chunk.marks)

    def pdf(self, first_pdf: bytes) -> bytes:
        import pikepdf

        out = self.out
        first = self.sources[id(first_pdf)]
        out.trailer.Info = out.copy_foreign(first.trailer.Info)
        if "/Lang" in first.Root:
            out.Root.Lang = first.Root.Lang
        pages = [page.obj for page in out.pages]
        _add_destinations(out, pages, self.marks)
        _add_links(out, pages, self.marks)
        _add_outline(out, pages, self.marks)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 min_version=first.pdf_version)
        return buffer.getvalue()


def _destination(page: Any, x: float, y: float) -> Any:
    import pikepdf

    return pikepdf.Array([page, pikepdf.Name.XYZ, x, y, 0])


def _add_destinations(out: Any, pages: list[Any], marks: list[PageMarks]) -> None:
    """Every element id becomes a named destination (the first one wins), as WeasyPrint does."""
    import pikepdf

    named: dict[str, Any] = {}
    for page, mark in zip(pages, marks, strict=True):
        for name, x, y in mark.anchors:
            named.setdefault(name, _destination(page, x, y))
    entries: list[Any] = []
    for name in sorted(named):
        entries += [pikepdf.String(name), named[name]]
    out.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=pikepdf.Array(entries)))


def _add_links(out: Any, pages: list[Any], marks: list[PageMarks]) -> None:
    import pikepdf

    for page, mark in zip(pages, marks, strict=True):
        for target, rect in mark.links:
            annotation = out.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=list(rect),
                BS=pikepdf.Dictionary(W=0), Dest=pikepdf.String(target)))
            if "/Annots" not in page:
                page.Annots = pikepdf.Array()
            page.Annots.append(annotation)


def _add_outline(out: Any, pages: list[Any], marks: list[PageMarks]) -> None:
    """Bookmarks nested by level, as WeasyPrint nests them: each under the last one above it."""
    import pikepdf

    entries = [(level, label, page, x, y) for page, mark in zip(pages, marks, strict=True)
               for level, label, x, y in mark.bookmarks]
    if not entries:
        return
    root = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    stack: list[tuple[int, Any, list[Any]]] = [(0, root, [])]
    for level, label, page, x, y in entries:
        while stack[-1][0] >= level:
            _close_outline(*stack.pop()[1:])
        item = out.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String(label), Dest=_destination(page, x, y), Parent=stack[-1][1]))
        stack[-1][2].append(item)
        stack.append((level, item, []))
    while stack:
        _close_outline(*stack.pop()[1:])
    out.Root.Outlines = root


def _close_outline(parent: Any, children: list[Any]) -> None:
    """Link an outline item's children to it and each other; all open, as WeasyPrint writes them."""
    if not children:
        return
    parent.First, parent.Last = children[0], children[-1]
    for before, after in pairwise(children):
        before.Next, after.Prev = after, before
    parent.Count = len(children) + sum(int(child.get("/Count", 0)) for child in children)


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
