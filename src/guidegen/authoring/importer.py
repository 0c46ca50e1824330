"""`guidegen import`: a guide written as a plain-text or Markdown document, turned into guide data.

Documents like the MLOps source differ in their headings and numbering, so this reads their shape,
not one spelling of it: a title block, then sections found by their headings (the interview process,
technical questions, behavioural questions, red flags, resources, a closing call), each read the way
such sections are written:

- stages: "Stage 1: Recruiter screen (30 min)", "1. Recruiter screen — 30 min", "### Recruiter
  screen (30 min)", then what happens; advice sentences ("Prepare to…", "Focus on…") go to `prepare`;
- technical questions: "Q1.", "1.", "Question 1:", "**Q1.**", "### Q1", then an optional "Strong
  answer" label (bold, a heading, or with a colon) and the answer. A plain-text answer's inline
  lists ("(1) … (2) …") become Markdown lists; a Markdown answer is kept as written;
- behavioural questions: numbered or not, each followed by what it shows (with or without a "What
  it shows" label); an odd paragraph before them is the section's instruction;
- red flags and resources: a short line and the paragraph under it, or one line each ("**Flag** —
  why", "[Title](https://…) — description").

Nothing is dropped: every paragraph lands in a field or is listed, with its line, as something the
importer could not place. Ids are made from the questions' own words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.spelling import spellings

# ---- the document as blocks of lines


@dataclass
class Block:
    """A paragraph of the source (lines up to a blank line, or one Markdown heading), 1-based line."""

    line: int
    lines: list[str]
    heading: int = 0  # Markdown heading level, 0 for none

    @property
    def text(self) -> str:
        """The block as one line of text, Markdown heading marks removed."""
        return " ".join(part.strip() for part in self.lines).strip()

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")


def blocks(text: str) -> list[Block]:
    """The document's blocks, with common indentation removed (sources are often indented)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    # the indentation most lines share: a first line flush left does not count against it
    common = min((i for i in indents if i), default=0) if indents.count(0) <= 1 else 0
    found: list[Block] = []
    current: Block | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.rstrip()
        body = stripped[common:] if stripped[:common].strip() == "" else stripped.lstrip()
        if not body.strip():
            current = None
            continue
        heading = _HEADING.match(body)
        if heading:
            found.append(Block(number, [heading.group(2)], len(heading.group(1))))
            current = None
        elif current is None:
            current = Block(number, [body])
            found.append(current)
        else:
            current.lines.append(body)
    return found


# ---- words and sentences

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.", "cf.", "Dr.", "Mr.", "Ms.",
                  "Mrs.", "No.", "St.", "U.S.", "U.K.")
_ADVICE = re.compile(r"^(?:prepare|focus|cover|practi[sc]e|review|revise|rehearse|bring|brush up|"
                     r"read up|research|think|be (?:ready|prepared|clear)|make sure|remember|avoid|"
                     r"don['’]t|do not|try|aim|consider|expect|have\b.*\bready|know|study|plan|"
                     r"tip:|prepare:)\b", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Text cut into sentences, not after an abbreviation such as "e.g."."""
    found: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start()].rstrip("\"”’)")
        if before.endswith(_ABBREVIATIONS):
            continue
        found.append(text[start:match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    return [*found, tail] if tail else found


def _short(text: str, words: int = 14) -> bool:
    """A heading-like line: a few words, not ending as a sentence does."""
    return len(text.split()) <= words and not text.rstrip("*_ ").endswith((".", ";", ","))


_INLINE = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?\s*\)")


def plain(text: str) -> str:
    """Markdown inline marks removed from text meant as plain text (a question, a flag)."""
    text = _LINK.sub(lambda match: match.group(1), text)
    return re.sub(r"\s+", " ", _INLINE.sub("", text)).strip()


def slug(text: str, *, words: int = 5, drop: frozenset[str] = frozenset()) -> str:
    """An id from text: its meaningful words, lowercase ASCII, joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("ß", "ss")).encode("ascii", "ignore").decode()
    tokens = [token for token in re.findall(r"[a-z0-9]+", ascii_text.lower()) if token not in drop]
    return "-".join(tokens[:words])[:60].strip("-")


