"""Imposition geometry for flashcards: where each card goes on a sheet, front and back, in millimetres.

Pure functions and frozen data, no rendering, so the arithmetic that decides whether an answer lands
behind its question can be tested on its own. Coordinates are the printed page's: origin at the top
left, x to the right, y down, as CSS absolute positioning and pdfplumber's `top` both use.

A duplex flip turns the sheet over about an axis parallel to the edge the printer flips on. On the
portrait sheets used here, a long-edge flip mirrors x (a back sheet's columns are reversed) and a
short-edge flip mirrors y (its rows are reversed). A printer's duplex drift is corrected by adding the
same offset to every box on every back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.paper import CARD_MARGIN_MM, PAPERS, UNPRINTABLE_MM, CardCut, Flip, Paper

MARK_OFFSET = 1.0  # gap between a card corner and its cut mark, so a mark never touches a card
MARK_LENGTH = 4.0  # a cut mark's length where the margin allows it
MARK_CLEARANCE = 0.5  # marks from neighbouring cards stop this short of a gutter's midline


@dataclass(frozen=True)
class Box:
    """A rectangle on a sheet, in mm from the sheet's top left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def shifted(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def contains(self, x: float, y: float, tolerance: float = 0.0) -> bool:
        return (self.x - tolerance <= x <= self.right + tolerance
                and self.y - tolerance <= y <= self.bottom + tolerance)


