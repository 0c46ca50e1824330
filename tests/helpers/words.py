"""Whether a written guide holds every word of the document it was imported from.

A word is a run of letters and digits (an underscore or any mark splits words: `__init__` is
`init`), compared in lowercase. The document's words are those a reader sees: markup is not words
(HTML tags and their attributes, but an image's description and address and a link's address are;
emphasis marks; a Markdown escape's backslash), nor are the labels that only mark a question or an
answer ("Q:", "Question 3:", "Answer:", "Show Answer"), which the guide says with its own fields.

The guide's words are those of every string it holds (parsed, so `\\n` in a quoted string is a line
break, not an "n") and of every comment line (where unplaced blocks are kept). Words are compared as
counts: a word the document has three times is in the guide at least three times. A number (a list
item's, a section's) is compared as present or not, since a list written "1. 1. 1." is numbered
1, 2, 3 in a question.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import yaml

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)[^\n]*$", re.MULTILINE)  # a fence and its language
_IMG = re.compile(r"<img\b([^<>]*)>", re.IGNORECASE)
_A = re.compile(r"<a\b([^<>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"\b(alt|src|href)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?(?:b|strong|i|em|sub|sup|code|span|u|s|small|mark|font|tt|kbd|del|a)\b[^<>]*>",
                         re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LABEL = re.compile(
    r"^(\W*)(?:(?:Q|Question|B)\s*-?\s*\d*\s*[:.)]|(?:strong |sample )?answers?\s*[:.]?(?=\W|$)|A:|Ans[:.]|"
    r"what it shows:|what they[’']re looking for:)", re.IGNORECASE | re.MULTILINE)
_SHOW_ANSWER = re.compile(r"Show Answer|(?<=[?.!])\s+(?:A|Ans|Answer):(?=\s)", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text.replace("*", "").replace("`", "")))


def document_words(text: str) -> Counter[str]:
    """The words of a document, markup and question labels left out."""
    text = _FENCE.sub("", _COMMENT.sub(" ", text))
    text = _IMG.sub(lambda match: " " + " ".join(_values(match.group(1))) + " ", text)
    text = _A.sub(lambda match: " " + " ".join(_values(match.group(1))) + " ", text)
    text = _INLINE_TAG.sub("", text)
    text = html.unescape(_TAG.sub(" ", text))
    text = _SHOW_ANSWER.sub(" ", text)
    lines = [line.lstrip("#>-*+ ").lstrip("0123456789.) ") for line in text.split("\n")]  # marks
    text = "\n".join(_LABEL.sub(r"\1", line) for line in lines)
    return words(text)


def _values(attributes: str) -> list[str]:
    return [match.group(2) or match.group(3) or "" for match in _ATTRIBUTE.finditer(attributes)]


def guide_words(text: str) -> Counter[str]:
    """The words of a written guide: its strings, parsed, and its comment lines."""
    found: Counter[str] = Counter()
    for value in _strings(yaml.safe_load(text)):
        found += words(value)
    for line in text.split("\n"):
        if line.lstrip().startswith("#"):
            found += words(line)
    return found


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [str(value)] if value is not None else []


def missing_words(document: str, guide: str) -> dict[str, int]:
    """Each word of the document the guide holds fewer times than the document (a number: not at
    all), with how many are missing."""
    have = guide_words(guide)
    missing: dict[str, int] = {}
    for word, count in document_words(document).items():
        short = count - have[word] if not word.isdigit() else (0 if have[word] else 1)
        if short > 0:
            missing[word] = short
    return missing
