"""What a document's outline is made of: the parts placed under a question, the questions, the
headings and what each turned out to be, and what nothing holds (unplaced, kept whole)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .htmltext import convert
from .questions import Piece


@dataclass
class Part:
    """Something placed: a piece of a paragraph, a block, or Markdown after a question on its line."""

    line: int
    piece: Piece | None = None
    block: Block | None = None
    inline: str = ""


@dataclass
class Question:
    text: str
    line: int
    number: int | None
    form: str  # heading3, bold, item, plain, summary
    at: int = 0  # position in the walk
    topics: tuple[str, ...] = ()
    under: tuple[int, ...] = ()  # where those topic headings stand (two of one title are two groups)
    section: str | None = None  # "technical" or "behavioural": the section it stands in
    section_title: str | None = None
    level: int = 0  # a heading question's level
    more: list[Part] = field(default_factory=list)  # the question continued (a list of sub-questions)
    body: list[Part] = field(default_factory=list)  # what follows, until an answer is marked
    answer: list[Part] = field(default_factory=list)
    answered: bool = False  # an answer has begun (on the question's line, or after a label)
    closed: bool = False  # a container (details) held the whole answer
    needs_text: bool = False  # "Q:" alone: the question is the next paragraph
    lines: list[str] = field(default_factory=list)  # where it was asked, as written

    def settle(self) -> None:
        """What followed the question is its answer; a list right after a question ending with ":"
        continues the question ("K-means clustering:" then its sub-questions)."""
        body, self.body = self.body, []
        if not self.answered and body and self.text.rstrip().endswith(":") and body[0].block is not None \
                and body[0].block.kind == "list":
            self.more.append(body.pop(0))
        self.answer += body


@dataclass
class Heading:
    """A heading that is not a question, with what it turned out to be."""

    at: int  # position in the walk
    block: Block
    level: int
    text: str
    section: str | None  # its section kind, if its words name one
    role: str = ""  # title, section, topic, closing, or "" (none: kept unplaced)


@dataclass
class Unplaced:
    """Source that the importer found no place for: its first line, why, and its lines, whole."""

    line: int
    message: str
    lines: list[str]


@dataclass
class Outline:
    title: Block | None = None
    head: list[Block] = field(default_factory=list)  # before the first section, topic or question
    questions: list[Question] = field(default_factory=list)
    instructions: dict[str, list[Block | Piece]] = field(default_factory=dict)
    sections: list[tuple[str, Block | None, list[Block]]] = field(default_factory=list)  # legacy kinds
    closings: list[tuple[Block, list[Block]]] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    kind: str = "technical"  # the document's kind of question, when nothing else says


_WORDS = re.compile(r"[^\W_]")


def has_words(block: Block) -> bool:
    """Whether a block holds a word: a rule, a `<br/>` or an empty tag holds none; an image's
    description and address are words."""
    text = block.raw if block.kind != "html" else convert(block.raw, markdown=False)
    return block.kind != "rule" and _WORDS.search(text) is not None


def as_block(what: Block | Piece | Part) -> Block:
    """Whatever was placed, as a block (a piece of a paragraph or an answer's start, a paragraph)."""
    if isinstance(what, Block):
        return what
    if isinstance(what, Piece):
        return Block("paragraph", what.line, what.lines, text=what.text)
    if what.piece is not None:
        return as_block(what.piece)
    if what.block is not None:
        return what.block
    return Block("paragraph", what.line, [what.inline], text=what.inline)
