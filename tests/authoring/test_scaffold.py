"""`guidegen new`, end to end through the command line: in an empty folder, a project whose guide
passes `check` and builds every edition; in a project, one more guide; never an overwrite."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from guidegen.editions import EDITIONS
from guidegen.load import load_guide
from guidegen.model.schema import MODELINE, SCHEMA_FILE
from helpers import output_name, reported, run_cli


def test_new_then_check_and_build_in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    created = run_cli("new", "my-guides", "--title", "Data Analyst Interview Questions UK")
    assert created.code == 0, created.err
    project = tmp_path / "my-guides"
    guide_file = project / "content" / "data-analyst-uk.yaml"
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()) == sorted([
        ".gitignore", f"content/{SCHEMA_FILE}", f"content/{guide_file.name}", "packs/example.csv"])
    assert (project / ".gitignore").read_text() == "output/\npacks/\n"  # packs hold personal data
    text = guide_file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    for section in ("guide:", "introduction:", "stages:", "technical:", "behavioural:", "red_flags:",
                    "# resources:", "closing:", "# settings:", "# brand:"):
        assert f"\n{section}" in text, section

    monkeypatch.chdir(project)
    assert run_cli("check").code == 0  # it checks and builds as it stands…
    checked = run_cli("check", "--strict")  # …but all it holds to replace is a warning
    assert checked.code == 1 and checked.out.startswith(f"content/{guide_file.name}: ok (data-analyst-uk), ")
    warned = {found.field for found in reported(checked.err) if found.warning}
    assert {"guide.role", "guide.author", "guide.publisher", "guide.description", "introduction",
            "technical.questions[0].question", "technical.questions[0].answer",
            "behavioural.questions[0].shows", "red_flags[0].why"} <= warned
    built = run_cli("build", "--jobs", "1", "--quiet")
    assert built.code == 0, built.err
    guide = load_guide(guide_file, project=project)
    assert guide.guide.title == "Data Analyst Interview Questions UK"
    for edition in EDITIONS:
        assert (project / "output" / output_name(edition.name, guide)).is_file()
    for edition in ("print", "cards", "handout"):  # no placeholder in a page or the metadata
        path = project / "output" / output_name(edition, guide)
        with pdfplumber.open(path) as pdf:
            words = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
            assert "TODO" not in words and "TODO" not in str(pdf.metadata), edition
            if edition == "print":
                assert "Data Analyst Interview Questions UK" in words

    packed = run_cli("build", "--packs", "packs/example.csv", "--jobs", "1", "--quiet")
    assert packed.code == 0, packed.err  # the example round builds as it stands, against the new guide
    [pack] = (project / "output" / "packs").glob("alex-example-*/data-analyst-uk-pack.pdf")
    with pdfplumber.open(pack) as pdf:
        assert "Dear Alex Example," in (pdf.pages[0].extract_text() or "")

    guide_file.write_text(text.replace("TODO: your name", "Sam Lee").replace(
        "Tell me about a time something you built went wrong.", "Tell me about a release you rolled back."),
        encoding="utf-8")
    again = run_cli("check")
    assert "guide.author:" not in again.err and "behavioural.questions[0].question:" not in again.err


def test_new_adds_a_guide_to_a_project_and_never_overwrites(tmp_path: Path) -> None:
    assert run_cli("new", tmp_path).code == 0
    first = tmp_path / "content" / "my-guide.yaml"
    before = first.read_bytes()
    again = run_cli("new", tmp_path)
    assert again.code == 2 and "already exists" in again.err and "Traceback" not in again.err
    assert first.read_bytes() == before
    second = run_cli("new", tmp_path, "--id", "second-guide", "--title", "Second: a guide # with marks")
    assert second.code == 0, second.err
    guide = load_guide(tmp_path / "content" / "second-guide.yaml", project=tmp_path)
    assert guide.guide.title == "Second: a guide # with marks"  # quoted as YAML needs
    assert (tmp_path / ".gitignore").read_text().count("output/") == 1


@pytest.mark.parametrize("guide_id", ["Not A Slug", "a" * 81], ids=["spaces", "81-characters"])
def test_new_refuses_an_id_that_is_not_a_slug(tmp_path: Path, guide_id: str) -> None:
    """What `check` would refuse is refused before anything is written (a guide's id is at most 80)."""
    result = run_cli("new", tmp_path, "--id", guide_id)
    assert result.code == 2 and "is not a usable id" in result.err
    assert not (tmp_path / "content").exists()
