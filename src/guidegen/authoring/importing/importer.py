"""`guidegen import`: a question-and-answer document, as people already write them, as guide data.

The document is read as blocks (blocks.py), outlined into its title block, sections, topics
and questions with their answers (outline.py, questions.py), and written as the guide's
fields here: technical questions with Markdown answers, behavioural questions with what their
answers show (plain text), grouped under their topics when the document has topics, and the sections
a guide may have besides (sections.py, head.py).

What the document does not say is never made up: a field only a person can fill (the author, the
role, a missing answer) is a `TODO: …` placeholder, which guidegen reads as left out and `check`
reports. What could not be placed is listed with its line and kept whole (import_file writes it at
the end of the guide, as comments).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...model.ids import flag_slug, guide_slug, question_slug, unique
from ...model.spelling import spellings
from .blocks import Block, markdown_blocks, text_blocks
from .head import read_head
from .inline import plain
from .language import guess_language
from .outline import read_outline
from .parts import Question, Unplaced
from .questions import behavioural, is_stub, read
from .render import answer, block_text, part_text, parts_text, split_sentences, text
from .sections import SectionReader

#: What only a person can say, written where the guide needs it.
TODO_AUTHOR = "TODO: who wrote the guide"
TODO_PUBLISHER = "TODO: who publishes it"
TODO_ROLE = "TODO: the job this guide prepares for"
TODO_ANSWER = "TODO: write the strong answer"
TODO_SHOWS = "TODO: what a strong answer shows"
TODO_WHY = "TODO: why it matters"
_JOBS = re.compile(r"\b(?:engineer|developer|scientist|analyst|manager|designer|architect|administrator|"
                   r"consultant|specialist|researcher|lead|officer|director|tester|programmer|"
                   r"technician|accountant|nurse|teacher|executive|associate|intern)s?$", re.IGNORECASE)


_SPELLING_SAMPLE = 50_000  # characters read for which English the document is in: plenty to tell


@dataclass
class Imported:
    """Guide data (plain dicts and lists, in the format's field order), the placeholders written
    into it (field -> why), what could not be placed, and what was found, for the summary."""

    data: dict[str, Any]
    filled: dict[tuple[str | int, ...], str] = field(default_factory=dict)
    unplaced: list[Unplaced] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def import_text(text_: str, *, markdown: bool, guide_id: str | None = None, name: str = "") -> Imported:
    """Guide data from a document's text; `name` (the file's) is the title of last resort."""
    return _Importer(text_, markdown=markdown, name=name).run(guide_id)


class _Importer:
    def __init__(self, source: str, *, markdown: bool, name: str) -> None:
        self.markdown = markdown
        self.name = name
        self.blocks = markdown_blocks(source) if markdown else text_blocks(source)
        self.outline = read_outline(self.blocks, markdown=markdown)
        self.result = Imported({})
        self.unplaced: list[Unplaced] = []  # found while the guide's fields are written

    def plain(self, source: str) -> str:
        return text(source, markdown=self.markdown)

    def fill(self, path: tuple[str | int, ...], value: str, why: str) -> str:
        self.result.filled[path] = why
        return value

    def run(self, guide_id: str | None) -> Imported:
        outline = self.outline
        head = read_head(outline.title, outline.head, markdown=self.markdown)
        reader = SectionReader(self.plain)
        stages: list[dict[str, Any]] = []
        flags: list[dict[str, Any]] = []
        resources: list[dict[str, Any]] = []
        closing: dict[str, str] | None = None
        for kind, _, blocks in outline.sections:
            if kind == "stages":
                stages += reader.stages(blocks)
            elif kind == "red_flags":
                flags += reader.red_flags(blocks)
            elif kind == "resources":
                more, found = reader.resources(blocks)
                resources += more
                closing = closing or found
        for heading, blocks in outline.closings:
            closing = closing or reader.closing(heading, blocks)
        flags = [_filled(flag) for flag in flags if _filled(flag).get("flag")]
        resources = [_filled(resource) for resource in resources if _filled(resource).get("title")]
        title = head.title or self.first_heading() or self.name or "Interview questions"
        if not head.title:
            self.fill(("guide", "title"), title, "no title in the source: the file's name")
        data: dict[str, Any] = {"guide": {}}
        if head.introduction:
            data["introduction"] = head.introduction
        if stages:
            data["stages"] = stages
        questions = self.questions(title)
        for kind in ("technical", "behavioural"):
            section = self.section(kind, questions[kind], title)
            if section:
                data[kind] = section
        if flags:
            for index, flag in enumerate(flags):
                if "why" not in flag:
                    flag["why"] = self.fill(("red_flags", index, "why"), TODO_WHY,
                                            "the source gives no reason")
            data["red_flags"] = [{"id": "", **flag} for flag in flags]
        if resources:
            data["resources"] = resources
        if closing:
            data["closing"] = closing
        data["guide"] = self.meta(head, title, guide_id, data)
        self.ids(data)
        self.result.data = data
        self.result.unplaced = sorted([*outline.unplaced, *head.unplaced, *reader.unplaced, *self.unplaced],
                                      key=lambda found: found.line)
        self.count(data)
        return self.result

    def first_heading(self) -> str | None:
        """The first heading, else the first line, before the first question (a question is no
        title): the title of a document without a title block."""
        first = min((question.line for question in self.outline.questions), default=0)
        for block in self.blocks:
            if block.line >= first:
                break
            if block.kind == "heading" or (block.kind == "paragraph" and block.text.strip()):
                line = block.text.split("\n")[0]
                found = self.plain(line)
                if found and len(found) <= 200 and read(line, numbers=True).role == "text":
                    return found
        return None

    # ---- questions

    def questions(self, title: str) -> dict[str, list[tuple[Question, dict[str, Any]]]]:
        """Every question as (where it stood, its fields), by kind."""
        found: dict[str, list[tuple[Question, dict[str, Any]]]] = {"technical": [], "behavioural": []}
        for question in self.outline.questions:
            more = parts_text(question.more, markdown=self.markdown, numbered=True)
            asked = " ".join(part for part in (question.text.strip(), more) if part)
            while not asked and question.answer:  # "Question 3:" over a code block: the block asks
                asked = part_text(question.answer[0], markdown=self.markdown, numbered=True)
                question.answer = question.answer[1:]
            if not asked:
                self.unplaced.append(Unplaced(question.line, "a question's label with no question",
                                              question.lines))
                continue
            kind = question.section or ("behavioural" if self.outline.kind == "behavioural"
                                        or behavioural(asked) else "technical")
            entry: dict[str, Any] = {"id": question_slug(asked), "question": asked}
            if kind == "technical":
                entry["answer"] = answer(question.answer, markdown=self.markdown)
            else:
                entry["shows"] = parts_text(question.answer, markdown=self.markdown)
            found[kind].append((question, entry))
        return found

    def section(self, kind: str, questions: list[tuple[Question, dict[str, Any]]],
                title: str) -> dict[str, Any]:
        """A question section: its instruction, and its questions, in groups when the document has
        topics (a question before the first topic goes in a group named for its section, or for the
        guide)."""
        section: dict[str, Any] = {}
        instruction = " ".join(block_text(block, markdown=self.markdown) if isinstance(block, Block)
                               else self.plain(block.text)
                               for block in self.outline.instructions.get(kind, [])).strip()
        if instruction:
            section["instruction"] = instruction
        if not questions:
            return section if instruction else {}
        grouped = any(question.topics for question, _ in questions)
        groups: list[dict[str, Any]] = []
        under: tuple[int, ...] | None = None  # the topic headings of the group being filled
        for question, entry in questions:
            heading = " — ".join(question.topics) or (question.section_title or title if grouped else "")
            if grouped and (not groups or under != question.under):
                groups.append({"title": heading, "questions": []})
                under = question.under
            where = ("groups", len(groups) - 1, "questions", len(groups[-1]["questions"])) if grouped else (
                "questions", len(section.setdefault("questions", [])))
            self.reveal(kind, entry, (kind, *where))
            (groups[-1]["questions"] if grouped else section["questions"]).append(entry)
        if grouped:
            section["groups"] = groups
        return section

    def reveal(self, kind: str, entry: dict[str, Any], path: tuple[str | int, ...]) -> None:
        """An answer (or what it shows) that the source leaves out, or only holds a place for
        ("Answer here"), is a placeholder saying so."""
        key, todo = ("answer", TODO_ANSWER) if kind == "technical" else ("shows", TODO_SHOWS)
        value = entry[key].strip()
        if not value:
            entry[key] = self.fill((*path, key), todo, "the source gives none")
        elif is_stub(plain(value)):
            entry[key] = self.fill((*path, key), f"{todo} (the source has only: {plain(value)})",
                                   "the source holds only a place for it")

    # ---- the guide's own fields

    def meta(self, head: Any, title: str, guide_id: str | None, data: dict[str, Any]) -> dict[str, Any]:
        meta: dict[str, Any] = {"id": guide_id or guide_slug(title), "title": title}
        if head.subtitle:
            meta["subtitle"] = head.subtitle
        if head.kicker:
            meta["kicker"] = head.kicker
        role = re.split(r"\s+(?:interview|technical|questions)\b", title, maxsplit=1,
                        flags=re.IGNORECASE)[0].rstrip(" –—-:|,")
        meta["role"] = role if _JOBS.search(role) and len(role) <= 60 else self.fill(
            ("guide", "role"), TODO_ROLE, "the source does not name it")
        region = _region(title)
        found = " ".join(_strings(data))[:_SPELLING_SAMPLE]
        british = sum(1 for _, variant in spellings(found) if variant == "british")
        american = sum(1 for _, variant in spellings(found) if variant == "american")
        written = guess_language(found)
        meta["language"] = written if written != "en" else (
            {"United Kingdom": "en-GB", "United States": "en-US"}.get(region or "")
            or ("en-US" if american > british else "en-GB" if british else "en"))
        if region:
            meta["region"] = region
        year = re.search(r"\b(?:19|20)\d\d\b", f"{head.subtitle or ''} {title}")
        if year:
            meta["edition"] = int(year.group())
        # no `updated`: the source does not say when it was written (and the same document
        # imports to the same bytes on any day); without it no date prints
        meta["author"] = self.fill(("guide", "author"), TODO_AUTHOR, "not in the source")
        meta["publisher"] = self.fill(("guide", "publisher"), TODO_PUBLISHER, "not in the source")
        if head.introduction:
            meta["description"] = split_sentences(head.introduction)[0]
        return meta

    def ids(self, data: dict[str, Any]) -> None:
        """Ids from the questions' (and flags') own words, unique across the guide."""
        entries = [entry for kind in ("technical", "behavioural") for entry in _questions(data.get(kind, {}))]
        flags = data.get("red_flags", [])
        for flag in flags:
            flag["id"] = flag_slug(flag["flag"])
        for entry, found in zip([*entries, *flags], unique(e["id"] for e in [*entries, *flags]), strict=True):
            entry["id"] = found

    def count(self, data: dict[str, Any]) -> None:
        counts = self.result.counts
        kinds = ("technical", "behavioural")
        every = [(kind, entry) for kind in kinds for entry in _questions(data.get(kind, {}))]
        counts["questions"] = len(every)
        revealed = [entry["answer" if kind == "technical" else "shows"] for kind, entry in every]
        counts["with answers"] = sum(1 for value in revealed if not value.startswith("TODO"))
        counts["groups"] = sum(len(data.get(kind, {}).get("groups", [])) for kind in kinds)
        counts["stages"] = len(data.get("stages", []))
        counts["red flags"] = len(data.get("red_flags", []))
        counts["resources"] = len(data.get("resources", []))
        counts["unplaced"] = len(self.result.unplaced)


def _filled(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry without its empty fields (a field is text, or left out)."""
    return {key: value.strip() if isinstance(value, str) else value for key, value in entry.items()
            if not isinstance(value, str) or value.strip()}


def _questions(section: dict[str, Any]) -> list[dict[str, Any]]:
    groups = section.get("groups", [])
    return [*section.get("questions", []), *(question for group in groups for question in group["questions"])]


def _region(title: str) -> str | None:
    for pattern, region in ((r"\bUK\b|United Kingdom|\bBritain\b", "United Kingdom"),
                            (r"\bUSA?\b|United States", "United States"), (r"\bIreland\b", "Ireland"),
                            (r"\bCanada\b", "Canada"), (r"\bAustralia\b", "Australia"),
                            (r"\bGermany\b|Deutschland", "Germany"), (r"\bIndia\b", "India")):
        if re.search(pattern, title):
            return region
    return None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
