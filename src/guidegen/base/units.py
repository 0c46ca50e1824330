"""Lengths: the units guidegen's layout numbers are written in, and the one place they convert.

Stylesheets give lengths in mm, pt, em and the rest; WeasyPrint reports positions in CSS pixels; the
layout code works in millimetres. `to_mm` reads a CSS length (an `em` needs the size it is relative
to), and the constants below are the only conversion factors the package uses.
"""

from __future__ import annotations

import re

MM_PER_INCH = 25.4
PT_PER_INCH = 72
PX_PER_INCH = 96  # a CSS pixel, the unit WeasyPrint reports positions in
PT_TO_MM = MM_PER_INCH / PT_PER_INCH
PX_PER_MM = PX_PER_INCH / MM_PER_INCH
PX_TO_MM = MM_PER_INCH / PX_PER_INCH

#: Millimetres per unit, for the absolute units of CSS.
_ABSOLUTE = {"mm": 1.0, "cm": 10.0, "in": MM_PER_INCH, "pt": PT_TO_MM, "pc": 12 * PT_TO_MM, "px": PX_TO_MM,
             "q": 0.25}
_LENGTH = re.compile(r"([+-]?(?:\d+\.?\d*|\.\d+))([a-zA-Z]*)")


class LengthError(ValueError):
    """A value that is not the length (or number) it should be; the message says what it is."""


def parse(value: str) -> tuple[float, str]:
    """A CSS number with its unit, lowercased: "0.75em" -> (0.75, "em"); "1.6" -> (1.6, "")."""
    found = _LENGTH.fullmatch(value.strip())
    if not found:
        raise LengthError(f"'{value.strip()}' is not a number or a length")
    return float(found.group(1)), found.group(2).lower()


def to_mm(value: str, *, em_pt: float | None = None) -> float:
    """A CSS length in millimetres; an `em` length is relative to a type size of `em_pt` points."""
    number, unit = parse(value)
    if unit in _ABSOLUTE:
        return number * _ABSOLUTE[unit] if unit != "mm" else number
    if unit == "em" and em_pt is not None:
        return number * em_pt * PT_TO_MM
    if unit == "" and number == 0:
        return 0.0
    raise LengthError(f"'{value.strip()}' is not a length in mm, pt or another absolute unit"
                      + ("" if em_pt is None else " or in em"))


def to_pt(value: str) -> float:
    """A CSS length in points (a type size)."""
    number, unit = parse(value)
    if unit == "pt":
        return number
    return to_mm(value) / PT_TO_MM
