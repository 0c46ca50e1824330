"""WeasyPrint's two steps for the PDF editions: lay HTML out into pages, then write the PDF.

Stylesheets are parsed once per process and shared by every document it lays out (their fonts load
once), for as long as their files are unchanged. WeasyPrint is imported on first use, so commands
that lay nothing out never import it.
"""

from __future__ import annotations

import atexit
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.guide import Guide
from ..model.problems import BuildError
from .fetcher import ProjectFetcher
from .project import Project

if TYPE_CHECKING:
    from weasyprint import Document


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet(project: Project, path: Path, mtime_ns: int) -> Any:
    from weasyprint import CSS

    fetch = ProjectFetcher(project, project.readable_roots())
    sheet = CSS(filename=str(path), url_fetcher=fetch.fetcher, font_config=_font_config())
    if fetch.refused:
        raise BuildError(f"{path}: refers to resources outside the project: {', '.join(fetch.refused)}")
    return sheet


def _release_fonts() -> None:
    """Drop cached fonts while WeasyPrint's modules still exist (its __del__ needs them)."""
    _stylesheet.cache_clear()
    _font_config.cache_clear()


atexit.register(_release_fonts)


def lay_out(project: Project, guide: Guide | None, html: str, stylesheets: list[str]) -> Document:
    """Lay out HTML with the theme's stylesheets (names under styles/); refuse any outside fetch."""
    from weasyprint import HTML

    sheets = []
    for name in stylesheets:
        path = project.stylesheet(name).resolve()
        sheets.append(_stylesheet(project, path, path.stat().st_mtime_ns))
    fetch = ProjectFetcher(project, project.readable_roots(guide))
    base = project.templates[0].resolve().as_uri() + "/"
    document = HTML(string=html, base_url=base, url_fetcher=fetch.fetcher).render(
        stylesheets=sheets, font_config=_font_config(), optimize_images=False)
    if fetch.refused:
        raise BuildError(f"refused to fetch {', '.join(sorted(set(fetch.refused)))}: guidegen "
                         "reads only the project's and the theme's templates and styles, and the logo")
    return document


def write_pdf(document: Document, **options: Any) -> bytes:
    """The PDF bytes of a laid-out document, with fonts subset and a stable file identifier."""
    data: bytes = document.write_pdf(uncompressed_pdf=False, **options)
    return data
