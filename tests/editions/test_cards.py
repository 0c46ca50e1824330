"""The flashcards edition, checked by reading geometry and text back from the real PDFs.

Card boxes are the card backgrounds WeasyPrint draws (rects of the card's size); each card is told
apart by its label ("MLOps · Q7", or the deck's name alone on a branded deck's title card), so the
pairing of a front with its back is read from the page, not assumed. Expectations come from the
loaded Guide and the imposition rules, never from an output.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest

from guidegen.editions import Options
from guidegen.editions import cards as edition
from guidegen.editions.imposition import Box, mirror_point
from guidegen.load.guides import load_guide
from guidegen.model.markdown import render_markdown
from guidegen.model.problems import BuildError
from guidegen.render.layout import Layout, layout
from guidegen.render.project import Project
from helpers import FIXTURES, MLOPS, ROOT, SECOND, output_name, run_cli
from helpers.pdf import colour_of, logo_boxes

MM = 25.4 / 72  # PDF points to millimetres
TOLERANCE = 0.5  # mm, for a back's centre against the mirrored front's
BRAND = FIXTURES / "brand"  # a project whose brand.yaml brands any guide built in it
BRANDED = ("--project", str(BRAND))  # the flags test_branding builds with too: one build each

CASES = [
    pytest.param((MLOPS, ()), id="mlops-a6-long"),
    pytest.param((MLOPS, ("--cards", "a7", "--flip", "short", "--back-offset", "1.5,-0.8")),
                 id="mlops-a7-short-offset"),
    pytest.param((SECOND, ()), id="de-a7-short"),
    # a negative X must be joined with "=", or argparse takes "-1.2,0.7" for an option
    pytest.param((SECOND, ("--cards", "index", "--flip", "long", "--back-offset=-1.2,0.7")),
                 id="de-index-long-offset"),
    # branded: a title card first, the logo in the margin; A6 (20 cards + 1: a sheet more), A7
    pytest.param((MLOPS, BRANDED), id="mlops-a6-long-branded"),
    pytest.param((SECOND, BRANDED), id="de-a7-short-branded"),
]


def _options(flags: tuple[str, ...]) -> Options:
    words = [word for flag in flags for word in flag.split("=", 1)]
    given = dict(zip(words[::2], words[1::2], strict=True))
    offset = tuple(float(v) for v in given.get("--back-offset", "0,0").split(","))
    return Options(cards=given.get("--cards"), flip=given.get("--flip"), back_offset=offset)


@dataclass
class Face:
    label: str
    box: Box
    text: str  # everything inside the box, whitespace removed


@dataclass
class Page:
    width: float
    height: float
    faces: list[Face]
    chars: list[dict]
    marks: list[Box]  # each black line's extent (zero width or height): cut marks, card rules
    logos: list[Box]  # where the brand fixture's logo is drawn


def _squash(text: str) -> str:
    return re.sub(r"[\s\u2060\u00ad]+", "", text)


def _mm(bbox: tuple[float, float, float, float]) -> Box:
    x0, top, x1, bottom = bbox
    return Box(x0 * MM, top * MM, (x1 - x0) * MM, (bottom - top) * MM)


def _read(path: Path, deck: str, spec: edition.CardSpec) -> list[Page]:
    """Every page's card boxes (with the label found inside each), characters, black lines and
    logos, in mm."""
    grid, pages = spec.grid, []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            faces = []
            for rect in page.rects:
                box = Box(rect["x0"] * MM, rect["top"] * MM, rect["width"] * MM,
                          rect["height"] * MM)
                if abs(box.w - grid.card_w) < 0.05 and abs(box.h - grid.card_h) < 0.05:
                    text = page.within_bbox((rect["x0"], rect["top"], rect["x1"],
                                             rect["bottom"])).extract_text()
                    label = re.match(rf"{re.escape(deck)}(?: · [QBR]\d+)?", text)
                    assert label, f"no card label in a card box on page {page.page_number}"
                    faces.append(Face(label.group(), box, _squash(text)))
            chars = [{**c, "box": Box(c["x0"] * MM, c["top"] * MM, (c["x1"] - c["x0"]) * MM,
                                      (c["bottom"] - c["top"]) * MM)} for c in page.chars]
            marks = [_mm((ln["x0"], ln["top"], ln["x1"], ln["bottom"])) for ln in page.lines
                     if colour_of(ln.get("stroking_color")) in (None, (0.0, 0.0, 0.0))]
            logos = [_mm(bbox) for bbox in logo_boxes(page, BRAND / "logo.svg")]
            pages.append(Page(page.width * MM, page.height * MM, faces, chars, marks, logos))
    return pages


class _Blocks(HTMLParser):
    """The text of each paragraph and list item of rendered Markdown, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li"):
            self.blocks.append("")
            self._open = True

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self._open = False

    def handle_data(self, data):
        if self.blocks and data.strip():
            self.blocks[-1] += data


