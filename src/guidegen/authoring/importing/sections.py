"""The sections of a guide that are not questions: the interview process, red flags, resources and
a closing call, read the way such sections are written.

- stages: "Stage 1: Recruiter screen (30 min)", "1. Recruiter screen — 30 min", "### Recruiter
  screen (30 min)", then what happens; advice sentences ("Prepare to…", "Focus on…") go to `prepare`.
  A table of stages (a recruiter's "| Stage | Duration | What happens |") is read by its header;
- red flags and resources: a short line and the paragraph under it, or one line each ("**Flag** —
  why", "[Title](https://…) — description");
- the closing: a heading after the resources with a paragraph under it ("Ready to apply?").

Lines are matched by patterns, so each pattern that searches is bounded (a line of brackets or a
3 KB heading costs a look of bounded length at each place, never a scan to the end from each).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...model.punctuation import PROSE_ENDS, ends_with_question_mark, word_count
from .blocks import Block
from .htmltext import convert
from .parts import Unplaced
from .render import split_sentences

_MAX_STAGE_LINE = 300  # a stage's heading is a line, not a paragraph: longer lines are text


@dataclass
class Lines:
    """A block as these readers see it: its first line, its lines (Markdown marks of a heading
    removed), its heading level (0 for none)."""

    line: int
    lines: list[str]
    heading: int = 0

    @property
    def text(self) -> str:
        return " ".join(part.strip() for part in self.lines).strip()


def as_lines(block: Block) -> Lines:
    """A block's lines for these readers: a heading's text, HTML's text, no blank lines."""
    if block.kind == "heading":
        return Lines(block.line, [block.text], block.level)
    if block.kind in ("html", "details"):
        text = convert(block.raw, markdown=True)
        return Lines(block.line, [line for line in text.split("\n") if line.strip()])
    return Lines(block.line, [line for line in block.lines if line.strip()])


def _readable(found: list[Block]) -> list[Lines]:
    """The blocks of a section as these readers see them: rules and empty blocks left out."""
    return [lines for lines in (as_lines(block) for block in found if block.kind != "rule") if lines.lines]


_ADVICE = re.compile(r"^(?:prepare|focus|cover|practi[sc]e|review|revise|rehearse|bring|brush up|"
                     r"read up|research|think|be (?:ready|prepared|clear)|make sure|remember|avoid|"
                     r"don['’]t|do not|try|aim|consider|expect|have\b.{0,80}\bready|know|study|plan|"
                     r"tip:|prepare:)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_STAGE_PREFIX = re.compile(r"^(?:(?:stage|step|round)\s*\d+|\d{1,2}[.)])\s*[:.)\-–—]?\s*", re.IGNORECASE)
_DURATION = re.compile(r"\s*(?:\(([^()]{0,40}\d[^()]{0,40})\)|[-–—·:|]\s*(\d[\d\s–\-]{0,12}\s*(?:min|mins|"
                       r"minutes|hours?|hrs?|h|days?|weeks?)\.?))\s*$", re.IGNORECASE)
_BOLD_STAGE = re.compile(r"^((?:(?:stage|step|round)\s*\d+|\d{1,2}[.)])\s*[:.)\-–—]?\s*)?"
                         r"(\*\*|__)(.+?)\2\s*(.*)$", re.IGNORECASE)
_COMBINED = re.compile(r"^\s*(?:(\*\*|__)(?P<bold>.+?)\1|(?P<link>\[[^\]]{1,500}\]\([^)]{1,2000}\)))"
                       r"\s*[:.—–-]*\s*(?P<rest>.+)$")
_DASHED = re.compile(r"^(?P<head>[^—–]{2,80}?)\s+[—–]\s+(?P<rest>.+)$")
_URL = re.compile(r"\[([^\]]{1,500})\]\(\s*<?((?:https?|ftp)://[^)\s>]{1,2000})>?\s*\)|"
                  r"<((?:https?)://[^>\s]{1,2000})>|\(?\b((?:https?)://[^\s)]{1,2000})\)?")
