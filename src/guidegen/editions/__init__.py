"""The editions: one table of values, the way pandoc lists its writers.

Each `Edition` names what `--edition` calls it (and its folder in templates/ and its section of the
labels), the file it writes, the options that shape it (only those enter its up-to-date key, so
`--cards a7` rebuilds the cards alone), whether it lays out with WeasyPrint (the build starts worker
processes only for those), and its writer. Adding an edition is one writer module and one row here.

This module stays light: choosing editions and checking whether outputs are up to date import
neither the model (pydantic) nor WeasyPrint; each writer is imported when it first writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from ..base.paper import CardSize, Flip, Paper
    from ..model.guide import Guide
    from ..render.layout import Layout
    from ..render.project import Project

OptionName = Literal["paper", "cards", "flip", "back_offset"]


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


Writer = Callable[["Guide", "Project", Options, "Layout"], bytes]


@dataclass(frozen=True)
class Edition:
    """One edition: a writer and what the build needs to know about it."""

    name: str
    summary: str  # for `--help`
    reads: tuple[OptionName, ...]
    weasyprint: bool
    filename: Callable[[Guide, Options], str]
    write: Writer

    def options(self, options: Options) -> Options:
        return options.only(self.reads)


def _suffix(value: str, default: str) -> str:
    """Outputs in the default paper or card size get no suffix; others are named: `-letter`."""
    return "" if value == default else f"-{value}"


def _write_print(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    from . import booklet

    return booklet.write(guide, project, options, layout)


def _write_cards(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    from . import cards

    return cards.write(guide, project, options, layout)


def _write_epub(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    from . import epub

    return epub.write(guide, project)


def _write_handout(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    from . import handout

    return handout.write(guide, project, options, layout)


def _write_web(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    from . import web

    return web.write(guide, project)


def _write_anki(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    from . import anki

    return anki.write(guide, project)


#: Every edition, in the order a build starts them: the longest layouts first, so that the shorter
#: ones fill the other cores meanwhile.
EDITIONS: tuple[Edition, ...] = (
    Edition("print", "the self-test booklet (PDF)", ("paper",), True,
            lambda guide, o: f"{guide.meta.id}-print{_suffix(o.paper_for(guide), 'a4')}.pdf",
            _write_print),
    Edition("cards", "flashcards to cut out (PDF)", ("paper", "cards", "flip", "back_offset"), True,
            lambda guide, o: (f"{guide.meta.id}-cards{_suffix(o.cards_for(guide), 'a6')}"
                              f"{_suffix(o.paper_for(guide), 'a4')}.pdf"),
            _write_cards),
    Edition("handout", "the compact, tagged email handout (PDF)", ("paper",), True,
            lambda guide, o: f"{guide.meta.id}-handout{_suffix(o.paper_for(guide), 'a4')}.pdf",
            _write_handout),
    Edition("epub", "the e-book (EPUB 3)", (), False,
            lambda guide, o: f"{guide.meta.id}.epub", _write_epub),
    Edition("web", "the self-contained web page (HTML)", (), False,
            lambda guide, o: f"{guide.meta.id}.html", _write_web),
    Edition("anki", "the spaced-repetition deck for Anki (.apkg)", (), False,
            lambda guide, o: f"{guide.meta.id}.apkg", _write_anki),
)


def named(names: list[str]) -> tuple[Edition, ...]:
    """The editions with these names, in table order; KeyError names the first unknown one."""
    known = {edition.name: edition for edition in EDITIONS}
    for name in names:
        if name not in known:
            raise KeyError(name)
    return tuple(edition for edition in EDITIONS if edition.name in names)
