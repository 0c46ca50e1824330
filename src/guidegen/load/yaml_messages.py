"""What a YAML syntax error means in a guide, in plain words, with the fix.

The YAML parser says what it expected ("did not find expected key", "mapping values are not allowed
in this context"); a person writing a guide needs to hear what they did (a colon inside a value, a
tab, a list item out of line, a quote never closed) and how to put it right. The parser's own words
differ between libyaml and PyYAML's pure-Python parser, so both are matched. Where the parser notices
a mistake later than it was made (an unclosed `[` or quote), the error points where it was made.
"""

from __future__ import annotations

import re
from typing import Any

_QUOTED_THEN_MORE = re.compile(r"""^\s*(?:-\s+)?[^\s:#][^:#]*:\s+(["']).*?\1\s*[^\s#]""")
_KEY = re.compile(r"^(\s*)(?:-\s+)?[^\s:#'\"][^:#]*:(?:\s|$)")


def explain(exc: Any, text: str) -> tuple[int, int, str]:
    """The line, column and plain message for a YAML MarkedYAMLError raised on `text`."""
    problem = str(exc.problem or exc.context or "")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    opened = (exc.context_mark.line + 1, exc.context_mark.column + 1) if exc.context_mark else (line, column)
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""

    if "cannot start any token" in problem:
        found = source[column - 1] if 0 < column <= len(source) else ""
        if found == "\t":
            return line, column, ("a tab: YAML indents with spaces only; replace the tab with spaces "
                                  "(two for each level)")
        return line, column, (f"a value cannot begin with '{found or problem}': put the whole value "
                              f"in quotes, e.g. \"{source[column - 1:].strip()}\"")
    if "',' or ']'" in problem or ("flow sequence" in context and "expected" in problem):
        return (*opened, "a list opened with '[' is not closed: end it with ']' on the same line "
                         "(or write one item per line, each starting with '- ')")
    if "',' or '}'" in problem or ("flow mapping" in context and "expected" in problem):
        return (*opened, "a '{' is not closed: end it with '}' on the same line, or put the value "
                         "in quotes if the braces are part of the text")
    if "end of stream" in problem and "quoted scalar" in context:
        return (*opened, "a quote opened here is never closed: end the value with the same quote "
                         "mark it starts with")
    if "mapping values are not allowed" in problem:
        before = _previous_content_line(lines, line)
        if before is not None and _KEY.match(source) and _indent(source) > _indent(before) \
                and not before.rstrip().endswith(":"):
            return line, _indent(source) + 1, (
                "this line is indented further than the field above it, which already has its "
                "value: line it up with that field (the same number of spaces)")
        return line, column, ("this value holds ': ' (a colon and a space), which YAML reads as the "
                              "start of another field: put the whole value in quotes, e.g. "
                              f"\"{_value_of(source)}\"")
    if _QUOTED_THEN_MORE.match(source):
        return line, column, ("text after a closing quote: quote the whole value, and a value that "
                              "contains a quote mark in the other kind (\"it's\" or 'say \"hi\"'), or "
                              "leave it unquoted")
    if "'-' indicator" in problem or "block sequence start" in problem:
        return line, _indent(source) + 1, (
            "this list item is not lined up with the items before it: start every '- ' of one "
            "list in the same column")
    if "expected key" in problem or "expected <block end>" in problem:
        return line, _indent(source) + 1, (
            "this line's indentation does not fit the lines above it: the fields of one section "
            "start in the same column, each level two spaces further in, and a list's items "
            "each start with '- ' in one column")
    if "escape" in problem:
        return line, column, ("a '\\' escape in a double-quoted value names no character (such as "
                              "a lone \\uD800): write the character itself, or quote the value "
                              "with single quotes, where '\\' is just a backslash")
    if "expected ':'" in problem:
        return line, column, ("a line that is not 'field: value' where a field was expected: if it "
                              "continues the text above (after '|' or '>-'), indent it under its field")
    return line, column, f"this is not valid YAML ({problem}); see `guidegen docs` for the format"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_content_line(lines: list[str], line: int) -> str | None:
    for candidate in reversed(lines[: line - 1]):
        if candidate.strip() and not candidate.lstrip().startswith("#"):
            return candidate
    return None


def _value_of(source: str) -> str:
    """The value of a `field: value` line (or the line), as it would read quoted."""
    _, separator, value = source.partition(": ")
    shown = (value if separator else source).strip().replace('"', '\\"')
    return shown if len(shown) <= 60 else shown[:57] + "…"


def explain_character(character: str) -> str:
    """A character YAML refuses anywhere in a file (a control character, as a paste can bring)."""
    return (f"the invisible control character U+{ord(character):04X}, which no guide text may "
            "hold (a copy and paste often brings one): delete it")
