"""The EPUB edition, read back from the real file: EPUBCheck, content, self-test links, navigation,
metadata, determinism and branding.

Expectations come from the loaded Guide (and the edition's labels file), never from a previous output.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree
from PIL import Image

from guidegen.editions.epub import DEFAULT_ACCENT
from guidegen.editions.epub_cover import hex_colour
from guidegen.editions.reproducible_zip import zip_time
from guidegen.model.guide import Guide
from guidegen.model.markdown import render_markdown
from guidegen.render.project import Project
from guidegen.render.templates import source_date
from helpers import FIXTURES, MLOPS, ROOT, Run, guide_of, output_name, run_cli
from helpers.epub import EPUB_TYPE, NS, XML_LANG, Book, epubcheck, text_of, words

Build = Callable[..., Path]


def labels_for(guide: Guide) -> dict:
    return Project(ROOT).labels(guide, "epub")


@pytest.fixture
def guide(guide_path: Path) -> Guide:
    return guide_of(guide_path)


@pytest.fixture
def book(build_dir: Build, guide_path: Path, guide: Guide) -> Book:
    return Book(build_dir("epub", guide_path) / output_name("epub", guide))


def branded_build(project: Path, logo: str, logo_bytes: bytes) -> tuple[Path, Run]:
    """The MLOps guide built in a project branded by the fixture brand.yaml, with this logo file."""
    for name in ("templates", "styles"):
        (project / name).symlink_to(ROOT / name)
    brand = (FIXTURES / "epub" / "brand.yaml").read_text(encoding="utf-8")
    (project / "brand.yaml").write_text(brand.replace("logo: logo.svg", f"logo: {logo}"), encoding="utf-8")
    (project / logo).write_bytes(logo_bytes)
    out = project / "output"
    return out, run_cli("build", MLOPS, "--project", project, "--edition", "epub", "--out", out, "--quiet")


@pytest.fixture(scope="session")
def branded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Guide, Book]:
    """The MLOps guide built in a project whose brand.yaml (with an SVG logo) brands it."""
    project = tmp_path_factory.mktemp("branded-project")
    out, result = branded_build(project, "logo.svg", (FIXTURES / "epub" / "logo.svg").read_bytes())
    assert result.code == 0, result.err
    guide = guide_of(MLOPS, project)
    return guide, Book(out / output_name("epub", guide))


LOGO_COLOUR = (255, 0, 255)  # a colour nothing else on the cover has


def png_logo() -> bytes:
    """A PNG logo: a magenta block on a transparent ground."""
    image = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    image.paste((*LOGO_COLOUR, 255), (0, 0, 100, 100))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="session")
def branded_png(tmp_path_factory: pytest.TempPathFactory) -> tuple[Guide, Book]:
    """The MLOps guide branded with a PNG logo, which the cover draws."""
    project = tmp_path_factory.mktemp("branded-png-project")
    out, result = branded_build(project, "logo.png", png_logo())
    assert result.code == 0, result.err
    guide = guide_of(MLOPS, project)
    return guide, Book(out / output_name("epub", guide))


# --- validity -------------------------------------------------------------------------------


@pytest.mark.slow
def test_epubcheck_reports_nothing(book: Book) -> None:
    """0 fatal, 0 errors, 0 warnings, and no usage notes either."""
    messages = epubcheck(book.path)
    assert messages == [], "\n".join(messages)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["branded", "branded_png"])
def test_branded_epubcheck_reports_nothing(which: str, request: pytest.FixtureRequest) -> None:
    _, book = request.getfixturevalue(which)
    messages = epubcheck(book.path)
    assert messages == [], "\n".join(messages)


def test_every_xml_file_is_well_formed_and_in_the_book_language(book: Book, guide: Guide) -> None:
    """Strict XML parsing of every document; lang and xml:lang on every XHTML root."""
    xhtml = [i.get("href") for i in book.manifest.values()
             if i.get("media-type") == "application/xhtml+xml"]
    assert sorted(xhtml) == sorted(book.spine)
    for href in xhtml:
        root = book.xml(href)
        assert root.get("lang") == root.get(XML_LANG) == guide.meta.language, href
    for item in book.manifest.values():
        if item.get("media-type").endswith(("+xml", "/xml")):
            book.xml(item.get("href"))  # raises on anything malformed


def test_zip_is_ocf_and_byte_identical_across_builds(book: Book, guide: Guide, guide_path: Path,
                                                      tmp_path: Path) -> None:
    """mimetype first and stored, one fixed date on every entry, and the same bytes every build."""
    infos = book.zip.infolist()
    first = infos[0]
    assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
    assert book.zip.read("mimetype") == b"application/epub+zip"
    assert {info.date_time for info in infos} == {zip_time(source_date(guide))}
    again = run_cli("build", guide_path, "--project", ROOT, "--edition", "epub", "--out", tmp_path,
                    "--quiet")
    assert again.code == 0, again.err
    assert (tmp_path / book.path.name).read_bytes() == book.path.read_bytes()


# --- content and reading order --------------------------------------------------------------


def test_reading_order_follows_the_guide(book: Book, guide: Guide) -> None:
    """Cover, title page, contents, how to use, process, each question alone and its answer after
    it, red flags, ..."""
    labels = labels_for(guide)
    docs = list(book.documents.values())
    assert docs[0].find("h:body", NS).get(EPUB_TYPE) == "cover"
    assert docs[1].xpath("//h:section[@epub:type='titlepage']", namespaces=NS)
    assert docs[2].xpath("//h:nav[@epub:type='toc']", namespaces=NS)
    headings = [text_of(doc.xpath("(//h:h1 | //h:h2)[1]", namespaces=NS)[0]) for doc in docs[3:]]
    technical = [text for n, q in enumerate(guide.technical.questions, start=1)
                 for text in (q.question, labels["answer_heading"].format(n=f"Q{n}"))]
    behavioural = [text for n, q in enumerate(guide.behavioural.questions, start=1)
                   for text in (q.question, labels["shows_heading"].format(n=f"B{n}"))]
    expected = [labels["how_to_use"], labels["process"], labels["technical"], *technical,
                labels["behavioural"], *behavioural, labels["red_flags"],
                *([labels["resources"]] if guide.resources else []),
                *([guide.closing.title] if guide.closing else [])]
    assert len(headings) == len(expected)
    for heading, text in zip(headings, expected, strict=True):
        assert heading.endswith(words(text)), (heading, text)


def test_every_part_of_the_guide_appears(book: Book, guide: Guide) -> None:
    text = " ".join(text_of(doc) for doc in book.documents.values())
    expected = [guide.meta.title, guide.meta.subtitle, guide.meta.role, guide.meta.region,
                guide.introduction, guide.technical.instruction, guide.behavioural.instruction]
    for stage in guide.stages:
        expected += [stage.name, stage.duration, stage.what_happens, stage.prepare or ""]
    for q in guide.technical.questions:
        expected += [q.question, *q.topics, *q.tools]
    for b in guide.behavioural.questions:
        expected += [b.question, b.shows]
    for flag in guide.red_flags:
        expected += [flag.flag, flag.why]
    for resource in guide.resources:
        expected += [resource.title, resource.description, resource.url or ""]
    if guide.closing:
        expected += [guide.closing.title, guide.closing.text]
    missing = [item for item in expected if words(item) not in text]
    assert missing == []


def test_resources_link_to_their_urls(book: Book, guide: Guide) -> None:
    labels = labels_for(guide)
    if not guide.resources:
        pytest.skip("this guide lists no resources")
    href, _ = book.document_with("//h:h1", labels["resources"])
    links = {text_of(a): a.get("href") for a in book.documents[href].iterfind(".//h:a", NS)}
    for resource in guide.resources:
        assert links.get(words(resource.title)) == resource.url


# --- the self-test: each question alone, its answer the next document, links every way -------


@dataclass(frozen=True)
class SelfTest:
    """What the guide says one question page and its answer page must hold."""

    label: str
    id: str
    question: str
    note: str  # the answer's (or what-it-tests') text
    reveal: str
    heading: str
    next: str  # the words of the link on from the answer


def self_tests(guide: Guide) -> list[SelfTest]:
    labels = labels_for(guide)
    technical, behavioural = guide.technical.questions, guide.behavioural.questions
    found = []
    for n, q in enumerate(technical, start=1):
        answer = text_of(etree.fromstring(f"<div>{render_markdown(q.answer)}</div>"))
        following = (labels["next_question"].format(n=f"Q{n + 1}") if n < len(technical)
                     else labels["next_section"].format(title=labels["behavioural"]))
        found.append(SelfTest(f"Q{n}", q.id, q.question, answer, labels["reveal_answer"],
                              labels["answer_heading"].format(n=f"Q{n}"), following))
    for n, b in enumerate(behavioural, start=1):
        following = (labels["next_question"].format(n=f"B{n + 1}") if n < len(behavioural)
                     else labels["next_section"].format(title=labels["red_flags"]))
        found.append(SelfTest(f"B{n}", b.id, b.question, b.shows, labels["reveal_shows"],
                              labels["shows_heading"].format(n=f"B{n}"), following))
    return found


def test_each_answer_is_the_document_after_its_question(book: Book, guide: Guide) -> None:
    """No reader can show an answer on its question's screen: they are two spine items."""
    for test in self_tests(guide):
        href, _ = book.document_with("//h:h2", test.question)
        question = book.documents[href]
        assert len(question.xpath("//h:h2", namespaces=NS)) == 1, f"{href} holds more than one question"
        assert words(test.note) not in text_of(question), f"{test.label}: answer on the question's page"
        (ref,) = question.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
        assert text_of(ref) == test.reveal
        target, _ = book.resolve(href, ref.get("href"))
        assert target == book.spine[book.spine.index(href) + 1]
        answer = text_of(book.documents[target])
        assert words(test.note) in answer
        assert words(test.question) not in answer, f"{test.label}: the question is on the answer's page"


