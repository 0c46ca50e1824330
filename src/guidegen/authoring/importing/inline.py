"""Inline Markdown, read in one pass: as plain text (a question, a title) or as answer Markdown.

A question, a shown quality or a group title is plain text, so its Markdown marks go: `**bold**` is
bold, `[text](url)` is `text (url)` (the address is kept), an image is `alt (url)`, `<br>` is a
space. What is literal stays literal: `COUNT(*)` in code, `__init__`, `2 * 3`, a lone `[`, because
emphasis is only what CommonMark's delimiter rules make it.

An answer stays the Markdown that was written, except what a guide cannot hold: an image becomes a
link to it (or `alt (url)` when the address is not https), a link that is not https or mailto
becomes `text (url)`, and inline HTML becomes the Markdown it means (`<b>` is `**`, `<br>` a hard
break, `<a href>` a link) or goes, keeping its text.

markdown-it's own inline parser takes over a second for 100 KB of `[`, and a regular expression that
looks for a link's closing bracket from every opening one is quadratic, so this scanner pairs code
spans, brackets and delimiters with stacks in one pass, and bounds every look-ahead.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MAX_DESTINATION = 2048  # characters of a link's address and title: look no further for them
#: An HTML tag, as CommonMark's raw HTML rule has it; a quoted value is bounded, so that a tag left
#: open is given up on within a few thousand characters wherever it starts.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*"
                  r"(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']{0,2000}'|\"[^\"]{0,2000}\"))?)*)\s*(/?)>")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_ATTRIBUTE = re.compile(r"([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(?:([^\s\"'=<>`]+)|'([^']{0,2000})'|"
                        r"\"([^\"]{0,2000})\"))?")
_SPACE = re.compile(r"\s+")
ALLOWED_SCHEMES = ("https:", "mailto:")


def is_punctuation(character: str) -> bool:
    return character in _ASCII_PUNCTUATION or unicodedata.category(character)[0] in "PS"


def attributes(text: str) -> dict[str, str]:
    """An HTML tag's attributes (lowercase names), their entities decoded."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def comment_end(text: str, at: int, last: int) -> int | None:
    """Past the `-->` of an HTML comment opening at `at`, or None; `last` is where the text's last
    `-->` is (so a comment that never closes costs one look, not one per `<!--`)."""
    if not text.startswith("<!--", at) or at + 4 > last:
        return None
    return text.find("-->", at + 4) + 3


def destination(url: str) -> str:
    """A URL as a Markdown link's destination: in <…> when it holds a space or a parenthesis."""
    if not any(character in url for character in " ()<>\\"):
        return url
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def allowed(url: str) -> bool:
    """Whether a guide may link to `url` (https: and mailto: only, as model.markdown says)."""
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


# ---- one pass over the source: code spans, escapes, brackets


def _code_spans(text: str) -> dict[int, int]:
    """Where each code span starts -> where it ends (past its closing backticks)."""
    runs: list[tuple[int, int]] = []  # (start, length) of unescaped backtick runs
    index, size = 0, len(text)
    while index < size:
        character = text[index]
        if character == "\\" and index + 1 < size:
            index += 2
            continue
        if character == "`":
            start = index
            while index < size and text[index] == "`":
                index += 1
            runs.append((start, index - start))
            continue
        index += 1
    by_length: dict[int, list[int]] = {}
    for number, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(number)
    pointer = dict.fromkeys(by_length, 0)
    spans: dict[int, int] = {}
    last_end = -1
    for number, (start, length) in enumerate(runs):
        if start < last_end:
            continue  # inside a span already
        same = by_length[length]
        while pointer[length] < len(same) and same[pointer[length]] <= number:
            pointer[length] += 1
        if pointer[length] < len(same):
            closer = runs[same[pointer[length]]]
            spans[start] = closer[0] + length
            last_end = closer[0] + length
            pointer[length] += 1
    return spans


@dataclass
class _Link:
    close: int  # index of the `]`
    end: int  # past the `)`
    url: str
    image: bool


