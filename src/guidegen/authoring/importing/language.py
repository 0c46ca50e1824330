"""The language a document is written in, guessed from its letters, for the guide's `language`
(which picks the editions' words, hyphenation, the font and the direction of the page).

Most scripts name their language well enough: kana is Japanese, Hangul Korean, Han alone Chinese,
Arabic letters Arabic, and so on. Latin letters are told apart by the commonest short words of the
languages guidegen speaks; a document that is none of them clearly stays English. The author can
always write another tag in the guide.
"""

from __future__ import annotations

import re
from collections import Counter

from fontTools import unicodedata as scripts

#: A script's usual language (where a script serves several, the one most often written in it).
_BY_SCRIPT = {"Hira": "ja", "Kana": "ja", "Hang": "ko", "Hani": "zh", "Arab": "ar", "Hebr": "he",
              "Deva": "hi", "Thai": "th", "Cyrl": "ru", "Grek": "el", "Beng": "bn", "Taml": "ta",
              "Telu": "te", "Gujr": "gu", "Guru": "pa", "Knda": "kn", "Mlym": "ml", "Geor": "ka",
              "Armn": "hy", "Ethi": "am", "Khmr": "km", "Laoo": "lo", "Mymr": "my", "Sinh": "si"}
#: Short words each Latin-script language writes often and the others rarely.
_COMMON_WORDS = {
    "en": "the and is are what how why of to you your in it with for this that which",
    "de": "der die das und ist sind wie was warum nicht ein eine mit für sie ich zu den",
    "fr": "le la les est sont et que comment pourquoi des une un du pour vous avec dans qui",
    "es": "el la los las es son y que cómo por qué una un del para usted con en se",
    "it": "il la gli le è sono e che come perché una un del per con di non si",
    "pt": "o a os as é são e que como por uma um do da para você com não se",
    "nl": "de het een is zijn en wat hoe waarom niet van voor met je in dat",
    "pl": "i w jest są na się co jak dlaczego nie z do że to czy",
}
_WORDS = {language: set(words.split()) for language, words in _COMMON_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str:
    """The language tag the text is most likely in ("ja", "ar", "fr"…), "en" when unsure."""
    letters = Counter(scripts.script(char) for char in text if char.isalpha())
    letters.pop("Zyyy", None)
    total = sum(letters.values())
    if not total:
        return "en"
    kana = letters["Hira"] + letters["Kana"]
    letters["Hani"] += kana  # Japanese writes kana among its kanji: one count for the lot
    letters.pop("Hira", None), letters.pop("Kana", None)
    # technical documents in any language are full of Latin words (SQL, JOIN, git): another script
    # with a fifth of the letters is the language's
    others = [(count, script) for script, count in letters.items() if script != "Latn"]
    count, script = max(others) if others else (0, "Latn")
    if count < total * 0.2:
        script = "Latn"
    if script == "Hani":
        return "ja" if kana >= count * 0.05 else "zh"
    if script == "Cyrl" and re.search("[іїєґ]", text.lower()):
        return "uk"
    if script != "Latn":
        return _BY_SCRIPT.get(script, "en")
    words = Counter(word for word in _WORD.findall(text.lower()))
    scores = {language: sum(words[word] for word in common) for language, common in _WORDS.items()}
    best = max(scores, key=lambda language: (scores[language], language == "en"))
    return best if scores[best] > 1.5 * scores["en"] + 2 else "en"
