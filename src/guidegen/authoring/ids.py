"""Ids made from words: a guide's from its title, a question's from its own words, each unique.

An id names files and links ("model-drift"), so it is lowercase ASCII words joined by hyphens: the
meaningful words (not "what", "the", "interview"), transliterated (ß is ss, é is e), cut at a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..model.guide import SLUG_MAX

TITLE_STOP_WORDS = frozenset({"interview", "questions", "question", "guide", "prep", "and", "the", "for"})
FLAG_STOP_WORDS = frozenset({"a", "an", "the", "of", "or", "and"})
QUESTION_STOP_WORDS = frozenset({
    "a", "an", "the", "you", "your", "yours", "how", "what", "why", "when", "where", "which", "who",
    "whom", "would", "could", "should", "do", "does", "did", "is", "are", "was", "were", "be", "been",
    "being", "in", "of", "for", "to", "and", "or", "on", "at", "with", "about", "me", "my", "i", "we",
    "our", "us", "tell", "describe", "time", "it", "its", "this", "that", "these", "those", "have",
    "has", "had", "can", "will", "if", "from", "into", "as", "by", "give", "walk", "through", "explain",
    "talk", "share", "example", "some", "any",
})
_TOKEN = re.compile(r"[a-z0-9]+")


def slug(text: str, *, words: int = 5, drop: frozenset[str] = frozenset(), limit: int = 60) -> str:
    """An id from text: its first `words` meaningful words, lowercase ASCII, at most `limit` long."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("ß", "ss")).encode("ascii", "ignore").decode()
    tokens = [token for token in _TOKEN.findall(ascii_text.lower()) if token not in drop][:words]
    found = ""
    for token in tokens:
        longer = f"{found}-{token}" if found else token
        if len(longer) > limit:
            break
        found = longer
    return found or "-".join(tokens)[:limit].strip("-")


def guide_slug(title: str) -> str:
    """A guide's id from its title: "MLOps Engineer Interview Questions UK" -> mlops-engineer-uk."""
    return (slug(title, words=SLUG_MAX, drop=TITLE_STOP_WORDS, limit=SLUG_MAX)
            or slug(title, words=SLUG_MAX, limit=SLUG_MAX) or "guide")


_ADDRESS = re.compile(r"\(?\b(?:https?|mailto):[^\s)]*\)?")


def question_slug(text: str) -> str:
    """A question's id from its words (not from an address it links to)."""
    words = _ADDRESS.sub(" ", text)
    return slug(words, drop=QUESTION_STOP_WORDS) or slug(words) or "question"


def flag_slug(text: str) -> str:
    return slug(text, drop=FLAG_STOP_WORDS) or "flag"


def unique(ids: Iterable[str]) -> list[str]:
    """The ids with repeats made unique: the second "model-drift" is "model-drift-2"."""
    seen: set[str] = set()
    result: list[str] = []
    for base in ids:
        found, number = base, 2
        while found in seen:
            found, number = f"{base}-{number}", number + 1
        seen.add(found)
        result.append(found)
    return result
