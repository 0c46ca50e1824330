"""British and American spelling: which words in a text are spelt which way.

Words that differ by a regular ending (-ise/-ize, -isation/-ization, -our/-or, -yse/-yze, -ogue/-og,
-lled/-led) are recognised by their ending, with the words that only look like one kept out (`size`,
`exercise`, `colon`); a short table adds the rest (`grey`, `artefact`, `programme`). Used by
`guidegen check` (a guide mixing both) and `guidegen import` (which English a source is in).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

Variant = Literal["british", "american"]

_WORD = re.compile(r"[A-Za-z]+")

#: Stems that take -ise in British English and -ize in American (organis-e/-ation/-ed/-ing/-er).
_ISE_STEMS = (
    "organ", "real", "recogn", "optim", "minim", "maxim", "util", "standard", "central", "special",
    "priorit", "summar", "visual", "normal", "capital", "categor", "character", "custom", "emphas",
    "final", "general", "initial", "local", "author", "monet", "operational", "parameter", "person",
    "quant", "regular", "serial", "stabil", "symbol", "synchron", "token", "vector", "modern",
    "apolog", "critic", "familiar", "global", "harmon", "industrial", "legal", "memor", "mobil",
    "neutral", "popular", "rational", "scrutin", "sensit", "social", "subsid", "theor", "virtual",
    "container", "production", "democrat", "digit", "energ", "jeopard", "patron", "public", "strateg",
    "commercial", "random", "tokenis", "anonym", "sanit", "modular", "formal", "conceptual", "contextual",
)
_ISE = re.compile(r"^(?:" + "|".join(sorted(set(_ISE_STEMS), key=len, reverse=True))
                  + r")i([sz])(?:e|es|ed|ing|er|ers|ation|ations|able)$")
_YSE = re.compile(r"^(?:anal|paral|catal)y([sz])(?:e|ed|ing|er|ers)$")
_OUR = re.compile(r"^(?:behavi|col|fav|hon|harb|lab|neighb|rum|vap|flav|hum|endeav|rig|arm)(ou|o)r"
                  r"(?:s|ed|ing|ite|ites|ful|al|able|ably)?$")
_OGUE = re.compile(r"^catal(ogue|og)(?:s|ed|ing)?$")
_LLED = re.compile(r"^(?:label|model|travel|cancel|signal|fuel|level|channel|tunnel)(l?)(?:ed|ing|er|ers)$")

#: Words whose two spellings follow no ending rule: British, then American. An American form that is
#: also British in another sense (a computer `program`, to `license`, a `check`) is left out.
_PAIRS = {
    "grey": "gray", "artefact": "artifact", "artefacts": "artifacts", "programme": "",
    "programmes": "", "centre": "center", "centres": "centers", "centred": "centered",
    "metre": "", "metres": "", "litre": "liter", "fibre": "fiber", "theatre": "theater",
    "licence": "", "defence": "defense", "offence": "offense", "pretence": "pretense",
    "cheque": "", "tyre": "", "aluminium": "aluminum", "enrol": "enroll", "enrolment": "enrollment",
    "fulfil": "fulfill", "fulfilment": "fulfillment", "judgement": "", "ageing": "aging",
    "manoeuvre": "maneuver", "sceptical": "skeptical", "plough": "plow", "jewellery": "jewelry",
    "practise": "", "practised": "practiced", "practising": "practicing",
}
_BRITISH = set(_PAIRS)
_AMERICAN = {american for american in _PAIRS.values() if american}
_RULES = ((_ISE, "s"), (_YSE, "s"), (_OUR, "ou"), (_OGUE, "ogue"), (_LLED, "l"))


def variant(word: str) -> Variant | None:
    """Whether a word is spelt the British or the American way, or is the same in both."""
    lower = word.lower()
    if lower in _BRITISH:
        return "british"
    if lower in _AMERICAN:
        return "american"
    for pattern, british in _RULES:
        match = pattern.match(lower)
        if match:
            return "british" if match.group(1) == british else "american"
    return None


def spellings(text: str) -> Iterator[tuple[str, Variant]]:
    """Every word of a text that is spelt one way or the other, with its variant."""
    for match in _WORD.finditer(text):
        found = variant(match.group())
        if found is not None:
            yield match.group(), found
