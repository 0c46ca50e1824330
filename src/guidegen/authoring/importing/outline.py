"""A document's outline: its title, its sections and topics, its questions with their answers, and
what is none of these.

The walk reads the blocks in order, with one question open at a time: what follows a question is its
answer until the next question, a heading that closes it, or the end of the `<details>` or label
that held the answer. Whether a piece is a question depends on where it stands as well as on its
words, so the document's own habits are learnt first: the form most of its sure questions take (a
`###` heading, a bold line, a list item, a paragraph: its *dominant* form) and whether they are set
apart (by a rule, a `<br>`, a heading). A piece in the dominant form is a question on weaker evidence
(a bold line with no question mark, "Precision-recall trade-off", among bold questions set apart the
same way); a piece in another form is one only on strong evidence, or when it is the next number in
the document's numbering ("3." after "Question 2:"). So a list of questions under a question ("###
Q: K-means clustering:" then "1. How would you choose k?") stays with that question, and a bold
"**Advantages**" inside an answer stays in the answer.

Headings are sections (sectioning.py knows them by their words; stages, red flags and
resources are read by sections.py), topics (a heading with questions under it: a group), the
title, or none of these (leftovers.py decides, after the walk). A document without Markdown
headings (plain text, Word's export) marks a topic with a short line of its own before a question.

Nothing is dropped: every entry ends up in a question, a section, the title block, or an unplaced run
(consecutive entries placed nowhere), which `import` lists and keeps whole.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...model.punctuation import CLAUSE_ENDS, word_count
from .blocks import Block, Item
from .inline import plain
from .leftovers import Free, links_within, place, settle_roles
from .parts import Heading, Outline, Part, Question, as_block, has_words
from .questions import (
    NUMBERING,
    Piece,
    Reading,
    is_prompt,
    pieces,
    qa_columns,
    read,
    shows_answer,
    without_difficulty,
)
from .sectioning import LEGACY, is_closing, opens, section_end, section_kind


def heading_like(block: Block) -> bool:
    """A short line standing alone, as plain text marks a heading: few words, no sentence end."""
    if block.kind != "paragraph" or "\n" in block.text:
        return False
    text = plain(block.text)
    return 0 < word_count(text) <= 8 and not text.endswith(CLAUSE_ENDS) \
        and read(block.text).role == "text"


@dataclass
class _Entry:
    kind: str  # heading, piece, list, details, block
    block: Block
    piece: Piece | None
    reading: Reading
    form: str


# ---- the walk


class _Walk:
    def __init__(self, blocks: list[Block], *, markdown: bool) -> None:
        self.blocks = blocks
        self.markdown = markdown
        self.headings = markdown and any(block.kind == "heading" for block in blocks)
        self.outline = Outline()
        self.current: Question | None = None
        self.last_number: int | None = None
        self.topics: list[tuple[int, str, int]] = []  # (level, title, position) of the topics above
        self.section: Heading | None = None
        self.structure: list[Heading] = []
        self.free: list[Free] = []  # (position, what) placed nowhere yet
        self.at = 0  # position in the walk
        self.readings: dict[int, tuple[Reading, Piece | None]] = {}  # list items', by id

    # -- reading the blocks as entries

    def entries(self, block: Block) -> list[_Entry]:
        numbers = not self.markdown
        if block.kind == "heading":
            return [_Entry("heading", block, None, read(block.text, numbers=True), f"heading{block.level}")]
        if block.kind == "paragraph":
            found = []
            for piece in pieces(block, numbers=numbers):
                reading = read(piece.text, numbers=numbers)
                numbered = reading.number is not None and numbers
                form = "bold" if reading.bold else "item" if numbered else "plain"
                found.append(_Entry("piece", block, piece, reading, form))
            return found
        if block.kind == "list":
            return [_Entry("list", block, None, Reading("text"), "item")]
        if block.kind == "table" and qa_columns(block) is not None:
            return [_Entry("table", block, None, Reading("question", strength=3), "table")]
        if block.kind == "details":
            summary = plain(block.summary)
            if shows_answer(summary):
                return [_Entry("details", block, None, Reading("answer"), "summary")]
            return [_Entry("details", block, None, read(summary, numbers=True), "summary")]
        return [_Entry("block", block, None, Reading("text"), "")]

    def item_reading(self, item: Item) -> tuple[Reading, Piece | None]:
        found = self.readings.get(id(item))
        if found is None:
            found = self.readings[id(item)] = self._item_reading(item)
        return found

    @staticmethod
    def _item_reading(item: Item) -> tuple[Reading, Piece | None]:
        first = item.blocks[0] if item.blocks else None
        if first is None or first.kind not in ("paragraph", "heading"):  # "1. ### What is …?" too
            return Reading("text"), None
        if len(item.blocks) == 1 and item.lines and links_within(item.lines[0]):
            return Reading("text"), None  # an entry of the contents, not the question it names
        piece = pieces(first)[0]
        reading = read(piece.text)
        if reading.number is None:
            reading.number = item.number
        return reading, piece

    # -- the document's habits

    def learn(self, sequence: list[_Entry]) -> None:
        """The dominant form of the document's sure questions, and whether they are set apart."""
        forms: Counter[str] = Counter()
        separated = total = 0
        previous: _Entry | None = None
        for entry in sequence:
            readings: list[tuple[Reading, str]] = [(entry.reading, entry.form)]
            if entry.kind == "list":
                readings = [(self.item_reading(item)[0], "item") for item in entry.block.items]
            for reading, form in readings:
                if reading.role == "question" and reading.strength >= 2:
                    forms[form] += 1
            if entry.reading.role == "question" and entry.reading.strength >= 2 and entry.form == "bold":
                total += 1
                separated += previous is None or _separator(previous)
            previous = entry
        if not forms:  # no question asks with a mark: the prompts in headings and bold lines are them
            for entry in sequence:
                if entry.reading.role == "question" and entry.reading.strength == 1 and (
                        entry.form == "bold" or entry.form.startswith("heading")):
                    forms[entry.form] += 1
        terms = _terms(sequence)
        if not forms:  # nor any prompt: a glossary's headings ("## Closures", its text under it)
            forms.update({form: len(found) for form, found in terms.items() if len(found) >= 3})
        top = max(forms.values(), default=0)
        self.dominant = {form for form, count in forms.items() if count == top or (count >= 3 and
                                                                                     count * 4 >= top)}
        self.set_apart = total >= 3 and separated >= 0.8 * total
        #: headings named for a term, in the form of the document's questions: questions too
        self.terms = {id(entry) for form, found in terms.items() if form in self.dominant for entry in found}

    # -- deciding

    def accepts(self, reading: Reading, form: str, previous: _Entry | None) -> bool:
        """Whether a piece that reads as a question (to some degree) opens one here."""
        if reading.role != "question":
            return False
        if reading.strength == 3:
            return True
        current = self.current if self.current is not None and not self.current.closed else None
        dominant = form in self.dominant
        in_sequence = reading.number is not None and self.last_number is not None \
            and reading.number == self.last_number + 1
        if form == "plain":
            worded = reading.strength == 2 or (reading.strength == 1 and is_prompt(reading.text)
                                               and word_count(reading.text) <= 40)
            if not worded or not (dominant or in_sequence):
                return False
            # the paragraph after a plain question is its answer, unless it asks a question itself
            return current is None or bool(current.body or current.answer or current.answered) \
                or current.form != "plain" or reading.strength == 2
        if form.startswith("heading"):  # a numbered one among numbered questions, whatever its words
            prompt = reading.strength == 1 and (dominant or is_prompt(reading.text))
            return reading.strength >= 2 or prompt or (dominant and in_sequence)
        if form == "item" and current is not None and reading.number == 1 and self.last_number:
            return False  # a list starting again at 1 inside an answer
        if reading.strength >= 1 and (dominant or in_sequence):
            return True
        if reading.strength == 0:
            return dominant and form == "bold" and reading.whole and self.set_apart \
                and (previous is None or _separator(previous))
        if current is not None:
            return False  # in another form than the document's questions: part of the answer
        past_head = bool(self.outline.questions) or bool(self.structure)
        return reading.strength == 2 and (form in ("bold", "summary") or past_head)

    # -- the walk

    def run(self, sequence: list[_Entry]) -> None:
        previous: _Entry | None = None
        for entry in sequence:
            self.at += 1
            self.step(entry, previous)
            previous = entry
        self.close()

    def step(self, entry: _Entry, previous: _Entry | None) -> None:
        reading = entry.reading
        current = self.current if self.current is not None and not self.current.closed else None
        if current is not None and current.needs_text and entry.kind == "piece" and reading.role != "answer":
            current.text, current.needs_text = plain(entry.piece.text if entry.piece else ""), False
            if reading.rest and reading.role == "question":
                current.answer.append(Part(entry.block.line, inline=reading.rest))
                current.answered = True
            return
        if entry.kind == "heading":
            self.heading(entry)
            return
        if entry.kind in ("title", "legacy"):
            self.boundary(entry)
            return
        if entry.kind == "details":
            self.details(entry)
            return
        if entry.kind == "list":
            self.items(entry, previous)
            return
        if entry.kind == "table":
            self.table(entry.block)
            return
        if reading.role == "answer":
            self.label(entry, reading.rest)
            return
        if entry.kind == "piece" and self.accepts(reading, entry.form, previous):
            self.start(reading, entry.form, entry.piece.line if entry.piece else entry.block.line, previous,
                       lines=entry.piece.lines if entry.piece else entry.block.lines)
            return
        self.content(Part(entry.piece.line if entry.piece else entry.block.line, piece=entry.piece,
                          block=None if entry.piece else entry.block))

    def heading(self, entry: _Entry) -> None:
        reading, block = entry.reading, entry.block
        current = self.current if self.current is not None and not self.current.closed else None
        if reading.role == "answer" and current is not None:
            self.label(entry, reading.rest)
            return
        if self.accepts(reading, entry.form, None) or (id(entry) in self.terms and reading.role != "answer"):
            if reading.role != "question":  # a term: asked as it is named
                reading = Reading("question", plain(block.text), 0)
            self.start(reading, entry.form, block.line, None, level=block.level, lines=block.lines)
            return
        if current is not None and current.form.startswith("heading") and block.level > current.level:
            current.body.append(Part(block.line, block=block))  # a heading inside an answer
            return
        self.close()
        text = plain(block.text)
        kind = section_kind(text, heading=True)
        found = Heading(self.at, block, block.level, text, kind)
        self.structure.append(found)
        self.topics = [topic for topic in self.topics if topic[0] < block.level]
        if kind in ("technical", "behavioural"):
            self.section = found
        elif self.section is not None and block.level <= self.section.level:
            self.section = None
        if kind not in ("technical", "behavioural"):
            self.topics.append((block.level, text, self.at))
        self.free.append((self.at, block))

    def boundary(self, entry: _Entry) -> None:
        """The title, or a section read elsewhere (stages, red flags, resources): no question goes on
        past it, and the topics above it end."""
        self.close()
        block = entry.block
        level = block.level if block.kind == "heading" else 1
        self.topics = [topic for topic in self.topics if topic[0] < level]
        if self.section is not None and level <= self.section.level:
            self.section = None
        role = "title" if entry.kind == "title" else "section"
        self.structure.append(Heading(self.at, block, level, plain(block.text), entry.form or None, role))

    def details(self, entry: _Entry) -> None:
        block, reading = entry.block, entry.reading
        current = self.current if self.current is not None and not self.current.closed else None
        if reading.role == "answer":
            if current is None:
                self.free.append((self.at, block))
                return
            if not current.answered:
                current.more += current.body  # between a question and its answer: more question
                current.body = []
            current.answer += [Part(child.line, block=child) for child in block.children]
            current.answered = current.closed = True
            return
        if self.accepts(reading, "summary", None) or (reading.role == "question" and reading.strength >= 1):
            self.start(reading, "summary", block.line, None, lines=block.lines[:1])
            assert self.current is not None
            self.current.answer += [Part(child.line, block=child) for child in block.children]
            self.current.answered = self.current.closed = True
            return
        self.content(Part(block.line, block=block))

    def items(self, entry: _Entry, previous: _Entry | None) -> None:
        """A list: a list of questions when any item is one, else content."""
        block = entry.block
        readings = [self.item_reading(item) for item in block.items]
        accepted: list[bool] = []
        saved = (self.current, self.last_number)
        for item, (reading, _) in zip(block.items, readings, strict=True):
            sibling = bool(accepted) and accepted[-1] and reading.strength >= 1  # a list of questions
            accepted.append(self.accepts(reading, "item", previous) or sibling)
            if accepted[-1]:  # as if started, so the next item is judged in sequence
                self.current = Question("", item.line, reading.number, "item")
                self.last_number = reading.number if reading.number is not None else self.last_number
        self.current, self.last_number = saved
        if not any(accepted):
            self.content(Part(block.line, block=block))
            return
        for index, (item, (reading, piece), take) in enumerate(zip(block.items, readings, accepted,
                                                                   strict=True)):
            if not take:
                self.content(Part(item.line, block=_item_block(block, index)))
                continue
            self.start(reading, "item", item.line, previous, lines=item.lines[:1])
            assert self.current is not None and piece is not None
            first = item.blocks[0]
            for more in pieces(first)[1:]:
                more_reading = read(more.text)
                if more_reading.role == "answer":
                    self.label(_Entry("piece", first, more, more_reading, "plain"), more_reading.rest)
                else:
                    self.content(Part(more.line, piece=more))
            for nested in item.blocks[1:]:
                if nested.kind != "paragraph":
                    self.content(Part(nested.line, block=nested))
                    continue
                for more in pieces(nested):
                    more_reading = read(more.text)
                    if more_reading.role == "answer":
                        self.label(_Entry("piece", nested, more, more_reading, "plain"), more_reading.rest)
                    else:
                        self.content(Part(more.line, piece=more))

    def table(self, block: Block) -> None:
        """A table of questions ("| Question | Answer |"): a question a row, its answer beside it;
        another column's cell is added to the answer under its header ("Level: easy")."""
        columns = qa_columns(block)
        assert columns is not None
        asked, answered = columns
        headers = [plain(cell) for cell in block.rows[0]]
        for number, row in enumerate(block.rows[1:]):
            line = min(block.line + 2 + number, block.end - 1)
            if asked >= len(row) or not plain(row[asked]):
                self.content(Part(line, block=Block("paragraph", line, [block.lines[line - block.line]],
                                                    text=" ".join(row))))
                continue
            self.start(Reading("question", plain(row[asked]), 3), "table", line, None,
                       lines=[block.lines[line - block.line]])
            assert self.current is not None
            extra = [f"{headers[index]}: {cell}" if headers[index] else cell
                     for index, cell in enumerate(row) if index not in (asked, answered) and cell.strip()
                     and not NUMBERING.match(headers[index])]
            for text in [row[answered] if answered < len(row) else "", *extra]:
                if text.strip():
                    self.current.answer.append(Part(line, inline=text))
                    self.current.answered = True
        self.close()

    def label(self, entry: _Entry, rest: str) -> None:
        current = self.current if self.current is not None and not self.current.closed else None
        line = entry.piece.line if entry.piece else entry.block.line
        if current is None:
            self.free.append((self.at, entry.piece or entry.block))
            return
        if not current.answered:
            current.more += current.body
            current.body = []
        current.answer += current.body
        current.body = []
        current.answered = True
        if rest.strip():
            current.answer.append(Part(line, inline=rest))

    def start(self, reading: Reading, form: str, line: int, previous: _Entry | None, *,
              level: int = 0, lines: list[str] | None = None) -> None:
        self.close()
        if not self.headings and previous is not None:
            self.topic_line()
        if level:  # a question's heading ends the topics at its level or below: they are its siblings
            self.topics = [topic for topic in self.topics if topic[0] < level]
        section = self.section
        question = Question(without_difficulty(reading.text), line, reading.number, form, at=self.at,
                            topics=tuple(title for _, title, _ in self.topics),
                            under=tuple(at for _, _, at in self.topics),
                            section=section.section if section else None,
                            section_title=section.text if section else None, level=level,
                            needs_text=not reading.text, lines=lines or [])
        if reading.rest.strip():
            question.answer.append(Part(line, inline=reading.rest))
            question.answered = True
        self.current = question
        self.outline.questions.append(question)
        if reading.number is not None:
            self.last_number = reading.number

    def topic_line(self) -> None:
        """Without Markdown headings, a short line of its own just before a question is a topic."""
        last = self.outline.questions[-1] if self.outline.questions else None
        candidate: Block | None = None
        if last is not None and last.answer and last.answer[-1].piece is not None:
            piece = last.answer[-1].piece
            if piece.block.kind == "paragraph" and len(piece.block.lines) == 1 and heading_like(piece.block):
                candidate = piece.block
                last.answer.pop()
        elif self.free and self.free[-1][0] == self.at - 1:
            what = self.free[-1][1]
            alone = what if isinstance(what, Piece) else what.piece if isinstance(what, Part) else None
            if alone is not None and len(alone.block.lines) == 1 and heading_like(alone.block):
                candidate = alone.block
                self.free.pop()
        if candidate is None or candidate is self.blocks[0]:  # the document's first line is its title
            if candidate is not None:
                self.free.append((self.at - 1, candidate))
            return
        text = plain(candidate.text)
        found = Heading(self.at - 1, candidate, 2, text, None, role="topic")
        self.structure.append(found)
        self.topics = [(2, text, self.at - 1)]
        self.free.append((self.at - 1, candidate))

    def content(self, part: Part) -> None:
        current = self.current if self.current is not None and not self.current.closed else None
        if current is not None:
            current.body.append(part)
            return
        self.free.append((self.at, part))

    def close(self) -> None:
        current, self.current = self.current, None
        if current is None:
            return
        current.settle()
        said = [part for part in [*current.more, *current.answer] if has_words(as_block(part))]
        if current.needs_text and not current.text and not said:
            self.outline.questions.remove(current)  # a label ("Question 3:") and nothing after it
            block = Block("paragraph", current.line, current.lines, text="\n".join(current.lines))
            self.free.append((current.at, block))