def _markdown_blocks(text: str) -> list[str]:
    parser = _Blocks()
    parser.feed(str(render_markdown(text)))
    return [_squash(block) for block in parser.blocks if _squash(block)]


def _contact(brand) -> str:
    """The contact line as every edition prints it: name · email · website, those given."""
    parts = (brand.contact.name, brand.contact.email, brand.contact.website)
    return " · ".join(part for part in parts if part)


def _expected(guide) -> dict[str, tuple[list[str], list[str]]]:
    """Each card's label -> (texts on its front, texts on its back), in reading order.

    A branded deck's title card (labelled with the deck's name alone) shows the guide's title and
    the brand, and on its back the label ranges and the brand's footer."""
    deck = guide.meta.deck
    found = {}
    if guide.brand:
        counts = {"Q": len(guide.technical.questions), "B": len(guide.behavioural.questions),
                  "R": len(guide.red_flags)}
        ranges = [f"{k}1" + (f"\N{EN DASH}{k}{n}" if n > 1 else "") for k, n in counts.items()]
        front = [guide.meta.title, guide.meta.subtitle, guide.brand.organisation]
        front += [_contact(guide.brand)] if guide.brand.contact else []
        back = ranges + ([guide.brand.footer] if guide.brand.footer else [])
        found[deck] = ([_squash(t) for t in front], [_squash(t) for t in back])
    for i, q in enumerate(guide.technical.questions, 1):
        found[f"{deck} · Q{i}"] = ([_squash(q.question)], _markdown_blocks(q.answer))
    for i, q in enumerate(guide.behavioural.questions, 1):
        found[f"{deck} · B{i}"] = ([_squash(q.question)], [_squash(q.shows)])
    for i, flag in enumerate(guide.red_flags, 1):
        found[f"{deck} · R{i}"] = ([_squash(flag.flag)], [_squash(flag.why)])
    return found


def _in_order(parts: list[str], text: str) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def _inside(inner: Box, outer: Box, slack: float = 0.05) -> bool:
    return (inner.x >= outer.x - slack and inner.right <= outer.right + slack
            and inner.y >= outer.y - slack and inner.bottom <= outer.bottom + slack)


def _gap(a: Box, b: Box) -> float:
    """How far apart two boxes are (0 if they touch or overlap)."""
    return max(b.x - a.right, a.x - b.right, b.y - a.bottom, a.y - b.bottom, 0.0)


@dataclass
class Built:
    guide: object
    options: Options
    spec: edition.CardSpec
    path: Path
    pages: list[Page]


def _built(case: tuple[Path, tuple[str, ...]], build_dir) -> Built:
    guide_file, flags = case
    guide = load_guide(guide_file, project=BRAND if flags == BRANDED else ROOT)
    options = _options(flags)
    spec = edition.SIZES[options.cards_for(guide)]
    path = build_dir("cards", guide_file, *flags) / output_name("cards", guide, options)
    return Built(guide, options, spec, path, _read(path, guide.meta.deck, spec))


@pytest.fixture(scope="module", params=CASES)
def built(request, build_dir) -> Built:
    return _built(request.param, build_dir)


