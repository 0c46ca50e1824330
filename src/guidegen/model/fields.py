"""Every string of a guide's data as read from its file, with the field it is in: what the checks
that read text field by field (leftover examples, characters without a font) walk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

FieldPath = tuple[str | int, ...]


def texts(data: Any, at: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Each string in data (dicts, lists, strings), with its path from `at`."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from texts(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, (*at, index))
