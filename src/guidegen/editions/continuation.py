"""An answer too long for one card continues on the next: where it may break, and where it does.

An answer (Markdown rendered for paper) breaks only between *units*: its paragraphs and other
top-level blocks, and the items of its top-level lists (a list broken over two cards is continued
as a list, numbered on); a paragraph taller than a card breaks between its sentences. A block that
is still too tall (a sentence, a list item, a code block, a table) breaks into *pieces*: a few words
of its text (a code block, a few of its lines), so no answer is too long for the cards, however it
is written. Pure functions, no layout: cards.py measures where each unit ends at the smallest
readable size and asks `cuts` for the parts.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model.markdown import print_markdown

#: Where a sentence ends: after . ! ? or …, before a capital, a digit or an opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ0-9\"“„‘(\[])")
#: A block broken into pieces: this many words of text, or lines of code, a piece; a word longer
#: than PIECE_CHARACTERS (a hash, a URL) is cut into pieces of that many characters.
PIECE_WORDS = 8
PIECE_LINES = 4
PIECE_CHARACTERS = 120


@dataclass(frozen=True)
class Unit:
    """A piece of an answer never broken across cards: a block, a list item, or a sentence of a
    paragraph too tall for a card."""

    html: Markup  # the element, serialised (an <li> for a list item); a sentence's or a piece's inner HTML
    position: int  # which of the answer's top-level blocks it is or belongs to
    list_tag: str | None = None  # "ol" or "ul" for a list item
    number: int = 0  # an ordered list item's number
    sentence: bool = False
    piece: str | None = None  # the block a piece is part of: "p", "pre", or "li" (in `list_tag`)
    first: bool = True  # the first piece of its list item (the one its marker belongs to)

    @property
    def paragraph(self) -> bool:
        """A whole paragraph, which may break into sentences."""
        return self.html.startswith(("<p>", "<p ")) and not self.sentence and self.piece is None

    @property
    def wrapper(self) -> str | None:
        """The element consecutive units of one block are wrapped in together: their list, their
        paragraph or code block."""
        return self.list_tag or self.piece or ("p" if self.sentence else None)


def units(markdown: str, by_sentence: frozenset[int] = frozenset(),
          by_piece: frozenset[int] = frozenset()) -> tuple[Unit, ...]:
    """The answer's units, in order; the paragraphs at the `by_sentence` positions in sentences, and
    the blocks at the `by_piece` positions in pieces."""
    import lxml.html

    found: list[Unit] = []
    fragments = lxml.html.fragments_fromstring(str(print_markdown(markdown)))
    for position, element in enumerate(fragments):
        element.tail = None
        if element.tag in ("ol", "ul"):
            start = int(element.get("start") or 1)
            for offset, item in enumerate(element.iterchildren("li")):
                item.tail = None
                if position in by_piece:
                    found += [Unit(piece, position, element.tag, start + offset, piece="li", first=index == 0)
                              for index, piece in enumerate(_pieces(item))]
                else:
                    found.append(Unit(_serialised(item), position, element.tag, start + offset))
        elif element.tag == "pre" and position in by_piece:
            found += [Unit(piece, position, piece="pre") for piece in _code_pieces(element)]
        elif position in by_piece:
            found += [Unit(piece, position, piece="p") for piece in _pieces(element)]
        elif element.tag == "p" and position in by_sentence:
            found += [Unit(sentence, position, sentence=True) for sentence in _sentences(element)]
        else:
            found.append(Unit(_serialised(element), position))
    return tuple(found)


def _pieces(element: object) -> list[Markup]:
    """A block's content as pieces of a few words each, as inner HTML: inline elements (code, a
    link, emphasis) are kept whole where they are short; a nested block (a paragraph or list in a
    list item, a table's cells) gives its text. Nothing of the text is lost."""
    import lxml.html

    words: list[str] = []

    def add(text: str) -> None:
        for word in text.split():
            words.extend(word[at:at + PIECE_CHARACTERS] for at in range(0, len(word), PIECE_CHARACTERS))

    def walk(node: object) -> None:
        add(node.text or "")  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            inline = child.tag in _INLINE and len(child.text_content()) <= PIECE_CHARACTERS
            if inline:
                tail, child.tail = child.tail, None
                words.append(lxml.html.tostring(child, encoding="unicode"))
                child.tail = tail
            else:
                walk(child)
            add(child.tail or "")

    walk(element)
    return [Markup(" ".join(_escaped(word) for word in words[at:at + PIECE_WORDS]))
            for at in range(0, len(words), PIECE_WORDS)]


_INLINE = {"a", "code", "em", "strong", "b", "i", "span", "sub", "sup", "kbd", "br"}


def _escaped(word: str) -> str:
    """A word of text escaped; an inline element (serialised by lxml, so already safe) as it is."""
    return word if word.startswith("<") and word.endswith(">") else str(escape(word))


def _code_pieces(element: object) -> list[Markup]:
    """A code block's lines, a few at a time, each piece ending in its line break, escaped."""
    text = element.text_content()  # type: ignore[attr-defined]
    lines = text.rstrip("\n").split("\n")
    return [Markup(escape("\n".join(lines[at:at + PIECE_LINES]) + "\n"))
            for at in range(0, len(lines), PIECE_LINES)]


def _sentences(paragraph: object) -> list[Markup]:
    """A paragraph's sentences, each as inner HTML; breaks are looked for only in its own text,
    never inside code, a link or emphasis."""
    import lxml.html

    pieces: list[list[str]] = [[]]

    def add(text: str) -> None:
        first, *rest = SENTENCE_END.split(text)
        pieces[-1].append(str(escape(first)))
        pieces.extend([str(escape(part))] for part in rest)

    add(paragraph.text or "")  # type: ignore[attr-defined]
    for child in paragraph:  # type: ignore[attr-defined]
        tail, child.tail = child.tail, None
        pieces[-1].append(lxml.html.tostring(child, encoding="unicode"))
        add(tail or "")
    return [Markup("".join(piece).strip()) for piece in pieces if "".join(piece).strip()]


def _serialised(element: object) -> Markup:
    import lxml.html

    # lxml escapes text and attribute values: what goes back in is as safe as what came out
    return Markup(lxml.html.tostring(element, encoding="unicode"))


def html(parts: tuple[Unit, ...], ids: list[str]) -> Markup:
    """Units as HTML, each with its id (so where it ends can be read back from the layout: on its
    element, or for a sentence on an empty span at its end); consecutive items of one list wrapped
    in their list again, numbered on, and consecutive sentences of one paragraph in one paragraph."""
    import lxml.html

    out: list[str] = []
    open_block: tuple[str, int] | None = None  # ("ol" | "ul" | "p" | "pre", position)
    open_item: int | None = None  # the number of the list item whose pieces are open
    for unit, unit_id in zip(parts, ids, strict=True):
        wrapper = unit.wrapper
        if open_item is not None and (unit.piece != "li" or unit.number != open_item or unit.first):
            out.append("</li>")
            open_item = None
        if open_block and (wrapper, unit.position) != open_block:
            out.append(f"</{open_block[0]}>")
            open_block = None
        if wrapper and not open_block:
            start = f' start="{unit.number}"' if wrapper == "ol" and unit.number != 1 else ""
            out.append(f"<{wrapper}{start}>")
            open_block = (wrapper, unit.position)
        if unit.piece == "li" and open_item is None:  # a continued item's marker is on the card before
            out.append("<li>" if unit.first else '<li class="continued">')
            open_item = unit.number
        if unit.sentence or unit.piece:
            out.append(f'{unit.html}<span id="{escape(unit_id)}"></span>{"" if unit.piece == "pre" else " "}')
            continue
        element = lxml.html.fragment_fromstring(str(unit.html))
        element.set("id", unit_id)
        out.append(lxml.html.tostring(element, encoding="unicode"))
    if open_item is not None:
        out.append("</li>")
    if open_block:
        out.append(f"</{open_block[0]}>")
    return Markup("".join(out))


#: How many numbers of parts `cuts` tries for even parts, from the fewest there can be, before it
#: fills each part as far as it goes instead (only an answer of hundreds of units gets that far).
MAX_TRIES = 16


class TooTall(ValueError):
    """One unit alone is taller than a card holds."""

    def __init__(self, unit: int, height: float) -> None:
        super().__init__(f"unit {unit} is {height:.1f} mm tall")
        self.unit = unit
        self.height = height


def cuts(bottoms: list[float], room: float) -> list[int]:
    """Where to break units into parts that each fit `room` (mm), as even as can be: the indices
    at which a new part starts. `bottoms` are where each unit ends, from the top of the first (mm)."""
    tops = [0.0, *bottoms[:-1]]
    for index, (top, bottom) in enumerate(zip(tops, bottoms, strict=True)):
        if bottom - top > room:
            raise TooTall(index, bottom - top)
    total = bottoms[-1]
    fewest = _fewest_parts(bottoms, tops, room)
    first = max(2, math.ceil(total / room), fewest)
    for parts in range(first, min(first + MAX_TRIES, len(bottoms) + 1)):
        found, start = [], 0
        for part in range(1, parts):
            best = _nearest_cut(bottoms, start, tops[start], room, total * part / parts)
            if best is None:
                break
            found.append(best)
            start = best
        if len(found) == parts - 1 and bottoms[-1] - tops[start] <= room:
            return found
    return _filled(bottoms, tops, room)  # each part as full as it goes: the fewest parts


def _filled(bottoms: list[float], tops: list[float], room: float) -> list[int]:
    """The cuts that fill each part as far as it goes: the fewest parts there can be (so `cuts`
    need not try fewer, which would take time quadratic in the units), the last maybe short."""
    found, start = [], 0
    while (end := bisect.bisect_right(bottoms, room, start, key=lambda bottom: bottom - tops[start])) \
            < len(bottoms):
        found.append(end)
        start = end
    return found


def _fewest_parts(bottoms: list[float], tops: list[float], room: float) -> int:
    return len(_filled(bottoms, tops, room)) + 1


def _nearest_cut(bottoms: list[float], start: int, top: float, room: float, aim: float) -> int | None:
    """The unit boundary after `start` nearest `aim` (the earliest of equals) whose part, from
    `top`, fits the room: a new part starts at unit i, ending the last at bottoms[i - 1]. The
    bottoms only grow, so the boundaries within the limit are a run found by bisection (a 2 MB
    answer's thousands of units are cut in time about linear, not quadratic)."""
    first = start + 1
    last = min(bisect.bisect_right(bottoms, room, start, key=lambda bottom: bottom - top), len(bottoms) - 1)
    if last < first:
        return None
    above = bisect.bisect_left(bottoms, aim, first - 1, last)  # the first bottom at or past the aim
    below = bisect.bisect_left(bottoms, bottoms[above - 1], first - 1, above) if above >= first else None
    options = [index + 1 for index in (below, above) if index is not None and first - 1 <= index < last]
    return min(options, key=lambda i: abs(bottoms[i - 1] - aim))
