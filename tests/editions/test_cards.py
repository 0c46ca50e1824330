"""The flashcards edition, checked by reading geometry and text back from the real PDFs.

Card boxes are the card backgrounds WeasyPrint draws (rects of the card's size); each card is told
apart by its label ("MLOps · Q7", "MLOps · Q3 · 2/2" for a continued answer, or the deck's name alone
on a branded deck's title card), so the pairing of a front with its back is read from the page, not
assumed. Expectations come from the loaded Guide, the card sizes and the imposition rules, never
from an output.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from guidegen.base.paper import PAPERS
from guidegen.editions import Options
from guidegen.editions import cards as edition
from guidegen.editions.imposition import Box
from guidegen.load.guides import load_guide
from guidegen.model.problems import BuildError
from guidegen.render.layout import Layout, layout
from guidegen.render.presets import DUPLEX
from guidegen.render.project import Project
from helpers import FIXTURES, MINIMAL, MLOPS, ROOT, SECOND, guide_of, in_order, output_name, run_cli, squash
from helpers.markdown import printed_blocks
from helpers.pdf import colour_of, logo_boxes

MM = 25.4 / 72  # PDF points to millimetres
TOLERANCE = 0.5  # mm, for a back's centre against the mirrored front's
BRAND = FIXTURES / "brand"  # a project whose brand.yaml brands any guide built in it
BRANDED = ("--project", str(BRAND))  # the flags test_branding builds with too: one build each
PAPER_MM = {name: paper.size for name, paper in PAPERS.items()}
LABEL = re.compile(r"(?P<deck>.+?)(?: · (?P<item>[QBR]\d+)(?: · (?P<part>\d+)/(?P<parts>\d+))?)?$")

CASES = [
    pytest.param((MLOPS, ()), id="mlops-a6-a4-long"),
    # A7 on A4: the longer answers continue on a second card at 7 pt
    pytest.param((MLOPS, ("--cards", "a7", "--flip", "short", "--back-offset", "1.5,-0.8")),
                 id="mlops-a7-a4-short-offset"),
    pytest.param((MLOPS, ("--paper", "letter", "--cards", "index")), id="mlops-index-letter"),
    pytest.param((SECOND, ()), id="de-a7-letter-short"),  # the guide's own settings: Letter, A7
    # a negative X must be joined with "=", or argparse takes "-1.2,0.7" for an option
    pytest.param((SECOND, ("--paper", "a4", "--cards", "index", "--flip", "long", "--back-offset=-1.2,0.7")),
                 id="de-index-a4-long-offset"),
    # branded: the logo in the margin; A6 (20 cards fill 5 sheets: no title card), A7 (a title card)
    pytest.param((MLOPS, BRANDED), id="mlops-a6-long-branded"),
    pytest.param((SECOND, BRANDED), id="de-a7-short-branded"),
]


def _options(flags: tuple[str, ...]) -> Options:
    words = [word for flag in flags for word in flag.split("=", 1) if flag != "--project"]
    words = [w for w in words if w != str(BRAND)]
    given = dict(zip(words[::2], words[1::2], strict=True))
    offset = tuple(float(v) for v in given.get("--back-offset", "0,0").split(","))
    return Options(paper=given.get("--paper"), cards=given.get("--cards"), flip=given.get("--flip"),
                   back_offset=offset)


@dataclass
class Face:
    label: str
    box: Box
    text: str  # everything inside the box, whitespace removed
    body: str  # the text below the label band and above the brand's foot
    sizes: set[float]  # every character's type size (pt)


@dataclass
class Page:
    width: float
    height: float
    faces: list[Face]
    chars: list[dict]
    marks: list[Box]  # each black line's extent (zero width or height): cut marks, card rules
    logos: list[Box]  # where the brand fixture's logo is drawn


def _mm(bbox: tuple[float, float, float, float]) -> Box:
    x0, top, x1, bottom = bbox
    return Box(x0 * MM, top * MM, (x1 - x0) * MM, (bottom - top) * MM)


def _read(path: Path, spec: edition.CardSpec, branded: bool, words: list[str]) -> list[Page]:
    """Every page's card boxes (with the label found inside each, its text and type sizes),
    characters, black lines and logos, in mm. `words` are the kind words that follow a label."""
    grid, pages = spec.grid, []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            faces = []
            for rect in page.rects:
                box = Box(rect["x0"] * MM, rect["top"] * MM, rect["width"] * MM, rect["height"] * MM)
                if abs(box.w - grid.card_w) < 0.05 and abs(box.h - grid.card_h) < 0.05:
                    inside = page.within_bbox((rect["x0"], rect["top"], rect["x1"], rect["bottom"]))
                    head = (spec.padding + spec.head) / MM
                    foot = (spec.padding + (spec.foot if branded and number % 2 else 0)) / MM
                    body = inside.within_bbox((rect["x0"], rect["top"] + head, rect["x1"],
                                               rect["bottom"] - foot))
                    label = _label(inside.extract_text().splitlines()[0], words)
                    faces.append(Face(label, box, squash(inside.extract_text()),
                                      squash(body.extract_text()),
                                      {round(c["size"], 2) for c in inside.chars}))
            chars = [{**c, "box": Box(c["x0"] * MM, c["top"] * MM, (c["x1"] - c["x0"]) * MM,
                                      (c["bottom"] - c["top"]) * MM)} for c in page.chars]
            marks = [_mm((ln["x0"], ln["top"], ln["x1"], ln["bottom"])) for ln in page.lines
                     if colour_of(ln.get("stroking_color")) in (None, (0.0, 0.0, 0.0))]
            logos = [_mm(bbox) for bbox in logo_boxes(page, BRAND / "logo.svg")]
            pages.append(Page(page.width * MM, page.height * MM, faces, chars, marks, logos))
    return pages


def _label(head_line: str, words: list[str]) -> str:
    """The label at the start of a card's head line ("MLOps · Q3 · 1/2 STRONG ANSWER")."""
    for word in sorted(words, key=len, reverse=True):
        if head_line.strip().endswith(" " + word.upper()):
            return head_line.strip()[: -len(word) - 1]
    raise AssertionError(f"no kind word in the head line {head_line!r}")


