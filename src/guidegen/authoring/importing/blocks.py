"""A document as a list of blocks: what each is (a heading, a paragraph, a list…), where it is, and
its lines as written.

Markdown is read by markdown-it's block parser, so what CommonMark says is a heading, a list or a
code block is one here, and nothing else is: a `# comment` in a fence, `stages:` in a YAML sample or
a `#` inside an HTML block opens nothing. Every block keeps its source lines (for a list item's
content, without the item's indentation), so an answer is the Markdown that was written and a block
that cannot be placed is kept whole. The inline parser is not run: plain text and answers are read
by inline.py, which cannot be made slow by a line of brackets.

`<details>` … `</details>` (HTML blocks around Markdown, as GitHub renders them) becomes one block
holding its summary and the blocks inside, since a summary and its content are a question and its
answer, or an answer behind "Show answer".

A plain-text document (.txt, no Markdown in it) is paragraphs: lines up to a blank line, or each
line on its own when the document has (almost) no blank lines, as Word's "Save as text" writes one
paragraph per line. Its marks (`*`, `#`, indentation) mean nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .htmltext import closes_details, split_details


@dataclass(eq=False)
class Item:
    """One item of a list: its number (ordered lists), its first line and its content."""

    line: int  # 1-based
    number: int | None
    lines: list[str]  # the item's lines without its marker and its indentation
    blocks: list[Block]


@dataclass(eq=False)
class Block:
    """One block: `kind` is heading, paragraph, list, code, html, quote, table, rule, details or
    meta (front matter)."""

    kind: str
    line: int  # 1-based, of its first line
    lines: list[str]  # as written (without the indentation of the list item holding it)
    level: int = 0  # a heading's level
    text: str = ""  # a heading's or paragraph's inline Markdown, one source line per line
    items: list[Item] = field(default_factory=list)
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, header row first
    summary: str = ""  # a details block's summary (HTML)
    children: list[Block] = field(default_factory=list)  # a details block's content

    @property
    def heading(self) -> int:
        """The heading level, 0 for any other block."""
        return self.level if self.kind == "heading" else 0

    @property
    def end(self) -> int:
        """The line after its last."""
        return self.line + len(self.lines)

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)

    def __repr__(self) -> str:  # short, for test failures
        return f"Block({self.kind}, line {self.line}, {self.raw[:40]!r})"


# ---- Markdown


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.core.ruler.disable("inline")  # blocks only: inline text is read by inline.py
    return parser


_MARKER = re.compile(r"[ \t]*(?:\d{1,9}[.)]|[-+*])(?:[ \t]+|$)")


_FRONT_MATTER_END = ("---", "...", "+++")


def markdown_blocks(text: str) -> list[Block]:
    """The top-level blocks of a Markdown document, `<details>` grouped. Front matter (the
    `---` … `---` block of metadata static-site generators and Obsidian put first) is one block of
    kind meta, not a rule and a heading."""
    lines = text.split("\n")
    meta: list[Block] = []
    if lines and lines[0].rstrip() in ("---", "+++"):
        end = next((number for number in range(1, min(len(lines), 200))
                    if lines[number].rstrip() in _FRONT_MATTER_END), None)
        if end is not None:
            meta = [Block("meta", 1, lines[:end + 1])]
            text = "\n" * (end + 1) + "\n".join(lines[end + 1:])  # the same line numbers, blank
    tokens = _parser().parse(text)
    return meta + _group_details(_blocks(tokens, 0, len(tokens), dict(enumerate(lines))))


def _blocks(tokens: list[Token], start: int, stop: int, lines: dict[int, str]) -> list[Block]:
    """The blocks among tokens[start:stop], all at one nesting level; `lines` by 0-based number."""
    found: list[Block] = []
    index = start
    while index < stop:
        token = tokens[index]
        close = _closing(tokens, index, stop)
        if token.map is None:
            index = close + 1
            continue
        first, last = token.map
        source = [lines.get(number, "") for number in range(first, last)]
        kind = token.type
        if kind == "heading_open":
            found.append(Block("heading", first + 1, source, level=int(token.tag[1]),
                               text=tokens[index + 1].content))
        elif kind == "paragraph_open":
            found.append(Block("paragraph", first + 1, source, text=tokens[index + 1].content))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            found.append(Block("list", first + 1, source, ordered=kind == "ordered_list_open",
                               items=_items(tokens, index + 1, close, lines)))
        elif kind in ("fence", "code_block"):
            found.append(Block("code", first + 1, source))
        elif kind == "html_block":
            found.append(Block("html", first + 1, source, text=token.content))
        elif kind == "blockquote_open":
            found.append(Block("quote", first + 1, source))
        elif kind == "table_open":
            found.append(Block("table", first + 1, source, rows=_rows(tokens, index, close)))
        elif kind == "hr":
            found.append(Block("rule", first + 1, source))
        index = close + 1
    return _trimmed(found)


def _trimmed(found: list[Block]) -> list[Block]:
    """Blocks without trailing blank lines (a list's map takes in the blank line after it)."""
    for block in found:
        while len(block.lines) > 1 and not block.lines[-1].strip():
            block.lines.pop()
    return found


def _closing(tokens: list[Token], index: int, stop: int) -> int:
    """The index of the token closing tokens[index] (itself when it opens nothing)."""
    if tokens[index].nesting != 1:
        return index
    depth = 0
    for position in range(index, stop):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return stop - 1


def _items(tokens: list[Token], start: int, stop: int, lines: dict[int, str]) -> list[Item]:
    items: list[Item] = []
    index = start
    while index < stop:
        token = tokens[index]
        close = _closing(tokens, index, stop)
        if token.type == "list_item_open" and token.map is not None:
            first, last = token.map
            marker = _MARKER.match(lines.get(first, "").expandtabs(4))
            width = len(marker.group()) if marker else 0
            own = {number: _dedent(lines.get(number, ""), width, number == first)
                   for number in range(first, last)}
            number = int(token.info) if token.info.isdigit() else None
            blocks = _blocks(tokens, index + 1, close, own)
            item_lines = [own[number] for number in range(first, last)]
            while len(item_lines) > 1 and not item_lines[-1].strip():
                item_lines.pop()
            items.append(Item(first + 1, number, item_lines, blocks))
        index = close + 1
    return items


def _dedent(line: str, width: int, first: bool) -> str:
    """A list item's line without the item's indentation (its marker, on the first line)."""
    expanded = line.expandtabs(4) if line[:width].count("\t") else line
    if first:
        return expanded[width:]
    indent = len(expanded) - len(expanded.lstrip(" "))
    return expanded[min(indent, width):]


def _rows(tokens: list[Token], start: int, stop: int) -> list[list[str]]:
    rows: list[list[str]] = []
    for token in tokens[start:stop + 1]:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(token.content)
    return rows


def _group_details(found: list[Block]) -> list[Block]:
    """`<details>` … `</details>` at the top level as one block of kind details."""
    result: list[Block] = []
    index = 0
    while index < len(found):
        block = found[index]
        opened = split_details(block.raw) if block.kind == "html" else None
        if opened is None:
            result.append(block)
            index += 1
            continue
        summary, rest, closed_here = opened
        children = [_part(block, rest)] if rest.strip() else []
        if closed_here:
            result.append(Block("details", block.line, block.lines, summary=summary, children=children))
            index += 1
            continue
        close = next((i for i in range(index + 1, len(found))
                      if found[i].kind == "html" and closes_details(found[i].raw) is not None), None)
        if close is None or any(split_details(found[i].raw) for i in range(index + 1, close)
                                if found[i].kind == "html"):
            result.append(block)  # unclosed, or nested: its parts are read as they come
            index += 1
            continue
        before, after = closes_details(found[close].raw) or ("", "")
        children += found[index + 1:close]
        if before.strip():
            children.append(_part(found[close], before))
        end = found[close]
        lines = [*block.lines, *_between(found, index, close), *end.lines]
        result.append(Block("details", block.line, lines, summary=summary, children=children))
        if after.strip():
            result.append(_part(end, after))
        index = close + 1
    return result


def _between(found: list[Block], opener: int, closer: int) -> list[str]:
    """The source lines from after the opening block to before the closing one, blank lines too
    (a block's lines hold none between blocks)."""
    lines: list[str] = []
    at = found[opener].end
    for block in found[opener + 1:closer]:
        lines += [""] * (block.line - at) + block.lines
        at = block.end
    return lines + [""] * (found[closer].line - at)


def _part(block: Block, html: str) -> Block:
    """Part of an HTML block, as an HTML block of its own (at the block's first line)."""
    return Block("html", block.line, html.strip("\n").split("\n"), text=html)


# ---- plain text


def text_blocks(text: str) -> list[Block]:
    """A plain-text document's paragraphs, with the indentation most lines share removed."""
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    # the indentation most lines share: a first line flush left does not count against it
    common = min((i for i in indents if i), default=0) if indents.count(0) <= 1 else 0
    written = [line.rstrip()[common:] if line[:common].strip() == "" else line.strip() for line in lines]
    filled = sum(1 for line in written if line.strip())
    one_per_line = filled >= 4 and 4 * (len(written) - filled) < filled
    found: list[Block] = []
    current: Block | None = None
    for number, line in enumerate(written, start=1):
        if not line.strip():
            current = None
            continue
        if current is None or one_per_line:
            current = Block("paragraph", number, [line], text=line.strip())
            found.append(current)
        else:
            current.lines.append(line)
            current.text += "\n" + line.strip()
    return found
