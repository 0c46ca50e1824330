"""Reading a real Anki package in tests: imported into a fresh collection by the real Anki library
(the `anki` package from PyPI, as the desktop app, AnkiDroid and AnkiMobile run it), with the options
Anki's import dialog starts with, and its notes and cards read back as a learner's Anki shows them.
Shared by the Anki edition, branding and security tests."""

from __future__ import annotations

import html
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportResponse
from anki.notes import Note


@contextmanager
def collection(folder: Path) -> Iterator[Collection]:
    """A new, empty collection (a learner's profile), closed afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Collection, package: Path) -> ImportResponse.Log:
    """Import as File > Import does with the options it offers first: notes and note types updated
    only when the incoming ones are newer, no scheduling, no merging of note types."""
    request = ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def notes(col: Collection) -> list[Note]:
    return [col.get_note(nid) for nid in col.find_notes("")]


def by_number(col: Collection) -> dict[str, Note]:
    """Every note by its Number field (Q1, B1, R1): each number once."""
    found = notes(col)
    numbers = {note["Number"]: note for note in found}
    assert len(numbers) == len(found), "two notes share a number"
    return numbers


#: Tags of elements that sit in a line of text: a reader sees no gap where they open or close.
_INLINE = re.compile(r"</?(?:a|abbr|b|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|u)\b[^>]*>")


def text(markup: str) -> str:
    """What a reader sees of some HTML: no style, no tags (a block's edge as a space, an inline
    element's as nothing), entities decoded, whitespace as one space."""
    markup = re.sub(r"<style>.*?</style>", " ", markup, flags=re.S)
    markup = re.sub(r"<[^>]+>", " ", _INLINE.sub("", markup))
    return " ".join(html.unescape(markup).split())


def package_database(package: Path, folder: Path) -> sqlite3.Connection:
    """The package's own SQLite collection, read directly (for what the import does not keep)."""
    path = folder / "package.anki2"
    with zipfile.ZipFile(package) as archive:
        path.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(path)