def _words(labels: dict) -> list[str]:
    return [*labels["kind"].values(), *labels["reveal"].values()]


def _contact(brand) -> str:
    """The contact as every edition prints it: name, email, website, those given."""
    return "".join(part for part in (brand.contact.name, brand.contact.email, brand.contact.website)
                   if part)


@dataclass
class Built:
    guide: object
    options: Options
    spec: edition.CardSpec
    path: Path
    pages: list[Page]
    labels: dict

    @property
    def fronts(self) -> list[Page]:
        return self.pages[0::2]

    @property
    def backs(self) -> list[Page]:
        return self.pages[1::2]

    def faces(self, side: str) -> list[Face]:
        return [face for page in (self.fronts if side == "front" else self.backs) for face in page.faces]


def _built(case: tuple[Path, tuple[str, ...]], build_dir) -> Built:
    guide_file, flags = case
    branded = BRAND.as_posix() in " ".join(flags)
    guide = load_guide(guide_file, project=BRAND if branded else ROOT)
    options = _options(flags)
    spec = edition.card_spec(Project(ROOT), options.cards_for(guide), options.paper_for(guide))
    path = build_dir("cards", guide_file, *flags) / output_name("cards", guide, options)
    labels = Project(ROOT).labels(guide, "cards")
    return Built(guide, options, spec, path, _read(path, spec, guide.brand is not None, _words(labels)),
                 labels)


@pytest.fixture(scope="module", params=CASES)
def built(request, build_dir) -> Built:
    return _built(request.param, build_dir)


