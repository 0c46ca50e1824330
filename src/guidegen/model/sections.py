"""The guide's top-level sections in reading order, each with its anchor, heading and size.

The handout (summary, bookmarks) and the web page (contents, anchors) list them alike, so a link to
`#red-flags` means the same section in both. A branded guide with a contact always ends on a closing
section (the contact), even when the guide has no closing of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .guide import Guide


@dataclass(frozen=True)
class Section:
    """One top-level section: its anchor and heading; `count` and `what` say what it holds, for a
    summary (a count of 0 leaves it out of one)."""

    id: str
    title: str
    count: int = 0
    what: str = ""


def sections(guide: Guide, labels: Mapping[str, Any]) -> list[Section]:
    """The sections in reading order, each only when the guide has it."""
    summary: Mapping[str, str] = labels.get("summary") or {}
    counted = [
        ("process", "process", len(guide.stages)),
        ("technical", "technical", len(guide.technical.every)),
        ("behavioural", "behavioural", len(guide.behavioural.every)),
        ("red-flags", "red_flags", len(guide.red_flags)),
    ]
    found = [Section(anchor, labels[key], count, summary.get(key, "")) for anchor, key, count in counted
             if count]
    if guide.resources:
        found.append(Section("resources", labels["resources"]))
    if guide.closing:
        found.append(Section("closing", guide.closing.title))
    elif guide.brand and guide.brand.contact:
        found.append(Section("closing", labels["contact"]))
    return found