#: A heading that names a part of the document, never a term asked about
_DOCUMENT_PART = re.compile(
    r"^(?:introduction|intro|overview|about|preface|foreword|how to|contents|table of contents|summary|"
    r"conclusion|conclusions|final thoughts|wrapping up|acknowledg|licen[cs]e|author|references|"
    r"further reading|see also|credits|disclaimer|changelog|contributing|notes|appendix|glossary|"
    r"index|tl;?dr|prerequisites|getting started|setup|installation|usage|faq)\b", re.IGNORECASE)


def _terms(sequence: list[_Entry]) -> dict[str, list[_Entry]]:
    """The headings, by form, that name a term with its explanation under them: text of its own
    follows, no heading under it, a few words, not a section's nor a part of the document's name
    ("## Virtual destructor" among "## What is a vtable?")."""
    found: dict[str, list[_Entry]] = {}
    below: list[_Entry | None] = [None] * len(sequence)  # the next heading after each entry
    for index in range(len(sequence) - 2, -1, -1):
        after = sequence[index + 1]
        below[index] = after if after.kind in ("heading", "title", "legacy") else below[index + 1]
    for index, entry in enumerate(sequence):
        if entry.kind != "heading" or entry.reading.role != "text" or index + 1 == len(sequence):
            continue
        if sequence[index + 1].kind in ("heading", "title", "legacy"):
            continue
        following = below[index]
        if following is not None and following.kind == "heading" \
                and following.block.level > entry.block.level:
            continue  # a topic: headings under it
        text = plain(entry.block.text)
        if not text or word_count(text) > 10 or text.endswith(":") or _DOCUMENT_PART.match(text) \
                or section_kind(text, heading=True) is not None:
            continue
        found.setdefault(entry.form, []).append(entry)
    return found


