"""What the print booklet's and the flashcards' fitting will do to a guide's texts, told before any
layout (`guidegen check`), from the editions' own geometry and fitting rules.

The booklet sets each answer on the back of its sheet at the first of its type steps
(`booklet.FIT_SIZES_PT`) at which it fits the page (`booklet.PAPERS`); the cards fit each text block
in its box (`cards.plan_sheets`: the same boxes, type ranges and labels the build uses) down to its
readable floor. Here each text is measured with the theme's fonts (render/textmeasure.py) inside
those boxes, with the spacing the stylesheets give them (the constants below, named after the rules
in styles/print.css and styles/cards.css that set them). The build remains the authority: a
project's own stylesheet may set text differently, and an estimate near a boundary can be a line
out either way; tests compare these estimates with real layouts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model.deck import FieldPath, Item, deck
from ..model.labels import Labels
from ..model.warnings import GuideWarning
from ..render.textmeasure import PT_TO_MM, Fonts, Run, Style, line_count
from . import Options
from .booklet import FIT_SIZES_PT, PAPERS, PaperGeometry
from .cards import FIT_TOLERANCE_MM, SIZES, Block, Card, plan_sheets

if TYPE_CHECKING:
    from ..model.guide import Guide
    from ..render.project import Project

SERIF, SANS, MONO = Style("serif"), Style("sans"), Style("mono")

# ---- the print booklet's answer page (styles/print.css)

ANSWER_LINE_HEIGHTS = (1.55, 1.5, 1.45, 1.4)  # html, then .answer.fit-1 … fit-3
SHOWS_SIZES_PT = (13.0, 11.5, 10.0, 8.5)  # .shows, .shows.fit-1 … fit-3
SHOWS_LINE_HEIGHTS = (1.5, 1.5, 1.45, 1.4)
PARAGRAPH_GAP_EM = (0.75, 0.55, 0.55, 0.55)  # .answer p, .answer.fit-N p
LIST_GAP_EM = 0.75  # .answer ol, .answer ul: margin-bottom
ITEM_GAP_EM = 0.35  # .answer li: margin-bottom
LIST_INDENT_MM = 6 + 1  # .answer ol: padding-left, and .answer li: padding-left
A_LABEL = (13.0, 1.25)  # .a-label: size (pt), line height
A_QUESTION = (9.5, 1.4)  # .a-question
A_HEAD_MM = 1.5 + 3 + 0.75 * PT_TO_MM + 6  # .a-question margin-top, .a-head padding, border, margin
TOOLS = (8.5, 1.45, 7.5, 0.08)  # .tools: size, line height; .label: size, letter-spacing
TOOLS_MM = 5 + 0.5 * PT_TO_MM + 2.5  # .tools: margin-top, border-top, padding-top
CHECK_PLAN_MM = 10 + 2 * 4  # .check-plan: margin-top, padding
CHECK_PLAN_INSET_MM = 2 * 5 + 6.6  # .check-plan padding, .checklist li padding-left
CHECK_HEAD = (10.0, 1.25, 2.5)  # .check-plan h4: size, line height, margin-bottom (mm)
CHECK_ITEM = (10.0, 1.55, 1.6)  # .checklist: size, line height; li margin-bottom (mm)

# ---- a flashcard's text block (styles/cards.css)

CARD_LINE_HEIGHT = 1.32  # html
CARD_GAP_EM = 0.45  # .fit-content * + *
CARD_ITEM_GAP_EM = 0.18  # .answer li + li
CARD_LIST_INDENT_EM = 1.25  # .answer ul, .answer ol: padding-left
CARD_CODE_SCALE = 0.85  # .answer code
QUESTION_LINE_HEIGHT = 1.25  # .question
NOTE = (0.6, 1.35, 1.1, 0.06)  # .topics, .hint: size, line height, margin-top (em), letter-spacing
FLAG_BAR_EM = 0.18 + 0.5  # .question.flag::before: height and margin-bottom
STAR = (0.86, 0.9, 0.25, 1.2, 0.7)  # .star: size, margin-top; .star-line gap, indent; padding-left (em)
STAR_BORDER_MM = 0.5


@dataclass(frozen=True)
class Fit:
    """An estimate for one text: the type step it will get (0: the usual size), None when it will
    not fit even at the readable floor; how far (mm) it runs over at the usual size and at the floor."""

    path: FieldPath
    label: str
    step: int | None
    over_mm: float
    floor_over_mm: float


def fit_warnings(guide: Guide, project: Project, options: Options) -> list[GuideWarning]:
    """Warnings for every text the booklet will set smaller, or that will not fit its page or card."""
    fonts = Fonts(project)
    warnings = []
    paper = options.paper_for(guide)
    for fit in booklet_fits(guide, project, options, fonts):
        what = "strong answer" if fit.path[-1] == "answer" else "interviewer note"
        sizes = FIT_SIZES_PT if fit.path[-1] == "answer" else SHOWS_SIZES_PT
        lines = _lines(fit.over_mm if fit.step else fit.floor_over_mm, sizes[0 if fit.step else -1])
        if fit.step is None:
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label}'s {what} will not fit the back of its {paper.upper()} page even at "
                f"{sizes[-1]:g}pt, the smallest readable size, so the print edition will not build: "
                f"shorten it by about {lines} lines")))
        elif fit.step:
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label}'s {what} is about {lines} lines too long for the back of its "
                f"{paper.upper()} page at {sizes[0]:g}pt: the print booklet will set it at "
                f"{sizes[fit.step]:g}pt; shorten it to keep the usual size")))
    spec = SIZES[options.cards_for(guide)]
    for fit in card_fits(guide, project, options, fonts):
        if fit.step is None:
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label} will not fit an {options.cards_for(guide).upper()} card even at its "
                f"smallest readable size (it is {fit.floor_over_mm:.0f} mm too tall), so the "
                f"flashcards will not build. {spec.advice}")))
    return warnings


def _lines(over_mm: float, size_pt: float) -> int:
    """A length as lines of text at this size (about 1.5 line heights each), at least one."""
    return max(1, round(over_mm / (size_pt * 1.5 * PT_TO_MM)))


# ---- text as runs, paragraphs and list items


@dataclass(frozen=True)
class Para:
    runs: list[Run]
    depth: int  # list nesting: 0 for a paragraph
    item: bool  # the first paragraph of a list item
    follows_list: bool  # the first block after a list ended
    code: bool = False


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@cache
def paragraphs(markdown: str, code_scale: float, *, links_print_address: bool = False) -> list[Para]:
    """Markdown as the paragraphs and list items it renders to, each as runs of styled text."""
    tokens = _parser().parse(markdown)
    found: list[Para] = []
    depth, item, ended = 0, False, False
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            ended = True
        elif token.type == "list_item_open":
            item = True
        elif token.type == "inline":
            runs = _runs(token.children or [], code_scale, links_print_address)
            found.append(Para(runs, depth, item, ended))
            item = ended = False
        elif token.type in ("fence", "code_block"):
            runs = [Run(line or " ", MONO, code_scale) for line in token.content.rstrip("\n").split("\n")]
            found.append(Para([part for run in runs for part in (run, Run("\n"))][:-1], depth, item, ended,
                              code=True))
            item = ended = False
    return found


def _runs(children: Sequence[Token], code_scale: float, links_print_address: bool) -> list[Run]:
    runs: list[Run] = []
    weight, italic = 400, False
    for child in children:
        kind, content = child.type, child.content
        if kind == "strong_open":
            weight = 700
        elif kind == "strong_close":
            weight = 400
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "text":
            runs.append(Run(content, Style("serif", weight, italic)))
        elif kind == "code_inline":
            runs.append(Run(content, MONO, code_scale, pad_em=0.5))
        elif kind == "softbreak":
            runs.append(Run(" ", Style("serif", weight, italic)))
        elif kind == "hardbreak":
            runs.append(Run("\n"))
        elif kind == "link_close" and links_print_address:
            pass
        elif kind == "link_open" and links_print_address:
            href = str(child.attrGet("href") or "")
            runs.append(Run(f" ({href})", MONO, 0.8))  # a.print-url::after, before its text: same width
    return runs


# ---- the booklet


def booklet_fits(guide: Guide, project: Project, options: Options, fonts: Fonts) -> list[Fit]:
    """For each sheet's back, the type step the booklet will set it at (0 is the usual size)."""
    paper = PAPERS[options.paper_for(guide)]
    labels = project.labels(guide, "print")
    fits = []
    for item in (item for item in deck(guide) if item.kind != "red_flag"):
        heights = [_back_mm(item, step, paper, labels, fonts) for step in range(len(FIT_SIZES_PT))]
        step = next((i for i, height in enumerate(heights) if height <= paper.sheet_height_mm), None)
        fits.append(Fit(item.reveal_path, item.label, step, heights[0] - paper.sheet_height_mm,
                        heights[-1] - paper.sheet_height_mm))
    return fits


