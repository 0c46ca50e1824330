"""What a reader of any edition's output sees, as text, whatever the edition: so that a test over
the whole edition table (an edition from another package included) can read every output alike."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import lxml.html
from lxml import etree

from .pdf import page_texts


def reader_text(path: Path) -> str:
    """All the text of an output as its reader shows it: a PDF's pages, an e-book's documents, a
    web page, an Anki deck's notes as real Anki imports them; any other file as UTF-8 text."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "\n".join(page_texts(path))
    if suffix == ".epub":
        with zipfile.ZipFile(path) as book:
            return "\n".join(" ".join(etree.fromstring(book.read(name)).itertext())
                             for name in book.namelist() if name.endswith(".xhtml"))
    if suffix in {".html", ".htm"}:
        return " ".join(lxml.html.fromstring(path.read_bytes()).itertext())
    if suffix == ".apkg":
        from .anki import collection, import_package, notes, text

        with tempfile.TemporaryDirectory() as folder, collection(Path(folder)) as col:
            import_package(col, path)
            return "\n".join(text(field) for note in notes(col) for field in note.fields)
    return path.read_text(encoding="utf-8")