def guide_slug(title: str) -> str:
    """A guide's id from its title: "MLOps Engineer Interview Questions UK" -> mlops-engineer-uk."""
    return slug(title, words=8, drop=_TITLE_STOP_WORDS) or "guide"


_TITLE_STOP_WORDS = frozenset({"interview", "questions", "question", "guide", "prep", "and", "the", "for"})
_FLAG_STOP_WORDS = frozenset({"a", "an", "the", "of", "or", "and"})
_STOP_WORDS = frozenset({
    "a", "an", "the", "you", "your", "yours", "how", "what", "why", "when", "where", "which", "who",
    "whom", "would", "could", "should", "do", "does", "did", "is", "are", "was", "were", "be", "been",
    "being", "in", "of", "for", "to", "and", "or", "on", "at", "with", "about", "me", "my", "i", "we",
    "our", "us", "tell", "describe", "time", "it", "its", "this", "that", "these", "those", "have",
    "has", "had", "can", "will", "if", "from", "into", "as", "by", "give", "walk", "through", "explain",
    "talk", "share", "example", "some", "any",
})


# ---- what the importer produces


@dataclass
class Unplaced:
    """Source text the importer found no field for, at its line."""

    line: int
    message: str


@dataclass
class Imported:
    """Guide data (plain dicts and lists, in the format's field order), with what was filled in
    because the source does not say it, and what could not be placed."""

    data: dict[str, Any]
    filled: dict[tuple[str | int, ...], str] = field(default_factory=dict)
    unplaced: list[Unplaced] = field(default_factory=list)


# ---- sections


@dataclass
class Section:
    kind: str  # "head", "stages", "technical", "behavioural", "red_flags", "resources", "closing", "other"
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)


_SECTIONS = (
    ("technical", re.compile(r"^technical(?: interview)? questions?\b|^technical$|\btechnical questions?\b")),
    ("behavioural", re.compile(r"^behaviou?ral(?: interview)? questions?\b|^behaviou?ral$|"
                               r"\bbehaviou?ral questions?\b|\bcompetency questions\b")),
    ("red_flags", re.compile(r"\bred flags?\b|\bwarning signs\b")),
    ("resources", re.compile(r"\bresources?\b|\bfurther reading\b|\buseful links\b|\breading list\b")),
    ("stages", re.compile(r"\binterview process\b|^the process\b|^process\b|\bstages\b|\bwhat to expect\b")),
)
_NUMBERED = re.compile(r"^(?:stage|step|round|q(?:uestion)?|b)?\s*\d+\b", re.IGNORECASE)


def section_kind(block: Block) -> str | None:
    """Which section a heading opens, if it is a section heading at all."""
    text = plain(block.text).rstrip(":").strip()
    if not block.heading and (len(block.lines) > 1 or not _short(text, 8) or text.endswith(("?", "!"))):
        return None
    if _NUMBERED.match(text) or re.search(r"\(\s*\d", text):
        return None  # "Stage 4: Technical deep-dive (45 min)" is a stage, not a section
    lower = text.lower()
    for kind, pattern in _SECTIONS:
        if pattern.search(lower):
            return kind
    return None


def sections(found: list[Block]) -> list[Section]:
    """The document cut at its section headings; what comes before the first is the title block."""
    result = [Section("head", None)]
    for block in found:
        kind = section_kind(block)
        if kind is not None:
            result.append(Section(kind, block))
        elif block.heading and block.heading <= 2 and result[-1].kind != "head":
            # an unknown Markdown section: after the resources, the closing call; else not placed
            result.append(Section("closing" if result[-1].kind == "resources" else "other", block))
        else:
            result[-1].blocks.append(block)
    return result


# ---- the importer