def _back_mm(item: Item, step: int, paper: PaperGeometry, labels: Labels, fonts: Fonts) -> float:
    """The height of a sheet's back: its head, the answer at this step, and what follows it."""
    width = paper.content_width_mm
    height = _lines_mm([Run(item.prompt, SANS)], width, *A_QUESTION, fonts)
    height += A_LABEL[0] * A_LABEL[1] * PT_TO_MM + A_HEAD_MM
    if item.kind == "technical":
        size = FIT_SIZES_PT[step]
        height += _flow_mm(paragraphs(item.reveal, 0.86, links_print_address=True), width, size,
                           ANSWER_LINE_HEIGHTS[step], PARAGRAPH_GAP_EM[step], fonts)
        tools = getattr(item.entry, "tools", [])
        if tools:
            size, line, label_size, tracking = TOOLS
            runs = [Run(str(labels.get("tools", "")) + " ", Style("sans", 600), label_size / size, upper=True,
                        tracking_em=tracking), Run(" · ".join(tools), SANS)]
            height += TOOLS_MM + _lines_mm(runs, width, size, line, fonts)
        return height
    height += _lines_mm([Run(item.reveal, SERIF)], width, SHOWS_SIZES_PT[step], SHOWS_LINE_HEIGHTS[step],
                        fonts)
    size, line, gap = CHECK_HEAD
    height += CHECK_PLAN_MM + size * line * PT_TO_MM + gap
    size, line, gap = CHECK_ITEM
    for text in labels.get("check_steps", []):
        height += _lines_mm([Run(str(text), SERIF)], width - CHECK_PLAN_INSET_MM, size, line, fonts) + gap
    return height


