"""What the outline placed, written as a guide's fields: an answer as Markdown, anything else as
plain text.

An answer is the Markdown its author wrote, block by block, with only what a guide cannot hold
rewritten (inline.py; HTML blocks by htmltext.py) and code left exactly as it is (what
the rewriting misses, the loader finds: import_file then writes that answer escaped, as text). A
hard break written as two trailing spaces becomes a backslash, so the YAML can hold the answer as a
literal block. A plain-text document's answer is its paragraphs, escaped so they print as written,
and a paragraph that numbers its steps inline ("(1) … (2) …") becomes a list.

Plain text (a question continued in a list, what a behavioural answer shows, an introduction) is
each block's words: a list's items become sentences, a table's rows its cells, HTML its text.
"""

from __future__ import annotations

import re

from ...model.punctuation import QUESTION_MARKS, SENTENCE_ENDS
from .blocks import Block
from .htmltext import convert
from .inline import answer_markdown, escape, plain
from .parts import Part
from .questions import Piece, shows_answer

_SPACE = re.compile(r"\s+")
_QUOTE_MARK = re.compile(r"^ {0,3}> ?")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_SENTENCE_END = (*SENTENCE_ENDS, *QUESTION_MARKS, ";")
MAX_BRACKETS = 256  # more unpaired `[` than this in one block, and they are escaped (see _rewrite)


# ---- plain text


def text(source: str, *, markdown: bool) -> str:
    """One piece of inline text as plain text: Markdown read, or plain text as written."""
    return plain(source) if markdown else _SPACE.sub(" ", source).strip()


def sentences(parts: list[str]) -> str:
    """Texts run together as sentences: each ends with a full stop unless it ends as a sentence."""
    kept = [part.strip() for part in parts if part.strip()]
    return " ".join(part if number == len(kept) - 1 or part.endswith(_SENTENCE_END) else f"{part}."
                    for number, part in enumerate(kept))


def block_text(block: Block, *, markdown: bool, numbered: bool = False) -> str:
    """A block's words as plain text. `numbered`: an ordered list's items keep their numbers
    ("1. … 2. …"), as a question's sub-questions are read."""
    kind = block.kind
    if kind in ("paragraph", "heading"):
        return text(block.text, markdown=markdown)
    if kind == "list":
        items = [" ".join(filter(None, (block_text(child, markdown=markdown, numbered=numbered)
                                        for child in item.blocks))) for item in block.items]
        if numbered and block.ordered:
            start = block.items[0].number or 1 if block.items else 1
            return " ".join(f"{start + index}. {item}" for index, item in enumerate(items) if item)
        return sentences(items)
    if kind == "code":
        lines = [line for line in block.lines if not _FENCE.match(line)]
        return _SPACE.sub(" ", " ".join(lines)).strip()
    if kind == "html":
        return _SPACE.sub(" ", convert(block.raw, markdown=False)).strip()
    if kind == "quote":
        return text("\n".join(_QUOTE_MARK.sub("", line) for line in block.lines), markdown=markdown)
    if kind == "table":
        return " ".join(text(cell, markdown=markdown) for row in block.rows for cell in row if cell.strip())
    if kind == "details":
        summary = _SPACE.sub(" ", convert(block.summary, markdown=False)).strip()
        inside = [block_text(child, markdown=markdown) for child in block.children]
        return sentences([summary, *inside] if summary and not shows_answer(summary) else inside)
    return ""


def part_text(part: Part, *, markdown: bool, numbered: bool = False) -> str:
    if part.inline:
        return text(part.inline, markdown=markdown)
    if part.piece is not None:
        return text(part.piece.text, markdown=markdown)
    assert part.block is not None
    return block_text(part.block, markdown=markdown, numbered=numbered)


def parts_text(parts: list[Part], *, markdown: bool, numbered: bool = False) -> str:
    """Placed parts as one plain text, sentence after sentence."""
    return sentences([part_text(part, markdown=markdown, numbered=numbered) for part in parts])


# ---- answers


def answer(parts: list[Part], *, markdown: bool) -> str:
    """An answer's Markdown from the parts the outline placed under its question ("" for none)."""
    if not markdown:
        paragraphs = _plain_answer([found for part in parts for found in _plain_lines(part)])
        return "\n\n".join(paragraphs) + "\n" if paragraphs else ""
    chunks = [chunk for chunk in (_chunk(part) for part in parts) if chunk.strip()]
    while chunks and chunks[0].strip() == "---":
        chunks.pop(0)
    while chunks and chunks[-1].strip() == "---":
        chunks.pop()
    written = "\n\n".join(chunk.strip("\n") for chunk in chunks)
    return written + "\n" if written.strip() else ""


def _chunk(part: Part) -> str:
    if part.inline:
        return _rewrite(part.inline.split("\n"))
    if part.piece is not None:
        paragraph = part.piece.block.kind == "paragraph"
        return _rewrite(_unindented(part.piece.lines) if paragraph else part.piece.lines)
    assert part.block is not None
    return block_markdown(part.block)


def block_markdown(block: Block) -> str:
    """A block as answer Markdown."""
    kind = block.kind
    if kind == "paragraph":
        return _rewrite(_unindented(block.lines))
    if kind == "quote":
        return _rewrite(block.lines)
    if kind == "heading":
        return _rewrite(block.lines, one_line=True)
    if kind == "list":
        return _rewrite(block.lines, code=_code_lines(block))
    if kind == "code":
        return "\n".join(line.rstrip() for line in block.lines)
    if kind == "html":
        return convert(block.raw, markdown=True)
    if kind == "table":
        return "\n".join(_rewrite([line], one_line=True) for line in block.lines)
    if kind == "rule":
        return "---"
    if kind == "details":
        summary = convert(block.summary, markdown=True).strip()
        inside = [block_markdown(child) for child in block.children]
        head = [f"**{summary}**"] if summary and not shows_answer(plain(block.summary)) else []
        return "\n\n".join(chunk.strip("\n") for chunk in [*head, *inside] if chunk.strip())
    return block.raw


