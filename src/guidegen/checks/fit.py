"""What the print booklet's and the flashcards' fitting will do to a guide's texts, told before any
layout (`guidegen check`), from the editions' own geometry and fitting rules.

The booklet sets each answer on the back of its sheet at the first of its type steps at which it
fits the page (editions/print_page.py): in its column beside the notes margin, and from the wide
steps on across the page's full width. The cards set each text in its box (`cards.plan_sheets`: the
same boxes, type ranges and labels the build uses) down to its floor; a technical answer still too
long there continues on the next cards, broken where `continuation` breaks it, and only a text that
cannot be broken (a question, a short text, a sentence or list item taller than a card) fails. Here
each text is measured with the theme's fonts (render/textmeasure.py) inside those boxes, with the
spacing the stylesheets give it: every size, gap and line height is read from the same custom
properties of print.css, pdf-common.css and cards.css that the stylesheets themselves use
(render/metrics.py), so a project's own stylesheet moves these warnings as it moves the layout. The
build remains the authority: a project's stylesheet may set text in ways not measured here, and an
estimate near a boundary can be a line out either way; tests compare these estimates with real
layouts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..base.units import PT_TO_MM
from ..editions import Options
from ..editions.cards import FIT_TOLERANCE_MM, Block, Card, CardSpec, card_metrics, card_spec, plan_sheets
from ..editions.continuation import SENTENCE_END, TooTall, cuts
from ..editions.print_page import PrintPage, print_page
from ..model.deck import FieldPath, Item, deck
from ..model.labels import Labels
from ..model.problems import GuideWarning
from ..render.metrics import Metrics
from ..render.textmeasure import Fonts, Run, Style, line_count

if TYPE_CHECKING:
    from ..model.guide import Guide
    from ..render.project import Project

SERIF, SANS, MONO = Style("serif"), Style("sans"), Style("mono")


@dataclass(frozen=True)
class AnswerPage:
    """How an answer page sets what is not the answer itself, and the answer's lists, code and links
    (the custom properties of print.css and pdf-common.css; sizes in pt, gaps in em or mm)."""

    code: tuple[float, float]  # code: its size (em), and its padding on both sides together (em)
    url: tuple[Style, float]  # the address a link prints after its text: its face and size (em)
    list_gap_em: float
    item_gap_em: float
    list_indent_mm: float  # a list's indent and its items' own padding
    label: tuple[float, float]  # the head's label: size, line height
    question: tuple[float, float]  # the question under it
    head_mm: float  # the question's gap above it, the head's padding, rule and gap below
    tools: tuple[float, float, float, float]  # the tools line: size, line height; its label's size, tracking
    tools_mm: float  # its gap, rule and padding above it
    check_mm: float  # the checklist's gap above it and its padding above and below
    check_inset_mm: float  # its padding on both sides, and an item's indent
    check_head: tuple[float, float, float]  # its heading: size, line height, gap below (mm)
    check_item: tuple[float, float, float]  # an item: size, line height, gap below (mm)

    @classmethod
    def of(cls, found: Metrics) -> AnswerPage:
        check_y, check_x = found.mms("check-padding", 2)
        return cls(
            code=(found.em("code-size"), 2 * found.em("code-padding")),
            url=(MONO, found.em("print-url-size")),
            list_gap_em=found.em("list-gap"), item_gap_em=found.em("item-gap"),
            list_indent_mm=found.mm("list-indent") + found.mm("item-indent"),
            label=(found.pt("answer-label-size"), found.number("answer-label-line-height")),
            question=(found.pt("answer-question-size"), found.number("answer-question-line-height")),
            head_mm=(found.mm("answer-question-gap") + found.mm("answer-head-padding")
                     + found.mm("answer-head-rule") + found.mm("answer-head-gap")),
            tools=(found.pt("tools-size"), found.number("tools-line-height"), found.pt("label-size"),
                   found.em("label-tracking")),
            tools_mm=found.mm("tools-gap") + found.mm("tools-rule") + found.mm("tools-padding"),
            check_mm=found.mm("check-gap") + 2 * check_y,
            check_inset_mm=2 * check_x + found.mm("check-indent"),
            check_head=(found.pt("check-head-size"), found.number("heading-line-height"),
                        found.mm("check-head-gap")),
            check_item=(found.pt("check-size"), found.number("line-height"), found.mm("check-item-gap")))


@dataclass(frozen=True)
class CardText:
    """How a card sets its text (the custom properties of cards.css; gaps in em of the text's size,
    secondary ones in em of the small size)."""

    line_height: float
    gap_em: float  # between blocks
    item_gap_em: float
    list_indent_em: float
    question_line_height: float
    small: tuple[float, float, float]  # topics, hints, prompts: line height, gap above, tracking
    flag_bar_em: float  # the bar over a red flag, and the gap under it
    star: tuple[float, float, float, float]  # STAR prompts: gap above, between lines, indent, padding
    star_border_mm: float

    @classmethod
    def of(cls, found: Metrics) -> CardText:
        return cls(
            line_height=found.number("card-line-height"), gap_em=found.em("block-gap"),
            item_gap_em=found.em("item-gap"), list_indent_em=found.em("list-indent"),
            question_line_height=found.number("question-line-height"),
            small=(found.number("small-line-height"), found.em("small-gap"), found.em("topics-tracking")),
            flag_bar_em=found.em("flag-bar") + found.em("flag-bar-gap"),
            star=(found.em("star-gap"), found.em("star-line-gap"), found.em("star-indent"),
                  found.em("star-padding")),
            star_border_mm=found.mm("star-border"))


@dataclass(frozen=True)
class Fit:
    """An estimate for one answer page: the type step it will get (0: the usual size), None when it
    will not fit even at the readable floor and is continued (then over how many pages, at the usual
    size and the page's full width); how far (mm) it runs over at the usual size and at the floor."""

    path: FieldPath
    label: str
    step: int | None
    over_mm: float
    floor_over_mm: float
    pages: int = 1


@dataclass(frozen=True)
class CardFit:
    """An estimate for one side of a card at its floor size: how many cards it takes (1, or more for
    an answer that continues), or None when it cannot be set (a question or a short text too long
    for its card): then `over_mm` is how far it runs over."""

    path: FieldPath
    label: str  # "card MLOps · Q3"
    side: str
    cards: int | None
    over_mm: float
    room_mm: float
    floor_pt: float


def fit_warnings(guide: Guide, project: Project, options: Options) -> list[GuideWarning]:
    """Warnings for every text the booklet will set smaller or the cards continue on more cards,
    and for every text that will not fit its page or card."""
    fonts = Fonts(project)
    return [*_booklet_warnings(guide, project, options, fonts),
            *_card_warnings(guide, project, options, fonts)]


def _booklet_warnings(guide: Guide, project: Project, options: Options, fonts: Fonts) -> list[GuideWarning]:
    page = print_page(project, options.paper_for(guide))
    paper = page.paper.label
    warnings = []
    for fit in booklet_fits(guide, project, options, fonts):
        answer = fit.path[-1] == "answer"
        what = "strong answer" if answer else "interviewer note"
        sizes = [step.answer_pt if answer else step.shows_pt for step in page.steps]
        heights = [step.answer_line_height if answer else step.shows_line_height for step in page.steps]
        if fit.step is None:
            lines = _lines(fit.floor_over_mm, sizes[-1], heights[-1])
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label}'s {what} will not fit the back of its {paper} page even at "
                f"{sizes[-1]:g}pt, the smallest readable size, so the print booklet continues it at "
                f"{sizes[0]:g}pt over about {fit.pages} pages, the next question on a fresh sheet; "
                f"shorten it by about {lines} to keep it on one page")))
        elif fit.step:
            lines = _lines(fit.over_mm, sizes[0], heights[0])
            wide = " across the full page, without the notes margin" if page.steps[fit.step].wide else ""
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label}'s {what} is about {lines} too long for the back of its {paper} page "
                f"at {sizes[0]:g}pt: the print booklet will set it at {sizes[fit.step]:g}pt{wide}; "
                "shorten it to keep the usual size")))
    return warnings


