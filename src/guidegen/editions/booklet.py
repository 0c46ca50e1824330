"""The print edition: a self-test booklet printed double-sided, question on the front of a sheet and
its strong answer on the back.

A question sheet is two pages: each page is a block of known size (a question page's ruled writing
space runs past its foot and is clipped; its STAR boxes are sized from the measured height of the
question above them), with its running head, page number and footer in the flow. As in a book, the
front matter is numbered i, ii, iii… and the sheets from 1, so a sheet's page number is known before
anything is laid out (Q1 on page 1, its answer on page 2, Q2 on page 3…), and the back matter's
numbers continue after the last sheet's. Then:

- a booklet of up to `WHOLE_SHEETS` sheets (any guide of everyday size) is laid out as one
  document, in one worker;
- a bigger one is laid out in parts, side by side in the build's workers: the *first document*
  (front and back matter) and the sheets in chunks of whole sheets; then the parts are joined into
  one PDF (render/pdfjoin.py), with the outline, named destinations and internal links built from
  what each part recorded. WeasyPrint's cost per page grows with the size of the document and its
  memory with the pages it holds, so a 2000-page booklet is laid out faster, and in far less
  memory, in parts. Each part embeds its own font subsets; the join merges them into one program
  per face (render/fontmerge.py), so the joined file is about the size of one document.

Behavioural questions' heads are measured in a small document of their own before the sheets that
hold them are laid out, to size their STAR boxes. A warm process (`guidegen watch`) keeps each
head's height, and the booklet's pages, between builds: after a save only the sheets whose HTML
changed are laid out again (editions/kept_sheets.py).

An answer page is set as a book page: the answer in a column of about 70 characters a line (65 to
75 is the norm for reading), beside a ruled margin on the outer side where the reader marks what
they missed. What CSS cannot promise is that an answer fits its one page, so after laying out a chunk
we read where each answer ended (`Page.anchors`), set the answers that ran over one step smaller
(the type steps of print.css, `PrintPage.steps`; the last steps give up the margin for the page's
full width), and lay the chunk out again. An answer that still runs over at the readable floor is
*continued*: set at the usual size across the page's full width, it begins on the back of its
question as always and flows on over as many pages as it needs (ordinary pages, with running heads
and numbers in their margins), and the next question starts on the front of a fresh sheet (a blank
page between them when the answer ends on a front), so duplex printing still pairs every question
with its answer. The pages such an answer
takes move every later page number, so a layout with continued answers is renumbered (`extra`) and
laid out once more. Every number of the page comes from print.css (editions/print_page.py).

The finished PDF carries print presets (render/presets.py): duplex flipped on the long edge, at
actual size, on paper of its own size.
"""

from __future__ import annotations

import copy
import hashlib
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..base.paper import Flip
from ..base.units import PX_PER_MM
from ..model.deck import FieldPath, Item, chapters, deck
from ..model.guide import Guide
from ..model.problems import BuildError
from ..render.pdf import lay_out, write_pdf
from ..render.pdfjoin import Pages, join, take_marks
from ..render.presets import with_print_presets
from ..render.project import Project
from . import Options, kept_sheets
from .print_page import STYLESHEETS, PrintPage, print_page

if TYPE_CHECKING:  # the layout machinery (processes, Jinja) is imported when a booklet is made:
    from weasyprint import Document  # `guidegen check` reads this module's geometry without it

    from ..render.layout import Layout

#: A booklet's sheets turn like a book's pages: about the long edge (portrait paper).
FLIP: Flip = "long"

#: The most sheets laid out as one document (a guide of everyday size, and then some).
WHOLE_SHEETS = 50
#: A bigger booklet is laid out in chunks of at most this many sheets, side by side, and joined:
#: small enough that the build's workers finish close together, big enough that the fonts each
#: chunk embeds cost little (benchmarks/RESULTS.md).
CHUNK_SHEETS = 25


