"""The deck: every item a reader tests themselves on, in one order with one numbering.

Print sheets, flashcards, the e-book's question pages and the handout all show the same items: the
technical questions (Q1, Q2, …), the behavioural questions (B1, …) and the red flags (R1, …). Each
item knows which field is its prompt (the front of a card or sheet) and which is its reveal (the
back), so every edition numbers and splits them alike and reports a problem at the right field.
Questions in groups are numbered on across them; each knows its group, and `chapters` gives a
section's groups, the chapters every edition shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .guide import (
    BehaviouralQuestion,
    BehaviouralSection,
    Guide,
    RedFlag,
    TechnicalQuestion,
    TechnicalSection,
)

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
    reveal: str | None  # a strong answer (Markdown), what a question shows, why a flag matters; None: not yet
    prompt_path: FieldPath
    reveal_path: FieldPath
    group: int | None = None  # the index of its group in its section, if the section has groups

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


Entry = TechnicalQuestion | BehaviouralQuestion


def _located(section: TechnicalSection | BehaviouralSection,
             name: str) -> list[tuple[Entry, FieldPath, int | None]]:
    """A section's questions in order, each with the path of its entry and its group's index."""
    ungrouped: Sequence[Entry] = section.questions
    groups: Sequence[Sequence[Entry]] = [group.questions for group in section.groups]
    found: list[tuple[Entry, FieldPath, int | None]] = [
        (question, (name, "questions", index), None) for index, question in enumerate(ungrouped)]
    for number, questions in enumerate(groups):
        found += [(question, (name, "groups", number, "questions", index), number)
                  for index, question in enumerate(questions)]
    return found


def deck(guide: Guide) -> list[Item]:
    """Every item in deck order: technical questions, behavioural questions, red flags."""
    items: list[Item] = []
    for kind, section, reveal in (("technical", guide.technical, "answer"),
                                  ("behavioural", guide.behavioural, "shows")):
        for index, (question, at, group) in enumerate(_located(section, kind)):
            items.append(Item(kind, index, question, question.question, getattr(question, reveal),  # type: ignore[arg-type]
                              (*at, "question"), (*at, reveal), group))
    items += [Item("red_flag", i, f, f.flag, f.why, ("red_flags", i, "flag"), ("red_flags", i, "why"))
              for i, f in enumerate(guide.red_flags)]
    return items


@dataclass(frozen=True)
class Chapter:
    """A section's group of questions, as every edition shows it: its heading and its items. A
    section without groups is one chapter without a title."""

    kind: Kind
    index: int
    title: str | None
    items: tuple[Item, ...]

    @property
    def anchor(self) -> str:
        """Its element id in every edition: "technical-2" for the second group."""
        return f"{self.kind.replace('_', '-')}-{self.index + 1}"


def chapters(guide: Guide, items: Sequence[Item], kind: Kind) -> list[Chapter]:
    """The chapters of one kind's section: its groups with their items, or all its items as one."""
    own = tuple(item for item in items if item.kind == kind)
    titles: list[str] = ([group.title for group in guide.technical.groups] if kind == "technical" else
                         [group.title for group in guide.behavioural.groups] if kind == "behavioural" else [])
    if not titles:
        return [Chapter(kind, 0, None, own)] if own else []
    return [Chapter(kind, index, title, tuple(item for item in own if item.group == index))
            for index, title in enumerate(titles)]


def ranges(items: list[Item]) -> list[tuple[Kind, str]]:
    """Each kind present with the labels it spans, e.g. ("technical", "Q1–Q10")."""
    found: list[tuple[Kind, str]] = []
    for kind, letter in LETTERS.items():
        numbers = [item.number for item in items if item.kind == kind]
        if numbers:
            first, last = f"{letter}{min(numbers)}", f"{letter}{max(numbers)}"
            found.append((kind, first if first == last else f"{first}\N{EN DASH}{last}"))
    return found
