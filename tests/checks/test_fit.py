"""The print and card fitting `guidegen check` foretells, against what the real layouts do: the
type size (and width) the booklet sets an answer at, the cards a long answer continues on, the card
text that will not fit, and (slow) the height of every answer page and card text the estimate
measures, within a line of WeasyPrint's; and a project's own stylesheet moves both alike."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from guidegen.base.paper import PAPER_NAMES
from guidegen.base.units import PT_TO_MM, PX_TO_MM
from guidegen.checks import fit as estimate
from guidegen.editions import Options, booklet, cards
from guidegen.editions.print_page import print_page
from guidegen.load import load_guide
from guidegen.load.guides import read_yaml
from guidegen.model.deck import deck, ranges
from guidegen.render.pdf import lay_out
from guidegen.render.project import Project
from guidegen.render.templates import render_template
from guidegen.render.textmeasure import Fonts
from helpers import FIXTURES, MLOPS, ROOT, SECOND, output_name, reported, run_cli
from helpers.pdf import page_texts

LONG = FIXTURES / "print" / "long-answer.yaml"
LONG_A7 = FIXTURES / "cards" / "long-a7.yaml"
TOO_LONG_A7 = FIXTURES / "cards" / "too-long-a7.yaml"
TOO_LONG = FIXTURES / "print" / "too-long-answer.yaml"
ELEVEN_LINES_A7 = FIXTURES / "cards" / "eleven-lines-a7.yaml"
BRAND = FIXTURES / "brand"
PROJECT = Project(ROOT)
CARD_TEXT = estimate.CardText.of(cards.card_metrics(PROJECT))
SMALL_PT = cards.card_spec(PROJECT, "a6", "a4").small_pt
CARD_LINE = SMALL_PT * CARD_TEXT.line_height * PT_TO_MM  # a line of card text at its floor
USUAL_PT = print_page(PROJECT, "a4").steps[0].answer_pt


def _warnings(path: Path, *flags: str) -> dict[str, str]:
    """Each warned field, with its warnings' messages joined."""
    result = run_cli("check", path, "--project", ROOT, *flags)
    assert result.code == 0, result.err
    found: dict[str, str] = {}
    for warned in reported(result.err):
        found[warned.field] = f"{found.get(warned.field, '')} | {warned.message}"
    return found


@cache
def _pages(pdf: Path) -> list[tuple[float, str]]:
    """Each page's most common character size and its text, read once per PDF."""
    found = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            sizes = [round(c["size"], 2) for c in page.chars]
            found.append((max(set(sizes), key=sizes.count) if sizes else 0.0,
                          " ".join((page.extract_text() or "").split())))
    return found


def _answer_page(pdf: Path, text: str) -> tuple[float, str]:
    """The most common character size on the page holding this text, and the page's text."""
    needle = " ".join(text.split()[:6])
    for size, words in _pages(pdf):
        if needle in words:
            return size, words
    raise AssertionError(f"no page holds {needle!r}")


@pytest.mark.parametrize(("guide_file", "paper"), [(LONG, "a4"), (LONG, "letter"), (LONG_A7, "a4")],
                         ids=["long-a4", "long-letter", "long-a7-a4"])
def test_the_type_size_foretold_is_the_one_the_booklet_sets(build_dir: Callable[..., Path], guide_file: Path,
                                                            paper: str) -> None:
    """The size, and whether the answer gives up its notes margin for the page's full width."""
    guide = load_guide(guide_file, project=ROOT)
    warned = _warnings(guide_file, "--paper", paper)
    flags = ("--paper", paper) if paper != "a4" else ()  # the guide's own paper: test_booklet's build
    pdf = build_dir("print", guide_file, *flags) / output_name("print", guide, Options(paper=paper))  # type: ignore[arg-type]
    missed = str(Project(ROOT).labels(guide, "print")["missed"]).casefold()
    for index, question in enumerate(guide.technical.questions):
        field = f"technical.questions[{index}].answer"
        size, page = _answer_page(pdf, question.answer.split("\n")[0])
        message = warned.get(field, "")
        foretold = re.search(r"will set it at ([\d.]+)pt( across the full page)?", message)
        if foretold:
            assert size == float(foretold.group(1)) < USUAL_PT, message
            assert (missed not in page.casefold()) == bool(foretold.group(2)), message
        else:
            assert "back of its" not in message and size == USUAL_PT
            assert missed in page.casefold()


