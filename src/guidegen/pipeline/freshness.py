"""Is an output up to date? Outputs are keyed by a hash of everything that made them.

The key of one (guide, edition) covers: guidegen's version and sources, the edition and the options
it reads, SOURCE_DATE_EPOCH, the guide file, the project's brand.yaml (or its absence), the theme
files the edition uses in the project and in the packaged theme (templates/_partials/,
templates/<edition>/, styles/ with its fonts), and any further file the build reported using (the
brand logo). The manifest in the output directory keeps each key with the hashes of the files
written, so an output deleted or edited by hand is rebuilt too. The catalogue page of a build of
several guides (pipeline/catalogue.py) has an entry of its own, keyed alike over all of them.

This module and what it imports stay light: a build with nothing to do never imports pydantic or
WeasyPrint, and finishes in the time it takes to hash the inputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..base.reading import UnreadableFile, read_bounded
from ..base.writing import write_atomic
from ..editions import Edition, Options
from ..render.project import Project

MANIFEST = ".guidegen-manifest.json"
FILE_STATS = ".guidegen-stats.json"  # beside the manifest: size, mtime and hash of every input hashed
_SETTLED_NS = 2_000_000_000  # a file unchanged this long when hashed is trusted by size and mtime
_PACKAGE = Path(__file__).resolve().parent.parent  # guidegen's own sources: a change to them rebuilds
MAX_INPUT_BYTES = 100_000_000  # any one input or record hashed: fonts are the biggest, a few MB


class Freshness:
    """Computes keys (hashing each file once per run) and reads and writes the output manifest."""

    def __init__(self, project: Project, out: Path, options: Options) -> None:
        self.project = project
        self.out = out
        self.options = options
        self._hashes: dict[Path, str] = {}
        self._entries: dict[str, Any] | None = None
        self._recorded: dict[str, Any] = {}  # this build's new entries
        self._known: dict[str, Any] | None = None
        self._seen: dict[str, list[int | str]] = {}  # path: size, mtime, hash, when hashed
        self._trees: dict[tuple[str, str], list[Path]] = {}

    def _tree(self, part: str, under: str = "") -> list[Path]:
        """The files under a theme folder in every layer, listed once per run."""
        if (part, under) not in self._trees:
            self._trees[part, under] = list(self.project.theme_files(part, under))
        return self._trees[part, under]

    def _file_hash(self, path: Path) -> str:
        if path not in self._hashes:
            self._hashes[path] = self._hash_now(path)
        return self._hashes[path]

    def _hash_now(self, path: Path) -> str:
        """A file's SHA-256, or the one recorded for it when its size and mtime are unchanged (as
        git's index does: reading 5 MB of fonts is most of a no-op build). A record counts only if
        the file had not changed for a while when it was hashed: a file changed again within the
        same clock tick keeps its size and mtime."""
        try:
            stat = path.stat()
        except OSError:
            return "absent"
        size, mtime = stat.st_size, stat.st_mtime_ns
        known = self.known_files.get(str(path))
        if (isinstance(known, list) and len(known) == 4 and known[:2] == [size, mtime]
                and isinstance(known[3], int) and known[3] - mtime > _SETTLED_NS):
            self._seen[str(path)] = known
            return str(known[2])
        try:
            digest = hashlib.sha256(read_bounded(path, MAX_INPUT_BYTES)).hexdigest()
        except UnreadableFile as error:  # a pipe or device is never read; the build says why
            return f"unreadable: {error}"
        self._seen[str(path)] = [size, mtime, digest, time.time_ns()]
        return digest

    def key(self, guide: Path, edition: Edition, extras: Iterable[str] = ()) -> str:
        return self.key_of((edition.name, repr(edition.options(self.options))), [guide], edition.name, extras)

    def key_of(self, parts: Iterable[str], guides: Iterable[Path], folder: str,
               extras: Iterable[str] = ()) -> str:
        """The key of an output made from these guides with the theme's templates/`folder`/: the
        words that name what it is (`parts`), then the hash of every file it may have read."""
        digest = hashlib.sha256()
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        for part in (__version__, epoch, *parts):
            digest.update(f"{part}\0".encode())
        root = self.project.root.resolve()
        inputs = [
            *_sources(),
            *(_real(guide) for guide in guides),
            root / "brand.yaml",
            *self._tree("templates", "_partials"),
            *self._tree("templates", folder),
            *self._tree("styles"),
            *(root / extra for extra in extras),
        ]
        for path in inputs:
            digest.update(f"{path}\0{self._file_hash(path)}\0".encode())
        return digest.hexdigest()

    @property
    def entries(self) -> dict[str, Any]:
        """The manifest: per guide and edition, its key, extra inputs and outputs' hashes."""
        if self._entries is None:
            self._entries = read_json(self.out / MANIFEST)
        return self._entries

    @property
    def known_files(self) -> dict[str, Any]:
        """What the last build recorded of each file it hashed (kept apart from the manifest,
        which stays the same bytes for the same inputs)."""
        if self._known is None:
            self._known = read_json(self.out / FILE_STATS)
        return self._known

    @staticmethod
    def _name(guide: Path, edition: Edition) -> str:
        return f"{_real(guide)}::{edition.name}"

    def is_fresh(self, guide: Path, edition: Edition) -> bool:
        return self.is_current(self._name(guide, edition), lambda extras: self.key(guide, edition, extras))

    def record(self, guide: Path, edition: Edition, extras: list[str], outputs: dict[str, bytes]) -> None:
        self.record_entry(self._name(guide, edition), self.key(guide, edition, extras), extras, outputs)

    def present(self, guide: Path, edition: Edition) -> list[str]:
        """The files the manifest says a build made of this guide in this edition, when every one of
        them is still in the output folder (up to date or not); else none."""
        entry = self.entries.get(self._name(guide, edition))
        files = list(entry.get("outputs", {})) if isinstance(entry, dict) else []
        return files if all((self.out / file).is_file() for file in files) else []

    def is_current(self, name: str, key: Callable[[list[str]], str]) -> bool:
        """Whether the manifest's entry `name` has the key its inputs give now (`key` of the extra
        inputs it recorded) and its outputs are as it wrote them."""
        entry = self.entries.get(name)
        if not isinstance(entry, dict) or not entry.get("outputs"):
            return False
        if entry.get("key") != key(entry.get("extras", [])):
            return False
        return all(self._file_hash(self.out / file) == digest
                   for file, digest in entry["outputs"].items())

    def record_entry(self, name: str, key: str, extras: list[str], outputs: dict[str, bytes]) -> None:
        self.entries[name] = self._recorded[name] = {
            "key": key,
            "extras": extras,
            "outputs": {file: hashlib.sha256(data).hexdigest() for file, data in outputs.items()},
        }
        for file in outputs:  # the new files replace whatever was hashed before
            self._hashes.pop(self.out / file, None)
            self._seen.pop(str(self.out / file), None)

    def manifest_bytes(self) -> bytes:
        """The manifest with this build's entries: over the manifest as it is now, not as this
        build first read it, since another build into the same folder may have written it since
        (call it under the output lock)."""
        entries = {**read_json(self.out / MANIFEST), **self._recorded}
        return json.dumps(entries, indent=1, sort_keys=True).encode()

    def save_file_stats(self) -> None:
        """Keep what this build learnt of its input files for the next one."""
        with contextlib.suppress(OSError):  # only a cache: the next no-op build hashes the files again
            write_atomic(self.out / FILE_STATS, json.dumps(self._seen, sort_keys=True).encode())


def _real(path: Path) -> Path:
    """The file a path names, links followed; a link that loops is named as it is (reading it
    then fails with a message), where Path.resolve() would raise."""
    return Path(os.path.realpath(path))


@cache
def _sources() -> list[Path]:
    return sorted(_PACKAGE.rglob("*.py"))


def read_json(path: Path) -> dict[str, Any]:
    """A record of an earlier build, or nothing: any damage is only a reason to build again."""
    try:
        found = json.loads(read_bounded(path, MAX_INPUT_BYTES))
    except (UnreadableFile, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
