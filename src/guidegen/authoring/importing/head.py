"""The title block: what comes before a document's first section, topic or question.

A title (the first `#` heading, else the middle of three short lines as "Careers Guide / Data
Engineer Interview Questions / 2026 edition" has it, else the first short line), the short line just
above it (a kicker), the one just below it (a subtitle), and prose: the introduction. A table of
contents is not content of the guide (its entries are the headings themselves); it is kept, unplaced,
as is any other heading line, or a code block or table standing before the questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model.punctuation import PROSE_ENDS, word_count
from .blocks import Block
from .leftovers import is_contents
from .parts import Unplaced, has_words
from .render import block_text, sentences, text

_SHORT_WORDS = 14
#: A line of its own that titles a table of contents ("**Table of contents**", "In this article")
_CONTENTS_TITLE = re.compile(r"^(?:table of contents|contents|in this (?:article|post|guide|page)|"
                             r"on this page|jump to|questions)\W*$", re.IGNORECASE)


def _names_contents(block: Block) -> bool:
    return block.kind == "paragraph" and "\n" not in block.text \
        and _CONTENTS_TITLE.match(text(block.text, markdown=True)) is not None


@dataclass
class Head:
    title: str | None = None
    kicker: str | None = None
    subtitle: str | None = None
    introduction: str | None = None
    unplaced: list[Unplaced] = field(default_factory=list)


def _short(line: str) -> bool:
    """A heading-like line: a few words, not ending as a sentence does."""
    return 0 < word_count(line) <= _SHORT_WORDS and not line.rstrip("*_ ").endswith(PROSE_ENDS)


_TITLE_KEY = re.compile(r"^title\s*[:=]\s*(.+)$", re.IGNORECASE)
_PROPERTY = re.compile(r"^[^\W\d][\w ]{0,24}:\s+\S")


def _properties(block: Block) -> bool:
    """Lines of "Name: value", as a Notion page's properties (Created:, Tags:) are exported: prose
    for the introduction, not a title's lines."""
    return all(_PROPERTY.match(line) for line in block.text.split("\n"))


def read_head(title: Block | None, blocks: list[Block], *, markdown: bool) -> Head:
    """The title block from the blocks before the first section, topic or question (`title`, the
    first `#` heading, wherever it stands)."""
    head = Head()
    meta = next((block for block in blocks if block.kind == "meta"), None)
    if meta is not None:  # front matter: its title, if it has one; kept whole, unplaced
        blocks = [block for block in blocks if block is not meta]
        head.unplaced.append(Unplaced(meta.line, "front matter", meta.lines))
        found_title = next((_TITLE_KEY.match(line) for line in meta.lines if _TITLE_KEY.match(line)), None)
        if found_title is not None and title is None:
            head.title = found_title.group(1).strip().strip("\"'").strip() or None
    found = sorted([*blocks, *([title] if title is not None else [])], key=lambda block: block.line)
    kept: list[Block] = []
    index = 0
    while index < len(found):  # tables of contents out first: their heading goes with them
        block = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if (block.kind == "heading" or _names_contents(block)) and block is not title \
                and following is not None and is_contents(following):
            head.unplaced.append(Unplaced(block.line, "a table of contents", _joined([block, following])))
            index += 2
            continue
        if is_contents(block):
            head.unplaced.append(Unplaced(block.line, "a table of contents", block.lines))
        else:
            kept.append(block)
        index += 1
    lines: list[tuple[Block, str, int, int]] = []  # (block, text, heading level, position in `kept`)
    prose: list[tuple[int, Block]] = []
    for position, block in enumerate(kept):
        if block.kind == "heading":
            lines.append((block, text(block.text, markdown=markdown), block.level, position))
        elif block.kind == "paragraph" and not prose and not _properties(block) and all(
                _short(text(line, markdown=markdown)) for line in block.text.split("\n")):
            lines += [(Block("paragraph", block.line + offset, [block.lines[offset]], text=line),
                       text(line, markdown=markdown), 0, position)
                      for offset, line in enumerate(block.text.split("\n"))]
        else:
            prose.append((position, block))
    titled = [i for i, (block, _, _, _) in enumerate(lines) if block is title]
    at = titled[0] if titled else (1 if len(lines) >= 3 else 0)
    used: set[int] = set()
    if lines and head.title is None:
        head.title = lines[at][1]
        used.add(at)
        if at > 0 and not _between(prose, lines[at - 1], lines[at]):
            head.kicker = lines[at - 1][1]
            used.add(at - 1)
        if at + 1 < len(lines) and not _between(prose, lines[at], lines[at + 1]):
            head.subtitle = lines[at + 1][1]
            used.add(at + 1)
    for number, (block, _, _, _) in enumerate(lines):
        if number not in used:
            head.unplaced.append(Unplaced(block.line, "a heading line before the first question",
                                          block.lines))
    introduction: list[str] = []
    for _, block in prose:
        if block.kind in ("code", "table"):
            what = "code block" if block.kind == "code" else "table"
            head.unplaced.append(Unplaced(block.line, f"a {what} before the first question", block.lines))
        elif block.kind == "paragraph" and _properties(block):
            introduction += [text(line, markdown=markdown) for line in block.text.split("\n")]
        elif has_words(block):
            introduction.append(block_text(block, markdown=markdown))
    head.introduction = sentences(introduction) or None
    return head


def _between(prose: list[tuple[int, Block]], first: tuple[Block, str, int, int],
             second: tuple[Block, str, int, int]) -> bool:
    """Whether prose stands between two heading lines (then they are not a title's kicker or
    subtitle, but headings of their own)."""
    return any(first[3] < position < second[3] for position, _ in prose) or second[3] - first[3] > 1


def _joined(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines += block.lines
    return lines