def _card_numbers(pdf: Path, label: str) -> set[tuple[int, int]]:
    """Every "part/parts" a card label carries in the PDF ("Long · Q1 · 2/6")."""
    text = " ".join(page_texts(pdf))
    return {(int(a), int(b)) for a, b in re.findall(rf"{re.escape(label)} · (\d+)/(\d+)", text)}


@pytest.mark.parametrize(("guide_file", "flags"), [
    (LONG_A7, ()),
    (LONG, ()),
    (LONG, ("--paper", "letter", "--cards", "a7")),
    # as test_cards builds it (one build a session): flip and offset move cards, not their text
    (MLOPS, ("--cards", "a7", "--flip", "short", "--back-offset", "1.5,-0.8")),
    # an answer that at 7 pt runs off the foot of its sheet, on six cards
    (TOO_LONG, ()),
    # a paragraph that fits a branded A7 card alone, but not with the line saying it continues
    (ELEVEN_LINES_A7, ("--cards", "a7", "--project", str(BRAND))),
    # one sentence no A7 card holds: it breaks into pieces of a few words
    (TOO_LONG_A7, ()),
], ids=["long-a7", "long-a6", "long-a7-letter", "mlops-a7", "too-long-a6", "eleven-lines-a7-branded",
        "sentence-a7"])
def test_the_cards_an_answer_is_foretold_to_continue_on_are_the_cards_it_takes(
        build_dir: Callable[..., Path], guide_file: Path, flags: tuple[str, ...]) -> None:
    chosen = dict(zip(flags[::2], flags[1::2], strict=True))
    guide = load_guide(guide_file, project=Path(chosen.get("--project", ROOT)))
    warned = _warnings(guide_file, *[word for name in ("--paper", "--cards", "--project") if name in chosen
                                     for word in (name, chosen[name])])
    options = Options(paper=chosen.get("--paper"), cards=chosen.get("--cards"),  # type: ignore[arg-type]
                      flip=chosen.get("--flip"))  # type: ignore[arg-type]
    pdf = build_dir("cards", guide_file, *flags) / output_name("cards", guide, options)
    continued = 0
    for item in (item for item in deck(guide) if item.kind == "technical"):
        label = f"{guide.meta.deck_name} · {item.label}"
        message = warned.get(f"technical.questions[{item.index}].answer", "")
        foretold = re.search(rf"card {re.escape(label)}'s answer will continue on (\d+) ", message)
        parts = int(foretold.group(1)) if foretold else 1
        numbers = {(part, parts) for part in range(1, parts + 1) if parts > 1}  # one card: no numbers
        assert _card_numbers(pdf, label) == numbers, message
        continued += parts > 1
    assert continued  # every case has an answer that continues


