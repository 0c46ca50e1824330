"""guidegen: interview guides written as YAML, built into print, flashcard, EPUB and handout
editions.

The public API: `load_guide` reads and validates one guide; `build` makes editions of guides.
Names are imported on first use, so `guidegen build` with nothing to do stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "build",
    "load_guide": "load",
    "load_guides": "load",
    "BuildError": "problems",
    "GuideError": "problems",
    "Problem": "problems",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'guidegen' has no attribute {name!r}")
