"""Two repairs to the structure tree WeasyPrint (68 to 70) writes for a tagged PDF (PDF/UA-1).

- **Page furniture as artifacts.** WeasyPrint marks the text of page margin boxes (a running
  footer, page numbers) with marked-content ids it never links into the structure tree, so that text
  is neither tagged nor an artifact. Here it becomes what PDF/UA asks of pagination: `/Artifact`
  marked content (ISO 14289-1, 7.1), and the dangling entries leave the parent tree.
- **Every link in its Link element.** WeasyPrint gives each box inside a link its own annotation,
  and tags the annotation of a nested box (a summary card's title and lines) under that box's Span,
  not under the link's Link element: PDF/UA-1 (7.18.5) wants every link annotation inside a Link
  element, so such an annotation's object reference moves up to the Link it is inside.
- **One element per element.** WeasyPrint builds the tree page by page, so an element split by a
  page break (a list, a section, a paragraph) becomes two elements, one per page: a screen reader
  announces two lists. Which elements a break splits is read from the layout through WeasyPrint's
  public API: every block element is given an id (`with_block_ids`), and a page's `anchors` name
  every element with an id that has a box on that page, so the ids two pages share are the elements
  the break between them splits (`splits`), less the page furniture (a running footer) that
  sits in the margin of both. Their two halves become one element again, level by
  level, outermost first, and the helper ids leave the PDF's named destinations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .pdfsave import edited

if TYPE_CHECKING:
    from weasyprint import Document

#: How a margin box's text is marked: pagination, an artifact of the page (PDF 1.7, 14.8.2.2).
PAGINATION = "/Pagination"


#: The block elements a page break can split, as the templates and the Markdown renderer write them.
_BLOCK = re.compile(r"<(p|ul|ol|li|dl|dt|dd|div|section|nav|header|footer|aside|blockquote|pre|figure|"
                    r"table|tr|td|th|h[1-6])(\s[^>]*)?>")
ID_PREFIX = "gg-block-"
TOP_TOLERANCE_PX = 0.5


def with_block_ids(html: str, part: str = "") -> str:
    """The HTML with an id on every block element that has none (`gg-block-N`, or `gg-block-<part>N`
    for a document whose pages join another's, so that no id is on both). It is HTML the templates
    and the Markdown renderer wrote, every attribute value escaped, so a tag is a tag."""
    count = 0

    def named(match: re.Match[str]) -> str:
        nonlocal count
        attributes = match.group(2) or ""
        if re.search(r"\sid=", attributes):
            return match.group(0)
        count += 1
        return f'<{match.group(1)} id="{ID_PREFIX}{part}{count}"{attributes}>'

    return _BLOCK.sub(named, html)


def splits(document: Document) -> list[int]:
    """For each page break of a laid-out document, how many nested elements it splits: the ids
    (with_block_ids gave every block element one) on both sides of it whose box on the later page
    starts at the top of its content, where a continued fragment resumes. A running footer is on
    both pages too, but down in the page's margin."""
    counts = []
    for before, after in pairwise(document.pages):
        tops = {name: position[1] for name, position in after.anchors.items()}
        content_top = min(tops.values(), default=0.0)
        counts.append(sum(1 for name in before.anchors.keys() & tops.keys()
                          if tops[name] <= content_top + TOP_TOLERANCE_PX))
    return counts


def repaired(pdf: bytes, split_counts: list[int]) -> bytes:
    """The tagged PDF with margin-box text as artifacts and split elements joined again."""
    return edited(pdf, lambda document: repair(document, split_counts))


def repair(document: Any, split_counts: list[int]) -> None:
    """`repaired`, on a PDF open in pikepdf (to go on editing it before it is saved)."""
    tree = document.Root.StructTreeRoot
    pages = [page.obj for page in document.pages]
    _join_split_elements(tree, pages, split_counts)
    _links_in_link_elements(tree)
    _margin_text_as_artifacts(document, tree, pages)
    _drop_helper_destinations(document)


# ---- one element per element


def _elements(node: Any) -> list[Any]:
    """A structure element's child elements (not its marked-content ids or object references)."""
    import pikepdf

    kids = node.get("/K")
    if kids is None:
        return []
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)
            and kid.get("/Type") not in ("/MCR", "/OBJR")]


def _join_split_elements(tree: Any, pages: list[Any], counts: list[int]) -> None:
    document_element = _elements(tree)[0]
    by_page: dict[tuple[int, int], list[Any]] = {}  # each page's top-level elements, as written
    for element in _elements(document_element):
        if element.get("/Pg") is not None:
            by_page.setdefault(element.Pg.objgen, []).append(element)
    replaced: dict[tuple[int, int], Any] = {}

    def survivor(element: Any) -> Any:
        while element.objgen in replaced:
            element = replaced[element.objgen]
        return element

    for index, count in enumerate(counts):
        before = by_page.get(pages[index].objgen)
        after = by_page.get(pages[index + 1].objgen)
        if not count or not before or not after:
            continue
        a, b, parent, left = survivor(before[-1]), after[0], document_element, count
        while left and a.get("/S") == b.get("/S"):
            a_kids, b_kids = _elements(a), _elements(b)
            _merge(a, b, parent, replaced)
            # WeasyPrint wraps an item drawn without a marker in an LI of its own around its
            # LBody: one box, two elements, and only the LBody counts.
            if not (str(a.S) == "/LI" and not any(str(kid.get("/S")) == "/Lbl" for kid in a_kids)):
                left -= 1
            if not (a_kids and b_kids):
                break
            parent, a, b = a, a_kids[-1], b_kids[0]
    _update_parent_tree(tree, replaced)