@pytest.fixture(scope="module", params=[case for case in CASES if case.values[0][1] == BRANDED])
def branded(request, build_dir) -> Built:
    return _built(request.param, build_dir)


def test_file_name_names_any_size_but_a6(built):
    size = built.options.cards_for(built.guide)
    suffix = "" if size == "a6" else f"-{size}"
    assert built.path.name == f"{built.guide.meta.id}-cards{suffix}.pdf"


def test_sheets_alternate_fronts_and_backs_on_the_right_paper(built):
    expected = _expected(built.guide)
    guide = built.guide
    content = [label for label in expected if label != guide.meta.deck]
    assert len(content) == (len(guide.technical.questions) + len(guide.behavioural.questions)
                            + len(guide.red_flags))  # one card per item
    titles = 1 if guide.brand else 0  # a branded deck's title card
    per_sheet = built.spec.grid.per_sheet
    assert len(built.pages) == 2 * math.ceil((len(content) + titles) / per_sheet)
    for page in built.pages:
        assert (page.width, page.height) == pytest.approx(
            (built.spec.grid.sheet_w, built.spec.grid.sheet_h), abs=0.05)
    fronts, backs = built.pages[0::2], built.pages[1::2]
    for front, back in zip(fronts, backs, strict=True):
        assert sorted(f.label for f in front.faces) == sorted(f.label for f in back.faces)
    labels = [f.label for page in fronts for f in page.faces]
    assert sorted(labels) == sorted(expected)  # one card per item, none twice


def test_every_back_is_behind_its_front(built):
    flip = built.options.flip_for(built.guide)
    dx, dy = built.options.back_offset
    for front, back in zip(built.pages[0::2], built.pages[1::2], strict=True):
        behind = {face.label: face.box for face in back.faces}
        for face in front.faces:
            fx, fy = face.box.centre
            mx, my = (front.width - fx, fy) if flip == "long" else (fx, front.height - fy)
            bx, by = behind[face.label].centre
            assert abs(bx - (mx + dx)) <= TOLERANCE and abs(by - (my + dy)) <= TOLERANCE, (
                face.label, (bx, by), (mx + dx, my + dy))


def test_each_card_shows_its_own_text(built):
    expected = _expected(built.guide)
    for side, pages in (("front", built.pages[0::2]), ("back", built.pages[1::2])):
        for page in pages:
            for face in page.faces:
                wanted = expected[face.label][0 if side == "front" else 1]
                assert _in_order(wanted, face.text), (face.label, side, wanted, face.text)


def test_all_text_inside_a_card_or_in_the_sheet_margin(built):
    for number, page in enumerate(built.pages, 1):
        boxes = [face.box for face in page.faces]
        top, bottom = min(b.y for b in boxes), max(b.bottom for b in boxes)
        for char in page.chars:
            box = char["box"]
            if any(_inside(box, card) for card in boxes):
                continue
            assert all(_gap(box, card) > 0.5 for card in boxes), (number, char["text"], box)
            assert box.bottom < top or box.y > bottom, ("text in a gutter", number, char["text"])


def test_cut_marks_at_every_front_corner_and_clear_of_every_card(built):
    for page in built.pages[0::2]:
        boxes = [face.box for face in page.faces]
        marks = [line for line in page.marks if not any(_inside(line, b) for b in boxes)]
        assert len(marks) == 8 * len(boxes)
        for mark in marks:
            assert min(_gap(mark, b) for b in boxes) >= 0.9
        for b in boxes:
            for cx, cy in ((b.x, b.y), (b.right, b.y), (b.x, b.bottom), (b.right, b.bottom)):
                level = [m for m in marks if m.h < 0.01 and abs(m.y - cy) < 0.05
                         and min(abs(m.x - cx), abs(m.right - cx)) <= 1.05]
                upright = [m for m in marks if m.w < 0.01 and abs(m.x - cx) < 0.05
                           and min(abs(m.y - cy), abs(m.bottom - cy)) <= 1.05]
                assert level and upright, (cx, cy)


