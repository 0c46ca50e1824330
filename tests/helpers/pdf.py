"""Facts about real PDFs that several test files need: each page's text (read once per file), the
colours drawn, where a logo is, what a QR code drawn as vectors says, and how full a page is.

Colours are compared as pdfplumber reports them (RGB fractions), rounded to 3 places so that a
colour written #0b6e4f matches what WeasyPrint put in the content stream.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
from pypdf import PdfReader

Colour = tuple[float, ...]
Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, as pdfplumber's

WHITE = (1.0, 1.0, 1.0)


def page_texts(pdf: Path) -> tuple[str, ...]:
    """The text of each page as pdfplumber extracts it, read once while the file is unchanged."""
    stat = pdf.stat()
    return _page_texts(pdf, stat.st_mtime_ns, stat.st_size)


@cache
def reader(pdf: Path) -> PdfReader:
    """The PDF opened with pypdf, once per test session."""
    return PdfReader(pdf)


@cache
def outline(pdf: Path) -> tuple[tuple[int, str, int], ...]:
    """(depth, title, 1-based page) of every bookmark, in order."""
    doc = reader(pdf)

    def walk(items: list[Any], depth: int) -> Iterator[tuple[int, str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, str(item.title), doc.get_destination_page_number(item) + 1

    return tuple(walk(doc.outline, 1))


def squashed_pages(pdf: Path) -> tuple[str, ...]:
    """Each page's text squashed (helpers.squash): what a line break or a font cannot change."""
    from . import squash

    return tuple(squash(text) for text in page_texts(pdf))