def _card_warnings(guide: Guide, project: Project, options: Options, fonts: Fonts) -> list[GuideWarning]:
    size = options.cards_for(guide)
    card = f"{'index' if size == 'index' else size.upper()} card"  # "an A7 card", "an index card"
    spec = card_spec(project, size, options.paper_for(guide))
    advice, line_height = spec.advice, card_metrics(project).number("card-line-height")
    warnings = []
    for fit in card_fits(guide, project, options, fonts):
        if fit.cards is None:
            warnings.append(GuideWarning(fit.path, (
                f"{fit.label} ({fit.side}) will not fit an {card} even at {fit.floor_pt:g}pt, its smallest "
                f"size (it is {fit.over_mm:.0f} mm too tall), so the flashcards will not build. {advice}")))
        elif fit.cards > 1:
            lines = _lines(fit.over_mm, fit.floor_pt, line_height)
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
    page = print_page(project, options.paper_for(guide))
    back = AnswerPage.of(page.metrics)
    labels = project.labels(guide, "print")
    fits = []
    for item in (item for item in deck(guide) if item.kind != "red_flag"):
        def height(step: int, item: Item = item) -> float:
            return back_mm(item, step, page, back, labels, fonts)

        last = len(page.steps) - 1
        known = {0: height(0), last: height(last)}
        # the steps between only where the smallest fits: then the answer is about a page long
        step = None if known[last] > page.sheet_height_mm else next(
            index for index in range(last + 1)
            if (known[index] if index in known else height(index)) <= page.sheet_height_mm)
        pages = 1 if step is not None else math.ceil(
            back_mm(item, 0, page, back, labels, fonts, wide=True) / page.content_height_mm)
        fits.append(Fit(item.reveal_path, item.label, step, known[0] - page.sheet_height_mm,
                        known[last] - page.sheet_height_mm, pages))
    return fits


