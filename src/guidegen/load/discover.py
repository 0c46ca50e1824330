"""Which guides a command works on, and which project they belong to.

A project is a folder holding content/ (its guides) and, when it wants them, a brand.yaml, a logo
and theme overrides in templates/ and styles/. `guidegen build` in a project builds every guide in
its content/; a guide named on the command line belongs to the project above its content/ folder,
wherever the command runs, or else to the current folder. Outputs go to the project's output/.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

GUIDE_SUFFIXES = {".yaml", ".yml"}


class ProjectError(Exception):
    """Guides that do not make one project: a usage error, reported without a traceback."""


def guide_files(project: Path) -> list[Path]:
    """The guides a project holds: every .yaml/.yml file in its content/ directory, sorted."""
    content = project / "content"
    if not content.is_dir():
        return []
    return sorted(p for p in content.iterdir()  # not only regular files: the loader says what is wrong
                  if p.suffix in GUIDE_SUFFIXES and not p.name.startswith(".") and not p.is_dir())


def project_of(files: Sequence[Path], given: Path | None = None) -> Path:
    """`--project` when given; else the folder above the content/ folder the guides are in; else
    the current folder."""
    if given is not None:
        return given
    homes = sorted({path.absolute().parent.parent for path in files
                    if path.absolute().parent.name == "content"})
    if len(homes) > 1:
        raise ProjectError(f"the guides belong to different projects ({', '.join(map(str, homes))}): "
                           "build each project on its own, or name one with --project")
    return homes[0] if homes else Path(".")
