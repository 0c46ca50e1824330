"""Reading a packs file: a spreadsheet's CSV export, or YAML, into Candidates, or every problem.

A CSV comes as spreadsheets and applicant-tracking systems write it: UTF-8 with or without a byte
order mark, else Windows-1252; commas, or semicolons (where the comma is a decimal point), or tabs;
CRLF or LF; quoted cells that hold line breaks. Its first row names the columns, in any case, with
spaces, underscores or hyphens alike: `name`, `email`, `guide`, `role`, `date`, `time zone`,
`times in`, `next steps`, and per stage N (counted from 1, as the guide lists its stages) `stage N
time`, `stage N place` (a room or address; an https:// link is the video call) and `stage N
interviewers` ("Name, Title, one line about them", people apart by `;` or a line break). A stage
whose cells are all empty is one the candidate does not sit.

Every problem is reported at once, at `file:row:column` with the column's header named (a YAML
file: at the field's line and column, as a guide's). Rows are the file's lines, as a spreadsheet
numbers them; columns are counted from 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..base.reading import UnreadableFile, read_bounded
from ..model.packs import Candidate, Packs
from ..model.problems import GuideError, Problem, display_name, format_path
from .guides import _data_path, _message, _validation_problems, read_yaml

MAX_PACKS_BYTES = 5_000_000
_HTTPS = re.compile(r"^https://", re.IGNORECASE)
_STAGE = re.compile(r"^stage ?(\d+) (time|place|link|interviewers)$")
#: Each column a packs CSV may have: its header as people write it -> the candidate's field.
_COLUMNS = {
    "name": "name", "candidate": "name", "candidate name": "name", "full name": "name",
    "email": "email", "e mail": "email", "email address": "email",
    "guide": "guide", "guide id": "guide",
    "role": "role", "job": "role", "position": "role",
    "date": "date", "interview date": "date",
    "time zone": "time_zone", "timezone": "time_zone", "candidate time zone": "time_zone",
    "times in": "times_in", "booked in": "times_in",
    "next steps": "next_steps", "what happens next": "next_steps",
}
_SHOWN = ("name", "email", "guide", "role", "date", "time zone", "times in", "next steps",
          "stage 1 time", "stage 1 place", "stage 1 interviewers")
_STAGE_WORDS = {"time": "time", "place": "place", "link": "place", "interviewers": "interviewers"}


@dataclass
class LoadedPacks:
    """The candidates of one packs file, and where each of their fields is written in it."""

    path: Path
    candidates: list[Candidate]
    #: per candidate: field path -> (line, column, what to call it: a CSV column's header or a
    #: YAML field's path)
    places: list[dict[tuple[str | int, ...], tuple[int, int, str]]] = field(default_factory=list)

    def problem(self, index: int, path: tuple[str | int, ...], message: str) -> Problem:
        """A problem with a candidate's field, at the cell (or line) that writes it."""
        places = self.places[index]
        while path and path not in places:
            path = path[:-1]
        line, column, what = places.get(path) or places[()]
        return Problem(display_name(self.path), line, column, what, message)