@pytest.fixture(scope="module", params=[case for case in CASES if case.values[0][1] == BRANDED])
def branded(request, build_dir) -> Built:
    return _built(request.param, build_dir)


def _items(guide) -> dict[str, tuple[str, list[str]]]:
    """Each item's label ("Q3") -> (its prompt, the blocks of text behind it), from the Guide."""
    found = {f"Q{i}": (q.question, printed_blocks(q.answer))
             for i, q in enumerate(guide.technical.questions, 1)}
    found |= {f"B{i}": (q.question, [q.shows]) for i, q in enumerate(guide.behavioural.questions, 1)}
    found |= {f"R{i}": (flag.flag, [flag.why]) for i, flag in enumerate(guide.red_flags, 1)}
    return found


def _inside(inner: Box, outer: Box, slack: float = 0.05) -> bool:
    return (inner.x >= outer.x - slack and inner.right <= outer.right + slack
            and inner.y >= outer.y - slack and inner.bottom <= outer.bottom + slack)


def _gap(a: Box, b: Box) -> float:
    """How far apart two boxes are (0 if they touch or overlap)."""
    return max(b.x - a.right, a.x - b.right, b.y - a.bottom, a.y - b.bottom, 0.0)


# -- the deck, its sheets and paper ------------------------------------------------------------

def test_file_name_names_any_size_but_a6_any_flip_but_long_and_any_paper_but_a4(built):
    size, paper = built.options.cards_for(built.guide), built.options.paper_for(built.guide)
    flip = built.options.flip_for(built.guide)
    suffix = "".join(f"-{value}" for value, default in ((size, "a6"), (flip, "long"), (paper, "a4"))
                     if value != default)
    assert built.path.name == f"{built.guide.meta.id}-cards{suffix}.pdf"


def test_sheets_are_the_chosen_paper_and_cards_the_named_size(built):
    """Every sheet is the paper asked for; every card box is exactly the size's card, as many to a
    sheet as the size says (a full sheet but the last)."""
    paper = PAPER_MM[built.options.paper_for(built.guide)]
    for page in built.pages:
        assert (page.width, page.height) == pytest.approx(paper, abs=0.05)
        for face in page.faces:
            assert (face.box.w, face.box.h) == pytest.approx(built.spec.card, abs=0.05)
    counts = [len(page.faces) for page in built.fronts]
    assert all(count == built.spec.grid.per_sheet for count in counts[:-1]) and counts[-1] >= 1


def test_every_item_has_its_cards_and_a_title_card_only_in_a_free_slot(built):
    """One card per item, or its parts 1/n…n/n one after another; a branded deck's title card
    only where the last sheet had a slot free, so it never adds a sheet of paper."""
    guide, labels = built.guide, [face.label for face in built.faces("front")]
    assert sorted(labels) == sorted(face.label for face in built.faces("back"))
    deck = guide.meta.deck_name
    content = [label for label in labels if label != deck]
    parts: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for label in content:
        match = LABEL.match(label)
        assert match and match["deck"] == deck and match["item"], label
        parts[match["item"]].append((int(match["part"] or 1), int(match["parts"] or 1)))
    assert sorted(parts) == sorted(_items(guide))
    for item, found in parts.items():
        total = found[0][1]
        assert sorted(found) == [(n, total) for n in range(1, total + 1)], item
    per_sheet = built.spec.grid.per_sheet
    titled = deck in labels
    assert titled == (guide.brand is not None and len(content) % per_sheet != 0)
    assert len(built.fronts) == math.ceil(len(content) / per_sheet)  # the title card added none
    if titled:
        assert labels[0] == deck  # first in the deck


def test_every_back_is_behind_its_front(built):
    flip = built.options.flip_for(built.guide)
    dx, dy = built.options.back_offset
    for front, back in zip(built.fronts, built.backs, strict=True):
        behind = {face.label: face.box for face in back.faces}
        for face in front.faces:
            fx, fy = face.box.centre
            mx, my = (front.width - fx, fy) if flip == "long" else (fx, front.height - fy)
            bx, by = behind[face.label].centre
            assert abs(bx - (mx + dx)) <= TOLERANCE and abs(by - (my + dy)) <= TOLERANCE, (
                face.label, (bx, by), (mx + dx, my + dy))


