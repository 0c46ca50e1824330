"""Paper: the sheets guidegen prints on, the cards cut from them, and how a sheet turns in duplex.

Every edition that prints, the command line's choices and help, the model's settings and `check`
read these tables; nothing else names a paper size, a card size or a default. What is laid out on a
page (its margins, type and gaps) belongs to each edition's stylesheet (render/metrics.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Paper = Literal["a4", "letter"]
CardSize = Literal["a6", "a7", "index"]
Flip = Literal["long", "short"]

DEFAULT_PAPER: Paper = "a4"
DEFAULT_CARDS: CardSize = "a6"
DEFAULT_FLIP: Flip = "long"

#: Printers cannot print this close to the paper's edge; cut marks and margin lines keep clear.
UNPRINTABLE_MM = 4.0
#: Cards keep at least this far from the paper's edge: room for cut marks, outside what cannot print.
CARD_MARGIN_MM = 8.0


@dataclass(frozen=True)
class PaperSize:
    """One paper, portrait: what people call it, what CSS calls it, and its size."""

    name: Paper
    label: str  # "US Letter"
    css: str  # the CSS `size` keyword: "A4", "letter"
    width_mm: float
    height_mm: float

    @property
    def size(self) -> tuple[float, float]:
        return (self.width_mm, self.height_mm)


PAPERS: dict[Paper, PaperSize] = {
    "a4": PaperSize("a4", "A4", "A4", 210.0, 297.0),
    "letter": PaperSize("letter", "US Letter", "letter", 215.9, 279.4),  # 8.5 × 11 in
}


@dataclass(frozen=True)
class CardCut:
    """One card size as the cutter cuts it, the same on every paper, the way up it is printed."""

    name: CardSize
    label: str  # "89 × 126 mm (A6-like)"
    note: str  # why it is this size, for the command's help
    width_mm: float
    height_mm: float
    gutter_mm: float  # between neighbouring cards on a sheet

    @property
    def size(self) -> tuple[float, float]:
        return (self.width_mm, self.height_mm)


CARDS: dict[CardSize, CardCut] = {
    # A6 proportions (1:√2), 85 % of A6: true A6 leaves no room to cut on A4 or Letter.
    "a6": CardCut("a6", "89 × 126 mm (A6-like)", "true A6, 105 × 148 mm, leaves no room to cut",
                  89.0, 126.0, 8.0),
    # A7 proportions, landscape; smaller than A7, of which only 4 fit a sheet.
    "a7": CardCut("a7", "84 × 59 mm (A7-like)", "smaller than A7, 74 × 105 mm, which fits only 4 a sheet",
                  84.0, 59.0, 8.0),
    # 5 x 3 in index cards, lying down as index stock is printed.
    "index": CardCut("index", "5 × 3 in (127 × 76 mm) index cards", "lying down, as index stock is printed",
                     127.0, 76.2, 6.0),
}

#: The largest card: what a text too long for any other card is advised to move to.
LARGEST_CARDS: CardSize = max(CARDS.values(), key=lambda cut: cut.width_mm * cut.height_mm).name

PAPER_NAMES: tuple[Paper, ...] = get_args(Paper)
CARD_NAMES: tuple[CardSize, ...] = get_args(CardSize)
FLIP_NAMES: tuple[Flip, ...] = get_args(Flip)


def suffix(value: str, default: str) -> str:
    """How an output's file name says it is not in the default paper, card size or flip: `-letter`."""
    return "" if value == default else f"-{value}"
