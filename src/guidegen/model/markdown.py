"""Markdown for answers: CommonMark with raw HTML off, links only to https: and mailto:, no images.

Content is data: raw HTML in an answer is shown as the literal text that was written, and a link or
image that could make a renderer fetch something is an error at load time, never a request.
"""

from __future__ import annotations

import html
import re
from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_LINK_SCHEMES = ("https", "mailto")
MAX_INLINE_NESTING = 8  # bold in italic in a link is 3; each level is a recursion in the renderers


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": True, "linkify": False})
    # markdown-it's documented hook: a refused link renders as its literal text
    md.validateLink = _link_allowed  # type: ignore[method-assign]
    return md


@cache
def _checker() -> MarkdownIt:
    """A parser that validates no link, so every link is seen (made once: making one costs more
    than parsing a short answer)."""
    parser = MarkdownIt("commonmark", {"html": False})
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _link_allowed(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in ALLOWED_LINK_SCHEMES


def markdown_problems(text: str) -> list[str]:
    """What in this Markdown guidegen refuses: images, links that are not https or mailto, and
    emphasis nested deeper than any text needs (layout engines recurse once per level)."""
    problems: list[str] = []
    for block in _checker().parse(text):
        depth = max((token.level for token in block.children or ()), default=0)
        if depth > MAX_INLINE_NESTING:
            problems.append(f"emphasis and links are nested {depth} deep; at most {MAX_INLINE_NESTING} "
                            "levels are allowed")
        for token in block.children or ():
            if token.type == "image":
                problems.append(f"images are not allowed in guide text ('{token.attrGet('src')}')")
            elif token.type == "link_open":
                href = str(token.attrGet("href") or "")
                if not _link_allowed(href):
                    problems.append(f"link to '{href}' is not allowed: links must be https: or mailto:")
    return problems


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
