"""`guidegen new`: a project to start from, or a new guide in an existing one.

A new project is a folder with content/<id>.yaml (every section, commented, valid and buildable as
it stands), content/guide.schema.json (so an editor completes and checks the guide offline),
packs/example.csv (the columns of a packs file, for `guidegen build --packs`, with one made-up
candidate to replace) and a .gitignore that keeps output/ and packs/ (personal data) out of version
control. In a folder that already has content/, only
the guide (and a refreshed schema) is added. Nothing existing is overwritten.

What the guide holds for its author to replace is never taken for content: a field only the author
can fill is a `TODO: …` placeholder (read as left out), and the example questions, answers and
flags that show the format are known here by their words, so `check` warns about each one still
as written (`leftover_examples`) until the author replaces it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from ..model.fields import texts
from ..model.guide import is_slug
from ..model.ids import SLUG_MAX
from ..model.schema import MODELINE, write_schema
from .yamlwrite import inline_scalar

#: The fields whose example `new` writes is content to replace, not a default one may keep.
EXAMPLE_FIELDS = frozenset({"question", "answer", "shows", "flag", "why", "text"})
DEFAULT_TITLE = "My Interview Guide"
DEFAULT_ID = "my-guide"
#: What a project keeps out of version control: what it builds, and candidates' personal data.
IGNORED = ("output/", "packs/")
PACKS_EXAMPLE = Template(
    "name,email,guide,role,date,time zone,times in,stage 1 time,stage 1 place,stage 1 interviewers,"
    "stage 2 time,stage 2 place,stage 2 interviewers,next steps\n"
    "Alex Example,alex@example.com,$id,,$date,Europe/London,,10:00,https://meet.example.com/alex,"
    "\"Sam Lee, Recruiter\",11:00,\"Room 2, 1 Example Street\","
    "\"Priya Shah, Engineering Manager, leads the platform team\",\n")


def unusable_id(guide_id: str) -> str:
    """Why `guide_id` cannot be a guide's id (model.guide.is_slug), for `new` and `import`."""
    return (f"'{guide_id}' is not a usable id: use lowercase letters, digits and single hyphens, at "
            f"most {SLUG_MAX} characters, e.g. --id data-analyst-uk")


class ScaffoldError(Exception):
    """Something `new` will not do: overwrite a guide, or use an id that is not a slug."""


@dataclass
class Created:
    guide: Path
    written: list[Path] = field(default_factory=list)


def guide_text(guide_id: str, title: str, today: dt.date) -> str:
    """The new guide's YAML."""
    template = resources.files(__package__).joinpath("new-guide.yaml").read_text(encoding="utf-8")
    return Template(template).substitute(modeline=MODELINE, id=guide_id, title=inline_scalar(title),
                                         date=today.isoformat(), year=today.year)


def new_project(folder: Path, *, guide_id: str | None, title: str | None) -> Created:
    """Scaffold a project in `folder` (created if missing), or add a guide to the one there."""
    title = (title or "").strip()
    guide_id = guide_id or (_slug(title) if title else DEFAULT_ID)
    title = title or DEFAULT_TITLE
    if not is_slug(guide_id):
        raise ScaffoldError(unusable_id(guide_id))
    content = folder / "content"
    target = content / f"{guide_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists: choose another id with --id")
    created = Created(target)
    content.mkdir(parents=True, exist_ok=True)
    target.write_text(guide_text(guide_id, title, dt.date.today()), encoding="utf-8", newline="\n")
    created.written.append(target)
    created.written.append(write_schema(content))
    packs = folder / "packs"
    if not packs.exists():
        packs.mkdir()
        example = packs / "example.csv"
        day = dt.date.today() + dt.timedelta(days=14)
        example.write_text(PACKS_EXAMPLE.substitute(id=guide_id, date=day.isoformat()), encoding="utf-8",
                           newline="")
        created.written.append(example)
    ignore = folder / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else []
    missing = [line for line in IGNORED if not {line, line.rstrip("/"), "/" + line} & set(lines)]
    if missing:
        with ignore.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(("\n" if lines and not ignore.read_text(encoding="utf-8").endswith("\n") else "")
                         + "".join(f"{line}\n" for line in missing))
        created.written.append(ignore)
    return created


def _slug(title: str) -> str:
    from ..model.ids import guide_slug

    return guide_slug(title)


@cache
def _examples() -> dict[str, frozenset[str]]:
    """The example text `new` writes in each of EXAMPLE_FIELDS (the template's own words)."""
    from ..load.yamltree import parse

    found: dict[str, set[str]] = {name: set() for name in EXAMPLE_FIELDS}
    data = parse(guide_text("example", DEFAULT_TITLE, dt.date(2000, 1, 1))).data
    for path, text in texts(data):
        if path and path[-1] in found:
            found[str(path[-1])].add(" ".join(text.split()))
    return {name: frozenset(texts) for name, texts in found.items()}


def leftover_examples(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Each field of a guide's data (as read) that still holds the example `new` wrote there."""
    examples = _examples()
    return [(path, text) for path, text in texts(data)
            if path and path[-1] in examples and " ".join(text.split()) in examples[str(path[-1])]]


