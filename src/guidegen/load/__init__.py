"""The loader, the only reader: YAML files -> validated Guide models, or every problem at once.

`load_guide`, `load_guides` and `LoadedGuide` come from load/guides.py, imported on first use: a
command that only finds guides (discover.py) must not import the model.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LoadedGuide", "load_guide", "load_guides"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import guides

        return getattr(guides, name)
    raise AttributeError(f"module 'guidegen.load' has no attribute {name!r}")
