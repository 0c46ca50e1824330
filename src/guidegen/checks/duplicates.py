"""Near-duplicate texts among many, found in time about linear in their total length.

Comparing every pair (difflib, as `check` once did) takes minutes for a thousand questions and for
two long ones. Here a text is the multiset of its character trigrams, and two texts are alike by
their Dice coefficient (twice the trigrams they share over the trigrams of both): "how do you
detect model drift" and "how would you detect model drift" score 0.82, "what is a test" and "what
is a unit test" 0.79, distinct questions on one topic 0.7 or less. Each trigram is measured once.

Which earlier texts a text is compared with comes from an index (prefix filtering, as set
similarity joins do it): the trigrams are put in one order, rarest first, and two texts this alike
always share a trigram among the first few of each; only texts that do are compared, and at most
`MAX_COMPARED` of them, so that a guide of thousands of questions written from one template costs
no more than a few comparisons each. A text seen before word for word is told as such at once.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

#: At most this many earlier texts are compared with each text: those sharing the most of its
#: rarest trigrams, among the first `MAX_SEEN` that share any (the postings of its rarest trigrams
#: first). Only a guide of thousands of questions cut from one template reaches either bound.
MAX_COMPARED = 16
MAX_SEEN = 500


@dataclass(frozen=True)
class Alike:
    """Text `later` is alike to the earlier text `earlier`, `score` alike (1.0: the same words)."""

    later: int
    earlier: int
    score: float


def trigrams(text: str) -> Counter[str]:
    """The text's character trigrams, its ends marked by a space, each as many times as it occurs."""
    padded = f" {text} "
    return Counter(padded[start:start + 3] for start in range(max(len(padded) - 2, 1)))


def alike(texts: Sequence[str], threshold: float) -> Iterator[Alike]:
    """For each text alike (at least `threshold`) to an earlier one, the earliest such: the same
    text first (score 1.0), then the earliest of the near ones among the compared."""
    numbers: dict[tuple[str, int], int] = {}  # each trigram's nth occurrence in a text, numbered
    sets = [frozenset(numbers.setdefault((gram, nth), len(numbers))
                      for gram, count in trigrams(text).items() for nth in range(count)) for text in texts]
    rarity = Counter(number for each in sets for number in each)
    index: dict[int, list[int]] = {}
    first: dict[str, int] = {}
    for later, text in enumerate(texts):
        ordered = sorted(sets[later], key=lambda number: (rarity[number], number))
        prefix = ordered[:_prefix_length(len(ordered), threshold)]
        if text in first:  # the same text: told, and not indexed again (its first one is)
            yield Alike(later, first[text], 1.0)
            continue
        first[text] = later
        found = _nearest(later, sets, prefix, index, threshold)
        if found is not None:
            yield found
        for number in prefix:
            index.setdefault(number, []).append(later)


def _prefix_length(size: int, threshold: float) -> int:
    """How many of a text's rarest trigrams another text this alike must share one of: with Dice at
    least t, two sets of n and m share at least t·n/(2−t) elements, so the first n − that + 1 of
    each (in one order) meet."""
    if size == 0:
        return 0
    return size - math.ceil(threshold * size / (2 - threshold) - 1e-9) + 1


def _nearest(later: int, sets: list[frozenset[int]], prefix: list[int], index: dict[int, list[int]],
             threshold: float) -> Alike | None:
    shared: Counter[int] = Counter()
    for number in prefix:  # rarest first, until enough texts are seen
        shared.update(index.get(number, ()))
        if len(shared) >= MAX_SEEN:
            break
    this = sets[later]
    likeliest = heapq.nsmallest(MAX_COMPARED, shared, key=lambda earlier: (-shared[earlier], earlier))
    for earlier in sorted(likeliest):
        other = sets[earlier]
        score = 2 * len(this & other) / (len(this) + len(other))
        if score >= threshold:
            return Alike(later, earlier, score)
    return None
