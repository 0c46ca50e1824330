"""The editions: one writer module each, all with the same small interface.

An edition module defines:
    NAME: str                                  -- what `--edition` calls it
    filename(guide, options) -> str            -- its output file's name
    render(guide, project, options) -> bytes   -- the whole file, deterministic

Adding an edition is adding one module here (listed in `_MODULES`) and one folder in templates/.
Modules are imported on first use so that commands which render nothing never import WeasyPrint.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the model (pydantic) is not needed to name editions or check freshness
    from ..model import CardSize, Flip, Guide, Paper

_MODULES = {"print": "booklet", "cards": "cards", "epub": "epub", "handout": "handout"}


class Options(NamedTuple):
    """Choices from the command line; None means "as the guide's settings say". (A named tuple, not
    a dataclass: a build with nothing to do never imports dataclasses, and its repr keys outputs.)"""

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


def names() -> list[str]:
    """Every edition, in the order `guidegen build` makes them."""
    return list(_MODULES)


def available() -> list[str]:
    """Editions whose module exists in this version (an edition still in progress is skipped)."""
    return [name for name in _MODULES if importlib.util.find_spec(f"{__name__}.{_MODULES[name]}")]


def get(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{_MODULES[name]}")


def paper_suffix(guide: Guide, options: Options) -> str:
    """A4 is the default and gets no suffix; other papers are named, e.g. `-letter`."""
    paper = options.paper_for(guide)
    return "" if paper == "a4" else f"-{paper}"