def test_card_text_stays_readable(built):
    """No card text below the size's floors (a label's kind word is 0.9 of its 6 or 7 pt)."""
    floor = min(built.spec.answer.floor, built.spec.note.floor)
    for page in built.pages:
        boxes = [face.box for face in page.faces]
        sizes = [c["size"] for c in page.chars if any(_inside(c["box"], b) for b in boxes)
                 and "Mono" not in c["fontname"]]
        assert min(sizes) >= min(floor, 0.9 * built.spec.label_pt) - 0.01


# -- a branded guide, a card that cannot fit, the calibration sheet ---------------------------

def test_brand_on_every_card_back_and_sheet(branded):
    guide, pages = branded.guide, branded.pages
    organisation, footer = _squash(guide.brand.organisation), _squash(guide.brand.footer)
    title = _squash(guide.meta.title)
    for number, page in enumerate(pages):
        if number % 2:
            assert all(organisation in face.text for face in page.faces)
        top = min(face.box.y for face in page.faces)
        bottom = max(face.box.bottom for face in page.faces)
        head = _squash("".join(c["text"] for c in page.chars if c["box"].bottom < top))
        foot = _squash("".join(c["text"] for c in page.chars if c["box"].y > bottom))
        assert title in head and footer in foot


def test_title_card_opens_the_deck_with_the_logo(branded):
    """The title card is the first card of the first sheet; the logo is drawn on it, on no other
    card, and nowhere on its back."""
    grid, deck = branded.spec.grid, branded.guide.meta.deck
    front, back = branded.pages[0], branded.pages[1]
    title = next(face for face in front.faces if face.label == deck)
    assert _gap(title.box, grid.front(0)) == 0 and title.box.x == pytest.approx(grid.front(0).x)
    assert [logo for logo in front.logos if _inside(logo, title.box)] != []
    assert not [logo for face in front.faces[1:] for logo in front.logos
                if _inside(logo, face.box)]
    assert not back.logos


def test_logo_in_every_front_sheets_margin_clear_of_cut_marks(branded):
    """A small logo in the bottom margin of each front sheet: outside every card, below the last
    row, within a column (never in a gutter), clear of every cut mark and of the paper's edge."""
    grid = branded.spec.grid
    columns = [grid.front(col) for col in range(grid.cols)]
    for front in branded.pages[0::2]:
        boxes = [face.box for face in front.faces]
        (logo,) = [box for box in front.logos if not any(_inside(box, b) for b in boxes)]
        assert logo.y > max(b.bottom for b in boxes) and logo.bottom < front.height - 3.5
        assert any(col.x <= logo.x and logo.right <= col.right for col in columns)
        assert min(_gap(logo, mark) for mark in front.marks) > 0.5
        assert logo.h <= 5


def test_text_too_long_for_its_card_fails_naming_it(tmp_path):
    guide_file = FIXTURES / "cards" / "too-long-a7.yaml"
    result = run_cli("build", guide_file, "--project", ROOT, "--edition", "cards",
                     "--out", tmp_path)
    assert result.code == 2
    line = next(n for n, text in enumerate(guide_file.read_text().splitlines(), 1)
                if text.strip() == "answer: |")
    match = re.search(rf"too-long-a7\.yaml:{line}:\d+: technical\.questions\[0\]\.answer: "
                      r"card Long · Q1 \(back\) does not fit: .* \(6 pt\) its text is "
                      r"(\d+\.\d) mm too tall", result.err)
    assert match, result.err
    assert float(match.group(1)) > 0
    assert not list(tmp_path.iterdir())  # nothing written, nothing clipped


