"""The print booklet, read back from the real PDF: every part of the guide is there, each question sits
on an odd page with its answer wholly on the back, and the outline, links, fonts, metadata and paper
are right. Long answers shrink to fit their page or fail the build by name; they never move a page.
It is set as a book: answers in a measure of 60 to 80 characters, display headings that never end on
one word, the brand inside the margins, a tear-out red flags leaf backed by its own notes page, a
back cover that calls to action, and print presets in the PDF.

Expectations come from the loaded Guide (and segno for the QR codes), never from a previous output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import segno
from pypdf import PdfReader

from guidegen.editions import Options
from guidegen.editions.print_page import print_page
from guidegen.load.guides import read_yaml
from guidegen.model.guide import Guide
from guidegen.model.problems import display_name, format_path
from guidegen.render.presets import DUPLEX
from guidegen.render.project import Project
from helpers import FIXTURES, MLOPS, ROOT, SECOND, guide_of, output_name, run_cli, squash
from helpers.markdown import printed_blocks
from helpers.pdf import outline, qr_matrix, reader, squashed_pages

pytestmark = pytest.mark.usefixtures("in_repo")  # messages name files as a user in the repository sees them

Build = Callable[..., Path]
PAPER_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
LONG = FIXTURES / "print" / "long-answer.yaml"
TOO_LONG = FIXTURES / "print" / "too-long-answer.yaml"
BRAND = FIXTURES / "brand"
MM = 72 / 25.4  # PDF points per millimetre


def words(guide: Guide) -> dict[str, Any]:
    """The booklet's words in the guide's language."""
    return Project(ROOT).labels(guide, "print")


def built(build_dir: Build, path: Path, *flags: str, project: Path = ROOT) -> Path:
    """Build the print edition (once a session) and return the file the edition names."""
    extra = ("--project", str(project)) if project != ROOT else ()
    out = build_dir("print", path, *flags, *extra)
    paper = flags[flags.index("--paper") + 1] if "--paper" in flags else None
    return out / output_name("print", guide_of(path, project), Options(paper=paper))  # type: ignore[arg-type]


@pytest.fixture
def book(build_dir: Build, guide_path: Path) -> tuple[Guide, Path]:
    return guide_of(guide_path), built(build_dir, guide_path)


# ---- reading the PDF


def pages_with(pdf: Path, text: str) -> list[int]:
    """1-based numbers of the pages whose text contains `text`."""
    needle = squash(text)
    return [n for n, page in enumerate(squashed_pages(pdf), 1) if needle in page]


@dataclass(frozen=True)
class Question:
    label: str  # Q3, B1
    question: str
    back: list[str]  # the blocks of text printed on the back: answer paragraphs, or `shows`


def questions(guide: Guide) -> list[Question]:
    technical = [Question(f"Q{i}", q.question, printed_blocks(q.answer))
                 for i, q in enumerate(guide.technical.questions, 1)]
    behavioural = [Question(f"B{i}", q.question, [q.shows])
                   for i, q in enumerate(guide.behavioural.questions, 1)]
    return technical + behavioural


def question_page(pdf: Path, item: Question) -> int:
    """The page the outline gives for a question (its bookmark is 'Q3 · question text')."""
    found = [page for _, title, page in outline(pdf) if title == f"{item.label} · {item.question}"]
    assert len(found) == 1, f"{item.label} has {len(found)} outline entries"
    return found[0]


# ---- content


def test_every_part_of_the_guide_is_printed(book: tuple[Guide, Path]) -> None:
    guide, pdf = book
    text = "".join(squashed_pages(pdf))
    for stage in guide.stages:
        for part in (stage.name, stage.duration, stage.what_happens, stage.prepare or ""):
            assert squash(part) in text, part
    for item in questions(guide):
        assert squash(item.question) in text, item.question
        for block in item.back:
            assert squash(block) in text, block
    for flag in guide.red_flags:
        assert squash(flag.flag) in text and squash(flag.why) in text, flag.flag
    for resource in guide.resources:
        for part in (resource.title, resource.description, resource.url or ""):
            assert squash(part) in text, part
    if guide.closing:
        assert squash(guide.closing.title) in text and squash(guide.closing.text) in text


def test_question_on_odd_page_answer_wholly_on_its_back(book: tuple[Guide, Path]) -> None:
    guide, pdf = book
    assert len(squashed_pages(pdf)) % 2 == 0, "a double-sided booklet has an even page count"
    for item in questions(guide):
        front = question_page(pdf, item)
        assert front % 2 == 1, f"{item.label} is on page {front}, a verso"
        assert front in pages_with(pdf, item.question)
        assert squash(item.label) in squashed_pages(pdf)[front - 1]
        back = front + 1
        assert back in pages_with(pdf, item.question), f"{item.label}'s back does not name it"
        for block in item.back:
            assert pages_with(pdf, block) == [back], f"{item.label}: {block[:40]!r}"


def test_outline_has_every_section_and_question(book: tuple[Guide, Path]) -> None:
    guide, pdf = book
    entries = outline(pdf)
    by_title = {title: (depth, page) for depth, title, page in entries}
    for item in questions(guide):
        depth, page = by_title[f"{item.label} · {item.question}"]
        assert depth == 2
        section = [title for d, title, p in entries if d == 1 and p <= page][-1]
        assert by_title[section][0] == 1
    top = [" ".join(title.split()) for depth, title, _ in entries if depth == 1]
    # how to use, contents, process, technical, behavioural, red flags, interview notes; resources
    # and the closing if any
    assert len(top) == 7 + bool(guide.resources) + bool(guide.closing)
    if guide.closing:
        assert top[-1] == guide.closing.title


def test_contents_links_lead_to_their_pages(book: tuple[Guide, Path]) -> None:
    guide, pdf = book
    doc = reader(pdf)
    targets: dict[str, int] = {}
    for page in doc.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                name = str(annot["/Dest"])
                dest = doc.named_destinations[name]
                targets[name] = doc.get_destination_page_number(dest) + 1
    ids = [q.id for q in guide.technical.questions] + [q.id for q in guide.behavioural.questions]
    for question_id, item in zip(ids, questions(guide), strict=True):
        assert targets[f"q-{question_id}"] == question_page(pdf, item)
    assert targets["red-flags"] in pages_with(pdf, guide.red_flags[0].why)
    assert targets["process"] in pages_with(pdf, guide.stages[0].what_happens)


def test_fonts_embedded_and_subset(book: tuple[Guide, Path]) -> None:
    _, pdf = book
    fonts = list(_fonts(reader(pdf)))
    assert fonts
    for font in fonts:
        assert re.match(r"^/[A-Z]{6}\+", str(font["/BaseFont"])), font["/BaseFont"]
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font
                      else font)["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]


def _fonts(doc: PdfReader) -> Iterator[Any]:
    seen: set[int] = set()

    def walk(resources: Any) -> Iterator[Any]:
        resources = resources.get_object() if resources is not None else {}
        for ref in (resources.get("/Font") or {}).values():
            if ref.idnum not in seen:
                seen.add(ref.idnum)
                yield ref.get_object()
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                yield from walk(xobject.get("/Resources"))

    for page in doc.pages:
        yield from walk(page.get("/Resources"))


def test_metadata_and_language(book: tuple[Guide, Path]) -> None:
    guide, pdf = book
    doc = reader(pdf)
    info = doc.metadata
    assert info is not None
    assert info.title.startswith(guide.meta.title)
    assert info.author == guide.meta.author
    assert info.subject == guide.meta.description
    assert info["/Keywords"] == ", ".join(guide.meta.keywords)
    assert doc.trailer["/Root"]["/Lang"] == guide.meta.language


def test_paper_from_the_guide(book: tuple[Guide, Path]) -> None:
    guide, pdf = book
    width, height = PAPER_POINTS[guide.settings.paper]
    for page in reader(pdf).pages:
        assert abs(float(page.mediabox.width) - width) < 0.5
        assert abs(float(page.mediabox.height) - height) < 0.5


@pytest.mark.parametrize(("path", "paper"), [(MLOPS, "letter"), (SECOND, "a4")],
                         ids=["mlops-letter", "data-analyst-a4"])
def test_paper_flag_changes_geometry_and_name(build_dir: Build, path: Path, paper: str) -> None:
    guide = guide_of(path)
    pdf = built(build_dir, path, "--paper", paper)
    assert pdf.name == f"{guide.meta.id}-print{'-letter' if paper == 'letter' else ''}.pdf"
    width, height = PAPER_POINTS[paper]
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader(pdf).pages} == {(round(width), round(height))}
    assert len(squashed_pages(pdf)) % 2 == 0
    for item in questions(guide):
        front = question_page(pdf, item)
        assert front % 2 == 1
        for block in item.back:
            assert pages_with(pdf, block) == [front + 1]


def test_resources_have_a_qr_code_of_their_url(book: tuple[Guide, Path]) -> None:
    """Each URL has beside it a square of modules that is exactly segno's QR code for that URL."""
    guide, pdf = book
    linked = [r for r in guide.resources if r.url]
    assert linked
    with pdfplumber.open(pdf) as doc:
        for resource in linked:
            (number,) = {n for n in pages_with(pdf, resource.title)
                         if n > question_page(pdf, questions(guide)[-1]) + 1}
            page = doc.pages[number - 1]
            title = page.search(resource.title, regex=False)[0]
            expected = segno.make_qr(resource.url, error="m").matrix  # type: ignore[arg-type]
            region = (title["x1"], title["top"] - 10, page.width, title["top"] + 80)
            assert qr_matrix(page, region, len(expected)) == [
                [bool(v) for v in row] for row in expected], resource.url


