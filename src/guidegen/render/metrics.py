"""The layout's numbers, read from the stylesheets in use: one home for every size, gap and line height.

Each PDF edition's stylesheets declare, in `:root`, the custom properties that the edition's layout
code and `check`'s fit estimate rely on (`--answer-gap: 0.75em;`), and use them through `var()`.
This module reads those same declarations, so each number is written once. It reads the stylesheets
the project actually uses: its own file where it overrides the theme's, with the theme's value for a
property the project's file leaves out (a copy made before an upgrade added one), and a later
stylesheet in an edition's list over an earlier one, as in the cascade. A project's print.css that
widens a gap therefore moves the booklet's fitting and `check`'s warnings with it.

Values are read as CSS writes them and converted here (base/units.py): a length in any absolute
unit, an `em` relative to a type size the caller gives, a number, or a list of either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.reading import UnreadableFile, read_bounded
from ..base.units import LengthError, parse, to_mm, to_pt
from ..model.problems import GuideError, Problem, display_name

if TYPE_CHECKING:
    from .project import Project

MAX_STYLESHEET_BYTES = 50_000_000  # as any theme file (render/project.py)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_ROOT = re.compile(r":root\s*\{([^{}]*)\}")
_DECLARATION = re.compile(r"--([\w-]+)\s*:\s*([^;]*?)\s*(?:;|$)")


@dataclass(frozen=True)
class Declared:
    """A custom property's value, and where it is written (for messages)."""

    value: str
    file: str
    line: int
    column: int


def custom_properties(css: str, file: str = "") -> dict[str, Declared]:
    """The custom properties a stylesheet's `:root` rules declare, by name without the dashes; a
    later declaration wins. Comments are blanked out first, keeping every line where it was."""
    text = _COMMENT.sub(lambda found: re.sub(r"[^\n]", " ", found.group()), css)
    found: dict[str, Declared] = {}
    for rule in _ROOT.finditer(text):
        for declaration in _DECLARATION.finditer(rule.group(1)):
            at = rule.start(1) + declaration.start()
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            found[declaration.group(1)] = Declared(declaration.group(2), file, line, column)
    return found


class Metrics:
    """The custom properties of one edition's stylesheets, read as the numbers they stand for."""

    def __init__(self, declared: dict[str, Declared], stylesheets: Sequence[str]) -> None:
        self._declared = declared
        self._stylesheets = tuple(stylesheets)

    def __contains__(self, name: str) -> bool:
        return name in self._declared

    def text(self, name: str) -> str:
        if name not in self._declared:
            raise GuideError([Problem(f"styles/{self._stylesheets[-1]}", 1, 1, "", (
                f"the stylesheets {', '.join(self._stylesheets)} declare no --{name} in :root, which "
                "the layout needs: copy it from guidegen's theme"))])
        return self._declared[name].value

    def _problem(self, name: str, error: Exception) -> GuideError:
        where = self._declared[name]
        return GuideError([Problem(display_name(Path(where.file)), where.line, where.column, "",
                                   f"--{name}: {error}")])

    def mm(self, name: str, *, em_pt: float | None = None) -> float:
        """A length in millimetres (an em relative to a type size of `em_pt` points)."""
        try:
            return to_mm(self.text(name), em_pt=em_pt)
        except LengthError as error:
            raise self._problem(name, error) from None

    def mms(self, name: str, count: int | None = None) -> tuple[float, ...]:
        """A list of lengths in millimetres ("20mm 17mm 22mm 24mm"), `count` of them if given."""
        try:
            found = tuple(to_mm(part) for part in self.text(name).split())
        except LengthError as error:
            raise self._problem(name, error) from None
        if count is not None and len(found) != count:
            raise self._problem(name, ValueError(f"expected {count} lengths, not {len(found)}"))
        return found

    def pt(self, name: str) -> float:
        """A type size in points."""
        try:
            return to_pt(self.text(name))
        except LengthError as error:
            raise self._problem(name, error) from None

    def pts(self, name: str, count: int) -> tuple[float, ...]:
        """A list of `count` type sizes in points ("14pt 9pt")."""
        try:
            found = tuple(to_pt(part) for part in self.text(name).split())
        except LengthError as error:
            raise self._problem(name, error) from None
        if len(found) != count:
            raise self._problem(name, ValueError(f"expected {count} sizes, not {len(found)}"))
        return found

    def em(self, name: str) -> float:
        """A length written in em, as a number of em."""
        number, unit = self._number(name)
        if unit != "em":
            raise self._problem(name, LengthError(f"'{self.text(name)}' should be a length in em"))
        return number

    def number(self, name: str) -> float:
        """A plain number (a line height, a share, a step)."""
        number, unit = self._number(name)
        if unit:
            raise self._problem(name, LengthError(f"'{self.text(name)}' should be a plain number"))
        return number

    def numbers(self, name: str) -> tuple[float, ...]:
        """A list of plain numbers ("1 1 1.6 1")."""
        try:
            parsed = [parse(part) for part in self.text(name).split()]
        except LengthError as error:
            raise self._problem(name, error) from None
        if not parsed or any(unit for _, unit in parsed):
            raise self._problem(name, LengthError(f"'{self.text(name)}' should be plain numbers"))
        return tuple(number for number, _ in parsed)

    def steps(self, name: str) -> list[str]:
        """The names of a property's steps: `name`, then `name-1`, `name-2`… as far as declared."""
        names = [name]
        while f"{name}-{len(names)}" in self._declared:
            names.append(f"{name}-{len(names)}")
        return names

    def _number(self, name: str) -> tuple[float, str]:
        try:
            return parse(self.text(name))
        except LengthError as error:
            raise self._problem(name, error) from None


def metrics(project: Project, stylesheets: Sequence[str]) -> Metrics:
    """The custom properties of these stylesheets (names under styles/) as the project uses them."""
    declared: dict[str, Declared] = {}
    for name in stylesheets:
        for path in project.stylesheet_layers(name):
            declared.update(_declared(path, *_stamp(path)))
    return Metrics(declared, stylesheets)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return stat.st_mtime_ns, stat.st_size


@cache
def _declared(path: Path, mtime_ns: int, size: int) -> dict[str, Declared]:
    """One stylesheet's custom properties, read once per process while the file is unchanged."""
    try:
        css = read_bounded(path, MAX_STYLESHEET_BYTES, "stylesheet").decode("utf-8")
    except (UnreadableFile, UnicodeDecodeError) as error:
        raise GuideError([Problem(display_name(path), 1, 1, "", str(error))]) from None
    return custom_properties(css, str(path))