def back_mm(item: Item, step: int, page: PrintPage, back: AnswerPage, labels: Labels, fonts: Fonts, *,
            wide: bool = False) -> float:
    """The height of a sheet's back: its head, the answer at this step, and what follows it, in the
    answer's column (or, from the wide steps on and for a continued answer, the page's full width)."""
    width = page.content_width_mm if wide else page.answer_width_mm(step)
    setting = page.steps[step]
    reveal = item.reveal or str(labels["missing"][item.kind])  # the editions say it is still to come
    height = _lines_mm([Run(item.prompt, SANS)], width, *back.question, fonts)
    height += back.label[0] * back.label[1] * PT_TO_MM + back.head_mm
    if item.kind == "technical":
        size = setting.answer_pt
        spans = _flow(paragraphs(reveal, back.code, back.url), width, size, setting.answer_line_height,
                      setting.gap_em, fonts, item_gap_em=back.item_gap_em, list_gap_em=back.list_gap_em,
                      indent_mm=back.list_indent_mm)
        height += spans[-1][1] if spans else 0.0
        tools = getattr(item.entry, "tools", [])
        if tools:
            size, line, label_size, tracking = back.tools
            runs = [Run(str(labels.get("tools", "")) + " ", Style("sans", 600), label_size / size, upper=True,
                        tracking_em=tracking), Run(" · ".join(tools), SANS)]
            height += back.tools_mm + _lines_mm(runs, width, size, line, fonts)
        return height
    height += _lines_mm([Run(reveal, SERIF)], width, setting.shows_pt, setting.shows_line_height, fonts)
    size, line, gap = back.check_head
    height += back.check_mm + size * line * PT_TO_MM + gap
    size, line, gap = back.check_item
    for text in labels.get("check_steps", []):
        height += _lines_mm([Run(str(text), SERIF)], width - back.check_inset_mm, size, line, fonts) + gap
    return height


