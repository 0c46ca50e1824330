"""What the print booklet's and the flashcards' fitting will do to a guide's texts, told before any
layout (`guidegen check`), from the editions' own geometry and fitting rules.

The booklet sets each answer on the back of its sheet at the first of its type steps
(`booklet.FIT_SIZES_PT`) at which it fits the page (`booklet.PAPERS`): in its column beside the
notes margin (`booklet.ANSWER_MM`), and from step `booklet.FIT_WIDE_FROM` on across the page's full
width. The cards set each text in its box (`cards.plan_sheets`: the same boxes, type ranges and
labels the build uses) down to its floor; a technical answer still too long there continues on the
next cards, broken where `continuation` breaks it, and only a text that cannot be broken (a question,
a short text, a sentence or list item taller than a card) fails. Here each text is measured with the
theme's fonts (render/textmeasure.py) inside those boxes, with the spacing the stylesheets give it
(the constants below, named after the rules in styles/print.css and styles/cards.css that set them).
The build remains the authority: a project's own stylesheet may set text differently, and an
estimate near a boundary can be a line out either way; tests compare these estimates with real
layouts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..editions import Options
from ..editions.booklet import (
    ANSWER_LINE_HEIGHTS,
    ANSWER_MM,
    FIT_SIZES_PT,
    FIT_WIDE_FROM,
    PAPERS,
    PaperGeometry,
)
from ..editions.cards import (
    CONTINUES_MM,
    FIT_TOLERANCE_MM,
    PAPER_NAMES,
    SIZES,
    SMALL_PT,
    Block,
    Card,
    part_room,
    plan_sheets,
)
from ..editions.continuation import SENTENCE_END, TooTall, cuts
from ..model.deck import FieldPath, Item, deck
from ..model.labels import Labels
from ..render.textmeasure import PT_TO_MM, Fonts, Run, Style, line_count
from .content import GuideWarning

if TYPE_CHECKING:
    from ..model.guide import Guide
    from ..render.project import Project

SERIF, SANS, MONO = Style("serif"), Style("sans"), Style("mono")

# ---- the print booklet's answer page (styles/print.css): one value per step of FIT_SIZES_PT

PARAGRAPH_GAP_EM = (0.75, 0.75, 0.55, 0.55, 0.55)  # .answer p; .answer.fit-2 … fit-4 p
SHOWS_SIZES_PT = (11.5, 11.0, 10.0, 10.0, 8.5)  # .shows, .shows.fit-1 … fit-4
SHOWS_LINE_HEIGHTS = (1.55, 1.5, 1.45, 1.45, 1.4)
LIST_GAP_EM = 0.75  # .answer ol, .answer ul: margin-bottom
ITEM_GAP_EM = 0.35  # .answer li: margin-bottom
LIST_INDENT_MM = 6 + 1  # .answer ol: padding-left, and .answer li: padding-left
CODE = (0.86, 0.5)  # code (pdf-common.css): font-size; padding 0 0.25em, both sides
PRINT_URL = (MONO, 0.8)  # .answer a.print-url::after: the address a link prints after its text
A_LABEL = (13.0, 1.25)  # .a-label: size (pt), line height
A_QUESTION = (9.5, 1.4)  # .a-question
A_HEAD_MM = 1.5 + 3 + 0.75 * PT_TO_MM + 6  # .a-question margin-top, .a-head padding, border, margin
TOOLS = (8.5, 1.45, 7.5, 0.08)  # .tools: size, line height; .label: size, letter-spacing
TOOLS_MM = 5 + 0.5 * PT_TO_MM + 2.5  # .tools: margin-top, border-top, padding-top
CHECK_PLAN_MM = 10 + 2 * 4  # .check-plan: margin-top, padding
CHECK_PLAN_INSET_MM = 2 * 5 + 6.6  # .check-plan padding, .checklist li padding-left
CHECK_HEAD = (10.0, 1.25, 2.5)  # .check-plan h4: size, line height, margin-bottom (mm)
CHECK_ITEM = (10.0, 1.55, 1.6)  # .checklist: size, line height; li margin-bottom (mm)

# ---- a flashcard's text block (styles/cards.css); secondary text is set at cards.SMALL_PT

CARD_LINE_HEIGHT = 1.32  # html
CARD_GAP_EM = 0.45  # .fit-content * + *
CARD_ITEM_GAP_EM = 0.18  # .answer li + li
CARD_LIST_INDENT_EM = 1.25  # .answer ul, .answer ol: padding-left
CARD_URL = (SERIF, 1.0)  # .answer a.print-url::after
QUESTION_LINE_HEIGHT = 1.25  # .question
SMALL = (1.35, 1.6, 0.06)  # .topics, .hint, .prompt: line height, margin-top (em); .topics letter-spacing
FLAG_BAR_EM = 0.18 + 0.5  # .question.flag::before: height and margin-bottom
STAR = (1.2, 0.25, 1.2, 0.7)  # .star: margin-top; .star-line gap, indent; .star padding-left (em)
STAR_BORDER_MM = 0.5


@dataclass(frozen=True)
class Fit:
    """An estimate for one answer page: the type step it will get (0: the usual size), None when it
    will not fit even at the readable floor; how far (mm) it runs over at the usual size and at the
    floor."""

    path: FieldPath
    label: str
    step: int | None
    over_mm: float
    floor_over_mm: float


@dataclass(frozen=True)
class CardFit:
    """An estimate for one side of a card at its floor size: how many cards it takes (1, or more for
    an answer that continues), or None when it cannot be set: then `over_mm` is how far it runs over
    its card, or `unit_mm` how tall the sentence or list item is that no card holds, and how it
    starts (`unit`)."""

    path: FieldPath
    label: str  # "card MLOps · Q3"
    side: str
    cards: int | None
    over_mm: float
    room_mm: float
    floor_pt: float
    unit_mm: float | None = None
    unit: str = ""


def fit_warnings(guide: Guide, project: Project, options: Options) -> list[GuideWarning]:
    """Warnings for every text the booklet will set smaller or the cards continue on more cards,
    and for every text that will not fit its page or card."""
    fonts = Fonts(project)
    return [*_booklet_warnings(guide, project, options, fonts),
            *_card_warnings(guide, project, options, fonts)]


def _booklet_warnings(guide: Guide, project: Project, options: Options, fonts: Fonts) -> list[GuideWarning]:
    paper = PAPER_NAMES[options.paper_for(guide)]
    warnings = []
    for fit in booklet_fits(guide, project, options, fonts):
        answer = fit.path[-1] == "answer"
        what = "strong answer" if answer else "interviewer note"
        sizes, heights = ((FIT_SIZES_PT, ANSWER_LINE_HEIGHTS) if answer
                          else (SHOWS_SIZES_PT, SHOWS_LINE_HEIGHTS))
        if fit.step is None:
            lines = _lines(fit.floor_over_mm, sizes[-1], heights[-1])
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label}'s {what} will not fit the back of its {paper} page even at "
                f"{sizes[-1]:g}pt, the smallest readable size, so the print edition will not build: "
                f"shorten it by about {lines}")))
        elif fit.step:
            lines = _lines(fit.over_mm, sizes[0], heights[0])
            wide = " across the full page, without the notes margin" if fit.step >= FIT_WIDE_FROM else ""
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label}'s {what} is about {lines} too long for the back of its {paper} page "
                f"at {sizes[0]:g}pt: the print booklet will set it at {sizes[fit.step]:g}pt{wide}; "
                "shorten it to keep the usual size")))
    return warnings


def _card_warnings(guide: Guide, project: Project, options: Options, fonts: Fonts) -> list[GuideWarning]:
    size = options.cards_for(guide)
    card = f"{'index' if size == 'index' else size.upper()} card"  # "an A7 card", "an index card"
    advice = SIZES[size].advice
    warnings = []
    for fit in card_fits(guide, project, options, fonts):
        if fit.unit_mm is not None:
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label} ({fit.side}) will not fit: the sentence or list item '{fit.unit}' is "
                f"{fit.unit_mm:.0f} mm tall even at {fit.floor_pt:g}pt, more than an {card} holds "
                f"({part_room(fit.room_mm):.0f} mm), so it cannot continue on the next card and the "
                f"flashcards will not build. {advice}")))
        elif fit.cards is None:
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label} ({fit.side}) will not fit an {card} even at {fit.floor_pt:g}pt, its smallest "
                f"size (it is {fit.over_mm:.0f} mm too tall), so the flashcards will not build. {advice}")))
        elif fit.cards > 1:
            lines = _lines(fit.over_mm, fit.floor_pt, CARD_LINE_HEIGHT)
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label}'s answer will continue on {fit.cards} {card}s: even at {fit.floor_pt:g}pt "
                f"it is about {lines} too long for one; shorten it to keep it on one card")))
    return warnings


def _lines(over_mm: float, size_pt: float, line_height: float) -> str:
    """A length as lines of text at this size, at least one: "3 lines"."""
    lines = max(1, round(over_mm / (size_pt * line_height * PT_TO_MM)))
    return f"{lines} line{'s' if lines > 1 else ''}"


# ---- text as runs, paragraphs and list items


@dataclass(frozen=True)
class Para:
    runs: list[Run]
    depth: int  # list nesting: 0 for a paragraph
    item: bool  # the first paragraph of a list item
    follows_list: bool  # the first block after a list ended
    code: bool = False
    sentences: tuple[int, ...] = ()  # the runs at which a sentence after the first starts


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@cache
def paragraphs(markdown: str, code: tuple[float, float], url: tuple[Style, float]) -> list[Para]:
    """Markdown as the paragraphs and list items it renders to, each as runs of styled text; code
    at `code` (scale, padding in em), and the address a link prints after it in `url`'s style."""
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
            runs, sentences = _runs(token.children or [], code, url)
            found.append(Para(runs, depth, item, ended, sentences=sentences))
            item = ended = False
        elif token.type in ("fence", "code_block"):
            runs = [Run(line or " ", MONO, code[0]) for line in token.content.rstrip("\n").split("\n")]
            found.append(Para([part for run in runs for part in (run, Run("\n"))][:-1], depth, item, ended,
                              code=True))
            item = ended = False
    return found


