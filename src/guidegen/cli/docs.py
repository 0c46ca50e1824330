"""`guidegen docs`: the documentation that installs with guidegen, in the terminal or the browser.

An installed user has no repository: the writing guide (the format field by field), the theme's
numbers, the edition contract and building in shards travel in the package (pyproject.toml maps
docs/ into it) and are shown from there, offline. In the terminal a page is printed as the
Markdown it is written in; with `--open` every page is rendered to HTML in a folder of its own
under the system's temporary folder (links between the pages lead to each other) and the one asked
for opens in the browser.
"""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path
from typing import TextIO

from ..base.packaged import packaged

#: Each page by the names one may ask for it by.
TOPICS = {"writing-guides": ("writing-guides", "guide", "format", "writing"),
          "theme": ("theme", "styles", "layout"),
          "editions": ("editions", "plugins"),
          "sharding": ("sharding", "shards", "ci"),
          "packs": ("packs", "pack", "candidates", "candidate-packs")}

_STYLE = """body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b}code,pre{font:0.9em ui-monospace,monospace;background:#f3f3f3}pre{padding:.6rem;
overflow-x:auto}code{padding:0 .2em}table{border-collapse:collapse;font-size:.92em;display:block;
overflow-x:auto}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
@media (prefers-color-scheme:dark){body{background:#161616;color:#e8e8e8}code,pre{background:#262626}
th,td{border-color:#444}a{color:#8ab4f8}}"""


def docs_root() -> Path:
    return packaged("docs", "docs", "writing-guides.md")


def topic_of(asked: str | None) -> str | None:
    """The page a name asks for (writing-guides by default), or None for a name of no page."""
    wanted = (asked or "writing-guides").lower().removesuffix(".md")
    return next((page for page, names in TOPICS.items() if wanted in names), None)


def show(asked: str | None, *, open_browser: bool, stdout: TextIO) -> Path | None:
    """Print the page (or render every page and open this one); the rendered page, when opened."""
    page = topic_of(asked)
    assert page is not None  # the command line chose among TOPICS' names
    source = docs_root() / f"{page}.md"
    if not open_browser:
        stdout.write(source.read_text(encoding="utf-8"))
        return None
    import webbrowser

    folder = Path(tempfile.gettempdir()) / "guidegen-docs"
    folder.mkdir(exist_ok=True)
    for name in TOPICS:
        text = (docs_root() / f"{name}.md").read_text(encoding="utf-8")
        (folder / f"{name}.html").write_text(render(text, name), encoding="utf-8")
    target = folder / f"{page}.html"
    webbrowser.open(target.as_uri())
    return target


def render(markdown: str, name: str) -> str:
    """A documentation page as one HTML file: its links to the other pages lead to their HTML."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    body = re.sub(r'href="(?:\.\./)?(?:docs/)?([a-z-]+)\.md(#[^"]*)?"',
                  lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
    title = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), name)
    return (f"<!doctype html>\n<html lang=en><head><meta charset=utf-8><meta name=viewport "
            f"content='width=device-width,initial-scale=1'><title>{html.escape(title)} · guidegen"
            f"</title><style>{_STYLE}</style></head><body>\n{body}</body></html>\n")
