"""Hostile content: shown as text, never executed, embedded or fetched; every edition stays valid."""

from __future__ import annotations

import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from guidegen.editions import EDITIONS
from helpers import FIXTURES, ROOT, run_cli, squash
from helpers.anki import collection, import_package, notes, text
from helpers.epub import epubcheck
from helpers.fonts import need_fonts
from helpers.pdf import boxes, drawn_characters, page_texts

HOSTILE = FIXTURES / "hostile" / "hostile.yaml"
BASE = FIXTURES / "valid" / "minimal.yaml"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    need_fonts("emoji", "noto")  # its rocket and scripts: guidegen draws no box
    out = tmp_path_factory.mktemp("hostile")
    result = run_cli("build", HOSTILE, "--project", ROOT, "--out", out, "--quiet")
    assert result.code == 0, result.err
    return out, result.err


class _CountingServer:
    """A loopback HTTP server that counts every request made to it."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.hits = hits
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def loopback() -> Iterator[_CountingServer]:
    counting = _CountingServer()
    thread = threading.Thread(target=counting.server.serve_forever, daemon=True)
    thread.start()
    yield counting
    counting.server.shutdown()
    counting.server.server_close()


def _pdfs(out: Path) -> list[Path]:
    return sorted(out.glob("*.pdf"))


def test_every_available_edition_was_built(hostile_build: tuple[Path, str]) -> None:
    out, _ = hostile_build
    assert len([p for p in out.iterdir() if not p.name.startswith(".")]) == len(EDITIONS)


def test_pdfs_embed_no_file_script_or_foreign_link(hostile_build: tuple[Path, str]) -> None:
    out, _ = hostile_build
    secret = Path("/etc/passwd").read_bytes()[:12]
    for pdf in _pdfs(out):
        raw = pdf.read_bytes()
        for marker in (b"/EmbeddedFile", b"/JavaScript", b"/JS ", b"/Launch", b"/SubmitForm"):
            assert marker not in raw, (pdf.name, marker)
        assert secret not in raw
        reader = PdfReader(pdf)
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                if action and "/URI" in action:
                    assert re.match(r"^(https|mailto):", str(action["/URI"])), action["/URI"]


def test_raw_html_in_an_answer_prints_as_text(hostile_build: tuple[Path, str]) -> None:
    out, _ = hostile_build
    for pdf in _pdfs(out):  # compared without spaces: a token wider than a card breaks across lines
        text = "".join("".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
        assert "<script>alert(1)</script>" in text, pdf.name
        assert "javascript:alert(document.cookie)" in text, pdf.name


def test_epub_has_no_script_iframe_or_javascript_link(hostile_build: tuple[Path, str]) -> None:
    out, _ = hostile_build
    books = list(out.glob("*.epub"))
    assert books
    for book in books:
        with zipfile.ZipFile(book) as archive:
            pages = [n for n in archive.namelist() if n.endswith((".xhtml", ".html"))]
            texts = []
            for name in pages:
                root = ElementTree.fromstring(archive.read(name))
                assert not root.findall(f".//{XHTML}script") and not root.findall(f".//{XHTML}iframe")
                for link in root.iter(f"{XHTML}a"):
                    assert not link.get("href", "").lower().startswith("javascript:")
                texts.append("".join(root.itertext()))
            assert any('"><script>alert(1)</script>' in t for t in texts)


def test_anki_cards_show_hostile_text_as_text(hostile_build: tuple[Path, str], tmp_path: Path) -> None:
    """Anki shows cards in a web view that runs scripts: every card of the hostile deck, as Anki
    renders it, has no element the guide wrote, and shows what it wrote as text."""
    out, _ = hostile_build
    [package] = out.glob("*.apkg")
    with collection(tmp_path) as col:
        import_package(col, package)
        shown = []
        for note in notes(col):
            (card,) = note.cards()
            for side in (card.question(), card.answer()):
                assert not re.search(r"<(script|iframe|img|link)\b", side, re.I), note["Number"]
                assert "javascript:" not in " ".join(re.findall(r'(?:href|src)="([^"]*)"', side))
                shown.append(text(side))
    everything = " ".join(shown)
    assert '"><script>alert(1)</script> What is a test?' in everything
    assert "<script>alert('answer')</script>" in everything
    assert "javascript:alert(document.cookie)" in everything


@pytest.mark.slow
def test_hostile_text_still_makes_a_valid_epub(hostile_build: tuple[Path, str]) -> None:
    out, _ = hostile_build
    for book in out.glob("*.epub"):
        assert epubcheck(book) == []


def test_every_character_is_drawn_with_a_glyph(hostile_build: tuple[Path, str]) -> None:
    """A rocket, Hebrew, combining marks and right-to-left overrides: each drawn by a font (the
    theme's, or the machine's colour emoji), never a box."""
    out, _ = hostile_build
    for pdf in out.glob("*.pdf"):
        assert boxes(pdf) == [], pdf.name
    assert "\U0001f680" in drawn_characters(next(out.glob("*-print.pdf")))


@pytest.mark.parametrize("target", ["link", "javascript"])
def test_markdown_pointing_at_the_network_is_refused_unfetched(
    target: str, loopback: _CountingServer, tmp_path: Path
) -> None:
    markdown = {
        "link": f"[metadata]({loopback.url}/latest/meta-data/)",
        "javascript": "[click](javascript:alert(1))",
    }[target]
    guide = tmp_path / "net.yaml"
    guide.write_text(BASE.read_text().replace(
        "answer: A check that fails when the behaviour breaks.", f"answer: '{markdown}'"))
    result = run_cli("build", guide, "--project", ROOT, "--out", tmp_path / "out")
    assert result.code == 2
    where = rf"^{re.escape(str(guide))}:\d+:\d+: "
    assert re.match(where + r"technical\.questions\[0\]\.answer \(Q1\): ", result.err)
    assert loopback.hits == []
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_markdown_image_is_never_fetched_and_prints_as_its_description(
    loopback: _CountingServer, tmp_path: Path
) -> None:
    guide = tmp_path / "image.yaml"
    guide.write_text(BASE.read_text().replace(
        "answer: A check that fails when the behaviour breaks.",
        f"answer: '![the pixel diagram]({loopback.url}/pixel.png)'"))
    out = tmp_path / "out"
    result = run_cli("build", guide, "--project", ROOT, "--out", out, "--edition", "web",
                     "--edition", "handout")
    assert result.code == 0, result.err
    assert loopback.hits == []
    page = next(out.glob("*.html")).read_text()
    assert "<img" not in page and "pixel.png" not in page
    assert "the pixel diagram" in page
    handout = next(out.glob("*.pdf"))
    assert squash("the pixel diagram") in squash(" ".join(page_texts(handout)))
    checked = run_cli("check", guide, "--project", ROOT)
    assert "image" in checked.err and "the pixel diagram" in checked.err, checked.err


def _project_copy(tmp_path: Path) -> Path:
    """A project overriding the theme's fonts.css (and nothing else)."""
    project = tmp_path / "project"
    (project / "styles").mkdir(parents=True)
    shutil.copy(ROOT / "styles" / "fonts.css", project / "styles" / "fonts.css")
    return project


@pytest.mark.parametrize("edition", [e.name for e in EDITIONS if e.weasyprint])
def test_stylesheet_reaching_outside_the_project_fails_the_build(
    edition: str, loopback: _CountingServer, tmp_path: Path
) -> None:
    project = _project_copy(tmp_path)
    fonts = project / "styles" / "fonts.css"
    fonts.write_text(fonts.read_text() + (
        f'\n@font-face {{ font-family: "Remote"; src: url("{loopback.url}/font.ttf"); }}\n'
        '@font-face { font-family: "Local"; src: url("file:///etc/passwd"); }\n'))
    result = run_cli("build", BASE, "--project", project, "--edition", edition,
                     "--out", tmp_path / "out")
    assert result.code == 2
    assert "refers to resources outside the project" in result.err
    assert f"{loopback.url}/font.ttf" in result.err and "Traceback" not in result.err
    assert loopback.hits == []
