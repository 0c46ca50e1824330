"""The deck: every item a reader tests themselves on, in one order with one numbering.

Print sheets, flashcards, the e-book's question pages and the handout all show the same items: the
technical questions (Q1, Q2, …), the behavioural questions (B1, …) and the red flags (R1, …). Each
item knows which field is its prompt (the front of a card or sheet) and which is its reveal (the
back), so every edition numbers and splits them alike and reports a problem at the right field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .guide import BehaviouralQuestion, Guide, RedFlag, TechnicalQuestion

Kind = Literal["technical", "behavioural", "red_flag"]
FieldPath = tuple[str | int, ...]  # where in the guide a text comes from, for errors

#: The letter that numbers each kind, the same in every edition and language.
LETTERS: dict[Kind, str] = {"technical": "Q", "behavioural": "B", "red_flag": "R"}


@dataclass(frozen=True)
class Item:
    """One question or red flag, with its place in the deck and the texts on its two faces."""

    kind: Kind
    index: int  # 0-based within its kind
    entry: TechnicalQuestion | BehaviouralQuestion | RedFlag
    prompt: str  # what asks: a question, or a red flag's statement
    reveal: str  # what is behind it: a strong answer (Markdown), what a question shows, why a flag matters
    prompt_path: FieldPath
    reveal_path: FieldPath

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def label(self) -> str:
        """How every edition names it: "Q3", "B2", "R1"."""
        return f"{LETTERS[self.kind]}{self.number}"

    @property
    def id(self) -> str:
        return self.entry.id


def deck(guide: Guide) -> list[Item]:
    """Every item in deck order: technical questions, behavioural questions, red flags."""
    technical = [Item("technical", i, q, q.question, q.answer, ("technical", "questions", i, "question"),
                      ("technical", "questions", i, "answer"))
                 for i, q in enumerate(guide.technical.questions)]
    behavioural = [Item("behavioural", i, q, q.question, q.shows,
                        ("behavioural", "questions", i, "question"), ("behavioural", "questions", i, "shows"))
                   for i, q in enumerate(guide.behavioural.questions)]
    flags = [Item("red_flag", i, f, f.flag, f.why, ("red_flags", i, "flag"), ("red_flags", i, "why"))
             for i, f in enumerate(guide.red_flags)]
    return [*technical, *behavioural, *flags]


def ranges(items: list[Item]) -> list[tuple[Kind, str]]:
    """Each kind present with the labels it spans, e.g. ("technical", "Q1–Q10")."""
    found: list[tuple[Kind, str]] = []
    for kind, letter in LETTERS.items():
        numbers = [item.number for item in items if item.kind == kind]
        if numbers:
            first, last = f"{letter}{min(numbers)}", f"{letter}{max(numbers)}"
            found.append((kind, first if first == last else f"{first}\N{EN DASH}{last}"))
    return found
