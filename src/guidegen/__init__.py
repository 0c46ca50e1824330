"""guidegen: interview guides written as YAML, built into a print booklet, flashcards, an e-book, an
email handout, a web page and an Anki deck.

The public API: `load_guide` reads and validates one guide (`load_guides`, several); `build` makes
editions of guides, listed in `EDITIONS` (an `Edition` each, other packages' included); bad input
raises `GuideError`, carrying every `Problem`. Names are imported on first use, so a `guidegen
build` with nothing to do never imports the model or WeasyPrint.

The packages are layers, each importing only those below it (a contract `nox -s lint` checks):
cli; pipeline, authoring and checks; editions; render; load; model; base.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_guide": ".load",
    "load_guides": ".load",
    "build": ".pipeline.build",
    "EDITIONS": ".editions",
    "Edition": ".editions",
    "Options": ".editions",
    "BuildError": ".model.problems",
    "GuideError": ".model.problems",
    "Problem": ".model.problems",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module 'guidegen' has no attribute {name!r}")
