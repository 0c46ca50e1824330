"""Is an output up to date? Outputs are keyed by a hash of everything that made them.

The key of one (guide, edition) covers: guidegen's version and sources, the edition, the options,
SOURCE_DATE_EPOCH, the guide file, the project's brand.yaml (or its absence), every file under
templates/_partials/ and templates/<edition>/, every file under styles/ (fonts included), and any
further file the build reported using (the brand logo). The manifest in the output directory keeps
each key with the hashes of the files written, so an output deleted or edited by hand is rebuilt too.

This module uses only the standard library: a build with nothing to do never imports pydantic or
WeasyPrint, and finishes in the time it takes to hash the inputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path

from . import __version__

MANIFEST = ".guidegen-manifest.json"
CACHE_DIR = ".guidegen-cache"  # beside the outputs: what builds keep for the next one
FILE_STATS = "files.json"  # in CACHE_DIR: size, mtime and hash of every input hashed
_SETTLED_NS = 2_000_000_000  # a file unchanged this long when hashed is trusted by size and mtime
_PACKAGE = Path(__file__).resolve().parent  # guidegen's own sources: a change to them rebuilds


def guide_files(project: Path) -> list[Path]:
    """The guides a project holds: every .yaml/.yml file in its content/ directory, sorted."""
    content = project / "content"
    if not content.is_dir():
        return []
    return sorted(p for p in content.iterdir()
                  if p.suffix in {".yaml", ".yml"} and not p.name.startswith("."))


class Freshness:
    """Computes keys (hashing each file once per run) and reads and writes the output manifest."""

    def __init__(self, project: Path, out: Path, options: str) -> None:
        self.project = project.resolve()  # keys name files by absolute path
        self.out = out
        self.options = options
        self._hashes: dict[Path, str] = {}
        self._trees: dict[Path, list[Path]] = {}
        self._entries: dict[str, dict] | None = None
        self._known: dict[str, list] | None = None
        self._seen: dict[str, list[int | str]] = {}  # path: size, mtime, hash, when hashed

    def _file_hash(self, path: Path) -> str:
        if path not in self._hashes:
            self._hashes[path] = self._hash_now(path)
        return self._hashes[path]

    def _hash_now(self, path: Path) -> str:
        """A file's SHA-256, or the one the manifest recorded for it when its size and mtime are
        unchanged (as git's index does: reading 5 MB of fonts is most of a no-op build). A record
        counts only if the file had not changed for a while when it was hashed: a file changed
        again within the same clock tick keeps its size and mtime."""
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
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return "absent"
        self._seen[str(path)] = [size, mtime, digest, time.time_ns()]
        return digest

    def _tree(self, directory: Path, suffix: str = "") -> list[Path]:
        """The files under a directory (those ending in `suffix`), listed once per run."""
        if directory not in self._trees:
            found = directory.rglob(f"*{suffix}") if directory.is_dir() else ()
            self._trees[directory] = sorted(p for p in found if p.is_file())
        return self._trees[directory]

    def _digest(self, parts: Iterable[str], inputs: Iterable[Path]) -> str:
        digest = hashlib.sha256()
        for part in (__version__, os.environ.get("SOURCE_DATE_EPOCH", ""), *parts):
            digest.update(f"{part}\0".encode())
        for path in [*self._tree(_PACKAGE, ".py"), *inputs]:
            digest.update(f"{path}\0{self._file_hash(path)}\0".encode())
        return digest.hexdigest()

    def key(self, guide: Path, edition: str, extras: Iterable[str] = ()) -> str:
        templates = self.project / "templates"
        return self._digest((edition, self.options), [
            guide.resolve(),
            self.project / "brand.yaml",
            *self._tree(templates / "_partials"),
            *self._tree(templates / edition),
            *self._tree(self.project / "styles"),
            *(self.project / extra for extra in extras),
        ])

    def environment(self) -> str:
        """A hash of what shapes laid-out pages besides their own HTML: every template, style and
        font, guidegen's sources and version, SOURCE_DATE_EPOCH (the part cache's salt)."""
        return self._digest((), [*self._tree(self.project / "templates"),
                                 *self._tree(self.project / "styles")])

    @property
    def entries(self) -> dict[str, dict]:
        """The manifest: per guide and edition, its key, extra inputs and outputs' hashes."""
        if self._entries is None:
            self._entries = _read_json(self.out / MANIFEST)
        return self._entries

    @property
    def known_files(self) -> dict[str, list]:
        """What the last build recorded of each file it hashed (kept apart from the manifest,
        which stays the same bytes for the same inputs)."""
        if self._known is None:
            self._known = _read_json(self.out / CACHE_DIR / FILE_STATS)
        return self._known

    @staticmethod
    def _name(guide: Path, edition: str) -> str:
        return f"{guide.resolve()}::{edition}"

    def is_fresh(self, guide: Path, edition: str) -> bool:
        entry = self.entries.get(self._name(guide, edition))
        if not isinstance(entry, dict) or not entry.get("outputs"):
            return False
        if entry.get("key") != self.key(guide, edition, entry.get("extras", [])):
            return False
        return all(self._file_hash(self.out / name) == digest
                   for name, digest in entry["outputs"].items())

    def record(self, guide: Path, edition: str, extras: list[str], outputs: dict[str, bytes]) -> None:
        self.entries[self._name(guide, edition)] = {
            "key": self.key(guide, edition, extras),
            "extras": extras,
            "outputs": {name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()},
        }
        for name in outputs:  # the new files replace whatever was hashed before
            self._hashes.pop(self.out / name, None)
            self._seen.pop(str(self.out / name), None)

    def manifest_bytes(self) -> bytes:
        return json.dumps(self.entries, indent=1, sort_keys=True).encode()

    def save_file_stats(self) -> None:
        """Keep what this build learnt of its input files for the next one (atomically)."""
        path = self.out / CACHE_DIR / FILE_STATS
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_name(f".{path.name}.{os.getpid()}")
            temp.write_text(json.dumps(self._seen, sort_keys=True), encoding="utf-8")
            os.replace(temp, path)
        except OSError:
            pass  # only a cache: the next no-op build hashes the files again


def _read_json(path: Path) -> dict:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