def test_branded_cover_and_footer(build_dir: Build) -> None:
    guide = guide_of(MLOPS, BRAND)
    assert guide.brand and guide.brand.contact and guide.brand.footer
    pdf = built(build_dir, MLOPS, project=BRAND)
    cover = squashed_pages(pdf)[0]
    assert squash(guide.brand.organisation) in cover
    assert squash(guide.brand.contact.email or "") in cover
    body_pages = squashed_pages(pdf)[1:]
    assert sum(squash(guide.brand.footer) in text for text in body_pages) >= len(body_pages) - 2
    assert reader(pdf).metadata.author == guide.brand.organisation  # type: ignore[union-attr]


# ---- fitting long answers


def _short_twin(tmp_path: Path) -> Path:
    """The long-answer fixture with its long answer replaced by a short one (and its own id)."""
    guide = guide_of(LONG)
    long = guide.technical.questions[1].answer
    text = LONG.read_text(encoding="utf-8")
    first = long.split("\n\n")[0]
    start = text.index("    - id: ml-pipeline-end-to-end")
    end = text.index("    - id:", start + 10)
    block = text[start:end]
    answer_at = block.index("      answer: |") + len("      answer: |\n")
    short = "        " + " ".join(first.split()[:40]) + ".\n\n"
    twin = text[:start] + block[:answer_at] + short + text[end:]
    twin = twin.replace("id: print-long-answer", "id: print-short-twin")
    path = tmp_path / "short-twin.yaml"
    path.write_text(twin, encoding="utf-8")
    assert guide_of(path).technical.questions[1].answer != long
    return path


