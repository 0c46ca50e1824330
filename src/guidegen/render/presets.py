"""Print presets: what a print dialog should be set to, written into a PDF's viewer preferences.

A booklet or a card sheet only works printed double-sided, flipped on the right edge and at actual
size; PDF readers (Acrobat, and the print dialogs of most others) read these from the document
catalogue's `/ViewerPreferences`, so the reader need not set them by hand. WeasyPrint has no option
for them, so they are added to the PDF it wrote (pikepdf), keeping the bytes deterministic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .pdfsave import edited

if TYPE_CHECKING:
    from ..base.paper import Flip


#: The `/Duplex` value for each flip edge (PDF 1.7, 12.2: viewer preferences).
DUPLEX: dict[Flip, str] = {"long": "/DuplexFlipLongEdge", "short": "/DuplexFlipShortEdge"}


def with_print_presets(pdf: bytes, *, flip: Flip) -> bytes:
    """The PDF set to print duplex on the `flip` edge, at actual size (`/PrintScaling /None`), on
    paper chosen by the page size (`/PickTrayByPDFSize`, for a printer holding A4 and Letter)."""
    import pikepdf

    def preset(document: Any) -> None:
        preferences = document.Root.get("/ViewerPreferences", pikepdf.Dictionary())
        preferences.Duplex = pikepdf.Name(DUPLEX[flip])
        preferences.PrintScaling = pikepdf.Name("/None")
        preferences.PickTrayByPDFSize = True
        document.Root.ViewerPreferences = preferences

    return edited(pdf, preset)
