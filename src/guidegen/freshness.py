"""Is an output up to date? Outputs are keyed by a hash of everything that made them.

The key of one (guide, edition) covers: guidegen's version, the edition, the command-line options,
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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__

MANIFEST = ".guidegen-manifest.json"


def guide_files(project: Path) -> list[Path]:
    """The guides a project holds: every .yaml/.yml file in its content/ directory, sorted."""
    content = project / "content"
    if not content.is_dir():
        return []
    return sorted(p for p in content.iterdir()
                  if p.suffix in {".yaml", ".yml"} and not p.name.startswith("."))


@dataclass
class Freshness:
    """Computes keys (hashing each file once per run) and reads and writes the output manifest."""

    project: Path
    out: Path
    options: str
    _hashes: dict[Path, str] = field(default_factory=dict)
    _entries: dict[str, dict] | None = None

    def _file_hash(self, path: Path) -> str:
        if path not in self._hashes:
            try:
                self._hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._hashes[path] = "absent"
        return self._hashes[path]

    def _tree(self, directory: Path) -> Iterable[Path]:
        if directory.is_dir():
            yield from sorted(p for p in directory.rglob("*") if p.is_file())

    def key(self, guide: Path, edition: str, extras: Iterable[str] = ()) -> str:
        templates = self.project / "templates"
        inputs = [
            guide,
            self.project / "brand.yaml",
            *self._tree(templates / "_partials"),
            *self._tree(templates / edition),
            *self._tree(self.project / "styles"),
            *(self.project / extra for extra in extras),
        ]
        digest = hashlib.sha256()
        for part in (__version__, edition, self.options, os.environ.get("SOURCE_DATE_EPOCH", "")):
            digest.update(f"{part}\0".encode())
        for path in inputs:
            digest.update(f"{path.resolve()}\0{self._file_hash(path)}\0".encode())
        return digest.hexdigest()

    @property
    def entries(self) -> dict[str, dict]:
        if self._entries is None:
            try:
                self._entries = json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._entries = {}
        return self._entries

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

    def manifest_bytes(self) -> bytes:
        return json.dumps(self.entries, indent=1, sort_keys=True).encode()
