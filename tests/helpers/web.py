"""Facts read from a real web page (the web edition, the catalogue page), and what the loaded Guide
says should be on it: texts as a reader sees them, anchors, links, the guide's own URLs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from guidegen.model.deck import Item, deck
from guidegen.model.guide import Guide
from guidegen.model.markdown import render_markdown


def norm(text: str) -> str:
    return " ".join(text.split())


def rendered(markdown: str) -> HtmlElement:
    """An answer's Markdown as the HTML every edition renders, in one <div>."""
    return lxml.html.fragment_fromstring(str(render_markdown(markdown)), create_parent="div")


def markdown_text(markdown: str) -> str:
    """An answer's text as its rendered Markdown reads (no markup, whitespace folded)."""
    return norm(rendered(markdown).text_content())


def reveal_text(item: Item) -> str:
    """What a question's reveal shows: the strong answer (Markdown) or what it shows."""
    return markdown_text(item.reveal) if item.kind == "technical" else norm(item.reveal)


def reveal_blocks(item: Item) -> list[str]:
    """The text of each paragraph and list item of a reveal: what survives any layout whole."""
    if item.kind != "technical":
        return [norm(item.reveal)]
    return [norm(e.text_content()) for e in rendered(item.reveal).iter("p", "li")
            if e.tag == "p" or e.find("p") is None]


def revealed(guide: Guide) -> list[Item]:
    """The items whose reveal waits behind a tap: every technical and behavioural question."""
    return [item for item in deck(guide) if item.kind != "red_flag"]


def guide_urls(guide: Guide) -> set[str]:
    """Every address the guide itself names: its own URL, resources, links in answers, the brand's
    website and email."""
    urls = {r.url for r in guide.resources if r.url}
    if guide.meta.url:
        urls.add(guide.meta.url)
    for question in guide.technical.questions:
        urls |= {str(a.get("href")) for a in rendered(question.answer).iter("a")}
    contact = guide.brand.contact if guide.brand else None
    if contact and contact.website:
        urls.add(contact.website)
    if contact and contact.email:
        urls.add(f"mailto:{contact.email}")
    return urls


@dataclass(frozen=True)
class Page:
    """One HTML file, parsed as a browser's parser would (lxml's HTML parser)."""

    path: Path

    @cached_property
    def root(self) -> HtmlElement:
        return lxml.html.document_fromstring(self.path.read_bytes())

    @property
    def text(self) -> str:
        return norm(self.body.text_content())

    @property
    def body(self) -> HtmlElement:
        [body] = self.root.xpath("//body")
        return body

    def all(self, xpath: str) -> list[HtmlElement]:
        return list(self.root.xpath(xpath))

    def one(self, xpath: str) -> HtmlElement:
        [found] = self.root.xpath(xpath)
        return found

    def meta(self, attribute: str, value: str) -> str | None:
        found = self.root.xpath(f"//meta[@{attribute}='{value}']/@content")
        return str(found[0]) if found else None

    @property
    def ids(self) -> list[str]:
        return [str(value) for value in self.root.xpath("//@id")]

    def links(self) -> Iterator[str]:
        """Every URL the page names in src or href."""
        for value in self.root.xpath("//@href | //@src"):
            yield str(value)

    def text_without(self, xpath: str) -> str:
        """The body's text with these elements taken out."""
        copy = lxml.html.document_fromstring(self.path.read_bytes())
        for element in copy.xpath(xpath):
            element.drop_tree()
        [body] = copy.xpath("//body")
        return norm(body.text_content())
