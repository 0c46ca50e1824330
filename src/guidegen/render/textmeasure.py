"""Measuring text as the PDF editions set it, without laying it out: fast enough for `guidegen check`.

WeasyPrint takes half a second to import and a second to lay out a booklet; a check must answer in
a fraction of that. So this measures with what the layout itself uses, read directly: the theme's
own fonts (found through its fonts.css, the project's first), their advance widths, and
lines broken where Pango breaks them (after spaces, hyphens, dashes and slashes; the editions set
`hyphens: manual`). Kerning and ligatures are left out, which errs a little towards more lines.
The fonts' tables are read directly (no font library), so measuring starts at once; fontTools
reads only what that cannot (WOFF, WOFF2).

A text is a list of `Run`s (text in one face); `line_count` breaks runs into lines of a width.
"""

from __future__ import annotations

import re
import struct
import sys
import unicodedata
from array import array
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..base.reading import UnreadableFile, read_bounded
from ..base.units import PT_TO_MM
from .metrics import custom_properties

if TYPE_CHECKING:
    from .project import Project

MAX_FONT_BYTES = 50_000_000  # as any theme file (render/project.py)

#: A line may break after these (Unicode line breaking classes BA, B2 and SY, as Pango applies them).
_BREAK_AFTER = re.compile(r"(?<=[-‐–—/])(?=\w)|(?<=—)")
_FACE = re.compile(r"@font-face\s*{([^}]*)}")
_DECLARATION = re.compile(r"([\w-]+)\s*:\s*([^;]+)")
_SOURCE = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


class Style(NamedTuple):
    """A face: a CSS family role (`serif`, `sans`, `mono`, as fonts.css names them), weight, italics."""

    family: str = "serif"
    weight: int = 400
    italic: bool = False


class Run(NamedTuple):
    """Text in one style, at `scale` times the block's size, plus fixed extra width (padding), in em."""

    text: str
    style: Style = Style()
    scale: float = 1.0
    pad_em: float = 0.0
    upper: bool = False
    tracking_em: float = 0.0  # letter-spacing


class _Font:
    """One font file's advance widths, in em, by character: read straight from its `cmap`, `hhea`,
    `hmtx` and `head` tables (TrueType and CFF OpenType fonts both have them), which takes a few
    milliseconds where a font library's import alone takes a tenth of a second."""

    def __init__(self, path: Path) -> None:
        data = read_bounded(path, MAX_FONT_BYTES, "font")
        tables = {data[at:at + 4].decode("latin-1"): struct.unpack_from(">II", data, at + 8)
                  for at in range(12, 12 + 16 * struct.unpack_from(">H", data, 4)[0], 16)}
        head, hhea, hmtx = (tables[name][0] for name in ("head", "hhea", "hmtx"))
        units = struct.unpack_from(">H", data, head + 18)[0]
        metrics = struct.unpack_from(">H", data, hhea + 34)[0]
        advances = array("H", data[hmtx:hmtx + 4 * metrics])
        if sys.byteorder == "little":
            advances.byteswap()
        advances = advances[0::2]  # (advance, left side bearing) pairs
        last = advances[-1] / units  # glyphs past the last pair share its advance
        self.widths = {code: advances[glyph] / units if glyph < metrics else last
                       for code, glyph in _cmap(data, tables["cmap"][0]).items()}


def _cmap(data: bytes, at: int) -> dict[int, int]:
    """The font's Unicode character map: its format 12 subtable (all of Unicode) if it has one,
    else its format 4 (the Basic Multilingual Plane)."""
    subtables = {}
    for index in range(struct.unpack_from(">H", data, at + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, at + 4 + 8 * index)
        if (platform, encoding) in {(3, 10), (0, 4), (0, 6), (3, 1), (0, 3)}:  # Unicode subtables
            start = at + offset
            subtables[struct.unpack_from(">H", data, start)[0]] = start
    if 12 in subtables:
        start = subtables[12]
        groups = struct.unpack_from(">I", data, start + 12)[0]
        found: dict[int, int] = {}
        for first, last, glyph in struct.iter_unpack(">III", data[start + 16:start + 16 + 12 * groups]):
            found.update(zip(range(first, last + 1), range(glyph, glyph + last - first + 1), strict=True))
        return found
    start = subtables[4]
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    offsets_at = start + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, offsets_at)
    found = {}
    for index, (first, last, delta, offset) in enumerate(zip(starts, ends, deltas, offsets, strict=True)):
        for code in range(first, last + 1):
            if code == 0xFFFF:
                continue
            if offset:
                where = offsets_at + 2 * index + offset + 2 * (code - first)  # idRangeOffset's rule
                glyph = struct.unpack_from(">H", data, where)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            else:
                glyph = (code + delta) & 0xFFFF
            if glyph:
                found[code] = glyph
    return found


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@cache
def _widths(path: Path, mtime_ns: int) -> dict[int, float]:
    """A font file's advance widths in em, by character. A file the direct reader does not know (a
    WOFF or WOFF2 font, a collection) is read with fontTools; one nothing can read gives none, and
    its text is measured with the next family's, or guessed."""
    try:
        return _Font(path).widths
    except UnreadableFile:
        return {}
    except (struct.error, KeyError, IndexError, ValueError, UnicodeDecodeError):
        pass
    try:
        from fontTools.ttLib import TTFont

        with TTFont(path, lazy=True, fontNumber=0) as font:
            units, metrics = font["head"].unitsPerEm, font["hmtx"].metrics
            return {code: metrics[name][0] / units for code, name in (font.getBestCmap() or {}).items()}
    except Exception:  # fontTools raises many kinds for a file that is no font: measure without it
        return {}


