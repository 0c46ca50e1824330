"""The handout: the whole guide as one small, tagged PDF that a recruiter can attach to an email.

It is read on screens (laptop and phone) and now and then printed, so it favours one sans family in
few faces (the file stays small), a band heading its first page (the brand's letterhead when
branded), a summary of what is inside instead of a long contents list (the bookmarks list every
section and question), answers kept whole on a page where they fit, and a closing call to action
with the contact, the link and its QR code. It is tagged as PDF/UA-1, with two repairs to what
WeasyPrint writes (render/pdftags.py): the running footer is an artifact, and an element split by
a page break is one element.

A last page with a line or two on it looks like an accident, so the handout is laid out at the
normal density first and, if its last page is less than a third full, at slightly tighter or looser
ones (`DENSITIES`), keeping the first that ends on a fuller page. A question whose answer is longer
than a page cannot be kept whole: it would leave a page empty above it, so it is laid out again to
flow from where it starts (`flows`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..base.paper import PAPERS
from ..base.units import PX_PER_MM
from ..model.deck import chapters, deck
from ..model.guide import Guide
from ..model.sections import sections
from ..render.layout import Layout
from ..render.metrics import metrics
from ..render.pdf import lay_out, write_pdf
from ..render.project import Project
from ..render.templates import render_template
from . import Options

if TYPE_CHECKING:
    from weasyprint import Document

#: WeasyPrint's PDF/UA-1 variant: tags (structure tree), /MarkInfo, DisplayDocTitle and the UA
#: identifier in XMP. `pdf_tags=True` alone would tag without claiming the standard.
PDF_VARIANT = "pdf/ua-1"

STYLESHEETS = ["fonts.css", "handout.css"]

#: The least a last page holds (of its content height), unless it is the only page.
MIN_LAST_PAGE = 1 / 3
#: Type densities tried in turn (handout.css: `density-N`): normal, then tighter and looser by turns,
#: each step further (tighter may pull a short last page back; looser may push more onto it).
DENSITIES = (0, 1, 2, 3, 4)


def write(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    return layout.run(_lay_out, (guide, project, PAPERS[options.paper_for(guide)].css))


def _lay_out(task: tuple[Guide, Project, str]) -> bytes:
    """The handout's PDF (a task a Layout runs, in a worker when there are workers)."""
    return written(laid_out(*task))


def written(document: Document) -> bytes:
    """A laid-out handout's PDF: tagged as PDF/UA-1, with WeasyPrint's tags repaired."""
    from ..render import pdftags

    return pdftags.repaired(write_pdf(document, pdf_variant=PDF_VARIANT), pdftags.splits(document))


def laid_out(guide: Guide, project: Project, page_size: str) -> Document:
    """The handout laid out (at the density that leaves no runt last page), not yet written: a
    candidate's pack puts its pages between their own (editions/packs.py)."""
    from ..render import pdftags

    labels = project.labels(guide, "handout")
    items = deck(guide)
    context = {"labels": labels, "sections": sections(guide, labels), "page_size": page_size,
               "chapters": {kind: own for kind in ("technical", "behavioural")
                            if (own := chapters(guide, items, kind))}}
    found = metrics(project, STYLESHEETS)
    top, bottom = found.mm("page-top"), found.mm("page-bottom")
    best: tuple[float, Document] | None = None
    flows: set[str] = set()  # questions too long to keep on one page
    for density in DENSITIES:
        while True:
            html = pdftags.with_block_ids(render_template(project, "handout/handout.html", guide,
                                                          density=density, flows=flows, **context))
            document = lay_out(project, html, STYLESHEETS)
            broken = _broken_questions(html, document) - flows
            if not broken:
                break
            flows |= broken
        fill = last_page_fill(document, top, bottom)
        if best is None or fill > best[0]:
            best = (fill, document)
        if fill >= MIN_LAST_PAGE:
            break
    assert best is not None
    return best[1]


_QUESTION = re.compile(r'<section id="([^"]+)" class="question" data-question="([^"]+)"')


def _broken_questions(html: str, document: Document) -> set[str]:
    """The questions kept whole on one page that are split all the same: longer than a page."""
    pages: dict[str, int] = {}
    for page in document.pages:
        for name in page.anchors:
            pages[name] = pages.get(name, 0) + 1
    return {question for block, question in _QUESTION.findall(html) if pages.get(block, 0) > 1}


def last_page_fill(document: Document, top_mm: float, bottom_mm: float) -> float:
    """How much of the last page's content height (inside margins of `top_mm` and `bottom_mm`) the
    handout uses (1.0 for a single page)."""
    if len(document.pages) == 1:
        return 1.0
    page = document.pages[-1]
    top, bottom = top_mm * PX_PER_MM, bottom_mm * PX_PER_MM
    _, end, _, _ = page.anchors["end"]
    return float((end - top) / (page.height - top - bottom))
