"""What an answer's Markdown looks like on paper, block by block: the expectation the PDF editions'
tests compare their text with."""

from __future__ import annotations

from html.parser import HTMLParser

from guidegen.model.markdown import render_markdown


class _Blocks(HTMLParser):
    """Text of each paragraph and list item of rendered Markdown, as paper shows it: a link whose
    text is not its address is followed by the address in brackets."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.href: str | None = None
        self.link_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "li"):
            self._flush()
        elif tag == "a":
            self.href, self.link_text = dict(attrs).get("href"), ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li"):
            self._flush()
        elif tag == "a":
            if self.href and self.href.startswith("https:") and self.link_text != self.href:
                self.current.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data: str) -> None:
        self.current.append(data)
        if self.href:
            self.link_text += data

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(text)
        self.current = []


def printed_blocks(markdown: str) -> list[str]:
    """The text of each paragraph and list item of an answer, as printed on paper."""
    parser = _Blocks()
    parser.feed(str(render_markdown(markdown)))
    parser.close()
    return parser.blocks
