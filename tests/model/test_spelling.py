"""British and American spelling told apart by ending and by a short table, and words that only look
like a variant left alone."""

from __future__ import annotations

import pytest

from guidegen.model.spelling import spellings, variant


@pytest.mark.parametrize(("british", "american"), [
    ("organisation", "organization"), ("optimised", "optimized"), ("analyse", "analyze"),
    ("colour", "color"), ("behavioural", "behavioral"), ("modelling", "modeling"), ("labelled", "labeled"),
    ("catalogue", "catalog"), ("grey", "gray"), ("artefact", "artifact"), ("centre", "center"),
])
def test_each_pair_is_told_apart(british: str, american: str) -> None:
    assert (variant(british), variant(american)) == ("british", "american")
    assert variant(british.capitalize()) == "british"


@pytest.mark.parametrize("word", ["size", "exercise", "advertise", "analysis", "analyses", "colon", "program",
                                  "license", "check", "humorous", "labels", "model", "practice"])
def test_words_the_same_in_both_are_left_alone(word: str) -> None:
    assert variant(word) is None


def test_spellings_finds_every_variant_word() -> None:
    assert list(spellings("We organise colour-coded data, then analyze it.")) == [
        ("organise", "british"), ("colour", "british"), ("analyze", "american")]