def _runs(children: Sequence[Token], code: tuple[float, float],
          url: tuple[Style, float]) -> tuple[list[Run], tuple[int, ...]]:
    """A paragraph's runs, and where its sentences start: between sentences of its own text, as
    `continuation` breaks them (never inside code, a link or emphasis)."""
    runs: list[Run] = []
    sentences: list[int] = []
    plain = ""  # the paragraph's own text, not yet a run: sentences are looked for across line ends
    weight, italic = 400, False
    href, label, label_plain = "", "", True  # the link being read: its text, and whether that is plain

    def flush() -> None:
        nonlocal plain
        first, *rest = SENTENCE_END.split(plain)
        runs.append(Run(first, SERIF))
        for sentence in rest:
            sentences.append(len(runs))
            runs[-1] = runs[-1]._replace(text=runs[-1].text + " ")
            runs.append(Run(sentence, SERIF))
        plain = ""

    for child in children:
        kind, content = child.type, child.content
        if child.level == 0 and kind in ("text", "softbreak"):
            plain += content if kind == "text" else " "
            continue
        if plain:
            flush()
        label_plain = label_plain and kind in ("text", "softbreak", "link_close")
        if kind == "strong_open":
            weight = 700
        elif kind == "strong_close":
            weight = 400
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind in ("text", "softbreak"):
            runs.append(Run(content or " ", Style("serif", weight, italic)))
            label += content or " "
        elif kind == "code_inline":
            runs.append(Run(content, MONO, code[0], pad_em=code[1]))
        elif kind == "hardbreak":
            runs.append(Run("\n"))
        elif kind == "link_open":
            href, label, label_plain = str(child.attrGet("href") or ""), "", True
        # model.markdown.print_markdown: an https link whose label is plain text other than its address
        elif kind == "link_close" and label_plain and href.startswith("https://") and label.strip() != href:
            runs.append(Run(f" ({href})", *url))
    if plain:
        flush()
    return runs, tuple(sentences)


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
    """The height of a sheet's back: its head, the answer at this step, and what follows it, in the
    answer's column (or, from the wide steps on, the page's full width)."""
    width = ANSWER_MM if step < FIT_WIDE_FROM else paper.content_width_mm
    height = _lines_mm([Run(item.prompt, SANS)], width, *A_QUESTION, fonts)
    height += A_LABEL[0] * A_LABEL[1] * PT_TO_MM + A_HEAD_MM
    if item.kind == "technical":
        size = FIT_SIZES_PT[step]
        spans = _flow(paragraphs(item.reveal, CODE, PRINT_URL), width, size, ANSWER_LINE_HEIGHTS[step],
                      PARAGRAPH_GAP_EM[step], fonts)
        height += spans[-1][1] if spans else 0.0
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


