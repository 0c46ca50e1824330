"""The YAML `guidegen import` writes reads back, through guidegen's own reader, as exactly the text
it was given: plain, quoted, folded or literal, whatever the text holds."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from guidegen.authoring.yamlwrite import Comment, Document, dump
from guidegen.load.yamltree import parse

# Text a guide may hold: any character XML allows (so no C0 controls but tab and newline).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\x85\u2028\u2029"
                             + "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n")),
               min_size=1, max_size=300).filter(lambda text: text.strip())


@settings(max_examples=300, derandomize=True, deadline=None)
@given(title=TEXT, answer=TEXT, words=st.lists(TEXT, min_size=1, max_size=4))
def test_every_text_reads_back_as_written(title: str, answer: str, words: list[str]) -> None:
    data = {"guide": {"title": title, "keywords": words, "edition": 2026, "updated": dt.date(2026, 1, 31)},
            "technical": {"questions": [{"id": "q", "answer": answer}, {"id": "r", "answer": answer + "\n"}]}}
    tree = parse(dump(Document(data, head=["a comment"], tail=["# not placed: text"])))
    assert tree.data["guide"]["title"] == title
    assert tree.data["guide"]["keywords"] == words
    assert tree.data["guide"]["edition"] == "2026" and tree.data["guide"]["updated"] == "2026-01-31"
    assert [q["answer"] for q in tree.data["technical"]["questions"]] == [answer, answer + "\n"]


def test_long_text_is_folded_and_markdown_is_literal() -> None:
    long = " ".join(["word"] * 40)
    data = {"introduction": long, "answer": "1. one\n2. two\n", "author": Comment("You", "fill in")}
    text = dump(Document(data))
    assert "introduction: >-\n  word word" in text
    assert "answer: |\n  1. one\n  2. two\n" in text
    assert "author: You  # fill in" in text
    assert parse(text).data == {"introduction": long, "answer": "1. one\n2. two\n", "author": "You"}
