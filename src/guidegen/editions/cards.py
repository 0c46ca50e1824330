"""The flashcards edition: N-up cards, fronts and backs on alternate pages, backs mirrored for duplex.

Every card and every block of text on it is an absolutely positioned box of fixed size in mm
(geometry from guidegen.imposition), so WeasyPrint never has to fragment anything. Text is fitted
by measuring WeasyPrint's own layout: each block is rendered, its height read back from the page's
anchors and compared with its box; blocks that overflow are set smaller and the sheets rendered
again, down to a readable floor, below which the build fails naming the card and the overflow.
The layout that passed the check is the one written, so nothing is ever clipped.

A branded deck starts with a title card, its cover: the guide's title, and the brand's logo, name
and contact line on the front; how to use the deck and the brand's footer on the back. Front sheets
also carry the logo in their bottom margin, where no cut mark reaches.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from ..model.deck import FieldPath, deck, ranges
from ..model.guide import CardSize, Guide
from ..model.problems import BuildError
from ..render.pdf import lay_out, write_pdf
from ..render.pdfjoin import NO_MARKS, Pages, join
from ..render.project import Project
from . import Options
from .imposition import (
    A4,
    LETTER,
    Box,
    Flip,
    Grid,
    Line,
    best_grid,
    mirror_point,
    offset_scale,
    sheets_needed,
)

if TYPE_CHECKING:  # the layout machinery (processes, Jinja) is imported when cards are made:
    from weasyprint import Document  # `guidegen check` plans the cards without it

    from ..render.layout import Layout

STYLESHEETS = ["fonts.css", "cards.css"]
PX_TO_MM = 25.4 / 96  # WeasyPrint reports anchor positions in CSS pixels
STEP_PT = 0.25  # type sizes are tried in quarter points
MAX_ROUNDS = 16  # each round narrows every unsettled block's range; three or four are typical
FIT_TOLERANCE_MM = 0.01  # layout rounding, far below anything visible
SNUG = 0.93  # a block that fills this much of its box is not worth another render to grow
AIM = 0.985  # interpolate towards a little under full, so the guess usually fits

Kind = Literal["title", "technical", "behavioural", "red_flag"]
Side = Literal["front", "back"]


@dataclass(frozen=True)
class Type:
    """A block's type size range in points: where fitting starts, and the smallest it may go."""

    start: float
    floor: float


@dataclass(frozen=True)
class CardSpec:
    """One card size: its sheet grid, the bands inside a card (mm) and its type sizes."""

    grid: Grid
    paper: str
    padding: float  # inside the card's edge, where no text goes
    head: float  # the label band ("MLOps · Q7")
    foot: float  # the brand band on backs, when the guide is branded
    gap: float  # between the label band and the text
    label_pt: float
    question: Type  # front of every card
    answer: Type  # back of a technical card
    note: Type  # back of behavioural and red flag cards (short text: may start larger)
    brand: Type  # the brand block (logo, name, contact) at the foot of the title card's front
    cover_brand: float  # that block's height
    margin_pt: Type = Type(7.0, 5.0)  # the sheet's margin lines (title, sheet number, brand)
    advice: str = "Shorten it, or choose larger cards (--cards a6)."  # when a card's text won't fit


SIZES: dict[CardSize, CardSpec] = {
    # A6 proportions (1:√2) shrunk from 105 x 148 mm so that gutters and margins fit on A4.
    "a6": CardSpec(best_grid(A4, (92.0, 130.0), gutter=8.0, min_margin=8.0), "A4",
                   padding=6.0, head=4.5, foot=4.0, gap=2.5, label_pt=7.0,
                   question=Type(14.0, 9.5), answer=Type(9.5, 6.5), note=Type(12.0, 7.5),
                   brand=Type(9.5, 7.5), cover_brand=40.0,
                   advice="Shorten it: A6 are the largest cards."),
    # A7 proportions, landscape (2 x 4 on A4).
    "a7": CardSpec(best_grid(A4, (88.0, 62.0), gutter=8.0, min_margin=8.0), "A4",
                   padding=4.0, head=3.5, foot=3.6, gap=1.5, label_pt=6.0,
                   question=Type(11.0, 7.5), answer=Type(8.0, 6.0), note=Type(10.0, 6.0),
                   brand=Type(8.0, 6.0), cover_brand=21.0),
    # True 5 x 3 in index cards: the most that fit US Letter with gutters is 2 x 2, upright.
    "index": CardSpec(best_grid(LETTER, (127.0, 76.2), gutter=6.0, min_margin=8.0), "US Letter",
                      padding=5.0, head=4.5, foot=4.0, gap=2.0, label_pt=7.0,
                      question=Type(13.0, 9.0), answer=Type(9.0, 6.0), note=Type(11.5, 7.0),
                      brand=Type(9.0, 7.0), cover_brand=36.0),
}

