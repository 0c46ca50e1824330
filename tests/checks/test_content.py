"""The content warnings `guidegen check` gives, each on a fixture made for it, at its field's line;
and none on the guides the suite builds, beyond the resource each has without a URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, MINIMAL, MLOPS, ROOT, SECOND, reported, run_cli

WARNINGS = FIXTURES / "warnings"


def _warnings(path: Path) -> list[tuple[int, str, str]]:
    """(line, field, message) of each warning `guidegen check` prints for a guide."""
    result = run_cli("check", path, "--project", ROOT)
    assert result.code == 0, result.err
    return [(found.line, found.field, found.message) for found in reported(result.err) if found.warning]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize(("fixture", "field", "message", "at"), [
    ("no-question-mark", "technical.questions[0].question", "Q1 has no question mark", "question: What is"),
    ("no-topics", "technical.questions[0].topics", "Q1 has no topics", "- id: first-question"),
    ("resource-without-url", "resources[0].title", "resource 'pytest documentation' has no URL",
     "title: pytest"),
    ("mixed-spelling", "red_flags[0].why", "'color' is American spelling, but the guide mostly uses British",
     "in any color"),
])
def test_each_warning_fires_on_its_fixture(fixture: str, field: str, message: str, at: str) -> None:
    path = WARNINGS / f"{fixture}.yaml"
    [(line, found_field, found_message)] = _warnings(path)
    assert (found_field, line) == (field, _line_of(path, at))
    assert found_message.startswith(message)


def test_duplicate_and_near_duplicate_questions() -> None:
    path = WARNINGS / "duplicate-questions.yaml"
    assert [(field, message.split(" (")[0]) for _, field, message in _warnings(path)] == [
        ("technical.questions[2].question", "Q3 is nearly the same question as Q2"),
        ("behavioural.questions[1].question", "B2 repeats B1 word for word"),
    ]


def test_a_prompt_ending_in_a_full_stop_is_not_a_missing_question_mark() -> None:
    # "Walk me through how you set up observability…." (MLOps B5), "Erzählen Sie von…." (German B1)
    for guide in (MLOPS, SECOND):
        assert not [w for w in _warnings(guide) if "question mark" in w[2]]


@pytest.mark.parametrize("guide", [MLOPS, SECOND], ids=lambda p: p.stem)
def test_the_guides_warn_only_of_their_resource_without_a_url(guide: Path) -> None:
    assert [field for _, field, _ in _warnings(guide)] == [
        next(f"resources[{i}].title" for i, line in enumerate(_resources_without_url(guide)) if line)]


def _resources_without_url(guide: Path) -> list[bool]:
    from guidegen.load import load_guide

    return [resource.url is None for resource in load_guide(guide, project=ROOT).resources]


def test_a_clean_guide_has_no_warnings() -> None:
    assert _warnings(MINIMAL) == []
