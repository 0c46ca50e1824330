"""The editions' own words in a guide's language, from the theme's labels files.

A labels file maps a language to sections: `common` (words every edition uses alike) and one per
edition. An edition's words in a language are its `common` words with its own section over them;
the guide's exact language tag wins over its primary subtag, which wins over English; and within one
language a project's file wins over the packaged theme's, so a project can change a single word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

Labels = dict[str, Any]
COMMON = "common"
FALLBACK = "en"


def languages(tag: str) -> list[str]:
    """Where to look for a language's words, least specific first: English, "de", "de-at"."""
    tag = tag.lower()
    return list(dict.fromkeys((FALLBACK, tag.split("-")[0], tag)))


#: Languages written right to left (their primary subtags): Arabic, Hebrew, Persian, Urdu, Pashto,
#: Sindhi, Uyghur, Dhivehi, Yiddish, Sorani Kurdish.
RIGHT_TO_LEFT = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "dv", "yi", "ckb"})


def direction(language: str) -> str:
    """The direction a language is written in, as HTML's `dir` says it: "rtl" or "ltr"."""
    return "rtl" if language.lower().split("-")[0] in RIGHT_TO_LEFT else "ltr"


def labels_for(tables: Sequence[Mapping[str, Any]], language: str, edition: str) -> Labels:
    """One edition's words in a language, from labels tables given packaged theme first."""
    words: Labels = {}
    for tag in languages(language):
        for section in (COMMON, edition):
            for table in tables:
                found = _mapping(_mapping(table.get(tag)).get(section))
                _merge(words, found)
    return words


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _merge(into: Labels, words: Mapping[str, Any]) -> None:
    """Words over words: a nested group (paper sizes, facts) merges word by word; anything else
    (a word, a list of steps) replaces what was there."""
    for key, value in words.items():
        if isinstance(value, Mapping):
            if not isinstance(into.get(key), dict):
                into[key] = {}
            _merge(into[key], value)
        else:
            into[key] = value


def long_date(day: dt.date, labels: Mapping[str, Any]) -> str:
    """A date written out in the labels' language: "27 November 2026", "27. November 2026"."""
    return str(labels["date"]).format(day=day.day, month=labels["months"][day.month - 1], year=day.year)