MARGIN_LINE = 3.2  # mm: the height of a line of text in a sheet's margin
MARGIN_INSET = 2.0  # mm: margin lines stay this far inside their column, clear of the cut marks
MARGIN_LOGO = 3.6  # mm: the logo's height in a front sheet's bottom margin


@dataclass(frozen=True)
class Card:
    """One card: which guide item it shows, its label, and where its two faces' text comes from."""

    kind: Kind
    index: int  # position in its section of the guide
    number: int  # 1-based within its kind, as on the label
    label: str
    item: Any  # the TechnicalQuestion, BehaviouralQuestion or RedFlag; the Meta on a title card
    front_path: FieldPath
    back_path: FieldPath


def cards(guide: Guide) -> list[Card]:
    """Every card in deck order (guidegen.model.deck), after the title card of a branded deck."""
    content = [Card(item.kind, item.index, item.number, f"{guide.meta.deck} · {item.label}", item.entry,
                    item.prompt_path, item.reveal_path) for item in deck(guide)]
    if guide.brand is None:
        return content
    back: FieldPath = ("brand", "footer" if guide.brand.footer else "organisation")
    return [Card("title", 0, 0, guide.meta.deck, guide.meta, ("guide", "title"), back), *content]


@dataclass(eq=False)  # compared and hashed by identity: fitting changes it in place
class Block:
    """A block of text in a fixed box, and the search for the largest type size that fits it.

    Each measurement narrows the search: `fits` is the largest size known to fit, `overflows` the
    smallest known not to. The first guess scales with the overflow; later ones interpolate between
    the two bounds, always strictly inside them, so a block settles in a few renders.
    A paragraph's height grows with the square of its type size; a one-line block (`line`) is
    measured by its width, which grows in proportion.
    """

    id: str
    box: Box  # relative to the card (or to the sheet, for margin lines)
    type: Type
    path: FieldPath
    what: str  # how an error names it, e.g. "card MLOps · T07 (back)"
    line: bool = False
    advice: str = "Shorten it."
    size: float = field(init=False)
    fits: float | None = field(default=None, init=False)
    overflows: float | None = field(default=None, init=False)
    seen: dict[float, float] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.size = self.type.start

    @property
    def limit(self) -> float:
        return self.box.w if self.line else self.box.h

    def extent(self, width: float, height: float) -> float:
        """What is compared with `limit`: a line's width, scaled up if it is also too tall."""
        return max(width, height * self.box.w / self.box.h) if self.line else height

    def measured(self, extent: float) -> bool:
        """Record the content's extent (mm) at the current size; True if the size must change."""
        self.seen[self.size] = extent
        if extent <= self.limit + FIT_TOLERANCE_MM:
            self.fits = self.size
            if (self.size >= self.type.start or extent >= SNUG * self.limit
                    or (self.overflows is not None and self.overflows - self.size <= STEP_PT)):
                return False
        else:
            self.overflows = self.size
            if self.size <= self.type.floor:
                raise self.error(extent - self.limit)
        self.size = self._next()
        return True

    def _next(self) -> float:
        low = self.type.floor if self.fits is None else self.fits + STEP_PT
        high = self.type.start if self.overflows is None else self.overflows - STEP_PT
        if self.fits is not None and self.overflows is not None:  # bracketed: interpolate
            (s0, e0), (s1, e1) = (self.fits, self.seen[self.fits]), (self.overflows,
                                                                     self.seen[self.overflows])
            guess = s0 + (self.limit * AIM - e0) * (s1 - s0) / (e1 - e0)
        else:  # one-sided: scale by the overflow (or the room left)
            power = 1.0 if self.line else 0.5
            guess = self.size * (self.limit * AIM / self.seen[self.size]) ** power
        return max(self.fits or self.type.floor, min(high, max(low, _grid(guess))))

    def error(self, overflow: float) -> BuildError:
        extent = "wide" if self.line else "tall"
        return BuildError(
            f"{self.what} does not fit: even at the smallest readable size ({self.type.floor:g} pt) "
            f"its text is {overflow:.1f} mm too {extent} for its {self.box.w:.0f} x "
            f"{self.box.h:.0f} mm text area. {self.advice}",
            path=self.path)


def _grid(size: float) -> float:
    """Round a type size down to the quarter-point grid that fitting searches."""
    return math.floor(size / STEP_PT + 1e-9) * STEP_PT


@dataclass(frozen=True)
class Face:
    """One side of one card, placed on its sheet."""

    card: Card
    side: Side
    box: Box
    head: Box
    body: Block
    foot: Block | None