def test_reveal_is_a_note_reference_that_readers_can_pop_up(book: Book, guide: Guide) -> None:
    """noteref to a footnote (a div: Apple Books and Thorium hide footnote asides in the text), of a
    length Kobo pops up (9 to 5000 characters, after the link), with a back link to the reference as
    Kindle's pop-ups want."""
    for test in self_tests(guide):
        href, _ = book.document_with("//h:h2", test.question)
        (ref,) = book.documents[href].xpath("//h:a[@epub:type='noteref']", namespaces=NS)
        assert (ref.get("role"), ref.get("id")) == ("doc-noteref", f"reveal-{test.id}")
        target, note = book.resolve(href, ref.get("href"))
        assert (note.tag, note.get(EPUB_TYPE), note.get("role")) == (
            f"{{{NS['h']}}}div", "footnote", "doc-footnote")
        assert text_of(note.find("h:h2", NS)) == test.heading
        assert 9 <= len(text_of(note)) <= 5000, f"{test.label}: Kobo will not pop this note up"
        (back,) = note.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)
        assert book.resolve(target, back.get("href")) == (href, ref)


def test_each_answer_leads_on_to_the_next_question(book: Book, guide: Guide) -> None:
    """Under the note (so not in a pop-up), a link to what follows: the next question, or the next
    section after the last one."""
    for test in self_tests(guide):
        href, _ = book.document_with("//h:h2", test.question)
        (ref,) = book.documents[href].xpath("//h:a[@epub:type='noteref']", namespaces=NS)
        target, note = book.resolve(href, ref.get("href"))
        links = [a for a in book.documents[target].iterfind(".//h:a", NS) if note not in a.iterancestors()]
        assert [text_of(a) for a in links] == [test.next]
        assert book.resolve(target, links[0].get("href"))[0] == book.spine[book.spine.index(target) + 1]