def _merge(a: Any, b: Any, parent: Any, replaced: dict[tuple[int, int], Any]) -> None:
    """Move b's contents to the end of a, and take b out of the tree."""
    import pikepdf

    kids = b.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    moved = pikepdf.Array()
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary):
            if kid.get("/Type") not in ("/MCR", "/OBJR"):
                kid.P = a
            moved.append(kid)
        else:  # a marked-content id of b's page: a's page is another, so say which
            moved.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=b.Pg, MCID=kid))
    existing = a.get("/K")
    merged = pikepdf.Array(list(existing) if isinstance(existing, pikepdf.Array)
                           else ([] if existing is None else [existing]))
    merged.extend(moved)
    a.K = merged
    parent_kids = parent.K if isinstance(parent.K, pikepdf.Array) else pikepdf.Array([parent.K])
    parent.K = pikepdf.Array([kid for kid in parent_kids
                              if not (isinstance(kid, pikepdf.Dictionary) and kid.objgen == b.objgen)])
    replaced[b.objgen] = a


def _update_parent_tree(tree: Any, replaced: dict[tuple[int, int], Any]) -> None:
    """Content once owned by a joined half now belongs to the whole element."""
    import pikepdf

    if not replaced:
        return
    nums = tree.ParentTree.Nums
    for position in range(1, len(nums), 2):
        entry = nums[position]
        if isinstance(entry, pikepdf.Array):
            nums[position] = pikepdf.Array([
                replaced.get(item.objgen, item) if isinstance(item, pikepdf.Dictionary) else item
                for item in entry])
        elif isinstance(entry, pikepdf.Dictionary) and entry.objgen in replaced:
            nums[position] = replaced[entry.objgen]


# ---- every link in its Link element


def _links_in_link_elements(tree: Any) -> None:
    """A link annotation tagged under an element inside a Link moves to that Link."""
    import pikepdf

    nums = tree.ParentTree.Nums
    for position in range(1, len(nums), 2):
        element = nums[position]
        if not isinstance(element, pikepdf.Dictionary) or element.get("/S") == "/Link":
            continue
        link = element.get("/P")
        while isinstance(link, pikepdf.Dictionary) and link.get("/S") not in ("/Link", None):
            link = link.get("/P")
        if not isinstance(link, pikepdf.Dictionary) or link.get("/S") != "/Link":
            continue
        kids = element.K if isinstance(element.K, pikepdf.Array) else pikepdf.Array([element.K])

        def annotation(kid: Any) -> bool:
            return (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                    and kid.get("/Obj") is not None and kid.Obj.get("/Subtype") == "/Link")

        references = [kid for kid in kids if annotation(kid)]
        if not references:
            continue
        element.K = pikepdf.Array([kid for kid in kids if not annotation(kid)])
        link_kids = link.get("/K")
        link.K = pikepdf.Array([*(list(link_kids) if isinstance(link_kids, pikepdf.Array)
                                  else [] if link_kids is None else [link_kids]), *references])
        nums[position] = link


# ---- page furniture as artifacts


def _reachable(tree: Any) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    stack = _elements(tree)
    while stack:
        node = stack.pop()
        if node.objgen not in found:
            found.add(node.objgen)
            stack.extend(_elements(node))
    return found


def _margin_text_as_artifacts(document: Any, tree: Any, pages: list[Any]) -> None:
    """Marked content whose element is outside the tree (a margin box's) becomes an artifact."""
    import pikepdf

    reachable = _reachable(tree)
    nums = tree.ParentTree.Nums
    by_page: dict[int, set[int]] = {}
    for position in range(0, len(nums), 2):
        key, entry = int(nums[position]), nums[position + 1]
        if key >= len(pages) or not isinstance(entry, pikepdf.Array):
            continue  # an annotation's entry
        orphans = {mcid for mcid, element in enumerate(entry)
                   if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable}
        if orphans:
            by_page[key] = orphans
            nums[position + 1] = pikepdf.Array([
                None if mcid in orphans else element for mcid, element in enumerate(entry)])
    for key, orphans in by_page.items():
        page = pikepdf.Page(pages[key])
        instructions = list(_artifacts(pikepdf.parse_content_stream(page), orphans))
        page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))


def _artifacts(instructions: Any, orphans: set[int]) -> Iterator[Any]:
    import pikepdf

    artifact = pikepdf.Dictionary(Type=pikepdf.Name(PAGINATION))
    for instruction in instructions:
        operands, operator = instruction.operands, instruction.operator
        if (str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                and int(operands[1].get("/MCID", -1)) in orphans):
            yield pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact, artifact], operator)
        else:
            yield instruction


def _drop_helper_destinations(document: Any) -> None:
    """Remove the named destinations of the ids `with_block_ids` added: no link points to them."""
    import pikepdf

    names = document.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is None:
        return
    with_helpers = pikepdf.NameTree(dests)
    for name in [name for name in with_helpers if str(name).startswith(ID_PREFIX)]:
        del with_helpers[name]