def test_each_card_shows_its_own_text(built):
    """Fronts ask (a red flag's with its prompt); the backs of an item's cards, read in order, show
    all of its answer; a continued answer says so on each card but the last, and the next card
    repeats the question."""
    guide, labels = built.guide, built.labels
    fronts = {face.label: face for face in built.faces("front")}
    backs = {face.label: face for face in built.faces("back")}
    for item, (prompt, blocks) in _items(guide).items():
        mine = sorted((label for label in fronts if LABEL.match(label)["item"] == item),
                      key=lambda label: int(LABEL.match(label)["part"] or 1))
        text = ""
        for number, label in enumerate(mine, 1):
            assert squash(prompt) in fronts[label].body, (label, fronts[label].body)
            body = backs[label].body.removesuffix("→")  # the arrow that points to the next card
            if number < len(mine):
                note = squash(labels["continues"].format(part=number + 1, parts=len(mine)))
                assert body.endswith(note), (label, body[-60:])
                body = body[: -len(note)]
            if number > 1:
                note = labels["continued"].format(part=number, parts=len(mine))
                assert squash(note) in fronts[label].body, label
            text += body
        assert in_order([squash(block) for block in blocks], text), (item, blocks, text)
        if item.startswith("R"):
            assert squash(labels["red_flag_prompt"]) in fronts[mine[0]].body
    if guide.brand and guide.meta.deck_name in fronts:
        title, back = fronts[guide.meta.deck_name], backs[guide.meta.deck_name]
        for part in (guide.meta.title, guide.meta.subtitle, guide.brand.organisation,
                     _contact(guide.brand)):
            assert squash(part) in title.text, part
        counts = {"Q": len(guide.technical.questions), "B": len(guide.behavioural.questions),
                  "R": len(guide.red_flags)}
        for letter, n in counts.items():
            assert f"{letter}1" + (f"\N{EN DASH}{letter}{n}" if n > 1 else "") in back.text
        assert squash(guide.brand.footer) in back.text


def test_links_print_their_address(built):
    """A card cannot be clicked: an answer's link whose text is not its address prints it."""
    backs = "".join(face.body for face in built.faces("back"))
    urls = re.findall(r"\[[^\]]+\]\((https://[^)]+)\)",
                      "".join(q.answer for q in built.guide.technical.questions))
    for url in urls:
        assert squash(f"({url})") in backs, url


def test_card_type_is_one_size_a_face_and_never_below_7_pt(built):
    """Every character on a card is at least 7 pt. On a sheet every front's text is one size and
    every back's one size; besides it a face has only the one small size (label, topics, prompts,
    the brand)."""
    small = built.spec.small_pt
    for number, page in enumerate(built.pages, 1):
        sizes = set().union(*(face.sizes for face in page.faces))
        assert min(sizes) >= small - 0.01, (number, sorted(sizes))
        body = sizes - {small}
        assert len(body) <= 1, (number, sorted(sizes))  # one text size on the sheet's side
        for face in page.faces:
            assert face.sizes <= {small, *body}, (number, face.label, face.sizes)


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
            assert box.y >= 4 and box.bottom <= page.height - 4, ("text at the paper's edge", number)


def test_margin_lines_never_overlap(built):
    """The sheet's margin lines (title, sheet number, brand) keep apart, even on a sheet of one
    column, where the sheet number takes a row of its own."""
    for number, page in enumerate(built.pages, 1):
        boxes = [face.box for face in page.faces]
        outside = [c for c in page.chars if not any(_inside(c["box"], card) for card in boxes)]
        rows: dict[int, list[dict]] = defaultdict(list)
        for char in outside:
            rows[round(char["top"])].append(char)
        for row in rows.values():
            row.sort(key=lambda c: c["x0"])
            for a, b in pairwise(row):
                assert b["x0"] >= a["x1"] - 1.5, (number, a["text"], b["text"])  # kerning aside


