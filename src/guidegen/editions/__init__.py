"""The editions: one table of values, the way pandoc lists its writers, open to editions from other
packages.

Each `Edition` names what `--edition` calls it (and its folder in templates/ and its section of the
labels), the file it writes, the options that shape it (only those enter its up-to-date key, so
`--cards a7` rebuilds the cards alone), whether it lays out with WeasyPrint (the build starts worker
processes only for those), and its writer, `"module:function"`, imported when it first writes. The
command line's choices and help, the build, the catalogue page, `watch` and the tests all iterate
`EDITIONS`: adding an edition is one writer module and one row.

The built-in rows are `BUILT_IN`. An installed package adds an edition by naming an `Edition` value
in the entry-point group `guidegen.editions` (docs/editions.md): its rows follow the built-in ones,
in the order of their names, and its own theme folder (templates/, styles/ and labels) is looked up
after guidegen's. A plugin that cannot be loaded, or that reuses a name, is left out and said so
(`PLUGIN_PROBLEMS`), never stopping the editions that work.

This module stays light: choosing editions and checking whether outputs are up to date import
neither the model (pydantic) nor WeasyPrint.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..base.paper import DEFAULT_CARDS, DEFAULT_FLIP, DEFAULT_PAPER, CardSize, Flip, Paper, suffix

if TYPE_CHECKING:
    from ..model.guide import Guide
    from ..render.layout import Layout
    from ..render.project import Project

OptionName = Literal["paper", "cards", "flip", "back_offset"]
#: The entry-point group an installed package names its editions in.
ENTRY_POINTS = "guidegen.editions"
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Options(NamedTuple):
    """What the command line chose; None means "as the guide's settings say"."""

    paper: Paper | None = None
    cards: CardSize | None = None
    flip: Flip | None = None
    back_offset: tuple[float, float] = (0.0, 0.0)

    def paper_for(self, guide: Guide) -> Paper:
        return self.paper or guide.settings.paper

    def cards_for(self, guide: Guide) -> CardSize:
        return self.cards or guide.settings.cards

    def flip_for(self, guide: Guide) -> Flip:
        return self.flip or guide.settings.flip

    def only(self, names: tuple[OptionName, ...]) -> Options:
        """These options as chosen, every other one at its default: what one edition sees."""
        return Options(**{name: value for name, value in self._asdict().items() if name in names})


#: What every writer is: the guide, the project it is built in, the options the edition reads, and
#: where to lay out (a writer that lays nothing out ignores the last two) -> the output's bytes.
Writer = Callable[["Guide", "Project", Options, "Layout"], bytes]


@dataclass(frozen=True)
class Edition:
    """One edition: its writer and what the build needs to know about it.

    `output` names the file: `{id}` is the guide's id, and `{paper}`, `{cards}` and `{flip}` are
    empty at their defaults and `-letter`, `-a7`… otherwise. `theme`, for an edition from another
    package, is a folder holding its own templates/ (templates/<name>/ and, for its words,
    templates/_partials/labels.yaml) and styles/.
    """

    name: str
    summary: str  # for `--help`, and the catalogue's link where the labels give no name
    output: str
    writer: str  # "package.module:function", a `Writer`
    reads: tuple[OptionName, ...] = ()
    weasyprint: bool = False
    theme: Path | None = None

    def options(self, options: Options) -> Options:
        return options.only(self.reads)

    def filename(self, guide: Guide, options: Options) -> str:
        """The file this edition writes for a guide with these options."""
        return self.output.format(
            id=guide.meta.id, paper=suffix(options.paper_for(guide), DEFAULT_PAPER),
            cards=suffix(options.cards_for(guide), DEFAULT_CARDS),
            flip=suffix(options.flip_for(guide), DEFAULT_FLIP))

    def write(self, guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
        """The output's bytes, from the writer (imported now, the first time)."""
        module, _, function = self.writer.partition(":")
        writer: Writer = getattr(importlib.import_module(module), function)
        return writer(guide, project, self.options(options), layout)


