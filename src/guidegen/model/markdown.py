"""Markdown for answers: CommonMark with pipe tables, raw HTML off, links only to https: and mailto:.

Content is data: raw HTML in an answer is shown as the literal text that was written, and a link
that could make a renderer fetch something is an error at load time, never a request. An image is
never fetched either: it prints as its description, linked to its address when that is https (and
`guidegen check` warns, since the picture itself is left out).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

ALLOWED_LINK_SCHEMES = ("https", "mailto")
MAX_INLINE_NESTING = 8  # bold in italic in a link is 3; each level is a recursion in the renderers


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": True, "linkify": False}).enable("table")
    # markdown-it's documented hooks: every link and image is parsed, a link to anything but https:
    # or mailto: renders as its text alone (the loader refuses it first), an image as text
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_text)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("table_open", lambda *args: '<div class="table">\n<table>\n')
    md.add_render_rule("table_close", lambda *args: "</table>\n</div>\n")
    return md


def _link_allowed(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in ALLOWED_LINK_SCHEMES


def _link_open(renderer: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    allowed = _link_allowed(str(tokens[index].attrGet("href") or ""))
    env.setdefault("links", []).append(allowed)
    return str(renderer.renderToken(tokens, index, options, env)) if allowed else ""


def _link_close(renderer: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    return str(renderer.renderToken(tokens, index, options, env)) if env["links"].pop() else ""


def _image_as_text(renderer: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    """An image as its description, linked to its address when that is https: nothing is fetched."""
    token = tokens[index]
    alt = escape(token.content or "image")
    src = str(token.attrGet("src") or "")
    if src.startswith("https://"):
        return f'<a href="{escape(src)}">{alt}</a>'  # on paper its address prints after it
    return f'<span class="image">{alt}</span>'


@cache
def _unvalidated() -> MarkdownIt:
    """A parser that validates no link, so every link and image is seen (made once: making one
    costs more than parsing a short answer)."""
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")  # every link and image seen
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def markdown_problems(text: str) -> list[str]:
    """What in this Markdown guidegen refuses: links that are not https or mailto, and emphasis
    nested deeper than any text needs (layout engines recurse once per level)."""
    problems: list[str] = []
    for block in _unvalidated().parse(text):
        depth = max((token.level for token in block.children or ()), default=0)
        if depth > MAX_INLINE_NESTING:
            problems.append(f"emphasis and links are nested {depth} deep; at most {MAX_INLINE_NESTING} "
                            "levels are allowed")
        for token in block.children or ():
            if token.type == "link_open":
                href = str(token.attrGet("href") or "")
                if not _link_allowed(href):
                    problems.append(f"link to '{href}' is not allowed: links must be https: or mailto:")
    return problems


def images(text: str) -> list[tuple[str, str]]:
    """Every image in this Markdown, as (address, description): each prints as its description."""
    return [(str(token.attrGet("src") or ""), token.content)
            for block in _unvalidated().parse(text) for token in block.children or ()
            if token.type == "image"]


def render_markdown(text: str) -> Markup:
    """Answer Markdown as safe (X)HTML, ready to drop into any edition's template."""
    return Markup(_parser().render(text))


_LINK = re.compile(r'<a href="(https://[^"]+)">([^<]*)</a>')


def print_markdown(text: str) -> Markup:
    """Answer Markdown for paper: a link whose text is not its address is marked `print-url`, so
    a stylesheet can print the address after it (a reader cannot click paper)."""

    def mark(match: re.Match[str]) -> str:
        href, label = match.groups()
        if html.unescape(label).strip() == html.unescape(href):
            return match.group(0)
        return f'<a class="print-url" href="{href}">{label}</a>'

    return Markup(_LINK.sub(mark, str(render_markdown(text))))
