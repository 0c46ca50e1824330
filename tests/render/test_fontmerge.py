"""Merging the parts' subsets of a face (render/fontmerge.py): subsets made as WeasyPrint makes them
(glyph ids retained, the other glyphs emptied) of the theme's own fonts, TrueType and CFF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from guidegen.render.fontmerge import merge
from helpers import ROOT

FONTS = ROOT / "styles" / "fonts"


def _subset(font: Path, text: str) -> tuple[bytes, set[int]]:
    """A subset of `font` drawing `text`, glyph ids retained, and the ids it draws."""
    whole = TTFont(font)
    ids = {whole.getGlyphID(whole.getBestCmap()[ord(character)]) for character in text}
    options = subset.Options(retain_gids=True, desubroutinize=True, notdef_outline=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(ids))
    subsetter.subset(whole)
    out = io.BytesIO()
    whole.save(out)
    return out.getvalue(), ids


def _bounds(program: bytes, text: str, source: Path) -> dict[str, tuple[float, ...] | None]:
    """For each character, the bounds of the outline the program draws for it (None: nothing)."""
    font, original = TTFont(io.BytesIO(program)), TTFont(source)
    glyphs, order = font.getGlyphSet(), font.getGlyphOrder()
    found = {}
    for character in text:
        index = original.getGlyphID(original.getBestCmap()[ord(character)])
        pen = BoundsPen(glyphs)
        if index < len(order):  # a subset ends at the last glyph it draws
            glyphs[order[index]].draw(pen)
        found[character] = pen.bounds
    return found


@pytest.mark.parametrize("name", ["NotoSerif-Regular.ttf", "Inter-Regular.otf"])
def test_subsets_of_one_face_merge_into_one_with_every_glyph(name: str) -> None:
    source = FONTS / name
    whole = TTFont(source)
    last = chr(max(whole.getBestCmap().items(), key=lambda item: whole.getGlyphID(item[1]))[0])
    # the first part reaches the font's last glyph, so it is the one the others merge into; Ä is
    # drawn from A and ¨, which only its own part holds
    parts = [_subset(source, "bC" + last), _subset(source, "Ä"), _subset(source, "Ab")]
    merged = merge(parts)
    assert merged is not None
    assert _bounds(merged, "AbCÄ", source) == _bounds(source.read_bytes(), "AbCÄ", source)
    assert _bounds(merged, "xyz", source) == dict.fromkeys("xyz")  # no part drew them
    assert merge(parts) == merged  # the same parts, the same bytes


@pytest.mark.parametrize(("one", "other"), [("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"),
                                            ("Inter-Regular.otf", "Inter-Bold.otf")])
def test_subsets_of_two_faces_are_never_mixed(one: str, other: str) -> None:
    """Two faces that share a name in two parts (never in a build, but a name is all the PDF says)
    are told apart by a glyph both parts draw, and left as they were."""
    assert merge([_subset(FONTS / one, "Ab"), _subset(FONTS / other, "bC")]) is None


def test_truetype_and_cff_are_never_mixed() -> None:
    parts = [_subset(FONTS / "NotoSerif-Regular.ttf", "A"), _subset(FONTS / "Inter-Regular.otf", "B")]
    assert merge(parts) is None
