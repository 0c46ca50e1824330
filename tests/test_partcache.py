"""Parts kept between builds (guidegen.partcache): a changed answer lays out again only the part of
the booklet and of the deck that holds it, and the outputs equal a cold build's byte for byte; a
change to a style misses every part; a damaged entry is a miss; the cache keeps one build's parts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, MLOPS, ROOT, run_cli
from guidegen.partcache import CACHE_DIR

EDITIONS = "print,cards"
OUTPUTS = {"print": "mlops-engineer-uk-print", "cards": "mlops-engineer-uk-cards"}
ANSWER = "Two types: data drift"  # Q2's answer begins so, in the guide and on one card
CHANGED = "Two kinds: data drift"


def build(guide: Path, out: Path, project: Path = ROOT, editions: str = EDITIONS) -> None:
    result = run_cli("build", guide, "--project", project, "--edition", editions, "--out", out,
                     "--quiet")
    assert result.code == 0, result.err


def entries(out: Path, output: str) -> set[str]:
    """The keys of an output's cached parts."""
    return {p.stem for p in (out / CACHE_DIR / output).glob("*.json")}


def change_answer(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    assert text.count(ANSWER) == 1
    guide.write_text(text.replace(ANSWER, CHANGED), encoding="utf-8")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A build, the same guide rebuilt after one answer changed, and a cold build of the change."""
    work = tmp_path_factory.mktemp("partcache")
    guide = work / MLOPS.name
    shutil.copy(MLOPS, guide)
    warm = work / "warm"
    build(guide, warm)
    before = {edition: entries(warm, name) for edition, name in OUTPUTS.items()}
    change_answer(guide)
    build(guide, warm)
    after = {edition: entries(warm, name) for edition, name in OUTPUTS.items()}
    cold = work / "cold"
    build(guide, cold)
    return {"before": before, "after": after, "warm": warm, "cold": cold, "guide": guide}


@pytest.mark.parametrize("edition", list(OUTPUTS))
def test_one_changed_answer_lays_out_one_part_again(rebuilt: dict, edition: str) -> None:
    before, after = rebuilt["before"][edition], rebuilt["after"][edition]
    assert len(before) >= 3, "the booklet and the deck are laid out in several parts"
    assert len(after - before) == 1, "exactly one part was laid out again"
    assert len(before - after) == 1, "and the part it replaced is no longer kept"


@pytest.mark.parametrize("edition", list(OUTPUTS))
def test_rebuilt_output_equals_a_cold_build(rebuilt: dict, edition: str) -> None:
    name = f"{OUTPUTS[edition]}.pdf"
    warm, cold = rebuilt["warm"] / name, rebuilt["cold"] / name
    assert warm.read_bytes() == cold.read_bytes()
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(warm).pages)
    assert CHANGED in text and ANSWER not in text
    assert entries(rebuilt["warm"], OUTPUTS[edition]) == entries(rebuilt["cold"], OUTPUTS[edition])


def test_a_damaged_entry_is_a_miss(rebuilt: dict, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(rebuilt["warm"], out)
    folder = out / CACHE_DIR / OUTPUTS["print"]
    damaged = sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_size)[-1]
    damaged.write_bytes(damaged.read_bytes()[:1000])
    (out / f"{OUTPUTS['print']}.pdf").unlink()  # so the booklet is built again
    build(rebuilt["guide"], out, editions="print")
    expected = rebuilt["cold"] / f"{OUTPUTS['print']}.pdf"
    assert (out / expected.name).read_bytes() == expected.read_bytes()
    assert damaged.read_bytes() == (rebuilt["cold"] / CACHE_DIR / OUTPUTS["print"] /
                                    damaged.name).read_bytes()  # laid out again and stored


def test_a_style_change_misses_every_part(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("templates", "styles"):
        shutil.copytree(ROOT / part, project / part)
    guide = FIXTURES / "valid" / "minimal.yaml"
    out = tmp_path / "out"
    build(guide, out, project)
    output = next(p.name for p in (out / CACHE_DIR).iterdir() if p.name.endswith("-print"))
    before = entries(out, output)
    with (project / "styles" / "print.css").open("a", encoding="utf-8") as css:
        css.write("\n/* a comment is a change */\n")
    build(guide, out, project)
    after = entries(out, output)
    assert before and after and not before & after