def test_behavioural_questions_give_the_star_prompts_print_gives(book: Book, guide: Guide) -> None:
    """The same STAR words as the print booklet, from one place in labels.yaml, and its checklist."""
    labels = labels_for(guide)
    assert labels["star"] == Project(ROOT).labels(guide, "print")["star"]
    assert labels["check_steps"] == Project(ROOT).labels(guide, "print")["check_steps"]
    for test in self_tests(guide):
        if not test.label.startswith("B"):
            continue
        href, _ = book.document_with("//h:h2", test.question)
        text = text_of(book.documents[href])
        assert all(words(name) in text and words(hint) in text for _, name, hint in labels["star"])
        answer = text_of(book.documents[book.spine[book.spine.index(href) + 1]])
        assert all(words(step) in answer for step in labels["check_steps"])


def test_how_to_use_names_the_links_it_describes(book: Book, guide: Guide) -> None:
    labels = labels_for(guide)
    href, _ = book.document_with("//h:h1", labels["how_to_use"])
    text = text_of(book.documents[href])
    for link in (labels["reveal_answer"], labels["reveal_shows"], labels["back"]):
        assert words(link) in text
    assert "{" not in text


# --- navigation -----------------------------------------------------------------------------


def _nav_links(nav: etree._Element) -> Iterator[tuple[str, str]]:
    for a in nav.iterfind(".//h:a", NS):
        yield text_of(a), a.get("href")


