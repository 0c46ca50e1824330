"""The only reader: YAML files -> validated Guide models, or every problem found, each with file:line:col.

A value that `guidegen new` or `guidegen import` wrote for the author to replace, "TODO: …", is a
placeholder, not content: it is read as if the field were left out (so no edition prints it, nor puts
it in a PDF's metadata), and `guidegen check` warns about it until it is replaced. In a field that
cannot be left out (an id, a title, a question), it is an error.
"""

from __future__ import annotations

import os
import re
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..base.reading import UnreadableFile, read_bounded
from ..model.guide import Brand, Guide
from ..model.problems import GuideError, Problem, display_name, format_path, item_name
from .logo import LogoError, read_logo
from .yamltree import Tree, YAMLSyntaxError, parse

MAX_FILE_BYTES = 5_000_000  # guides and brand files
BRAND_FILE = "brand.yaml"
#: What `new` and `import` write where only the author can say: "TODO: who wrote the guide".
PLACEHOLDER = re.compile(r"\s*TODO\b")

_PATTERN_MESSAGES = {
    "id": "must be a lowercase slug such as 'model-drift' (letters, digits and single hyphens)",
    "language": "must be a language tag such as 'en-GB'",
}


def read_yaml(path: Path, kind: str = "guide file") -> tuple[Tree | None, list[Problem]]:
    """Read and parse one file; any reason it cannot be read is a Problem, never an exception."""
    name = display_name(path)

    def fail(message: str, line: int = 1, column: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, column, "", message)]

    try:
        raw = read_bounded(path, MAX_FILE_BYTES, kind)
    except UnreadableFile as exc:
        return fail(str(exc))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail("file is not UTF-8 text", line, column)
    if not text.strip():
        return fail("file is empty")
    try:
        tree = parse(text)
    except YAMLSyntaxError as exc:
        return fail(exc.message, exc.line, exc.column)
    problems = [Problem(name, *where, format_path(path_), message)
                for path_, where, message in tree.problems]
    if not isinstance(tree.data, dict):
        problems.append(Problem(name, 1, 1, "", "a guide file must be a mapping of fields"))
        return None, problems
    return tree, problems


@dataclass(frozen=True, eq=False)  # identity: one loaded guide is one build unit
class LoadedGuide:
    """A guide with where it came from, so later steps can report problems at file:line:col too."""

    guide: Guide
    path: Path
    tree: Tree
    placeholders: tuple[tuple[tuple[str | int, ...], str], ...] = ()  # (field, what it says) read as left out

    def problem(self, path: tuple[str | int, ...], message: str) -> Problem:
        return Problem(display_name(self.path), *self.tree.where(path), format_path(path), message,
                       item_name(self.tree.data, path) or "")


def load_guide(path: Path, *, project: Path | None = None) -> Guide:
    """Load one guide (and the project's brand.yaml when the guide has no brand of its own)."""
    return load_guides([path], project=project)[0].guide


def load_guides(paths: Sequence[Path], *, project: Path | None = None) -> list[LoadedGuide]:
    """Load every guide; raise GuideError naming every problem in every file before any build."""
    project = (project or Path.cwd()).resolve()
    problems: list[Problem] = []
    guides: list[LoadedGuide] = []
    brand, brand_problems = _load_brand(project)
    problems += brand_problems
    for path in paths:
        tree, found = read_yaml(path)
        problems += found
        if tree is None:
            continue
        name = display_name(path)
        found = _duplicate_ids(tree, name)
        placeholders: list[tuple[tuple[str | int, ...], str]] = []
        data = _without_placeholders(tree.data, (), placeholders)
        if "brand" not in data and brand is not None:
            data["brand"] = brand
        try:
            guide = Guide.model_validate(data)
        except ValidationError as exc:
            found += _validation_problems(exc, tree, name, dict(placeholders))
        else:
            if "brand" in tree.data:  # the project's brand.yaml, and its logo, were checked above
                found += _logo_problems(guide.brand, project, tree, name, ("brand", "logo"))
            if not found:
                guides.append(LoadedGuide(guide, path, tree, tuple(placeholders)))
        problems += found
    _check_unique_guide_ids(guides, problems)
    if problems:
        raise GuideError(problems)
    return guides


def _load_brand(project: Path) -> tuple[Brand | None, list[Problem]]:
    path = project / BRAND_FILE
    if not path.exists() and not path.is_symlink():
        return None, []
    tree, problems = read_yaml(path, "brand file")
    if tree is None:
        return None, problems
    name = display_name(path)
    try:
        brand = Brand.model_validate(tree.data)
    except ValidationError as exc:
        return None, problems + _validation_problems(exc, tree, name, root=Brand)
    return brand, problems + _logo_problems(brand, project, tree, name, ("logo",))


def _logo_problems(brand: Brand | None, project: Path, tree: Tree, name: str,
                   at: tuple[str, ...]) -> list[Problem]:
    if brand is None or brand.logo is None:
        return []
    logo = Path(os.path.realpath(project / brand.logo))  # realpath: a symlink loop is an error below
    message = None
    if not logo.is_relative_to(os.path.realpath(project)):
        message = f"logo '{brand.logo}' is outside the project directory"
    elif not logo.exists() and not logo.is_symlink():
        message = f"logo file '{brand.logo}' not found in the project directory"
    else:
        try:
            read_logo(logo)
        except LogoError as error:
            message = f"logo '{brand.logo}' {error}"
    if message is None:
        return []
    return [Problem(name, *tree.where(at if at[0] in tree.data else ()), format_path(at), message)]