class Importer:
    def __init__(self, text: str, *, markdown: bool) -> None:
        self.markdown = markdown
        self.result = Imported({})
        self.parts = sections(blocks(text))

    def place_not(self, block: Block, why: str) -> None:
        excerpt = block.text if len(block.text) <= 70 else block.text[:67].rstrip() + "…"
        self.result.unplaced.append(Unplaced(block.line, f"{why}: \"{excerpt}\""))

    def fill(self, path: tuple[str | int, ...], value: str, why: str) -> str:
        self.result.filled[path] = why
        return value

    def run(self, guide_id: str | None) -> Imported:
        found: dict[str, list[Section]] = {}
        for part in self.parts:
            found.setdefault(part.kind, []).append(part)
        head = self.head(found["head"][0].blocks)
        stages = [stage for part in found.get("stages", []) for stage in self.stages(part.blocks)]
        technical = self.technical([b for part in found.get("technical", []) for b in part.blocks])
        behavioural = self.behavioural([b for part in found.get("behavioural", []) for b in part.blocks])
        flags = [flag for part in found.get("red_flags", []) for flag in self.red_flags(part.blocks)]
        resources: list[dict[str, Any]] = []
        closing: dict[str, str] | None = None
        for part in found.get("resources", []):
            more, closing_found = self.resources(part.blocks)
            resources += more
            closing = closing or closing_found
        for part in found.get("closing", []):
            closing = closing or self.closing(part)
        for part in found.get("other", []):
            assert part.heading is not None
            self.place_not(part.heading, "a section a guide has no place for")
            for block in part.blocks:
                self.place_not(block, "in a section a guide has no place for")
        for kind in ("stages", "technical", "behavioural", "red_flags"):
            if kind not in found:
                self.result.unplaced.append(Unplaced(1, f"no {kind.replace('_', ' ')} section found"))
        data: dict[str, Any] = {"guide": self.meta(head, guide_id, technical, stages)}
        data["introduction"] = head["introduction"]
        data["stages"] = stages
        data["technical"] = technical
        data["behavioural"] = behavioural
        data["red_flags"] = flags
        if resources:
            data["resources"] = resources
        if closing:
            data["closing"] = closing
        self.result.data = data
        self.unique_ids()
        return self.result

    # ---- the title block

    def head(self, found: list[Block]) -> dict[str, Any]:
        """Kicker, title, subtitle and introduction from the blocks before the first section."""
        lines: list[tuple[Block, str, int]] = []  # (block, text, heading level)
        intro: list[Block] = []
        for block in found:
            if block.heading:
                lines.append((block, plain(block.text), block.heading))
            elif all(_short(plain(line)) for line in block.lines) and not intro:
                lines += [(Block(block.line + i, [line]), plain(line), 0)
                          for i, line in enumerate(block.lines)]
            else:
                intro.append(block)
        titled = [i for i, (_, _, level) in enumerate(lines) if level == 1]
        at = titled[0] if titled else (1 if len(lines) >= 3 else 0)
        head: dict[str, Any] = {}
        if lines:
            head["title"] = lines[at][1]
            if at > 0:
                head["kicker"] = lines[at - 1][1]
            if at + 1 < len(lines):
                head["subtitle"] = lines[at + 1][1]
            for block, _, _ in [*lines[:max(0, at - 1)], *lines[at + 2:]]:
                self.place_not(block, "a heading line before the first section")
        if not head.get("title"):
            head["title"] = self.fill(("guide", "title"), "Interview Questions", "no title found")
        if not head.get("subtitle"):
            head["subtitle"] = self.fill(("guide", "subtitle"), "Interview Guide", "no subtitle found")
        if intro:
            head["introduction"] = " ".join(plain(block.text) for block in intro)
        else:
            head["introduction"] = self.fill(("introduction",), "Who this guide is for and what it covers.",
                                             "no introduction found")
        return head

    def meta(self, head: dict[str, Any], guide_id: str | None, technical: dict[str, Any],
             stages: list[dict[str, Any]]) -> dict[str, Any]:
        title = head["title"]
        role = re.split(r"\s+(?:interview|technical|questions)\b", title, maxsplit=1, flags=re.IGNORECASE)[0]
        year = re.search(r"\b(19|20)\d\d\b", f"{head.get('subtitle', '')} {title}")
        region = _region(title)
        text = " ".join(_all_text(technical))
        british = sum(1 for _, v in spellings(text) if v == "british")
        american = sum(1 for _, v in spellings(text) if v == "american")
        language = {"United Kingdom": "en-GB", "United States": "en-US"}.get(region or "") or (
            "en-US" if american > british else "en-GB" if british else "en")
        meta: dict[str, Any] = {
            "id": guide_id or guide_slug(title),
            "title": title,
            "subtitle": head["subtitle"],
        }
        if head.get("kicker"):
            meta["kicker"] = head["kicker"]
        deck = role if len(role) <= 12 else role.split()[0][:16]
        meta.update({
            "role": role,
            "deck": deck,
            "language": language,
            "region": region or self.fill(("guide", "region"), "Not stated", "the source names no region"),
            "edition": int(year.group()) if year else dt.date.today().year,
            "updated": dt.date.today(),
            "author": self.fill(("guide", "author"), "Your name", "not in the source"),
            "publisher": self.fill(("guide", "publisher"), "Your organisation", "not in the source"),
            "description": sentences(head["introduction"])[0] if head["introduction"] else title,
            "keywords": [role, "interview questions"],
        })
        return meta

    # ---- stages

    def stages(self, found: list[Block]) -> list[dict[str, Any]]:
        stages: list[dict[str, Any]] = []
        described: list[str] = []

        def finish() -> None:
            if stages:
                stages[-1].update(_describe(" ".join(described)))
                if "what_happens" not in stages[-1]:
                    stages[-1]["what_happens"] = self.fill(
                        ("stages", len(stages) - 1, "what_happens"), "What happens in this stage.",
                        "the source says nothing about this stage")
            described.clear()

        for block in _items(found):
            heading = _stage_line(block.lines[0], heading=bool(block.heading))
            if heading is not None:
                finish()
                name, duration, rest = heading
                stage: dict[str, Any] = {"name": name}
                stage["duration"] = duration or self.fill(("stages", len(stages), "duration"), "Not stated",
                                                          "the source gives no duration")
                stages.append(stage)
                tail = " ".join(block.lines[1:])
                described.extend(part for part in (rest, plain(tail)) if part)
            elif stages:
                described.append(plain(block.text))
            else:
                self.place_not(block, "text before the first stage")
        finish()
        return stages

    # ---- technical questions

    def technical(self, found: list[Block]) -> dict[str, Any]:
        questions: list[dict[str, Any]] = []
        instruction: list[str] = []
        answer: list[Block] = []
        expected = 1

        def finish() -> None:
            if questions:
                questions[-1]["answer"] = self.answer(answer, len(questions) - 1)
            answer.clear()

        for index, block in enumerate(found):
            marker = _question(block, expected, found[index + 1] if index + 1 < len(found) else None,
                               in_answer=bool(questions))
            if marker is not None:
                finish()
                number, text, rest = marker
                expected = number + 1
                questions.append({"id": "", "question": text})
                if rest:
                    answer.extend(rest)
            elif questions:
                label = _label(block, _ANSWER_LABEL)
                if label is None:
                    answer.append(block)
                elif label.lines:
                    answer.append(label)
            else:
                instruction.append(plain(block.text))
        finish()
        for question in questions:
            question["id"] = slug(question["question"], drop=_STOP_WORDS) or "question"
        section: dict[str, Any] = {"instruction": " ".join(instruction) or self.fill(
            ("technical", "instruction"), "Write your own answer first, then compare against the example.",
            "the source gives no instruction for the technical questions")}
        section["questions"] = questions
        return section

    def answer(self, found: list[Block], index: int) -> str:
        if not found:
            return self.fill(("technical", "questions", index, "answer"), "The strong answer.\n",
                             "the source gives no answer")
        if self.markdown:
            return "\n\n".join(block.raw for block in found) + "\n"
        paragraphs = [part for block in found for part in _inline_lists(_escape(block.text))]
        return "\n\n".join(paragraphs) + "\n"

    # ---- behavioural questions

    def behavioural(self, found: list[Block]) -> dict[str, Any]:
        """Questions with what each shows: after a "What it shows" label, or under a numbered
        question, or (neither) in pairs of paragraphs, an odd first one being the instruction."""
        found = _split_at(found, _SHOWS_LABEL)
        labels = [i for i, block in enumerate(found) if _label(block, _SHOWS_LABEL) is not None]
        numbered = [i for i, block in enumerate(found) if _behavioural_number(block) is not None]
        pairs: list[tuple[Block, list[str]]] = []
        if labels:
            starts = [i - 1 for i in labels]
            for label, start in zip(labels, starts, strict=True):
                if start < 0 or start in labels:
                    self.place_not(found[label], "what a question shows, with no question before it")
                    continue
                stop = next((s for s in starts if s > start), len(found))
                shown = _label(found[label], _SHOWS_LABEL)
                assert shown is not None
                parts = [plain(shown.text)] if shown.lines else []
                pairs.append((found[start], parts + [plain(b.text) for b in found[label + 1:stop]]))
            first = min(starts) if starts else len(found)
        elif numbered:
            for index, start in enumerate(numbered):
                stop = numbered[index + 1] if index + 1 < len(numbered) else len(found)
                pairs.append((found[start], [plain(b.text) for b in found[start + 1:stop]]))
            first = numbered[0]
        else:
            first = len(found) % 2
            pairs = [(found[i], [plain(found[i + 1].text)]) for i in range(first, len(found) - 1, 2)]
        instruction = " ".join(plain(block.text) for block in found[:max(first, 0)])
        questions = []
        for position, (block, shows) in enumerate(pairs):
            question = _behavioural_number(block) or plain(block.text)
            text = " ".join(part for part in shows if part) or self.fill(
                ("behavioural", "questions", position, "shows"), "What a strong answer shows.",
                "the source does not say what this question shows")
            questions.append({"id": slug(question, drop=_STOP_WORDS) or "story", "question": question,
                              "shows": text})
        return {"instruction": instruction or self.fill(
            ("behavioural", "instruction"), "Use STAR format and keep answers to 2–3 minutes.",
            "the source gives no instruction for the behavioural questions"), "questions": questions}

    # ---- red flags

    def red_flags(self, found: list[Block]) -> list[dict[str, Any]]:
        flags: list[dict[str, Any]] = []
        pending: Block | None = None
        for block in _items(found):
            combined = _combined(block)
            if combined is not None:
                if pending is not None:
                    self.place_not(pending, "a red flag with no reason given")
                    pending = None
                flags.append({"id": "", "flag": combined[0], "why": combined[1]})
            elif pending is None and _short(plain(block.text), 12) and not plain(block.text).endswith(":"):
                pending = block
            elif pending is not None:
                flags.append({"id": "", "flag": plain(pending.text), "why": plain(block.text)})
                pending = None
            elif flags:
                flags[-1]["why"] += " " + plain(block.text)
            else:
                self.place_not(block, "text before the first red flag")
        if pending is not None:
            self.place_not(pending, "a red flag with no reason given")
        for flag in flags:
            flag["id"] = slug(flag["flag"], drop=_FLAG_STOP_WORDS) or "flag"
        return flags

    # ---- resources and the closing call

    def resources(self, found: list[Block]) -> tuple[list[dict[str, Any]], dict[str, str] | None]:
        resources: list[dict[str, Any]] = []
        pending: tuple[Block, str, str | None] | None = None
        closing: dict[str, str] | None = None
        items = _items(found)
        for index, block in enumerate(items):
            if closing is not None:
                closing["text"] += " " + plain(block.text)
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
            combined = _combined(block)
            if combined is not None and pending is None:
                title, description = combined
                title, title_url = _take_url(title)
                description, description_url = _take_url(description)
                resource = {"title": plain(title), "description": plain(description)}
                self.set_url(resource, url or title_url or description_url, block)
                resources.append(resource)
            elif pending is None:
                if plain(text).endswith(("?", "!")) and index + 1 < len(items):
                    closing = {"title": plain(text), "text": ""}
                    continue
                pending = (block, plain(text), url)
            else:
                resource = {"title": pending[1], "description": plain(text)}
                self.set_url(resource, pending[2] or url, block)
                resources.append(resource)
                pending = None
        if pending is not None:
            self.place_not(pending[0], "a resource with no description")
        if closing is not None:
            closing["text"] = closing["text"].strip()
            if not closing["text"]:
                closing = None
        return resources, closing

    def set_url(self, resource: dict[str, Any], url: str | None, block: Block) -> None:
        if url is None:
            return
        if url.lower().startswith("https://"):
            resource["url"] = url
        else:
            line = block.line + next((i for i, text in enumerate(block.lines) if url in text), 0)
            self.result.unplaced.append(Unplaced(line, f"'{url}' is not an https:// address, so "
                                                       f"'{resource['title']}' has none"))

    def closing(self, part: Section) -> dict[str, str] | None:
        assert part.heading is not None
        text = " ".join(plain(block.text) for block in part.blocks)
        if not text:
            self.place_not(part.heading, "a closing heading with no text under it")
            return None
        return {"title": plain(part.heading.text), "text": text}

    def unique_ids(self) -> None:
        """Ids are unique across the guide: a repeated one gets -2, -3…"""
        seen: set[str] = set()
        data = self.result.data
        for entry in [*data["technical"]["questions"], *data["behavioural"]["questions"], *data["red_flags"]]:
            base, number = entry["id"], 2
            while entry["id"] in seen:
                entry["id"], number = f"{base}-{number}", number + 1
            seen.add(entry["id"])


