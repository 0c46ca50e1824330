"""The flashcards edition: N-up cards, fronts and backs on alternate pages, backs mirrored for duplex.

Every card and every block of text on it is an absolutely positioned box of fixed size in mm
(geometry from editions/imposition.py), so WeasyPrint never has to fragment anything. The cards are
printed on the paper the guide (or `--paper`) names, A4 or US Letter; each size (base/paper.py) is
one card, the same on both papers, which is what the cutter cuts. What lies inside a card (its
padding and bands, its type sizes and their floors, the margin lines) is read from cards.css's
custom properties (`card_spec`), where the stylesheet uses them too.

Type is fitted by measuring WeasyPrint's own layout. On each sheet, every front's text is set at one
size and every back's at one size (`Fit`): the largest at which all of them fit their boxes, never
below cards.css's `--small` (7 pt), which is also the one size of everything secondary on a card
(its label band, topics, prompts, the brand). Blocks are rendered, their heights read back from the page's
anchors and compared with their boxes, and the sheets rendered again, a few times. The layout that
passed the check is the one written, so nothing is ever clipped.

An answer that does not fit its card even at 7 pt continues on the next card (`continuation`): it
breaks between paragraphs or list items into parts of even length, each card labelled with its part
("MLOps · Q3 · 1/2"), the first saying that the answer continues and the next repeating the question.
Only text that cannot be broken (a question, a single paragraph taller than a card) fails the build,
naming the card and what would fit.

A branded deck starts with a title card, its cover: the guide's title, and the brand's logo, name
and contact on the front; how to use the deck and the brand's footer on the back. It takes a slot
left free on the last sheet, so it never adds a sheet of paper; a deck that fills its sheets exactly
goes without it and carries the brand in every sheet's margin and on every back. Front sheets also
carry the logo in their bottom margin, where no cut mark reaches.

The finished PDF carries print presets (render/presets.py): duplex flipped on the chosen edge, at
actual size, on paper of its own size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import Markup

from ..base.paper import (
    CARDS,
    LARGEST_CARDS,
    CardSize,
    Flip,
    Paper,
)
from ..base.units import PT_TO_MM, PX_TO_MM
from ..model.deck import FieldPath, chapters, deck, ranges
from ..model.guide import Guide
from ..model.labels import direction
from ..model.problems import BuildError
from ..render.metrics import Metrics, metrics
from ..render.pdf import lay_out, write_pdf
from ..render.pdfjoin import NO_MARKS, Pages, join
from ..render.presets import with_print_presets
from ..render.project import Project
from . import Options, continuation
from .imposition import (
    Box,
    Grid,
    Line,
    card_grid,
    sheets_needed,
)

if TYPE_CHECKING:  # the layout machinery (processes, Jinja) is imported when cards are made:
    from weasyprint import Document  # `guidegen check` plans the cards without it

    from ..render.layout import Layout

STYLESHEETS = ["fonts.css", "cards.css"]
STEP_PT = 0.25  # type sizes are tried in quarter points
MAX_ROUNDS = 16  # each round narrows every unsettled size's range; three or four are typical
MAX_SPLITS = 8  # plans with answers continued on more cards, before giving up (two are typical)
FIT_TOLERANCE_MM = 0.01  # layout rounding, far below anything visible
SNUG = 0.93  # a size whose worst block fills this much of its box is not worth another render to grow
AIM = 0.985  # interpolate towards a little under full, so the guess usually fits
#: A continued answer's parts are planned to fill this much of a card at the smallest size, and
#: never the room of the line that says it continues (`CardSpec.continues_mm`).
CONTINUE_FILL = 0.88
#: How far a page runs on below its sheet when answers too long for their cards are measured.
ROOM_BELOW_MM = 2000.0

Kind = Literal["title", "technical", "behavioural", "red_flag"]
Side = Literal["front", "back"]


@dataclass(frozen=True)
class Type:
    """A text's type size range in points: where fitting starts, and the smallest it may go."""

    start: float
    floor: float


