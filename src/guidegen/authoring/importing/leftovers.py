"""What the outline's walk placed in no question: the roles of its headings, the title block, a
section's instruction, and the runs of blocks that nothing holds.

A heading is a topic when a question starts under it (before the next heading as high, and not in
a heading as high as it), a section heading when its words name one and questions follow; otherwise
it is no part of the guide. Blocks
placed nowhere before the first section, topic or question are the title block (head.py
reads it); under a technical or behavioural section heading, before its first question, they are
the section's instruction; anywhere else, consecutive ones make one unplaced run, kept whole, with
why it is unplaced (a table of contents, a heading with no question under it, text after an
answer). Positions are compared by bisection, so a long document costs no more than it should.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .blocks import Block
from .parts import Heading, Outline, Part, Question, Unplaced, as_block, has_words
from .questions import Piece, read

Free = tuple[int, Block | Piece | Part]  # (position in the walk, what was placed nowhere)


def settle_roles(structure: list[Heading], questions: list[Question], end: int) -> None:
    """What each heading turned out to be: a section, a topic (questions under it), or nothing."""
    starts = sorted(question.at for question in questions)
    topics = {at for question in questions for at in question.under}  # what each question stands under
    for number, heading in enumerate(structure):
        if heading.role:
            continue
        stop = next((later.at for later in structure[number + 1:] if later.level <= heading.level), end)
        if bisect_right(starts, heading.at) < bisect_left(starts, stop):  # a question under it
            if heading.section in ("technical", "behavioural"):
                heading.role = "section"
            elif heading.at in topics:  # not a sibling of its questions' headings
                heading.role = "topic"


def place(outline: Outline, structure: list[Heading], free: list[Free], end: int) -> None:
    """Everything placed nowhere yet: the title block (before the first section, topic or
    question), a section's instruction (before its first question), or unplaced runs."""
    starts = sorted(question.at for question in outline.questions)
    placed = [heading for heading in structure if heading.role]
    placed_at = [heading.at for heading in placed]
    first = min([*starts[:1], *(heading.at for heading in placed if heading.role in ("section", "topic"))],
                default=end)
    roles = {id(heading.block): heading for heading in structure}
    runs: list[list[Free]] = []
    for at, what in free:
        block = what.block if isinstance(what, (Piece, Part)) and what.block is not None else what
        heading = roles.get(id(block))
        if heading is not None and heading.role:
            continue  # a title, section or topic heading: placed
        if at < first:
            outline.head.append(as_block(what))
            continue
        above = placed[bisect_left(placed_at, at) - 1] if bisect_left(placed_at, at) else None
        if heading is None and above is not None and above.role == "section" \
                and above.section in ("technical", "behavioural") \
                and bisect_right(starts, above.at) == bisect_left(starts, at):  # no question yet
            outline.instructions.setdefault(above.section, []).append(
                what.piece if isinstance(what, Part) and what.piece else as_block(what))
            continue
        last = runs[-1][-1][0] if runs else None
        if last is not None and last >= at - 1 and bisect_right(starts, last) == bisect_right(starts, at):
            runs[-1].append((at, what))
        else:
            runs.append([(at, what)])
    by_start = {question.at: question for question in outline.questions}
    for run in runs:
        found = _unplaced(by_start, starts, run)
        if found is not None:
            outline.unplaced.append(found)


def _unplaced(by_start: dict[int, Question], starts: list[int], run: list[Free]) -> Unplaced | None:
    """A run of blocks placed nowhere, as one unplaced block (None when it holds no word)."""
    blocks = [as_block(what) for _, what in run]
    while blocks and not has_words(blocks[0]):
        blocks.pop(0)
        run = run[1:]
    while blocks and not has_words(blocks[-1]):
        blocks.pop()
    if not blocks:
        return None
    lines: list[str] = []
    end = blocks[0].line
    for block in blocks:
        if lines and block.line > end:
            lines.append("")
        lines += block.lines
        end = block.end
    while lines and not lines[-1].strip():
        lines.pop()
    first = blocks[0]
    before = bisect_left(starts, run[0][0])  # the questions started before the run
    last = by_start[starts[before - 1]] if before else None
    if any(is_contents(block) for block in blocks):
        message = "a table of contents"
    elif first.kind == "heading":
        message = "a heading with no question under it"
    elif read(first.text).role == "answer":
        message = "an answer with no question before it"
    elif last is not None and last.closed:
        message = "text after an answer, before the next question"
    else:
        message = "text that is not part of any question"
    return Unplaced(first.line, message, lines)


_ANCHOR = re.compile(r"^\s*\[[^\]]{1,300}\]\(#[^)\s]{0,300}\)\s*$")


def links_within(line: str) -> bool:
    """A line that is only a link to one of the document's own headings (an entry of its contents)."""
    return _ANCHOR.match(line) is not None


def is_contents(block: Block) -> bool:
    """A list of links to the document's own headings: a table of contents."""
    if block.kind != "list" or not block.items:
        return False
    linked = sum(1 for item in block.items if item.lines and links_within(item.lines[0]))
    return linked * 5 >= len(block.items) * 4