# ---- reading the pieces

_STAGE_PREFIX = re.compile(r"^(?:(?:stage|step|round)\s*\d+|\d{1,2}[.)])\s*[:.)\-–—]?\s*", re.IGNORECASE)
_DURATION = re.compile(r"\s*(?:\(([^()]*\d[^()]*)\)|[-–—·:|]\s*(\d[\d\s–\-]*\s*(?:min|mins|minutes|hours?|"
                       r"hrs?|h|days?|weeks?)\.?))\s*$", re.IGNORECASE)


_BOLD_STAGE = re.compile(r"^((?:(?:stage|step|round)\s*\d+|\d{1,2}[.)])\s*[:.)\-–—]?\s*)?"
                         r"(\*\*|__)(.+?)\2\s*(.*)$", re.IGNORECASE)


def _stage_line(line: str, *, heading: bool) -> tuple[str, str | None, str] | None:
    """A stage's heading read from the first line of a block: "Stage 1: Name (30 min)", "### Name
    (30 min)", or "1. **Name** (30 min) — what happens…" with the description on the same line."""
    bold = _BOLD_STAGE.match(line.strip())
    if bold:
        after = bold.group(4)
        duration = re.match(r"^\(([^()]*\d[^()]*)\)\s*[:.\-–—]?\s*", after)
        found = _stage_heading(plain((bold.group(1) or "") + bold.group(3)), numbered=True)
        if found is not None:
            name, own, _ = found
            if duration:
                return name, own or duration.group(1).strip(), plain(after[duration.end():])
            return name, own, plain(after.lstrip(":.-–— "))
    text = plain(line)
    return _stage_heading(text) if heading or _short(text, 16) else None