class Fonts:
    """The theme's faces as its fonts.css declares them: each family role's files by weight and
    style, with the fallback family for characters a face lacks."""

    def __init__(self, project: Project) -> None:
        css_path = project.stylesheet("fonts.css")
        css = css_path.read_text(encoding="utf-8")
        self._files: dict[tuple[str, int, bool], Path] = {}
        for body in _FACE.findall(css):
            fields = {key.strip(): value.strip() for key, value in _DECLARATION.findall(body)}
            source = _SOURCE.search(fields.get("src", ""))
            if not source:
                continue
            found = project.locate((css_path.parent / source.group(1)).resolve())
            if found is None:
                continue
            weight = int(fields.get("font-weight", "400")) if fields.get("font-weight", "").isdigit() else 400
            key = (fields.get("font-family", "").strip("\"' "), weight, fields.get("font-style") == "italic")
            self._files[key] = found
        self._roles = {name: [part.strip().strip("\"'") for part in declared.value.split(",")]
                       for name, declared in custom_properties(css).items()}
        self._tables: dict[tuple[Style, int], dict[int, float] | None] = {}
        self._words: dict[tuple[str, Style], float] = {}
        self._runs: dict[Run, tuple[list[tuple[float, bool]], float]] = {}

    def _file(self, family: str, style: Style) -> Path | None:
        """The closest face of a family, as CSS picks one: same style, then the nearest weight."""
        faces = [(key, path) for key, path in self._files.items() if key[0] == family]
        if not faces:
            return None
        best = min(faces, key=lambda face: (face[0][2] != style.italic, abs(face[0][1] - style.weight)))
        return best[1]

    def _table(self, style: Style, index: int) -> dict[int, float] | None:
        """Advance widths of the index-th family in the role's fallback list (read when first
        needed: most text never reaches the fallback), or None past the list's end."""
        if (style, index) not in self._tables:
            families = self._roles.get(style.family, [style.family])
            table: dict[int, float] | None = None
            if index < len(families):
                path = self._file(families[index], style)
                table = _widths(path, _mtime(path)) if path is not None else {}
            self._tables[style, index] = table
        return self._tables[style, index]

    def width_em(self, text: str, style: Style) -> float:
        """Width of text in em of its own size; a character no face of the theme draws counts as 1 em
        if it is wide (CJK, emoji), else 0.6 em."""
        key = (text, style)
        if key not in self._words:
            total = 0.0
            for character in text:
                total += self._advance(ord(character), style)
            self._words[key] = total
        return self._words[key]

    def pieces(self, run: Run) -> tuple[list[tuple[float, bool]], float]:
        """Where a run may break and how wide it is there: (width in em, whether a space that can
        hang follows) for each piece, and the width of a space. Kept for the run: a text is
        measured at several sizes and widths (every type step, every card size) but cut once."""
        found = self._runs.get(run)
        if found is None:
            measured, first = [], True
            for piece, spaced in _pieces(run):
                word = piece.rstrip(" ")
                width = (self.width_em(word, run.style) + run.tracking_em * len(word)) * run.scale
                if first:
                    width += run.pad_em * run.scale
                    first = False
                measured.append((width, spaced))
            found = self._runs[run] = (measured, self.width_em(" ", run.style) * run.scale)
        return found

    def _advance(self, code: int, style: Style) -> float:
        index = 0
        while (table := self._table(style, index)) is not None:
            if code in table:
                return table[code]
            index += 1
        # drawn by a font of the machine's: CJK characters (and emoji), wide in every font, are an
        # em; anything else about an average letter
        char = chr(code)
        return 0.25 if char.isspace() else 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


def _pieces(run: Run) -> list[tuple[str, bool]]:
    """A run cut where a line may break: (piece, whether it ends in a space that can hang)."""
    text = run.text.upper() if run.upper else run.text
    pieces: list[tuple[str, bool]] = []
    for word in re.split(r"(\s+)", text):
        if not word:
            continue
        if word.isspace():
            if pieces:
                pieces[-1] = (pieces[-1][0] + " ", True)
            continue
        for part in _BREAK_AFTER.split(word):
            if part:
                pieces.append((part, False))
    return pieces


def line_count(runs: list[Run], width_mm: float, size_pt: float, fonts: Fonts) -> int:
    """How many lines the runs take at this size in a box this wide, broken greedily as Pango does
    (a word longer than the line breaks anywhere, as `overflow-wrap: break-word` lets it)."""
    em_mm = size_pt * PT_TO_MM
    limit = width_mm / em_mm  # in em of the block's size
    lines, used, pending_space = 1, 0.0, 0.0
    for run in runs:
        if run.text == "\n":
            lines, used, pending_space = lines + 1, 0.0, 0.0
            continue
        measured, space = fonts.pieces(run)
        for width, spaced in measured:
            if used and used + pending_space + width > limit + 1e-9:
                lines, used, pending_space = lines + 1, 0.0, 0.0
            if not used and width > limit:  # overlong: broken anywhere
                extra = int(width // limit)
                lines += extra
                width -= extra * limit
            used += pending_space + width
            pending_space = space if spaced else 0.0
    return lines
