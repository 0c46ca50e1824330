"""Laid-out parts kept between builds, so that a small change lays out again only what it touched.

Editions that lay out in parts (the print booklet's chunks of sheets, the flashcards' sheets) key
each part by a hash of the HTML it lays out and of everything else that shapes its pages (`salt`:
styles and fonts, templates, guidegen's sources and version, WeasyPrint's version,
SOURCE_DATE_EPOCH; the versions of the libraries that lay out and write it, Pango and HarfBuzz
included; plus any file the edition names, such as the brand's logo). An entry is the
part's PDF and a JSON file of what the edition needs besides (its pages' marks): data only, never
unpickled, and checked against the PDF's hash when read, so a damaged entry is only a miss.

Entries live in `<out>/.guidegen-cache/<output name>/`. Each build keeps exactly the entries its
outputs used (`keep_only`), so the cache holds one build's parts, not every version ever made.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from . import processes
from .freshness import CACHE_DIR

__all__ = ["CACHE_DIR", "PartCache", "cached_parts"]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class PartCache:
    directory: Path
    salt: str

    def key(self, text: str, files: Iterable[Path] = ()) -> str:
        digest = hashlib.sha256(f"{self.salt}\0{_libraries()}\0".encode())
        for path in files:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, name: str, key: str) -> tuple[bytes, Any] | None:
        """The PDF and JSON data stored under `key` for the output `name`, or None."""
        folder = self.directory / name
        try:
            entry = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
            pdf = (folder / f"{key}.pdf").read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("sha256") != hashlib.sha256(pdf).hexdigest():
            return None
        return pdf, entry.get("data")

    def put(self, name: str, key: str, pdf: bytes, data: Any) -> None:
        """Store an entry; the JSON file, written last, is what makes it whole."""
        folder = self.directory / name
        folder.mkdir(parents=True, exist_ok=True)
        entry = {"sha256": hashlib.sha256(pdf).hexdigest(), "data": data}
        _write(folder / f"{key}.pdf", pdf)
        _write(folder / f"{key}.json", json.dumps(entry, separators=(",", ":")).encode())

    def keep_only(self, name: str, keys: Iterable[str]) -> None:
        """Remove the output's entries that its latest build did not use."""
        keep = {f"{key}{suffix}" for key in keys for suffix in (".pdf", ".json")}
        folder = self.directory / name
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name not in keep:
                    with contextlib.suppress(OSError):
                        path.unlink()


@cache
def _libraries() -> str:
    """The versions of everything that lays out and writes a part: WeasyPrint and the Python
    packages it writes with, and the Pango and HarfBuzz it shapes and breaks lines with (a system
    upgrade can move a line break, so parts laid out before it are not reused after it)."""
    from importlib.metadata import version

    from weasyprint.text.ffi import pango

    packages = [f"{name} {version(name)}" for name in
                ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5")]
    return ", ".join([*packages, f"pango {pango.pango_version()}", f"harfbuzz {_harfbuzz()}"])


def _harfbuzz() -> str:
    """HarfBuzz's version (WeasyPrint declares no way to ask it): from the library itself."""
    for name in ("libharfbuzz.so.0", ctypes.util.find_library("harfbuzz")):
        try:
            library = ctypes.CDLL(name)
            library.hb_version_string.restype = ctypes.c_char_p
            return library.hb_version_string().decode()
        except (OSError, AttributeError, TypeError):
            continue
    return "unknown"


def _write(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def cached_parts(cache: PartCache | None, name: str, tasks: Sequence[T], *,
                 key: Callable[[T], str], lay_out: Callable[[T], R],
                 encode: Callable[[R], tuple[bytes, Any]], decode: Callable[[bytes, Any], R],
                 also_keep: Iterable[str] = (), meanwhile: Callable[[], object] | None = None,
                 ) -> list[R]:
    """Every task's part, in order: read from the cache when it holds the part's key, else laid
    out (across the build's processes) and stored. The output `name` keeps exactly these entries
    (and `also_keep`). Keys are taken before anything is laid out: laying out may change the tasks.
    """
    if cache is None:
        return processes.in_parts(lay_out, tasks, meanwhile)
    keys = [key(task) for task in tasks]
    found = [cache.get(name, k) for k in keys]
    missing = [i for i, entry in enumerate(found) if entry is None]
    made = dict(zip(missing, processes.in_parts(lay_out, [tasks[i] for i in missing], meanwhile),
                    strict=True))
    parts = []
    for i, entry in enumerate(found):
        if entry is None:
            cache.put(name, keys[i], *encode(made[i]))
            parts.append(made[i])
        else:
            parts.append(decode(*entry))
    cache.keep_only(name, [*also_keep, *keys])
    return parts
