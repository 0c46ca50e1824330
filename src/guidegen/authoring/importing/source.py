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


#: Files people try to import that are not text, by their first bytes: what each is, and how to
#: get its text out.
_FORMATS = (
    (b"PK\x03\x04", "a ZIP archive (a Word .docx, an OpenDocument .odt or an e-book is one)",
     "open it in its program and save it as plain text (.txt) or a web page (.html), then import that"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) file",
     "open it in Word and save it as plain text (.txt) or a web page (.html), then import that"),
    (b"%PDF", "a PDF", "copy its text into a .txt file, then import that"),
    (b"{\\rtf", "a Rich Text (.rtf) file", "save it as plain text (.txt) in its program, then import that"),
    (b"\x89PNG", "a PNG image", "guidegen imports text: .txt, .md or .html"),
    (b"\xff\xd8\xff", "a JPEG image", "guidegen imports text: .txt, .md or .html"),
    (b"GIF8", "a GIF image", "guidegen imports text: .txt, .md or .html"),
    (b"MIME-Version:", "a single-file web page (.mht or .mhtml), its HTML encoded as mail",
     "save it from its program as a web page (.htm or .html; in Word, \"Web Page, Filtered\"), then "
     "import that"),
    (b"From: <Saved by", "a single-file web page (.mht or .mhtml), its HTML encoded as mail",
     "save it from its program as a web page (.htm or .html), then import that"),
)
#: Of the first bytes read, more than this share of control bytes (not tab, line or page breaks)
#: is a binary file, not text in a legacy encoding.
_MAX_CONTROL_SHARE = 0.01
_SNIFF_BYTES = 65_536


def read_document(path: Path) -> str:
    """A document's text (see `decode`); a pipe, a device, a missing file or a file that is not text
    (a Word file, a PDF, an image, any binary) is refused, not read, with what to do instead."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES, "document")
    except UnreadableFile as error:
        raise ImportFailed(f"{display_name(path)}: cannot read: {error}") from None
    refused = not_text(raw)
    if refused:
        raise ImportFailed(f"{display_name(path)}: {refused}; nothing written")
    return decode(raw)


def not_text(raw: bytes) -> str | None:
    """Why these bytes are not a text document (what they are, and how to get the text), or None."""
    for magic, what, fix in _FORMATS:
        if raw.startswith(magic):
            return f"this is {what}, not text: {fix}"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text: every other byte may be zero
    head = raw[:_SNIFF_BYTES]
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\r\x0b\x0c")
    if b"\x00" in head or controls > _MAX_CONTROL_SHARE * len(head):
        return ("this is not a text file (it holds binary bytes): guidegen imports text documents, .txt, "
                ".md or .html, in UTF-8, UTF-16 or Windows-1252")
    return None


_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(r"\s*(?:<\?xml[^<>]{0,200}>\s*)?(?:<!--[^<>]{0,2000}-->\s*)?"
                         r"<(?:!doctype\s+html|html)\b", re.IGNORECASE)


def is_html(path: Path, text: str) -> bool:
    """A web page (Word's, Google Docs' or a browser's "save as web page"), by its suffix or its
    first tag: read for the Markdown its body means."""
    return path.suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(text[:5000]) is not None


def is_markdown(path: Path, text: str) -> bool:
    """Markdown by its suffix, or by what only Markdown writes (a `#` heading, a fence, bold, a
    link); a plain-text document is read line by line, with no Markdown meaning in its marks."""
    return path.suffix.lower() in _MARKDOWN_SUFFIXES or _MARKDOWN_SIGNS.search(text) is not None
