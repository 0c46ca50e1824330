"""Problems found in input, reported together as `file:line:col: path: message`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, located as precisely as the input allows."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


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


def display_name(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:  # abspath, not resolve(): a symlink loop must still get a name, and then an error
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
