"""Property: for any guide-shaped YAML, a build succeeds with files that open, or exits 2 with
`file:line:col:` messages; it never raises, hangs or prints a traceback.

Bounded for CI: a fixed number of examples (derandomized, so every run tries the same guides), on
one small base guide; EPUBCheck runs on the first few successful EPUBs only. Figures are in the
README ("Security").
"""

from __future__ import annotations

import copy
import re
import zipfile
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from helpers import FIXTURES, ROOT, run_cli
from helpers.epub import epubcheck

EXAMPLES = 20
EPUBCHECK_SAMPLES = 3
BASE: dict[str, Any] = yaml.safe_load((FIXTURES / "valid" / "minimal.yaml").read_text())
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: .+$")
TEXT_PATHS = [
    ("guide", "title"), ("guide", "subtitle"), ("introduction",), ("stages", 0, "name"),
    ("stages", 0, "what_happens"), ("technical", "questions", 0, "question"),
    ("technical", "questions", 0, "answer"), ("behavioural", "questions", 0, "shows"),
    ("red_flags", 0, "flag"), ("resources", 0, "title"), ("guide", "id"), ("resources", 0, "url"),
]

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
markdownish = st.lists(st.sampled_from(
    ["# head", "- item", "1. one", "**bold**", "`code`", "> quote", "[a](https://x.org)", "<b>raw</b>",
     "---", "| a | b |", "\\", "*", "```", "\n\n"]), max_size=6).map(" ".join)
values = st.one_of(texts, markdownish, st.integers(), st.booleans(), st.none(),
                   st.lists(texts, max_size=3), st.dictionaries(texts, texts, max_size=2))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@st.composite
def guides(draw: st.DrawFn) -> dict[str, Any]:
    """The base guide with some fields replaced by arbitrary values, dropped, or duplicated."""
    guide = copy.deepcopy(BASE)
    for path in draw(st.lists(st.sampled_from(TEXT_PATHS), max_size=4, unique=True)):
        _set(guide, path, draw(st.one_of(values, texts, markdownish)))
    for _ in range(draw(st.integers(0, 3))):  # more questions, some with repeated ids
        extra = copy.deepcopy(BASE["technical"]["questions"][0])
        extra["id"] = draw(st.sampled_from(["first-question", "second", "third-one"]))
        extra["answer"] = draw(markdownish) or "Answer."
        guide["technical"]["questions"].append(extra)
    if draw(st.booleans()):
        guide.pop(draw(st.sampled_from(sorted(guide))))
    return guide


@pytest.fixture(scope="module")
def epubcheck_budget() -> list[int]:
    return [EPUBCHECK_SAMPLES]


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(guide=guides())
def test_build_succeeds_or_reports_problems(guide: dict[str, Any], tmp_path_factory:
                                            pytest.TempPathFactory, epubcheck_budget: list[int]) -> None:
    work = tmp_path_factory.mktemp("fuzz")
    source = work / "guide.yaml"
    source.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("build", source, "--project", ROOT, "--out", work / "out", "--quiet")
    assert "Traceback" not in result.err
    if result.code == 2:
        problems = [line for line in result.err.splitlines() if not line.startswith(f"{source}: warning")]
        assert problems and all(PROBLEM_LINE.match(line) for line in problems), result.err
        return
    assert result.code == 0, result.err
    for pdf in (work / "out").glob("*.pdf"):
        assert len(PdfReader(pdf).pages) > 0
    for archive_path in [*(work / "out").glob("*.epub"), *(work / "out").glob("*.apkg")]:
        with zipfile.ZipFile(archive_path) as archive:
            assert archive.testzip() is None
    for book in (work / "out").glob("*.epub"):
        if epubcheck_budget[0] > 0:
            epubcheck_budget[0] -= 1
            assert epubcheck(book) == []


# --- logos, long tokens and numeric options (hostile input, round two) ------------------------

SVG_PARTS = ["<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>", "</svg>", "<rect width='5'/>",
             "<script>alert(1)</script>", "<use href='#a'/>", "<g id='a'><use href='#a'/></g>",
             "<!DOCTYPE svg [<!ENTITY x 'y'>]>", "&x;", "<image href='https://x.org/a.png'/>",
             "<a href='javascript:x'>", "</a>", "onload='x'", "<style>@import url(x)</style>"]
logos = st.one_of(
    st.lists(st.sampled_from(SVG_PARTS), max_size=8).map(lambda parts: "".join(parts).encode()),
    st.binary(max_size=200),
    st.binary(max_size=200).map(lambda tail: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + tail),
)
tokens = st.text(st.sampled_from("abcXYZ0189-_./:=?&#%"), min_size=80, max_size=400)
offsets = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.text(max_size=12))


@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(logo=logos, token=tokens, offset=offsets)
def test_logos_tokens_and_offsets_never_give_a_traceback(
        logo: bytes, token: str, offset: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    project = tmp_path_factory.mktemp("hostile-fuzz")
    guide = copy.deepcopy(BASE)
    guide["technical"]["questions"][0]["answer"] = f"See {token} and `{token}`."
    guide["red_flags"][0]["why"] = token
    (project / "content").mkdir()
    (project / "content" / "guide.yaml").write_text(yaml.safe_dump(guide), encoding="utf-8")
    (project / "brand.yaml").write_text("organisation: Acme\nlogo: logo.svg\n", encoding="utf-8")
    (project / "logo.svg").write_bytes(logo)
    for command in (["check"], ["build", "--jobs", "1", "--edition", "handout,epub"],
                    ["calibrate", f"--back-offset={offset},0"]):
        result = run_cli(*command, "--project", project)
        assert result.code in (0, 2) and "Traceback" not in result.err, (command, result.err)
