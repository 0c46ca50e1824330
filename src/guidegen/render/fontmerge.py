"""One font program per face in a PDF joined from parts: the union of the parts' subsets.

Each part of a booklet laid out in parts embeds its own subset of every face it draws, so a booklet
joined from forty parts would carry forty copies of most faces. WeasyPrint subsets a font keeping
every glyph at its original index (glyph ids "retained", the other glyphs emptied), and names a face
the same in every part (a hash of its description), so the parts' subsets of one face differ only
in which glyphs are filled in: they merge glyph by glyph, and every part's font dictionary (its
widths and its text map, left as they are) can point at the one program. Which glyphs a part fills
is read from its font's widths (/W lists every glyph WeasyPrint drew), with the parts a TrueType
composite glyph is drawn from.

A face is merged only where every glyph two parts both fill is the same bytes in both (so two faces
that happen to share a name are never mixed), and only for TrueType outlines and name-keyed CFF
(a CID-keyed CFF font, as Noto Sans CJK is, keeps a subset per part: the join is then bigger, never
wrong). fontTools reads and writes the programs, without the clock: the same parts give the same
bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

FONT_FILES = ("/FontFile2", "/FontFile3")


def share_fonts(pdf: Any) -> None:
    """Point the font descriptors of each face, across all pages of this pikepdf Pdf, at one
    program merged from their subsets."""
    import pikepdf

    faces: dict[tuple[str, str], dict[tuple[int, int], tuple[Any, set[int]]]] = {}
    descriptors: dict[tuple[str, str], list[Any]] = {}
    for font in _fonts(pdf):
        cid_font = font.DescendantFonts[0]
        descriptor = cid_font.get("/FontDescriptor")
        for which in FONT_FILES:
            if descriptor is not None and which in descriptor:
                face = (str(font.BaseFont), which)
                program = descriptor[which]
                _, used = faces.setdefault(face, {}).setdefault(program.objgen, (program, set()))
                used.update(_glyph_ids(cid_font.get("/W")))
                descriptors.setdefault(face, []).append(descriptor)
    for face, programs in faces.items():
        if len(programs) < 2:
            continue
        streams = [stream for stream, _ in programs.values()]
        merged = merge([(stream.read_bytes(), used) for stream, used in programs.values()])
        if merged is None:
            continue
        shared = pikepdf.Stream(pdf, merged)
        for name, value in streams[0].stream_dict.items():
            if name not in ("/Length", "/Filter", "/DecodeParms"):
                shared[name] = value
        if "/Length1" in shared:
            shared.Length1 = len(merged)
        for descriptor in descriptors[face]:
            descriptor[face[1]] = shared


def merge(programs: list[tuple[bytes, set[int]]]) -> bytes | None:
    """One font program with every glyph any of these subsets of one face fills (each with the
    glyph ids its part draws, from its font's widths); None when they cannot be merged (not subsets
    of one face, or outlines of a kind not merged here)."""
    from fontTools.ttLib import TTFont

    try:
        fonts = [(TTFont(io.BytesIO(program), lazy=True, recalcTimestamp=False, recalcBBoxes=False), used)
                 for program, used in programs]
        if all("glyf" in font for font, _ in fonts):
            glyphs = _glyf
        elif all("CFF " in font and _name_keyed(font) for font, _ in fonts):
            glyphs = _charstrings
        else:
            return None
        # the most glyphs first (stable: the parts' order decides ties)
        fonts.sort(key=lambda found: -len(found[0].getGlyphOrder()))
        (base, drawn), *others = fonts
        order, table, metrics = base.getGlyphOrder(), glyphs(base), base["hmtx"]
        filled = set(drawn)
        for other, used in others:
            other_order, other_table = other.getGlyphOrder(), glyphs(other)
            todo = sorted(used)
            while todo:
                index = todo.pop()
                glyph = other_table[other_order[index]]
                if index in filled:
                    if _data(glyph) != _data(table[order[index]]):
                        return None  # not the same face
                    continue
                table[order[index]] = glyph
                metrics[order[index]] = other["hmtx"][other_order[index]]
                filled.add(index)
                if glyphs is _glyf and glyph.isComposite():  # its parts are filled where it is
                    todo += [other.getGlyphID(name) for name in glyph.getComponentNames(other["glyf"])]
        out = io.BytesIO()
        base.save(out)
    except Exception:  # a program fontTools cannot read or write back: the parts keep their own
        return None
    return out.getvalue()


def _glyph_ids(widths: Any) -> Iterator[int]:
    """The glyph ids a CID font's widths (/W) name: `first [w1 w2 …]` and `first last w` runs."""
    import pikepdf

    items = list(widths) if widths is not None else []
    at = 0
    while at + 1 < len(items):
        first = int(items[at])
        if isinstance(items[at + 1], pikepdf.Array):
            yield from range(first, first + len(items[at + 1]))
            at += 2
        else:
            yield from range(first, int(items[at + 1]) + 1)
            at += 3


def _glyf(font: Any) -> Any:
    """A TrueType font's glyphs by name, as stored (not decompiled: copied as they are)."""
    return font["glyf"].glyphs


def _charstrings(font: Any) -> Any:
    """A CFF font's charstrings by name, as stored (subsets are desubroutinized: each stands alone)."""
    return font["CFF "].cff.topDictIndex[0].CharStrings


def _name_keyed(font: Any) -> bool:
    return not hasattr(font["CFF "].cff.topDictIndex[0], "ROS")


def _data(glyph: Any) -> bytes:
    """A glyph's outline as stored, empty for an emptied glyph (TrueType: no data; CFF: the one
    byte `endchar`)."""
    data = glyph.bytecode if hasattr(glyph, "bytecode") else getattr(glyph, "data", None)
    return b"" if data is None or len(data) <= 1 else bytes(data)


def _fonts(pdf: Any) -> Iterator[Any]:
    """Every composite (Type0) font the pages and their forms use, each once, in page order."""
    seen: set[tuple[int, int]] = set()

    def walk(resources: Any) -> Iterator[Any]:
        if resources is None:
            return
        for font in (resources.get("/Font") or {}).values():
            if font.is_indirect and font.objgen in seen:
                continue
            if font.is_indirect:
                seen.add(font.objgen)
            if font.get("/Subtype") == "/Type0" and "/DescendantFonts" in font:
                yield font
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.is_indirect and xobject.objgen in seen:
                continue
            if xobject.is_indirect:
                seen.add(xobject.objgen)
            if xobject.get("/Subtype") == "/Form":
                yield from walk(xobject.get("/Resources"))

    for page in pdf.pages:
        yield from walk(page.obj.get("/Resources"))
