"""A YAML mistake is told as what the author did and how to fix it, at the line and column where it
was made, whatever YAML parser is installed (libyaml's or PyYAML's own)."""

from __future__ import annotations

import pytest
import yaml

from guidegen.load import yamltree
from guidegen.load.yamltree import YAMLSyntaxError, parse

CASES = [  # (what, text, line, column, words the message must hold)
    ("a colon in a value", "guide:\n  title: Why: because it matters\n", 2, None,
     ["': ' (a colon and a space)", 'quotes, e.g. "Why: because it matters"']),
    ("a tab", "guide:\n\ttitle: x\n", 2, 1, ["a tab", "spaces"]),
    ("a backtick first", "guide:\n  title: `code` first\n", 2, 10, ["cannot begin with '`'", "quotes"]),
    ("an item out of line", "items:\n  - a: 1\n   - b: 2\n", 3, None, ["list item is not lined up"]),
    ("a field out of line", "guide:\n  id: x\n title: y\n", 3, 2, ["indentation does not fit"]),
    ("a field indented too far", "guide:\n  id: x\n    title: y\n", 3, 5, ["indented further"]),
    ("an unclosed list", "guide:\n  keywords: [a, b\n  title: c\n", 2, 13, ["'[' is not closed"]),
    ("an unclosed quote", 'guide:\n  title: "abc\n  id: d\n', 2, 10, ["never closed"]),
    ("a quote inside quotes", "guide:\n  title: 'it's'\n", 2, None, ["text after a closing quote"]),
    ("an unindented block", "answer: |\nnot indented\nnext: 1\n", 3, None, ["indent it under its field"]),
]


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "python":
        monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml: the pure-Python parser is tested")
    return str(request.param)


@pytest.mark.parametrize("what, text, line, column, words", CASES, ids=[case[0] for case in CASES])
def test_a_yaml_mistake_is_told_in_plain_words(parser: str, what: str, text: str, line: int,
                                               column: int | None, words: list[str]) -> None:
    with pytest.raises(YAMLSyntaxError) as raised:
        parse(text)
    error = raised.value
    assert error.line == line, (parser, str(error))
    if column is not None:
        assert error.column == column, (parser, str(error))
    for word in words:
        assert word in str(error), (parser, str(error))
    for parser_words in ("invalid YAML", "did not find", "could not find", "<block", "not allowed here",
                         "in this context", "token"):
        assert parser_words not in str(error), (parser, str(error))
