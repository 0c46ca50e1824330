"""The deck every edition shares: every question and red flag once, in guide order, numbered the
same way everywhere, each face's text from the right field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guidegen.model.deck import deck, ranges
from guidegen.model.guide import Guide


def test_every_item_once_in_order_with_one_numbering(load: Callable[[Path], Guide],
                                                      guide_path: Path) -> None:
    guide = load(guide_path)
    items = deck(guide)
    expected = ([(f"Q{i}", q.question, q.answer) for i, q in enumerate(guide.technical.questions, 1)]
                + [(f"B{i}", q.question, q.shows) for i, q in enumerate(guide.behavioural.questions, 1)]
                + [(f"R{i}", f.flag, f.why) for i, f in enumerate(guide.red_flags, 1)])
    assert [(item.label, item.prompt, item.reveal) for item in items] == expected
    assert len({item.id for item in items}) == len(items)


def test_faces_name_the_fields_they_come_from(load: Callable[[Path], Guide], guide_path: Path) -> None:
    guide = load(guide_path)
    data = guide.model_dump()
    for item in deck(guide):
        for path, text in ((item.prompt_path, item.prompt), (item.reveal_path, item.reveal)):
            value = data
            for part in path:
                value = value["guide" if part == "meta" else part]
            assert value == text, path


def test_ranges_span_each_kind(load: Callable[[Path], Guide], guide_path: Path) -> None:
    guide = load(guide_path)
    found = dict(ranges(deck(guide)))
    assert found["technical"] == f"Q1–Q{len(guide.technical.questions)}"
    assert found["red_flag"] == (f"R1–R{len(guide.red_flags)}" if len(guide.red_flags) > 1 else "R1")


GROUPED = Path(__file__).resolve().parent.parent / "fixtures" / "shapes" / "grouped.yaml"


def test_grouped_questions_number_on_across_groups_and_know_their_group(
        load: Callable[[Path], Guide]) -> None:
    """Q1 and Q2 in "Git", Q3 and Q4 in "Kubernetes basics": one numbering, each with its group and
    the path of its own field; the chapters are the groups in order, with their anchors."""
    from guidegen.model.deck import chapters

    guide = load(GROUPED)
    items = deck(guide)
    technical = [item for item in items if item.kind == "technical"]
    assert [(item.label, item.group) for item in technical] == [("Q1", 0), ("Q2", 0), ("Q3", 1), ("Q4", 1)]
    assert technical[2].reveal_path == ("technical", "groups", 1, "questions", 0, "answer")
    found = chapters(guide, items, "technical")
    assert [(chapter.title, chapter.anchor, [item.label for item in chapter.items]) for chapter in found] == [
        ("Git", "technical-1", ["Q1", "Q2"]), ("Kubernetes basics", "technical-2", ["Q3", "Q4"])]
    assert [chapter.title for chapter in chapters(guide, items, "red_flag")] == [None]
    missing = [item for item in items if item.reveal is None]
    assert [item.label for item in missing] == ["B2"]
