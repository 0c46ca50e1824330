"""`guidegen import FILE`: read a document, write the guide it holds, say what needs a person.

The guide is written beside the project's other guides (content/<id>.yaml, or where `--output`
says), with the editor's schema line and the schema file beside it, and then loaded as any guide
is, so what the source lacks is reported at its file:line:col. A field the source does not give is
filled with a placeholder and marked with a comment; text the importer could not place is listed as
`SOURCE:line: message` and kept, as comments, at the end of the guide: nothing is dropped.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.reading import UnreadableFile, read_bounded
from ..base.writing import write_atomic
from ..load.guides import MAX_FILE_BYTES, load_guides
from ..load.yamltree import parse
from ..model.guide import is_slug
from ..model.problems import GuideError, Problem, display_name
from ..model.schema import MODELINE, write_schema
from .importer import Imported, import_text, is_markdown
from .scaffold import unusable_id
from .yamlwrite import Comment, Document, dump


class ImportFailed(Exception):
    """A document that cannot be imported at all (unreadable, or no guide could be written)."""


@dataclass
class ImportReport:
    target: Path
    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)  # SOURCE:line: message, and TARGET:line: field notes
    problems: list[Problem] = field(default_factory=list)


def read_document(path: Path) -> str:
    """A document's text: UTF-8 (with or without a byte-order mark), UTF-16 with one (Windows
    Notepad's "Unicode"), or else Windows-1252, the usual encoding of older Windows text files."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES, "document")  # a pipe or /dev/zero is refused, not read
    except UnreadableFile as error:
        raise ImportFailed(f"{display_name(path)}: cannot read: {error}") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def import_file(source: Path, *, project: Path, output: Path | None, guide_id: str | None) -> ImportReport:
    """Import one document into the project; refuse to overwrite an existing guide."""
    text = read_document(source)
    if not text.strip():
        raise ImportFailed(f"{display_name(source)}: the document is empty")
    imported = import_text(text, markdown=is_markdown(source, text), guide_id=guide_id)
    if not is_slug(imported.data["guide"]["id"]):  # it names the file: never a path out of content/
        raise ImportFailed(unusable_id(imported.data["guide"]["id"]))
    target = output or project / "content" / f"{imported.data['guide']['id']}.yaml"
    if target.exists():
        raise ImportFailed(f"{display_name(target)} already exists: name another file with --output, "
                           "or another id with --id")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_schema(target.parent)
    written = dump(_document(imported, source))
    write_atomic(target, written.encode("utf-8"))
    report = ImportReport(target, _counts(imported.data))
    report.notes += [f"{display_name(source)}:{item.line}: {item.message}" for item in imported.unplaced]
    tree = parse(written)
    for path, why in imported.filled.items():
        line, column = tree.where(path)
        shown = ".".join(str(part) for part in path)
        report.notes.append(f"{display_name(target)}:{line}:{column}: {shown}: {why}: "
                            "a placeholder to replace")
    try:
        load_guides([target], project=project)
    except GuideError as error:
        report.problems = list(error.problems)
    return report


def _document(imported: Imported, source: Path) -> Document:
    data: dict[str, Any] = imported.data
    for path, why in imported.filled.items():
        holder: Any = data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = Comment(holder[path[-1]], f"{why}: replace")
    head = [MODELINE.removeprefix("# "),
            f"Imported by guidegen from {source.name}.",
            "Read every field and replace those marked; then run `guidegen check`, which also lists",
            "what to add (topics, URLs)."]
    tail: list[str] = []
    if imported.unplaced:
        tail = [f"Not placed by guidegen import (from {source.name}); move what belongs in the guide:"]
        tail += [f"  line {item.line}: {item.message}" for item in imported.unplaced]
    return Document(data, head, tail)


def _counts(data: dict[str, Any]) -> dict[str, int]:
    return {
        "stages": len(data["stages"]),
        "technical questions": len(data["technical"]["questions"]),
        "behavioural questions": len(data["behavioural"]["questions"]),
        "red flags": len(data["red_flags"]),
        "resources": len(data.get("resources", [])),
    }