@dataclass(frozen=True)
class Line:
    """A straight cut mark from (x1, y1) to (x2, y2), in mm."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Grid:
    """How many cards of which size fit a sheet, and the space between and around them."""

    sheet_w: float
    sheet_h: float
    card_w: float
    card_h: float
    cols: int
    rows: int
    gutter: float

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def margin_x(self) -> float:
        return (self.sheet_w - self.cols * self.card_w - (self.cols - 1) * self.gutter) / 2

    @property
    def margin_y(self) -> float:
        return (self.sheet_h - self.rows * self.card_h - (self.rows - 1) * self.gutter) / 2

    def front(self, slot: int) -> Box:
        """The box of the card in `slot` (0-based, row by row) on a front sheet."""
        row, col = divmod(slot, self.cols)
        return Box(self.margin_x + col * (self.card_w + self.gutter),
                   self.margin_y + row * (self.card_h + self.gutter), self.card_w, self.card_h)

    def back(self, slot: int, flip: Flip, offset: tuple[float, float] = (0.0, 0.0)) -> Box:
        """Where the back of the card in `slot` goes on the following back sheet."""
        return mirror(self.front(slot), self.sheet_w, self.sheet_h, flip).shifted(*offset)

    def slots(self, count: int, *, rtl: bool = False) -> list[int]:
        """The slots the first `count` cards of a sheet take: row by row, each row from the left, or
        in a right-to-left guide from the right (a back is where its front's mirror is, either way)."""
        return [row * self.cols + (self.cols - 1 - col if rtl else col)
                for row, col in (divmod(index, self.cols) for index in range(count))]

    def cut_marks(self, slots: int | None = None, *, taken: list[int] | None = None) -> list[Line]:
        """Two short marks at every corner of the first `slots` cards (or of the slots `taken`),
        none touching any card.

        Each mark continues a card edge outwards: into the sheet margin (keeping clear of the
        paper's edge) or into a gutter (stopping short of its middle, so neighbours' marks never
        meet and no mark reaches the next card).
        """
        marked = range(self.per_sheet if slots is None else slots) if taken is None else taken
        return [line for slot in marked for line in self._corner_marks(slot)]

    def _corner_marks(self, slot: int) -> list[Line]:
        row, col = divmod(slot, self.cols)
        box = self.front(slot)
        marks: list[Line] = []
        for x, sx, outer_x in ((box.x, -1, col == 0), (box.right, 1, col == self.cols - 1)):
            for y, sy, outer_y in ((box.y, -1, row == 0), (box.bottom, 1, row == self.rows - 1)):
                len_x = self._mark_length(self.margin_x if outer_x else None)
                len_y = self._mark_length(self.margin_y if outer_y else None)
                start_x, start_y = x + sx * MARK_OFFSET, y + sy * MARK_OFFSET
                marks.append(Line(start_x, y, start_x + sx * len_x, y))  # continues a top/bottom edge
                marks.append(Line(x, start_y, x, start_y + sy * len_y))  # continues a left/right edge
        return marks

    def _mark_length(self, margin: float | None) -> float:
        """A mark's length into a sheet margin (given) or into a gutter (None)."""
        if margin is not None:
            return max(0.0, min(MARK_LENGTH, margin - MARK_OFFSET - UNPRINTABLE_MM))
        return max(0.0, min(MARK_LENGTH, self.gutter / 2 - MARK_OFFSET - MARK_CLEARANCE))


def mirror(box: Box, sheet_w: float, sheet_h: float, flip: Flip) -> Box:
    """Where a box on one side of a portrait sheet lies when seen from the other side."""
    if flip == "long":
        return Box(sheet_w - box.right, box.y, box.w, box.h)
    return Box(box.x, sheet_h - box.bottom, box.w, box.h)


def mirror_point(x: float, y: float, sheet_w: float, sheet_h: float, flip: Flip) -> tuple[float, float]:
    return (sheet_w - x, y) if flip == "long" else (x, sheet_h - y)


def best_grid(sheet: tuple[float, float], card: tuple[float, float], *, gutter: float,
              min_margin: float) -> Grid:
    """The grid with the most cards of exactly this size, the way up they are given (index cards
    lie down, as their stock is printed), on a portrait sheet.

    Every card keeps a gutter to its neighbours and a margin of at least `min_margin` to the sheet's
    edge (room for cut marks and the printer's unprintable border).
    """
    sheet_w, sheet_h = sheet
    card_w, card_h = card
    cols = _fits(sheet_w, card_w, gutter, min_margin)
    rows = _fits(sheet_h, card_h, gutter, min_margin)
    if not (cols and rows):
        raise ValueError(f"a {card_w} x {card_h} mm card does not fit a {sheet_w} x {sheet_h} mm sheet")
    return Grid(sheet_w, sheet_h, card_w, card_h, cols, rows, gutter)


def card_grid(cut: CardCut, paper: Paper) -> Grid:
    """Where cards of this size go on this paper: the same number on every paper."""
    return best_grid(PAPERS[paper].size, cut.size, gutter=cut.gutter_mm, min_margin=CARD_MARGIN_MM)


def _fits(length: float, card: float, gutter: float, margin: float) -> int:
    """How many cards fit along one side: n cards, n - 1 gutters and two margins."""
    return max(0, int((length - 2 * margin + gutter) // (card + gutter)))


def sheets_needed(cards: int, per_sheet: int) -> int:
    return -(-cards // per_sheet)


# Calibration. Seen from the front, a back printed at B lands at mirror(B); with the offset o applied
# and the printer's own drift e, a mark meant to sit behind P is seen at P + M(o + e), where M is the
# flip's mirror (long: x negated; short: y negated). The offset that cancels e is o - M d, for the
# displacement d the user sees.

def _flip_signs(flip: Flip) -> tuple[int, int]:
    return (-1, 1) if flip == "long" else (1, -1)


def needed_offset(seen: tuple[float, float], current: tuple[float, float],
                  flip: Flip) -> tuple[float, float]:
    """The --back-offset that puts backs exactly behind fronts, from the displacement seen (mm)."""
    sx, sy = _flip_signs(flip)
    return (current[0] - sx * seen[0], current[1] - sy * seen[1])


def displacement_for(offset: tuple[float, float], current: tuple[float, float],
                     flip: Flip) -> tuple[float, float]:
    """Where (relative to a front target) a back mark is seen when `offset` is the one needed."""
    sx, sy = _flip_signs(flip)
    return (sx * (current[0] - offset[0]), sy * (current[1] - offset[1]))


@dataclass(frozen=True)
class Tick:
    """A calibration scale tick: the offset it stands for, and where it is drawn from the target."""

    value: float
    at: float

    @property
    def whole(self) -> bool:
        return self.value == int(self.value)


def offset_scale(current: tuple[float, float], flip: Flip, *, reach: float = 6.0,
                 step: float = 0.5) -> dict[str, list[Tick]]:
    """The front's two scales, "x" and "y", each tick placed where the back's crosshair line shows
    through when that tick's value is the --back-offset to pass."""
    count = round(reach / step)
    values = [i * step for i in range(-count, count + 1)]
    return {
        "x": [Tick(v, displacement_for((v, 0.0), (current[0], 0.0), flip)[0]) for v in values],
        "y": [Tick(v, displacement_for((0.0, v), (0.0, current[1]), flip)[1]) for v in values],
    }