_STAGE_COLUMNS = (  # a table's header -> the stage's field (first match wins)
    ("duration", re.compile(r"duration|length|how long|\btime\b|minutes", re.IGNORECASE)),
    ("prepare", re.compile(r"prepar|tips?\b|advice|focus|how to", re.IGNORECASE)),
    ("what_happens", re.compile(r"what happens|descri|format|expect|details|content|what", re.IGNORECASE)),
    ("name", re.compile(r"stage|round|step|name|interview|phase", re.IGNORECASE)),
)


def short(text: str, words: int = 14) -> bool:
    """A heading-like line: a few words, not ending as a sentence does."""
    return word_count(text) <= words and not text.rstrip("*_ ").endswith(PROSE_ENDS)


@dataclass
class SectionReader:
    """Reads the sections; `plain` turns a line's inline text into plain text (Markdown or not)."""

    plain: Callable[[str], str]
    unplaced: list[Unplaced] = field(default_factory=list)

    def place_not(self, block: Lines, why: str) -> None:
        self.unplaced.append(Unplaced(block.line, why, block.lines))

    # ---- stages

    def stages(self, found: list[Block]) -> list[dict[str, Any]]:
        stages: list[dict[str, Any]] = []
        described: list[str] = []

        def finish() -> None:
            if stages:
                for key, value in _describe(" ".join(described)).items():
                    stages[-1][key] = f"{stages[-1].get(key, '')} {value}".strip()
            described.clear()

        lines: list[Lines] = []
        for block in [*found, None]:
            if block is not None and block.kind != "table":
                lines += _readable([block])
                continue
            for item in _items(lines, self.plain):
                self.stage_line(item, stages, described, finish)
            lines = []
            finish()
            if block is not None:
                stages += self.stage_table(block)
        return stages

    def stage_line(self, block: Lines, stages: list[dict[str, Any]], described: list[str],
                   finish: Callable[[], None]) -> None:
        heading = _stage_line(block.lines[0], heading=bool(block.heading), plain=self.plain)
        if heading is not None:
            finish()
            name, duration, rest = heading
            stage: dict[str, Any] = {"name": name}
            if duration:
                stage["duration"] = duration
            stages.append(stage)
            tail = " ".join(block.lines[1:])
            described.extend(part for part in (rest, self.plain(tail)) if part)
        elif stages:
            described.append(self.plain(block.text))
        else:
            self.place_not(block, "text before the first stage")

    def stage_table(self, block: Block) -> list[dict[str, Any]]:
        """A table of stages, its columns known by their headers; a column of no known kind is
        added to what happens ("Interviewer: the hiring manager")."""
        if len(block.rows) < 2:
            self.place_not(Lines(block.line, block.lines), "a table that is not a list of stages")
            return []
        headers = [self.plain(cell) for cell in block.rows[0]]
        roles: list[str | None] = []
        for header in headers:
            role = next((name for name, pattern in _STAGE_COLUMNS if pattern.search(header)), None)
            roles.append(role if role not in roles else None)
        if "name" not in roles and len({role for role in roles if role}) < 2:
            self.place_not(Lines(block.line, block.lines), "a table that is not a list of stages")
            return []
        if "name" not in roles:
            roles[0] = "name"
        stages: list[dict[str, Any]] = []
        for number, row in enumerate(block.rows[1:], start=1):
            stage: dict[str, Any] = {}
            extra: list[str] = []
            for header, role, cell in zip(headers, roles, row, strict=False):
                value = self.plain(cell)
                if not value:
                    continue
                if role is None:
                    extra.append(f"{header}: {value}" if header else value)
                else:
                    stage[role] = value
            if extra:
                stage["what_happens"] = " ".join([stage.get("what_happens", ""), *extra]).strip()
            if "name" not in stage:
                self.place_not(Lines(block.line + number + 1, [block.lines[min(number + 1,
                                                                                 len(block.lines) - 1)]]),
                               "a row of the stages table without a stage's name")
                continue
            stages.append({key: stage[key] for key in ("name", "duration", "what_happens", "prepare")
                           if key in stage})
        return stages

    # ---- red flags

    def red_flags(self, found: list[Block]) -> list[dict[str, Any]]:
        flags: list[dict[str, Any]] = []
        pending: Lines | None = None
        for block in _items(_readable(found), self.plain):
            combined = _combined(block, self.plain)
            if combined is not None:
                if pending is not None:
                    flags.append({"flag": self.plain(pending.text)})
                    pending = None
                flags.append({"flag": combined[0], "why": combined[1]})
            elif pending is None and short(self.plain(block.text), 12) \
                    and not self.plain(block.text).endswith(":"):
                pending = block
            elif pending is not None:
                flags.append({"flag": self.plain(pending.text), "why": self.plain(block.text)})
                pending = None
            elif flags and "why" in flags[-1]:
                flags[-1]["why"] += " " + self.plain(block.text)
            else:
                self.place_not(block, "text before the first red flag")
        if pending is not None:
            flags.append({"flag": self.plain(pending.text)})
        return flags

    # ---- resources and the closing call

    def resources(self, found: list[Block]) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
        resources: list[dict[str, Any]] = []
        pending: tuple[Lines, str, str | None] | None = None
        closing: dict[str, str] | None = None
        items = _items(_readable(found), self.plain)
        for index, block in enumerate(items):
            if closing is not None:
                closing["text"] += " " + self.plain(block.text)
                continue
            text, url = _take_url(block.text)
            if not text and url:  # an address on its own line: the resource above it
                if pending is not None:
                    pending = (pending[0], pending[1], url)
                elif resources and "url" not in resources[-1]:
                    self.set_url(resources[-1], url, block)
                else:
                    self.place_not(block, "an address with no resource")
                continue
            combined = _combined(block, self.plain)
            if combined is not None and pending is None:
                title, description = combined
                title, title_url = _take_url(title)
                description, description_url = _take_url(description)
                resource = {"title": self.plain(title), "description": self.plain(description)}
                self.set_url(resource, url or title_url or description_url, block)
                resources.append(resource)
            elif pending is None:
                ends = ends_with_question_mark(self.plain(text)) or self.plain(text).endswith(("!", "！"))
                if ends and index + 1 < len(items):
                    closing = {"title": self.plain(text), "text": ""}
                    continue
                pending = (block, self.plain(text), url)
            else:
                resource = {"title": pending[1], "description": self.plain(text)}
                self.set_url(resource, pending[2] or url, block)
                resources.append(resource)
                pending = None
        if pending is not None:
            resource = {"title": pending[1]}
            self.set_url(resource, pending[2], pending[0])
            resources.append(resource)
        if closing is not None:
            closing["text"] = closing["text"].strip()
            if not closing["text"]:
                closing = None
        return resources, closing

    def set_url(self, resource: dict[str, Any], url: str | None, block: Lines) -> None:
        if url is None:
            return
        if url.lower().startswith("https://"):
            resource["url"] = url
        else:
            line = block.line + next((i for i, text in enumerate(block.lines) if url in text), 0)
            self.unplaced.append(Unplaced(line, f"'{url}' is not an https:// address, so "
                                                f"'{resource['title']}' has none", [url]))

    def closing(self, heading: Block, found: list[Block]) -> dict[str, str] | None:
        text = " ".join(self.plain(lines.text) for lines in _readable(found))
        if not text.strip():
            self.place_not(as_lines(heading), "a closing heading with no text under it")
            return None
        return {"title": self.plain(heading.text), "text": text.strip()}


