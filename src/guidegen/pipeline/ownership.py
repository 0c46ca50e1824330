"""Which files of an output folder guidegen made, so that it never replaces one it did not make.

An output folder may hold the user's own files (an `index.html`, a PDF named like an output): a
build writes only files guidegen made there before, or that are not there yet. What it made is the
manifest's outputs and `.guidegen-owned.json`, the names of every file it has written there and
that are still there (an output superseded by another option, such as `-letter`, stays its own).
A file of an output's name that it did not make is never replaced: the build stops before writing
anything, naming each such file (exit status 2), unless `--force` says to replace them.

Nor may the output folder be where the inputs are: the project's own folder, its `content/`,
`templates/` or `styles/`, or a folder inside one of these.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

OWNED = ".guidegen-owned.json"
MAX_OWNED_BYTES = 10_000_000


class NotOurs(Exception):
    """Files an output would replace that guidegen did not make, or an output folder that is an
    input folder: the user's mistake or the user's files, so exit status 2, one line each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.lines = lines


def owned(out: Path, manifest: dict[str, Any]) -> set[str]:
    """The names of the files guidegen made in `out`: its record, and the manifest's outputs."""
    names: set[str] = set()
    record = out / OWNED
    if record.is_file() and not record.is_symlink():
        try:
            found = json.loads(record.read_bytes()[:MAX_OWNED_BYTES])
        except (OSError, ValueError):
            found = []
        names |= {name for name in found if isinstance(name, str)} if isinstance(found, list) else set()
    for entry in manifest.values():
        if isinstance(entry, dict) and isinstance(entry.get("outputs"), dict):
            names |= set(entry["outputs"])
    return names


def refuse_foreign(targets: Iterable[Path], mine: set[str]) -> None:
    """NotOurs naming every target that exists (as a file, a folder or a link) and is not guidegen's."""
    foreign = sorted(target for target in targets
                     if (target.exists() or target.is_symlink()) and target.name not in mine)
    if foreign:
        raise NotOurs([f"{target} is not a file guidegen made, so the build will not replace it: move "
                       "it away, build into another folder (--out), or replace it with --force"
                       for target in foreign])


def record(out: Path, mine: set[str], written: Iterable[Path]) -> tuple[Path, bytes]:
    """The record to write with the outputs: every name guidegen made that is still in `out`."""
    names = {name for name in mine if (out / name).exists()} | {path.name for path in written}
    return out / OWNED, json.dumps(sorted(names), indent=0).encode()


def refuse_input_folder(out: Path, project: Path) -> None:
    """NotOurs when the output folder is one the build reads from, or inside one: the project's
    own folder (one with a content/ folder), its content/, templates/ or styles/. Every output would
    sit among the inputs, and a watch would rebuild on its own writes. (A loose guide's folder may
    hold its outputs: nothing else there is read, and no file of the user's is replaced.)"""
    where = _real(out)
    folders = {_real(project / "content"): "the project's content/",
               _real(project / "templates"): "the project's templates/",
               _real(project / "styles"): "the project's styles/"}
    found = next((what for folder, what in folders.items() if where.is_relative_to(folder)), None)
    if where == _real(project) and (project / "content").is_dir():
        found = "the project's folder"
    if found is not None:
        inside = "in " if where not in folders and where != _real(project) else ""
        raise NotOurs([f"--out {out} is {inside}{found}, which holds what the build reads: choose a folder "
                       "of its own (by default the project's output/)"])


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))
