"""Ids made from words: a guide's from its title, a question's from its own words, each unique.

An id names files and links ("model-drift"), so it is lowercase ASCII words joined by hyphens: the
meaningful words (not "what", "the", "interview"), transliterated (ß is ss, é is e), cut at a word;
text in a script with no Latin form (Japanese, Arabic…) gets a short hash of its words instead.
`guidegen import` writes them; a guide written by hand may leave a question's or a flag's out, and
the model makes it from its words the same way (`with_ids`).
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

SLUG_MAX = 80

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
    ascii_text = "".join(_ascii(char) for char in text.replace("ß", "ss"))
    tokens = [token for token in _TOKEN.findall(ascii_text.lower()) if token not in drop][:words]
    found = ""
    for token in tokens:
        longer = f"{found}-{token}" if found else token
        if len(longer) > limit:
            break
        found = longer
    return found or "-".join(tokens)[:limit].strip("-")


def _latin(text: str) -> bool:
    """Whether most of the text's letters have a Latin form (ASCII, or accented Latin): else its
    slug would keep only stray Latin words of it ("p" of "p値をどのように…")."""
    letters = [char for char in text if char.isalpha()]
    ascii_letters = unicodedata.normalize("NFKD", "".join(letters)).encode("ascii", "ignore")
    return not letters or len(ascii_letters) >= len(letters) / 2


def _hashed(prefix: str, text: str) -> str:
    """An id for text in a script with no Latin form: stable while the words stay the same."""
    digest = hashlib.sha1(unicodedata.normalize("NFC", text.strip()).encode()).hexdigest()[:8]
    return f"{prefix}-{digest}"


def _ascii(char: str) -> str:
    """A character's Latin letters ("é" -> "e"); a space for a letter with none, so that the words
    around it stay apart ("JOINとLEFT" -> "JOIN LEFT")."""
    found = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return found if found or not char.isalnum() else " "


def guide_slug(title: str) -> str:
    """A guide's id from its title: "MLOps Engineer Interview Questions UK" -> mlops-engineer-uk;
    one in another script ("データアナリスト面接対策ガイド") -> guide-1b2c3d4e."""
    if not _latin(title):
        return _hashed("guide", title)
    return (slug(title, words=SLUG_MAX, drop=TITLE_STOP_WORDS, limit=SLUG_MAX)
            or slug(title, words=SLUG_MAX, limit=SLUG_MAX) or "guide")


_ADDRESS = re.compile(r"\(?\b(?:https?|mailto):[^\s)]*\)?")


def question_slug(text: str) -> str:
    """A question's id from its words (not from an address it links to)."""
    words = _ADDRESS.sub(" ", text)
    if not _latin(words):
        return _hashed("question", words)
    return slug(words, drop=QUESTION_STOP_WORDS) or slug(words) or "question"


def flag_slug(text: str) -> str:
    if not _latin(text):
        return _hashed("flag", text)
    return slug(text, drop=FLAG_STOP_WORDS) or "flag"


def unique(ids: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """The ids with repeats made unique: the second "model-drift" is "model-drift-2"; none of them
    one of the ids `taken` already."""
    seen: set[str] = set(taken)
    result: list[str] = []
    for base in ids:
        found, number = base, 2
        while found in seen:
            found, number = f"{base}-{number}", number + 1
        seen.add(found)
        result.append(found)
    return result


def with_ids(data: Any) -> Any:
    """A guide's data (as read, before validation) with an id for every question and red flag that
    has none, made from its words, unique beside the ids written; the data itself is not changed."""
    if not isinstance(data, dict) or all(_has_id(entry) for entry, _ in _entries(data)):
        return data
    data = copy.deepcopy(data)
    entries = list(_entries(data))
    missing = [(entry, words) for entry, words in entries if not _has_id(entry)]
    made = unique((question_slug(entry[words]) if words == "question" else flag_slug(entry[words])
                   for entry, words in missing),
                  taken=[str(entry["id"]) for entry, _ in entries if entry.get("id") is not None])
    for (entry, _), found in zip(missing, made, strict=True):
        entry["id"] = found
    return data


def _has_id(entry: dict[str, Any]) -> bool:
    """Whether an entry has its id, or lacks what one is made of (validation then says so)."""
    words = "flag" if "flag" in entry else "question"
    return entry.get("id") is not None or not isinstance(entry.get(words), str)


def _entries(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """Every question and red flag of a guide's data, with the field its words are in."""
    for kind in ("technical", "behavioural"):
        section = data.get(kind)
        if isinstance(section, dict):
            groups = [group.get("questions") for group in _list(section.get("groups"))
                      if isinstance(group, dict)]
            for items in (section.get("questions"), *groups):
                yield from ((item, "question") for item in _list(items) if isinstance(item, dict))
    yield from ((flag, "flag") for flag in _list(data.get("red_flags")) if isinstance(flag, dict))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