# ---- reading the pieces


def _stage_line(line: str, *, heading: bool,
                plain: Callable[[str], str]) -> tuple[str, str | None, str] | None:
    """A stage's heading read from the first line of a block: "Stage 1: Name (30 min)", "### Name
    (30 min)", or "1. **Name** (30 min) — what happens…" with the description on the same line."""
    if len(line) > _MAX_STAGE_LINE:
        return None
    bold = _BOLD_STAGE.match(line.strip())
    if bold:
        after = bold.group(4)
        duration = re.match(r"^\(([^()]{0,40}\d[^()]{0,40})\)\s*[:.\-–—]?\s*", after)
        found = _stage_heading(plain((bold.group(1) or "") + bold.group(3)), numbered=True)
        if found is not None:
            name, own, _ = found
            if duration:
                return name, own or duration.group(1).strip(), plain(after[duration.end():])
            return name, own, plain(after.lstrip(":.-–— "))
    text = plain(line)
    return _stage_heading(text) if heading or short(text, 16) else None


def _stage_heading(text: str, *, numbered: bool = False) -> tuple[str, str | None, str] | None:
    """(name, duration, text after it) of a stage's heading line, or None for a plain paragraph."""
    head, rest = text, ""
    split = re.match(r"^(.{0,200}?\))\s*[-–—:]\s+(.+)$", text)  # "Name (30 min) — what happens …"
    if split and _DURATION.search(split.group(1)):
        head, rest = split.group(1), split.group(2)
    prefix = _STAGE_PREFIX.match(head)
    name = head[prefix.end():] if prefix else head
    duration = _DURATION.search(name)
    if duration:
        name = name[:duration.start()]
    name = name.strip(" :.-–—*_")
    if not name or not (numbered or prefix or duration) or word_count(name) > 10:
        return None
    return name, (duration.group(1) or duration.group(2)).strip() if duration else None, rest


