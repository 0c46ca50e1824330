"""The printer calibration sheet (`guidegen calibrate`): scales on the front, crosshairs on the back
where the cards' centres will be, to measure how far a printer's duplex shifts the backs.

Held to the light, each back crosshair shows through across the front's scales; the scales are
numbered with the --back-offset to pass (already allowing for the offset the sheet was printed
with), so reading them needs no arithmetic and no thought about which way the sheet flipped. Every
line and label is placed here, in millimetres; the template (templates/cards/calibration.html) only
draws them, with the cards' stylesheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.paper import DEFAULT_CARDS, DEFAULT_FLIP, DEFAULT_PAPER, PAPERS, CardSize, Flip, Paper
from ..render.pdf import lay_out, write_pdf
from ..render.presets import with_print_presets
from ..render.project import Project
from . import Options
from .cards import STYLESHEETS, card_spec
from .imposition import Box, Grid, Line, Tick, mirror_point, offset_scale

SCALE_GAP = 7.0  # from a target to its scales
CROSS_ARM = 15.0  # a back cross's half length: long enough to cross both scales
TARGET_ARM = 2.5  # a front target's half length
#: Tick lengths: every half millimetre, every millimetre, and (numbered, 7 pt) every 2 mm, as on a
#: ruler. Numbers are distances from 0 (a minus sign would make them too wide for 2 mm); the sign
#: of each half of a scale is printed at its end.
TICKS = (1.0, 1.7, 2.6)
TEXT_WIDTH = 120.0  # the instructions' measure, at most (about 70 characters)
TEXT_CLEAR = (15.0, 8.0)  # the instructions keep this far below the top targets, above the bottom scales


@dataclass(frozen=True)
class Label:
    """A text placed on the sheet: its top left corner (mm), its classes in cards.css, its text."""

    x: float
    y: float
    classes: str
    text: str


@dataclass(frozen=True)
class Face:
    """One side of the sheet: its lines (a target's own lines marked), labels and instructions."""

    lines: list[tuple[Line, bool]]
    labels: list[Label]
    text: Box


def render_calibration(project: Project, options: Options) -> bytes:
    """The calibration sheet's PDF for the card size, paper, flip and offset chosen."""
    size: CardSize = options.cards or DEFAULT_CARDS
    paper: Paper = options.paper or DEFAULT_PAPER
    flip: Flip = options.flip or DEFAULT_FLIP
    grid = card_spec(project, size, paper).grid
    offset = options.back_offset
    # Targets at the centres of the cards in the first and last rows: enough to show a shift, a
    # skew or a stretch, and they leave the middle of the sheet free for the instructions.
    slots = sorted({*range(grid.cols), *range(grid.per_sheet - grid.cols, grid.per_sheet)})
    targets = [grid.front(slot).centre for slot in slots]
    backs = [mirror_point(x, y, grid.sheet_w, grid.sheet_h, flip) for x, y in targets]
    backs = [(x + offset[0], y + offset[1]) for x, y in backs]
    from ..render.templates import template

    html = template(project, "cards/calibration.html").render(
        grid=grid, size=size, paper=paper, paper_name=PAPERS[paper].label, flip=flip, offset=offset,
        front=_front(grid, targets, offset_scale(offset, flip)), back=_back(grid, backs))
    return with_print_presets(write_pdf(lay_out(project, html, STYLESHEETS)), flip=flip)


def _tick(tick: Tick) -> float:
    if not tick.whole:
        return TICKS[0]
    return TICKS[1] if tick.value % 2 else TICKS[2]


def _front(grid: Grid, targets: list[tuple[float, float]], scale: dict[str, list[Tick]]) -> Face:
    """Each target: a small cross where a card's centre will be, an X scale above it and a Y scale
    to its left, numbered every 2 mm, with each half's sign at its end and the axis named."""
    gap, long = SCALE_GAP, TICKS[2]
    reach_x, reach_y = [t.at for t in scale["x"]], [t.at for t in scale["y"]]
    x_first, y_first = min(scale["x"], key=lambda t: t.at), min(scale["y"], key=lambda t: t.at)
    x_signs = ("−", "+") if x_first.value < 0 else ("+", "−")
    y_signs = ("−", "+") if y_first.value < 0 else ("+", "−")
    lines: list[tuple[Line, bool]] = []
    labels: list[Label] = []
    for x, y in targets:
        lines += [(Line(x - TARGET_ARM, y, x + TARGET_ARM, y), True),
                  (Line(x, y - TARGET_ARM, x, y + TARGET_ARM), True),
                  (Line(x + min(reach_x) - 0.5, y - gap, x + max(reach_x) + 0.5, y - gap), False),
                  (Line(x - gap, y + min(reach_y) - 0.5, x - gap, y + max(reach_y) + 0.5), False)]
        lines += [(Line(x + t.at, y - gap, x + t.at, y - gap - _tick(t)), False) for t in scale["x"]]
        lines += [(Line(x - gap, y + t.at, x - gap - _tick(t), y + t.at), False) for t in scale["y"]]
        labels += [Label(x + t.at - 2, y - gap - long - 3.0, "cal-label cal-x", f"{abs(t.value):.0f}")
                   for t in scale["x"] if t.whole and not t.value % 2]
        labels += [Label(x - gap - long - 4.0, y + t.at - 1.25, "cal-label cal-y", f"{abs(t.value):.0f}")
                   for t in scale["y"] if t.whole and not t.value % 2]
        labels += [Label(x + min(reach_x) - 3.2, y - gap - long - 3.4, "cal-sign", x_signs[0]),
                   Label(x + max(reach_x) + 1.0, y - gap - long - 3.4, "cal-sign", x_signs[1]),
                   Label(x + max(reach_x) + 1.2, y - gap - 1.6, "cal-axis", "X"),
                   Label(x - gap - long - 4.2, y + min(reach_y) - 4.2, "cal-sign", y_signs[0]),
                   Label(x - gap - long - 4.2, y + max(reach_y) + 0.9, "cal-sign", y_signs[1]),
                   Label(x - gap - 1.2, y + max(reach_y) + 1.2, "cal-axis", "Y")]
    # the instructions: between the top row's scales and the bottom row's, centred
    top = min(y for _, y in targets) + TEXT_CLEAR[0]
    bottom = max(y for _, y in targets) - gap - long - TEXT_CLEAR[1]
    width = _text_width(grid)
    return Face(lines, labels, Box((grid.sheet_w - width) / 2, top, width, bottom - top))


def _back(grid: Grid, backs: list[tuple[float, float]]) -> Face:
    """A cross behind each target, shifted by the offset, and a line saying what this side is."""
    lines = [(line, False) for x, y in backs
             for line in (Line(x - CROSS_ARM, y, x + CROSS_ARM, y), Line(x, y - CROSS_ARM, x, y + CROSS_ARM))]
    width = _text_width(grid)
    return Face(lines, [], Box((grid.sheet_w - width) / 2, grid.sheet_h / 2 - 5, width, 10.0))


def _text_width(grid: Grid) -> float:
    return min(grid.sheet_w - 2 * grid.margin_x, TEXT_WIDTH)
