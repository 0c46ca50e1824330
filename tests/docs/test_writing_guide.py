"""docs/writing-guides.md stays true to the code: its table of which edition shows which field has
a column for each edition of the edition table, in its order, named as the editions name
themselves; the type steps it quotes are the booklet's."""

from __future__ import annotations

import re

from guidegen.editions import EDITIONS
from guidegen.editions.print_page import print_page
from guidegen.render.project import Project
from helpers import ROOT

GUIDE = ROOT / "docs" / "writing-guides.md"


def _table(heading: str) -> list[list[str]]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index(heading):]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_the_field_table_has_a_column_for_every_edition_in_table_order() -> None:
    header, rule, *rows = _table("## Which edition shows which field")
    words = Project(ROOT)
    names = [str(words.words("en", edition.name)["edition_name"]).split(" (")[0] for edition in EDITIONS]
    assert header[1:] == names
    assert len(rule) == len(header) and all(len(row) == len(header) for row in rows)


def test_the_type_steps_quoted_are_the_booklets() -> None:
    steps = print_page(Project(ROOT), "a4").steps
    quoted = re.search(r"from ([\d.]+)pt down to ([\d.]+)pt", GUIDE.read_text(encoding="utf-8"))
    assert quoted and (float(quoted.group(1)), float(quoted.group(2))) == (steps[0].answer_pt,
                                                                         steps[-1].answer_pt)
