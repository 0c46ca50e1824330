"""WeasyPrint's two steps for the PDF editions: lay HTML out into pages, then write the PDF.

Stylesheets are parsed once per process and shared by every document it lays out (their fonts load
once), for as long as their files are unchanged. WeasyPrint is imported on first use, so commands
that lay nothing out never import it.

What WeasyPrint warns about as it reads a stylesheet (a property it ignores, a selector it cannot
read) goes to its logger, which prints nothing by default: here it is collected, with the
stylesheet it concerns, for the build to tell the user (`take_warnings`; render/layout.py carries
a worker's back with its result). Its other warnings (a character no font draws, which the build
names itself) are left as they were.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.source_epoch import NAME as EPOCH_NAME
from ..base.source_epoch import source_epoch
from ..model.problems import BuildError, display_name
from .fetcher import ProjectFetcher
from .project import Project
from .weasy import require

if TYPE_CHECKING:
    from weasyprint import Document


class _Warnings(logging.Handler):
    """What WeasyPrint warns about while it reads a stylesheet, as (the stylesheet, message), until
    the build takes it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.where = ""
        self.found: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.where:
            self.found.append((self.where, record.getMessage()))


_WARNINGS = _Warnings()
logging.getLogger("weasyprint").addHandler(_WARNINGS)


def take_warnings() -> list[tuple[str, str]]:
    """WeasyPrint's warnings about stylesheets since the last call, with the stylesheet of each."""
    found, _WARNINGS.found = _WARNINGS.found, []
    return found


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet(project: Project, path: Path, mtime_ns: int) -> Any:
    from weasyprint import CSS

    fetch = ProjectFetcher(project, project.readable_roots())
    _WARNINGS.where = display_name(path)
    try:
        sheet = CSS(filename=str(path), url_fetcher=fetch.fetcher, font_config=_font_config())
    finally:
        _WARNINGS.where = ""
    if fetch.refused:
        raise BuildError(f"{path}: refers to resources outside the project: {', '.join(fetch.refused)}")
    return sheet


def _release_fonts() -> None:
    """Drop cached fonts while WeasyPrint's modules still exist (its __del__ needs them)."""
    _stylesheet.cache_clear()
    _font_config.cache_clear()


atexit.register(_release_fonts)


def lay_out(project: Project, html: str, stylesheets: list[str]) -> Document:
    """Lay out HTML with the theme's stylesheets (names under styles/); refuse any outside fetch.
    Where WeasyPrint cannot load, MissingLayoutEngine says what to install (render/weasy.py)."""
    require()
    from weasyprint import HTML

    sheets = []
    for name in stylesheets:
        path = project.stylesheet(name).resolve()
        sheets.append(_stylesheet(project, path, path.stat().st_mtime_ns))
    fetch = ProjectFetcher(project, project.readable_roots())
    base = project.templates[0].resolve().as_uri() + "/"
    document = HTML(string=html, base_url=base, url_fetcher=fetch.fetcher).render(
        stylesheets=sheets, font_config=_font_config(), optimize_images=False)
    if fetch.refused:
        raise BuildError(f"refused to fetch {', '.join(sorted(set(fetch.refused)))}: guidegen "
                         "reads only the project's and the theme's templates and styles, and the logo")
    return document


def write_pdf(document: Document, **options: Any) -> bytes:
    """The PDF bytes of a laid-out document, with fonts subset and a stable file identifier."""
    with _fonts_dated(document.metadata.created):
        data: bytes = document.write_pdf(uncompressed_pdf=False, **options)
    return data


@contextmanager
def _fonts_dated(created: str | None) -> Iterator[None]:
    """Where the system lacks HarfBuzz's subsetter, WeasyPrint subsets fonts with fontTools, which
    stamps the clock into each font it writes unless SOURCE_DATE_EPOCH names a time: name the
    document's own date (from the guide, never the clock), so every build gives the same bytes."""
    if source_epoch() is not None:
        yield
        return
    when = dt.datetime.fromisoformat(created.replace("Z", "+00:00")) if created else _EPOCH
    previous = os.environ.get(EPOCH_NAME)  # unset, or empty (which fontTools cannot read)
    os.environ[EPOCH_NAME] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ[EPOCH_NAME]
        else:
            os.environ[EPOCH_NAME] = previous


_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # for a document with no date of its own