def _separator(entry: _Entry) -> bool:
    """An entry that sets questions apart: a heading, a rule, a `<br>`, a closed details block."""
    if entry.kind in ("heading", "details"):
        return True
    return entry.kind == "block" and entry.block.kind in ("rule", "html") and not has_words(entry.block)


def _item_block(block: Block, index: int) -> Block:
    """One item of a list, as a list of its own (its lines as written, marker included)."""
    item = block.items[index]
    end = block.items[index + 1].line if index + 1 < len(block.items) else block.end
    lines = block.lines[item.line - block.line:end - block.line]
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return Block("list", item.line, lines, ordered=block.ordered, items=[item])


# ---- the whole document


def read_outline(blocks: list[Block], *, markdown: bool) -> Outline:
    """The outline of a document's blocks (see the module's docstring)."""
    walk = _Walk(blocks, markdown=markdown)
    outline = walk.outline
    title = next((block for block in blocks if block.kind == "heading" and block.level == 1), None)
    outline.title = title
    if title is not None and section_kind(plain(title.text), heading=True) == "behavioural":
        outline.kind = "behavioural"
    sequence: list[_Entry] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block is title:
            sequence.append(_Entry("title", block, None, Reading("text"), ""))
            index += 1
            continue
        kind = opens(block, walk.headings)
        if kind in LEGACY:
            end = section_end(blocks, index, walk.headings)
            outline.sections.append((kind, block, blocks[index + 1:end]))
            sequence.append(_Entry("legacy", block, None, Reading("text"), kind))
            if kind == "resources" and walk.headings and end < len(blocks) and is_closing(blocks, end):
                stop = section_end(blocks, end, True)
                outline.closings.append((blocks[end], blocks[end + 1:stop]))
                sequence.append(_Entry("legacy", blocks[end], None, Reading("text"), "closing"))
                end = stop
            index = end
            continue
        if kind is not None and block.kind != "heading":  # a section's line, in plain text
            block = Block("heading", block.line, block.lines, level=2, text=block.text)
        sequence += walk.entries(block)
        index += 1
    walk.learn(sequence)
    walk.run(sequence)
    settle_roles(walk.structure, outline.questions, walk.at + 1)
    place(outline, walk.structure, walk.free, walk.at + 1)
    return outline

