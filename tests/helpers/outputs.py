"""What a reader of any edition's output sees, as text, whatever the edition: so that a test over
the whole edition table (an edition from another package included) can read every output alike."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import lxml.html
from lxml import etree
from pypdf import PdfReader


def reader_text(path: Path) -> str:
    """All the text of an output as its reader shows it: a PDF's pages, an e-book's documents, a
    web page, an Anki deck's decks, notes and tags as real Anki imports them; any other file as
    UTF-8 text."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":  # in the order it is drawn: a sheet of cards side by side reads card by card
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
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
            decks = sorted({col.decks.name(card.did) for note in notes(col) for card in note.cards()})
            return "\n".join([*decks, *(text(field) for note in notes(col) for field in note.fields),
                              *(tag for note in notes(col) for tag in note.tags)])
    return path.read_text(encoding="utf-8")