@dataclass(frozen=True)
class CardSpec:
    """One card size on one paper: the card (mm, as cut), how it is laid out on a sheet, the bands
    inside it (mm) and its type sizes, as cards.css declares them (`card_spec`)."""

    name: CardSize
    paper: Paper
    card: tuple[float, float]  # width x height, the way up it is printed
    padding: float  # inside the card's edge, where no text goes
    head: float  # the label band ("MLOps · Q7")
    foot: float  # the brand band on backs, when the guide is branded
    gap: float  # between the label band and the text
    question: Type  # front of every card
    answer: Type  # backs, on a sheet with a technical answer among them
    note: Type  # backs, on a sheet of short texts only (what a question tests, why a flag matters)
    cover_brand: float  # the title card's brand block (logo, name, contact) at the foot of its front
    small_pt: float  # everything secondary on a card, and the smallest any card's text is set at
    continues_mm: float  # the line saying an answer continues, with the gap above it
    margin_pt: Type  # the sheet's margin lines (title, sheet number, brand)
    margin_line: float  # a margin line's height
    margin_inset: float  # margin lines stay this far inside their column, clear of the cut marks
    margin_logo: float  # the logo's height in a front sheet's bottom margin
    margin_row_gap: float  # between two rows of margin lines (a sheet of one column has two at the top)
    margin_edge: float  # margin lines keep at least this far from the paper's top and bottom edges
    lift: float  # a front's text is centred this share of its box above the middle

    @property
    def grid(self) -> Grid:
        """Where the cards go on a sheet of this spec's paper."""
        return card_grid(CARDS[self.name], self.paper)

    @property
    def advice(self) -> str:
        """What to do about a text too long for this card."""
        if self.name == LARGEST_CARDS:
            return f"Shorten it: {LARGEST_CARDS.upper()} are the largest cards."
        return f"Shorten it, or choose larger cards (--cards {LARGEST_CARDS})."

    def part_room(self, room: float) -> float:
        """How much of a card's room (mm) a part of a continued answer may fill."""
        return min(room * CONTINUE_FILL, room - self.continues_mm)


def card_spec(project: Project, size: CardSize, paper: Paper) -> CardSpec:
    """A card size on a paper, with the numbers of the stylesheets the project uses (cards.css)."""
    found = metrics(project, STYLESHEETS)
    cut, name = CARDS[size], f"card-{size}"

    def type_range(role: str) -> Type:
        return Type(*found.pts(f"{name}-{role}", 2))

    small = found.pt("small")
    return CardSpec(
        size, paper, cut.size, found.mm(f"{name}-padding"), found.mm(f"{name}-head"),
        found.mm(f"{name}-foot"), found.mm(f"{name}-gap"), type_range("question"), type_range("answer"),
        type_range("note"), found.mm(f"{name}-cover-brand"), small,
        small * (found.number("small-line-height") + found.em("continues-gap")) * PT_TO_MM,
        Type(*found.pts("margin-type", 2)), found.mm("margin-line"), found.mm("margin-inset"),
        found.mm("margin-logo"), found.mm("margin-row-gap"), found.mm("margin-edge"),
        found.number("front-lift"))


def card_metrics(project: Project) -> Metrics:
    """The custom properties of the cards' stylesheets, for what measures card text (checks/fit.py)."""
    return metrics(project, STYLESHEETS)


@dataclass(frozen=True)
class Card:
    """One card: which guide item it shows, its label, and where its two faces' text comes from.

    A long answer's card is one of several `parts`; its back shows `units` of the answer."""

    kind: Kind
    index: int  # position in its section of the guide
    number: int  # 1-based within its kind, as on the label
    label: str
    item: Any  # the TechnicalQuestion, BehaviouralQuestion or RedFlag; the Meta on a title card
    front_path: FieldPath
    back_path: FieldPath
    part: int = 1
    parts: int = 1
    units: tuple[continuation.Unit, ...] = ()  # a technical card's answer, or its part of it
    chapter: str | None = None  # the heading of its question's group, shown on its front

    @property
    def topics(self) -> list[str]:
        """What a technical front lists under its question: its group's heading, then its topics
        (a topic that only repeats the heading left out)."""
        chapter = [self.chapter] if self.chapter else []
        seen = {title.casefold() for title in chapter}
        own = getattr(self.item, "topics", [])
        return [*chapter, *(topic for topic in own if topic.casefold() not in seen)]

    @property
    def continues(self) -> int | None:
        """The part that follows this one on the next card, if any."""
        return self.part + 1 if self.part < self.parts else None

    @property
    def key(self) -> str:
        """Unique in the deck: the element ids of its faces start with it."""
        return f"{self.kind}-{self.index}-{self.part}"

    def answer_html(self, block_id: str) -> Markup:
        """The answer (its part) with an id on each unit, `<block id>-u<n>`."""
        return continuation.html(self.units, [f"{block_id}-u{n}" for n in range(len(self.units))])


