"""The pages a warm process keeps between builds, so that after a save `guidegen watch` lays out
again only the booklet's sheets and the cards' pages whose HTML changed.

Every booklet sheet is two pages of fixed size whose page numbers are printed in the flow, and
every page of cards is one page of fixed size whose text sizes are its own: a page depends on its
own HTML and the stylesheets alone, and laid out in a document of its own it is the very page a
layout of the whole makes. A rebuild therefore splits the HTML at the comments the templates write
between pages (templates/print/_sheets.html, templates/cards/cards.html); where everything but some
pages is as it was (the rest of the HTML, the number of pages, the stylesheets' files), the pages
that changed are laid out, put in place of the old ones, and the PDF written from the pages
combined, as WeasyPrint's `Document.copy` combines pages of several documents: the same bytes as a
cold build (tested). Any other change is laid out whole, as is a booklet with a continued answer
(its pages move every later page number). A project's template without the comments is always laid
out whole.

Only a Layout kept between builds (a watch's) keeps pages: a one-off build would only hold memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weasyprint import Document

    from ..render.project import Project

SHEET = "<!-- sheet -->"
END = "<!-- sheets end -->"
#: The most documents a process keeps pages of (a watch over a few guides; a page holds its
#: layout's boxes, some hundreds of kilobytes).
MAX_KEPT = 8


@dataclass(frozen=True)
class Kept:
    """A document as last laid out, in units that each depend only on their own HTML (a booklet's
    sheet, two pages; a page of cards, one): its HTML in pieces (`pieces`), its pages, where the
    first unit's pages start, and the size each unit's texts settled at (by the id of the text's
    first block; the cards')."""

    pieces: tuple[str, ...]  # everything but the units (with the stylesheets' stamp), then each unit
    document: Document
    first: int = 0  # the index of the first unit's first page
    per_unit: int = 1  # pages
    sizes: tuple[dict[str, float], ...] = ()

    def pages(self, unit: int) -> list[Any]:
        """The pages of one unit (by its position)."""
        start = self.first + self.per_unit * unit
        return list(self.document.pages[start:start + self.per_unit])


_KEPT: dict[str, Kept] = {}


def pieces(html: str, stamp: str) -> tuple[str, ...] | None:
    """The HTML as (everything but the pages, with the stylesheets' `stamp`; each page's HTML), or
    None when the template marks no pages."""
    end = html.rfind(END)
    parts = html[:end].split(SHEET) if end >= 0 else []
    if len(parts) < 2:
        return None
    return (f"{stamp}\n{parts[0]}{html[end:]}", *parts[1:])


def styles_stamp(project: Project) -> str:
    """What the stylesheets and their fonts are now: every styles file's path, size and mtime."""
    found = []
    for path in project.theme_files("styles"):
        info = path.stat()
        found.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(found)


def changed(key: str, now: tuple[str, ...]) -> tuple[Kept, list[int]] | None:
    """What is kept under `key` and the positions of the units whose HTML changed since, or None
    when more than units changed (or nothing is kept)."""
    kept = _KEPT.get(key)
    if kept is None or len(kept.pieces) != len(now) or kept.pieces[0] != now[0]:
        return None
    return kept, [index - 1 for index in range(1, len(now)) if kept.pieces[index] != now[index]]


def kept(key: str) -> Kept | None:
    return _KEPT.get(key)


def keep(key: str, value: Kept) -> None:
    """Keep these pages for the next build (the oldest kept document gives way beyond MAX_KEPT)."""
    _KEPT.pop(key, None)
    if len(_KEPT) >= MAX_KEPT:
        del _KEPT[next(iter(_KEPT))]
    _KEPT[key] = value


def forget(key: str) -> None:
    _KEPT.pop(key, None)
