"""Problems found in input, reported together as `file:line:col: path: message`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, located as precisely as the input allows."""

    file: str
    line: int
    column: int
    path: str
    message: str
    item: str = ""  # what the editions call the item the field is in: Q2, B1, red flag 3 (item_name)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f"{self.path} ({self.item})" if self.item else self.path
        return f"{where}: {field}: {self.message}" if field else f"{where}: {self.message}"


class GuideError(Exception):
    """Input that guidegen refuses: carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.problems)  # picklable as is, so it crosses from a worker process

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class BuildError(Exception):
    """An edition that cannot be made from valid content (an answer too long for its page).

    `path` names the offending field (e.g. ("technical", "questions", 3, "answer")) so the build can
    report it at its file:line:col like any other problem.
    """

    def __init__(self, message: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(message, path)  # both in args, so the error survives a worker process
        self.message, self.path = message, path

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class GuideWarning:
    """One thing in a valid guide that will read or print badly (`guidegen check`), at the field it
    concerns: reported at its file:line:col like a problem, but the guide builds."""

    path: tuple[str | int, ...]
    message: str


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a location tuple the way a reader writes it: `technical.questions[3].answer`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def item_name(data: Any, path: tuple[str | int, ...]) -> str | None:
    """What the editions call the item a path is in, from a guide's data as read: Q3 (numbered on
    across groups), B1, red flag 2, stage 1, resource 4, group 2; None outside any item."""
    if len(path) >= 3 and path[0] in ("technical", "behavioural") and isinstance(path[2], int):
        letter = "Q" if path[0] == "technical" else "B"
        section = data.get(path[0]) if isinstance(data, dict) else None
        if path[1] == "questions":
            return f"{letter}{path[2] + 1}"
        if path[1] == "groups" and isinstance(section, dict) and isinstance(section.get("groups"), list):
            groups = section["groups"]
            if len(path) >= 5 and path[3] == "questions" and isinstance(path[4], int):
                before = sum(len(group.get("questions") or []) for group in groups[: path[2]]
                             if isinstance(group, dict) and isinstance(group.get("questions"), list))
                return f"{letter}{before + path[4] + 1}"
            return f"group {path[2] + 1}"
    named = {"stages": "stage", "red_flags": "red flag", "resources": "resource"}
    if len(path) >= 2 and path[0] in named and isinstance(path[1], int):
        return f"{named[str(path[0])]} {path[1] + 1}"
    return None


def display_name(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:  # abspath, not resolve(): a symlink loop must still get a name, and then an error
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
