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
def covered_codepoints(fonts: tuple[Path, ...]) -> frozenset[int]:
    """Every code point some of these fonts maps to a glyph."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in fonts:
        with TTFont(path, lazy=True) as font:
            covered.update(font.getBestCmap() or {})
    return frozenset(covered)


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
    """Characters of the model's text that none of the fonts covers, as `U+1F600 (😀)`, sorted."""
    if not fonts:
        return []
    covered = covered_codepoints(tuple(fonts))
    missing = {
        char
        for text in _strings(model)
        for char in text
        if ord(char) not in covered and not char.isspace()
        and unicodedata.category(char) not in {"Cc", "Cf"}  # controls and format marks draw nothing
    }
    return [f"U+{ord(c):04X} ({c})" for c in sorted(missing)]