def _lines_mm(runs: list[Run], width: float, size: float, line_height: float, fonts: Fonts) -> float:
    return line_count(runs, width, size, fonts) * size * line_height * PT_TO_MM


def _flow_mm(paras: list[Para], width: float, size: float, line_height: float, gap_em: float,
             fonts: Fonts, *, item_gap_em: float = ITEM_GAP_EM, list_gap_em: float = LIST_GAP_EM,
             indent_mm: float = LIST_INDENT_MM) -> float:
    """Paragraphs and list items stacked with the gaps between them (margins collapse to the
    larger); nothing after the last, as `.answer > :last-child` and `.fit-content` set."""
    em = size * PT_TO_MM
    height = 0.0
    for index, para in enumerate(paras):
        if index:
            previous = paras[index - 1]
            if para.follows_list:
                height += max(list_gap_em, gap_em) * em
            elif para.item and previous.depth >= para.depth:
                height += item_gap_em * em
            else:
                height += gap_em * em
        height += _lines_mm(para.runs, width - para.depth * indent_mm, size, line_height, fonts)
    return height


# ---- the flashcards


def card_fits(guide: Guide, project: Project, options: Options, fonts: Fonts) -> list[Fit]:
    """For each text block on a card, whether it fits its box at its floor size (step 0) or not."""
    spec = SIZES[options.cards_for(guide)]
    plan = plan_sheets(guide, spec, options.flip_for(guide), options.back_offset)
    labels = project.labels(guide, "cards")
    fits = []
    for sheet in plan.sheets:
        for face in sheet.faces:
            if face.card.kind == "title":
                continue
            block = face.body
            floor = _card_mm(guide, face.card, face.side, block, block.type.floor, labels, fonts)
            start = _card_mm(guide, face.card, face.side, block, block.type.start, labels, fonts)
            label = f"card {face.card.label} ({face.side})"
            fits.append(Fit(block.path, label, None if floor > block.limit + FIT_TOLERANCE_MM else 0,
                            start - block.limit, floor - block.limit))
    return fits


def _card_mm(guide: Guide, card: Card, side: str, block: Block, size: float, labels: Labels,
             fonts: Fonts) -> float:
    """The height of a card's text block at this size, as cards.html fills it."""
    width, em = block.box.w, size * PT_TO_MM
    item = card.item
    if side == "front":
        text = item.flag if card.kind == "red_flag" else item.question
        height = _lines_mm([Run(text.replace("/", "/\u2060"), Style("sans", 600))], width, size,
                           QUESTION_LINE_HEIGHT, fonts)
        if card.kind == "red_flag":
            return height + FLAG_BAR_EM * em
        scale, line, gap, tracking = NOTE
        if card.kind == "technical":
            topics = " · ".join(item.topics).replace("/", "/\u2060")
            note = Run(topics, SANS, upper=True, tracking_em=tracking)
        else:
            note = Run(guide.behavioural.instruction, SANS)
        if note.text:
            height += gap * size * scale * PT_TO_MM + _lines_mm([note], width, size * scale, line, fonts)
        return height
    if card.kind == "technical":
        return _flow_mm(paragraphs(item.answer, CARD_CODE_SCALE), width, size, CARD_LINE_HEIGHT,
                        CARD_GAP_EM, fonts, item_gap_em=CARD_ITEM_GAP_EM, list_gap_em=CARD_GAP_EM,
                        indent_mm=CARD_LIST_INDENT_EM * em)
    text = item.shows if card.kind == "behavioural" else item.why
    height = _lines_mm([Run(text, SERIF)], width, size, CARD_LINE_HEIGHT, fonts)
    if card.kind == "behavioural":
        scale, top, gap, indent, padding = STAR
        star = size * scale
        inner = width - STAR_BORDER_MM - (padding + indent) * star * PT_TO_MM
        height += top * em
        for index, (_letter, prompt) in enumerate(labels.get("star_short", [])):
            height += (gap * star * PT_TO_MM if index else 0) + _lines_mm(
                [Run(str(prompt), SANS)], inner, star, CARD_LINE_HEIGHT, fonts)
    return height
