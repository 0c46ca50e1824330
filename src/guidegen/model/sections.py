"""The guide's top-level sections in reading order, each with its anchor and heading.

The handout (contents list, bookmarks) and the web page (contents, anchors) list them alike, so a
link to `#red-flags` means the same section in both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .guide import Guide


@dataclass(frozen=True)
class Section:
    """One top-level section: its anchor and heading."""

    id: str
    title: str


def sections(guide: Guide, labels: Mapping[str, Any]) -> list[Section]:
    """The sections in reading order; resources and closing only when the guide has them."""
    found = [
        Section("process", labels["process"]),
        Section("technical", labels["technical"]),
        Section("behavioural", labels["behavioural"]),
        Section("red-flags", labels["red_flags"]),
    ]
    if guide.resources:
        found.append(Section("resources", labels["resources"]))
    if guide.closing:
        found.append(Section("closing", guide.closing.title))
    return found
