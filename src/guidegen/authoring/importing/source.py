"""A document's bytes as the text `import` reads: decoded, one kind of line break, no control codes.

People import what they have: UTF-8 from editors and Markdown exports (with or without a byte-order
mark), UTF-16 from Windows Notepad's "Unicode", and Word's "Save as text" in Windows-1252 with CRLF
line ends. Which it is shows in the bytes: a byte-order mark, else valid UTF-8, else Windows-1252
(the encoding every byte of which decodes, so nothing is refused).

Word writes a manual line break as a vertical tab and a page break as a form feed; Unicode has line
and paragraph separators. They become line breaks here, so every later step sees `\\n` alone. Other
control codes carry no words and would make the written YAML (and PDF text) invalid, so they go.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ...base.reading import UnreadableFile, read_bounded
from ...load.guides import MAX_FILE_BYTES
from ...model.problems import display_name


class ImportFailed(Exception):
    """A document that cannot be imported at all (unreadable, or no guide could be written)."""


_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
#: C0 and C1 controls but tab and line feed, DEL, the non-characters, and a byte-order mark inside
#: the text: none is a word, and YAML, XML and PDF text refuse them.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
#: What only Markdown writes: a heading mark, a fence, bold, a link or an HTML block at a line start.
_MARKDOWN_SIGNS = re.compile(r"^ {0,3}(?:#{1,6} |```|~~~|<(?:details|table|div|p|br)\b)|\*\*\S|\]\(",
                             re.MULTILINE)


def decode(raw: bytes) -> str:
    """Bytes as text: by byte-order mark, else UTF-8, else Windows-1252; line breaks as `\\n`."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # five unassigned bytes become U+FFFD
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


def read_document(path: Path) -> str:
    """A document's text (see `decode`); a pipe, a device or a missing file is refused, not read."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES, "document")
    except UnreadableFile as error:
        raise ImportFailed(f"{display_name(path)}: cannot read: {error}") from None
    return decode(raw)


def is_markdown(path: Path, text: str) -> bool:
    """Markdown by its suffix, or by what only Markdown writes (a `#` heading, a fence, bold, a
    link); a plain-text document is read line by line, with no Markdown meaning in its marks."""
    return path.suffix.lower() in _MARKDOWN_SUFFIXES or _MARKDOWN_SIGNS.search(text) is not None