def test_cut_marks_at_every_front_corner_and_clear_of_every_card(built):
    for page in built.fronts:
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


def test_print_presets_duplex_on_the_flip_edge_at_actual_size(built):
    preferences = PdfReader(built.path).trailer["/Root"]["/ViewerPreferences"]
    assert preferences["/Duplex"] == DUPLEX[built.options.flip_for(built.guide)]
    assert preferences["/PrintScaling"] == "/None"
    assert preferences["/PickTrayByPDFSize"] is True or preferences["/PickTrayByPDFSize"].value is True


# -- a branded guide, text that cannot fit, fitting, the calibration sheet ---------------------

def test_brand_on_every_card_back_and_sheet(branded):
    guide, pages = branded.guide, branded.pages
    organisation, footer = squash(guide.brand.organisation), squash(guide.brand.footer)
    title = squash(guide.meta.title)
    for number, page in enumerate(pages):
        if number % 2:
            assert all(organisation in face.text for face in page.faces)
        top = min(face.box.y for face in page.faces)
        bottom = max(face.box.bottom for face in page.faces)
        head = squash("".join(c["text"] for c in page.chars if c["box"].bottom < top))
        foot = squash("".join(c["text"] for c in page.chars if c["box"].y > bottom))
        assert title in head and footer in foot


def test_title_card_opens_the_deck_with_the_logo(branded):
    """Where there is a title card, it is the first card of the first sheet; the logo is drawn on
    it, on no other card, and nowhere on its back."""
    grid, deck = branded.spec.grid, branded.guide.meta.deck_name
    front, back = branded.pages[0], branded.pages[1]
    logos_on_cards = [logo for face in front.faces for logo in front.logos if _inside(logo, face.box)]
    if front.faces[0].label != deck:
        assert not logos_on_cards
        return
    title = front.faces[0]
    assert title.box.x == pytest.approx(grid.front(0).x) and title.box.y == pytest.approx(grid.front(0).y)
    assert logos_on_cards and all(_inside(logo, title.box) for logo in logos_on_cards)
    assert not back.logos


def test_logo_in_every_front_sheets_margin_clear_of_cut_marks(branded):
    """A small logo in the bottom margin of each front sheet: outside every card, below the last
    row, within a column (never in a gutter), clear of every cut mark and of the paper's edge."""
    grid = branded.spec.grid
    columns = [grid.front(col) for col in range(grid.cols)]
    for front in branded.fronts:
        boxes = [face.box for face in front.faces]
        (logo,) = [box for box in front.logos if not any(_inside(box, b) for b in boxes)]
        assert logo.y > max(b.bottom for b in boxes) and logo.bottom < front.height - 3.5
        assert any(col.x <= logo.x and logo.right <= col.right for col in columns)
        assert min(_gap(logo, mark) for mark in front.marks) > 0.5
        assert logo.h <= 5


def test_a_long_answer_continues_on_the_following_cards(build_dir):
    """Six paragraphs no A7 card holds at 7 pt go over as many cards as they need, in order."""
    guide_file = FIXTURES / "cards" / "long-a7.yaml"
    guide = load_guide(guide_file, project=ROOT)
    spec = edition.card_spec(Project(ROOT), "a7", "a4")
    path = build_dir("cards", guide_file) / output_name("cards", guide)
    words = _words(Project(ROOT).labels(guide, "cards"))
    faces = {face.label: face for page in _read(path, spec, False, words)[1::2] for face in page.faces}
    parts = sorted((label for label in faces if LABEL.match(label)["item"] == "Q1"),
                   key=lambda label: int(LABEL.match(label)["part"]))
    assert len(parts) >= 3
    text = "".join(faces[label].body for label in parts)
    assert in_order([squash(block) for block in printed_blocks(guide.technical.questions[0].answer)],
                     re.sub(r"Continuedoncard\d+of\d+→", "", text))