@dataclass(frozen=True)
class Sheet:
    """One printed sheet: a question on the recto, what answers it on the verso."""

    item: Item  # a technical or behavioural question of the deck
    position: int  # among all sheets, in booklet order
    chapter: str | None = None  # the heading of its group, when its section has groups
    opens_chapter: bool = False  # the first sheet of its group: it carries the group's heading
    extra_before: int = 0  # leaves (two pages each) that continued answers before it add
    extra: int = 0  # leaves its own answer adds, when it is continued

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def index(self) -> int:  # within its section
        return self.item.index

    @property
    def question(self) -> Any:  # the TechnicalQuestion or BehaviouralQuestion
        return self.item.entry

    @property
    def label(self) -> str:
        """How a reader names it: "Q3", "B2"."""
        return self.item.label

    @property
    def front(self) -> str:  # element id of the question page
        return f"q-{self.question.id}"

    @property
    def back(self) -> str:  # element id of the answer page
        return f"a-{self.question.id}"

    @property
    def front_page(self) -> int:
        """Its question's page number: the sheets are numbered from 1, two pages each, and two more
        for each leaf a continued answer before it takes."""
        return 2 * (self.position + self.extra_before) + 1

    @property
    def back_page(self) -> int:
        return self.front_page + 1

    @property
    def writing(self) -> str:  # element id of the space to write in (ruled lines or STAR boxes)
        return f"w-{self.question.id}"

    @property
    def opens(self) -> bool:
        """The first sheet of its section carries the section's title."""
        return self.index == 0

    @property
    def path(self) -> FieldPath:
        """The guide field that fills the back."""
        return self.item.reveal_path


@dataclass(frozen=True)
class Star:
    """A behavioural question's STAR boxes: each box's height and its ruled area's height (mm), a
    whole number of writing lines whose last rule sits `--star-pad` above the box's border."""

    boxes: tuple[float, ...]
    lines: tuple[float, ...]


@dataclass(frozen=True)
class Part:
    """What one WeasyPrint document of the booklet holds."""

    front: bool
    sheets: bool
    back: bool


WHOLE = Part(front=True, sheets=True, back=True)
MEASURE = Part(front=False, sheets=False, back=False)  # only the behavioural heads, measured
FIRST = Part(front=True, sheets=False, back=True)
CHUNK = Part(front=False, sheets=True, back=False)


def write(guide: Guide, project: Project, options: Options, layout: Layout, *,
          whole_sheets: int = WHOLE_SHEETS, chunk_sheets: int = CHUNK_SHEETS) -> bytes:
    """The booklet's PDF: one document of up to `whole_sheets` sheets, or chunks of at most
    `chunk_sheets` sheets, joined."""
    from ..render.layout import split

    booklet = Booklet(guide, project, print_page(project, options.paper_for(guide)))
    if len(booklet.sheets) <= whole_sheets:
        pdf = layout.run(_whole, (booklet, layout.keeps), home=_home(booklet))
    else:
        chunks = split(len(booklet.sheets), chunk_sheets)
        first, *parts = layout.map(_part, [(booklet, None), *((booklet, chunk) for chunk in chunks)])
        extra = {position: leaves for part in parts for position, leaves in part.extra.items()}  # type: ignore[union-attr]
        if extra:  # continued answers move the pages of what follows them: those parts again
            booklet.renumber(extra)
            later = [index for index, chunk in enumerate(chunks) if chunk[0] > min(extra)]
            first, *again = layout.map(_part, [(booklet, None), *((booklet, chunks[i]) for i in later)])
            parts = [*parts[:later[0]], *again] if later else parts
        assert isinstance(first, First)
        pdf = join([first.head, *(part.pages for part in parts), first.tail],  # type: ignore[union-attr]
                   metadata_from=first.pdf)
    return with_print_presets(pdf, flip=FLIP)


def sheets(guide: Guide) -> list[Sheet]:
    """Every front/back pair, in booklet order: the deck's questions (red flags have a page of
    their own at the back), each with the heading of its group, if any."""
    items = deck(guide)
    found: list[Sheet] = []
    for kind in ("technical", "behavioural"):
        for chapter in chapters(guide, items, kind):
            found += [Sheet(item, len(found) + index, chapter.title, index == 0 and chapter.title is not None)
                      for index, item in enumerate(chapter.items)]
    return found


# ---- the tasks a Layout runs (module functions, so that they reach a worker process by name)


def _home(booklet: Booklet) -> str:
    """Where a warm process keeps this booklet's pages, and the worker it is laid out in: the
    project, the guide and the paper."""
    return f"booklet\n{booklet.project.root}\n{booklet.guide.meta.id}\n{booklet.page.name}"


def _whole(task: tuple[Booklet, bool]) -> bytes:
    booklet, keep = task
    booklet.measure(booklet.sheets)
    return write_pdf(booklet.lay_out_whole(keep=keep))


