"""The print booklet's page: its geometry on each paper and the answer's type steps, from print.css.

Every number here is read from the `:root` of the booklet's stylesheets (render/metrics.py), where
the stylesheets use the same custom properties through `var()`: the booklet's layout, its template
(which writes only what depends on the paper: page size, margins, the heights derived from them) and
`check`'s fit estimate all take their numbers from one `PrintPage`, so none is written twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..base.paper import PAPERS, Paper, PaperSize
from ..base.units import PT_TO_MM
from ..render.metrics import Metrics, metrics
from ..render.project import Project

STYLESHEETS = ["fonts.css", "pdf-common.css", "print.css"]


@dataclass(frozen=True)
class Step:
    """One type step of an answer page: the answer's size, line height and paragraph gap, and those
    of what a behavioural answer shows; from the wide steps on, the answer takes the full width."""

    answer_pt: float
    answer_line_height: float
    gap_em: float
    shows_pt: float
    shows_line_height: float
    wide: bool


@dataclass(frozen=True)
class PrintPage:
    """A booklet page on one paper: margins mirror for duplex (inner = binding edge)."""

    paper: PaperSize
    metrics: Metrics
    top_mm: float
    outer_mm: float
    bottom_mm: float
    inner_mm: float
    line_pitch_mm: float  # spacing of the ruled writing lines
    steps: tuple[Step, ...]

    @property
    def name(self) -> Paper:
        return self.paper.name

    @property
    def width_mm(self) -> float:
        return self.paper.width_mm

    @property
    def height_mm(self) -> float:
        return self.paper.height_mm

    @property
    def content_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm

    @property
    def content_width_mm(self) -> float:
        return self.width_mm - self.inner_mm - self.outer_mm

    @property
    def sheet_height_mm(self) -> float:
        """A question page's body: the page's content height."""
        return round(self.content_height_mm, 2)

    def mm(self, name: str) -> float:
        return self.metrics.mm(name)

    # ---- the answer page

    @property
    def answer_mm(self) -> float:
        """An answer's column, at the usual steps; the rest of the width is the notes margin."""
        return self.mm("answer-width")

    @property
    def notes_gap_mm(self) -> float:
        return self.mm("notes-gap")

    @property
    def notes_width_mm(self) -> float:
        """The ruled margin beside an answer, on the outer side of its page."""
        return round(self.content_width_mm - self.answer_mm - self.notes_gap_mm, 2)

    @property
    def answer_offset_mm(self) -> float:
        """How far an answer's column starts from the page's content edge: past the notes margin."""
        return self.notes_width_mm + self.notes_gap_mm

    def answer_width_mm(self, step: int) -> float:
        return self.content_width_mm if self.steps[step].wide else self.answer_mm

    @property
    def wide_from(self) -> int:
        return next((index for index, step in enumerate(self.steps) if step.wide), len(self.steps))

    # ---- the question page

    @property
    def turn_over_mm(self) -> float:
        return self.mm("turn-over-height")

    @property
    def min_writing_mm(self) -> float:
        return self.mm("min-writing-space")

    @property
    def star_shares(self) -> tuple[float, ...]:
        return self.metrics.numbers("star-shares")

    @property
    def star_gap_mm(self) -> float:
        return self.mm("star-gap")

    @property
    def star_pad_mm(self) -> float:
        return self.mm("star-pad")

    # ---- what the template writes, derived here so that it does no arithmetic of its own

    @property
    def cover_margin_mm(self) -> float:
        return self.mm("cover-margin")

    @property
    def cover_height_mm(self) -> float:
        """The cover's and back cover's blocks: the area inside the cover margins, less a little."""
        return round(self.height_mm - 2 * self.cover_margin_mm - self.mm("cover-slack"), 1)

    @property
    def number_width_mm(self) -> float:
        return self.mm("number-width")

    @property
    def head_padding_mm(self) -> float:
        """Above a sheet's running head (in the flow), so its line ends where a margin box's does:
        `--running-gap` above the page's content."""
        line = self.metrics.pt("running-size") * self.metrics.number("running-line-height") * PT_TO_MM
        return round(self.top_mm - self.mm("running-gap") - line, 3)

    @property
    def footer_lift_mm(self) -> float:
        """How far a sheet's footer is pulled up, level with its page number: one number line."""
        return round(self.metrics.pt("number-size") * self.metrics.number("number-line-height") * PT_TO_MM, 3)

    @property
    def blank_side_mm(self) -> float:
        """A blank page's side margins: even, so its note sits centred."""
        return round((self.inner_mm + self.outer_mm) / 2, 1)

    @property
    def blank_top_mm(self) -> float:
        """A blank page's note ends mid-page."""
        return round(self.height_mm / 2, 1)

    @property
    def blank_note_width_mm(self) -> float:
        return self.width_mm - 2 * self.blank_side_mm

    @property
    def notes_lines_mm(self) -> float:
        """Each ruled block of the notes page: half of what its heading, intro and fields leave, in
        whole writing lines."""
        room = (self.content_height_mm - self.mm("notes-page-fixed")) / 2
        return round(math.floor(room / self.line_pitch_mm) * self.line_pitch_mm, 2)

    @property
    def lined_offset_mm(self) -> float:
        """Where the first ruled line's tile starts: the rule a little above the middle of a pitch."""
        return self.line_pitch_mm / 2 - self.mm("writing-rule-lift")

    @property
    def ruled_foot_offset_mm(self) -> float:
        """Rules at the foot of each line (STAR boxes, notes): the last rule is the area's bottom."""
        return round(self.line_pitch_mm / 2, 3)


def print_page(project: Project, paper: Paper) -> PrintPage:
    """The booklet's page on this paper, with the numbers of the stylesheets the project uses."""
    found = metrics(project, STYLESHEETS)
    top, outer, bottom, inner = found.mms(f"paper-{paper}-margin", 4)
    wide_from = int(found.number("answer-wide-from"))
    sizes = found.steps("answer-size")
    steps = tuple(Step(found.pt(size), found.number(size.replace("size", "line-height")),
                       found.em(size.replace("size", "gap")), found.pt(size.replace("answer", "shows")),
                       found.number(size.replace("answer-size", "shows-line-height")), index >= wide_from)
                  for index, size in enumerate(sizes))
    return PrintPage(PAPERS[paper], found, top, outer, bottom, inner, found.mm(f"paper-{paper}-line-pitch"),
                     steps)
