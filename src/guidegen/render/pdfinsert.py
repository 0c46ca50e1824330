"""Putting every page of one tagged PDF into another, as one tagged document (pikepdf).

A candidate's pack is their own pages with the guide's handout between them (editions/packs.py).
The handout is the same for every candidate: written once, its pages go into each candidate's PDF
here, with everything that makes them one document rather than two files stapled together:

- the structure tree: the handout's elements join the pack's Document element where its pages go,
  and its parent tree entries follow, renumbered after the pack's own (the pages' and links'
  `StructParents` with them), so the whole reads in order with a screen reader, as PDF/UA asks;
- the outline: the handout's bookmarks sit between the pack's, where its pages are;
- named destinations: the handout's internal links still land;
- fonts: WeasyPrint subsets fonts keeping each glyph's id, so where the pack's subset of a face holds
  no glyph the handout's subset of the same face lacks, the pack's pages use the handout's subset and
  the file embeds that face once. (Where it does, both stay: a bigger file, never a wrong glyph.)

Both documents must come from WeasyPrint (68 to 70) in one process with the same stylesheets, as the
packs are; what is read is public PDF structure, never WeasyPrint's internals.
"""

from __future__ import annotations

import io
import re
from typing import Any

_SUBSET_TAG = re.compile(r"^/?[A-Z]{6}\+")


def insert(base: Any, other: bytes, at: int) -> None:
    """Put every page of the tagged PDF `other` into the open pikepdf document `base`, before its
    page `at` (0-based), with its structure, bookmarks and destinations."""
    import pikepdf

    with pikepdf.open(io.BytesIO(other)) as source:
        original = [page.obj.objgen for page in base.pages]
        front = set(original[:at])
        tree, their_tree = base.Root.StructTreeRoot, source.Root.StructTreeRoot
        offset = 1 + max((int(key) for key in list(tree.ParentTree.Nums)[::2]), default=-1)
        document, theirs = _document_element(tree), _document_element(their_tree)
        kids = _as_list(theirs.get("/K"))
        for kid in kids:  # copied without their parent, which would bring their whole tree along
            if isinstance(kid, pikepdf.Dictionary) and "/P" in kid:
                del kid["/P"]
        for index, page in enumerate(source.pages):
            base.pages.insert(at + index, page)
            copied = base.pages[at + index].obj
            if "/StructParents" in copied:
                copied.StructParents = int(copied.StructParents) + offset
            for annotation in _as_list(copied.get("/Annots")):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        moved = [_copy(base, kid) for kid in kids]
        for kid in moved:
            if isinstance(kid, pikepdf.Dictionary):
                kid.P = document
        own = _as_list(document.get("/K"))
        place = _after_front(own, front)
        document.K = pikepdf.Array([*own[:place], *moved, *own[place:]])
        nums = list(their_tree.ParentTree.Nums)
        tree.ParentTree.Nums = pikepdf.Array([
            *tree.ParentTree.Nums,
            *(item for key, value in zip(nums[::2], nums[1::2], strict=True)
              for item in (int(key) + offset, _copy(base, value)))])
        _merge_destinations(base, source)
        _merge_outline(base, source, front)
        _share_fonts(base, at, len(source.pages))


