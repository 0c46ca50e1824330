"""The EPUB edition, read back from the real file: EPUBCheck, content, self-test links, navigation,
metadata, determinism and branding.

Expectations come from the loaded Guide (and the edition's labels file), never from a previous output.
"""

from __future__ import annotations

import re
import shutil
import uuid
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

from guidegen.editions.reproducible_zip import zip_time
from guidegen.load.guides import load_guide
from guidegen.model.guide import Guide
from guidegen.model.markdown import render_markdown
from guidegen.render.project import Project
from guidegen.render.templates import source_date
from helpers import FIXTURES, ROOT, output_name, run_cli
from helpers.epub import EPUB_TYPE, NS, XML_LANG, Book, epubcheck, text_of, words

Build = Callable[..., Path]


@cache
def guide_of(path: Path, project: Path = ROOT) -> Guide:
    return load_guide(path, project=project)


def labels_for(guide: Guide) -> dict:
    return Project(ROOT).labels(guide, "epub")


@pytest.fixture
def guide(guide_path: Path) -> Guide:
    return guide_of(guide_path)


@pytest.fixture
def book(build_dir: Build, guide_path: Path, guide: Guide) -> Book:
    return Book(build_dir("epub", guide_path) / output_name("epub", guide))


@pytest.fixture(scope="session")
def branded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Guide, Book]:
    """The MLOps guide built in a project whose brand.yaml (with an SVG logo) brands it."""
    project = tmp_path_factory.mktemp("branded-project")
    for name in ("templates", "styles"):
        (project / name).symlink_to(ROOT / name)
    for name in ("brand.yaml", "logo.svg"):
        shutil.copy(FIXTURES / "epub" / name, project / name)
    source = ROOT / "content" / "mlops-engineer-uk.yaml"
    out = project / "output"
    result = run_cli("build", source, "--project", project, "--edition", "epub", "--out", out,
                     "--quiet")
    assert result.code == 0, result.err
    guide = guide_of(source, project)
    return guide, Book(out / output_name("epub", guide))


# --- validity -------------------------------------------------------------------------------


@pytest.mark.slow
def test_epubcheck_reports_nothing(book: Book) -> None:
    """0 fatal, 0 errors, 0 warnings, and no usage notes either."""
    messages = epubcheck(book.path)
    assert messages == [], "\n".join(messages)


@pytest.mark.slow
def test_branded_epubcheck_reports_nothing(branded: tuple[Guide, Book]) -> None:
    messages = epubcheck(branded[1].path)
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
    """Cover, title page, contents, how to use, process, each question alone, red flags, ..."""
    labels = labels_for(guide)
    docs = list(book.documents.values())
    assert docs[0].find("h:body", NS).get(EPUB_TYPE) == "cover"
    assert docs[1].xpath("//h:section[@epub:type='titlepage']", namespaces=NS)
    assert docs[2].xpath("//h:nav[@epub:type='toc']", namespaces=NS)
    headings = [text_of(doc.xpath("(//h:h1 | //h:h2)[1]", namespaces=NS)[0]) for doc in docs[3:]]
    expected = [labels["how_to_use"], labels["process"], labels["technical"],
                *(q.question for q in guide.technical.questions), labels["behavioural"],
                *(q.question for q in guide.behavioural.questions), labels["red_flags"],
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


# --- the self-test: each question alone, its note after it, links both ways -----------------


def _check_reveal(book: Book, question: str, qid: str, note_text: str, reveal: str,
                  note_heading: str) -> None:
    href, heading = book.document_with("//h:h2", question)
    doc = book.documents[href]
    assert len(doc.xpath("//h:h2", namespaces=NS)) == 1, f"{href} holds more than one question"
    refs = doc.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    assert len(refs) == 1 and text_of(refs[0]) == reveal
    ref = refs[0]
    assert (ref.get("role"), ref.get("href")) == ("doc-noteref", f"#ans-{qid}")
    target_file, note = book.resolve(href, ref.get("href"))
    assert target_file == href  # pop-up notes must be in the same file
    assert (note.tag, note.get(EPUB_TYPE), note.get("role")) == (
        f"{{{NS['h']}}}aside", "footnote", "doc-footnote")
    order = list(doc.iter())
    assert order.index(ref) < order.index(note), "the note must come after its reference"
    assert text_of(note.find("h:h3", NS)) == note_heading
    assert words(note_text) in text_of(note)
    backs = note.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)
    assert len(backs) == 1 and backs[0].get("href") == f"#q-{qid}"
    back_file, back_target = book.resolve(href, backs[0].get("href"))
    assert back_file == href and back_target is heading


def test_technical_questions_reveal_answers_and_link_back(book: Book, guide: Guide) -> None:
    labels = labels_for(guide)
    for n, q in enumerate(guide.technical.questions, start=1):
        answer = text_of(etree.fromstring(f"<div>{render_markdown(q.answer)}</div>"))
        number = f"Q{n}"  # every edition numbers questions alike
        _check_reveal(book, q.question, q.id, answer, labels["reveal_answer"],
                      labels["answer_heading"].format(n=number))


def test_behavioural_questions_reveal_what_they_test(book: Book, guide: Guide) -> None:
    labels = labels_for(guide)
    for n, q in enumerate(guide.behavioural.questions, start=1):
        number = f"B{n}"
        _check_reveal(book, q.question, q.id, q.shows, labels["reveal_shows"],
                      labels["shows_heading"].format(n=number))


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


def test_cover_image_and_manifest_properties(book: Book, guide: Guide) -> None:
    """cover-image on the SVG; `svg` exactly on the XHTML that embeds SVG; a text alternative."""
    (cover,) = book.with_property("cover-image")
    assert cover.get("media-type") == "image/svg+xml"
    svg = book.xml(cover.get("href"))
    assert words(guide.meta.title) in text_of(svg.find("svg:title", NS))
    drawn = " ".join(text_of(t) for t in svg.iterfind(".//svg:text", NS))
    for part in (guide.meta.title, guide.meta.subtitle, guide.meta.role, guide.meta.region):
        assert words(part) in drawn
    assert not svg.xpath("//@font-family[not(. = 'sans-serif')]")
    for href, doc in book.documents.items():
        item = next(i for i in book.manifest.values() if i.get("href") == href)
        embeds = bool(doc.xpath("//svg:svg", namespaces=NS))
        assert embeds == ("svg" in (item.get("properties") or "").split()), href
    first = book.documents[book.spine[0]]
    (wrapper,) = first.xpath("//svg:svg", namespaces=NS)
    assert wrapper.get("role") == "img"
    assert words(guide.meta.title) in text_of(wrapper.find("svg:title", NS))
    image = wrapper.find("svg:image", NS)
    link = image.get("{http://www.w3.org/1999/xlink}href")
    assert PurePosixPath(link) == PurePosixPath(cover.get("href"))


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
    (cover,) = book.with_property("cover-image")
    svg = book.xml(cover.get("href"))
    assert brand.organisation in text_of(svg)
    assert svg.xpath("//svg:rect/@fill", namespaces=NS).count(brand.accent) >= 1