def load_packs(path: Path) -> LoadedPacks:
    """The packs file's candidates; GuideError with every problem found."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return _from_yaml(path)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise GuideError([Problem(display_name(path), 1, 1, "", "a packs file is a .csv file (as a "
                                  "spreadsheet exports it) or a .yaml file")])
    return _from_csv(path)


# ---- YAML


def _from_yaml(path: Path) -> LoadedPacks:
    name = display_name(path)
    tree, problems = read_yaml(path, "packs file")
    if tree is None:
        raise GuideError(problems)
    try:
        packs = Packs.model_validate(tree.data)
    except ValidationError as exc:
        raise GuideError(_validation_problems(exc, tree, name, root=Packs)) from None
    places = []
    for index, _ in enumerate(packs.candidates):
        at: dict[tuple[str | int, ...], tuple[int, int, str]] = {}
        for key in _paths(tree.data["candidates"][index], ()):
            whole = ("candidates", index, *key)
            at[key] = (*tree.where(whole), format_path(whole))
        at[()] = (*tree.where(("candidates", index)), format_path(("candidates", index)))
        places.append(at)
    return LoadedPacks(path, packs.candidates, places)


def _paths(data: Any, at: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    """Every path in the data, depth first."""
    found: list[tuple[str | int, ...]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append((*at, key))
        found += _paths(value, (*at, key))
    return found


# ---- CSV


def _from_csv(path: Path) -> LoadedPacks:
    name = display_name(path)
    try:
        raw = read_bounded(path, MAX_PACKS_BYTES, "packs file")
    except UnreadableFile as exc:
        raise GuideError([Problem(name, 1, 1, "", str(exc))]) from None
    text = _decoded(raw, name)
    if not text.strip():
        raise GuideError([Problem(name, 1, 1, "", "file is empty: its first row names the columns "
                                  "(name, date, time zone, stage 1 time…), then one row per candidate")])
    first = text.splitlines()[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    for row in reader:
        rows.append((line, row))
        line = reader.line_num + 1
    header_line, header = rows[0]
    columns, problems = _columns(header, name)
    candidates: list[Candidate] = []
    places: list[dict[tuple[str | int, ...], tuple[int, int, str]]] = []
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue  # a blank row, as spreadsheets leave at the end
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            problems.append(Problem(name, line, len(header) + 1, "",
                                    f"this row has {len(row)} cells but the first row names only "
                                    f"{len(header)} columns: is a cell's {delimiter!r} unquoted?"))
            continue
        data, at = _row(row, columns, header, line)
        try:
            candidates.append(Candidate.model_validate(data))
            places.append(at)
        except ValidationError as exc:
            problems += _row_problems(exc, data, at, name)
    if not problems and not candidates:
        problems.append(Problem(name, header_line + 1, 1, "", "no candidates: add one row per candidate "
                                "under the first row"))
    if problems:
        raise GuideError(problems)
    return LoadedPacks(path, candidates, places)


def _decoded(raw: bytes, name: str) -> str:
    """The text: UTF-8 (with or without its byte order mark), else Windows-1252, as spreadsheets save
    CSV on Windows."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise GuideError([Problem(name, line, column, "", "the file is neither UTF-8 nor Windows-1252 "
                                  "text: save it from the spreadsheet as CSV UTF-8")]) from None


Column = tuple[str, ...]  # ("name",) or ("stage", N, "time"): what a column holds


