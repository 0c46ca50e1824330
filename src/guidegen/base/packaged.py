"""Folders of data that install with guidegen: the theme, the documentation.

A wheel carries them inside the package (pyproject.toml's force-include maps the repository's
top-level folders there). A development install (`pip install -e .`) runs the sources in place,
where that mapping does not apply: there they are read from the source tree, recognised by its
pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def packaged(installed: str, in_source_tree: str, inside: str) -> Path:
    """guidegen/<installed> when it holds `inside`, else <in_source_tree> of a development install."""
    folder = _PACKAGE / installed
    if (folder / inside).exists():
        return folder
    tree = _PACKAGE.parent.parent
    if (tree / in_source_tree / inside).exists() and (tree / "pyproject.toml").is_file():
        return tree / in_source_tree
    raise RuntimeError(f"guidegen's {installed} is missing from {folder}: reinstall guidegen")
