"""HTML in a document (a `<table>`, `<details>`, `<p>`, `<img>`) as the Markdown or text it means.

A guide's answers are Markdown printed without raw HTML (it would show as the tags written), and its
other fields are plain text, so what a Markdown source writes as HTML is read for its content: rows
and cells, paragraphs, list items, emphasis, images (their description and address) and links. A
table whose rows all have the same two or more cells is a Markdown pipe table; a layout table (an
image above its caption) is its cells' text, row by row.

Tags are found with the inline reader's bounded pattern rather than `html.parser`, whose handling of
unclosed constructs has been quadratic in some Python releases: a document is untrusted input.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .inline import _TAG, allowed, attributes, comment_end, destination, escape

_BLOCK_TAGS = {"p", "div", "section", "article", "center", "blockquote", "details", "summary", "figure",
               "figcaption", "hr", "ul", "ol", "dl", "dt", "dd", "header", "footer", "main", "body",
               "html", "head", "title"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "tt": "`", "kbd": "`"}
_SILENT = {"script", "style", "template"}  # code and styling, not words a reader sees
_SPACE = re.compile(r"[ \t\n]+")
_DETAILS_OPEN = re.compile(r"\s*<details\b[^<>]{0,2000}>", re.IGNORECASE)
_SUMMARY_OPEN = re.compile(r"\s*<summary\b[^<>]{0,2000}>", re.IGNORECASE)
_SUMMARY_CLOSE = re.compile(r"</summary\s*>", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)


@dataclass
class _Writer:
    markdown: bool
    blocks: list[str] = field(default_factory=list)
    line: list[str] = field(default_factory=list)
    rows: list[list[str]] | None = None  # the table being read
    cell: list[str] | None = None
    anchors: list[str] = field(default_factory=list)
    prefix: str = ""  # a list item's or a heading's mark
    preformatted: int = 0
    silent: int = 0

    def text(self, data: str) -> None:
        if self.silent:
            return
        data = html.unescape(data)
        if not self.preformatted:
            data = _SPACE.sub(" ", data)
            if self.markdown:
                data = escape(data)
        (self.cell if self.cell is not None else self.line).append(data)

    def mark(self, text: str) -> None:
        if self.markdown:
            (self.cell if self.cell is not None else self.line).append(text)

    def end_block(self) -> None:
        content = "".join(self.line)
        self.line = []
        if self.preformatted:
            if content.strip("\n"):
                fence = "```" if self.markdown else ""
                self.blocks.append(f"{fence}\n{content.strip(chr(10))}\n{fence}" if fence else content)
            return
        content = content.strip()
        if content:
            self.blocks.append(f"{self.prefix}{content}" if self.markdown or not self.prefix.strip("#- 1.")
                               else content)
        self.prefix = ""

    def end_table(self) -> None:
        rows = [row for row in self.rows or [] if any(cell.strip() for cell in row)]
        self.rows = None
        widths = {len(row) for row in rows}
        if self.markdown and len(widths) == 1 and min(widths) >= 2 and len(rows) >= 2:
            cells = [[cell.strip().replace("|", "\\|") for cell in row] for row in rows]
            lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
            lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
            self.blocks.append("\n".join(lines))
            return
        for row in rows:
            content = " ".join(cell.strip() for cell in row if cell.strip())
            if content:
                self.blocks.append(content)


def convert(source: str, *, markdown: bool) -> str:
    """HTML as Markdown (`markdown`) or plain text: blocks separated by a blank line."""
    writer = _Writer(markdown)
    last_comment = source.rfind("-->")
    index, size = 0, len(source)
    while index < size:
        start = source.find("<", index)
        if start < 0:
            writer.text(source[index:])
            break
        if start > index:
            writer.text(source[index:start])
        comment = comment_end(source, start, last_comment)
        if comment is not None:
            index = comment
            continue
        tag = _TAG.match(source, start)
        if tag is None:
            writer.text("<")
            index = start + 1
            continue
        _tag(writer, tag)
        index = tag.end()
    if writer.cell is not None and writer.rows is not None:
        writer.rows[-1].append("".join(writer.cell))
        writer.cell = None
    if writer.rows is not None:
        writer.end_table()
    writer.end_block()
    return "\n\n".join(writer.blocks)


def _tag(writer: _Writer, tag: re.Match[str]) -> None:
    closing, name = tag.group(1) == "/", tag.group(2).lower()
    found = attributes(tag.group(3)) if not closing else {}
    if name in _SILENT:
        writer.silent += -1 if closing else 1
        writer.silent = max(writer.silent, 0)
    elif name in _EMPHASIS:
        writer.mark(_EMPHASIS[name])
    elif name == "br":
        if writer.cell is not None:
            writer.cell.append(" ")
        elif writer.preformatted:
            writer.line.append("\n")
        else:
            writer.end_block()
    elif name == "img":
        alt, src = found.get("alt", "").strip(), found.get("src", "").strip()
        if writer.markdown and src and allowed(src):
            text = f"[{escape(alt or 'image')}]({destination(src)})"
        else:
            words = " ".join(part for part in (alt, f"({src})" if src else "") if part)
            text = escape(words) if writer.markdown else words
        (writer.cell if writer.cell is not None else writer.line).append(f" {text} ")
    elif name == "a":
        if not closing:
            href = found.get("href", "").strip()
            writer.anchors.append(href)
            if allowed(href):
                writer.mark("[")
        else:
            href = writer.anchors.pop() if writer.anchors else ""
            if writer.markdown and allowed(href):
                writer.mark(f"]({destination(href)})")
            elif href and not href.startswith("#"):
                writer.text(f" ({href})")
    elif name == "table":
        if not closing:
            writer.end_block()
            writer.rows = []
        elif writer.rows is not None:
            writer.end_table()
    elif name == "tr" and writer.rows is not None:
        if writer.cell is not None:
            writer.rows[-1].append("".join(writer.cell))
            writer.cell = None
        if not closing:
            writer.rows.append([])
    elif name in {"td", "th"} and writer.rows is not None:
        if writer.cell is not None and writer.rows:
            writer.rows[-1].append("".join(writer.cell))
        if not writer.rows:
            writer.rows.append([])
        writer.cell = None if closing else []
    elif name == "pre":
        writer.end_block()
        writer.preformatted += -1 if closing else 1
        writer.preformatted = max(writer.preformatted, 0)
    elif name in _HEADINGS:
        writer.end_block()
        if not closing:
            writer.prefix = "#" * _HEADINGS[name] + " "
    elif name == "li":
        writer.end_block()
        if not closing:
            writer.prefix = "- "
    elif name in _BLOCK_TAGS:
        writer.end_block()


def split_details(source: str) -> tuple[str, str, bool] | None:
    """An HTML block that opens `<details>`: (its summary's HTML, the HTML after the summary, whether
    the block also closes the details), or None when it does not open one."""
    opened = _DETAILS_OPEN.match(source)
    if opened is None:
        return None
    rest = source[opened.end():]
    summary_html = ""
    summary = _SUMMARY_OPEN.match(rest)
    if summary is not None:
        end = _SUMMARY_CLOSE.search(rest, summary.end())
        if end is not None:
            summary_html, rest = rest[summary.end():end.start()], rest[end.end():]
    closed = _DETAILS_CLOSE.search(rest)
    if closed is not None:
        return summary_html, rest[:closed.start()] + rest[closed.end():], True
    return summary_html, rest, False


def closes_details(source: str) -> tuple[str, str] | None:
    """An HTML block holding `</details>`: (the HTML before it, the HTML after it), or None."""
    closed = _DETAILS_CLOSE.search(source)
    if closed is None:
        return None
    return source[:closed.start()], source[closed.end():]