def _stage_heading(text: str, *, numbered: bool = False) -> tuple[str, str | None, str] | None:
    """(name, duration, text after it) of a stage's heading line, or None for a plain paragraph."""
    head, rest = text, ""
    split = re.match(r"^(.*?\))\s*[-–—:]\s+(.+)$", text)  # "Name (30 min) — what happens …"
    if split and _DURATION.search(split.group(1)):
        head, rest = split.group(1), split.group(2)
    prefix = _STAGE_PREFIX.match(head)
    name = head[prefix.end():] if prefix else head
    duration = _DURATION.search(name)
    if duration:
        name = name[:duration.start()]
    name = name.strip(" :.-–—*_")
    if not name or not (numbered or prefix or duration) or len(name.split()) > 10:
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
    parts = sentences(text)
    for index, sentence in enumerate(parts[1:], start=1):
        if _ADVICE.match(sentence):
            return {"what_happens": " ".join(parts[:index]), "prepare": " ".join(parts[index:])}
    return {"what_happens": text.strip()} if text.strip() else {}


_QUESTION_MARK = re.compile(r"^(?:\*\*|__)?\s*(?:(q|question|b)\s*(\d+)|(\d+))\s*(?:[.:)]|\s)\s*"
                            r"(?:\*\*|__)?\s*", re.IGNORECASE)
