"""Which characters the machine's own fonts can draw, asked of fontconfig, as WeasyPrint's text
engine (Pango) asks it when the stylesheet's fonts lack a character.

fontconfig is the library WeasyPrint itself needs on every system (Linux, and the GTK runtime or
Homebrew packages on Windows and macOS), so it is there wherever a PDF can be made. It is reached
through ctypes by its public C interface; where it cannot be loaded, `SystemFonts.available` is
False and nothing can be said of the system's fonts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Iterable
from functools import cache

#: The names fontconfig's library has on each system (as WeasyPrint looks for it).
_NAMES = ("libfontconfig.so.1", "libfontconfig-1.dll", "fontconfig-1", "libfontconfig.1.dylib",
          "libfontconfig.dylib")


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


def _library() -> ctypes.CDLL | None:
    if sys.platform == "win32":  # where WeasyPrint is told to find the GTK runtime's DLLs
        for folder in os.environ.get("WEASYPRINT_DLL_DIRECTORIES", "").split(";"):
            if folder and os.path.isdir(folder):
                os.add_dll_directory(folder)  # type: ignore[attr-defined,unused-ignore]
    found = ctypes.util.find_library("fontconfig")
    for name in (*_NAMES, *([found] if found else [])):
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        void = ctypes.c_void_p
        for function, result, arguments in (
                ("FcCharSetCreate", void, []), ("FcCharSetAddChar", ctypes.c_int, [void, ctypes.c_uint32]),
                ("FcCharSetDestroy", None, [void]), ("FcPatternCreate", void, []),
                ("FcPatternAddCharSet", ctypes.c_int, [void, ctypes.c_char_p, void]),
                ("FcPatternDestroy", None, [void]), ("FcObjectSetCreate", void, []),
                ("FcObjectSetAdd", ctypes.c_int, [void, ctypes.c_char_p]),
                ("FcObjectSetDestroy", None, [void]),
                ("FcFontList", ctypes.POINTER(_FontSet), [void, void, void]),
                ("FcFontSetDestroy", None, [ctypes.POINTER(_FontSet)]),
                ("FcPatternGetString", ctypes.c_int, [void, ctypes.c_char_p, ctypes.c_int,
                                                      ctypes.POINTER(ctypes.c_char_p)])):
            getattr(library, function).restype = result
            getattr(library, function).argtypes = arguments
        return library
    return None


class SystemFonts:
    """The machine's fonts, as fontconfig lists them."""

    def __init__(self) -> None:
        self._library = _library()

    @property
    def available(self) -> bool:
        return self._library is not None

    def families(self, characters: Iterable[str]) -> list[str]:
        """The families of the fonts that draw every one of these characters (none: no font does)."""
        library = self._library
        if library is None:
            return []
        charset = library.FcCharSetCreate()
        pattern = library.FcPatternCreate()
        objects = library.FcObjectSetCreate()
        try:
            for character in characters:
                library.FcCharSetAddChar(charset, ord(character))
            library.FcPatternAddCharSet(pattern, b"charset", charset)
            library.FcObjectSetAdd(objects, b"family")
            found = library.FcFontList(None, pattern, objects)
            if not found:
                return []
            try:
                names = []
                for index in range(found.contents.nfont):
                    name = ctypes.c_char_p()
                    if library.FcPatternGetString(found.contents.fonts[index], b"family", 0,
                                                  ctypes.byref(name)) == 0 and name.value:
                        names.append(name.value.decode("utf-8", "replace"))
                return sorted(set(names))
            finally:
                library.FcFontSetDestroy(found)
        finally:
            library.FcObjectSetDestroy(objects)
            library.FcPatternDestroy(pattern)
            library.FcCharSetDestroy(charset)

    def uncovered(self, characters: Iterable[str]) -> set[str]:
        """Those of the characters no font of the machine draws (all of them, without fontconfig).
        One question for the lot first: one font (a CJK or a Noto family) usually draws them all."""
        wanted = set(characters)
        if not wanted or self.families(wanted):
            return set()
        return {character for character in wanted if not self._draws(character)}

    def _draws(self, character: str) -> bool:
        return _draws(self, character)


@cache
def _draws(fonts: SystemFonts, character: str) -> bool:
    return bool(fonts.families(character))


@cache
def system_fonts() -> SystemFonts:
    """The machine's fonts, asked once per process."""
    return SystemFonts()
