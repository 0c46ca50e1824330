"""The EPUB 3 edition: a reflowable, accessible self-test e-book, packaged with ebooklib.

Every XHTML document (and the SVG cover) comes from templates/epub/; ebooklib writes the package
document, the NCX and the zip. ebooklib 0.20 has traps, each handled here:

- `write_epub` swallows write errors and returns False: we pass `raise_exceptions` and check the
  result as well.
- It stamps a random uuid4 identifier and the clock: `set_identifier` replaces the identifier with one
  derived from the guide, the `mtime` option makes its one `dcterms:modified` the guide's date, and
  the zip (whose entries ebooklib dates with the clock) is re-packed by epub_zip.py.
- `EpubHtml` re-builds `<head>` and drops `<body>` attributes: pages are plain `EpubItem`s holding
  the full XHTML our templates render, parsed here so a template bug fails the build, not EPUBCheck.
- It sets no manifest properties for plain items: we set `properties` on each item (`svg`, `nav`,
  `cover-image`), which its writer copies into the manifest.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ebooklib import epub
from lxml import etree

from ..model.deck import Item, deck
from ..model.guide import Guide
from ..model.labels import long_date
from ..model.problems import BuildError
from ..render.project import Project
from ..render.templates import render_template, source_date
from . import epub_cover, epub_zip

GENERATOR = "guidegen"
STYLESHEET = "epub.css"
COVER_IMAGE = "images/cover.svg"
XHTML = "application/xhtml+xml"
DEFAULT_ACCENT = "#1f4e79"  # the house accent of styles/fonts.css, for the cover's two bars

# EPUB Accessibility 1.1 metadata: only what holds for every book this edition makes. accessMode
# visual because the cover (and any logo) is an image; textual suffices because each has a text
# alternative and the title page repeats the cover's words.
_ACCESSIBILITY = (
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
)


@dataclass(frozen=True)
class NavEntry:
    """One line of the table of contents (nav document and NCX alike)."""

    title: str
    href: str
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True, eq=False)
class Page:
    """One XHTML document of the book, in reading order."""

    file: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    properties: tuple[str, ...] = ()
    children: tuple[NavEntry, ...] = ()
    listed: bool = True  # shown as a top-level entry of the table of contents

    @property
    def uid(self) -> str:
        return Path(self.file).stem


def write(guide: Guide, project: Project) -> bytes:
    """The whole EPUB, byte-identical for the same guide, project and SOURCE_DATE_EPOCH."""
    labels = project.labels(guide, "epub")
    pages = plan(guide, labels)
    book = assemble(guide, project, pages, labels)
    when = source_date(guide)
    return epub_zip.repack(_zip(book, when), when)


def identifier(guide: Guide) -> str:
    """A stable identifier: the same guide and edition year always name the same book."""
    name = f"urn:guidegen:{guide.meta.id}:{guide.meta.edition}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _question_pages(kind: str, questions: list[Item], instruction: str,
                    labels: dict[str, Any]) -> list[Page]:
    """One page per question, so each is shown alone, followed by its reveal note."""
    technical = kind == "technical"
    pages = []
    for item in questions:
        number = item.label
        position = labels["question_of" if technical else "behavioural_of"]
        pages.append(Page(
            file=f"{kind}-{item.number:02d}.xhtml",
            title=f"{number}. {item.prompt}",
            template="epub/question.xhtml",
            context={
                "q": item.entry, "kind": kind, "instruction": instruction,
                "position": position.format(index=item.number, total=len(questions)),
                "reveal": labels["reveal_answer" if technical else "reveal_shows"],
                "note_heading": labels["answer_heading" if technical else "shows_heading"].format(
                    n=number),
            },
            listed=False,
        ))
    return pages


def _section(kind: str, instruction: str, questions: list[Page], labels: dict[str, Any]) -> Page:
    """The page that opens a group of questions, listing them."""
    return Page(f"{kind}.xhtml", labels[kind], "epub/section.xhtml",
                {"anchor": kind, "instruction": instruction},
                children=tuple(NavEntry(q.title, q.file) for q in questions))


def plan(guide: Guide, labels: dict[str, Any]) -> list[Page]:
    """Every page in reading order: cover, title, contents, then the guide's sections."""
    items = deck(guide)
    technical = _question_pages("technical", [i for i in items if i.kind == "technical"],
                                guide.technical.instruction, labels)
    behavioural = _question_pages("behavioural", [i for i in items if i.kind == "behavioural"],
                                  guide.behavioural.instruction, labels)
    pages = [
        Page("cover.xhtml", labels["cover"], "epub/cover.xhtml", properties=("svg",), listed=False),
        Page("title.xhtml", labels["title_page"], "epub/title.xhtml", listed=False),
        Page("nav.xhtml", labels["contents"], "epub/nav.xhtml", properties=("nav",), listed=False),
        Page("how-to-use.xhtml", labels["how_to_use"], "epub/how-to-use.xhtml"),
        Page("process.xhtml", labels["process"], "epub/process.xhtml"),
        _section("technical", guide.technical.instruction, technical, labels),
        *technical,
        _section("behavioural", guide.behavioural.instruction, behavioural, labels),
        *behavioural,
        Page("red-flags.xhtml", labels["red_flags"], "epub/red-flags.xhtml"),
    ]
    if guide.resources:
        pages.append(Page("resources.xhtml", labels["resources"], "epub/resources.xhtml"))
    if guide.closing:
        pages.append(Page("closing.xhtml", guide.closing.title, "epub/closing.xhtml"))
    return pages