_ANSWER_LABEL = re.compile(r"^(?:\*\*|__|\*|_)?\s*(?:strong|example|model|sample|good|suggested)?\s*answer"
                           r"\s*(?:\*\*|__|\*|_)?\s*(?:[:.—–-]\s*(?:\*\*|__|\*|_)?|$)\s*", re.IGNORECASE)
_SHOWS_LABEL = re.compile(r"^(?:\*\*|__|\*|_)?\s*(?:what (?:it|this|a strong answer) (?:shows|tests)|"
                          r"what (?:they|the interviewer)(?:['’]re| are| is) looking for|why (?:they|it) ask|"
                          r"shows|what it shows)\s*(?:\*\*|__|\*|_)?\s*(?:[:.—–-]\s*(?:\*\*|__|\*|_)?|$)\s*",
                          re.IGNORECASE)


def _question(block: Block, expected: int, after: Block | None, *, in_answer: bool
              ) -> tuple[int, str, list[Block]] | None:
    """A technical question's number, text and any answer on its own lines, or None."""
    match = _QUESTION_MARK.match(block.lines[0])
    if not match:
        return None
    number = int(match.group(2) or match.group(3))
    explicit = match.group(1) is not None
    question_lines = [block.lines[0][match.end():]]
    rest: list[Block] = []
    inline_label = False
    for offset, line in enumerate(block.lines[1:], start=1):
        if _ANSWER_LABEL.match(line):
            inline_label = True
            remainder = _label(Block(block.line + offset, block.lines[offset:]), _ANSWER_LABEL)
            rest = [remainder] if remainder is not None and remainder.lines else []
            break
        question_lines.append(line)
    text = plain(" ".join(question_lines))
    if not explicit:  # a bare "1." is a question only in sequence, and only when it reads as one
        labelled = inline_label or (after is not None and _ANSWER_LABEL.match(after.lines[0]) is not None)
        if number != expected or not ("?" in text or labelled) or (in_answer and not labelled
                                                                    and "?" not in text):
            return None
    if not text:
        return None
    return number, text, rest