def test_nav_and_ncx_list_every_section_and_question(book: Book, guide: Guide) -> None:
    labels = labels_for(guide)
    (nav_item,) = book.with_property("nav")
    nav_href = nav_item.get("href")
    nav_doc = book.documents[nav_href]
    (toc,) = nav_doc.xpath("//h:nav[@epub:type='toc']", namespaces=NS)
    ncx_item = book.manifest[book.opf.find("opf:spine", NS).get("toc")]
    ncx = book.xml(ncx_item.get("href"))
    ncx_links = [(text_of(p.find("ncx:navLabel", NS)), p.find("ncx:content", NS).get("src"))
                 for p in ncx.iterfind(".//ncx:navPoint", NS)]
    sections = [labels["how_to_use"], labels["process"], labels["technical"],
                labels["behavioural"], labels["red_flags"],
                *([labels["resources"]] if guide.resources else []),
                *([guide.closing.title] if guide.closing else [])]
    questions = [q.question for q in (*guide.technical.questions, *guide.behavioural.questions)]
    for links in (list(_nav_links(toc)), ncx_links):
        for wanted in (*sections, *questions):
            hits = [href for title, href in links if title.endswith(words(wanted))]
            assert len(hits) == 1, f"{wanted!r} listed {len(hits)} times"
            _, element = book.resolve(nav_href, hits[0])
            assert words(wanted) in text_of(element)


def test_landmarks_point_at_cover_contents_and_start(book: Book, guide: Guide) -> None:
    (nav_item,) = book.with_property("nav")
    nav_href = nav_item.get("href")
    (marks,) = book.documents[nav_href].xpath("//h:nav[@epub:type='landmarks']", namespaces=NS)
    found = {a.get(EPUB_TYPE): a.get("href") for a in marks.iterfind(".//h:a", NS)}
    assert set(found) == {"cover", "toc", "bodymatter"}
    assert book.resolve(nav_href, found["cover"])[0] == book.spine[0]
    assert book.resolve(nav_href, found["toc"])[1].get(EPUB_TYPE) == "toc"
    start, _ = book.resolve(nav_href, found["bodymatter"])
    assert words(labels_for(guide)["how_to_use"]) in text_of(book.documents[start])


# --- metadata, manifest, cover --------------------------------------------------------------


def test_package_metadata(book: Book, guide: Guide) -> None:
    meta = guide.meta
    unique = book.opf.get("unique-identifier")
    (identifier,) = book.opf.xpath(f"//dc:identifier[@id='{unique}']/text()", namespaces=NS)
    assert uuid.UUID(identifier.removeprefix("urn:uuid:")).version == 5  # derived, not random
    assert book.dc("title") == [meta.title]
    assert book.dc("language") == [meta.language]
    assert book.opf.get(XML_LANG) == meta.language  # the package document's own language (Ace)
    assert book.dc("creator") == [meta.author]
    assert book.dc("publisher") == [meta.publisher]
    assert book.dc("description") == [words(meta.description)]
    assert book.dc("subject") == meta.keywords
    assert book.meta("dcterms:modified") == [source_date(guide).strftime("%Y-%m-%dT%H:%M:%SZ")]


def test_identifier_is_stable_and_modified_follows_source_date_epoch(
        book: Book, guide_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another date changes only the dates: the identifier names the guide, not the build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = run_cli("build", guide_path, "--project", ROOT, "--edition", "epub", "--out", tmp_path,
                     "--quiet")
    assert result.code == 0, result.err
    later = Book(tmp_path / book.path.name)
    assert later.dc("identifier") == book.dc("identifier")
    assert later.meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]


def test_accessibility_metadata(book: Book) -> None:
    assert set(book.meta("schema:accessMode")) == {"textual", "visual"}
    assert book.meta("schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"} <= set(
        book.meta("schema:accessibilityFeature"))
    assert book.meta("schema:accessibilityHazard") == ["none"]
    (summary,) = book.meta("schema:accessibilitySummary")
    assert len(summary) > 80
    # No conformance claimed: that needs an evaluation against WCAG nobody has made.
    assert not book.opf.xpath("//opf:metadata/*[@property='dcterms:conformsTo'] | //dc:conformsTo "
                              "| //opf:link[@rel='dcterms:conformsTo']", namespaces=NS)


def cover_of(book: Book) -> Image.Image:
    (item,) = book.with_property("cover-image")
    assert item.get("id") == "cover-image"  # what the EPUB 2 <meta name="cover"> names
    assert book.opf.xpath("//opf:meta[@name='cover']/@content", namespaces=NS) == ["cover-image"]
    image = Image.open(book.zip.open(str(book.opf_path.parent / item.get("href"))))
    assert image.format == item.get("media-type").removeprefix("image/").upper() == "PNG"
    return image.convert("RGB")