def _columns(header: Sequence[str], name: str) -> tuple[list[tuple[Any, ...] | None], list[Problem]]:
    """What each column holds, by its header; problems with the headers."""
    columns: list[tuple[Any, ...] | None] = []
    problems: list[Problem] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, title in enumerate(header, 1):
        key = re.sub(r"[\s_\-]+", " ", title.strip().lower()).strip()
        stage = _STAGE.match(key)
        holds: tuple[Any, ...] | None
        if stage:
            holds = ("stage", int(stage.group(1)), _STAGE_WORDS[stage.group(2)])
        elif key in _COLUMNS:
            holds = (_COLUMNS[key],)
        elif not key:
            holds = None  # an unnamed column (a spreadsheet's stray one): only if it stays empty
        else:
            near = get_close_matches(key, [*_COLUMNS, *_SHOWN], n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else "the columns are " + ", ".join(_SHOWN) + \
                ", and stage 2…, stage 3… as for stage 1"
            problems.append(Problem(name, 1, number, f'column "{title.strip()}"', f"unknown column: {hint}"))
            holds = None
        if holds is not None and stage and int(stage.group(1)) < 1:
            problems.append(Problem(name, 1, number, f'column "{title.strip()}"', "stages count from 1"))
        if holds is not None and holds in seen:
            problems.append(Problem(name, 1, number, f'column "{title.strip()}"',
                                    f"the same column as column {seen[holds]}: keep one"))
        if holds is not None:
            seen.setdefault(holds, number)
        columns.append(holds)
    for needed, called in (("name", "name"), ("date", "date"), ("time_zone", "time zone")):
        if (needed,) not in seen:
            problems.append(Problem(name, 1, 1, "", f"no '{called}' column: the first row names the "
                                    "columns, and needs name, date, time zone and stage 1 time"))
    if not any(holds[0] == "stage" and holds[2] == "time" for holds in seen):
        problems.append(Problem(name, 1, 1, "", "no 'stage 1 time' column: each stage the candidates "
                                "sit needs its time (stage 1 time, stage 2 time…)"))
    return columns, problems


def _row(row: Sequence[str], columns: Sequence[tuple[Any, ...] | None], header: Sequence[str],
         line: int) -> tuple[dict[str, Any], dict[tuple[str | int, ...], tuple[int, int, str]]]:
    """A row as a candidate's data, and where each field of it is (line, column, header)."""
    data: dict[str, Any] = {}
    at: dict[tuple[str | int, ...], tuple[int, int, str]] = {(): (line, 1, "")}
    stages: dict[int, dict[str, Any]] = {}
    stage_cells: dict[int, dict[str, tuple[int, int, str]]] = {}
    for number, (holds, cell) in enumerate(zip(columns, row, strict=False), 1):
        value = cell.strip()
        where = (line, number, f'column "{header[number - 1].strip()}"')
        if holds is None:
            continue
        if holds[0] == "stage":
            _, stage, part = holds
            stage_cells.setdefault(stage, {})[part] = where
            if value:
                slot = stages.setdefault(stage, {"stage": stage})
                if part == "place":
                    slot["link" if _HTTPS.match(value) else "place"] = value
                elif part == "interviewers":
                    slot["interviewers"] = _people(value)
                else:
                    slot["time"] = value
            continue
        at[holds] = where
        if value:
            data[holds[0]] = value
    data["stages"] = []
    for index, stage in enumerate(sorted(stages)):
        data["stages"].append(stages[stage])
        cells = stage_cells[stage]
        for part, where in cells.items():
            for key in (("link", "place") if part == "place" else (part,)):
                at[("stages", index, key)] = where
        at[("stages", index)] = cells.get("time") or next(iter(cells.values()))
    if not stages:
        first = next(iter(sorted(stage_cells)), None)
        cells = stage_cells.get(first, {}) if first else {}
        at[("stages",)] = cells.get("time", (line, 1, ""))
    return data, at


def _people(cell: str) -> list[dict[str, str]]:
    """Interviewers written in one cell: "Name, Title, one line about them", apart by ; or a line
    break."""
    people = []
    for person in re.split(r"[;\n]", cell):
        parts = [part.strip() for part in person.split(",", 2)]
        if not parts[0] and len(parts) == 1:
            continue
        people.append({key: value for key, value in zip(("name", "title", "bio"), parts, strict=False)
                       if value} or {"name": ""})
    return people


def _row_problems(exc: ValidationError, data: dict[str, Any],
                  at: dict[tuple[str | int, ...], tuple[int, int, str]], name: str) -> list[Problem]:
    problems: dict[tuple[int, int], Problem] = {}
    for error in exc.errors():
        if error["type"] == "none_required":
            continue
        path = _data_path(data, error["loc"])
        message = _message(error, path[-1] if path else None, Candidate)
        if error["type"] == "too_short" and path == ("stages",):
            message = "no stage: a candidate sits at least one stage (stage 1 time…)"
        elif error["type"] == "missing" and path:
            message = _missing(path)
        looked = path
        while looked and looked not in at:
            looked = looked[:-1]
        line, column, what = at.get(looked, at[()])
        problems.setdefault((line, column), Problem(name, line, column, what, message))
    return list(problems.values())


def _missing(path: tuple[str | int, ...]) -> str:
    """What a missing field's cell should hold, in a spreadsheet's words."""
    words = {"name": "the candidate's name", "date": "the interview date, written 2027-01-14",
             "time_zone": "the candidate's time zone, such as Europe/London",
             "time": "the stage's time, such as 10:00 or 10:00-10:45",
             "name_interviewer": "each interviewer's name first"}
    last = path[-1]
    if len(path) >= 4 and path[-3] == "interviewers":
        last = "name_interviewer"
    return f"empty: write {words.get(str(last), str(last))}"
