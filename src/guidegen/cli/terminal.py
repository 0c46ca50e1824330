"""Text from guides and file names, made safe to print on a terminal.

A guide's text reaches the terminal inside error messages, and a file's name in progress lines: an
escape sequence in either could recolour, retitle or rewrite the user's terminal, a carriage return
could hide a line, a bidi override could reverse what is shown. Such characters are printed as
escapes (`\\x1b`, `\\u202e`), the way Python writes them in a string's repr.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

EXIT_BAD_INPUT = 2  # a guide (or an argument) is wrong: what every command returns for it


def printable(text: str) -> str:
    """`text` with every control and format character (tab and newline excepted) escaped."""
    return "".join(_escape(char) if _unsafe(char) else char for char in text)


def say(line: str, stream: TextIO) -> None:
    """Print a line that may hold a guide's text or a file's name, with every control character
    (an escape sequence, a carriage return, a bidi override) shown as an escape, not obeyed."""
    stream.write(printable(line) + "\n")  # one write: Ctrl-C cannot fall between a line and its end
    stream.flush()


def _unsafe(char: str) -> bool:
    return char not in "\t\n" and unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
