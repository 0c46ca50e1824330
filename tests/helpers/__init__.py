"""Shared test helpers, in one place: the repository's guides and fixtures, and the command line
driven in this process. Facts read from real PDFs are in helpers.pdf, from real EPUBs in
helpers.epub, from real readers run on them (MuPDF, calibre, Ace) in helpers.readers, from real
web pages in helpers.web; a real browser (Chromium, axe-core) is helpers.browser."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from guidegen.cli.main import main
from guidegen.editions import EDITIONS, Options, named
from guidegen.load import load_guide
from guidegen.model.guide import Guide

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MLOPS = ROOT / "content" / "mlops-engineer-uk.yaml"
SECOND = FIXTURES / "guides" / "data-analyst-de.yaml"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
GUIDES = [MLOPS, SECOND]
#: The MLOps guide as its author first wrote it, in plain text: a copy, in the repository so that the
#: tests never read outside it, of ../shared/source/mlops-engineer-interview-guide-uk.txt.
SOURCE = FIXTURES / "import" / "mlops-engineer-interview-guide-uk.txt"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path) -> Run:
    """Run `guidegen ARGS` in this process (so WeasyPrint is imported once per test session)."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class Reported:
    """One problem or warning as guidegen prints it: `file:line:col: [warning: ]field (item): message`."""

    line: int
    column: int
    field: str
    item: str  # what the editions call the field's item: Q2, B1, red flag 3; "" outside one
    message: str
    warning: bool


_REPORTED = re.compile(r"^.*?:(\d+):(\d+): (warning: )?(?:([^\s:()]+)(?: \(([^)]+)\))?: )?(.*)$",
                       re.MULTILINE)


def reported(err: str) -> list[Reported]:
    """Every problem and warning in a command's standard error, in order."""
    return [Reported(int(line), int(column), field or "", item or "", message, bool(warning))
            for line, column, warning, field, item, message in _REPORTED.findall(err)]


def built(result: Run) -> list[str]:
    """The outputs a build reported making, by file name."""
    return [Path(line.split()[1]).name for line in result.err.splitlines() if line.startswith("built ")]


def output_name(edition: str, guide: Guide, options: Options | None = None) -> str:
    """The file an edition writes for a guide, as the edition table names it."""
    [found] = named([edition])
    return found.filename(guide, found.options(options or Options()))


def output_names(guide: Guide, options: Options | None = None) -> list[str]:
    """Every file a build of every edition writes for a guide, sorted: one per row of the table."""
    return sorted(output_name(edition.name, guide, options) for edition in EDITIONS)


@cache
def guide_of(path: Path, project: Path = ROOT) -> Guide:
    """A guide as the loader reads it in a project (the repository by default), loaded once."""
    return load_guide(path, project=project)


def squash(text: str) -> str:
    """Text compared as a reader sees it, whatever laid it out: no whitespace, ligatures (ﬁ) unfolded,
    and none of the joiners and soft hyphens that line breaking adds."""
    return re.sub(r"[\s\u2060\u00ad]+", "", unicodedata.normalize("NFKC", text))


def in_order(parts: list[str], text: str) -> bool:
    """Whether every part appears in the text, each after the one before."""
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True
