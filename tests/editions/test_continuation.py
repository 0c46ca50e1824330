"""Breaking a long answer over cards: its units (blocks, list items, sentences) and even cuts."""

from __future__ import annotations

from itertools import pairwise

import pytest

from guidegen.editions import continuation


def test_units_are_blocks_and_list_items_numbered_on():
    units = continuation.units("First paragraph.\n\n1. one\n2. two\n3. three\n\n- a\n- b\n\nLast.")
    assert [u.list_tag for u in units] == [None, "ol", "ol", "ol", "ul", "ul", None]
    assert [u.number for u in units if u.list_tag == "ol"] == [1, 2, 3]
    # the second part of a broken list goes on as a list, numbered on from where it broke
    html = continuation.html(units[2:5], ["x0", "x1", "x2"])
    assert html == '<ol start="2"><li id="x0">two</li><li id="x1">three</li></ol><ul><li id="x2">a</li></ul>'


def test_a_paragraph_breaks_into_sentences_only_when_asked_and_never_inside_markup():
    text = "It starts. It uses `a. B` and [a link. Here](https://example.com/x). It ends!"
    assert len(continuation.units(text)) == 1
    sentences = continuation.units(text, frozenset({0}))
    assert [u.sentence for u in sentences] == [True, True, True]
    assert "<code>a. B</code>" in sentences[1].html and "link. Here" in sentences[1].html
    # sentences of one paragraph set on one card are one paragraph again, each end marked
    html = continuation.html(sentences[1:], ["s1", "s2"])
    assert html.startswith("<p>It uses") and html.count("<p>") == 1 and 'id="s2"' in html


def test_text_is_escaped_on_the_way_back():
    (unit,) = continuation.units("Use <script> & `<b>` here.", frozenset({0}))
    assert "<script>" not in unit.html and "&lt;script&gt;" in unit.html


def test_cuts_are_even_and_each_part_fits():
    bottoms = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0]
    cuts = continuation.cuts(bottoms, room=35.0)
    assert cuts == [3]  # 30 mm and 30 mm, not 30 and 30 as 1 + 5 would be uneven
    three = continuation.cuts([10.0 * n for n in range(1, 10)], room=35.0)
    assert len(three) == 2
    tops = [0.0, *[10.0 * n for n in range(1, 10)]]
    starts = [0, *three, 9]
    assert all(tops[b] - tops[a] <= 35.0 for a, b in pairwise(starts))


def test_a_unit_taller_than_the_room_cannot_continue():
    with pytest.raises(continuation.TooTall) as error:
        continuation.cuts([10.0, 60.0, 70.0], room=40.0)
    assert error.value.unit == 1 and error.value.height == pytest.approx(50.0)
