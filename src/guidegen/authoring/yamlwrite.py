"""Writing a guide as YAML a person will go on editing: the format's own field order, long text folded
at a readable width, Markdown answers as literal blocks, comments where the writer has something to
say, and the editor's schema line at the top. Used by `guidegen import`.

Every scalar is written so that guidegen's reader gives back exactly the text it was given: plain
when that is unambiguous, folded (`>-`) when long, literal (`|`) for Markdown, double-quoted
otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

WIDTH = 100
#: Plain scalars YAML (1.1 or 1.2) or guidegen's reader would read as something else than the text.
_TYPED = re.compile(r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?[\d._:]+|[-+]?\.(?:inf|nan)|"
                    r"\d{4}-\d\d-\d\d.*|0x[\da-f]+|0o[0-7]+)$", re.IGNORECASE)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
#: What YAML may hold unescaped, less the line breaks YAML 1.1 adds (NEL, U+2028, U+2029) and the
#: byte-order mark: a no-break space or a zero-width joiner (in "‍⭐️") stays as written, where
#: Python's str.isprintable would have the text quoted and escaped.
_UNPRINTABLE = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                          "\U00010000-\U0010ffff]")


def _printable(text: str) -> bool:
    return _UNPRINTABLE.search(text) is None


@dataclass
class Comment:
    """A value with a comment written after it (`field: value  # comment`)."""

    value: Any
    comment: str


@dataclass
class Document:
    """What to write: the data, lines of comment before it, and lines of comment after it."""

    data: Mapping[str, Any]
    head: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    literal: frozenset[str] = frozenset({"answer"})  # fields holding Markdown


def dump(document: Document) -> str:
    """The document as YAML text."""
    lines = [_comment(line) for line in document.head]
    if lines:
        lines.append("")
    _mapping(document.data, 0, lines, document.literal, top=True)
    if document.tail:
        lines.append("")
        lines += [_comment(line) for line in document.tail]
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    return f"# {text}".rstrip() if text else "#"


def _mapping(data: Mapping[str, Any], indent: int, lines: list[str], literal: frozenset[str], *,
             top: bool = False, first_prefix: str | None = None) -> None:
    pad = " " * indent
    for index, (key, value) in enumerate(data.items()):
        prefix = first_prefix if index == 0 and first_prefix is not None else pad
        if top and index and isinstance(value, (Mapping, list)):
            lines.append("")
        _entry(f"{prefix}{key}:", value, indent, lines, literal, key in literal)


def _entry(head: str, value: Any, indent: int, lines: list[str], literal: frozenset[str],
           is_literal: bool) -> None:
    comment = ""
    if isinstance(value, Comment):
        value, comment = value.value, f"  # {value.comment}"
    if isinstance(value, Mapping):
        lines.append(head + comment)
        _mapping(value, indent + 2, lines, literal)
    elif isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
        lines.append(head + comment)
        for number, item in enumerate(value):
            if number and len(item) > 2:
                lines.append("")
            _mapping(item, indent + 4, lines, literal, first_prefix=" " * (indent + 2) + "- ")
    elif isinstance(value, list):
        flow = "[" + ", ".join(inline_scalar(str(item)) for item in value) + "]"
        if len(head) + 1 + len(flow) <= WIDTH and all(_plain(str(item)) and not set(str(item)) & set(",[]{}")
                                                       for item in value):
            lines.append(f"{head} {flow}{comment}")
        else:
            lines.append(head + comment)
            lines += [f"{' ' * (indent + 2)}- {inline_scalar(str(item))}" for item in value]
    else:
        _scalar(head, value, indent + 2, lines, is_literal, comment)


def _scalar(head: str, value: Any, indent: int, lines: list[str], literal: bool, comment: str) -> None:
    if isinstance(value, bool) or value is None:
        raise TypeError(f"{head} cannot be written: guides hold text, numbers and dates")
    if isinstance(value, (int, dt.date)):
        lines.append(f"{head} {value.isoformat() if isinstance(value, dt.date) else value}{comment}")
        return
    text, pad = str(value), " " * indent
    one_line = text.endswith("\n") and "\n" not in text[:-1]  # a one-paragraph answer: literal when short
    folds = one_line and _foldable(text[:-1]) and len(head) + 2 + len(text) > WIDTH
    if literal and ("\n" in text.rstrip("\n") or (one_line and not folds)) and _literal_safe(text):
        ends = len(text) - len(text.rstrip("\n"))  # trailing newlines: one is clipped, none or more kept
        chomp = {0: "-", 1: ""}.get(ends, "+")
        lines.append(f"{head} |{chomp}{comment}")
        lines += [f"{pad}{line}" if line else "" for line in text.rstrip("\n").split("\n")]
        if chomp == "+":
            lines += [""] * (len(text) - len(text.rstrip("\n")) - 1)
        return
    if len(head) + 1 + len(text) <= WIDTH and _plain(text):
        lines.append(f"{head} {text}{comment}")
    elif text.endswith("\n") and _foldable(text[:-1]) and len(head) + 1 + len(_quoted(text)) > WIDTH:
        lines.append(f"{head} >{comment}")  # folded, its one final line break kept ("clip")
        lines += [pad + line for line in _wrap(text[:-1], WIDTH - indent)]
    elif len(head) + 1 + len(_quoted(text)) <= WIDTH or not _foldable(text):
        lines.append(f"{head} {_quoted(text)}{comment}")
    else:
        lines.append(f"{head} >-{comment}")
        lines += [pad + line for line in _wrap(text, WIDTH - indent)]


def inline_scalar(text: str) -> str:
    return text if _plain(text) else _quoted(text)


def _plain(text: str) -> bool:
    """Whether text can be written unquoted and read back as the same text."""
    return bool(text) and text == text.strip() and "\n" not in text and "\t" not in text \
        and text[0] not in _INDICATORS and ": " not in text and " #" not in text \
        and not text.endswith(":") and not _TYPED.match(text) and _printable(text)


def _foldable(text: str) -> bool:
    """Whether text survives a folded block: one paragraph, single spaces, nothing at either end."""
    return bool(text) and text == text.strip() and "\n" not in text and "  " not in text \
        and "\t" not in text and _printable(text)


def _literal_safe(text: str) -> bool:
    return not text.startswith((" ", "\t", "\n")) and "\t" not in text and all(
        line == line.rstrip() for line in text.split("\n")) and _printable(text)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _quoted(text: str) -> str:
    """A double-quoted scalar: JSON's escapes are YAML's; what YAML may not hold raw (DEL, the C1
    controls, the line separators, non-characters) is escaped as well."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(character if character.isprintable() or character == " " else _escaped(character)
                   for character in quoted)


def _escaped(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
