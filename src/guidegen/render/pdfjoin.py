"""Joining PDFs laid out in parts (pikepdf) into one, with the links and outline of the whole.

Only documents too big to lay out as one (a booklet of more than a few dozen questions, a deck of
hundreds of cards) are laid out in parts. Each part embeds its own subset of every face it draws;
the join merges them into one program per face (render/fontmerge.py), so the joined PDF is about
the size of the same document laid out whole.

WeasyPrint writes a document's internal links, named destinations and bookmarks only within that
document, and a part cannot see another part's anchors. So each part's marks are taken off its
pages before it is written (`take_marks`), and the join writes them for the joined pages.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .fontmerge import share_fonts
from .pdfsave import save

if TYPE_CHECKING:
    from weasyprint import Document

PT_PER_PX = 0.75


@dataclass(frozen=True)
class PageMarks:
    """What the join needs from one page, in PDF points from the page's bottom-left corner."""

    anchors: list[tuple[str, float, float]]
    links: list[tuple[str, tuple[float, float, float, float]]]
    bookmarks: list[tuple[int, str, float, float]]


NO_MARKS = PageMarks([], [], [])


@dataclass(frozen=True)
class Pages:
    """Some pages of one part's PDF, in the order they join, with their marks."""

    pdf: bytes
    marks: list[PageMarks]
    pages: range  # indices into the PDF's pages


def take_marks(document: Document, keep: Sequence[int]) -> list[PageMarks]:
    """Record (in PDF coordinates) and remove every page's anchors, internal links and bookmarks,
    so WeasyPrint writes none of them (it would drop links to other parts with an error) and the
    join writes them for the whole document."""
    marks = []
    for index in keep:
        page = document.pages[index]
        height = page.height

        def point(x: float, y: float, height: float = height) -> tuple[float, float]:
            return round(x * PT_PER_PX, 3), round((height - y) * PT_PER_PX, 3)

        anchors = [(name, *point(x, y)) for name, (x, y, _, _) in page.anchors.items()]
        links = []
        for link in page.links:
            kind, target, (x1, y1, x2, y2), _ = link
            if kind == "internal":
                links.append((target, (*point(x1, y1), *point(x2, y2))))
        bookmarks = [(level, label, *point(x, y)) for level, label, (x, y), _ in page.bookmarks]
        page.links[:] = [link for link in page.links if link[0] != "internal"]
        page.anchors.clear()
        page.bookmarks[:] = []
        marks.append(PageMarks(anchors, links, bookmarks))
    return marks


def join(parts: Iterable[Pages], metadata_from: bytes) -> bytes:
    """One PDF of the parts' pages in order, with the metadata (Info, /Lang) of `metadata_from`
    (one of the parts' PDFs, the very object), and the outline, named destinations and internal
    links of the whole."""
    import pikepdf

    out = pikepdf.new()
    sources: dict[int, Any] = {}  # each part's PDF, open until the joined one is saved
    marks: list[PageMarks] = []
    for part in parts:
        source = sources.get(id(part.pdf))
        if source is None:
            source = sources[id(part.pdf)] = pikepdf.open(io.BytesIO(part.pdf))
        out.pages.extend(source.pages[i] for i in part.pages)
        marks.extend(part.marks)
    first = sources[id(metadata_from)]
    out.trailer.Info = out.copy_foreign(first.trailer.Info)
    if "/Lang" in first.Root:
        out.Root.Lang = first.Root.Lang
    share_fonts(out)  # one program per face, not one per part (render/fontmerge.py)
    pages = [page.obj for page in out.pages]
    if any(m.anchors for m in marks):
        _add_destinations(out, pages, marks)
    _add_links(out, pages, marks)
    _add_outline(out, pages, marks)
    return save(out, version=first.pdf_version)


def _destination(page: Any, x: float, y: float) -> Any:
    import pikepdf

    return pikepdf.Array([page, pikepdf.Name.XYZ, x, y, 0])


def _add_destinations(out: Any, pages: list[Any], marks: list[PageMarks]) -> None:
    """Every element id becomes a named destination (the first one wins), as WeasyPrint does."""
    import pikepdf

    named: dict[str, Any] = {}
    for page, mark in zip(pages, marks, strict=True):
        for name, x, y in mark.anchors:
            named.setdefault(name, _destination(page, x, y))
    entries: list[Any] = []
    for name in sorted(named):
        entries += [pikepdf.String(name), named[name]]
    out.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=pikepdf.Array(entries)))


def _add_links(out: Any, pages: list[Any], marks: list[PageMarks]) -> None:
    import pikepdf

    for page, mark in zip(pages, marks, strict=True):
        for target, rect in mark.links:
            annotation = out.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=list(rect),
                BS=pikepdf.Dictionary(W=0), Dest=pikepdf.String(target)))
            if "/Annots" not in page:
                page.Annots = pikepdf.Array()
            page.Annots.append(annotation)


def _add_outline(out: Any, pages: list[Any], marks: list[PageMarks]) -> None:
    """Bookmarks nested by level, as WeasyPrint nests them: each under the last one above it."""
    import pikepdf

    entries = [(level, label, page, x, y) for page, mark in zip(pages, marks, strict=True)
               for level, label, x, y in mark.bookmarks]
    if not entries:
        return
    root = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    stack: list[tuple[int, Any, list[Any]]] = [(0, root, [])]
    for level, label, page, x, y in entries:
        while stack[-1][0] >= level:
            _close_outline(*stack.pop()[1:])
        item = out.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String(label), Dest=_destination(page, x, y), Parent=stack[-1][1]))
        stack[-1][2].append(item)
        stack.append((level, item, []))
    while stack:
        _close_outline(*stack.pop()[1:])
    out.Root.Outlines = root


def _close_outline(parent: Any, children: list[Any]) -> None:
    """Link an outline item's children to it and each other; all open, as WeasyPrint writes them."""
    if not children:
        return
    parent.First, parent.Last = children[0], children[-1]
    for before, after in pairwise(children):
        before.Next, after.Prev = after, before
    parent.Count = len(children) + sum(int(child.get("/Count", 0)) for child in children)