def _label(block: Block, pattern: re.Pattern[str]) -> Block | None:
    """The block without its leading label ("Strong answer:", "**What it shows**"), or None when
    it does not start with one. The result may hold no lines (the label stood alone)."""
    match = pattern.match(block.lines[0])
    if not match:
        return None
    first = block.lines[0][match.end():].strip()
    lines = ([first] if first else []) + block.lines[1:]
    return Block(block.line, lines)


def _behavioural_number(block: Block) -> str | None:
    match = _QUESTION_MARK.match(block.lines[0])
    if not match:
        return None
    return plain(" ".join([block.lines[0][match.end():], *block.lines[1:]]))


def _split_at(found: list[Block], pattern: re.Pattern[str]) -> list[Block]:
    """Blocks cut before every line that starts with a label matching `pattern`."""
    result: list[Block] = []
    for block in found:
        start = 0
        for offset, line in enumerate(block.lines):
            if offset and pattern.match(line):
                result.append(Block(block.line + start, block.lines[start:offset], block.heading))
                start = offset
        result.append(Block(block.line + start, block.lines[start:], block.heading if not start else 0))
    return result


def _head_and_text(block: Block) -> list[Block]:
    """A block whose first line is a heading-like line and whose next starts a new sentence, as
    two blocks ("No data catalogue" over "Nobody knows what the tables mean."); a wrapped paragraph
    stays whole."""
    if len(block.lines) < 2:
        return [block]
    first, second = block.lines[0].strip(), block.lines[1].strip()
    widest = max(len(line) for line in block.lines)
    if (_short(plain(first), 12) and not plain(first).endswith(":") and len(first) < 0.8 * widest
            and (second[:1].isupper() or second.startswith(("http", "(", "[", "<")))):
        return [Block(block.line, [first]), Block(block.line + 1, block.lines[1:])]
    return [block]


def _items(found: list[Block]) -> list[Block]:
    """Blocks with Markdown list items split into a block each, and heading lines from the text
    under them."""
    items: list[Block] = []
    for block in found:
        if not _LIST_ITEM.match(block.lines[0]):
            items += _head_and_text(block)
            continue
        for offset, line in enumerate(block.lines):
            marker = _LIST_ITEM.match(line)
            if marker:
                items.append(Block(block.line + offset, [line[marker.end():]]))
            else:
                items[-1].lines.append(line.strip())
    return items


_COMBINED = re.compile(r"^\s*(?:(\*\*|__)(?P<bold>.+?)\1|(?P<link>\[[^\]]+\]\([^)]+\)))"
                       r"\s*[:.—–-]*\s*(?P<rest>.+)$")