def _copy(base: Any, value: Any) -> Any:
    """A value of the source for the base: an object copied (once: pikepdf maps each source object to
    one copy), a direct array or dictionary rebuilt around copies of what it refers to."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return base.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(base, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(base, item) for key, item in value.items()})
    return value


def _document_element(tree: Any) -> Any:
    kids = _as_list(tree.get("/K"))
    return kids[0]


def _as_list(value: Any) -> list[Any]:
    import pikepdf

    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _after_front(kids: list[Any], front: set[tuple[int, int]]) -> int:
    """Where among the top-level elements the inserted ones go: after the last one on a page before
    the insertion (an element with no page of its own goes with the one before it)."""
    import pikepdf

    place = 0
    for index, kid in enumerate(kids):
        page = kid.get("/Pg") if isinstance(kid, pikepdf.Dictionary) else None
        if page is None or page.objgen in front:
            place = index + 1
        else:
            break
    return place


def _merge_destinations(base: Any, source: Any) -> None:
    """The source's named destinations (WeasyPrint writes them as one flat, sorted name tree)."""
    import pikepdf

    theirs = source.Root.get("/Names")
    their_dests = theirs.get("/Dests") if theirs is not None else None
    if their_dests is None:
        return
    if "/Names" not in base.Root:
        base.Root.Names = pikepdf.Dictionary()
    if "/Dests" not in base.Root.Names:
        base.Root.Names.Dests = pikepdf.Dictionary(Names=pikepdf.Array())
    into = pikepdf.NameTree(base.Root.Names.Dests)
    for name, destination in pikepdf.NameTree(their_dests).items():
        into[name] = _copy(base, destination)


def _merge_outline(base: Any, source: Any, front: set[tuple[int, int]]) -> None:
    """The source's bookmarks, after the base's bookmarks of the pages before the insertion."""
    import pikepdf

    def copied(item: pikepdf.OutlineItem) -> pikepdf.OutlineItem:
        destination = _copy(base, item.destination) if item.destination is not None else None
        made = pikepdf.OutlineItem(item.title, destination=destination)
        made.is_closed = item.is_closed
        made.children.extend(copied(child) for child in item.children)
        return made

    with source.open_outline() as theirs:
        items = [copied(item) for item in theirs.root]
    if not items:
        return
    with base.open_outline() as ours:
        place = 0
        for index, item in enumerate(ours.root):
            target = item.destination[0] if isinstance(item.destination, pikepdf.Array) else None
            if target is None or target.objgen in front:
                place = index + 1
            else:
                break
        ours.root[place:place] = items


def _gids(font: Any) -> set[int] | None:
    """The glyph ids a Type 0 font draws (the keys of its descendant's widths), or None."""
    import pikepdf

    descendants = font.get("/DescendantFonts")
    if descendants is None:
        return None
    widths = _as_list(descendants[0].get("/W"))
    found: set[int] = set()
    index = 0
    while index < len(widths):
        first = int(widths[index])
        if index + 1 < len(widths) and isinstance(widths[index + 1], pikepdf.Array):
            found.update(range(first, first + len(widths[index + 1])))
            index += 2
        else:
            found.update(range(first, int(widths[index + 1]) + 1))
            index += 3
    return found


def _share_fonts(base: Any, at: int, count: int) -> None:
    """The base's pages use the inserted pages' subset of a face wherever it holds every glyph they
    draw of it."""
    inserted = {page.obj.Resources.objgen for page in base.pages[at:at + count]
                if "/Resources" in page.obj and page.obj.Resources.is_indirect}
    theirs: dict[str, tuple[Any, set[int]]] = {}
    for page in base.pages[at:at + count]:
        for font in page.obj.Resources.get("/Font", {}).values():
            gids = _gids(font)
            if gids is not None:
                theirs[_SUBSET_TAG.sub("", str(font.get("/BaseFont", "")))] = (font, gids)
    done: set[tuple[int, int]] = set()
    for page in [*base.pages[:at], *base.pages[at + count:]]:
        resources = page.obj.get("/Resources")
        if resources is None or resources.objgen in inserted or resources.objgen in done:
            continue
        if resources.is_indirect:
            done.add(resources.objgen)
        fonts = resources.get("/Font")
        for name in list(fonts.keys()) if fonts is not None else []:
            font = fonts[name]
            gids = _gids(font)
            face = _SUBSET_TAG.sub("", str(font.get("/BaseFont", "")))
            if gids is not None and face in theirs and gids <= theirs[face][1]:
                fonts[name] = theirs[face][0]