def test_long_answer_shrinks_onto_its_page_and_moves_nothing(
        build_dir: Build, tmp_path_factory: pytest.TempPathFactory) -> None:
    guide = guide_of(LONG)
    pdf = built(build_dir, LONG)
    twin = built(build_dir, _short_twin(tmp_path_factory.mktemp("twin")))
    items = questions(guide)
    long_item = items[1]
    front = question_page(pdf, long_item)
    for block in long_item.back:
        assert pages_with(pdf, block) == [front + 1], block[:40]
    # Shrunk: its body type is smaller than a normal answer's.
    assert _body_size(pdf, front + 1) < _body_size(pdf, question_page(pdf, items[0]) + 1)
    # Nothing moved: same page count, every bookmark on the same page as with a short answer.
    assert len(squashed_pages(pdf)) == len(squashed_pages(twin))
    assert [(d, p) for d, _, p in outline(pdf)] == [(d, p) for d, _, p in outline(twin)]
    for item in items:
        assert question_page(pdf, item) % 2 == 1


def _body_size(pdf: Path, number: int) -> float:
    """The most common character size on a page: its body text."""
    with pdfplumber.open(pdf) as doc:
        sizes = [round(c["size"], 2) for c in doc.pages[number - 1].chars]
    return max(set(sizes), key=sizes.count)


