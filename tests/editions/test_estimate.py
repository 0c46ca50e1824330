"""The print and card fitting `guidegen check` foretells, against what the real layouts do: the
type size the booklet sets an answer at, the card text that will not fit, and (slow) the height of
every answer page the estimate measures, within a line of WeasyPrint's."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from guidegen.editions import Options, booklet, cards, estimate
from guidegen.load import load_guide
from guidegen.load.guides import read_yaml
from guidegen.model.deck import deck
from guidegen.model.problems import display_name
from guidegen.render.pdf import lay_out
from guidegen.render.project import Project
from guidegen.render.textmeasure import PT_TO_MM, Fonts
from helpers import FIXTURES, MLOPS, ROOT, SECOND, output_name, run_cli

LONG = FIXTURES / "print" / "long-answer.yaml"
TOO_LONG_A7 = FIXTURES / "cards" / "too-long-a7.yaml"


def _warnings(path: Path, *flags: str) -> dict[str, str]:
    """Each warned field, with its warnings' messages joined."""
    result = run_cli("check", path, "--project", ROOT, *flags)
    assert result.code == 0, result.err
    found: dict[str, str] = {}
    for field, message in re.findall(r"^.*?:\d+:\d+: warning: ([^:]+): (.*)$", result.err, re.MULTILINE):
        found[field] = f"{found.get(field, '')} | {message}"
    return found


def _body_size(pdf: Path, text: str) -> float:
    """The most common character size on the page holding this text."""
    needle = " ".join(text.split()[:6])
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            if needle in " ".join((page.extract_text() or "").split()):
                sizes = [round(c["size"], 2) for c in page.chars]
                return max(set(sizes), key=sizes.count)
    raise AssertionError(f"no page holds {needle!r}")


def test_the_type_size_foretold_is_the_one_the_booklet_sets(build_dir: Callable[..., Path]) -> None:
    guide = load_guide(LONG, project=ROOT)
    warned = _warnings(LONG)
    pdf = build_dir("print", LONG) / output_name("print", guide)
    for index, question in enumerate(guide.technical.questions):
        field = f"technical.questions[{index}].answer"
        size = _body_size(pdf, question.answer.split("\n")[0])
        message = warned.get(field, "")
        foretold = re.search(r"will set it at ([\d.]+)pt", message)
        if foretold:
            assert size == float(foretold.group(1)) < booklet.FIT_SIZES_PT[0]
        else:
            assert "back of its" not in message and size == booklet.FIT_SIZES_PT[0]


@pytest.mark.parametrize(("guide_file", "flags", "field"), [
    (TOO_LONG_A7, ("--cards", "a7"), "technical.questions[0].answer"),
    (LONG, (), "technical.questions[1].answer"),
])
def test_a_card_foretold_not_to_fit_fails_the_build_there(guide_file: Path, flags: tuple[str, ...],
                                                          field: str, tmp_path: Path) -> None:
    assert "will not fit an" in _warnings(guide_file, *flags)[field]
    result = run_cli("build", guide_file, "--project", ROOT, "--edition", "cards", "--out", tmp_path,
                     "--jobs", "1", *flags)
    tree, _ = read_yaml(guide_file)
    assert tree is not None
    line, column = tree.where(tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", field) if p))
    assert result.code == 2
    assert f"{display_name(guide_file)}:{line}:{column}: {field}: card " in result.err


@pytest.mark.parametrize("guide_file", [MLOPS, SECOND], ids=lambda p: p.stem)
def test_guides_that_build_foretell_no_fitting(guide_file: Path) -> None:
    assert not [message for message in _warnings(guide_file).values() if "pt" in message or "card" in message]


@pytest.mark.slow
@pytest.mark.parametrize("guide_file", [MLOPS, SECOND, LONG], ids=lambda p: p.stem)
def test_estimated_answer_pages_are_within_a_line_of_the_real_layout(guide_file: Path) -> None:
    """Each sheet's back at each type step, measured by WeasyPrint on a page tall enough to hold it."""
    project = Project(ROOT)
    guide = load_guide(guide_file, project=ROOT)
    fonts, labels = Fonts(project), project.labels(guide, "print")
    for paper in booklet.PAPERS.values():
        laid = booklet.Booklet(guide, project, paper)
        laid.measure(laid.sheets)
        tall = f"@page sheet {{ size: {paper.width_mm}mm 3000mm; }} .sheet-body {{ height: auto; }}"
        for step, size in enumerate(booklet.FIT_SIZES_PT):
            document = lay_out(project, laid.html(booklet.CHUNK, laid.sheets, fit={
                sheet.back: step for sheet in laid.sheets}, extra_css=tall), booklet.STYLESHEETS)
            for sheet in laid.sheets:
                (_, top, bottom), *_ = booklet._boxes(document, sheet.back)
                real = (bottom - top) / booklet.PX_PER_MM
                guess = estimate._back_mm(sheet.item, step, paper, labels, fonts)
                line = size * estimate.ANSWER_LINE_HEIGHTS[step] * PT_TO_MM
                assert abs(guess - real) <= line + 0.5, (paper.name, sheet.label, step, real, guess)


@pytest.mark.slow
@pytest.mark.parametrize(("guide_file", "size"), [(MLOPS, "a7"), (MLOPS, "a6"), (SECOND, "index")],
                         ids=lambda v: getattr(v, "stem", v))
def test_estimated_card_text_is_within_a_line_of_the_real_layout(guide_file: Path, size: str) -> None:
    """Every card's text at its readable floor, as the cards' own fitting measures it."""
    from guidegen.model.deck import ranges
    from guidegen.render.templates import render_template

    project = Project(ROOT)
    guide = load_guide(guide_file, project=ROOT)
    plan = cards.plan_sheets(guide, cards.SIZES[size], "long", (0.0, 0.0))  # type: ignore[index]
    for block in plan.blocks:
        block.size = block.type.floor
    context = {"spec": plan.spec, "size": size, "grid": plan.spec.grid, "sheet_count": len(plan.sheets) // 2,
               "legend": ranges(deck(guide))}
    html = render_template(project, "cards/cards.html", guide, plan=plan, **context)
    document = lay_out(project, html, cards.STYLESHEETS)
    real = cards.extents(document, plan.blocks)
    fonts, labels = Fonts(project), project.labels(guide, "cards")
    for sheet in plan.sheets:
        for face in sheet.faces:
            if face.card.kind == "title":
                continue
            floor = face.body.type.floor
            guess = estimate._card_mm(guide, face.card, face.side, face.body, floor, labels, fonts)
            line = face.body.type.floor * 1.32 * PT_TO_MM
            assert abs(guess - real[face.body]) <= line + 0.3, (face.body.id, real[face.body], guess)


def test_the_estimate_reads_the_options_the_build_reads() -> None:
    guide = load_guide(LONG, project=ROOT)
    project = Project(ROOT)
    fonts = Fonts(project)
    a4 = estimate.booklet_fits(guide, project, Options(paper="a4"), fonts)
    letter = estimate.booklet_fits(guide, project, Options(paper="letter"), fonts)
    assert [f.over_mm for f in letter] > [f.over_mm for f in a4]  # the Letter page is shorter