def _flow(paras: list[Para], width: float, size: float, line_height: float, gap_em: float,
          fonts: Fonts, *, item_gap_em: float = ITEM_GAP_EM, list_gap_em: float = LIST_GAP_EM,
          indent_mm: float = LIST_INDENT_MM) -> list[tuple[float, float]]:
    """Where each of the paragraphs and list items starts and ends (mm from the top of the first),
    stacked with the gaps between them (margins collapse to the larger). Nothing follows the last,
    as `.answer > :last-child` and `.fit-content` set."""
    em = size * PT_TO_MM
    spans: list[tuple[float, float]] = []
    for index, para in enumerate(paras):
        top = spans[-1][1] if spans else 0.0
        if index:
            previous = paras[index - 1]
            if para.follows_list:
                top += max(list_gap_em, gap_em) * em
            elif para.item and previous.depth >= para.depth:
                top += item_gap_em * em
            else:
                top += gap_em * em
        spans.append((top, top + _lines_mm(para.runs, width - para.depth * indent_mm, size, line_height,
                                           fonts)))
    return spans


# ---- the flashcards


def card_fits(guide: Guide, project: Project, options: Options, fonts: Fonts) -> list[CardFit]:
    """For each text block on a card, whether it fits its box at its floor size, and for an answer
    that does not, how many cards it will continue on."""
    spec = SIZES[options.cards_for(guide)].on(options.paper_for(guide))
    plan = plan_sheets(guide, spec, options.flip_for(guide), options.back_offset)
    labels = project.labels(guide, "cards")
    fits = []
    for sheet in plan.sheets:
        for face in sheet.faces:
            if face.card.kind == "title":
                continue
            block, floor = face.body, face.body.fit.type.floor
            height = _card_mm(guide, face.card, face.side, block, floor, labels, fonts)
            fit = CardFit(block.path, f"card {face.card.label}", face.side, 1,
                          height - block.limit, block.limit, floor)
            if height > block.limit + FIT_TOLERANCE_MM:
                if face.card.kind == "technical" and face.side == "back":
                    fit = _continued(fit, _units(face.card.item.answer, block, floor, fonts))
                else:
                    fit = replace(fit, cards=None)
            fits.append(fit)
    return fits


