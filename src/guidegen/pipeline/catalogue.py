"""The catalogue page: `index.html` beside the outputs of a build of several guides, listing every
guide (title, role, region, date) with a link to each of its editions' files.

It belongs to a build, not to one guide in one edition: it lists the guides and editions that build
was asked for, so another choice of guides or editions (or options that rename files) makes a
different page. Whether it is up to date is decided as for an edition, from a manifest entry of its
own keyed over every guide file and the theme's web templates and styles, without loading anything;
only rendering it loads the guides. The build stages it with the editions' outputs, so it lands
with them or not at all, and every file it links to exists once they have landed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..editions import Edition
from .freshness import Freshness

if TYPE_CHECKING:
    from ..load.guides import LoadedGuide
    from ..model.guide import Brand, Guide
    from ..render.project import Project

FILENAME = "index.html"
ENTRY = "catalogue"  # its entry in the manifest (editions' entries are "<guide>::<edition>")
FOLDER = "web"  # its templates' folder: it shares the web edition's look and words
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


class Catalogue:
    """The catalogue page of one build: its guides (in the build's order) and editions."""

    def __init__(self, freshness: Freshness, guides: Sequence[Path], editions: Sequence[Edition]) -> None:
        self.freshness = freshness
        self.guides = list(guides)
        self.editions = list(editions)

    def key(self, extras: list[str]) -> str:
        options = self.freshness.options
        parts = (ENTRY, *(f"{edition.name} {edition.options(options)!r}" for edition in self.editions))
        return self.freshness.key_of(parts, self.guides, FOLDER, extras)

    def is_fresh(self) -> bool:
        return self.freshness.is_current(ENTRY, self.key)

    def record(self, data: bytes, extras: list[str]) -> None:
        self.freshness.record_entry(ENTRY, self.key(extras), extras, {FILENAME: data})

    def render(self, loaded: Sequence[LoadedGuide], project: Project) -> tuple[bytes, list[str]]:
        """The page, and the extra inputs it read (the shared brand's logo); GuideError names a
        guide whose own output would take the catalogue's file name."""
        import jinja2

        from ..editions.web import page_style
        from ..model.labels import long_date
        from ..model.problems import GuideError
        from ..render.templates import template, template_problem

        options = self.freshness.options
        clashes = [item.problem(("guide", "id"), f"guide id '{item.guide.meta.id}' would write {FILENAME}, "
                                "the catalogue page of a build of several guides: choose another id")
                   for item in loaded for edition in self.editions
                   if edition.filename(item.guide, edition.options(options)) == FILENAME]
        if clashes:
            raise GuideError(clashes)
        guides = [item.guide for item in loaded]
        language = _language(guides)
        labels = project.words(language, FOLDER)
        names = labels["catalogue"]["edition_names"]
        entries = [Entry(guide, long_date(guide.meta.updated, labels), tuple(
            Link(names.get(edition.name, edition.name),
                 quote(edition.filename(guide, edition.options(options))))
            for edition in self.editions)) for guide in guides]
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