@dataclass(frozen=True)
class Sheet:
    """One printed page: the fronts of up to N cards, or the backs of the same cards, mirrored."""

    side: Side
    number: int  # 1-based sheet of paper (a front and its back share it)
    faces: list[Face]
    marks: list[Line]
    margin: list[Block]
    logo: Box | None  # where the brand's logo goes in the margin (front sheets of a branded deck)


@dataclass(frozen=True)
class Plan:
    """Everything the cards template draws, with every text block that must fit."""

    spec: CardSpec
    flip: Flip
    offset: tuple[float, float]
    sheets: list[Sheet]

    @property
    def blocks(self) -> Iterator[Block]:
        for sheet in self.sheets:
            yield from sheet.margin
            for face in sheet.faces:
                yield face.body
                if face.foot:
                    yield face.foot


#: The most sheets of paper laid out as one document: a deck of many cards is laid out in parts.
PART_SHEETS = 25


def write(guide: Guide, project: Project, options: Options, layout: Layout, *,
          part_sheets: int = PART_SHEETS) -> bytes:
    """The cards PDF, each sheet's text fitted and checked: one document, or for a deck of more
    than `part_sheets` sheets of paper, parts laid out side by side and joined."""
    from ..render.layout import split

    size = options.cards_for(guide)
    plan = plan_sheets(guide, SIZES[size], options.flip_for(guide), options.back_offset)
    context = {"spec": plan.spec, "size": size, "grid": plan.spec.grid,
               "sheet_count": len(plan.sheets) // 2, "legend": ranges(deck(guide))}
    runs = split(len(plan.sheets) // 2, part_sheets)  # whole sheets of paper: a front and its back
    parts = [replace(plan, sheets=plan.sheets[2 * start: 2 * stop]) for start, stop in runs]
    pdfs = layout.map(_lay_out, [(guide, project, part, context) for part in parts])
    if len(pdfs) == 1:
        return pdfs[0]
    return join([Pages(pdf, [NO_MARKS] * len(part.sheets), range(len(part.sheets)))
                 for pdf, part in zip(pdfs, parts, strict=True)], metadata_from=pdfs[0])


def _lay_out(task: tuple[Guide, Project, Plan, dict[str, Any]]) -> bytes:
    """One part's PDF (a task a Layout runs, in a worker when there are workers)."""
    from ..render.templates import render_template

    guide, project, part, context = task
    return write_pdf(_fitted(part, lambda: render_template(
        project, "cards/cards.html", guide, plan=part, **context), project, guide))


def plan_sheets(guide: Guide, spec: CardSpec, flip: Flip, offset: tuple[float, float]) -> Plan:
    """Deal the cards onto sheets: front page then back page, the backs mirrored for `flip`."""
    grid, deck = spec.grid, cards(guide)
    total = sheets_needed(len(deck), grid.per_sheet)
    sheets: list[Sheet] = []
    branded = guide.brand is not None
    logo = _margin_logo(spec) if guide.brand is not None and guide.brand.logo else None
    for number in range(1, total + 1):
        dealt = deck[(number - 1) * grid.per_sheet: number * grid.per_sheet]
        fronts = [_face(card, "front", grid.front(slot), spec, branded=branded)
                  for slot, card in enumerate(dealt)]
        backs = [_face(card, "back", grid.back(slot, flip, offset), spec, branded=branded)
                 for slot, card in enumerate(dealt)]
        sheets.append(Sheet("front", number, fronts, grid.cut_marks(len(dealt)),
                            _margin(guide, spec, number, "front"), logo))
        sheets.append(Sheet("back", number, backs, [], _margin(guide, spec, number, "back"), None))
    return Plan(spec, flip, offset, sheets)


def _face(card: Card, side: Side, box: Box, spec: CardSpec, *, branded: bool) -> Face:
    """A card side's bands: the label at the top, the text below it, the brand at the foot.

    The brand's foot is its name on every back, and its whole block on the title card's front."""
    inner_w = box.w - 2 * spec.padding
    head = Box(spec.padding, spec.padding, inner_w, spec.head)
    top = spec.padding + spec.head + spec.gap
    cover = card.kind == "title" and side == "front"
    foot_h = spec.cover_brand if cover else spec.foot if branded and side == "back" else 0.0
    body_box = Box(spec.padding, top, inner_w, box.h - top - spec.padding - foot_h)
    slug = f"{card.kind}-{card.index}-{side}"
    body_type = spec.question if side == "front" else (
        spec.answer if card.kind in ("technical", "title") else spec.note)
    body = Block(f"fit-{slug}", body_box, body_type,
                 card.front_path if side == "front" else card.back_path,
                 f"card {card.label} ({side})", advice=spec.advice)
    if not foot_h:
        return Face(card, side, box, head, body, None)
    foot_box = Box(spec.padding, box.h - spec.padding - foot_h, inner_w, foot_h)
    if cover:
        foot = Block(f"fit-{slug}-brand", foot_box, spec.brand, ("brand",),
                     f"the brand on the title card {card.label}", advice=spec.advice)
    else:
        foot = Block(f"fit-{slug}-brand", foot_box, Type(spec.label_pt, spec.label_pt - 1),
                     ("brand", "organisation"), f"the brand line on card {card.label}", line=True)
    return Face(card, side, box, head, body, foot)


def _margin(guide: Guide, spec: CardSpec, number: int, side: Side) -> list[Block]:
    """The sheet's margin lines, kept within the first and last columns so no cut mark crosses them.

    Top: the guide's title (left) and the sheet number, side and flip edge (right). Bottom, when
    branded: the brand's footer line (or its name). The cards themselves carry the brand's name.
    """
    grid, inset, height = spec.grid, MARGIN_INSET, MARGIN_LINE
    first, last = grid.front(0), grid.front(grid.cols - 1)
    top_y, bottom_y = _margin_rows(grid)
    left = (first.x + inset, first.w - 2 * inset)
    right = (last.x + inset, last.w - 2 * inset)
    slug = f"{number}-{side}"
    rows = [("title", left, top_y, ("guide", "title")), ("sheet", right, top_y, ())]
    if guide.brand is not None:
        rows.append(("brand", left, bottom_y, ("brand", "footer" if guide.brand.footer else
                                               "organisation")))
    return [Block(f"margin-{name}-{slug}", Box(x, y, w, height), spec.margin_pt, path,
                  f"the sheet margin's {name} line", line=True)
            for name, (x, w), y, path in rows]


def _margin_rows(grid: Grid) -> tuple[float, float]:
    """The top of the margin lines' rows: centred in the top and bottom margins, away from the
    paper's edge, where printers cannot print."""
    top_y = max(4.2, (grid.margin_y - MARGIN_LINE) / 2)
    return top_y, grid.sheet_h - top_y - MARGIN_LINE


def _margin_logo(spec: CardSpec) -> Box:
    """A small square for the logo in the bottom margin, at the right of the last column: level
    with the footer line opposite, and (like it) clear of the cut marks at the cards' edges."""
    grid, size = spec.grid, MARGIN_LOGO
    last = grid.front(grid.cols - 1)
    centre_y = _margin_rows(grid)[1] + MARGIN_LINE / 2
    return Box(last.right - MARGIN_INSET - size, centre_y - size / 2, size, size)


def _fitted(plan: Plan, html: Callable[[], str], project: Project, guide: Guide) -> Document:
    """Render and measure until no block's size changes; that last, checked layout is the result."""
    for _round in range(MAX_ROUNDS):
        document = lay_out(project, html(), STYLESHEETS)
        measured = extents(document, plan.blocks)
        changed = [block.measured(extent) for block, extent in measured.items()]  # all, no short cut
        if not any(changed):
            return document
    raise AssertionError("card text fitting did not converge")  # pragma: no cover


def extents(document: Document, blocks: Iterator[Block]) -> dict[Block, float]:
    """Each block's laid-out content height (width, for a line) in mm, read from its anchor."""
    anchors = {name: box for page in document.pages for name, box in page.anchors.items()}
    found: dict[Block, float] = {}
    for block in blocks:
        x0, y0, x1, y1 = anchors[block.id]
        found[block] = block.extent((x1 - x0) * PX_TO_MM, (y1 - y0) * PX_TO_MM)
    return found


def render_calibration(project: Project, options: Options) -> bytes:
    """A one-sheet duplex test: scales on the front, crosshairs on the back where cards would go.

    Held to the light, each back crosshair shows through across the front's scales; the scales are
    numbered with the --back-offset to pass (already allowing for the offset this sheet was printed
    with), so reading them needs no arithmetic and no thought about which way the sheet flipped.
    """
    size: CardSize = options.cards or "a6"
    spec, flip, offset = SIZES[size], options.flip or "long", options.back_offset
    grid = spec.grid
    # Targets at the centres of the cards in the first and last rows: enough to show a shift, a
    # skew or a stretch, and they leave the middle of the sheet free for the instructions.
    slots = sorted({*range(grid.cols), *range(grid.per_sheet - grid.cols, grid.per_sheet)})
    targets = [grid.front(slot).centre for slot in slots]
    backs = [mirror_point(x, y, grid.sheet_w, grid.sheet_h, flip) for x, y in targets]
    backs = [(x + offset[0], y + offset[1]) for x, y in backs]
    from ..render.templates import template

    html = template(project, "cards/calibration.html").render(
        grid=grid, spec=spec, size=size, flip=flip, offset=offset, targets=targets, backs=backs,
        scale=offset_scale(offset, flip))
    return write_pdf(lay_out(project, html, STYLESHEETS))
