"""The booklet's laid-out pages, kept by a warm process between builds, so that after a save
`guidegen watch` lays out again only the sheets whose HTML changed.

Every sheet of a booklet is two pages of fixed size whose page numbers are printed in the flow, so a
sheet's pages depend on its own HTML and the stylesheets alone: laid out on their own (the booklet's
chunk document) they are the very pages a layout of the whole booklet makes. A rebuild therefore
splits the booklet's HTML at the comments its sheets template writes between sheets
(templates/print/_sheets.html); when everything but some sheets is as it was (front and back
matter, the number of sheets, the stylesheets' files), the sheets that changed are laid out, their
pages put in place of the old ones, and the PDF written from the pages combined, as WeasyPrint's
`Document.copy` combines pages of several documents: the same bytes as a cold build (tested). Any
other change, and any booklet with a continued answer (its pages move every later page number), is
laid out whole. A project's template without the comments is always laid out whole.

Only a Layout kept between builds (a watch's) keeps pages: a one-off build would only hold memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint import Document

SHEET = "<!-- sheet -->"
END = "<!-- sheets end -->"
#: The most booklets a process keeps pages of (a watch over a few guides; a page of a booklet holds
#: its layout's boxes, some hundreds of kilobytes).
MAX_KEPT = 4


@dataclass(frozen=True)
class Kept:
    """A booklet as last laid out: its HTML in pieces (`pieces`), its pages, and where its sheets'
    pages start."""

    pieces: tuple[str, ...]  # everything but the sheets (and the stylesheets' stamp), then each sheet
    document: Document
    first: int  # the index of the first sheet's front page


_KEPT: dict[str, Kept] = {}


def pieces(html: str, stamp: str) -> tuple[str, ...] | None:
    """The booklet's HTML as (everything but the sheets, with the stylesheets' `stamp`; each sheet's
    HTML), or None when the template marks no sheets."""
    end = html.rfind(END)
    parts = html[:end].split(SHEET) if end >= 0 else []
    if len(parts) < 2:
        return None
    return (f"{stamp}\n{parts[0]}{html[end:]}", *parts[1:])


def changed(key: str, now: tuple[str, ...]) -> tuple[Kept, list[int]] | None:
    """The pages kept for this booklet and the positions of the sheets whose HTML changed since,
    or None when more than sheets changed (or nothing is kept)."""
    kept = _KEPT.get(key)
    if kept is None or len(kept.pieces) != len(now) or kept.pieces[0] != now[0]:
        return None
    return kept, [index - 1 for index in range(1, len(now)) if kept.pieces[index] != now[index]]


def combined(kept: Kept, positions: Sequence[int], pages: Sequence[object]) -> Document:
    """The kept document with the pages of these sheets replaced by `pages` (two a sheet, in order)."""
    combined_pages = list(kept.document.pages)
    for index, position in enumerate(positions):
        at = kept.first + 2 * position
        combined_pages[at:at + 2] = pages[2 * index:2 * index + 2]
    return kept.document.copy(combined_pages)


def keep(key: str, now: tuple[str, ...], document: Document, first: int) -> None:
    """Keep these pages for the next build (the oldest kept booklet gives way beyond MAX_KEPT)."""
    _KEPT.pop(key, None)
    if len(_KEPT) >= MAX_KEPT:
        del _KEPT[next(iter(_KEPT))]
    _KEPT[key] = Kept(now, document, first)


def forget(key: str) -> None:
    _KEPT.pop(key, None)
