"""Words by language: exact tag, then primary subtag, then English; an edition's own words over the
common ones; a project's file over the theme's, word by word."""

from __future__ import annotations

from guidegen.model.labels import labels_for

THEME = {
    "en": {"common": {"red_flags": "Employer red flags", "contents": "Contents",
                      "paper": {"a4": "A4 paper", "letter": "US Letter"}},
           "print": {"red_flags": "Red flags", "steps": ["one", "two"]}},
    "de": {"common": {"contents": "Inhalt"}},
    "de-at": {"common": {"contents": "Inhaltsverzeichnis"}},
}


def test_an_editions_words_over_the_common_ones() -> None:
    assert labels_for([THEME], "en-GB", "print")["red_flags"] == "Red flags"
    assert labels_for([THEME], "en-GB", "epub")["red_flags"] == "Employer red flags"


def test_the_most_specific_language_wins_and_english_fills_gaps() -> None:
    assert labels_for([THEME], "de-DE", "print")["contents"] == "Inhalt"
    assert labels_for([THEME], "de-AT", "print")["contents"] == "Inhaltsverzeichnis"
    assert labels_for([THEME], "de-DE", "print")["red_flags"] == "Red flags"  # no German given


def test_a_project_changes_one_word_and_keeps_the_rest() -> None:
    project = {"en": {"common": {"paper": {"a4": "A4 (210 × 297 mm)"}}, "print": {"steps": ["only"]}}}
    words = labels_for([THEME, project], "en", "print")
    assert words["paper"] == {"a4": "A4 (210 × 297 mm)", "letter": "US Letter"}
    assert words["steps"] == ["only"]
    assert words["contents"] == "Contents"
    assert THEME["en"]["common"]["paper"]["a4"] == "A4 paper"  # the theme's table is untouched


def test_a_projects_english_does_not_hide_the_themes_german() -> None:
    project = {"en": {"common": {"contents": "Table of contents"}}}
    assert labels_for([THEME, project], "de", "print")["contents"] == "Inhalt"
    assert labels_for([THEME, project], "en", "print")["contents"] == "Table of contents"
