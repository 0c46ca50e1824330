"""Warnings about a valid guide: what will read or print badly, told by `guidegen check`.

A warning is not an error: the guide builds. Each names the field it concerns, so it is reported at
its file:line:col like a problem. These rules read the content alone; how the print booklet and the
flashcards will set the text (a smaller type size, an answer continued on more cards, a text that
will not fit) is estimated by guidegen.checks.fit from the editions' own geometry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from ..model.deck import FieldPath, deck
from ..model.guide import Guide
from ..model.markdown import images
from ..model.problems import GuideWarning
from ..model.punctuation import SENTENCE_ENDS, UNMARKED_QUESTIONS, has_question_mark
from ..model.spelling import Variant, spellings
from .duplicates import alike

#: Two questions at least this alike (guidegen.checks.duplicates: their lowercase words without
#: punctuation, by shared character trigrams) are near-duplicates: "How do you detect model drift?"
#: and "How would you detect model drift?" score 0.82; distinct questions on one topic 0.7 or less.
NEAR_DUPLICATE = 0.8
#: A question ending in a full stop is a prompt ("Walk me through…"), unless it opens like a question.
_QUESTION_WORDS = {
    "en": ("what", "how", "why", "when", "where", "which", "who", "whom", "whose", "can", "could",
           "would", "should", "do", "does", "did", "is", "are", "was", "were", "have", "has", "will"),
    "de": ("was", "wie", "warum", "wann", "wo", "welche", "welcher", "welches", "wer", "können",
           "könnten", "würden", "haben", "ist", "sind", "gibt"),
}
_URL = re.compile(r"\]\([^)]*\)|<[a-z]+:[^>]*>|https?://\S+|`[^`]*`", re.IGNORECASE)


#: What each kind's reveal is called in a warning, and the field to write it in.
_REVEALS = {"technical": ("strong answer", "answer"), "behavioural": ("note on what a strong answer shows",
                                                                     "shows"),
            "red_flag": ("reason why it matters", "why")}


def content_warnings(guide: Guide, placeholders: Iterable[tuple[FieldPath, str]] = ()) -> list[GuideWarning]:
    """Every content warning for a guide, in the order of the guide's fields; `placeholders` are
    those `new` or `import` wrote that are still there (the loader read them as left out, so no
    edition prints them): one warning each, a missing answer's with its question's."""
    left = dict(placeholders)
    reveals = {item.reveal_path for item in deck(guide)}
    return [*(GuideWarning(path, f"still a placeholder ('{text.strip()}'): write it, or delete the line; "
                                 "until then the editions leave it out")
              for path, text in left.items() if path not in reveals),
            *_questions(guide, left), *_images(guide), *_resources(guide), *_duplicates(guide),
            *_mixed_spelling(guide)]


def _questions(guide: Guide, placeholders: dict[FieldPath, str]) -> Iterator[GuideWarning]:
    language = guide.meta.language.split("-")[0]
    for item in deck(guide):
        if item.reveal is None:
            what, field = _REVEALS[item.kind]
            placeholder = placeholders.get(item.reveal_path)
            written = f" (still the placeholder '{placeholder.strip()}')" if placeholder else ""
            yield GuideWarning(item.reveal_path[:-1], f"{item.label} has no {what} yet{written}: the "
                               f"editions say it is still to come; write it ({field}: …)")
        if item.kind == "red_flag":
            continue
        text = item.prompt.strip()
        if not has_question_mark(text) and language not in UNMARKED_QUESTIONS:
            first = _words(text)[:1]
            asks = bool(first) and first[0] in _QUESTION_WORDS.get(language, ())
            if not text.endswith(SENTENCE_ENDS) or asks:
                yield GuideWarning(item.prompt_path, f"{item.label} has no question mark: is the question "
                              "complete? (a prompt such as \"Walk me through…\" ends with a full stop)")
    yield from _topics(guide)


def _topics(guide: Guide) -> Iterator[GuideWarning]:
    """Topics tell a reader what a question covers where no group heading does: a question without
    them among questions with them is a gap; a guide with none at all is told once."""
    if guide.technical.groups or not guide.technical.questions:
        return
    without = [item for item in deck(guide) if item.kind == "technical" and not item.entry.topics]  # type: ignore[union-attr]
    if len(without) == len(guide.technical.questions) > 1:
        yield GuideWarning(("technical", "questions"), "no question has topics: pages, cards and e-book "
                           "entries show none; add the two or three each covers (topics: [First topic, "
                           "Second topic]), or put the questions in groups under headings (groups:)")
        return
    for item in without:
        yield GuideWarning((*item.prompt_path[:-1], "topics"),
                           f"{item.label} has no topics: its page, card and e-book entry show none; add "
                           "the two or three it covers (topics: [First topic, Second topic])")


def _images(guide: Guide) -> Iterator[GuideWarning]:
    """An image in an answer is never fetched: each edition prints its description instead."""
    for item in deck(guide):
        if item.kind != "technical" or not item.reveal:
            continue
        for src, alt in images(item.reveal):
            linked = ", linked to its address" if src.startswith("https://") else ""
            yield GuideWarning(item.reveal_path, (
                f"{item.label}'s answer shows an image ('{src}'): guidegen fetches nothing, so every "
                f"edition prints its description instead, '{alt or 'image'}'{linked}; describe what "
                "it shows in words"))


def _resources(guide: Guide) -> Iterator[GuideWarning]:
    for index, resource in enumerate(guide.resources):
        if resource.url is None:
            yield GuideWarning(("resources", index, "title"),
                          f"resource '{resource.title}' has no URL: readers cannot follow it, and the "
                          "booklet prints no QR code for it; add url: https://…")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"\w+", folded)


def _duplicates(guide: Guide) -> Iterator[GuideWarning]:
    """Questions asked twice, word for word or nearly (across technical and behavioural)."""
    items = [item for item in deck(guide) if item.kind != "red_flag"]
    texts = [" ".join(_words(item.prompt)) for item in items]
    for found in alike(texts, NEAR_DUPLICATE):
        later, earlier = items[found.later], items[found.earlier]
        if texts[found.later] == texts[found.earlier]:
            yield GuideWarning(later.prompt_path, f"{later.label} repeats {earlier.label} word for word")
        else:
            yield GuideWarning(later.prompt_path,
                               f"{later.label} is nearly the same question as {earlier.label} "
                               f"({found.score:.0%} alike): merge them or make the difference clear")


def _texts(guide: Guide) -> Iterator[tuple[FieldPath, str]]:
    """Every text of the guide a reader reads, with its field (addresses and code left out)."""
    if guide.introduction:
        yield ("introduction",), guide.introduction
    for index, stage in enumerate(guide.stages):
        for name in ("name", "what_happens", "prepare"):
            value = getattr(stage, name)
            if value:
                yield ("stages", index, name), value
    for item in deck(guide):
        yield item.prompt_path, item.prompt
        if item.reveal:
            yield item.reveal_path, _URL.sub(" ", item.reveal)
    for index, resource in enumerate(guide.resources):
        yield ("resources", index, "title"), resource.title
        if resource.description:
            yield ("resources", index, "description"), resource.description
    if guide.closing:
        yield ("closing", "text"), guide.closing.text


def _mixed_spelling(guide: Guide) -> Iterator[GuideWarning]:
    """British and American spellings in one English guide: each field spelt the less common way
    (the guide's language tag, en-GB or en-US, breaks a tie) is named with an example of each."""
    if not guide.meta.language.lower().startswith("en"):
        return
    found: dict[Variant, list[tuple[FieldPath, str]]] = {"british": [], "american": []}
    for path, text in _texts(guide):
        for word, variant in spellings(text):
            found[variant].append((path, word))
    if not found["british"] or not found["american"]:
        return
    declared: Variant = "american" if guide.meta.language.lower() == "en-us" else "british"
    counts = {variant: len(words) for variant, words in found.items()}
    usual: Variant = max(counts, key=lambda variant: (counts[variant], variant == declared))
    odd: Variant = "american" if usual == "british" else "british"
    example = found[usual][0][1]
    seen: set[FieldPath] = set()
    for path, word in found[odd]:
        if path not in seen:
            seen.add(path)
            yield GuideWarning(path, f"'{word}' is {odd.title()} spelling, but the guide mostly uses "
                          f"{usual.title()} (e.g. '{example}'): choose one")
