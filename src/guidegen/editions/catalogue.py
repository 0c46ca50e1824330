"""The catalogue page: `index.html` beside the outputs of a build of several guides, listing every
guide (title, role, region, date) with a link to each of its editions' files in the folder.

It shares the web edition's look and words (templates/web/catalogue.html, web.css, the `web`
labels); each edition's link is named by that edition's own `edition_name` label, in the page's
language (the edition's summary where its labels give none). When it is made and whether it is up
to date is the pipeline's business (pipeline/catalogue.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..model.labels import long_date
from ..model.problems import GuideError
from . import EDITIONS, Edition, Options

if TYPE_CHECKING:  # the pipeline reads this module's names before it knows whether to render
    from ..load.guides import LoadedGuide
    from ..model.guide import Brand, Guide
    from ..render.project import Project

FILENAME = "index.html"
FOLDER = "web"  # its templates' folder, and its words' section
TEMPLATE = f"{FOLDER}/catalogue.html"


@dataclass(frozen=True)
class Link:
    """One edition's file of one guide."""

    name: str  # what the edition is called, in the page's language
    href: str


@dataclass(frozen=True)
class Entry:
    """One guide as the catalogue lists it."""

    guide: Guide
    updated: str
    links: tuple[Link, ...]


def render(loaded: Sequence[LoadedGuide], editions: Sequence[Edition], options: Options,
           project: Project, kept: Sequence[Mapping[str, str]] = ()) -> tuple[bytes, list[str]]:
    """The page, and the extra inputs it read (the shared brand's logo); GuideError names a guide
    whose own output would take the catalogue's file name. Each guide links its file of each of
    `editions`, and the files in `kept` (per guide, by edition name) of editions this build does
    not make, all in the edition table's order."""
    import jinja2

    from ..render.templates import template, template_problem
    from .web import page_style

    clashes = [item.problem(("guide", "id"), f"guide id '{item.guide.meta.id}' would write {FILENAME}, "
                            "the catalogue page of a build of several guides: choose another id")
               for item in loaded for edition in editions
               if edition.filename(item.guide, edition.options(options)) == FILENAME]
    if clashes:
        raise GuideError(clashes)
    guides = [item.guide for item in loaded]
    language = _language(guides)
    labels = project.words(language, FOLDER)
    names = {edition.name: str(project.words(language, edition.name).get("edition_name", edition.summary))
             for edition in EDITIONS}
    files = [{**(kept[index] if index < len(kept) else {}),
              **{edition.name: edition.filename(guide, edition.options(options)) for edition in editions}}
             for index, guide in enumerate(guides)]
    entries = [Entry(guide, long_date(guide.meta.updated, labels) if guide.meta.updated else "", tuple(
        Link(names[edition.name], quote(file[edition.name])) for edition in EDITIONS if edition.name in file))
        for guide, file in zip(guides, files, strict=True)]
    brand = _shared_brand(guides)
    logo = project.logo(guides[0]) if brand else None
    try:
        html = template(project, TEMPLATE).render(
            language=language, labels=labels, entries=entries, brand=brand,
            style=page_style(project, brand), logo_url=logo.data_uri() if logo else None)
    except jinja2.TemplateError as error:
        raise GuideError([template_problem(error)]) from None
    extras = [brand.logo] if brand and brand.logo else []
    return html.encode("utf-8"), extras


def _language(guides: list[Guide]) -> str:
    """The guides' language when they share one (or its primary subtag), else English."""
    tags = {guide.meta.language for guide in guides}
    if len(tags) == 1:
        return tags.pop()
    primary = {tag.split("-")[0].lower() for tag in tags}
    return primary.pop() if len(primary) == 1 else "en"


def _shared_brand(guides: list[Guide]) -> Brand | None:
    """The brand every guide carries (a project's brand.yaml), else none: a page listing several
    brands' guides is no one brand's."""
    brands = {guide.brand for guide in guides}
    return brands.pop() if len(brands) == 1 else None