@dataclass(frozen=True)
class Breaking:
    """How one long answer continues: which of its paragraphs break between sentences, and which
    of its units start a new card."""

    by_sentence: frozenset[int] = frozenset()
    starts: tuple[int, ...] = ()
    by_piece: frozenset[int] = frozenset()  # blocks too tall even by sentence: broken into pieces


#: How each long answer continues on more cards, by its (kind, index).
Breaks = dict[tuple[str, int], Breaking]


def cards(guide: Guide, per_sheet: int | None = None, breaks: Breaks | None = None) -> list[Card]:
    """Every card in deck order (guidegen.model.deck): a long answer's parts one after another, and
    for a branded deck a title card first, when the last sheet (of `per_sheet` cards) has room."""
    breaks = breaks or {}
    content: list[Card] = []
    items = deck(guide)
    groups = {(item.kind, item.index): chapter.title for kind in ("technical", "behavioural")
              for chapter in chapters(guide, items, kind) for item in chapter.items}
    for item in items:
        label = f"{guide.meta.deck_name} · {item.label}"
        base = Card(item.kind, item.index, item.number, label, item.entry, item.prompt_path,
                    item.reveal_path, chapter=groups.get((item.kind, item.index)))
        if item.kind != "technical":
            content.append(base)
            continue
        breaking = breaks.get((item.kind, item.index), Breaking())
        text = item.entry.answer  # type: ignore[union-attr]
        answer = continuation.units(text, breaking.by_sentence, breaking.by_piece) if text else ()
        starts = [0, *breaking.starts, len(answer)]
        parts = len(starts) - 1
        for part, (start, stop) in enumerate(pairwise(starts), 1):
            content.append(replace(base, part=part, parts=parts, units=answer[start:stop],
                                   label=f"{label} · {part}/{parts}" if parts > 1 else label))
    if guide.brand is None or (per_sheet and len(content) % per_sheet == 0):
        return content
    back: FieldPath = ("brand", "footer" if guide.brand.footer else "organisation")
    return [Card("title", 0, 0, guide.meta.deck_name, guide.meta, ("guide", "title"), back), *content]


@dataclass(eq=False)  # compared and hashed by identity
class Block:
    """A block of text in a fixed box, set at the size of the `Fit` it belongs to."""

    id: str
    box: Box  # relative to the card (or to the sheet, for margin lines)
    path: FieldPath
    what: str  # how an error names it, e.g. "card MLOps · Q7 (back)"
    line: bool = False  # one line, measured by its width
    advice: str = "Shorten it."
    card: Card | None = None
    lift: float = 0.0  # when centred: this share of the box's height is left below the text's cell
    fit: Fit = field(init=False, repr=False)

    @property
    def size(self) -> float:
        return self.fit.size

    @property
    def cell_mm(self) -> float:
        """The height of the cell the text is centred in, when it is (a front's text)."""
        return self.box.h * (1 - self.lift)

    @property
    def lift_mm(self) -> float:
        return self.box.h * self.lift

    @property
    def limit(self) -> float:
        return self.box.w if self.line else self.box.h

    def extent(self, width: float, height: float) -> float:
        """What is compared with `limit`: a line's width, scaled up if it is also too tall."""
        return max(width, height * self.box.w / self.box.h) if self.line else height

    def error(self, overflow: float, floor: float) -> BuildError:
        extent = "wide" if self.line else "tall"
        return BuildError(
            f"{self.what} does not fit: even at the smallest readable size ({floor:g} pt) its text "
            f"is {overflow:.1f} mm too {extent} for its {self.box.w:.0f} x {self.box.h:.0f} mm text "
            f"area. {self.advice}", path=self.path)


class Overflow(Exception):
    """A size at its floor with blocks that still do not fit: which, and by how much (mm)."""

    def __init__(self, over: dict[Block, float]) -> None:
        super().__init__(f"{len(over)} blocks too big")
        self.over = over