def _card_mm(guide: Guide, card: Card, side: str, block: Block, size: float, labels: Labels,
             fonts: Fonts) -> float:
    """The height of a card's text block at this size, as cards.html fills it."""
    width, em = block.box.w, size * PT_TO_MM
    small = SMALL_PT * PT_TO_MM
    item = card.item
    if side == "front":
        text = item.flag if card.kind == "red_flag" else item.question
        height = _lines_mm([Run(text.replace("/", "/\u2060"), Style("sans", 600))], width, size,
                           QUESTION_LINE_HEIGHT, fonts)
        line, gap, tracking = SMALL
        if card.kind == "red_flag":
            height += FLAG_BAR_EM * em
            note = Run(str(labels.get("red_flag_prompt", "")), Style("sans", italic=True))
        elif card.kind == "technical":
            topics = " · ".join(item.topics).replace("/", "/\u2060")
            note = Run(topics, SANS, upper=True, tracking_em=tracking)
        else:
            note = Run(guide.behavioural.instruction, SANS)
        if note.text:
            height += gap * small + _lines_mm([note], width, SMALL_PT, line, fonts)
        return height
    if card.kind == "technical":
        _, spans = _answer_spans(item.answer, width, size, fonts)
        return spans[-1][1] if spans else 0.0
    text = item.shows if card.kind == "behavioural" else item.why
    height = _lines_mm([Run(text, SERIF)], width, size, CARD_LINE_HEIGHT, fonts)
    if card.kind == "behavioural":
        top, gap, indent, padding = STAR
        inner = width - STAR_BORDER_MM - (padding + indent) * small
        height += top * small
        for index, (_letter, prompt) in enumerate(labels.get("star_short", [])):
            height += (gap * small if index else 0) + _lines_mm(
                [Run(str(prompt), SANS)], inner, SMALL_PT, CARD_LINE_HEIGHT, fonts)
    return height


# ---- an answer continued on more cards (cards.write, continuation)


@dataclass(frozen=True)
class Unit:
    """What an answer breaks between: a top-level paragraph or block, a top-level list item, or a
    sentence of a paragraph too tall for a card; its height (mm), the margin above it when it does
    not start a card, how it starts (to name it), and a paragraph's sentences, should it break."""

    gap: float
    height: float
    opening: str
    sentences: tuple[Unit, ...] = ()