def test_cover_is_a_raster_image_alone_on_the_first_page(book: Book, guide: Guide) -> None:
    """A PNG every reader and calibre's Kindle conversion shows, in an <img> with its text alternative,
    the accent band across its top; no SVG left in the book."""
    image = cover_of(book)
    assert image.size == (1200, 1800)
    band = image.getpixel((4, 4))
    assert all(abs(a - b) <= 6 for a, b in zip(band, hex_colour(DEFAULT_ACCENT), strict=True)), band
    first = book.documents[book.spine[0]]
    (img,) = first.iterfind(".//h:img", NS)
    (item,) = book.with_property("cover-image")
    assert PurePosixPath(img.get("src")) == PurePosixPath(item.get("href"))
    assert words(guide.meta.title) in img.get("alt") and words(guide.meta.subtitle) in img.get("alt")
    assert text_of(first.find("h:body", NS)) == ""  # nothing but the image: Kobo shows it as one picture
    for href, doc in book.documents.items():
        assert not doc.xpath("//svg:svg", namespaces=NS), href
    assert not [i for i in book.manifest.values() if "svg" in i.get("media-type")]


def test_no_scripts_remote_resources_or_fonts(book: Book) -> None:
    for href, doc in book.documents.items():
        assert not doc.xpath("//h:script | //*[@style]", namespaces=NS), href
        for element in doc.xpath("//h:link | //h:img | //svg:image", namespaces=NS):
            src = element.get("href") or element.get("src") or element.get(
                "{http://www.w3.org/1999/xlink}href")
            assert "://" not in src, f"{href} loads {src}"
        for image in doc.iterfind(".//h:img", NS):
            assert image.get("alt"), f"{href}: image without alt text"
    media = {i.get("media-type") for i in book.manifest.values()}
    assert not {m for m in media if m.startswith(("font/", "application/font"))}


def test_stylesheet_suits_e_ink_and_night_mode(book: Book) -> None:
    """Relative units, no page size, no fonts, and no colour except the reader's own (inherit)."""
    (css_item,) = [i for i in book.manifest.values() if i.get("media-type") == "text/css"]
    css = re.sub(r"/\*.*?\*/", "", book.zip.read(str(book.opf_path.parent / css_item.get("href")))
                 .decode(), flags=re.S)
    assert not re.search(r"\d(px|pt|pc|cm|mm|in|q)\b", css, re.I)
    assert "@font-face" not in css and "@page" not in css and "background" not in css
    colours = re.findall(r"(?<![-\w])color\s*:\s*([^;}]+)", css)
    assert colours and all(value.strip() == "inherit" for value in colours)


# --- branding -------------------------------------------------------------------------------


def test_branding_on_title_page_and_in_metadata(branded: tuple[Guide, Book]) -> None:
    guide, book = branded
    brand = guide.brand
    assert brand is not None and brand.logo
    assert book.dc("publisher") == [brand.organisation]
    title_href = book.spine[1]
    title = book.documents[title_href]
    text = text_of(title)
    assert brand.organisation in text and brand.contact.email in text and brand.footer in text
    (logo,) = title.iterfind(".//h:img", NS)
    assert brand.organisation in logo.get("alt")
    item = next(i for i in book.manifest.values() if i.get("href") == logo.get("src"))
    assert item.get("media-type") == "image/svg+xml"
    packaged = etree.fromstring(book.zip.read(str(book.opf_path.parent / logo.get("src"))))
    drawn = etree.parse(ROOT / "tests" / "fixtures" / "epub" / brand.logo).getroot()
    assert [(e.tag, dict(e.attrib)) for e in packaged.iter()] == [
        (e.tag, dict(e.attrib)) for e in drawn.iter()]  # a clean logo loses nothing on its way in
    band = cover_of(book).getpixel((4, 4))  # the cover's band in the brand's colour
    assert all(abs(a - b) <= 6 for a, b in zip(band, hex_colour(brand.accent), strict=True)), band


def test_png_logo_is_drawn_on_the_cover(branded_png: tuple[Guide, Book]) -> None:
    """A PNG logo goes on the cover, flattened on white (an SVG one stays on the title page only)."""
    _, book = branded_png
    cover = cover_of(book)
    found = [(x, y) for x in range(0, cover.width, 4) for y in range(0, cover.height, 4)
             if all(abs(a - b) <= 6 for a, b in zip(cover.getpixel((x, y)), LOGO_COLOUR, strict=True))]
    assert found, "the logo is not on the cover"
    assert min(y for _, y in found) > cover.height / 2  # at the foot, with the organisation
    title = book.documents[book.spine[1]]
    (logo,) = title.iterfind(".//h:img", NS)
    item = next(i for i in book.manifest.values() if i.get("href") == logo.get("src"))
    assert item.get("media-type") == "image/png"