def _lines_mm(runs: list[Run], width: float, size: float, line_height: float, fonts: Fonts) -> float:
    return line_count(runs, width, size, fonts) * size * line_height * PT_TO_MM


def _flow(paras: list[Para], width: float, size: float, line_height: float, gap_em: float,
          fonts: Fonts, *, item_gap_em: float, list_gap_em: float,
          indent_mm: float) -> list[tuple[float, float]]:
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
    spec = card_spec(project, options.cards_for(guide), options.paper_for(guide))
    text = CardText.of(card_metrics(project))
    plan = plan_sheets(guide, spec, options.flip_for(guide), options.back_offset)
    labels = project.labels(guide, "cards")
    fits = []
    for sheet in plan.sheets:
        for face in sheet.faces:
            if face.card.kind == "title":
                continue
            block, floor = face.body, face.body.fit.type.floor
            height = card_mm(guide, face.card, face.side, block, floor, spec, text, labels, fonts)
            fit = CardFit(block.path, f"card {face.card.label}", face.side, 1,
                          height - block.limit, block.limit, floor)
            if height > block.limit + FIT_TOLERANCE_MM:
                if face.card.kind == "technical" and face.side == "back":
                    answer = face.card.item.answer or str(labels["missing"]["technical"])
                    line = floor * text.line_height * PT_TO_MM
                    fit = _continued(fit, units(answer, block, floor, text, fonts), spec, line)
                else:
                    fit = replace(fit, cards=None)
            fits.append(fit)
    return fits


def card_mm(guide: Guide, card: Card, side: str, block: Block, size: float, spec: CardSpec, text: CardText,
            labels: Labels, fonts: Fonts) -> float:
    """The height of a card's text block at this size, as cards.html fills it."""
    width, em = block.box.w, size * PT_TO_MM
    small_pt = spec.small_pt
    small = small_pt * PT_TO_MM
    item = card.item
    if side == "front":
        prompt = item.flag if card.kind == "red_flag" else item.question
        height = _lines_mm([Run(prompt.replace("/", "/\u2060"), Style("sans", 600))], width, size,
                           text.question_line_height, fonts)
        line, gap, tracking = text.small
        chapter = [card.chapter] if card.chapter else []
        if card.kind == "red_flag":
            height += text.flag_bar_em * em
            notes = [Run(str(labels.get("red_flag_prompt", "")), Style("sans", italic=True))]
        elif card.kind == "technical":
            topics = " · ".join(card.topics).replace("/", "/\u2060")
            notes = [Run(topics, SANS, upper=True, tracking_em=tracking)]
        else:
            notes = [*(Run(title.replace("/", "/\u2060"), SANS, upper=True, tracking_em=tracking)
                       for title in chapter), Run(guide.behavioural.instruction or "", SANS)]
        for note in notes:
            if note.text:
                height += gap * small + _lines_mm([note], width, small_pt, line, fonts)
        return height
    if card.kind == "technical":
        _, spans = _answer_spans(item.answer or str(labels["missing"]["technical"]), width, size, text, fonts)
        return spans[-1][1] if spans else 0.0
    reveal = (item.shows if card.kind == "behavioural" else item.why) or str(labels["missing"][card.kind])
    height = _lines_mm([Run(reveal, SERIF)], width, size, text.line_height, fonts)
    if card.kind == "behavioural":
        top, gap, indent, padding = text.star
        inner = width - text.star_border_mm - (padding + indent) * small
        height += top * small
        for index, (_letter, prompt) in enumerate(labels.get("star_short", [])):
            height += (gap * small if index else 0) + _lines_mm(
                [Run(str(prompt), SANS)], inner, small_pt, text.line_height, fonts)
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


def _answer_spans(answer: str, width: float, size: float, text: CardText,
                  fonts: Fonts) -> tuple[list[Para], list[tuple[float, float]]]:
    """A card's answer as paragraphs and list items, with where each starts and ends."""
    paras = paragraphs(answer, (1.0, 0.0), (SERIF, 1.0))  # code and links at the text's size, no padding
    return paras, _flow(paras, width, size, text.line_height, text.gap_em, fonts,
                        item_gap_em=text.item_gap_em, list_gap_em=text.gap_em,
                        indent_mm=text.list_indent_em * size * PT_TO_MM)


