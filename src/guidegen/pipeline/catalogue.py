"""The catalogue page of a build of several guides, as the pipeline sees it: when it is up to date.

The page (editions/catalogue.py) belongs to a build, not to one guide in one edition: it lists the
build's guides, each with every edition of it in the output folder: the editions this build makes,
and those an earlier build made whose files are still there (so `build --edition web`, or a watch
that makes the quick editions first, never drops the PDFs from the page). Another choice of guides,
editions or options that rename files makes a different page. Whether it is up to date is decided
as for an edition, from a manifest entry of its own keyed over every guide file, the theme's web
templates and styles and the files it lists, without loading anything; only rendering it loads the
guides. The build stages it with the editions' outputs, so it lands with them or not at all, and
every file it links to exists once they have landed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..editions import EDITIONS, Edition
from ..editions.catalogue import FILENAME, FOLDER
from .freshness import Freshness

if TYPE_CHECKING:
    from ..load.guides import LoadedGuide
    from ..render.project import Project

ENTRY = "catalogue"  # its entry in the manifest (editions' entries are "<guide>::<edition>")
__all__ = ["FILENAME", "Catalogue"]


class Catalogue:
    """The catalogue page of one build: its guides (in the build's order) and the editions it lists."""

    def __init__(self, freshness: Freshness, guides: Sequence[Path], editions: Sequence[Edition]) -> None:
        self.freshness = freshness
        self.guides = list(guides)
        self.editions = list(editions)
        #: per guide, the file of each edition this build does not make that is in the folder
        self.kept: dict[Path, dict[str, str]] = {
            guide: {edition.name: files[0] for edition in EDITIONS if edition not in self.editions
                    for files in [freshness.present(guide, edition)] if len(files) == 1}
            for guide in self.guides}

    def key(self, extras: list[str]) -> str:
        options = self.freshness.options
        parts = (ENTRY, *(f"{edition.name} {edition.options(options)!r}" for edition in self.editions),
                 *(f"{index} {name} {file}" for index, guide in enumerate(self.guides)
                   for name, file in sorted(self.kept[guide].items())))
        return self.freshness.key_of(parts, self.guides, FOLDER, extras)

    def is_fresh(self) -> bool:
        return self.freshness.is_current(ENTRY, self.key)

    def record(self, data: bytes, extras: list[str]) -> None:
        self.freshness.record_entry(ENTRY, self.key(extras), extras, {FILENAME: data})

    def render(self, loaded: Sequence[LoadedGuide], project: Project) -> tuple[bytes, list[str]]:
        """The page, and the extra inputs it read (editions/catalogue.py)."""
        from ..editions.catalogue import render

        kept: Mapping[Path, Mapping[str, str]] = self.kept
        return render(loaded, self.editions, self.freshness.options, project,
                      kept=[kept[item.path] for item in loaded])