@cache
def _page_texts(pdf: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    with pdfplumber.open(pdf) as doc:
        return tuple(page.extract_text() or "" for page in doc.pages)


def rgb(hex_colour: str) -> Colour:
    """'#rrggbb' as the rounded RGB triple pdfplumber reports for it."""
    value = hex_colour.lstrip("#")
    return tuple(round(int(value[i:i + 2], 16) / 255, 3) for i in (0, 2, 4))


def colour_of(value: Any) -> Colour | None:
    """A pdfplumber colour as a rounded RGB triple; None for grey, CMYK, patterns or no colour."""
    if isinstance(value, tuple | list) and len(value) == 3:
        return tuple(round(float(c), 3) for c in value)
    return None


def svg_colours(svg: Path) -> list[Colour]:
    """The SVG's own drawing colours (white excepted), in document order, without repeats."""
    found = re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', svg.read_text())
    colours = [rgb(h) for h in found]
    return [c for i, c in enumerate(colours) if c != WHITE and c not in colours[:i]]


def graphics(page: Any) -> list[dict[str, Any]]:
    """Every drawn shape on a pdfplumber page (form XObjects included), SVG drawings among them."""
    return [*page.rects, *page.curves, *page.lines]


def drawn_colours(page: Any) -> set[Colour]:
    """Every RGB colour used on a page: by text, and by shapes' fills and strokes."""
    values = [c["non_stroking_color"] for c in page.chars]
    values += [o.get(key) for o in graphics(page) for key in ("stroking_color",
                                                              "non_stroking_color")]
    return {c for c in map(colour_of, values) if c is not None}


def _aspect(svg: Path) -> float:
    view_box = ET.parse(svg).getroot().get("viewBox")
    assert view_box, f"{svg} has no viewBox"
    _, _, width, height = (float(v) for v in view_box.replace(",", " ").split())
    return width / height


def _inside(inner: dict[str, Any], outer: Bbox, slack: float = 0.5) -> bool:
    x0, top, x1, bottom = outer
    return (inner["x0"] >= x0 - slack and inner["x1"] <= x1 + slack
            and inner["top"] >= top - slack and inner["bottom"] <= bottom + slack)


def logo_boxes(page: Any, svg: Path) -> list[Bbox]:
    """Where an SVG logo is drawn on a pdfplumber page.

    A logo is found where a filled shape in the logo's first colour, shaped like its viewBox,
    has every other colour of the logo drawn inside it: an accent rule of the same colour
    elsewhere on the page (a heading's underline, a card's label band) is not mistaken for it.
    """
    first, *others = svg_colours(svg)
    aspect = _aspect(svg)
    shapes = graphics(page)
    found: list[Bbox] = []
    for shape in shapes:
        width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if (colour_of(shape.get("non_stroking_color")) != first or not shape.get("fill")
                or height <= 0 or abs(width / height - aspect) > 0.05 * aspect):
            continue
        box = (shape["x0"], shape["top"], shape["x1"], shape["bottom"])
        inside = {colour_of(o.get(key)) for o in shapes if _inside(o, box)
                  for key in ("stroking_color", "non_stroking_color")}
        if all(colour in inside for colour in others):
            found.append(box)
    return found


def qr_matrix(page: Any, region: Bbox, size: int) -> list[list[bool]]:
    """Rebuild a QR code's modules (`size` a side) from the stroked rows segno's SVG draws, in a
    region of a pdfplumber page; compare with segno.make_qr(url, error="m").matrix."""
    x0_, top_, x1_, bottom_ = region
    strokes = [ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.1
               and x0_ <= ln["x0"] and ln["x1"] <= x1_ and top_ <= ln["top"] <= bottom_]
    assert strokes, "no QR code drawn there"
    x0 = min(ln["x0"] for ln in strokes)
    y0 = min(ln["top"] for ln in strokes)
    x1 = max(ln["x1"] for ln in strokes)
    module = (x1 - x0) / size
    assert module > 1.2, "QR modules too small to scan"  # points; about 0.45 mm or more
    matrix = [[False] * size for _ in range(size)]
    for ln in strokes:
        row = round((ln["top"] - y0) / module)
        for col in range(round((ln["x0"] - x0) / module), round((ln["x1"] - x0) / module)):
            matrix[row][col] = True
    return matrix


def content_bottoms(page: Any, top: float, bottom: float) -> float:
    """The lowest point (PDF points from the top) of any text or drawn box between `top` and
    `bottom` (a page's content area, its running head and foot left out)."""
    found = [o["bottom"] for o in [*page.chars, *page.rects, *page.lines, *page.images]
             if o["top"] >= top - 1 and o["bottom"] <= bottom + 1]
    return max(found, default=top)


def boxes(pdf: Path) -> list[tuple[int, str, str]]:
    """Every visible character the PDF draws with no glyph (.notdef, glyph 0: a box on paper), as
    (page number, character, font), read by PyMuPDF."""
    import pymupdf

    found = []
    with pymupdf.open(pdf) as document:
        for number, page in enumerate(document, 1):
            for span in page.get_texttrace():
                for code, glyph, *_ in span["chars"]:
                    if glyph == 0 and code > 0 and not chr(code).isspace():
                        found.append((number, chr(code), span["font"]))
    return found


def drawn_characters(pdf: Path) -> set[str]:
    """Every character the PDF draws (PyMuPDF), to see that a script was drawn at all."""
    import pymupdf

    with pymupdf.open(pdf) as document:
        return {chr(code) for page in document for span in page.get_texttrace() for code, *_ in span["chars"]
                if code > 0}


def pdf_ua_failures(pdf: Path) -> list[str]:
    """What page-validation (PyPI: an independent PDF/UA-1 validator, written in Rust) finds wrong
    with a PDF as PDF/UA-1: each failure's rule id and message; empty when it is compliant."""
    import page

    report = page.validate_pdf(str(pdf), profile=page.ValidationProfile.PDF_UA_1)
    failures = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    assert report.is_compliant == (not failures), failures
    return failures


def font_programs(pdf: Path) -> dict[str, int]:
    """How many embedded font programs each face (by its PDF name) has, across every page."""
    import pikepdf

    programs: dict[str, set[tuple[int, int]]] = {}
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
                for cid_font in font.get("/DescendantFonts", []):
                    descriptor = cid_font.get("/FontDescriptor", {})
                    for which in ("/FontFile2", "/FontFile3"):
                        if which in descriptor:
                            programs.setdefault(str(font.BaseFont), set()).add(descriptor[which].objgen)
    return {name: len(found) for name, found in programs.items()}