def test_block_fitting_finds_the_largest_size_that_fits():
    """The search, against a stand-in for layout: height grows with size², in whole lines."""
    def height(size: float) -> float:
        return math.ceil(size * size / 4) * 1.3

    block = edition.Block("b", Box(0, 0, 50, 30), edition.Type(10.0, 6.0), ("x",), "block x")
    renders = 1
    while block.measured(height(block.size)):
        renders += 1
    best = max(s / 4 for s in range(24, 41) if height(s / 4) <= 30)
    assert block.size == best and renders <= 6
    tiny = edition.Block("t", Box(0, 0, 50, 5), edition.Type(10.0, 6.0), ("y", 1), "block y")
    with pytest.raises(BuildError) as error:
        while tiny.measured(height(tiny.size)):
            pass
    assert error.value.path == ("y", 1) and "block y does not fit" in error.value.message


CALIBRATIONS = [Options(cards="a6", flip="long", back_offset=(1.0, -0.5)),
                Options(cards="a7", flip="short", back_offset=(-0.5, 0.8))]


@pytest.mark.parametrize("options", CALIBRATIONS, ids=["a6-long", "a7-short"])
def test_calibration_marks_and_readings(options, tmp_path):
    """Backs' crosses sit at the mirrored targets plus the offset; and for a printer with no drift,
    the back's lines show through exactly at the scales' 0 marks."""
    data = edition.render_calibration(Project(ROOT), options)
    assert data == edition.render_calibration(Project(ROOT), options)  # deterministic
    path = tmp_path / "calibration.pdf"
    path.write_bytes(data)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2
        front, back = pdf.pages
        width, height = front.width * MM, front.height * MM

        def crosses(page, length):
            lines = [(ln["x0"] * MM, ln["top"] * MM, ln["x1"] * MM, ln["bottom"] * MM)
                     for ln in page.lines]
            level = [ln for ln in lines if abs(ln[2] - ln[0] - length) < 0.01 and ln[1] == ln[3]]
            upright = [ln for ln in lines if abs(ln[3] - ln[1] - length) < 0.01 and ln[0] == ln[2]]
            return sorted((u[0], h[1]) for h in level for u in upright
                           if h[0] < u[0] < h[2] and u[1] < h[1] < u[3])

        targets, marks = crosses(front, 5.0), crosses(back, 30.0)
        assert len(targets) == len(marks) == 2 * edition.SIZES[options.cards].grid.cols
        dx, dy = options.back_offset
        for x, y in targets:
            mx, my = mirror_point(x, y, width, height, options.flip)
            mark = min(marks, key=lambda m, mx=mx, my=my: math.dist(m, (mx + dx, my + dy)))
            assert math.dist(mark, (mx + dx, my + dy)) < 0.05
            seen_x, seen_y = mirror_point(*mark, width, height, options.flip)
            zeros = [((c["x0"] + c["x1"]) / 2 * MM, (c["top"] + c["bottom"]) / 2 * MM)
                     for c in front.chars if c["text"] == "0"]
            above = [z for z in zeros if abs(z[0] - x) < 8 and y - 20 < z[1] < y - 7]
            left = [z for z in zeros if x - 20 < z[0] < x - 7 and abs(z[1] - y) < 8]
            assert min(abs(z[0] - seen_x) for z in above) < 0.3
            assert min(abs(z[1] - seen_y) for z in left) < 0.3
        text = front.extract_text()
        assert "--back-offset X,Y" in text and f"flip on the {options.flip} edge" in text


@pytest.mark.slow
def test_a_deck_laid_out_in_parts_equals_one_document(tmp_path):
    """A big deck is laid out in parts of whole sheets side by side and joined: the same pages
    with the same text as the deck laid out as one document."""
    guide = load_guide(MLOPS, project=ROOT)
    whole = edition.write(guide, Project(ROOT), Options(), Layout(1))
    with layout(2) as pool:
        parts = edition.write(guide, Project(ROOT), Options(), pool, part_sheets=2)
    pages = []
    for data in (whole, parts):
        (tmp_path / "deck.pdf").write_bytes(data)
        with pdfplumber.open(tmp_path / "deck.pdf") as pdf:
            pages.append([page.extract_text() for page in pdf.pages])
    assert len(pages[0]) >= 6 and pages[0] == pages[1]