@dataclass
class _Marks:
    """Where each `(` closes and where the next space is, found once, so that reading a link's
    address from any `(` costs nothing more (a scan from each would be quadratic)."""

    parens: dict[int, int]  # a "(" -> its ")"
    spaces: list[int]  # index -> the next whitespace at or after it (the text's length: none)

    @classmethod
    def of(cls, text: str, spans: dict[int, int]) -> _Marks:
        parens: dict[int, int] = {}
        stack: list[int] = []
        size = len(text)
        for index, character in _unescaped(text, spans):
            if character == "(":
                stack.append(index)
            elif character == ")" and stack:
                parens[stack.pop()] = index
        spaces = [size] * (size + 1)
        for position in range(size - 1, -1, -1):
            spaces[position] = position if text[position].isspace() else spaces[position + 1]
        return cls(parens, spaces)


def _destination(text: str, at: int, marks: _Marks) -> tuple[str, int] | None:
    """A link's `(url "title")` starting at `at` (the `(`): (url, index past the `)`), or None."""
    limit = min(len(text), at + _MAX_DESTINATION)
    index = at + 1
    while index < limit and text[index] in " \t\n":
        index += 1
    if index < limit and text[index] == "<":
        close = text.find(">", index, limit)
        if close < 0 or "\n" in text[index:close]:
            return None
        url, index = text[index + 1:close], close + 1
    else:
        stop = marks.spaces[index]
        paren = marks.parens.get(at)
        if paren is not None and paren <= stop:
            return text[index:paren], paren + 1
        url, index = text[index:stop], stop
    while index < limit and text[index] in " \t\n":
        index += 1
    if index < limit and text[index] in "\"'(":
        closer = ")" if text[index] == "(" else text[index]
        close = text.find(closer, index + 1, limit)
        if close < 0:
            return None
        index = close + 1
        while index < limit and text[index] in " \t\n":
            index += 1
    if index < limit and text[index] == ")":
        return url, index + 1
    return None


def _links(text: str, spans: dict[int, int]) -> dict[int, _Link]:
    """Where each inline link or image starts (its `[`, or the `!` of `![`) -> the link."""
    openers: list[int] = []
    links: dict[int, _Link] = {}
    if "](" not in text:
        return links
    marks = _Marks.of(text, spans)
    size = len(text)
    for index, character in _unescaped(text, spans):
        if character == "[":
            openers.append(index)
        elif character == "]" and openers:
            start = openers.pop()
            if index + 1 < size and text[index + 1] == "(":
                found = _destination(text, index + 1, marks)
                if found is not None:
                    url, end = found
                    image = start > 0 and text[start - 1] == "!" and not _escaped(text, start - 1)
                    links[start - 1 if image else start] = _Link(index, end, url, image)
                    if not image:
                        openers.clear()  # a link may not hold another: brackets before it stay text
    return links


def _unescaped(text: str, spans: dict[int, int]) -> Iterator[tuple[int, str]]:
    """Each character of text that is markup's own: not inside a code span (`spans`: its start ->
    the index past it), not escaped by a backslash, nor the backslash itself."""
    index, size = 0, len(text)
    while index < size:
        if index in spans:
            index = spans[index]
        elif text[index] == "\\":
            index += 2
        else:
            yield index, text[index]
            index += 1


