"""guidegen: interview guides written as YAML, built into print, flashcard, EPUB and handout
editions.

The public API: `load_guide` reads and validates one guide (`load_guides`, several);
`guidegen.pipeline.build.build` makes editions of guides, listed in `EDITIONS`; bad input raises
`GuideError`, carrying every `Problem`. Names are imported on first use, so a `guidegen build` with
nothing to do never imports the model or WeasyPrint.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_guide": ".load",
    "load_guides": ".load",
    "EDITIONS": ".editions",
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
