"""What every edition shares: the project's files, one Jinja environment, a fetcher that serves only
the project's own assets, and the WeasyPrint render -> write steps for the PDF editions.

WeasyPrint is imported only when a PDF is actually rendered, so commands that render nothing stay fast.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import jinja2
import yaml

from . import processes
from .markup import render_markdown
from .model import Guide
from .partcache import PartCache
from .problems import BuildError, Problem
from .weasy import import_weasyprint

if TYPE_CHECKING:
    from weasyprint import Document

GENERATOR = "guidegen"


@dataclass(frozen=True)
class Project:
    """A project directory: content/, templates/, styles/ (with styles/fonts/), and an optional brand;
    with the cache of laid-out parts kept beside the outputs being built, if any."""

    root: Path
    cache: PartCache | None = None

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    def asset_roots(self, guide: Guide | None = None) -> tuple[Path, ...]:
        """The only places a renderer may read from: templates, styles (and fonts), the brand logo."""
        logo = self.logo_path(guide) if guide else None
        return (self.templates.resolve(), self.styles.resolve(), *([logo] if logo else []))

    def logo_path(self, guide: Guide) -> Path | None:
        if guide.brand is None or guide.brand.logo is None:
            return None
        return (self.root / guide.brand.logo).resolve()

    @property
    def env(self) -> jinja2.Environment:
        """One Jinja environment per templates folder, shared by every Project object naming it,
        so templates are compiled once per process."""
        return _environment(self.templates)

    def labels(self, guide: Guide, edition: str) -> dict[str, Any]:
        """An edition's own words in the guide's language: exact tag, then primary subtag, then English.

        All editions' words live in one file, templates/_partials/labels.yaml, so a language is
        added in one place; each language may give only some words.
        """
        table = _label_table(self.templates / LABELS_FILE)
        tag = guide.meta.language.lower()
        words: dict[str, Any] = {}
        for language in dict.fromkeys(("en", tag.split("-")[0], tag)):
            words.update((table.get(language) or {}).get(edition) or {})
        return words

    def render_template(self, name: str, guide: Guide, **context: Any) -> str:
        """Render a template with what every edition's templates may use, plus the edition's own.

        `labels` are the words of the edition whose folder holds the template.
        """
        logo = self.logo_path(guide)
        shared = {
            "guide": guide,
            "meta": guide.meta,
            "brand": guide.brand,
            "logo_url": logo.as_uri() if logo else None,
            "date": source_date(guide),
            "labels": self.labels(guide, name.split("/")[0]),
        }
        return self.env.get_template(name).render(**{**shared, **context})


LABELS_FILE = "_partials/labels.yaml"


@cache
def _environment(templates: Path) -> jinja2.Environment:
    """Autoescaping on for every template, whatever its name; undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = render_markdown
    return env


@cache
def _label_table(path: Path) -> dict[str, Any]:
    """The labels file is the project's own (not guide content), read once per process."""
    if not path.is_file():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when present: 10x faster
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def template_problem(project: Project, error: jinja2.TemplateError) -> Problem:
    """A broken or missing template is the project's input too: report it like bad content."""
    if isinstance(error, jinja2.TemplateNotFound):
        where = project.templates / str(error.name)
        return Problem(str(where), 1, 1, "", "template not found")
    if isinstance(error, jinja2.TemplateSyntaxError):
        return Problem(error.filename or str(project.templates), error.lineno or 1, 1, "",
                       f"template error: {error.message}")
    return Problem(str(project.templates), 1, 1, "", f"template error: {error}")


def source_date(guide: Guide) -> dt.datetime:
    """The date stamped into outputs: SOURCE_DATE_EPOCH when set, else the guide's own date, never now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.combine(guide.meta.updated, dt.time(), tzinfo=dt.UTC)


@dataclass
class ProjectFetcher:
    """Serves file: URLs inside the project's asset directories and data: URLs; refuses the rest.

    Every refusal is remembered, so the edition can fail with a clear error instead of WeasyPrint
    silently leaving a hole where a stylesheet, font or image should be.
    """

    roots: tuple[Path, ...]
    refused: list[str] = field(default_factory=list)

    def allows(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
            return path
        return None

    @cached_property
    def fetcher(self) -> Any:
        import_weasyprint()
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        outer = self

        class _Fetcher(URLFetcher):
            def fetch(self, url: str, headers: Any = None) -> Any:
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                path = outer.allows(url)
                if path is None:
                    outer.refused.append(url)
                    raise ValueError(f"guidegen refuses to fetch {url}")
                return URLFetcherResponse(path.as_uri(), path.read_bytes())

        return _Fetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


@cache
def _font_config() -> Any:
    import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet(path: Path, roots: tuple[Path, ...]) -> Any:
    """Parsed stylesheets are reused across editions and guides in one process (fonts load once)."""
    CSS = import_weasyprint().CSS

    if not path.is_file():
        raise BuildError(f"stylesheet {path} not found")
    fetch = ProjectFetcher(roots)
    sheet = CSS(filename=str(path), url_fetcher=fetch.fetcher, font_config=_font_config())
    if fetch.refused:
        raise BuildError(f"{path}: refers to resources outside the project: {', '.join(fetch.refused)}")
    return sheet


def _release_fonts() -> None:
    """Drop cached fonts while WeasyPrint's modules still exist (its __del__ needs them)."""
    _stylesheet.cache_clear()
    _font_config.cache_clear()


atexit.register(_release_fonts)


def render_pdf_document(project: Project, guide: Guide | None, html: str,
                        stylesheets: list[str]) -> Document:
    """Lay out HTML with the project's stylesheets (names under styles/); refuse any outside fetch."""
    HTML = import_weasyprint().HTML

    roots = project.asset_roots()
    fetch = ProjectFetcher(project.asset_roots(guide))
    sheets = [_stylesheet((project.styles / name).resolve(), roots) for name in stylesheets]
    document = HTML(
        string=html, base_url=project.templates.resolve().as_uri() + "/", url_fetcher=fetch.fetcher
    ).render(stylesheets=sheets, font_config=_font_config(), optimize_images=False)
    if fetch.refused:
        raise BuildError(f"refused to fetch {', '.join(sorted(set(fetch.refused)))}: guidegen "
                         "reads only the project's templates, styles and logo")
    processes.laid_out()
    return document


def write_pdf(document: Document, **options: Any) -> bytes:
    """The PDF bytes of a laid-out document, with fonts subset and a stable file identifier."""
    return document.write_pdf(uncompressed_pdf=False, **options)
