"""What every template may use: headings kept from ending on one word, ink for a background,
text as a CSS string."""

from __future__ import annotations

from markupsafe import Markup

from guidegen.render.templates import css_string, on_colour, widont


def test_widont_joins_the_last_two_words_and_escapes():
    assert widont("How would you design a <pipeline>?") == Markup(
        "How would you design a\u00a0&lt;pipeline&gt;?")
    assert widont("Two words") == Markup("Two words") and widont("One") == Markup("One")


def test_on_colour_picks_the_ink_that_reads():
    assert on_colour("#1f4e79") == "#ffffff" and on_colour("#0b6e4f") == "#ffffff"
    assert on_colour("#ffcc00") == "#1a1a1a" and on_colour("#ffffff") == "#1a1a1a"


def test_css_string_escapes_what_could_end_it():
    assert css_string('a"b</style>') == Markup('"a\\22 b\\3c /style\\3e "')