@dataclass(eq=False)
class Fit:
    """One type size shared by some blocks (a sheet's fronts, its backs, or one margin line), and
    the search for the largest size at which every one of them fits.

    Each measurement narrows the search: `fits` is the largest size known to fit, `overflows` the
    smallest known not to. A block's "extent" is how full its box is (1.0 exactly full); the worst
    block speaks for all. The first guess scales with the overflow; later ones interpolate between
    the two bounds, always strictly inside them, so a size settles in a few renders. A paragraph's
    height grows with the square of its type size; a line's width in proportion.
    """

    blocks: list[Block]
    type: Type
    size: float = field(init=False)
    fits: float | None = field(default=None, init=False)
    overflows: float | None = field(default=None, init=False)
    seen: dict[float, float] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.size = self.type.start
        for block in self.blocks:
            block.fit = self

    @property
    def line(self) -> bool:
        return all(block.line for block in self.blocks)

    def measured(self, extents: dict[Block, float]) -> bool:
        """Record the blocks' extents (mm) at the current size; True if the size must change.
        Raises Overflow when the floor itself is too big."""
        fullness = {block: (extents[block] - FIT_TOLERANCE_MM) / block.limit for block in self.blocks}
        worst = max(fullness.values())
        self.seen[self.size] = worst
        if worst <= 1:
            self.fits = self.size
            if (self.size >= self.type.start or worst >= SNUG
                    or (self.overflows is not None and self.overflows - self.size <= STEP_PT)):
                return False
        else:
            self.overflows = self.size
            if self.size <= self.type.floor:
                raise Overflow({block: extents[block] - block.limit
                                      for block, full in fullness.items() if full > 1})
        self.size = self._next()
        return True

    def _next(self) -> float:
        low = self.type.floor if self.fits is None else self.fits + STEP_PT
        high = self.type.start if self.overflows is None else self.overflows - STEP_PT
        if self.fits is not None and self.overflows is not None:  # bracketed: interpolate
            (s0, e0), (s1, e1) = (self.fits, self.seen[self.fits]), (self.overflows,
                                                                     self.seen[self.overflows])
            guess = s0 + (AIM - e0) * (s1 - s0) / (e1 - e0)
        else:  # one-sided: scale by the overflow (or the room left)
            power = 1.0 if self.line else 0.5
            guess = self.size * (AIM / self.seen[self.size]) ** power
        return max(self.fits or self.type.floor, min(high, max(low, _grid(guess))))


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
    foot: Block | None  # the brand: its block on the title card's front, its name on a back


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
    """Everything the cards template draws, with every size to fit."""

    spec: CardSpec
    flip: Flip
    offset: tuple[float, float]
    sheets: list[Sheet]
    fits: list[Fit]

    @property
    def blocks(self) -> Iterator[Block]:
        for fit in self.fits:
            yield from fit.blocks


#: The most sheets of paper laid out as one document: a deck of many cards is laid out in parts.
PART_SHEETS = 25


@dataclass(frozen=True)
class Continue:
    """A part's answer to lay out on more cards: where each of its units ends at the floor (mm from
    the top of its text) and the room a card has for it."""

    card: Card
    bottoms: list[float]
    room: float
    what: str