def _variant(tmp_path: Path, case: str) -> Path:
    """The too-long A7 fixture with a short answer, and a question (or an interviewer note) no card
    holds even at its smallest size."""
    text = TOO_LONG_A7.read_text(encoding="utf-8")
    answer = text[text.index("        Capacity planning"):text.index("\nbehavioural:")]
    text = text.replace(answer, "        Plan from each team's forecast demand.\n")
    if case == "question":
        question = "How do you plan capacity for a shared GPU cluster?"
        text = text.replace(f"question: {question}", f"question: {' '.join([question] * 20)}")
    else:
        note = "How you stay calm and communicate."
        text = text.replace(f"shows: {note}", f"shows: {' '.join([note] * 40)}")
    path = tmp_path / f"{case}-too-long.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("case", "field"), [
    pytest.param("question", "technical.questions[0].question", marks=pytest.mark.slow),  # a 6 s build
    ("note", "behavioural.questions[0].shows"),
])
def test_card_text_foretold_not_to_fit_fails_the_build_there(case: str, field: str, tmp_path: Path) -> None:
    """What cannot continue (a question, a short text): the build fails at the field foretold, by
    the height foretold, within a line."""
    guide_file = _variant(tmp_path, case)
    message = _warnings(guide_file)[field]
    foretold = re.search(r"it is (\d+) mm too tall", message)
    assert foretold and "flashcards will not build" in message, message
    result = run_cli("build", guide_file, "--project", ROOT, "--edition", "cards", "--out", tmp_path / "out",
                     "--jobs", "1")
    tree, _ = read_yaml(guide_file)
    assert tree is not None
    line, column = tree.where(tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", field) if p))
    assert result.code == 2
    assert any((found.line, found.column, found.field) == (line, column, field)
               and found.message.startswith("card ") for found in reported(result.err)), result.err
    real = re.search(r"is ([\d.]+) mm too tall", result.err)
    assert real, result.err
    assert abs(float(real.group(1)) - float(foretold.group(1))) <= CARD_LINE + 0.5


@pytest.mark.parametrize("guide_file", [MLOPS, SECOND], ids=lambda p: p.stem)
def test_guides_that_build_foretell_no_fitting(guide_file: Path) -> None:
    assert not [message for message in _warnings(guide_file).values() if "pt" in message or "card" in message]


@pytest.mark.slow
@pytest.mark.parametrize("guide_file", [MLOPS, SECOND, LONG], ids=lambda p: p.stem)
def test_estimated_answer_pages_are_within_a_line_of_the_real_layout(guide_file: Path) -> None:
    """Each sheet's back at each type step (narrow and wide), measured by WeasyPrint on a page tall
    enough to hold it."""
    project = PROJECT
    guide = load_guide(guide_file, project=ROOT)
    fonts, labels = Fonts(project), project.labels(guide, "print")
    for paper in PAPER_NAMES:
        page = print_page(project, paper)
        back = estimate.AnswerPage.of(page.metrics)
        laid = booklet.Booklet(guide, project, page)
        laid.measure(laid.sheets)
        tall = f"@page sheet {{ size: {page.width_mm}mm 3000mm; }} .sheet-body {{ height: auto; }}"
        for step, setting in enumerate(page.steps):
            document = lay_out(project, laid.html(booklet.CHUNK, laid.sheets, fit={
                sheet.back: step for sheet in laid.sheets}, extra_css=tall), booklet.STYLESHEETS)
            for sheet in laid.sheets:
                (_, top, bottom), *_ = booklet._boxes(document, sheet.back)
                real = (bottom - top) * PX_TO_MM
                guess = estimate.back_mm(sheet.item, step, page, back, labels, fonts)
                line = setting.answer_pt * setting.answer_line_height * PT_TO_MM
                assert abs(guess - real) <= line + 0.5, (paper, sheet.label, step, real, guess)


def _estimated_bottoms(units: list[estimate.Unit], by_sentence: bool) -> list[float]:
    """Where each unit the build breaks an answer between ends (mm from the top of the first)."""
    found: list[float] = []
    for index, unit in enumerate(units):
        bottom = found[-1] + unit.gap if index else 0.0
        for piece in unit.sentences if by_sentence and unit.sentences else (unit,):
            bottom += piece.height
            found.append(bottom)
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("guide_file", "size", "by_sentence"), [
    (MLOPS, "a7", False), (MLOPS, "a6", True), (SECOND, "index", False), (SECOND, "a7", True),
], ids=lambda v: getattr(v, "stem", str(v)))
def test_estimated_card_text_is_within_a_line_of_the_real_layout(guide_file: Path, size: str,
                                                                 by_sentence: bool) -> None:
    """Every card's text at its floor, as the cards' own fitting measures it; and where each
    paragraph and list item (or, broken by sentence, each sentence) of an answer ends, as the build
    reads it to continue the answer on more cards."""
    project = PROJECT
    guide = load_guide(guide_file, project=ROOT)
    breaks = {("technical", item.index): cards.Breaking(by_sentence=frozenset(range(100)))
              for item in deck(guide) if by_sentence and item.kind == "technical"}
    spec = cards.card_spec(project, size, "a4")  # type: ignore[arg-type]
    plan = cards.plan_sheets(guide, spec, "long", (0.0, 0.0), breaks=breaks)
    for fit in plan.fits:
        fit.size = fit.type.floor
    context = {"spec": plan.spec, "size": size, "grid": plan.spec.grid, "sheet_count": len(plan.sheets) // 2,
               "legend": ranges(deck(guide)), "page_height_mm": plan.spec.grid.sheet_h}
    document = lay_out(project, render_template(project, "cards/cards.html", guide, plan=plan, **context),
                       cards.STYLESHEETS)
    real = cards.extents(document, plan.blocks)
    anchors = {name: box for page in document.pages for name, box in page.anchors.items()}
    fonts, labels = Fonts(project), project.labels(guide, "cards")
    for sheet in plan.sheets:
        for face in sheet.faces:
            if face.card.kind == "title":
                continue
            block, floor = face.body, face.body.fit.type.floor
            guess = estimate.card_mm(guide, face.card, face.side, block, floor, spec, CARD_TEXT, labels,
                                     fonts)
            line = floor * CARD_TEXT.line_height * PT_TO_MM
            assert abs(guess - real[block]) <= line + 0.3, (block.id, real[block], guess)
            if face.card.kind != "technical" or face.side != "back":
                continue
            top = anchors[block.id][1]
            bottoms = [(anchors[f"{block.id}-u{n}"][3] - top) * PX_TO_MM
                       for n in range(len(face.card.units))]
            units = estimate.units(face.card.item.answer, block, floor, CARD_TEXT, fonts)
            guessed = _estimated_bottoms(units, by_sentence)
            assert len(guessed) == len(bottoms), (block.id, bottoms, guessed)
            for real_bottom, guessed_bottom in zip(bottoms, guessed, strict=True):
                assert abs(real_bottom - guessed_bottom) <= line + 0.3, (block.id, bottoms, guessed)