def test_blank_pages_say_so_and_carry_no_number(build_dir: Build) -> None:
    """The long fixture's process runs onto a second page, so a blank verso precedes Q1; the
    second guide's back matter (red flags, notes, resources, no closing) ends on a recto, so a last
    blank page makes the count even. Each says so, and nothing else."""
    guide = guide_of(LONG)
    pdf = built(build_dir, LONG)
    texts = squashed_pages(pdf)
    before_first = question_page(pdf, questions(guide)[0]) - 1
    assert before_first % 2 == 0
    blank = squash(words(guide)["blank"])
    assert texts[before_first - 1] == blank, f"page {before_first}: {texts[before_first - 1]!r}"
    second = guide_of(SECOND)
    assert second.resources and not second.closing and not second.brand
    texts = squashed_pages(built(build_dir, SECOND))
    assert texts[-1] == squash(words(second)["blank"]) and len(texts) % 2 == 0


def test_an_answer_too_long_for_any_step_is_continued_and_no_question_leaves_its_front(
        build_dir: Build) -> None:
    """Q2's answer runs over at the readable floor: it begins on the back of its question, at the
    usual size across the page, and flows on over the pages it needs, each numbered in its margin;
    Q3 still starts on a front (odd page), and the contents and outline give its real page."""
    guide = guide_of(TOO_LONG)
    pdf = built(build_dir, TOO_LONG)
    texts = squashed_pages(pdf)
    marks = {title.split(" · ")[0]: page for _, title, page in outline(pdf) if " · " in title}
    front_matter, q2, q3 = marks["Q1"] - 1, marks["Q2"], marks["Q3"]
    blocks = [squash(block) for block in printed_blocks(guide.technical.questions[1].answer)]
    assert blocks[0][:40] in texts[q2]  # on the back of its question (1-based page q2 + 1)
    last = max(n for n, text in enumerate(texts, 1) if blocks[-1][-40:] in text)
    assert last > q2 + 1 and q3 % 2 == 1 and q3 in (last + 1, last + 2)
    footer = squash(guide.meta.title)
    for number in range(q2 + 2, last + 1):  # the pages it flows on to are numbered in their margins
        folio = number - front_matter
        assert f"{folio}{footer}" in texts[number - 1] or f"{footer}{folio}" in texts[number - 1], number
    with pdfplumber.open(pdf) as doc:
        sizes = {round(char["size"], 2) for char in doc.pages[q2].chars if char["text"].isalpha()}
    assert print_page(Project(ROOT), "a4").steps[0].answer_pt in sizes  # the usual size
    question = squash(guide.technical.questions[2].question)
    assert re.search(rf"Q3{re.escape(question)}{q3 - front_matter}(?!\d)", texts[2]), texts[2]


def test_question_without_room_to_write_fails_naming_it(tmp_path: Path) -> None:
    guide = guide_of(LONG)
    question = guide.technical.questions[0].question
    text = LONG.read_text(encoding="utf-8").replace(
        f"question: {question}", "question: " + " ".join([question] * 40), 1)
    path = tmp_path / "long-question.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("build", path, "--project", ROOT, "--edition", "print", "--out", tmp_path,
                     "--quiet")
    assert result.code == 2
    tree, _ = read_yaml(path)
    assert tree is not None
    field = ("technical", "questions", 0, "question")
    line, column = tree.where(field)
    assert f"{display_name(path)}:{line}:{column}: {format_path(field)} (Q1): Q1 " in result.err, result.err
    assert not list(tmp_path.glob("*.pdf"))


# ---- set as a book


def _lines(page: Any) -> list[dict[str, Any]]:
    return page.extract_text_lines(return_chars=True)