def write(guide: Guide, project: Project, options: Options, layout: Layout, *,
          part_sheets: int = PART_SHEETS) -> bytes:
    """The cards PDF, each sheet's text fitted and checked: one document, or for a deck of more
    than `part_sheets` sheets of paper, parts laid out side by side and joined."""
    from ..render.layout import split

    size, flip = options.cards_for(guide), options.flip_for(guide)
    spec = card_spec(project, size, options.paper_for(guide))
    breaks: Breaks = {}
    for _ in range(MAX_SPLITS + 1):
        plan = plan_sheets(guide, spec, flip, options.back_offset, breaks=breaks)
        context = {"spec": plan.spec, "size": size, "grid": plan.spec.grid,
                   "sheet_count": len(plan.sheets) // 2, "legend": ranges(deck(guide))}
        runs = split(len(plan.sheets) // 2, part_sheets)  # whole sheets of paper: a front and its back
        parts = [_part(plan, 2 * start, 2 * stop) for start, stop in runs]
        # a watch's workers keep a one-part deck's pages, to lay out only the pages a save changed
        keep = (f"cards\n{project.root}\n{guide.meta.id}\n{spec}\n{flip}\n{options.back_offset}"
                if layout.keeps and len(parts) == 1 else None)
        results = layout.map(_lay_out, [(guide, project, part, context, keep) for part in parts],
                             homes=[keep] * len(parts))
        longer = [item for result in results if isinstance(result, list) for item in result]
        if not longer:
            pdfs: list[bytes] = results  # type: ignore[assignment]
            break
        for item in longer:
            _continue(item, breaks, spec)
    else:  # pragma: no cover
        raise AssertionError("continuing long answers on more cards did not settle")
    if len(pdfs) == 1:
        pdf = pdfs[0]
    else:
        pdf = join([Pages(data, [NO_MARKS] * len(part.sheets), range(len(part.sheets)))
                    for data, part in zip(pdfs, parts, strict=True)], metadata_from=pdfs[0])
    return with_print_presets(pdf, flip=flip)


def _part(plan: Plan, start: int, stop: int) -> Plan:
    """Pages start..stop of a plan, with the sizes of their own blocks only."""
    sheets = plan.sheets[start:stop]
    ids = {block.id for sheet in sheets for block in _sheet_blocks(sheet)}
    return replace(plan, sheets=sheets, fits=[fit for fit in plan.fits if fit.blocks[0].id in ids])


def _continue(item: Continue, breaks: Breaks, spec: CardSpec) -> None:
    """Break a part's units into more cards, each filling at most `spec.part_room` of the room; a
    paragraph taller than that breaks between its sentences, and a block still taller than that (a
    sentence, a list item, a code block) into pieces of a few words or lines (the answer's parts are
    then planned again). Only a piece taller than a card, which takes a card far smaller than any
    size there is, fails the build."""
    card = item.card
    key = (card.kind, card.index)
    old = breaks.get(key, Breaking())
    room = spec.part_room(item.room)
    tops = [0.0, *item.bottoms[:-1]]
    tall = [card.units[i] for i, (top, bottom) in enumerate(zip(tops, item.bottoms, strict=True))
            if bottom - top > room]
    if tall and not any(unit.piece for unit in tall):  # all of them broken finer at once
        breaks[key] = Breaking(old.by_sentence | {unit.position for unit in tall if unit.paragraph},
                               by_piece=old.by_piece | {unit.position for unit in tall if not unit.paragraph})
        return
    try:
        cuts = continuation.cuts(item.bottoms, room)
    except continuation.TooTall as exc:
        height = f"{exc.height:.1f} mm" if math.isfinite(exc.height) else f"over {ROOM_BELOW_MM / 1000:g} m"
        raise BuildError(
            f"{item.what} does not fit: even at the smallest readable size ({spec.small_pt:g} pt) a "
            f"few words of its answer are {height} tall, more than one card holds "
            f"({spec.part_room(item.room):.0f} mm). {spec.advice}", path=card.back_path) from None
    first = ([0, *old.starts])[card.part - 1]  # where the part starts in the whole answer
    breaks[key] = Breaking(old.by_sentence, tuple(sorted({*old.starts, *(first + cut for cut in cuts)})),
                           old.by_piece)


def _lay_out(task: tuple[Guide, Project, Plan, dict[str, Any], str | None]) -> bytes | list[Continue]:
    """One part's PDF, or the answers in it to continue on more cards (a task a Layout runs, in a
    worker when there are workers); with a key, the pages are kept under it for the next build."""
    from ..render.templates import render_template

    guide, project, part, context, keep = task
    result = _fitted(part, lambda pages, room_below_mm=0.0: render_template(
        project, "cards/cards.html", guide, plan=pages, page_height_mm=part.spec.grid.sheet_h + room_below_mm,
        **context), project, keep)
    return result if isinstance(result, list) else write_pdf(result)


def plan_sheets(guide: Guide, spec: CardSpec, flip: Flip, offset: tuple[float, float], *,
                breaks: Breaks | None = None) -> Plan:
    """Deal the cards onto sheets: front page then back page, the backs mirrored for `flip`; on
    each sheet one size for its fronts' text and one for its backs'."""
    grid = spec.grid
    dealt_cards = cards(guide, grid.per_sheet, breaks)
    total = sheets_needed(len(dealt_cards), grid.per_sheet)
    sheets: list[Sheet] = []
    fits: list[Fit] = []
    branded = guide.brand is not None
    rtl = direction(guide.meta.language) == "rtl"  # cards laid from the right, as the guide reads
    logo = _margin_logo(spec) if guide.brand is not None and guide.brand.logo else None
    for number in range(1, total + 1):
        dealt = dealt_cards[(number - 1) * grid.per_sheet: number * grid.per_sheet]
        taken = grid.slots(len(dealt), rtl=rtl)
        fronts = [_face(card, "front", grid.front(slot), spec, branded=branded)
                  for slot, card in zip(taken, dealt, strict=True)]
        backs = [_face(card, "back", grid.back(slot, flip, offset), spec, branded=branded)
                 for slot, card in zip(taken, dealt, strict=True)]
        front_margin = _margin(guide, spec, number, "front")
        back_margin = _margin(guide, spec, number, "back")
        sheets.append(Sheet("front", number, fronts, grid.cut_marks(taken=taken), front_margin, logo))
        sheets.append(Sheet("back", number, backs, [], back_margin, None))
        fits.append(Fit([face.body for face in fronts], spec.question))
        short = all(face.card.kind in ("behavioural", "red_flag") for face in backs)
        fits.append(Fit([face.body for face in backs], spec.note if short else spec.answer))
        small = Type(spec.small_pt, spec.small_pt)
        fits += [Fit([face.foot], small) for face in [*fronts, *backs] if face.foot]
        fits += [Fit([block], spec.margin_pt) for block in [*front_margin, *back_margin]]
    return Plan(spec, flip, offset, sheets, fits)


def _sheet_blocks(sheet: Sheet) -> Iterator[Block]:
    yield from sheet.margin
    for face in sheet.faces:
        yield face.body
        if face.foot:
            yield face.foot


def _face(card: Card, side: Side, box: Box, spec: CardSpec, *, branded: bool) -> Face:
    """A card side's bands: the label at the top, the text below it, the brand at the foot.

    The brand's foot is its name on every back, and its whole block on the title card's front."""
    inner_w = box.w - 2 * spec.padding
    head = Box(spec.padding, spec.padding, inner_w, spec.head)
    top = spec.padding + spec.head + spec.gap
    cover = card.kind == "title" and side == "front"
    foot_h = spec.cover_brand if cover else spec.foot if branded and side == "back" else 0.0
    above_foot = spec.gap if foot_h else 0.0  # the text keeps clear of the brand's rule
    body_box = Box(spec.padding, top, inner_w, box.h - top - spec.padding - foot_h - above_foot)
    slug = f"{card.key}-{side}"
    body = Block(f"fit-{slug}", body_box, card.front_path if side == "front" else card.back_path,
                 f"card {card.label} ({side})", advice=spec.advice, card=card,
                 lift=spec.lift if side == "front" else 0.0)
    if not foot_h:
        return Face(card, side, box, head, body, None)
    foot_box = Box(spec.padding, box.h - spec.padding - foot_h, inner_w, foot_h)
    if cover:
        foot = Block(f"fit-{slug}-brand", foot_box, ("brand",), f"the brand on the title card {card.label}",
                     advice="Shorten the brand's name or contact, or choose larger cards.")
    else:
        foot = Block(f"fit-{slug}-brand", foot_box, ("brand", "organisation"),
                     f"the brand line on card {card.label}", line=True,
                     advice="Shorten the brand's organisation name.")
    return Face(card, side, box, head, body, foot)


def _margin(guide: Guide, spec: CardSpec, number: int, side: Side) -> list[Block]:
    """The sheet's margin lines, kept within the first and last columns so no cut mark crosses them.

    Top: the guide's title (left) and the sheet number, side and flip edge (right; on a sheet of
    one column, on a row under the title). Bottom, when branded: the brand's footer line (or its
    name), clear of the logo. The cards themselves carry the brand's name.
    """
    grid, inset, height = spec.grid, spec.margin_inset, spec.margin_line
    first, last = grid.front(0), grid.front(grid.cols - 1)
    top_y, bottom_y = _margin_rows(spec)
    left = (first.x + inset, first.w - 2 * inset)
    right = (last.x + inset, last.w - 2 * inset)
    sheet_y = top_y + height + spec.margin_row_gap if grid.cols == 1 else top_y
    slug = f"{number}-{side}"
    rows = [("title", left, top_y, ("guide", "title")), ("sheet", right, sheet_y, ())]
    if guide.brand is not None:
        logo = spec.margin_logo + spec.margin_inset if grid.cols == 1 and guide.brand.logo else 0.0
        rows.append(("brand", (left[0], left[1] - logo), bottom_y,
                     ("brand", "footer" if guide.brand.footer else "organisation")))
    return [Block(f"margin-{name}-{slug}", Box(x, y, w, height), path,
                  f"the sheet margin's {name} line", line=True)
            for name, (x, w), y, path in rows]


def _margin_rows(spec: CardSpec) -> tuple[float, float]:
    """The top of the margin lines' rows: centred in the top and bottom margins, away from the
    paper's edge, where printers cannot print."""
    grid = spec.grid
    top_y = max(spec.margin_edge, (grid.margin_y - spec.margin_line) / 2)
    return top_y, grid.sheet_h - top_y - spec.margin_line


def _margin_logo(spec: CardSpec) -> Box:
    """A small square for the logo in the bottom margin, at the right of the last column: level
    with the footer line opposite, and (like it) clear of the cut marks at the cards' edges."""
    grid, size = spec.grid, spec.margin_logo
    last = grid.front(grid.cols - 1)
    centre_y = _margin_rows(spec)[1] + spec.margin_line / 2
    return Box(last.right - spec.margin_inset - size, centre_y - size / 2, size, size)


def _fitted(plan: Plan, html: Callable[..., str], project: Project,
            keep: str | None = None) -> Document | list[Continue]:
    """Render and measure until no size changes; the pages that passed the check are the result. A
    size at its floor with answers still too long for their cards gives those answers instead, with
    where each of their units ends, to continue on more cards.

    Each page's sizes are its own, and a page of fixed size lays out the same in any document, so a
    round lays out again only the pages whose sizes changed, and the result is every page as its
    last layout made it, combined (as a layout of them all at those sizes would make it, byte for
    byte): a deck whose sizes settle in a few rounds lays out most of its pages once. With `keep`
    (a warm process), the pages a build under that key kept whose HTML is unchanged at the sizes
    they settled at are taken as they are (editions/kept_sheets.py)."""
    owner = _pages_of_fits(plan)
    pages: list[Any] = [None] * len(plan.sheets)
    reused, first = _reused(plan, html, project, owner, keep) if keep else ({}, None)
    for index, page in reused.items():
        pages[index] = page
    todo = [index for index in range(len(plan.sheets)) if index not in reused]
    for _round in range(MAX_ROUNDS + 1):  # the last only to return what the one before settled
        if not todo:
            assert first is not None
            result = first.copy(pages)
            if keep:
                _keep(plan, html, project, owner, keep, result)
            return result
        part = _only(plan, todo)
        document = lay_out(project, html(part), STYLESHEETS)
        if len(document.pages) != len(todo):
            raise AssertionError(f"{len(todo)} sheets laid out on {len(document.pages)} pages")
        first = first or document
        measured = extents(document, part.blocks)
        changed: set[int] = set()
        over: dict[Block, float] = {}
        for fit in part.fits:  # all of them, no short cut
            try:
                if fit.measured(measured):
                    changed.add(owner[id(fit)])
            except Overflow as overflow:
                over |= overflow.over
        if over:
            return _to_continue(over, project, html, plan)
        for position, index in enumerate(todo):
            pages[index] = document.pages[position]
        todo = [index for index in todo if index in changed]
    raise AssertionError("card text fitting did not converge")  # pragma: no cover


def _reused(plan: Plan, html: Callable[..., str], project: Project, owner: dict[int, int],
            key: str) -> tuple[dict[int, Any], Document | None]:
    """The pages kept under `key` that this plan can take as they are (by index), and the kept
    document: each fit of a page set to the size it settled at last time, the page is kept if its
    HTML is the same as then (the search would settle there again). Every other fit is left at its
    start."""
    from . import kept_sheets

    kept = kept_sheets.kept(key)
    if kept is None or len(kept.sizes) != len(plan.sheets):
        return {}, None
    on_page: dict[int, list[Fit]] = {}
    for fit in plan.fits:
        on_page.setdefault(owner[id(fit)], []).append(fit)
    for index, fits in on_page.items():
        for fit in fits:
            fit.size = kept.sizes[index].get(fit.blocks[0].id, fit.type.start)
    now = kept_sheets.pieces(html(plan), kept_sheets.styles_stamp(project))
    found = kept_sheets.changed(key, now) if now is not None else None
    unchanged = set(range(len(plan.sheets))).difference(found[1]) if found else set()
    reused = {index: kept.pages(index)[0] for index in sorted(unchanged)}
    for index, fits in on_page.items():
        if index not in reused:
            for fit in fits:
                fit.size = fit.type.start
    return reused, kept.document if reused else None


def _keep(plan: Plan, html: Callable[..., str], project: Project, owner: dict[int, int], key: str,
          document: Document) -> None:
    """Keep a fitted plan's pages under `key`, each with its HTML and its texts' sizes."""
    from . import kept_sheets

    now = kept_sheets.pieces(html(plan), kept_sheets.styles_stamp(project))
    if now is None or len(now) != len(document.pages) + 1:
        kept_sheets.forget(key)
        return
    sizes: list[dict[str, float]] = [{} for _ in plan.sheets]
    for fit in plan.fits:
        sizes[owner[id(fit)]][fit.blocks[0].id] = fit.size
    kept_sheets.keep(key, kept_sheets.Kept(now, document, sizes=tuple(sizes)))


def _pages_of_fits(plan: Plan) -> dict[int, int]:
    """Each fit's page (its index in `plan.sheets`), by the fit's id: a fit's blocks are all on one."""
    page = {block.id: index for index, sheet in enumerate(plan.sheets) for block in _sheet_blocks(sheet)}
    return {id(fit): page[fit.blocks[0].id] for fit in plan.fits}


def _only(plan: Plan, pages: list[int]) -> Plan:
    """These pages of a plan, with the sizes of their own blocks only."""
    if len(pages) == len(plan.sheets):
        return plan
    kept = [plan.sheets[index] for index in pages]
    ids = {block.id for sheet in kept for block in _sheet_blocks(sheet)}
    return replace(plan, sheets=kept, fits=[fit for fit in plan.fits if fit.blocks[0].id in ids])


def _to_continue(over: dict[Block, float], project: Project, html: Callable[..., str],
                 plan: Plan) -> list[Continue]:
    """Answers too long for their cards at the floor, measured for continuing (in a layout of their
    pages that runs on below the sheet, so that an answer running off it is laid out whole; a unit
    that ends beyond even that ends at infinity); or, for anything else too big (a question, a
    short text, a line), the build's error."""
    for block, overflow in over.items():
        card = block.card
        if card is None or card.kind != "technical" or not block.id.endswith("-back") or not card.units:
            raise block.error(overflow, block.fit.type.floor)
    owner = _pages_of_fits(plan)
    pages = sorted({owner[id(block.fit)] for block in over})
    anchors = _anchors(lay_out(project, html(_only(plan, pages), room_below_mm=ROOM_BELOW_MM), STYLESHEETS))
    longer = []
    for block in over:
        assert block.card is not None
        _, top, _, _ = anchors[block.id]
        ends = [anchors.get(f"{block.id}-u{n}") for n in range(len(block.card.units))]
        bottoms = [(end[3] - top) * PX_TO_MM if end else math.inf for end in ends]
        longer.append(Continue(block.card, bottoms, block.limit, block.what))
    return longer


def _anchors(document: Document) -> dict[str, tuple[float, float, float, float]]:
    return {name: box for page in document.pages for name, box in page.anchors.items()}


def extents(document: Document, blocks: Iterator[Block]) -> dict[Block, float]:
    """Each block's laid-out content height (width, for a line) in mm, read from its anchor."""
    anchors = _anchors(document)
    found: dict[Block, float] = {}
    for block in blocks:
        x0, y0, x1, y1 = anchors[block.id]
        found[block] = block.extent((x1 - x0) * PX_TO_MM, (y1 - y0) * PX_TO_MM)
    return found