def _part(task: tuple[Booklet, tuple[int, int] | None]) -> First | Chunk:
    booklet, chunk = task
    if chunk is None:
        return booklet.lay_out_first()
    booklet.measure(booklet.sheets[slice(*chunk)])
    return booklet.lay_out_chunk(*chunk)


# ---- one document of the booklet


@dataclass
class Booklet:
    """A guide's booklet on one paper: its sheets and, once measured, the size of the STAR boxes of
    the behavioural questions among them."""

    guide: Guide
    project: Project
    page: PrintPage
    sheets: list[Sheet] = field(init=False)
    stars: dict[str, Star] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sheets = sheets(self.guide)

    def html(self, part: Part, chunk: Sequence[Sheet], *, fit: dict[str, int] | None = None,
             continued: Collection[str] = (), measured: Sequence[Sheet] = (), extra_css: str = "") -> str:
        from ..render.templates import render_template

        last = self.sheets[-1] if self.sheets else None
        return render_template(
            self.project, "print/booklet.html", self.guide, page=self.page, part=part, sheets=chunk,
            all_sheets=self.sheets, stars=self.stars, fit=fit or {}, wide_from=self.page.wide_from,
            continued=continued, measured=measured, extra_css=extra_css,
            back_matter_page=last.back_page + 1 + 2 * last.extra if last else 1)

    def renumber(self, extra: dict[int, int]) -> bool:
        """Give each sheet the leaves that continued answers add (by position); whether any page
        number changed."""
        before = [(sheet.extra_before, sheet.extra) for sheet in self.sheets]
        total, numbered = 0, []
        for sheet in self.sheets:
            leaves = extra.get(sheet.position, sheet.extra)
            numbered.append(replace(sheet, extra_before=total, extra=leaves))
            total += leaves
        self.sheets = numbered
        return before != [(sheet.extra_before, sheet.extra) for sheet in self.sheets]

    def lay_out(self, part: Part, chunk: Sequence[Sheet], html: str | None = None) -> Document:
        """Lay out one document (from its `html`, where it is rendered already), shrinking spilled
        answers a step at a time until every one fits or, at the floor, is continued over more pages
        (each step lays out again only the sheets that spilled, while no answer is continued);
        renumbered and laid out again if continued answers took pages not yet counted."""
        fit: dict[str, int] = {}
        continued: set[str] = set()
        document = lay_out(self.project, html or self.html(part, chunk), STYLESHEETS)
        while spills := _spills(document, chunk, self.page, continued):
            for spill in spills:
                if spill.front:
                    raise BuildError(spill.message(self.page), path=spill.path)
                if fit.get(spill.sheet.back, 0) == len(self.page.steps) - 1:
                    continued.add(spill.sheet.back)  # even the floor is too big: it flows on
                    fit.pop(spill.sheet.back)
                else:
                    fit[spill.sheet.back] = fit.get(spill.sheet.back, 0) + 1
            spilled = [spill.sheet for spill in spills]
            again = None if continued else self._sheets_again(document, spilled, fit)
            if again is None:
                html = self.html(part, chunk, fit=fit, continued=continued)
                again = lay_out(self.project, html, STYLESHEETS)
            document = again
        if continued:
            positions = {sheet.back: sheet.position for sheet in chunk}
            taken = {positions[back]: len(_pages_of(document, back)) // 2 for back in continued}
            if self.renumber(taken):
                chunk = [self.sheets[sheet.position] for sheet in chunk]
                document = lay_out(self.project, self.html(part, chunk, fit=fit, continued=continued),
                                   STYLESHEETS)
        return document

    def _sheets_again(self, document: Document, sheets: Sequence[Sheet],
                      fit: dict[str, int]) -> Document | None:
        """The document with these sheets laid out again (at their new type steps) and nothing
        else; None where that cannot be done (the sheets took other pages than two each)."""
        again = lay_out(self.project, self.html(CHUNK, sheets, fit=fit), STYLESHEETS)
        return _spliced(document, [_page_index(document, sheet.front) for sheet in sheets], again, sheets)

    def measure(self, sheets: Sequence[Sheet]) -> None:
        """Size the STAR boxes of the behavioural questions among these sheets, from their heads
        laid out on their own. A head's height is kept for the life of the process, by the HTML
        that draws it and the stylesheets' files: `guidegen watch` lays out again only the heads
        a save changed (a head never breaks across pages, so it measures the same alone or among
        others, and the booklet comes out the same bytes)."""
        measured = [s for s in sheets if s.kind == "behavioural"]
        if not measured:
            return
        html = self.html(MEASURE, (), measured=measured)
        stamp = kept_sheets.styles_stamp(self.project)
        labels, pieces = _pieces(html, [s.front for s in measured])
        labels = _key(labels, stamp)
        keys = {front: _key(piece, stamp) for front, piece in pieces.items()}
        todo = [s for s in measured if keys[s.front] not in _HEADS]
        if todo or labels not in _LABELS:
            if len(_HEADS) > MAX_KEPT:
                _HEADS.clear()
                _LABELS.clear()
            if len(todo) < len(measured):
                html = self.html(MEASURE, (), measured=todo)
            document = lay_out(self.project, html, STYLESHEETS)
            _LABELS[labels] = tuple(_height_mm(document, f"m-star-{i}")
                                    for i in range(len(self.page.star_shares)))
            for s in todo:
                top = _top_px(document, f"m-{s.front}")
                _HEADS[keys[s.front]] = _top_px(document, f"m-{s.writing}") - top
        self.stars.update(self._stars({s.front: _HEADS[keys[s.front]] for s in measured},
                                      _LABELS[labels], measured))

    def lay_out_first(self) -> First:
        """Front matter and back matter, numbered as if the sheets stood between them."""
        document = self.lay_out(FIRST, ())
        parity = _page_index(document, "parity-page")  # kept only to make the count even
        if "back-matter" not in _anchors_of(document):  # no back matter: the sheets' first recto
            back, keep = parity, range(parity)
        else:
            back = _page_index(document, "back-matter")
            keep = range(parity + (parity - back) % 2)
        if back % 2:
            raise BuildError(f"the front matter took {back} pages; the sheets need it to take an even number")
        pages = take_marks(document, keep)
        pdf = write_pdf(document.copy([document.pages[i] for i in keep]))
        return First(pdf, Pages(pdf, pages[:back], range(back)),
                     Pages(pdf, pages[back:], range(back, len(keep))))

    def lay_out_chunk(self, start: int, stop: int) -> Chunk:
        """Sheets start..stop as their own document, numbered from their known first page (a
        continued answer that ends on a front is followed by a blank page, the chunk's last)."""
        document = self.lay_out(CHUNK, self.sheets[start:stop])
        if "sheets-end" in _anchors_of(document):  # it stands on a page of its own: not one of ours
            document = document.copy(document.pages[:_page_index(document, "sheets-end")])
        chunk = self.sheets[start:stop]
        _check_parity(document, chunk)
        pages = take_marks(document, range(len(document.pages)))
        pdf = write_pdf(document)
        return Chunk(Pages(pdf, pages, range(len(pages))),
                     {sheet.position: sheet.extra for sheet in chunk if sheet.extra})

    def lay_out_whole(self, *, keep: bool = False) -> Document:
        """The booklet as one WeasyPrint document (once measured). With `keep` (a warm process), its
        pages are kept, and the next layout of the same booklet lays out again only the sheets that
        changed (editions/kept_sheets.py)."""
        key, now, html = _home(self), None, None
        if keep:
            html = self.html(WHOLE, self.sheets)
            now = kept_sheets.pieces(html, kept_sheets.styles_stamp(self.project))
            document = self._again(key, now) if now is not None else None
            if document is not None:
                return document
        document = self.lay_out(WHOLE, self.sheets, html)
        if len(document.pages) % 2:  # the spare parity page is the last: dropping it moves nothing
            document = document.copy(document.pages[:-1])
        first = _page_index(document, self.sheets[0].front)
        _check_parity(document, self.sheets, first=first)
        if now is not None and not any(sheet.extra for sheet in self.sheets):
            kept_sheets.keep(key, kept_sheets.Kept(now, document, first, per_unit=2))
        else:
            kept_sheets.forget(key)
        return document

    def _again(self, key: str, now: tuple[str, ...]) -> Document | None:
        """The booklet from the pages kept of its last layout, with the sheets that changed laid out
        again; None when it must be laid out whole (more than sheets changed, or a changed answer
        is now continued)."""
        found = kept_sheets.changed(key, now)
        if found is None:
            return None
        kept, positions = found
        chunk = [self.sheets[position] for position in positions]
        trial = copy.copy(self)  # should an answer be continued now, its renumbering stays the trial's
        combined: Document | None = kept.document
        if chunk:
            again = trial.lay_out(CHUNK, chunk)
            at = [kept.first + kept.per_unit * position for position in positions]
            combined = None if any(sheet.extra for sheet in trial.sheets) else _spliced(
                kept.document, at, again, chunk)
        if combined is not None:
            kept_sheets.keep(key, kept_sheets.Kept(now, combined, kept.first, per_unit=2))
        return combined

    def _stars(self, heads: dict[str, float], labels: Sequence[float],
               measured: Sequence[Sheet]) -> dict[str, Star]:
        """Size each behavioural question's STAR boxes to fill the page under its head (`heads`:
        each head's height in px; `labels`: each STAR label's in mm)."""
        page, shares = self.page, self.page.star_shares
        stars = {}
        for sheet in measured:
            head = heads[sheet.front]
            room = page.sheet_height_mm - page.turn_over_mm - head / PX_PER_MM
            if room < page.min_writing_mm:
                raise BuildError(Spill(sheet, True, (page.min_writing_mm - room) * PX_PER_MM).message(page),
                                 path=sheet.item.prompt_path)
            share = (room - page.star_gap_mm * (len(shares) - 1)) / sum(shares)
            boxes = [math.floor(share * weight * 100) / 100 for weight in shares]
            pitch = page.line_pitch_mm
            # a label is measured in a box of its own, borders and padding included
            lines = [max(0, math.floor((box - label) / pitch)) * pitch
                     for box, label in zip(boxes, labels, strict=True)]
            lines = [round(height, 2) for height in lines]
            stars[sheet.front] = Star(tuple(boxes), tuple(lines))
        return stars


@dataclass(frozen=True)
class Chunk:
    """A chunk of sheets laid out on its own, and the leaves its continued answers add."""

    pages: Pages
    extra: dict[int, int]


@dataclass(frozen=True)
class First:
    """The first document's PDF: its front matter goes first in the booklet, its back matter last."""

    pdf: bytes
    head: Pages
    tail: Pages


# ---- checking the layout


@dataclass(frozen=True)
class Spill:
    """A question page (front) or answer page (back) whose content ran past its one page: a back
    is set a step smaller, or continued; a front fails the build."""

    sheet: Sheet
    front: bool
    overflow_px: float

    @property
    def path(self) -> FieldPath:
        return self.sheet.item.prompt_path if self.front else self.sheet.path

    def message(self, page: PrintPage) -> str:
        """Why the build cannot go on: a question that leaves too little room to write in (an answer
        too long for its page is continued instead)."""
        mm = self.overflow_px / PX_PER_MM
        return (f"{self.sheet.label} leaves too little room to write an answer on its page: "
                f"it needs {mm:.0f} mm more for {page.min_writing_mm:g} mm of writing space; "
                "shorten the question or its topics")


def _spills(document: Document, chunk: Sequence[Sheet], page: PrintPage,
            continued: Collection[str] = ()) -> list[Spill]:
    """Question pages without room to write, and answer pages (not continued) whose content runs
    past the page's content box (into the foot, or off the paper), with how much room is missing (px)."""
    spills: list[Spill] = []
    for sheet in chunk:
        missing = page.min_writing_mm * PX_PER_MM - _writing_room(document, sheet, page)
        if missing > 0:
            spills.append(Spill(sheet, True, missing))
            continue
        if sheet.back in continued:
            continue
        (_, top, bottom), *_ = _boxes(document, sheet.back)
        overflow = bottom - top - page.sheet_height_mm * PX_PER_MM
        if overflow > 0.5:  # px; less is rounding
            spills.append(Spill(sheet, False, overflow))
    return spills


def _writing_room(document: Document, sheet: Sheet, page: PrintPage) -> float:
    """Height (px) left to write in above the "turn over" line of a question page; negative when
    the question itself runs down past it. The page is a fixed block, so a question too long for it
    is clipped, and its writing space may not be laid out at all: then the room is the overrun."""
    front, writing = _boxes(document, sheet.front), _boxes(document, sheet.writing)
    if not front:
        return 0.0
    index, top, _ = front[0]
    foot = top + (page.sheet_height_mm - page.turn_over_mm) * PX_PER_MM
    if len(writing) != 1 or writing[0][0] != index:
        return -page.sheet_height_mm * PX_PER_MM  # nothing left of the page: a page's worth over
    return foot - writing[0][1]


def _check_parity(document: Document, chunk: Sequence[Sheet], first: int = 0) -> None:
    """The promise the booklet makes to its reader, checked on the real layout, not assumed: each
    sheet's front on the page expected for it (`first`: the index of the first sheet's front), and
    its back right behind it."""
    for sheet in chunk:
        front, back = _pages_of(document, sheet.front), _pages_of(document, sheet.back)
        expected = first + sheet.front_page - chunk[0].front_page
        if not (len(front) == 1 and front[0][0] == expected and back and back[0][0] == expected + 1
                and expected % 2 == 0):
            raise BuildError(f"layout put {sheet.label} on page {front[0][0] + 1 if front else '?'} "
                             f"and its answer on page {back[0][0] + 1 if back else '?'}; "
                             "expected an odd page and the page after it", path=sheet.path)
    if len(document.pages) % 2:
        raise BuildError(f"layout made {len(document.pages)} pages; a double-sided booklet needs "
                         "an even count")


def _spliced(document: Document, at: Sequence[int], again: Document,
             sheets: Sequence[Sheet]) -> Document | None:
    """`document` with the two pages from each index in `at` replaced by the pages of `again`,
    which laid out these sheets and nothing else (else None): each sheet is two pages of fixed size
    that lay out the same in any document, so the pages combined are those one layout would make."""
    if not _in_pairs(again, sheets):
        return None
    pages = list(document.pages)
    for index, first in enumerate(at):
        pages[first:first + 2] = again.pages[2 * index:2 * index + 2]
    return document.copy(pages)


def _in_pairs(document: Document, chunk: Sequence[Sheet]) -> bool:
    """Whether the document is these sheets' pages and nothing else: each sheet's front and back, in
    order, each on one page."""
    return len(document.pages) == 2 * len(chunk) and all(
        [index for index, _ in _pages_of(document, sheet.front)] == [2 * position]
        and [index for index, _ in _pages_of(document, sheet.back)] == [2 * position + 1]
        for position, sheet in enumerate(chunk))


def _boxes(document: Document, anchor: str) -> list[tuple[int, float, float]]:
    """(page index, top, bottom in px) of each fragment of the element with this id."""
    return [(index, page.anchors[anchor][1], page.anchors[anchor][3])
            for index, page in enumerate(document.pages) if anchor in page.anchors]


def _pages_of(document: Document, anchor: str) -> list[tuple[int, float]]:
    """(page index, fragment height in px) of every page an element with this id touches."""
    return [(index, bottom - top) for index, top, bottom in _boxes(document, anchor)]


def _anchors_of(document: Document) -> set[str]:
    return {name for page in document.pages for name in page.anchors}


def _page_index(document: Document, anchor: str) -> int:
    (index, _, _), *_ = _boxes(document, anchor)
    return index


#: Each behavioural head's measured height (px) and each STAR label set's (mm), for the life of the
#: process, by the HTML that draws it and the stylesheets' files (`Booklet.measure`).
_HEADS: dict[str, float] = {}
_LABELS: dict[str, tuple[float, ...]] = {}
MAX_KEPT = 10_000


def _pieces(html: str, fronts: Sequence[str]) -> tuple[str, dict[str, str]]:
    """What lays out the STAR labels and each measured head, out of the measuring document (one
    render for them all): the document's head with the labels, and with each head's own block. A
    project's template that writes the blocks otherwise is taken whole, for every head."""
    start = html.find('<section class="measure"')
    labels = html.find('<div class="star-box"', start)
    bounds = [html.find(f'<div class="measure-sheet" id="m-{front}">', start) for front in fronts]
    if start < 0 or labels < 0 or -1 in bounds or bounds != sorted(bounds):
        return html, dict.fromkeys(fronts, html)
    head = html[:start]
    ends = [*bounds[1:], labels]
    return head + html[labels:], {front: head + html[begin:end]
                                  for front, begin, end in zip(fronts, bounds, ends, strict=True)}


def _key(html: str, stamp: str) -> str:
    return hashlib.sha256(f"{stamp}\n{html}".encode()).hexdigest()


def _top_px(document: Document, anchor: str) -> float:
    return _boxes(document, anchor)[0][1]


def _height_mm(document: Document, anchor: str) -> float:
    (_, top, bottom), *_ = _boxes(document, anchor)
    return (bottom - top) / PX_PER_MM
