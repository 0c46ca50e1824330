"""Which characters of a guide no shipped font can draw, so the build can warn before anyone sees boxes.

PDF editions embed only the theme's fonts (styles/fonts/); a character none of them covers falls back
to whatever the machine has, or to a missing-glyph box. Naming those characters up front is kinder
than either.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel


@cache
def covered_codepoints(font: Path) -> frozenset[int]:
    """Every code point the font maps to a glyph."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as opened:
        return frozenset(opened.getBestCmap() or {})


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def missing_glyphs(model: BaseModel, fonts: list[Path]) -> list[str]:
    """Characters of the model's text that none of the fonts covers, as `U+1F600 (😀)`, sorted.
    Fonts are read only until every character is found (the first usually covers them all)."""
    if not fonts:
        return []
    missing = {char for text in _strings(model) for char in text
               if not char.isspace() and unicodedata.category(char) not in {"Cc", "Cf"}}
    for font in fonts:  # controls and format marks (above) draw nothing
        if not missing:
            break
        covered = covered_codepoints(font)
        missing = {char for char in missing if ord(char) not in covered}
    return [f"U+{ord(c):04X} ({c})" for c in sorted(missing)]