def _answer_spans(answer: str, width: float, size: float,
                  fonts: Fonts) -> tuple[list[Para], list[tuple[float, float]]]:
    """A card's answer as paragraphs and list items, with where each starts and ends."""
    paras = paragraphs(answer, (1.0, 0.0), CARD_URL)  # .answer code: the text's size, no padding
    return paras, _flow(paras, width, size, CARD_LINE_HEIGHT, CARD_GAP_EM, fonts,
                        item_gap_em=CARD_ITEM_GAP_EM, list_gap_em=CARD_GAP_EM,
                        indent_mm=CARD_LIST_INDENT_EM * size * PT_TO_MM)


def _units(answer: str, block: Block, size: float, fonts: Fonts) -> list[Unit]:
    """The answer's units as the card sets them at this size."""
    paras, spans = _answer_spans(answer, block.box.w, size, fonts)
    starts = [index for index, para in enumerate(paras) if para.depth == 0 or (para.depth == 1 and para.item)]
    units = []
    for start, stop in pairwise([*starts, len(paras)]):
        para, (top, _) = paras[start], spans[start]
        sentences = () if para.depth or para.code else _sentences(para, block.box.w, size, fonts)
        units.append(Unit(top - spans[start - 1][1] if start else 0.0, spans[stop - 1][1] - top,
                          _opening(para.runs), sentences))
    return units


def _sentences(para: Para, width: float, size: float, fonts: Fonts) -> tuple[Unit, ...]:
    """A paragraph's sentences, each ending on the line where its last word is; none for one."""
    if not para.sentences:
        return ()
    line = size * CARD_LINE_HEIGHT * PT_TO_MM
    ends = [0, *para.sentences, len(para.runs)]
    bottoms = [0.0, *(line * line_count(para.runs[:end], width, size, fonts) for end in ends[1:])]
    return tuple(Unit(0.0, bottom - above, _opening(para.runs[first:end]))
                 for (first, end), (above, bottom) in zip(pairwise(ends), pairwise(bottoms), strict=True))


def _opening(runs: list[Run], words: int = 6) -> str:
    """The first words of a text, to name it."""
    found = " ".join(run.text for run in runs).split()
    return " ".join(found[:words]) + (" …" if len(found) > words else "")


class _Unbreakable(Exception):
    def __init__(self, unit: Unit, height: float) -> None:
        self.unit = unit
        self.height = height


def _continued(fit: CardFit, units: list[Unit]) -> CardFit:
    """How many cards an answer too long for one continues on, as the build finds them: parts cut
    to fill `cards.part_room` of a card, each but the last with a line saying it continues, any part
    that still runs over cut again; or the sentence or list item too tall for any card."""
    parts = [units]
    try:
        while True:
            over = [index for index, part in enumerate(parts) if _part_mm(part) + (
                CONTINUES_MM if index < len(parts) - 1 else 0) > fit.room_mm + FIT_TOLERANCE_MM]
            cut = [piece for index, part in enumerate(parts)
                   for piece in (_cut(part, part_room(fit.room_mm)) if index in over else [part])]
            if len(cut) == len(parts):  # nothing left to cut (or nothing over)
                return replace(fit, cards=len(parts))
            parts = cut
    except _Unbreakable as exc:
        return replace(fit, cards=None, unit_mm=exc.height, unit=exc.unit.opening)


def _part_mm(part: list[Unit]) -> float:
    return sum(unit.gap for unit in part[1:]) + sum(unit.height for unit in part)


def _cut(part: list[Unit], room: float) -> list[list[Unit]]:
    """A part cut into parts of at most `room`, breaking a paragraph taller than that into its
    sentences (`cards._continue`, `continuation.cuts`)."""
    while True:
        bottoms, end = [], 0.0
        for index, unit in enumerate(part):
            end += (unit.gap if index else 0.0) + unit.height
            bottoms.append(end)
        try:
            starts = [0, *cuts(bottoms, room), len(part)]
        except TooTall as exc:
            unit = part[exc.unit]
            if not unit.sentences:
                raise _Unbreakable(unit, exc.height) from None
            first, *rest = unit.sentences
            part = [*part[:exc.unit], replace(first, gap=unit.gap), *rest, *part[exc.unit + 1:]]
            continue
        return [part[start:stop] for start, stop in pairwise(starts)]
