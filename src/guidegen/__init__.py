"""guidegen: interview guides written as YAML, built into print, flashcard, EPUB and handout
editions.

The public API: `load_guide` reads and validates one guide; `build` makes editions of guides.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .build import build
from .load import load_guide, load_guides
from .problems import BuildError, GuideError, Problem

__all__ = ["BuildError", "GuideError", "Problem", "__version__", "build", "load_guide", "load_guides"]
