"""Lay out the EPUB's SVG cover: which words go on which line, at what size and height.

SVG text does not wrap, so lines are broken here from an estimate of glyph widths (the cover names
only the generic `sans-serif` family, so the real font is the reader's). The estimate is generous
(0.6 em a character, double for wide East Asian characters) so a line fits in any common sans-serif.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass

WIDTH, HEIGHT = 1200, 1800
MARGIN = 110
_TEXT_WIDTH = WIDTH - 2 * MARGIN
_EM_PER_CHAR = {True: 0.6, False: 0.52}  # by boldness
_TITLE_SIZES = range(128, 55, -8)
_TITLE_TOP, _TITLE_MAX_LINES = 420, 6
_BOTTOM = HEIGHT - MARGIN
_SUBTITLE = 52


@dataclass(frozen=True)
class Line:
    """One line of cover text: baseline y, font size (user units) and weight."""

    text: str
    y: float
    size: int
    bold: bool = False


@dataclass(frozen=True)
class Cover:
    """Everything the SVG template draws, with its text alternative."""

    lines: tuple[Line, ...]
    rule_y: float
    accent: str
    name: str  # the accessible name (SVG <title>)
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    margin: int = MARGIN


def _chars(text: str) -> float:
    """Width of text in "average characters": wide (CJK) characters count double."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _per_line(size: int, bold: bool) -> int:
    return max(1, int(_TEXT_WIDTH / (size * _EM_PER_CHAR[bold])))


def wrap(text: str, size: int, max_lines: int | None = None, *, bold: bool = False) -> list[str]:
    """Break text into lines that fit the cover's width at `size`; ellipsis past max_lines."""
    per_line = _per_line(size, bold)
    lines = textwrap.wrap(text, width=per_line, break_long_words=True, break_on_hyphens=True)
    while any(_chars(line) > per_line for line in lines) and per_line > 1:
        per_line -= 1  # wide characters: narrow the estimate until every line fits
        lines = textwrap.wrap(text, width=per_line, break_long_words=True)
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(" .,;:") + "…"]
    return lines


def _title_lines(title: str) -> tuple[list[str], int]:
    """The largest title size whose lines fit without breaking a word and within the line limit."""
    for size in _TITLE_SIZES:
        per_line = _per_line(size, True)
        lines = wrap(title, size, bold=True)
        if len(lines) <= _TITLE_MAX_LINES and all(_chars(w) <= per_line for w in title.split()):
            return lines, size
    size = _TITLE_SIZES[-1]
    return wrap(title, size, _TITLE_MAX_LINES, bold=True), size


def layout(*, title: str, subtitle: str, kicker: str | None, bottom: list[tuple[str, int, bool]],
           accent: str, name: str, description: str) -> Cover:
    """Kicker and title from the top, then a rule and the subtitle; `bottom` lines sit at the foot.

    `bottom` is (text, size, bold) from top to bottom, e.g. role, region, edition, organisation.
    """
    lines: list[Line] = []
    if kicker:
        lines.append(Line(kicker.upper(), 260, 44, True))
    title_lines, size = _title_lines(title)
    y: float = _TITLE_TOP
    for text in title_lines:
        lines.append(Line(text, y, size, True))
        y += size * 1.15
    rule_y = y - size * 0.15 + 40
    y = rule_y + 110
    foot_top = _BOTTOM - sum(s * 1.35 for _, s, _ in bottom)
    room = max(1, int((foot_top - 60 - y) // (_SUBTITLE * 1.3)) + 1)
    for text in wrap(subtitle, _SUBTITLE, min(room, 4)):
        lines.append(Line(text, y, _SUBTITLE))
        y += _SUBTITLE * 1.3
    y = foot_top
    for text, line_size, bold in bottom:
        y += line_size * 1.35
        for part in wrap(text, line_size, 1, bold=bold):
            lines.append(Line(part, y - line_size * 0.35, line_size, bold))
    return Cover(tuple(lines), rule_y, accent, name, description)
