"""Near-duplicate questions, found through an index: the same pairs as comparing every pair, on
every question the suite's guides and the real-world documents hold, and about linear time on
thousands of questions or two long ones (how fast: benchmarks/run.py --only hostile)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from guidegen.checks.duplicates import alike, trigrams
from helpers import FIXTURES, ROOT, reported, run_cli

THRESHOLD = 0.8  # as checks/content.py warns


def _dice(a: str, b: str) -> float:
    """Two texts' Dice coefficient over their character trigrams, by the definition."""
    x, y = trigrams(a), trigrams(b)
    return 2 * sum((x & y).values()) / (sum(x.values()) + sum(y.values()))


def _every_pair(texts: list[str]) -> list[tuple[int, int]]:
    """For each text, the earliest earlier one the same or at least THRESHOLD alike: all pairs."""
    found = []
    grams = [trigrams(text) for text in texts]
    sizes = [gram.total() for gram in grams]
    for later, text in enumerate(texts):
        same = next((earlier for earlier in range(later) if texts[earlier] == text), None)
        near = next((earlier for earlier in range(later) if 2 * (grams[earlier] & grams[later]).total()
                     >= THRESHOLD * (sizes[earlier] + sizes[later])), None)
        if same is not None or near is not None:
            found.append((later, same if same is not None else near))
    return found


def _questions() -> list[str]:
    """Every question in the repository's guides and the real-world documents' hand-written truth."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                found.append(value) if key == "question" and isinstance(value, str) else walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted([*FIXTURES.rglob("*.yaml"), *(ROOT / "content").glob("*.yaml")]):
        try:
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the fixtures of broken guides
    return [" ".join(question.casefold().split()) for question in found]


def test_the_index_finds_what_comparing_every_pair_finds() -> None:
    texts = _questions()
    assert len(texts) > 300
    found = [(each.later, each.earlier) for each in alike(texts, THRESHOLD)]
    assert found == _every_pair(texts)
    assert len(found) > 10  # the guides do hold near-duplicates


def test_random_near_duplicates_are_found_among_many() -> None:
    """Questions with a word changed, among thousands of others: each found beside its original."""
    rng = random.Random(28)
    words = [f"{rng.choice('bcdfgklmnprstvz')}{rng.choice('aeiou')}{rng.choice('bcdfgklmnprstvz')}"
             f"{rng.choice('aeiou')}" for _ in range(800)]
    texts = [" ".join(rng.choice(words) for _ in range(10)) for _ in range(600)]
    originals = rng.sample(range(600), 40)
    for original in originals:
        changed = texts[original].split()
        changed[rng.randrange(10)] = rng.choice(words)
        texts.append(" ".join(changed))
    found = {each.later: each.earlier for each in alike(texts, THRESHOLD)}
    for offset, original in enumerate(originals):
        later = 600 + offset
        if _dice(texts[original], texts[later]) >= THRESHOLD:  # a changed word may be a longer one
            assert later in found and _dice(texts[found[later]], texts[later]) >= THRESHOLD
    assert sorted(found.items()) == _every_pair(texts)


@pytest.mark.timeout(120)  # comparing every pair: over five minutes
def test_check_of_five_thousand_questions_warns_of_each_near_duplicate(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8"))
    topics = ["drift", "feature stores", "pipelines", "monitoring", "canary releases"]
    data["technical"]["questions"] = [
        {"question": f"How would you test {topics[number % 5]} for service {number}?",
         "answer": "Name the trade-off, the measure and the fallback."} for number in range(5000)]
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_cli("check", path, "--project", ROOT)
    assert result.code == 0, result.err[-2000:]
    near = [found for found in reported(result.err) if "nearly the same question" in found.message]
    # "…service 10?" and "…service 100?" are far closer than the first of a topic is to anything
    assert len(near) > 4000 and all(found.field.startswith("technical.questions[") for found in near)


@pytest.mark.timeout(120)  # difflib on two 60 KB questions: three minutes
def test_two_long_near_duplicate_questions_are_told(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8"))
    rng = random.Random(60)
    long = " ".join(rng.choice(["model", "data", "drift", "latency", "owner", "budget"]) for _ in range(9000))
    data["technical"]["questions"] = [{"question": long + "?", "answer": "One."},
                                      {"question": long + " today?", "answer": "Two."}]
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, width=10_000_000), encoding="utf-8")
    result = run_cli("check", path, "--project", ROOT)
    assert result.code == 0, result.err[-2000:]
    [near] = [found for found in reported(result.err) if "nearly the same question" in found.message]
    assert near.item == "Q2" and "Q2 is nearly the same question as Q1 (100% alike)" in near.message