def toc(pages: list[Page]) -> list[NavEntry]:
    """The sections in reading order, each with its questions: one source for nav and NCX."""
    return [NavEntry(p.title, p.file, p.children) for p in pages if p.listed]


def landmarks(labels: dict[str, Any]) -> list[dict[str, str]]:
    """Cover, contents and where the guide proper starts (nav landmarks and the EPUB 2 guide)."""
    return [
        {"type": "cover", "guide": "cover", "href": "cover.xhtml", "title": labels["cover"]},
        {"type": "toc", "guide": "toc", "href": "nav.xhtml#toc", "title": labels["contents"]},
        {"type": "bodymatter", "guide": "text", "href": "how-to-use.xhtml",
         "title": labels["start"]},
    ]


def publisher(guide: Guide) -> str:
    """A branded guide is published by the brand's organisation."""
    return guide.brand.organisation if guide.brand else guide.meta.publisher


def cover(guide: Guide, labels: dict[str, Any]) -> epub_cover.Cover:
    """The cover's words, laid out; its text alternative names everything it shows."""
    meta = guide.meta
    bottom = [(meta.role, 52, True), (meta.region, 44, False),
              (labels["edition"].format(year=meta.edition), 44, False)]
    if guide.brand:
        bottom.append((guide.brand.organisation, 40, True))
    name = f"{labels['cover']}: {meta.title} \N{EN DASH} {meta.subtitle}"
    accent = (guide.brand.accent if guide.brand else None) or DEFAULT_ACCENT
    return epub_cover.layout(title=meta.title, subtitle=meta.subtitle, kicker=meta.kicker,
                            bottom=bottom, accent=accent, name=name,
                            description=" · ".join(text for text, _, _ in bottom))


@dataclass(frozen=True)
class Asset:
    """A non-XHTML file in the book: the stylesheet, the cover image, the brand logo."""

    uid: str
    file: str
    media_type: str
    content: bytes
    properties: tuple[str, ...] = ()


def assets(guide: Guide, project: Project, art: epub_cover.Cover) -> list[Asset]:
    """The stylesheet (copied from styles/), the SVG cover and the brand logo when there is one."""
    css = project.stylesheet_text(STYLESHEET).encode("utf-8")
    svg = render_template(project, "epub/cover.svg", guide, cover=art)
    found = [Asset("css", f"styles/{STYLESHEET}", "text/css", css),
             Asset("cover-image", COVER_IMAGE, "image/svg+xml", _well_formed(svg, "cover.svg"),
                   ("cover-image",))]
    logo = project.logo(guide)
    if logo is not None:  # checked and made safe: no script or reference reaches the book
        found.append(Asset("logo", f"images/logo{logo.suffix}", logo.media_type, logo.data))
    return found