def _describe(text: str) -> dict[str, str]:
    """A stage's description: what happens, then from the first advice sentence on, how to prepare
    ("Prepare to discuss…", "Focus on…", or after a "Prepare:" label)."""
    labelled = re.split(r"\s*\b(?:how to prepare|preparation|prepare|tip)\s*:\s*", text, maxsplit=1,
                        flags=re.IGNORECASE)
    if len(labelled) == 2:
        return {key: value for key, value in (("what_happens", labelled[0].strip()),
                                              ("prepare", labelled[1].strip())) if value}
    parts = split_sentences(text)
    for index, sentence in enumerate(parts[1:], start=1):
        if _ADVICE.match(sentence):
            return {"what_happens": " ".join(parts[:index]), "prepare": " ".join(parts[index:])}
    return {"what_happens": text.strip()} if text.strip() else {}


def _head_and_text(block: Lines, plain: Callable[[str], str]) -> list[Lines]:
    """A block whose first line is a heading-like line and whose next starts a new sentence, as
    two blocks ("No data catalogue" over "Nobody knows what the tables mean."); a wrapped paragraph
    stays whole."""
    if len(block.lines) < 2:
        return [block]
    first, second = block.lines[0].strip(), block.lines[1].strip()
    widest = max(len(line) for line in block.lines)
    if (short(plain(first), 12) and not plain(first).endswith(":") and len(first) < 0.8 * widest
            and (second[:1].isupper() or second.startswith(("http", "(", "[", "<")))):
        return [Lines(block.line, [first]), Lines(block.line + 1, block.lines[1:])]
    return [block]


def _items(found: list[Lines], plain: Callable[[str], str] | None = None) -> list[Lines]:
    """Blocks with Markdown list items split into a block each, and heading lines from the text
    under them."""
    items: list[Lines] = []
    for block in found:
        if not block.lines:
            continue
        if not _LIST_ITEM.match(block.lines[0]):
            items += _head_and_text(block, plain or (lambda text: text))
            continue
        for offset, line in enumerate(block.lines):
            marker = _LIST_ITEM.match(line)
            if marker:
                items.append(Lines(block.line + offset, [line[marker.end():]]))
            elif line.strip():
                items[-1].lines.append(line.strip())
    return items


def _combined(block: Lines, plain: Callable[[str], str]) -> tuple[str, str] | None:
    """(head, text) of a one-line entry: "**Head** — text", "[Title](url) — text", "Head — text"."""
    text = block.text
    match = _COMBINED.match(text)
    if match:
        head = match.group("bold") or match.group("link")
        return plain(head).rstrip(".:"), match.group("rest").strip()
    match = _DASHED.match(text)
    if match and short(match.group("head"), 10) and len(block.lines) == 1 and len(text) > 60:
        return plain(match.group("head")), plain(match.group("rest"))
    return None


def _take_url(text: str) -> tuple[str, str | None]:
    """Text without the first web address in it (a Markdown link keeps its words), and the address."""
    match = _URL.search(text)
    if not match:
        return text.strip(), None
    if match.group(1):
        return (text[:match.start()] + match.group(1) + text[match.end():]).strip(), match.group(2)
    url = match.group(3) or match.group(4)
    return re.sub(r"\s+", " ", text[:match.start()] + text[match.end():]).strip(" —–-:"), url