def _escaped(text: str, at: int) -> bool:
    slashes = 0
    while at - slashes - 1 >= 0 and text[at - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


# ---- plain text


@dataclass
class _Delimiter:
    at: int  # index in the output pieces
    character: str
    count: int
    opens: bool
    closes: bool


@lru_cache(maxsize=4096)  # a piece's text is read as a question, a heading and a title: once is enough
def plain(source: str) -> str:
    """Inline Markdown as the plain text a reader sees, on one line."""
    return _SPACE.sub(" ", _plain(source)).strip()


def _plain(text: str) -> str:
    spans = _code_spans(text)
    links = _links(text, spans)
    out: list[str] = []
    delimiters: list[_Delimiter] = []
    closing: dict[int, tuple[_Link, str]] = {}  # `]` index -> (link, its text's source)
    anchors: list[str] = []  # open <a href> addresses
    last_comment = text.rfind("-->")
    index, size = 0, len(text)
    while index < size:
        character = text[index]
        if index in closing:
            link, label = closing.pop(index)
            url = link.url.strip()
            if url and url != label.strip():
                out.append(f" ({url})")
            index = link.end
            continue
        if index in spans:
            end = spans[index]
            ticks = 0
            while text[index + ticks] == "`":
                ticks += 1
            content = text[index + ticks:end - ticks].replace("\n", " ")
            if content.startswith(" ") and content.endswith(" ") and content.strip():
                content = content[1:-1]
            out.append(content)
            index = end
            continue
        if character == "\\" and index + 1 < size and text[index + 1] in _ASCII_PUNCTUATION:
            out.append(text[index + 1])
            index += 2
            continue
        if index in links:
            link = links[index]
            start = index + (2 if link.image else 1)
            closing[link.close] = (link, text[start:link.close])
            index = start
            continue
        if character in "*_":
            end = index
            while end < size and text[end] == character:
                end += 1
            before = text[index - 1] if index else " "
            after = text[end] if end < size else " "
            left = not after.isspace() and (not is_punctuation(after) or before.isspace()
                                             or is_punctuation(before))
            right = not before.isspace() and (not is_punctuation(before) or after.isspace()
                                              or is_punctuation(after))
            if character == "*":
                opens, closes = left, right
            else:
                opens = left and (not right or is_punctuation(before))
                closes = right and (not left or is_punctuation(after))
            delimiters.append(_Delimiter(len(out), character, end - index, opens, closes))
            out.append(text[index:end])
            index = end
            continue
        if character == "<":
            comment = comment_end(text, index, last_comment)
            if comment is not None:
                out.append(" ")
                index = comment
                continue
            autolink = _AUTOLINK.match(text, index)
            if autolink:
                out.append(autolink.group(1))
                index = autolink.end()
                continue
            tag = _TAG.match(text, index)
            if tag:
                out.append(_tag_as_text(tag, anchors))
                index = tag.end()
                continue
        if character == "&":
            semicolon = text.find(";", index, index + 40)
            if semicolon > 0:
                decoded = html.unescape(text[index:semicolon + 1])
                if decoded != text[index:semicolon + 1]:
                    out.append(decoded)
                    index = semicolon + 1
                    continue
        out.append(character)
        index += 1
    _drop_emphasis(out, delimiters)
    return "".join(out)


def _tag_as_text(tag: re.Match[str], anchors: list[str]) -> str:
    closing, name = tag.group(1) == "/", tag.group(2).lower()
    if name == "br" or name in {"p", "div", "li", "tr", "td", "th"}:
        return " "
    if name == "img" and not closing:
        found = attributes(tag.group(3))
        return " ".join(part for part in (found.get("alt", "").strip(),
                                          f"({found['src'].strip()})" if found.get("src") else "") if part)
    if name == "a":
        if not closing:
            anchors.append(attributes(tag.group(3)).get("href", "").strip())
            return ""
        href = anchors.pop() if anchors else ""
        return f" ({href})" if href else ""
    return ""


def _drop_emphasis(out: list[str], delimiters: list[_Delimiter]) -> None:
    """Remove the delimiter runs CommonMark reads as emphasis (each kind matched on its own stack)."""
    stacks: dict[str, list[_Delimiter]] = {"*": [], "_": []}
    for delimiter in delimiters:
        stack = stacks[delimiter.character]
        if delimiter.closes:
            while delimiter.count and stack:
                opener = stack[-1]
                used = 2 if opener.count >= 2 and delimiter.count >= 2 else 1
                opener.count -= used
                delimiter.count -= used
                out[opener.at] = out[opener.at][used:]
                out[delimiter.at] = out[delimiter.at][used:]
                if not opener.count:
                    stack.pop()
        if delimiter.opens and delimiter.count:
            stack.append(delimiter)


# ---- answer Markdown


def answer_markdown(text: str, *, one_line: bool = False) -> str:
    """Markdown source with what a guide cannot hold rewritten (images, links that are not https or
    mailto, inline HTML); everything else as written. `text` holds no code blocks; `one_line`: it
    is a table row or a heading, where `<br>` cannot break the line."""
    spans = _code_spans(text)
    links = _links(text, spans)
    out: list[str] = []
    ends: dict[int, tuple[_Link, str, bool]] = {}  # `]` index -> (link, how it is written, inside a link)
    anchors: list[str] = []
    in_link = 0
    last_comment = text.rfind("-->")
    index, size = 0, len(text)
    while index < size:
        if index in ends:
            link, how, _ = ends.pop(index)
            if how == "keep":
                out.append(text[index:link.end])
                in_link -= 1
            elif how == "link":
                out.append(f"]({destination(link.url.strip())})")
            else:
                out.append(f" ({escape(link.url.strip())})" if link.url.strip() else "")
            index = link.end
            continue
        if index in spans:
            out.append(text[index:spans[index]])
            index = spans[index]
            continue
        character = text[index]
        if character == "\\" and index + 1 < size:
            out.append(text[index:index + 2])
            index += 2
            continue
        if index in links:
            link = links[index]
            url = link.url.strip()
            if link.image:
                how = "link" if allowed(url) and not in_link else "text"
                out.append("[" if how == "link" else "")
                ends[link.close] = (link, how, bool(in_link))
                index += 2
            else:
                how = "keep" if allowed(url) else "text"
                out.append("[" if how == "keep" else "")
                in_link += how == "keep"
                ends[link.close] = (link, how, bool(in_link))
                index += 1
            continue
        if character == "<":
            comment = comment_end(text, index, last_comment)
            if comment is not None:
                index = comment
                continue
            autolink = _AUTOLINK.match(text, index)
            if autolink:
                kept = allowed(autolink.group(1))
                out.append(autolink.group(0) if kept else escape(autolink.group(1)))
                index = autolink.end()
                continue
            tag = _TAG.match(text, index)
            if tag and tag.group(2).lower() == "br":
                index = _line_break(text, tag.end(), out, one_line)
                continue
            if tag:
                out.append(_tag_as_markdown(tag, anchors))
                index = tag.end()
                continue
        out.append(character)
        index += 1
    return "".join(out)


def _line_break(text: str, after: int, out: list[str], one_line: bool) -> int:
    """A `<br>` as a Markdown hard break (a backslash at a line's end); nothing at a paragraph's
    end, where a break shows nothing, and a space where a line cannot break (a table row)."""
    if one_line:
        out.append(" ")
        return after
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    if text[after:line_end].strip():
        out.append("\\\n")
        while after < line_end and text[after] in " \t":
            after += 1
        return after
    next_end = text.find("\n", line_end + 1)
    following = text[line_end + 1:len(text) if next_end < 0 else next_end] if line_end < len(text) else ""
    while out and out[-1] in (" ", "\t"):
        out.pop()
    if following.strip():
        out.append("\\")
    return line_end


_EMPHASIS_TAGS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "tt": "`", "kbd": "`"}


def _tag_as_markdown(tag: re.Match[str], anchors: list[str]) -> str:
    closing, name = tag.group(1) == "/", tag.group(2).lower()
    if name in _EMPHASIS_TAGS:
        return _EMPHASIS_TAGS[name]
    if name == "img" and not closing:
        found = attributes(tag.group(3))
        alt, src = found.get("alt", "").strip() or "image", found.get("src", "").strip()
        if src and allowed(src):
            return f"[{escape(alt)}]({destination(src)})"
        return escape(f"{alt} ({src})" if src else alt)
    if name == "a":
        if not closing:
            href = attributes(tag.group(3)).get("href", "").strip()
            anchors.append(href)
            return "[" if allowed(href) else ""
        href = anchors.pop() if anchors else ""
        return f"]({destination(href)})" if allowed(href) else (f" ({escape(href)})" if href else "")
    return ""


_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def escape(text: str) -> str:
    """Plain text written into Markdown so that it reads back as the same text (an underscore
    inside a word, as in `k_means`, needs no escape and gets none)."""
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(), text)
