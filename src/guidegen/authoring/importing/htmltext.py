"""HTML in a document (a `<table>`, `<details>`, `<p>`, `<img>`), or a whole web page, as the Markdown
or text it means.

A guide's answers are Markdown printed without raw HTML (it would show as the tags written), and its
other fields are plain text, so what a Markdown source writes as HTML is read for its content: rows
and cells, paragraphs, list items, emphasis, images (their description and address) and links. A
table whose rows all have the same two or more cells is a Markdown pipe table; a layout table (an
image above its caption) is its cells' text, row by row.

A whole page (`page_markdown`: a document Word or Google Docs saved as HTML, a post a browser saved)
is read the same way for what its reader sees: its main text only, without what the site or the
editor put around it, so that `import` reads it as the Markdown document it would have been, and
names the page's own lines.

Tags are found with the inline reader's bounded pattern rather than `html.parser`, whose handling of
unclosed constructs has been quadratic in some Python releases: a document is untrusted input. The
text between tags is written whole, and each tag and comment is looked for once, so a page costs
time in proportion to its length whatever it holds.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from .inline import _TAG, allowed, attributes, comment_end, destination, escape

_BLOCK_TAGS = {"p", "div", "section", "article", "center", "blockquote", "details", "summary", "figure",
               "figcaption", "hr", "ul", "ol", "dl", "dt", "dd", "header", "footer", "main", "body",
               "html", "head", "title"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "tt": "`", "kbd": "`"}
_SILENT = frozenset({"script", "style", "template"})  # code and styling, not words a reader sees
#: and in a whole page, its navigation, its footer and its forms: the site's, not the document's
_PAGE_SILENT = _SILENT | {"nav", "footer", "aside", "noscript", "form", "button", "select", "iframe"}
#: What a site puts around a page's text, by the class, id or role of its element
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|banner|advert|advertisement|ads?|adsbygoogle|sponsored|promo|"
    r"share|sharing|social|comments?|related|sidebar|newsletter|subscribe|breadcrumbs?|skip-link|"
    r"sr-only|screen-reader-text|site-header|site-title|site-nav|navbar|menu|toolbar|popup|modal|"
    r"byline|post-meta|entry-meta|page-metadata|navigation|complementary|contentinfo)(?=$|[\s_-])",
    re.IGNORECASE)
#: The elements that hold such furniture (never a word of code: highlighted code names its comments)
_CONTAINERS = {"div", "section", "aside", "header", "ul", "ol", "p", "table", "ins", "figure"}
#: Elements that never close
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
#: Google Docs' links, each wrapped in a redirect through google.com
_REDIRECT = re.compile(r"^https?://(?:www\.)?google\.[a-z.]{2,10}/url\?", re.IGNORECASE)
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
    at: int = 0  # where in the source the reader is
    start: int | None = None  # where the block being written started
    starts: list[int] = field(default_factory=list)  # where each block written started
    opened: bool = False  # the last thing written opened an emphasis or a link
    closed: str = ""  # the mark that closed the last run of emphasis, where only space came after it
    page: bool = False  # a whole page: its site's furniture is left out, links to its headings kept
    skipping: str = ""  # the element of the site's furniture being left out
    skipped: int = 0  # how deep in elements of that name the reader is

    def text(self, data: str) -> None:
        if self.silent:
            return
        data = html.unescape(data)
        if not self.preformatted:
            data = _SPACE.sub(" ", data)
            if self.markdown:
                data = escape(data)
        target = self.cell if self.cell is not None else self.line
        if self.opened and target and data[:1] == " ":  # a space after an opening mark goes before it
            target.insert(len(target) - 1, " ")
            data = data.lstrip(" ")
        self.opened = False
        if data.strip():
            self.closed = ""
        self._add(data)

    def mark(self, text: str, *, closing: bool = False) -> None:
        """An emphasis or link mark; space inside the marks goes outside them (`<b>What? </b>` is
        `**What?** `), since Markdown does not close `** ` nor open ` **`."""
        if not self.markdown or self.preformatted:  # code in a code block is marked by its fence
            return
        target = self.cell if self.cell is not None else self.line
        if not closing and self.closed == text:  # a run split in two (`<b>press </b><b>Enter</b>`): one run
            at = len(target)
            while at and not target[at - 1].strip() and target[at - 1] != text:
                at -= 1
            self.closed = ""
            if at and target[at - 1] == text:  # the closing mark; the space after it is inside the run again
                del target[at - 1]
                return
        space = ""
        if closing and target:
            kept = target[-1].rstrip(" ")
            space, target[-1] = target[-1][len(kept):], kept
        self._add(text)
        self.opened, self.closed = not closing, text if closing else ""
        if space:
            self._add(space)

    def links(self, href: str) -> bool:
        """Whether a link stays one: an address a guide may link to, or in a page a heading of its own
        (an entry of its table of contents)."""
        return allowed(href) or (self.page and href.startswith("#"))

    def _add(self, text: str) -> None:
        if self.start is None and (self.cell is not None or text.strip()):
            self.start = self.at
        (self.cell if self.cell is not None else self.line).append(text)

    def _block(self, text: str) -> None:
        self.blocks.append(text)
        self.starts.append(self.at if self.start is None else self.start)

    def end_block(self) -> None:
        content = "".join(self.line)
        self.line = []
        if self.preformatted:
            if content.strip("\n"):
                fence = "```" if self.markdown else ""
                self._block(f"{fence}\n{content.strip(chr(10))}\n{fence}" if fence else content)
            self.start = None
            return
        content = content.strip()
        if content:
            self._block(f"{self.prefix}{content}" if self.markdown or not self.prefix.strip("#- 1.")
                        else content)
        self.start = None
        self.prefix = ""

    def end_table(self) -> None:
        rows = [row for row in self.rows or [] if any(cell.strip() for cell in row)]
        self.rows = None
        widths = {len(row) for row in rows}
        if self.markdown and len(widths) == 1 and min(widths) >= 2 and len(rows) >= 2:
            cells = [[cell.strip().replace("|", "\\|") for cell in row] for row in rows]
            lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
            lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
            self._block("\n".join(lines))
        else:
            for row in rows:
                content = " ".join(cell.strip() for cell in row if cell.strip())
                if content:
                    self._block(content)
        self.start = None


def convert(source: str, *, markdown: bool) -> str:
    """HTML as Markdown (`markdown`) or plain text: blocks separated by a blank line."""
    return "\n\n".join(_written(source, markdown=markdown).blocks)


def _written(source: str, *, markdown: bool, page: bool = False) -> _Writer:
    writer = _Writer(markdown, page=page)
    last_comment = source.rfind("-->")
    index, size = 0, len(source)
    comment = source.find("<!--")
    tag = _TAG.search(source)
    while index < size:
        writer.at = index
        if 0 <= comment < index:  # each found again only once passed: the walk stays linear
            comment = source.find("<!--", index)
        if tag is not None and tag.start() < index:
            tag = _TAG.search(source, index)
        # the text before the next tag or comment is written whole
        start = min(tag.start() if tag else size, comment if comment >= 0 else size)
        if start > index:
            writer.text(source[index:start])
        if start == size:
            break
        writer.at = start
        if start == comment:
            end = comment_end(source, start, last_comment)
            if end is None:  # never closed: text
                writer.text("<")
                index = start + 1
            else:
                index = end
            continue
        assert tag is not None
        _tag(writer, tag)
        index = tag.end()
    writer.at = size
    if writer.cell is not None and writer.rows is not None:
        writer.rows[-1].append("".join(writer.cell))
        writer.cell = None
    if writer.rows is not None:
        writer.end_table()
    writer.end_block()
    return writer


#: What a page holds besides its content, or what an editor adds to it: a doctype, an XML
#: declaration, Word's conditional marks (`<![if !supportLists]>`) and its namespaced tags (`<o:p>`).
_NOT_CONTENT = re.compile(r"<![^<>]{0,2000}>|<\?[^<>]{0,2000}>|</?[A-Za-z][\w-]{0,40}:[^<>]{0,2000}>")
#: Word's list marker (a bullet or a number, then spaces), which stands for a list item's mark
_WORD_LIST_MARK = re.compile(r"<!\[if !supportLists\]>.{0,500}?<!\[endif\]>", re.DOTALL)
#: A paragraph in the Title style (Word's `class=MsoTitle`, Google Docs' `class="title"`): the heading
_TITLE_PARAGRAPH = re.compile(r"<p\s[^<>]{0,2000}?\bclass=[\"']?(?:[\w-]{1,40}\s+){0,10}(?:MsoTitle|title)\b"
                              r"[^<>]{0,2000}>",
                              re.IGNORECASE)
_MAIN, _MAIN_END = re.compile(r"<main\b[^<>]{0,2000}>", re.I), re.compile(r"</main\s*>", re.I)
_ARTICLE, _ARTICLE_END = re.compile(r"<article\b[^<>]{0,2000}>", re.I), re.compile(r"</article\s*>", re.I)
_BODY = re.compile(r"<body\b[^<>]{0,2000}>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^<>]{0,2000}>([^<]{0,2000})</title\s*>", re.IGNORECASE)
#: A control that shows what follows ("Show answer", a Confluence expand's title), not words of the page
_REVEAL = re.compile(r"^(?:(?:click|tap)(?: here)?(?: to)? )?(?:show|hide|view|reveal|expand|see)(?: the)? "
                     r"(?:answers?|solutions?|details|explanation)\W{0,3}$", re.IGNORECASE)
_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)


def page_markdown(source: str) -> tuple[str, list[int]]:
    """A web page (a document saved as HTML by Word, Google Docs or a browser) as the Markdown its
    body means, titled by its `<title>` when no `<h1>` does; and for each line of that Markdown,
    the line of the page it comes from (for messages that name a line)."""
    body = _BODY.search(source)
    start = body.end() if body else 0
    end_found = _BODY_END.search(source, start)
    end = end_found.start() if end_found else len(source)
    for opening, closing in ((_MAIN, _MAIN_END), (_ARTICLE, _ARTICLE_END)):  # the page's own text
        found = opening.search(source, start, end)
        if found and (opening is _MAIN or len(opening.findall(source, start, end)) == 1):
            ends = [match.start() for match in closing.finditer(source, found.end(), end)]
            if ends:
                start, end = found.end(), ends[-1]
                break
    content = _WORD_LIST_MARK.sub(lambda found: "<li>".ljust(len(found.group())), source[start:end])
    content = _NOT_CONTENT.sub(lambda found: " " * len(found.group()), content)  # offsets kept
    content = _TITLE_PARAGRAPH.sub(lambda found: "<h1".ljust(len(found.group()) - 1) + ">", content, count=1)
    content = content.replace("\xa0", " ").replace("&nbsp;", "      ")
    writer = _written(content, markdown=True, page=True)
    kept = [index for index, block in enumerate(writer.blocks) if not _REVEAL.match(block)]
    blocks, starts = [writer.blocks[i] for i in kept], [start + writer.starts[i] for i in kept]
    title = _TITLE.search(source[:start]) if body else None
    if title and not _H1.search(content) and html.unescape(title.group(1)).strip():
        blocks = ["# " + escape(_SPACE.sub(" ", html.unescape(title.group(1))).strip()), *blocks]
        starts = [title.start(), *starts]
    breaks = [found.start() for found in re.finditer("\n", source)]
    lines: list[int] = []
    written: list[str] = []
    for index, (block, offset) in enumerate(zip(blocks, starts, strict=True)):
        line = bisect.bisect_left(breaks, offset) + 1
        if index and not (block.startswith("- ") and blocks[index - 1].startswith("- ")):
            written.append("")  # a blank line between blocks, not between the items of a list
            lines.append(line)
        written.append(block)
        lines += [line] * (block.count("\n") + 1)
    return "\n".join(written), lines


def _tag(writer: _Writer, tag: re.Match[str]) -> None:
    closing, name = tag.group(1) == "/", tag.group(2).lower()
    found = attributes(tag.group(3)) if not closing else {}
    if writer.skipping:  # inside the site's furniture: only its end matters
        if name == writer.skipping and name not in _VOID and not tag.group(4):
            writer.skipped += -1 if closing else 1
            if writer.skipped == 0:
                writer.skipping = ""
                writer.silent -= 1
        return
    named = " ".join((found.get("class", ""), found.get("id", ""), found.get("role", "")))
    if writer.page and not closing and name in _CONTAINERS and not tag.group(4) and not writer.preformatted \
            and _FURNITURE.search(named):
        writer.end_block()
        writer.skipping, writer.skipped = name, 1
        writer.silent += 1
        return
    if name in (_PAGE_SILENT if writer.page else _SILENT):
        writer.silent += -1 if closing else 1
        writer.silent = max(writer.silent, 0)
    elif name in _EMPHASIS:
        writer.mark(_EMPHASIS[name], closing=closing)
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
            href = _unwrapped(found.get("href", "").strip())
            writer.anchors.append(href)
            if writer.links(href):
                writer.mark("[")
        else:
            href = writer.anchors.pop() if writer.anchors else ""
            if writer.markdown and writer.links(href):
                writer.mark(f"]({destination(href)})", closing=True)
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


def _unwrapped(href: str) -> str:
    """A link's own address, out of the redirect Google Docs wraps every link in."""
    if _REDIRECT.match(href):
        target = parse_qs(urlsplit(html.unescape(href)).query).get("q", [""])[0]
        if target.lower().startswith(("https:", "http:", "mailto:")):
            return target
    return href


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
