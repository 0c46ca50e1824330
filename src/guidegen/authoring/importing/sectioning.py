"""Where a document's sections are: the headings (or, in plain text, the short lines) that open the
interview process, the technical or behavioural questions, red flags, resources, known by their
words; and where each such section ends.

A section the outline does not read as questions (stages, red flags, resources, the closing call)
is handed whole to sections.py: it ends at the next heading as high as its own, at the next
line that opens a section, or at a sure question, so that one missing heading does not swallow the
questions after it.
"""

from __future__ import annotations

import re

from ...model.punctuation import CLAUSE_ENDS, word_count
from .blocks import Block
from .inline import plain
from .questions import qa_columns, read

_SECTIONS = (
    ("behavioural", re.compile(r"\bbehaviou?ral\b|\bsoft[ -]skills?\b|\bcompetency(?:[ -]based)? questions\b|"
                               r"\bsituational questions\b|\bculture[ -]fit\b|\bhr questions\b")),
    ("technical", re.compile(r"^technical(?: interview)? questions?\b|^technical$|\btechnical questions?\b")),
    ("red_flags", re.compile(r"\bred flags?\b|\bwarning signs\b")),
    ("resources", re.compile(r"\bresources?\b|\bfurther reading\b|\buseful links\b|\breading list\b")),
    ("stages", re.compile(r"\binterview process\b|^the process\b|^process\b|\bstages\b|\bwhat to expect\b|"
                          r"\binterview rounds\b|\bhiring process\b")),
)
LEGACY = ("stages", "red_flags", "resources")  # read by sections.py, not as questions
_NUMBERED = re.compile(r"^(?:stage|step|round|q(?:uestion)?|b)?\s*\d+\b", re.IGNORECASE)


def section_kind(text: str, *, heading: bool) -> str | None:
    """Which section a heading (or, without Markdown headings, a short line) opens, if any."""
    text = text.rstrip(":").strip()
    if not heading and (word_count(text) > 8 or text.endswith(CLAUSE_ENDS)):
        return None
    if _NUMBERED.match(text) or re.search(r"\(\s*\d", text):
        return None  # "Stage 4: Technical deep-dive (45 min)" is a stage, not a section
    lower = text.lower()
    for kind, pattern in _SECTIONS:
        if pattern.search(lower):
            return kind
    return None


def opens(block: Block, headings: bool) -> str | None:
    """The section a block opens: a heading's, or (without Markdown headings) a short line's."""
    if block.kind == "heading":
        return section_kind(plain(block.text), heading=True)
    if not headings and block.kind == "paragraph" and "\n" not in block.text:
        return section_kind(plain(block.text), heading=False)
    return None


def section_end(blocks: list[Block], start: int, headings: bool) -> int:
    """Where a section that starts at blocks[start] ends: at the next heading as high as its own,
    (without headings) at the next line that opens a section, or at a sure question: labelled
    ("Q1."), or a bold line or heading that asks one."""
    opener = blocks[start]
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if opener.kind == "heading" and block.kind == "heading" and block.level <= opener.level:
            return index
        if opens(block, headings) is not None and (block.kind != "heading" or opener.kind != "heading"):
            return index
        if (block.kind == "details" and read(plain(block.summary)).strength >= 2) or (
                block.kind == "table" and qa_columns(block) is not None):
            return index  # a question in a summary, a table of questions
        if block.kind in ("heading", "paragraph"):
            reading = read(block.text.split("\n")[0], numbers=block.kind == "heading")
            if reading.role == "question" and (reading.strength == 3 or (
                    reading.strength == 2 and (reading.bold or block.kind == "heading"))):
                return index
    return len(blocks)


def is_closing(blocks: list[Block], index: int) -> bool:
    """A heading after the resources that holds prose only: the guide's closing call ("Ready to
    apply?"), not a question (its text is not a question's answer)."""
    heading = blocks[index]
    if heading.kind != "heading" or section_kind(plain(heading.text), heading=True) is not None:
        return False
    scope = blocks[index + 1:section_end(blocks, index, True)]
    return bool(scope) and all(block.kind in ("paragraph", "rule") for block in scope) \
        and index + 1 + len(scope) == len(blocks)