#: guidegen's own editions, in the order a build starts them: the longest layouts first, so that
#: the shorter ones fill the other cores meanwhile.
BUILT_IN: tuple[Edition, ...] = (
    Edition("print", "the self-test booklet (PDF)", "{id}-print{paper}.pdf",
            "guidegen.editions.booklet:write", ("paper",), weasyprint=True),
    Edition("cards", "flashcards to cut out (PDF)", "{id}-cards{cards}{flip}{paper}.pdf",
            "guidegen.editions.cards:write", ("paper", "cards", "flip", "back_offset"), weasyprint=True),
    Edition("handout", "the compact, tagged email handout (PDF)", "{id}-handout{paper}.pdf",
            "guidegen.editions.handout:write", ("paper",), weasyprint=True),
    Edition("epub", "the e-book (EPUB 3)", "{id}.epub", "guidegen.editions.epub:write"),
    Edition("web", "the self-contained web page (HTML)", "{id}.html", "guidegen.editions.web:write"),
    Edition("anki", "the spaced-repetition deck for Anki (.apkg)", "{id}.apkg",
            "guidegen.editions.anki:write"),
)


#: The editions a candidate's pack may also come in (`--packs-editions`, editions/packs.py), each
#: with the candidate's letter and itinerary: the edition's name -> its file's ending after the
#: guide's id.
PACK_EDITIONS = {"epub": "-pack.epub", "web": "-pack.html"}


def _declared(group: str) -> bool:
    """Whether an installed package may name entry points in this group: some distribution's
    entry_points.txt on sys.path mentions it, or a zipped egg is there (which is not looked into).
    A look at each folder takes a few milliseconds; importing importlib.metadata takes about 50,
    most of a build that finds nothing to do, so it is left to when a plugin may be there."""
    marker = f"[{group}]"
    for folder in dict.fromkeys(sys.path):
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".egg", ".zip")):
                return True
            if entry.name.endswith((".dist-info", ".egg-info")):
                try:
                    text = Path(entry.path, "entry_points.txt").read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                if marker in text:
                    return True
    return False


def _plugins(taken: set[str]) -> tuple[list[Edition], list[str]]:
    """The editions installed packages name in the entry-point group, by name; and what is wrong
    with any that cannot be used."""
    found: list[Edition] = []
    problems: list[str] = []
    if not _declared(ENTRY_POINTS):
        return found, problems
    from importlib.metadata import entry_points

    for point in sorted(entry_points(group=ENTRY_POINTS), key=lambda point: point.name):
        where = f"the edition '{point.name}' ({point.value})"
        try:
            edition = point.load()
        except Exception as error:  # a broken plugin: said, and left out
            problems.append(f"{where} could not be loaded ({type(error).__name__}: {error}); left out")
            continue
        if not isinstance(edition, Edition):
            problems.append(f"{where} is not a guidegen.editions.Edition; left out")
        elif not _NAME.match(edition.name) or edition.name in taken:
            why = "taken" if edition.name in taken else "not a name of lowercase letters, digits and hyphens"
            problems.append(f"{where} is named '{edition.name}', which is {why}; left out")
        else:
            taken.add(edition.name)
            found.append(edition)
    return found, problems


_FOUND, PLUGIN_PROBLEMS = _plugins({edition.name for edition in BUILT_IN})
#: Every edition: the built-in ones, then those of installed packages.
EDITIONS: tuple[Edition, ...] = (*BUILT_IN, *_FOUND)


def named(names: list[str]) -> tuple[Edition, ...]:
    """The editions with these names, in table order; KeyError names the first unknown one."""
    known = {edition.name: edition for edition in EDITIONS}
    for name in names:
        if name not in known:
            raise KeyError(name)
    return tuple(edition for edition in EDITIONS if edition.name in names)


def themes() -> tuple[Path, ...]:
    """The theme folders of editions from other packages, looked up after guidegen's own."""
    return tuple(edition.theme for edition in EDITIONS if edition.theme is not None)