_DASHED = re.compile(r"^(?P<head>[^—–]{2,80}?)\s+[—–]\s+(?P<rest>.+)$")


def _combined(block: Block) -> tuple[str, str] | None:
    """(head, text) of a one-line entry: "**Head** — text", "[Title](url) — text", "Head — text"."""
    text = block.text
    match = _COMBINED.match(text)
    if match:
        head = match.group("bold") or match.group("link")
        return plain(head).rstrip(".:"), match.group("rest").strip()
    match = _DASHED.match(text)
    if match and _short(match.group("head"), 10) and len(block.lines) == 1 and len(text) > 60:
        return plain(match.group("head")), plain(match.group("rest"))
    return None


_URL = re.compile(r"\[([^\]]+)\]\(\s*<?((?:https?|ftp)://[^)\s>]+)>?\s*\)|<((?:https?)://[^>\s]+)>|"
                  r"\(?\b((?:https?)://[^\s)]+)\)?")


def _take_url(text: str) -> tuple[str, str | None]:
    """Text without the first web address in it (a Markdown link keeps its words), and the address."""
    match = _URL.search(text)
    if not match:
        return text.strip(), None
    if match.group(1):
        return (text[:match.start()] + match.group(1) + text[match.end():]).strip(), match.group(2)
    url = match.group(3) or match.group(4)
    return re.sub(r"\s+", " ", text[:match.start()] + text[match.end():]).strip(" —–-:"), url


def _region(title: str) -> str | None:
    for pattern, region in ((r"\bUK\b|United Kingdom|\bBritain\b", "United Kingdom"),
                            (r"\bUSA?\b|United States", "United States"), (r"\bIreland\b", "Ireland"),
                            (r"\bCanada\b", "Canada"), (r"\bAustralia\b", "Australia"),
                            (r"\bGermany\b|Deutschland", "Germany"), (r"\bIndia\b", "India")):
        if re.search(pattern, title):
            return region
    return None


def _all_text(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _all_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_text(item)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_ENUMERATED = re.compile(r"\((\d{1,2})\)\s+")


def _escape(text: str) -> str:
    """Plain text as Markdown that renders as the same text."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(#{1,6}\s|[-+*]\s|\d+[.)]\s|>)", r"\\\1", escaped)


def _inline_lists(text: str) -> list[str]:
    """A plain paragraph whose steps are numbered inline ("Key stages: (1) Trigger — … (2) …") as
    Markdown paragraphs and lists. The last step ends with its first sentence: the text after it is
    a paragraph of its own (or introduces the next list)."""
    paragraphs: list[str] = []
    rest = text
    while True:
        starts = _steps(rest)
        if not starts:
            if rest.strip():
                paragraphs.append(rest.strip())
            return paragraphs
        before = rest[:starts[0][0]].strip()
        if before:
            paragraphs.append(before)
        items = []
        for index, (_start, end) in enumerate(starts):
            stop = starts[index + 1][0] if index + 1 < len(starts) else len(rest)
            items.append(rest[end:stop].strip())
        last = sentences(items[-1])
        items[-1] = last[0] if last else items[-1]
        paragraphs.append("\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1)))
        rest = " ".join(last[1:])


def _steps(text: str) -> list[tuple[int, int]]:
    """Where "(1) ", "(2) " … start and end in text: a run from 1 in order, at least two long."""
    found: list[tuple[int, int]] = []
    for match in _ENUMERATED.finditer(text):
        number = int(match.group(1))
        if number == 1 and len(found) >= 2:
            break  # a second list starts: it is read after the text between them
        if number == 1:
            found = [(match.start(), match.end())]
        elif number == len(found) + 1 and found:
            found.append((match.start(), match.end()))
    return found if len(found) >= 2 else []


def import_text(text: str, *, markdown: bool, guide_id: str | None = None) -> Imported:
    """Guide data from a document's text."""
    return Importer(text, markdown=markdown).run(guide_id)


def is_markdown(path: Path, text: str) -> bool:
    """Markdown by its suffix, or by a Markdown heading or bold label in it."""
    return path.suffix.lower() in {".md", ".markdown"} or bool(
        re.search(r"^\s{0,3}#{1,6}\s|\*\*[^*\n]+\*\*", text, re.MULTILINE))
