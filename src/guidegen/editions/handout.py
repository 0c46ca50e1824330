"""The handout: the whole guide as one small, tagged PDF that a recruiter can attach to an email.

It is read on screens (laptop and phone), so it favours one sans family in few faces (the file stays
small), a linked contents list, bookmarks for every section and question, and PDF/UA-1 tagging so
screen readers get headings, lists and links.
"""

from __future__ import annotations

from ..model.deck import deck
from ..model.guide import Guide, Paper
from ..model.sections import sections
from ..render.layout import Layout
from ..render.pdf import lay_out, write_pdf
from ..render.project import Project
from ..render.templates import render_template
from . import Options

#: WeasyPrint's PDF/UA-1 variant: tags (structure tree), /MarkInfo, DisplayDocTitle and the UA
#: identifier in XMP. `pdf_tags=True` alone would tag without claiming the standard.
PDF_VARIANT = "pdf/ua-1"

STYLESHEETS = ["fonts.css", "handout.css"]

_PAGE_SIZES: dict[Paper, str] = {"a4": "A4", "letter": "letter"}


def write(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    return layout.run(_lay_out, (guide, project, _PAGE_SIZES[options.paper_for(guide)]))


def _lay_out(task: tuple[Guide, Project, str]) -> bytes:
    """The handout's PDF (a task a Layout runs, in a worker when there are workers)."""
    guide, project, page_size = task
    labels = project.labels(guide, "handout")
    items = deck(guide)
    html = render_template(project, "handout/handout.html", guide, labels=labels,
                           sections=sections(guide, labels), page_size=page_size,
                           technical=[i for i in items if i.kind == "technical"],
                           behavioural=[i for i in items if i.kind == "behavioural"])
    return write_pdf(lay_out(project, html, STYLESHEETS), pdf_variant=PDF_VARIANT)