def _filled_lines(lines: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each line a paragraph or list item runs on from, with the line after it: one line pitch
    below, of the same block (not indented less, as the next item's number is)."""
    lines = sorted(lines, key=lambda ln: ln["top"])
    pitch = min((b["top"] - a["top"] for a, b in pairwise(lines)), default=0)
    return [(a, b) for a, b in pairwise(lines)
            if b["top"] - a["top"] <= 1.2 * pitch and b["x0"] >= a["x0"] - 1]


def test_answers_are_set_in_a_measure_of_60_to_80_characters(book: tuple[Guide, Path]) -> None:
    """An answer's column holds 60 to 80 characters a line, the measure of comfortable reading:
    every line that runs on holds at most 80, and broke where the next word would have taken it
    past 60 (a line is as long as its words allow)."""
    guide, pdf = book
    with pdfplumber.open(pdf) as doc:
        for item in questions(guide)[:len(guide.technical.questions)]:
            page = doc.pages[question_page(pdf, item)]  # the back: the page after the question's
            serif = [ln for ln in _lines(page)
                     if sum("Serif" in c["fontname"] for c in ln["chars"]) > len(ln["chars"]) / 2]
            filled = _filled_lines(serif)
            assert filled, item.label
            for line, after in filled:
                text, next_word = line["text"], after["text"].split()[0]
                assert len(text) <= 80 and len(text) + 1 + len(next_word) > 60, (item.label, text)


def _heading_lines(page: Any, text: str) -> list[str] | None:
    """The lines a heading is set in on this page (its characters at 12 pt or more), if it is."""
    pattern = r"\s+".join(re.escape(word) for word in text.split())
    for match in page.search(pattern, regex=True, return_chars=True):
        if all(c["size"] >= 12 for c in match["chars"]):
            rows: dict[int, list[dict[str, Any]]] = {}
            for char in match["chars"]:
                rows.setdefault(round(char["top"]), []).append(char)
            return [_spaced(rows[top]) for top in sorted(rows)]
    return None


def _spaced(chars: list[dict[str, Any]]) -> str:
    """A line's characters with a space wherever a gap between two is a word space."""
    chars = sorted(chars, key=lambda c: c["x0"])
    text = chars[0]["text"]
    for before, after in pairwise(chars):
        text += (" " if after["x0"] - before["x1"] > 0.15 * after["size"] else "") + after["text"]
    return text


def test_no_display_heading_ends_on_one_word(book: tuple[Guide, Path]) -> None:
    """The title, section titles, questions and the closing never leave one word alone on their
    last line."""
    guide, pdf = book
    labels = words(guide)
    headings = [guide.meta.title, labels["how_to_use"], labels["technical"], labels["behavioural"],
                labels["notes"], *(q.question for q in guide.technical.questions),
                *(q.question for q in guide.behavioural.questions),
                *([guide.closing.title] if guide.closing else [])]
    with pdfplumber.open(pdf) as doc:
        for heading in headings:
            found = [lines for page in doc.pages if (lines := _heading_lines(page, heading))]
            assert found, heading
            for lines in found:
                if len(heading.split()) > 1:
                    assert len(lines[-1].replace("\xa0", " ").split()) > 1, (heading, lines)


def test_print_presets_duplex_on_the_long_edge_at_actual_size(book: tuple[Guide, Path]) -> None:
    _, pdf = book
    preferences = reader(pdf).trailer["/Root"]["/ViewerPreferences"]
    assert preferences["/Duplex"] == DUPLEX["long"]
    assert preferences["/PrintScaling"] == "/None"
    assert bool(preferences["/PickTrayByPDFSize"]) is True


def _outside(page: Any, margin: float) -> list[str]:
    """What is drawn closer to the paper's edge than `margin` (points): text, boxes, images."""
    found = []
    for thing in [*page.chars, *page.rects, *page.curves, *page.lines, *page.images]:
        if (thing["x0"] < margin - 0.5 or thing["x1"] > page.width - margin + 0.5
                or thing["top"] < margin - 0.5 or thing["bottom"] > page.height - margin + 0.5):
            found.append(thing.get("text") or thing.get("object_type", "?"))
    return found


@pytest.mark.parametrize("path", [MLOPS, SECOND], ids=["mlops", "data-analyst-de"])
def test_brand_block_within_the_margins(build_dir: Build, path: Path) -> None:
    """On the branded cover and back cover, everything (the logo, the name and the contact
    included) stays inside the cover margins."""
    guide = guide_of(path, BRAND)
    pdf = built(build_dir, path, project=BRAND)
    margin = print_page(Project(ROOT), guide.settings.paper).cover_margin_mm * MM
    with pdfplumber.open(pdf) as doc:
        for page in (doc.pages[0], doc.pages[-1]):
            assert not _outside(page, margin), (page.page_number, _outside(page, margin)[:10])
    brand = guide.brand
    assert brand and brand.contact
    for number in (1, len(squashed_pages(pdf))):
        text = squashed_pages(pdf)[number - 1]
        assert squash(brand.organisation) in text and squash(brand.contact.email or "") in text, number


def test_red_flags_leaf_is_backed_by_its_notes_page(book: tuple[Guide, Path]) -> None:
    """The red flags checklist is a recto to tear out; its back is the notes page that goes with
    it, and nothing else of the guide; the resources follow on a recto."""
    guide, pdf = book
    texts = squashed_pages(pdf)
    (flags,) = pages_with(pdf, guide.red_flags[0].why)
    assert flags % 2 == 1
    notes = texts[flags]  # the next page
    assert squash(words(guide)["notes_intro"]) in notes
    for resource in guide.resources:
        assert squash(resource.description) not in notes
    if guide.resources:
        (resources,) = pages_with(pdf, guide.resources[0].description)
        assert resources % 2 == 1 and resources > flags + 1


def test_back_cover_calls_to_action(build_dir: Build, guide_path: Path) -> None:
    """A branded booklet ends on its back cover: the closing (or "get in touch"), the link with
    its QR code (the closing's url, else the brand's website), the brand's contact and footer."""
    guide = guide_of(guide_path, BRAND)
    pdf = built(build_dir, guide_path, project=BRAND)
    brand = guide.brand
    assert brand and brand.contact and brand.footer and guide.closing_url
    last = squashed_pages(pdf)[-1]
    title = guide.closing.title if guide.closing else words(guide)["contact"]
    for part in (title, brand.organisation, brand.contact.name or "", brand.contact.email or "",
                 brand.footer):
        assert squash(part) in last, part
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[-1]
        expected = segno.make_qr(guide.closing_url, error="m").matrix
        assert qr_matrix(page, (page.width / 2, 0, page.width, page.height / 2), len(expected)) == [
            [bool(v) for v in row] for row in expected]
    assert len(squashed_pages(pdf)) % 2 == 0


def test_star_boxes_speak_the_guides_language(book: tuple[Guide, Path]) -> None:
    """Each STAR box is named in the guide's language, beside its STAR letter."""
    guide, pdf = book
    first = question_page(pdf, questions(guide)[len(guide.technical.questions)])
    text = squashed_pages(pdf)[first - 1]
    for letter, name, hint in words(guide)["star"]:
        assert squash(f"{letter}{name}") in text and squash(hint) in text, name


def test_a_warm_process_measures_only_the_heads_a_save_changed_and_gives_the_same_bytes(
        tmp_path: Path) -> None:
    """In one process (a watch's worker), the booklet is built, then built again after an answer
    and then a behavioural question are edited: the second build measures no STAR head again (the
    heads are as they were), the third only the edited one, and each booklet is the same bytes as a
    cold build of the same guide in a fresh process."""
    import subprocess
    import sys

    from guidegen.editions import booklet
    from guidegen.load.guides import load_guides
    from guidegen.render.layout import Layout

    place = Project(ROOT)
    guide_file = tmp_path / "content" / MLOPS.name
    guide_file.parent.mkdir()
    original = MLOPS.read_text(encoding="utf-8")
    edits = [original, original.replace("Everything must be", "Everything really must be"),
             original.replace("had a production incident.", "had a production outage.")]
    assert len({*edits}) == 3
    measured = []
    for text in edits:
        guide_file.write_text(text, encoding="utf-8")
        guide = load_guides([guide_file], project=ROOT)[0].guide
        before = len(booklet._HEADS)
        warm = booklet.write(guide, place, Options(), Layout())
        measured.append(len(booklet._HEADS) - before)
        out = tmp_path / "cold"
        subprocess.run([sys.executable, "-m", "guidegen", "build", str(guide_file), "--project", str(ROOT),
                        "--out", str(out), "--edition", "print", "--jobs", "1", "--quiet", "--force"],
                       check=True)
        assert (out / "mlops-engineer-uk-print.pdf").read_bytes() == warm, len(measured)
    assert measured[1:] == [0, 1]