def units(answer: str, block: Block, size: float, text: CardText, fonts: Fonts) -> list[Unit]:
    """The answer's units as the card sets them at this size."""
    paras, spans = _answer_spans(answer, block.box.w, size, text, fonts)
    starts = [index for index, para in enumerate(paras) if para.depth == 0 or (para.depth == 1 and para.item)]
    found = []
    for start, stop in pairwise([*starts, len(paras)]):
        para, (top, _) = paras[start], spans[start]
        sentences = () if para.depth or para.code else _sentences(para, block.box.w, size, text, fonts)
        found.append(Unit(top - spans[start - 1][1] if start else 0.0, spans[stop - 1][1] - top,
                          _opening(para.runs), sentences))
    return found


def _sentences(para: Para, width: float, size: float, text: CardText, fonts: Fonts) -> tuple[Unit, ...]:
    """A paragraph's sentences, each ending on the line where its last word is; none for one."""
    if not para.sentences:
        return ()
    line = size * text.line_height * PT_TO_MM
    ends = [0, *para.sentences, len(para.runs)]
    bottoms = [0.0, *(line * line_count(para.runs[:end], width, size, fonts) for end in ends[1:])]
    return tuple(Unit(0.0, bottom - above, _opening(para.runs[first:end]))
                 for (first, end), (above, bottom) in zip(pairwise(ends), pairwise(bottoms), strict=True))


def _opening(runs: list[Run], words: int = 6) -> str:
    """The first words of a text, to name it."""
    found = " ".join(run.text for run in runs).split()
    return " ".join(found[:words]) + (" …" if len(found) > words else "")


def _continued(fit: CardFit, answer: list[Unit], spec: CardSpec, line_mm: float) -> CardFit:
    """How many cards an answer too long for one continues on, as the build finds them: parts cut
    to fill `CardSpec.part_room` of a card, each but the last with a line saying it continues, any
    part that still runs over cut again (a paragraph between its sentences, anything still taller
    than a card between its lines of `line_mm`)."""
    parts = [answer]
    while True:
        over = [index for index, part in enumerate(parts) if _part_mm(part) + (
            spec.continues_mm if index < len(parts) - 1 else 0) > fit.room_mm + FIT_TOLERANCE_MM]
        cut = [piece for index, part in enumerate(parts)
               for piece in (_cut(part, spec.part_room(fit.room_mm), line_mm) if index in over else [part])]
        if len(cut) == len(parts):  # nothing left to cut (or nothing over)
            return replace(fit, cards=len(parts))
        parts = cut


def _part_mm(part: list[Unit]) -> float:
    return sum(unit.gap for unit in part[1:]) + sum(unit.height for unit in part)


def _cut(part: list[Unit], room: float, line_mm: float) -> list[list[Unit]]:
    """A part cut into parts of at most `room`, breaking a paragraph taller than that into its
    sentences, and a sentence, list item or code block still taller into its lines (as
    `cards._continue` breaks it into pieces of a few words; `continuation.cuts`)."""
    while True:
        bottoms, end = [], 0.0
        for index, unit in enumerate(part):
            end += (unit.gap if index else 0.0) + unit.height
            bottoms.append(end)
        try:
            starts = [0, *cuts(bottoms, room), len(part)]
        except TooTall as exc:
            unit = part[exc.unit]
            if unit.sentences:
                first, *rest = unit.sentences
                pieces = [replace(first, gap=unit.gap), *rest]
            else:
                lines = max(2, math.ceil(unit.height / line_mm))
                pieces = [Unit(unit.gap if n == 0 else 0.0, unit.height / lines, unit.opening)
                          for n in range(lines)]
            part = [*part[:exc.unit], *pieces, *part[exc.unit + 1:]]
            continue
        return [part[start:stop] for start, stop in pairwise(starts)]