def _unindented(lines: list[str]) -> list[str]:
    """A paragraph's lines without their indentation, which means nothing in a paragraph (an
    answer indented under its list item or its summary keeps none of it)."""
    return [line.lstrip(" \t") for line in lines]


def _code_lines(block: Block) -> set[int]:
    """Which of a list's lines (by index) belong to code blocks inside its items."""
    found: set[int] = set()
    for item in block.items:
        for child in item.blocks:
            if child.kind == "code":
                found.update(range(child.line - block.line, child.end - block.line))
            elif child.kind == "list":
                found.update(line + child.line - block.line for line in _code_lines(child))
    return found


def _rewrite(lines: list[str], *, one_line: bool = False, code: set[int] | None = None) -> str:
    """Lines of Markdown with what a guide cannot hold rewritten; code lines as they are. A hard
    break written as trailing spaces becomes a backslash, other trailing spaces go."""
    code = code or set()
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.extend(_rewrite_text("\n".join(run), one_line).split("\n"))
            run.clear()

    for index, line in enumerate(lines):
        if index in code:
            flush()
            out.append(line.rstrip())
        else:
            run.append(line)
    flush()
    for index, line in enumerate(out[:-1]):
        following = out[index + 1]
        if line.endswith("  ") and line.strip() and following.strip() and index not in code:
            out[index] = line.rstrip() + "\\"
        else:
            out[index] = line.rstrip() if index not in code else line
    if out:
        out[-1] = out[-1].rstrip()
    return "\n".join(out)


def _rewrite_text(source: str, one_line: bool) -> str:
    """answer_markdown, with a guard: markdown-it spends seconds on tens of thousands of unpaired
    `[`, so past MAX_BRACKETS of them in one block they are escaped (they print the same)."""
    written = answer_markdown(source, one_line=one_line)
    if written.count("[") > MAX_BRACKETS and written.count("[") > 2 * written.count("]("):
        written = re.sub(r"(?<!\\)\[(?![^\[\]\n]{0,500}\]\()", r"\\[", written)
    return written


# ---- a plain-text answer's inline lists

_PLAIN_ITEM = re.compile(r"^(?:\(?(\d{1,3})[.)]|[-•*–·▪◦])\s+(?=\S)")


_LINE_LABEL = re.compile(r"^[^\W\d_][^\W_]*(?: [^\W\d_][^\W_]*){0,2}\s?:\s+\S")


def _plain_lines(part: Part) -> list[str]:
    """A plain-text part's text, cut before each line that starts as a list item does ("•", "-",
    "1.") or with a label ("Situation: …"): a Word export writes a paragraph's bullets, or the steps
    of a STAR answer, on its next lines."""
    source = part.inline or (part.piece.text if part.piece is not None else "")
    if not source and part.block is not None and part.block.kind == "paragraph":
        source = part.block.text
    if not source:
        return [part_text(part, markdown=False)]
    runs: list[list[str]] = []
    for line in source.split("\n"):
        start = line.strip()
        labelled = _LINE_LABEL.match(start) is not None and not start[:1].islower()
        if runs and not (_PLAIN_ITEM.match(start) or labelled):
            runs[-1].append(line)
        else:
            runs.append([line])
    return [text("\n".join(run), markdown=False) for run in runs]


def _plain_answer(texts: list[str]) -> list[str]:
    """A plain-text answer's paragraphs as Markdown: escaped, so they print as written, with lines
    that start as list items do ("1.", "•", "-") as a Markdown list, and steps numbered inline as
    one too."""
    paragraphs: list[str] = []
    items: list[str] = []
    for found in texts:
        item = _PLAIN_ITEM.match(found)
        if item:
            marker = f"{item.group(1)}." if item.group(1) else "-"
            items.append(f"{marker} {escape(found[item.end():])}")
            continue
        if items:
            paragraphs.append("\n".join(items))
            items = []
        paragraphs += inline_lists(_escape_start(escape(found)))
    if items:
        paragraphs.append("\n".join(items))
    return [paragraph for paragraph in paragraphs if paragraph.strip()]


_BLOCK_START = re.compile(r"^(#{1,6}\s|[-+*]\s|\d+[.)]\s|>)")


def _escape_start(text: str) -> str:
    """Plain text that would open a Markdown heading, list or quote, escaped so it does not."""
    return _BLOCK_START.sub(r"\\\1", text)


_ENUMERATED = re.compile(r"\((\d{1,2})\)\s+")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.", "cf.", "Dr.", "Mr.", "Ms.",
                  "Mrs.", "No.", "St.", "U.S.", "U.K.")


def split_sentences(text: str) -> list[str]:
    """Text cut into sentences, not after an abbreviation such as "e.g."."""
    found: list[str] = []
    start = 0
    for match in _SENTENCE.finditer(text):
        before = text[start:match.start()].rstrip("\"”’)")
        if before.endswith(_ABBREVIATIONS):
            continue
        found.append(text[start:match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    return [*found, tail] if tail else found


def inline_lists(text: str) -> list[str]:
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
        last = split_sentences(items[-1])
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


def piece_block(piece: Piece) -> Block:
    return Block("paragraph", piece.line, piece.lines, text=piece.text)
