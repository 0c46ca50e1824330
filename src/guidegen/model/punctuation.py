"""Question marks and sentence ends in the scripts guides are written in.

A question ends with "?" in most scripts, "？" in Chinese and Japanese (full width), "؟" in Arabic,
Persian and Urdu, "՞" in Armenian (over the stressed word), "፧" in Ge'ez, and ";" in Greek (the Greek
question mark, U+037E, is a semicolon once normalised, so it counts only after Greek letters). Thai,
Lao, Khmer and Burmese questions are asked with words, mostly without a mark.
"""

from __future__ import annotations

import re

#: A question mark in any script (the Greek one apart: see `question_mark`).
QUESTION_MARKS = "?？؟⸮՞፧﹖"
#: Sentence ends that are not questions: a prompt ("Walk me through …") ends with one of these.
SENTENCE_ENDS = (".", "!", ":", "…", "。", "！", "：", "．", "।", "॥", "۔", "።")
#: Languages whose questions are asked with words and mostly end with no mark at all.
UNMARKED_QUESTIONS = {"th", "lo", "km", "my"}

_MARK = re.compile(f"[{re.escape(QUESTION_MARKS)}]")
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")


def question_mark(text: str) -> int:
    """Where the text's last question mark is (-1 if it has none): "?", "？", "؟"… or, in a text
    with Greek letters, a ";" (ending it, or with a mark or two after it)."""
    found = [match.start() for match in _MARK.finditer(text)]
    if found:
        return found[-1]
    if _GREEK.search(text):
        greek = max(text.rfind(";"), text.rfind("\u037e"))
        if greek >= 0 and sum(char.isalnum() for char in text[greek + 1:]) <= 2:
            return greek
    return -1


def has_question_mark(text: str) -> bool:
    return question_mark(text) >= 0


def ends_with_question_mark(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and question_mark(stripped) == len(stripped) - 1

#: Ends of a clause or sentence: a line ending in one is text, not a heading.
CLAUSE_ENDS = (*SENTENCE_ENDS, *QUESTION_MARKS, ";", ",", "、", "，", "،", "؛")
#: Ends of prose, never of a title or a name (a full stop, a comma, a semicolon, in any script).
PROSE_ENDS = (".", ";", ",", "。", "．", "、", "，", "،", "؛", "।")
#: Scripts written without spaces between words: Han, kana, Thai, Lao, Khmer, Burmese.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                       "\uac00-\ud7af\uf900-\ufaff]+")


def word_count(text: str) -> int:
    """About how many words a text has: words between spaces, and in scripts written without
    spaces (Chinese, Japanese, Thai…) one for every two characters (Korean, spaced, by its spaces)."""
    unspaced = 0
    for run in _UNSPACED.finditer(text):
        if not re.fullmatch("[\uac00-\ud7af]+", run.group()):
            unspaced += (len(run.group()) + 1) // 2 - 1  # the run was one word between spaces already
    return len(text.split()) + unspaced