def test_a_sentence_too_long_for_any_card_continues_over_the_cards_it_needs(build_dir):
    """A sentence no card holds even at 7 pt breaks into pieces of a few words: it continues over
    as many cards as it needs, each labelled with its part, its words in order, nothing clipped."""
    guide_file = FIXTURES / "cards" / "too-long-a7.yaml"
    guide = guide_of(guide_file)
    path = build_dir("cards", guide_file) / output_name("cards", guide)
    spec = edition.card_spec(Project(ROOT), "a7", "a4")
    words = _words(Project(ROOT).labels(guide, "cards"))
    faces = {face.label: face for page in _read(path, spec, False, words)[1::2] for face in page.faces}
    parts = sorted((label for label in faces if LABEL.match(label)["item"] == "Q1"),
                   key=lambda label: int(LABEL.match(label)["part"]))
    assert len(parts) >= 2 and {LABEL.match(label)["parts"] for label in parts} == {str(len(parts))}
    text = re.sub(r"Continuedoncard\d+of\d+→", "", "".join(faces[label].body for label in parts))
    assert text == squash(guide.technical.questions[0].answer or "")


def test_an_answer_of_one_sentence_of_1500_words_continues_on_cards(tmp_path):
    """A sentence that runs past even the page the cards measure continued answers on is broken
    into pieces like any other: the deck builds, the answer's words all on its cards."""
    guide_file = tmp_path / "huge.yaml"
    words = " ".join(["overflowing"] * 1500)
    guide_file.write_text(MINIMAL.read_text().replace(
        "answer: A check that fails when the behaviour breaks.", f"answer: {words}"))
    out = tmp_path / "out"
    result = run_cli("build", guide_file, "--project", ROOT, "--edition", "cards", "--out", out,
                     "--jobs", "1")
    assert result.code == 0, result.err
    text = " ".join(page.extract_text() for page in PdfReader(next(out.glob("*.pdf"))).pages)
    assert text.count("overflowing") == 1500


def _layout_height(size: float) -> float:
    """A stand-in for layout: a paragraph's height grows with size², in whole lines."""
    return math.ceil(size * size / 4) * 1.3


def test_fitting_finds_the_largest_size_that_fits_every_block():
    block = edition.Block("b", Box(0, 0, 50, 30), ("x",), "block x")
    fit = edition.Fit([block], edition.Type(10.0, 6.0))
    renders = 1
    while fit.measured({block: _layout_height(fit.size)}):
        renders += 1
    best = max(s / 4 for s in range(24, 41) if _layout_height(s / 4) <= 30)
    assert block.size == best and renders <= 6
    # two blocks share one size: the one with less room decides it
    roomy, tight = (edition.Block(n, Box(0, 0, 50, h), ("x",), n) for n, h in (("r", 40), ("t", 20)))
    shared = edition.Fit([roomy, tight], edition.Type(10.0, 6.0))
    while shared.measured({roomy: _layout_height(shared.size), tight: _layout_height(shared.size)}):
        pass
    assert roomy.size == tight.size == max(s / 4 for s in range(24, 41) if _layout_height(s / 4) <= 20)
    tiny = edition.Block("t", Box(0, 0, 50, 5), ("y", 1), "block y")
    small = edition.Fit([tiny], edition.Type(10.0, 6.0))
    with pytest.raises(edition.Overflow) as overflow:
        while small.measured({tiny: _layout_height(small.size)}):
            pass
    assert list(overflow.value.over) == [tiny]
    error = tiny.error(overflow.value.over[tiny], 6.0)
    assert isinstance(error, BuildError) and error.path == ("y", 1)
    assert "block y does not fit" in error.message


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
