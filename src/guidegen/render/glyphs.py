"""No box, ever: every character a PDF edition will draw must have a font that draws it.

The PDFs draw text with the theme's fonts (the project's styles/fonts/ first) and, for a character
none of those has, with a font of the machine's that fontconfig finds (as WeasyPrint's text engine
does). A character that no font draws would print as an empty box: before anything is laid out,
every character of a guide is matched against both, and those left over are a problem at the first
field that holds one, one per script, with the fix for this system (render/font_advice.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools import unicodedata as scripts

from ..load.guides import LoadedGuide
from ..model.fields import texts
from ..model.problems import Problem
from .font_advice import font_advice
from .project import Project
from .system_fonts import system_fonts

#: Characters of a script named in a message, before "and N more".
_SHOWN = 3


@cache
def covered_codepoints(font: Path) -> frozenset[int]:
    """Every code point the font maps to a glyph."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as opened:
        return frozenset(opened.getBestCmap() or {})


def drawn(text: str) -> set[str]:
    """The characters of a text that need a glyph (not spaces, controls or format marks)."""
    return {char for char in text if not char.isspace() and unicodedata.category(char) not in {"Cc", "Cf"}}


def without_font(characters: Iterable[str], fonts: list[Path]) -> set[str]:
    """Those of the characters no font draws: neither these font files (read only until every
    character is found) nor, through fontconfig, any font of the machine's."""
    missing = set(characters)
    for font in fonts:
        if not missing:
            break
        covered = covered_codepoints(font)
        missing = {char for char in missing if ord(char) not in covered}
    return system_fonts().uncovered(missing) if missing and system_fonts().available else set()


#: Scripts one font family draws together, told as one ("Chinese, Japanese and Korean").
CJK = "Chinese, Japanese and Korean"
_CJK_SCRIPTS = {"Hani", "Hira", "Kana", "Hang", "Bopo"}
#: Punctuation and forms CJK text uses (ideographic space and marks, the kana blocks' common marks,
#: full-width and half-width forms).
_CJK_FORMS = ((0x3000, 0x30FF), (0x3190, 0x33FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


def script_of(char: str) -> str:
    """A character's script, by name ("Arabic", "Devanagari"; CJK as one), with emoji and other
    symbols apart."""
    code, point = scripts.script(char), ord(char)
    if code in _CJK_SCRIPTS or any(low <= point <= high for low, high in _CJK_FORMS):
        return CJK
    if code in {"Zyyy", "Zinh", "Zzzz"}:
        return "emoji" if unicodedata.category(char) == "So" and point >= 0x2300 else "symbol"
    return str(scripts.script_name(code))


def unprintable(loaded: LoadedGuide, fonts: list[Path], words: Iterable[str] = ()) -> list[Problem]:
    """A problem for each script of the guide's text (and the editions' own `words` in its
    language) that no font draws, at the first field holding such a character."""
    return [loaded.problem(where or ("guide", "language"), message)
            for where, message in missing_scripts(list(texts(loaded.tree.data)), fonts, words)]


Path_ = tuple[str | int, ...]


def missing_scripts(fields: list[tuple[Path_, str]], fonts: list[Path], words: Iterable[str] = (),
                    whose: str = "this guide") -> list[tuple[Path_ | None, str]]:
    """For each script of these fields' text (and of `words`) that no font draws: the first field
    holding such a character (None: only the words do), and what to say, with the fix."""
    needed = set().union(*(drawn(text) for _, text in fields), *(drawn(word) for word in words))
    lacking = without_font(needed, fonts)
    if not lacking:
        return []
    by_script: dict[str, list[str]] = {}
    for char in sorted(lacking):
        by_script.setdefault(script_of(char), []).append(char)
    found: list[tuple[Path_ | None, str]] = []
    for script, chars in sorted(by_script.items()):
        where = next((path for path, text in fields if set(text) & set(chars)), None)
        shown = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in chars[:_SHOWN])
        more = f" and {len(chars) - _SHOWN} more" if len(chars) > _SHOWN else ""
        what = "emoji" if script == "emoji" else f"{script} characters" if script != "symbol" else "symbols"
        found.append((where, f"no font on this machine draws the {what} of {whose} ({shown}{more}), so "
                             f"the PDFs would show empty boxes: {font_advice(script)}"))
    return found


def printable_problems(loaded: LoadedGuide, project: Project, editions: Iterable[str]) -> list[Problem]:
    """`unprintable` for a guide as these PDF editions draw it: its text, its brand's, and the
    editions' own words in its language, with the project's fonts and the theme's."""
    words = [text for edition in editions for _, text in texts(project.labels(loaded.guide, edition))]
    brand = loaded.guide.brand
    if brand is not None:
        words += [text for _, text in texts(brand.model_dump(mode="json"))]
    return unprintable(loaded, project.fonts(), words)
