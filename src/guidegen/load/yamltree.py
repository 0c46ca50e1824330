"""Read YAML as plain data plus the position of every value, refusing what content must not do.

PyYAML's loaders turn `NO` into False and `1.10` into 1.1, keep the last of two duplicate keys, expand
aliases without limit and recurse once per nesting level. This reader walks the parser's event stream
instead (no constructor, no recursion), so every scalar stays the text that was written, duplicate
keys, tags, aliases and deep nesting are reported with their line and column, and the size of the
work is bounded by the size of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .yaml_messages import explain, explain_character

try:  # libyaml's parser is much faster and emits the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32
TOO_DEEP = f"nesting is deeper than {MAX_DEPTH} levels; guides are not that deep"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path = tuple[str | int, ...]


@dataclass
class Tree:
    """The document's data, and where each path (value or mapping key) starts: 1-based line, column."""

    data: Any = None
    value_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[tuple[Path, tuple[int, int], str]] = field(default_factory=list)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best position for a path: its key, its value, or the nearest enclosing one that exists."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            table = (self.key_at, self.value_at) if key else (self.value_at, self.key_at)
            for positions in table:
                if prefix in positions:
                    return positions[prefix]
        return (1, 1)


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class YAMLSyntaxError(Exception):
    """Malformed YAML, with the position the parser reported."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def parse(text: str) -> Tree:
    """Build a Tree from YAML text; raise YAMLSyntaxError for text that is not YAML at all."""
    tree = Tree()
    # Each open collection: [container, path, pending_key, pending_key_pos]
    stack: list[list[Any]] = []
    documents = 0

    def attach(value: Any, start: tuple[int, int]) -> Path | None:
        """Place a finished value in its parent; return its path, or None when it was dropped."""
        if not stack:
            tree.data = value
            tree.value_at[()] = start
            return ()
        parent = stack[-1]
        container, base = parent[0], parent[1]
        if isinstance(container, list):
            path = (*base, len(container))
            container.append(value)
        elif parent[2] is None:  # this value is a mapping key
            if not isinstance(value, str):
                tree.problems.append((base, start, "mapping keys must be plain text"))
                parent[2] = ("", start, True)
                return None
            parent[2] = (value, start, False)
            return None
        else:
            key, key_start, bad = parent[2]
            parent[2] = None
            if bad:
                return None
            path = (*base, key)
            if key in container:
                first = tree.key_at[path]
                tree.problems.append(
                    (path, key_start, f"duplicate key '{key}' (first defined at line {first[0]})")
                )
                return None
            container[key] = value
            tree.key_at[path] = key_start
        tree.value_at[path] = start
        return path

    def current_path() -> Path:
        if not stack:
            return ()
        container, base, pending = stack[-1][0], stack[-1][1], stack[-1][2]
        if isinstance(container, list):
            return (*base, len(container))
        return (*base, pending[0]) if pending else base

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YAMLSyntaxError(
                        *_pos(event.start_mark), "a guide file holds one YAML document, not several"
                    )
                continue
            if not isinstance(event, yaml.NodeEvent):
                if isinstance(event, yaml.CollectionEndEvent):
                    finished, _path, _pending, start = stack.pop()
                    attach(finished, start)
                continue
            start = _pos(event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                raise YAMLSyntaxError(*start, "YAML aliases (*name) are not allowed in guides")
            tag = getattr(event, "tag", None)
            if tag not in _ALLOWED_TAGS:
                shown = str(tag).replace("tag:yaml.org,2002:", "!!")
                raise YAMLSyntaxError(*start, f"YAML tag '{shown}' is not allowed in guides")
            if isinstance(event, yaml.ScalarEvent):
                plain = event.implicit[0]  # unquoted, untagged: the only kind YAML resolves
                value = None if plain and _NULL.match(event.value) else event.value
                attach(value, start)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise YAMLSyntaxError(*start, TOO_DEEP)
                container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                stack.append([container, current_path(), None, start])
                # a collection used as a mapping key is caught when it is attached
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        if "nesting depth" in str(exc.problem or exc.context):  # newer libyaml stops it at 1000
            raise YAMLSyntaxError(line, column, TOO_DEEP) from None
        raise YAMLSyntaxError(*explain(exc, text)) from None
    except yaml.YAMLError as exc:  # reader errors: bytes that are not allowed in YAML at all
        line, column = _reader_position(text, exc)
        raise YAMLSyntaxError(line, column, _reader_message(exc)) from None
    return tree


def _reader_position(text: str, exc: yaml.YAMLError) -> tuple[int, int]:
    index = getattr(exc, "position", None)
    if index is None:
        return (1, 1)
    before = text[:index]
    return (before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _reader_message(exc: yaml.YAMLError) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, str):
        return explain_character(character)
    code = re.search(r"#x([0-9a-fA-F]+)", str(exc))  # libyaml names it in its message only
    if code:
        return explain_character(chr(int(code.group(1), 16)))
    return f"this file cannot be read as text ({str(exc).splitlines()[0]})"