def test_the_estimate_reads_the_options_the_build_reads() -> None:
    guide = load_guide(LONG, project=ROOT)
    project = PROJECT
    fonts = Fonts(project)
    a4 = estimate.booklet_fits(guide, project, Options(paper="a4"), fonts)
    letter = estimate.booklet_fits(guide, project, Options(paper="letter"), fonts)
    assert [f.over_mm for f in letter] > [f.over_mm for f in a4]  # the Letter page is shorter
    a6 = estimate.card_fits(guide, project, Options(cards="a6"), fonts)
    a7 = estimate.card_fits(guide, project, Options(cards="a7"), fonts)
    assert sum(f.cards or 0 for f in a7) > sum(f.cards or 0 for f in a6)  # smaller cards, more of them


def _restyled(tmp_path: Path, stylesheet: str, changes: dict[str, str]) -> Path:
    """A project holding the MLOps guide and its own copy of one of the theme's stylesheets, with
    these custom properties set to other values."""
    css = (ROOT / "styles" / stylesheet).read_text(encoding="utf-8")
    for name, value in changes.items():
        css, count = re.subn(rf"(--{name}:\s*)[^;]+;", rf"\g<1>{value};", css)
        assert count == 1, name
    (tmp_path / "styles").mkdir(parents=True)
    (tmp_path / "styles" / stylesheet).write_text(css, encoding="utf-8")
    (tmp_path / "content").mkdir()
    guide = tmp_path / "content" / MLOPS.name
    guide.write_bytes(MLOPS.read_bytes())
    return guide


def test_a_projects_print_css_moves_the_booklets_fitting_and_checks_warnings_alike(tmp_path: Path) -> None:
    """The MLOps guide fits its pages at the usual size with the theme's print.css; a project whose
    own print.css sets answers larger and their paragraphs further apart is warned that some will be
    set a step smaller, and the build sets each answer at the size foretold."""
    assert not [message for message in _warnings(MLOPS).values() if "pt" in message]
    guide_file = _restyled(tmp_path, "print.css", {"answer-size": "17pt", "answer-gap": "1.5em"})
    result = run_cli("check", guide_file)
    foretold = {found.field: step.group(1) for found in reported(result.err)
                if (step := re.search(r"will set it at ([\d.]+)pt", found.message))}
    assert result.code == 0 and foretold, result.err
    built = run_cli("build", guide_file, "--edition", "print", "--jobs", "1", "--quiet")
    assert built.code == 0, built.err
    guide = load_guide(guide_file, project=tmp_path)
    pdf = tmp_path / "output" / output_name("print", guide)
    for index, question in enumerate(guide.technical.questions):
        size, _ = _answer_page(pdf, question.answer.split("\n")[0])
        expected = float(foretold.get(f"technical.questions[{index}].answer", "17"))
        assert size == expected, (index, size, expected)


def test_a_projects_cards_css_moves_the_cards_fitting_and_checks_warnings_alike(tmp_path: Path) -> None:
    """With wider padding inside a card, answers that fit an A6 card continue on two; check says
    which, and the build continues exactly those."""
    assert not [message for message in _warnings(MLOPS).values() if "card" in message]
    guide_file = _restyled(tmp_path, "cards.css", {"card-a6-padding": "22mm"})
    result = run_cli("check", guide_file)
    foretold = dict(re.findall(r"card (MLOps · Q\d+)'s answer will continue on (\d+) ", result.err))
    assert result.code == 0 and foretold, result.err
    built = run_cli("build", guide_file, "--edition", "cards", "--jobs", "1", "--quiet")
    assert built.code == 0, built.err
    guide = load_guide(guide_file, project=tmp_path)
    pdf = tmp_path / "output" / output_name("cards", guide)
    for item in (item for item in deck(guide) if item.kind == "technical"):
        label = f"{guide.meta.deck_name} · {item.label}"
        parts = int(foretold.get(label, 1))
        numbers = {(part, parts) for part in range(1, parts + 1) if parts > 1}
        assert _card_numbers(pdf, label) == numbers, label