def _well_formed(text: str, name: str) -> bytes:
    """The document's bytes, once an XML parser has accepted them (a template bug fails here)."""
    data = text.encode("utf-8")
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise BuildError(f"the EPUB template for {name} made malformed XHTML: {exc}") from None
    return data


def render_pages(guide: Guide, project: Project, pages: list[Page], labels: dict[str, Any],
                 art: epub_cover.Cover, logo: str | None) -> dict[str, bytes]:
    """Each page's XHTML, rendered from its template with what every page may use."""
    shared = {
        "labels": labels, "toc": toc(pages), "landmarks": landmarks(labels),
        "stylesheet": f"styles/{STYLESHEET}", "logo_href": logo, "publisher": publisher(guide),
        "updated": long_date(guide.meta.updated, labels), "cover": art,
        "cover_href": COVER_IMAGE,
    }
    return {page.file: _well_formed(render_template(project, page.template, guide, page=page,
                                                    **shared, **page.context), page.file)
            for page in pages}


def _metadata(book: epub.EpubBook, guide: Guide, labels: dict[str, Any]) -> None:
    """Dublin Core and accessibility metadata; identifier and language as ebooklib expects them."""
    meta = guide.meta
    book.set_identifier(identifier(guide))  # replaces ebooklib's random uuid4
    book.set_title(meta.title)
    book.set_language(meta.language)
    book.add_author(meta.author)
    book.add_metadata("DC", "publisher", publisher(guide))
    book.add_metadata("DC", "description", meta.description)
    book.add_metadata("DC", "date", meta.updated.isoformat())
    for keyword in meta.keywords:
        book.add_metadata("DC", "subject", keyword)
    for prop, value in (*_ACCESSIBILITY, ("schema:accessibilitySummary", labels["summary"])):
        book.add_metadata(None, "meta", value, {"property": prop})
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})  # EPUB 2
    generator = {"name": "generator", "content": GENERATOR}
    book.set_unique_metadata("OPF", "generator", "", generator)


def _item(uid: str, file: str, media_type: str, content: bytes,
          properties: tuple[str, ...]) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=file, media_type=media_type, content=content)
    item.properties = list(properties)  # ebooklib's writer copies this into the manifest
    return item


def _nav_points(entries: list[NavEntry] | tuple[NavEntry, ...]) -> list[Any]:
    """The table of contents as ebooklib builds the NCX from it."""
    return [(epub.Section(e.title, e.href), _nav_points(e.children)) if e.children
            else epub.Link(e.href, e.title, f"nav-{Path(e.href).stem}") for e in entries]


def assemble(guide: Guide, project: Project, pages: list[Page],
             labels: dict[str, Any]) -> epub.EpubBook:
    """An ebooklib book: metadata, manifest with properties, spine in reading order, NCX, guide."""
    book = epub.EpubBook()
    _metadata(book, guide, labels)
    art = cover(guide, labels)
    files = assets(guide, project, art)
    logo = next((a.file for a in files if a.uid == "logo"), None)
    for asset in files:
        book.add_item(_item(asset.uid, asset.file, asset.media_type, asset.content,
                            asset.properties))
    rendered = render_pages(guide, project, pages, labels, art, logo)
    spine = [book.add_item(_item(p.uid, p.file, XHTML, rendered[p.file], p.properties))
             for p in pages]
    book.add_item(epub.EpubNcx())
    book.spine = spine
    book.toc = _nav_points(toc(pages))
    book.guide = [{"type": m["guide"], "href": m["href"], "title": m["title"]}
                  for m in landmarks(labels)]
    return book


def _zip(book: epub.EpubBook, modified: dt.datetime) -> bytes:
    """ebooklib's zip, with dcterms:modified from the guide and write errors raised, not hidden."""
    buffer = io.BytesIO()
    options = {"raise_exceptions": True, "mtime": modified, "epub3_landmark": False,
               "epub3_pages": False}
    if not epub.write_epub(buffer, book, options):
        raise BuildError("ebooklib could not write the EPUB")
    return buffer.getvalue()