def _duplicate_ids(tree: Tree, name: str) -> list[Problem]:
    """Ids name questions in links, bookmarks and card numbers, so one id may be used only once."""
    first: dict[str, tuple[Any, ...]] = {}
    problems = []
    lists: list[tuple[Any, ...]] = [("red_flags",)]
    for kind in ("technical", "behavioural"):
        groups = _get(tree.data, (kind, "groups"))
        lists += [(kind, "questions"), *((kind, "groups", g, "questions")
                                         for g in range(len(groups) if isinstance(groups, list) else 0))]
    for section in lists:
        items = _get(tree.data, section)
        for index, item in enumerate(items if isinstance(items, list) else ()):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            path = (*section, index, "id")
            if ident in first:
                problems.append(Problem(name, *tree.where(path), format_path(path),
                                        f"duplicate id '{ident}' (first used at "
                                        f"{format_path(first[ident])})"))
            else:
                first[ident] = path
    return problems


def _check_unique_guide_ids(guides: list[LoadedGuide], problems: list[Problem]) -> None:
    """Outputs are named after guide ids, so two guides with one id would overwrite each other."""
    seen: dict[str, str] = {}
    for loaded in guides:
        ident = loaded.guide.meta.id
        if ident in seen:
            message = f"guide id '{ident}' is also used by {seen[ident]}"
            problems.append(loaded.problem(("guide", "id"), message))
        seen.setdefault(ident, display_name(loaded.path))


def _without_placeholders(data: Any, at: tuple[str | int, ...],
                          found: list[tuple[tuple[str | int, ...], str]]) -> Any:
    """The data with every placeholder left out (a field's, or a list item's), each noted in `found`."""
    if isinstance(data, dict):
        kept = {}
        for key, value in data.items():
            if isinstance(value, str) and PLACEHOLDER.match(value):
                found.append(((*at, key), value))
            else:
                kept[key] = _without_placeholders(value, (*at, key), found)
        return kept
    if isinstance(data, list):
        items = []
        for index, value in enumerate(data):
            if isinstance(value, str) and PLACEHOLDER.match(value):
                found.append(((*at, index), value))
            else:
                items.append(_without_placeholders(value, (*at, index), found))
        return items
    return data


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        found = ((isinstance(data, dict) and part in data)
                 or (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)))
        if not found:
            return None
        data = data[part]
    return data


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Pydantic's error location minus its own labels (union branches, validator names)."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(part, str) and data is None:
            pass  # the missing field itself
        else:
            continue
        path.append(part)
    return tuple(path)


def _message(error: Mapping[str, Any], field: str | int | None, root: type[BaseModel] = Guide) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "field required"
    if kind == "extra_forbidden":
        return _unknown_field(str(field), error["loc"], root)
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_type":
        return "must be text"
    if kind == "list_type":
        return "must be a list"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be a mapping of fields"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "must be a whole number"
    if kind.startswith("date"):
        return "must be a date written YYYY-MM-DD"
    if kind == "too_short":
        count = ctx.get("min_length", 1)
        return f"must hold at least {count} item{'s' if count != 1 else ''}"
    if kind == "string_too_long" or (kind == "too_long" and isinstance(error.get("input"), str)):
        return f"must be at most {ctx.get('max_length')} characters long, not {len(str(error.get('input')))}"
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(str(field), f"must match {ctx.get('pattern')}")
    message = error["msg"].removeprefix("Input should be ")
    return f"must be {message}" if message != error["msg"] else message[0].lower() + message[1:]


def _validation_problems(exc: ValidationError, tree: Tree, name: str,
                         placeholders: Mapping[tuple[str | int, ...], str] | None = None,
                         root: type[BaseModel] = Guide) -> list[Problem]:
    problems: dict[str, Problem] = {}
    for error in exc.errors():
        if error["type"] == "none_required":
            continue  # the other branch of `X | None` says what is wrong
        path = _data_path(tree.data, error["loc"])
        message = _message(error, path[-1] if path else None, root)
        if error["type"] == "missing" and path in (placeholders or {}):
            where = tree.where(path)
            message = (f"still a placeholder ('{(placeholders or {})[path].strip()}'): this field cannot "
                       "be left out, so write it")
        elif error["type"] == "missing":
            where = tree.where(path[:-1])
        else:
            where = tree.where(path, key=error["type"] == "extra_forbidden")
        shown = format_path(path)
        problems.setdefault(shown, Problem(name, *where, shown, message, item_name(tree.data, path) or ""))
    return list(problems.values())


def _unknown_field(name: str, loc: tuple[Any, ...], root: type[BaseModel] = Guide) -> str:
    """An unknown field, with the known field it is most like, or every field allowed there."""
    import difflib

    known = _fields_at(loc[:-1], root)
    if not known:
        return "unknown field"
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    if close:
        return f"unknown field '{name}': did you mean '{close[0]}'?"
    return f"unknown field '{name}': the fields here are {', '.join(known)}"


def _fields_at(loc: tuple[Any, ...], root: type[BaseModel] = Guide) -> list[str]:
    """The fields the model allows at a location (pydantic's), or none where it cannot tell."""
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, str):
            field = model.model_fields.get(part) if model is not None else None
            model = _model_in(field.annotation) if field is not None else None
    return list(model.model_fields) if model is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds: itself, in a list, or optional."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((found for arg in typing.get_args(annotation) if (found := _model_in(arg))), None)
