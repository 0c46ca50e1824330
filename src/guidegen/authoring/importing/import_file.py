"""`guidegen import FILE`: read a document, write the guide it holds, say what needs a person.

The guide is written beside the project's other guides (content/<id>.yaml, or where `--output`
says), with the editor's schema line and the schema file beside it, and then loaded as any guide
is, so a problem is reported at its file:line:col. What the source does not say is a `TODO: …`
placeholder, marked with a comment and listed at its line. Text the importer could not place is
listed as `SOURCE:line: message` and kept whole, as comments, at the end of the guide: nothing is
dropped. A summary line says what was found.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...base.writing import staged
from ...load.guides import MAX_FILE_BYTES, load_guides
from ...load.yamltree import parse
from ...model.guide import is_slug
from ...model.problems import GuideError, Problem, display_name, format_path
from ...model.schema import MODELINE, write_schema
from ..scaffold import unusable_id
from ..yamlwrite import Comment, Document, dump
from .htmltext import page_markdown
from .importer import Imported, import_text
from .inline import escape
from .parts import Unplaced
from .source import ImportFailed, is_html, is_markdown, read_document

__all__ = ["ImportFailed", "ImportReport", "import_file"]
_EXCERPT = 60


@dataclass
class ImportReport:
    target: Path
    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)  # SOURCE:line: message, and TARGET:line: field notes

    @property
    def summary(self) -> str:
        """`wrote content/x.yaml: 166 questions (152 with answers, 14 without), 19 groups, …`"""
        counts = self.counts
        answered = counts["with answers"]
        parts = [f"{_many(counts['questions'], 'question')} ({answered} with answers, "
                 f"{counts['questions'] - answered} without)", _many(counts["groups"], "group")]
        parts += [_many(counts[what], what.rstrip("s")) for what in ("stages", "red flags", "resources")
                  if counts.get(what)]
        parts.append(_many(counts["unplaced"], "unplaced block"))
        return f"wrote {display_name(self.target)}: " + ", ".join(parts)


def _many(count: int, what: str) -> str:
    plural = what if count == 1 else ("red flags" if what == "red flag" else f"{what}s")
    return f"{count} {plural}"


def import_file(source: Path, *, project: Path, output: Path | None, guide_id: str | None) -> ImportReport:
    """Import one document into the project; refuse to overwrite an existing guide.

    Nothing is written unless the guide is one guidegen's own loader accepts: it is checked in a
    hidden file beside its place first, and renamed into place only then.
    """
    text = read_document(source)
    if not text.strip():
        raise ImportFailed(f"{display_name(source)}: the document is empty")
    lines: list[int] | None = None  # a web page's line of each line read, where it was converted
    if is_html(source, text):
        text, lines = page_markdown(text)
    imported = import_text(text, markdown=lines is not None or is_markdown(source, text), guide_id=guide_id,
                           name=source.stem)
    if lines:  # what could not be placed is told at the page's own line
        for item in imported.unplaced:
            item.line = lines[min(item.line, len(lines)) - 1]
    if not imported.counts["questions"]:
        raise ImportFailed(f"{display_name(source)}: found no question in it (a question is a heading, a "
                           "bold line, a list item or a paragraph that asks one, or that starts \"Q:\"); "
                           "nothing written")
    if not is_slug(imported.data["guide"]["id"]):  # it names the file: never a path out of content/
        raise ImportFailed(unusable_id(imported.data["guide"]["id"]))
    target = output or project / "content" / f"{imported.data['guide']['id']}.yaml"
    if target.exists():
        raise ImportFailed(f"{display_name(target)} already exists: name another file with --output, "
                           "or another id with --id")
    written = _fitting(dump(_document(imported, source)), source)
    trial = staged(target, written.encode("utf-8"))
    try:
        problems = _problems(trial, project)
        if _escape_answers(imported.data, problems):  # what the rewriting missed, written as text
            written = _fitting(dump(_document(imported, source, placeholders=False)), source)
            trial.write_bytes(written.encode("utf-8"))
            problems = _problems(trial, project)
        if problems:
            raise ImportFailed("\n".join([
                f"{display_name(source)}: the guide made from it would not load, so nothing was written "
                "(a fault in guidegen import: please report it, with the document):",
                *(str(problem).replace(display_name(trial), display_name(target)) for problem in problems)]))
        write_schema(target.parent)
        if target.exists():  # made meanwhile: never replaced
            raise ImportFailed(f"{display_name(target)} already exists: name another file with --output")
        os.replace(trial, target)
    finally:
        with contextlib.suppress(OSError):
            trial.unlink()
    report = ImportReport(target, imported.counts)
    report.notes += [f"{display_name(source)}:{item.line}: {_listed(item)}" for item in imported.unplaced]
    tree = parse(written)
    for path, why in imported.filled.items():
        line, column = tree.where(path)
        report.notes.append(f"{display_name(target)}:{line}:{column}: {format_path(path)}: {why}: "
                            "a placeholder to replace")
    return report


def _fitting(written: str, source: Path) -> str:
    """The guide's text, if the loader will read a file this long (a guide may be at most
    MAX_FILE_BYTES); else ImportFailed, before anything is written."""
    size = len(written.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise ImportFailed(f"{display_name(source)}: the guide made from it would be {size / 1e6:.1f} MB, "
                           f"more than the {MAX_FILE_BYTES / 1e6:g} MB a guide may be; split the document "
                           "into parts and import each (nothing written)")
    return written


def _problems(target: Path, project: Path) -> list[Problem]:
    """The written guide, loaded as any guide is: what is wrong with it (nothing, as a rule)."""
    try:
        load_guides([target], project=project)
    except GuideError as error:
        return list(error.problems)
    return []


def _listed(item: Unplaced) -> str:
    """An unplaced block as listed: why, and where it starts ("a table of contents: '## Table…'")."""
    first = next((line.strip() for line in item.lines if line.strip()), "")
    excerpt = first if len(first) <= _EXCERPT else first[:_EXCERPT - 1].rstrip() + "…"
    size = f", {len(item.lines)} lines" if len(item.lines) > 1 else ""
    return f"{item.message} ('{excerpt}'{size}), kept as a comment at the end of the guide"


_PATH = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def _escape_answers(data: dict[str, Any], problems: list[Problem]) -> bool:
    """Answers the loader refuses as Markdown (a construct the rewriting did not see), written as
    escaped text instead, so they print as written; whether there were any."""
    found = False
    for problem in problems:
        path: list[str | int] = [int(number) if number else name
                                 for name, number in _PATH.findall(problem.path)]
        if not path or path[-1] != "answer":
            continue
        holder: Any = data
        try:
            for part in path[:-1]:
                holder = holder[part]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(holder.get("answer"), str) and not holder["answer"].startswith("TODO"):
            holder["answer"] = escape(holder["answer"])
            found = True
    return found


def _document(imported: Imported, source: Path, *, placeholders: bool = True) -> Document:
    data: dict[str, Any] = imported.data
    for path, why in imported.filled.items() if placeholders else ():
        holder: Any = data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = Comment(holder[path[-1]], f"{why}: replace")
    head = [MODELINE.removeprefix("# "),
            f"Imported by guidegen from {source.name}.",
            "Read every field and replace each TODO; then run `guidegen check`, which also lists",
            "what to add (topics, URLs)."]
    tail: list[str] = []
    if imported.unplaced:
        tail = [f"Not placed by guidegen import (from {source.name}), each kept whole: move what belongs",
                "in the guide, then delete these lines."]
        for item in imported.unplaced:
            tail += ["", f"line {item.line}: {_listed(item)}"]
            tail += [f"  | {line}".rstrip() for line in item.lines]
    return Document(data, head, tail)
