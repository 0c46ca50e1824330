"""The EPUB 3 edition: a reflowable, accessible self-test e-book, packaged with ebooklib.

The self-test holds in every reading engine because each answer is a content document of its own,
right after its question's: no reader lays two spine items on one screen, whatever it does with page
breaks (MuPDF drops them, epub.js in CSS columns ignores them). The question's "Reveal" link is a
note reference to it, so readers that pop notes up (Apple Books, Kobo, Kindle after calibre) still
do; Kobo pops up a linked element of 9 to 5000 characters that comes after the link, and the answer
links back to its reference, as Kindle's pop-ups want.

Every XHTML document comes from templates/epub/, the cover image from epub_cover.py; ebooklib writes
the package document, the NCX and the zip. ebooklib 0.20 has traps, each handled here:

- `write_epub` swallows write errors and returns False: we run its `EpubWriter` ourselves (`_zip`),
  so they raise.
- It stamps a random uuid4 identifier and the clock: `set_identifier` replaces the identifier with one
  derived from the guide, the `mtime` option makes its one `dcterms:modified` the guide's date, and
  the zip (whose entries ebooklib dates with the clock) is re-packed by epub_zip.py.
- `EpubHtml` re-builds `<head>` and drops `<body>` attributes: pages are plain `EpubItem`s holding
  the full XHTML our templates render, parsed here so a template bug fails the build, not EPUBCheck.
- It sets no manifest properties for plain items: we set `properties` on each item (`nav`,
  `cover-image`), which its writer copies into the manifest.
- It writes no `xml:lang` on the package element (Ace by DAISY reports that as serious):
  `_package_language` adds it while epub_zip.py re-packs the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ebooklib import epub
from lxml import etree

from ..model.deck import Chapter, Item, Kind, chapters, deck
from ..model.guide import Guide
from ..model.labels import direction, long_date
from ..model.problems import BuildError
from ..render.project import Project
from ..render.templates import render_template, source_date
from . import Options, epub_cover, epub_zip

if TYPE_CHECKING:
    from ..render.layout import Layout

GENERATOR = "guidegen"
STYLESHEET = "epub.css"
COVER_IMAGE = "images/cover.png"
XHTML = "application/xhtml+xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEFAULT_ACCENT = "#1f4e79"  # the house accent of styles/fonts.css, for the cover's band
# The cover's fonts, looked up in the theme as any theme file is: the headings' Inter, DejaVu Sans for
# what Inter lacks, then every other font the theme ships.
_COVER_FONTS = {False: ("fonts/Inter-Regular.otf", "fonts/DejaVuSans.ttf"),
                True: ("fonts/Inter-Bold.otf", "fonts/DejaVuSans-Bold.ttf")}

# EPUB Accessibility 1.1 metadata: only what holds for every book this edition makes. accessMode
# visual because the cover (and any logo) is an image; textual suffices because each has a text
# alternative and the title page repeats the cover's words. No conformance level is claimed: Ace by
# DAISY finds no critical or serious violation, but no one has evaluated the book against WCAG.
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


def write(guide: Guide, project: Project, options: Options, layout: Layout,
          pack: dict[str, Any] | None = None) -> bytes:
    """The whole EPUB, byte-identical for the same guide, project and SOURCE_DATE_EPOCH (it reads
    no option and lays nothing out). With `pack` (editions/packs.py: `context`), a candidate's own
    book: their letter and itinerary after the title page, what happens next at the end."""
    labels = project.labels(guide, "epub")
    pages = plan(guide, labels)
    if pack is not None:
        words = project.labels(guide, "packs")
        shared = {"pack": pack, "pack_labels": words}
        pages.insert(2, Page("letter.xhtml", words["title"], "epub/letter.xhtml", shared))
        pages.append(Page("next.xhtml", words["next"], "epub/next.xhtml", shared))
    book = assemble(guide, project, pages, labels)
    when = source_date(guide)
    return epub_zip.repack(_zip(book, when), when, edit=_package_language(guide.meta.language))


def identifier(guide: Guide) -> str:
    """A stable identifier: the same guide and edition year always name the same book."""
    name = f"urn:guidegen:{guide.meta.id}:{guide.meta.edition}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _self_test_pages(kind: Kind, chapters: list[Chapter], instruction: str | None,
                     labels: dict[str, Any]) -> list[Page]:
    """Each question on a page of its own, then its answer on the next; each answer leads on to the
    next question (the section's last, to the page after it: `_lead_on`). The first question of a
    group carries the group's heading, which the contents link to."""
    technical = kind == "technical"
    heading = labels["answer_heading" if technical else "shows_heading"]
    position = labels["question_of" if technical else "behavioural_of"]
    questions = [item for chapter in chapters for item in chapter.items]
    opening = {chapter.items[0].index: chapter for chapter in chapters if chapter.title}
    pages: list[Page] = []
    for item, following in zip(questions, [*questions[1:], None], strict=True):
        question, answer = f"{kind}-{item.number:02d}.xhtml", f"{kind}-{item.number:02d}-answer.xhtml"
        pages.append(Page(
            file=question,
            title=f"{item.label}. {item.prompt}",
            template="epub/question.xhtml",
            context={
                "q": item.entry, "kind": kind, "instruction": instruction,
                "chapter": opening.get(item.index),
                "position": position.format(index=item.number, total=len(questions)),
                "reveal": labels["reveal_answer" if technical else "reveal_shows"],
                "answer_href": f"{answer}#ans-{item.id}",
            },
            listed=False,
        ))
        pages.append(Page(
            file=answer,
            title=heading.format(n=item.label),
            template="epub/answer.xhtml",
            context={
                "q": item.entry, "kind": kind, "back_href": f"{question}#reveal-{item.id}",
                "next": (NavEntry(labels["next_question"].format(n=following.label),
                                  f"{kind}-{following.number:02d}.xhtml") if following else None),
            },
            listed=False,
        ))
    return pages


def _section(kind: Kind, instruction: str | None, chapters: list[Chapter],
             labels: dict[str, Any]) -> Page:
    """The page that opens a section of questions, listing them (not their answers), under their
    groups' headings where the section has groups."""
    def entry(item: Item) -> NavEntry:
        return NavEntry(f"{item.label}. {item.prompt}", f"{kind}-{item.number:02d}.xhtml")

    children = tuple(
        # a group opens its first question's page: the group links to that page's top, as the
        # question does (a link into the page would come after the question's in reading order)
        NavEntry(chapter.title, f"{kind}-{chapter.items[0].number:02d}.xhtml",
                 tuple(entry(item) for item in chapter.items)) if chapter.title else entry(item)
        for chapter in chapters for item in (chapter.items[:1] if chapter.title else chapter.items))
    return Page(f"{kind}.xhtml", labels[kind], "epub/section.xhtml",
                {"anchor": kind, "instruction": instruction}, children=children)


def _lead_on(pages: list[Page], labels: dict[str, Any]) -> None:
    """Each answer that ends a section leads on to the page after it (none, at the book's end)."""
    for index, page in enumerate(pages):
        if page.template == "epub/answer.xhtml" and page.context["next"] is None:
            then = next((later for later in pages[index + 1:] if later.listed), None)
            if then is not None:
                page.context["next"] = NavEntry(labels["next_section"].format(title=then.title), then.file)


def plan(guide: Guide, labels: dict[str, Any]) -> list[Page]:
    """Every page in reading order: cover, title, contents, then the parts of the guide it has."""
    items = deck(guide)
    pages = [
        Page("cover.xhtml", labels["cover"], "epub/cover.xhtml", listed=False),
        Page("title.xhtml", labels["title_page"], "epub/title.xhtml", listed=False),
        Page("nav.xhtml", labels["contents"], "epub/nav.xhtml", properties=("nav",), listed=False),
        Page("how-to-use.xhtml", labels["how_to_use"], "epub/how-to-use.xhtml"),
    ]
    if guide.stages:
        pages.append(Page("process.xhtml", labels["process"], "epub/process.xhtml"))
    sections: tuple[tuple[Kind, str | None], ...] = (("technical", guide.technical.instruction),
                                                     ("behavioural", guide.behavioural.instruction))
    for kind, instruction in sections:
        own = chapters(guide, items, kind)
        if own:
            pages += [_section(kind, instruction, own, labels),
                      *_self_test_pages(kind, own, instruction, labels)]
    if guide.red_flags:
        pages.append(Page("red-flags.xhtml", labels["red_flags"], "epub/red-flags.xhtml"))
    if guide.resources:
        pages.append(Page("resources.xhtml", labels["resources"], "epub/resources.xhtml"))
    if guide.closing:
        pages.append(Page("closing.xhtml", guide.closing.title, "epub/closing.xhtml"))
    _lead_on(pages, labels)
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


def publisher(guide: Guide) -> str | None:
    """A branded guide is published by the brand's organisation."""
    return guide.brand.organisation if guide.brand else guide.meta.publisher


def cover_alt(guide: Guide, labels: dict[str, Any]) -> str:
    """The cover image's text alternative: what it says, in the order it says it."""
    meta = guide.meta
    return f"{labels['cover']}: {meta.title}" + (f" \N{EN DASH} {meta.subtitle}" if meta.subtitle else "")


def cover_fonts(project: Project) -> epub_cover.Fonts:
    """The cover's fonts, from the project's theme lookup (so a project's own files win)."""
    fallbacks = tuple(project.fonts())

    def found(bold: bool) -> tuple[Path, ...]:
        named = (project.theme_file("styles", name) for name in _COVER_FONTS[bold])
        first = tuple(path for path in named if path is not None)
        return tuple(dict.fromkeys((*first, *fallbacks)))

    return epub_cover.Fonts(regular=found(False), bold=found(True))


def cover_image(guide: Guide, project: Project, labels: dict[str, Any]) -> bytes:
    """The cover as a PNG: title, subtitle, role, region, edition and, when branded, the organisation
    and a PNG logo."""
    meta = guide.meta
    foot = [epub_cover.FootLine(text, size, bold) for text, size, bold in (
        (meta.role, 50, True), (meta.region, 42, False),
        (labels["edition"].format(year=meta.edition) if meta.edition else None, 42, False)) if text]
    if guide.brand:
        foot.append(epub_cover.FootLine(guide.brand.organisation, 40, True))
    accent = (guide.brand.accent if guide.brand else None) or DEFAULT_ACCENT
    fonts, logo = cover_fonts(project), project.logo(guide)
    # drawn once per process for what it shows (half of a warm e-book's time): a watch's save of an
    # answer draws no cover
    key = (meta.title, meta.subtitle or "", meta.kicker, tuple(foot), accent, fonts, logo,
           tuple((str(path), path.stat().st_mtime_ns) for path in (*fonts.regular, *fonts.bold)))
    if key not in _COVERS:
        if len(_COVERS) >= MAX_COVERS:
            _COVERS.clear()
        _COVERS[key] = epub_cover.draw(title=meta.title, subtitle=meta.subtitle or "", kicker=meta.kicker,
                                       foot=foot, accent=accent, fonts=fonts, logo=logo)
    return _COVERS[key]


_COVERS: dict[tuple[object, ...], bytes] = {}
MAX_COVERS = 16


@dataclass(frozen=True)
class Asset:
    """A non-XHTML file in the book: the stylesheet, the cover image, the brand logo."""

    uid: str
    file: str
    media_type: str
    content: bytes
    properties: tuple[str, ...] = ()


def assets(guide: Guide, project: Project, labels: dict[str, Any]) -> list[Asset]:
    """The stylesheet (copied from styles/), the cover image and the brand logo when there is one."""
    css = project.stylesheet_text(STYLESHEET).encode("utf-8")
    found = [Asset("css", f"styles/{STYLESHEET}", "text/css", css),
             Asset("cover-image", COVER_IMAGE, "image/png", cover_image(guide, project, labels),
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
                 logo: str | None) -> dict[str, bytes]:
    """Each page's XHTML, rendered from its template with what every page may use."""
    shared = {
        "labels": labels, "toc": toc(pages), "landmarks": landmarks(labels),
        "stylesheet": f"styles/{STYLESHEET}", "logo_href": logo, "publisher": publisher(guide),
        "updated": long_date(guide.meta.updated, labels) if guide.meta.updated else None,
        "cover_alt": cover_alt(guide, labels),
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
    if meta.author:
        book.add_author(meta.author)
    if publisher(guide):
        book.add_metadata("DC", "publisher", publisher(guide))
    if meta.description:
        book.add_metadata("DC", "description", meta.description)
    if meta.updated:
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
    files = assets(guide, project, labels)
    logo = next((a.file for a in files if a.uid == "logo"), None)
    for asset in files:
        book.add_item(_item(asset.uid, asset.file, asset.media_type, asset.content,
                            asset.properties))
    rendered = render_pages(guide, project, pages, labels, logo)
    spine = [book.add_item(_item(p.uid, p.file, XHTML, rendered[p.file], p.properties))
             for p in pages]
    book.add_item(epub.EpubNcx())
    book.spine = spine
    if direction(guide.meta.language) == "rtl":  # pages turn to the left, as a reader of it expects
        book.set_direction("rtl")
    book.toc = _nav_points(toc(pages))
    book.guide = [{"type": m["guide"], "href": m["href"], "title": m["title"]}
                  for m in landmarks(labels)]
    return book


def _package_language(language: str) -> Callable[[str, bytes], bytes]:
    """An edit for the re-pack that puts the book's language on the package element, as EPUB 3 asks
    (ebooklib writes it only as dc:language)."""
    def edit(name: str, data: bytes) -> bytes:
        if not name.endswith(".opf"):
            return data
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        root.set(XML_LANG, language)
        return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True))
    return edit


def _zip(book: epub.EpubBook, modified: dt.datetime) -> bytes:
    """ebooklib's zip, with dcterms:modified from the guide and write errors raised, not hidden."""
    buffer = io.BytesIO()
    options = {"mtime": modified, "epub3_landmark": False, "epub3_pages": False}
    writer = epub.EpubWriter(buffer, book, options)
    writer.process()
    try:
        writer.write()
    except OSError as exc:
        raise BuildError(f"ebooklib could not write the EPUB: {exc}") from None
    return buffer.getvalue()
