"""Building packs (pipeline/packs.py, pipeline/clean.py): personal data stays in each candidate's
folder under output/packs/, nowhere else; every problem of a packs file at once, with nothing
written; `clean --packs` deletes exactly what guidegen made."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from helpers import SECOND, run_cli
from helpers.packs import HOSTILE, KENJI, ZOE, build, recruiter_project

NAMES = [ZOE[0], KENJI[0], "<script>", "Priya Shah", "Ruth Okafor", "zoe@example.com", "kenji@example.com"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return recruiter_project(tmp_path / "project")


def _hashes(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != ".guidegen-lock"}


def test_each_candidate_has_a_folder_of_their_own_inside_packs(project: Path) -> None:
    packs = build(project)
    root = project / "output" / "packs"
    assert sorted(packs) == sorted([ZOE[2], KENJI[2], HOSTILE[2]])
    for pack in packs.values():
        assert pack.folder.parent == root
        assert sorted(path.name for path in pack.folder.iterdir()) == [
            "mlops-engineer-uk-interviews.ics", "mlops-engineer-uk-pack.pdf"]
    everything = [path for path in project.rglob("*") if path.is_file()]
    assert not [path for path in everything if "script" in str(path.relative_to(project)).lower()
                and not path.is_relative_to(root)]
    recorded = json.loads((root / ".guidegen-owned.json").read_text())
    assert recorded == sorted(pack.folder.name for pack in packs.values())
    assert sorted(path.name for path in (project / "output").iterdir()) == [".guidegen-lock", "packs"]


def test_two_candidates_of_one_name_never_share_a_folder(project: Path) -> None:
    csv = project / "packs" / "twins.csv"
    csv.write_text("name,email,date,time zone,stage 1 time\n"
                   "Ana Souza,ana@example.com,2027-01-14,Europe/London,10:00\n"
                   "Ana Souza,asouza@example.org,2027-01-14,Europe/London,11:00\n", encoding="utf-8")
    result = run_cli("build", "--project", project, "--packs", csv, "--jobs", "1")
    assert result.code == 0, result.err
    folders = sorted(path.name for path in (project / "output" / "packs").iterdir() if path.is_dir())
    assert len(folders) == 2 and all(name.startswith("ana-souza-") for name in folders)
    same = csv.read_text(encoding="utf-8").replace("asouza@example.org", "ana@example.com")
    csv.write_text(same, encoding="utf-8")
    again = run_cli("build", "--project", project, "--packs", csv, "--jobs", "1")
    assert again.code == 2
    assert f"{csv}:3:1: column \"name\": the same candidate as line 2 (same name, email and guide)" \
        in again.err


def test_packs_appear_in_no_other_output_and_a_plain_build_leaves_them_alone(project: Path) -> None:
    shutil.copy(SECOND, project / "content" / SECOND.name)  # two guides: a catalogue page too
    build(project)
    packs = project / "output" / "packs"
    before = _hashes(packs)
    result = run_cli("build", "--project", project, "--edition", "web,epub,anki", "--jobs", "1")
    assert result.code == 0, result.err
    assert _hashes(packs) == before
    for path in (project / "output").iterdir():
        if path.is_file():
            data = path.read_bytes()
            assert not [name for name in NAMES if name.encode() in data], path
    assert (project / "output" / "index.html").is_file()


def test_every_problem_of_a_round_at_once_and_the_packs_there_kept(project: Path) -> None:
    build(project)
    before = _hashes(project / "output")
    bad = project / "packs" / "bad.csv"
    bad.write_text(
        "name,guide,date,time zone,stage 1 time,stage 6 time,stage 2 time\n"
        "Ana,mlops-engineer-uk,2027-01-14,Europe/London,10:00,11:00,\n"
        "Ben,mlops-engineer,2027-01-14,Europe/London,10:00,,\n"
        "Cy,mlops-engineer-uk,2027-01-14,Europe/London,,,12:00\n", encoding="utf-8")
    result = run_cli("build", "--project", project, "--packs", bad)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.splitlines() == [
        f"{bad}:2:6: column \"stage 6 time\": the guide 'mlops-engineer-uk' has no stage 6: its stages are "
        "1 Recruiter screen, 2 Infrastructure coding, 3 ML system design, 4 Technical deep-dive, "
        "5 Behavioural",
        f"{bad}:3:2: column \"guide\": no guide has the id 'mlops-engineer': did you mean "
        "'mlops-engineer-uk'?",
    ]
    assert _hashes(project / "output") == before
    bad.write_text("name,date,time zone,stage 2 time\nCy,2027-01-14,Europe/London,12:00\n", encoding="utf-8")
    fixed = run_cli("build", "--project", project, "--packs", bad)
    assert fixed.code == 0, fixed.err  # one guide in the project: the guide column may be left out


def test_a_stage_the_invitation_cannot_end(project: Path) -> None:
    guide = project / "content" / "mlops-engineer-uk.yaml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("duration: 30 min", "duration: a short call"),
                     encoding="utf-8")
    csv = project / "packs" / "round.csv"
    csv.write_text("name,date,time zone,stage 1 time\nAna,2027-01-14,Europe/London,10:00\n", encoding="utf-8")
    result = run_cli("build", "--project", project, "--packs", csv)
    assert result.code == 2
    assert result.err.strip() == (
        f"{csv}:2:4: column \"stage 1 time\": the guide's stage 1 (Recruiter screen) says its length as "
        "'a short call', which is no number of minutes: write when it ends too, such as 10:00-11:00")
    csv.write_text("name,date,time zone,stage 1 time\nAna,2027-01-14,Europe/London,10:00-10:20\n",
                   encoding="utf-8")
    assert run_cli("build", "--project", project, "--packs", csv).code == 0


def test_a_name_no_font_draws_is_refused(project: Path) -> None:
    csv = project / "packs" / "round.csv"
    csv.write_text("name,date,time zone,stage 1 time,stage 1 interviewers\n"
                   "Ana,2027-01-14,Europe/London,10:00,\"Jo Lee, Lead \U0010fffd\"\n", encoding="utf-8")
    result = run_cli("build", "--project", project, "--packs", csv)
    assert result.code == 2
    [line] = result.err.splitlines()
    assert line.startswith(f"{csv}:2:5: column \"stage 1 interviewers\": no font on this machine draws the "
                           "symbols of this candidate's row ('\U0010fffd' (U+10FFFD))")
    assert not (project / "output" / "packs").exists()


def test_a_folder_guidegen_did_not_make_is_not_written_into(project: Path) -> None:
    packs = build(project)
    folder = packs[ZOE[2]].folder
    shutil.rmtree(folder)
    folder.mkdir()
    (folder / "notes.txt").write_text("the recruiter's own notes", encoding="utf-8")
    record = project / "output" / "packs" / ".guidegen-owned.json"
    record.write_text(json.dumps([packs[KENJI[2]].folder.name, packs[HOSTILE[2]].folder.name]))
    result = run_cli("build", "--project", project, "--packs", project / "packs" / "three.csv")
    assert result.code == 2
    assert result.err.startswith(f"guidegen: {folder} is not a folder guidegen made")
    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt"]
    assert run_cli("build", "--project", project, "--packs", project / "packs" / "three.csv",
                   "--force").code == 0


def test_clean_packs_deletes_the_packs_and_only_them(project: Path) -> None:
    build(project)
    run_cli("build", "--project", project, "--edition", "web", "--jobs", "1")
    mine = project / "output" / "packs" / "README.txt"
    mine.write_text("the recruiter's note", encoding="utf-8")
    result = run_cli("clean", "--project", project, "--packs")
    assert result.code == 0
    assert result.out.splitlines() == ["deleted 3 candidate packs from " + str(project / "output" / "packs"),
                                       "left in " + str(project / "output" / "packs") +
                                       ", not made by guidegen: README.txt"]
    assert sorted(path.name for path in (project / "output" / "packs").iterdir()) == ["README.txt"]
    assert (project / "output" / "mlops-engineer-uk.html").is_file()
    mine.unlink()
    result = run_cli("clean", "--project", project)
    assert result.code == 0 and not (project / "output").exists()


def test_a_round_built_from_inside_the_packs_folder_lands_in_the_projects_output(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cd packs && guidegen build --packs three.csv`: the project is the folder above, as it is for
    a guide named inside content/."""
    monkeypatch.chdir(project / "packs")
    result = run_cli("build", "--packs", "three.csv", "--jobs", "1")
    assert result.code == 0, result.err
    assert len([path for path in (project / "output" / "packs").iterdir() if path.is_dir()]) == 3
    assert not (project / "packs" / "output").exists()


def test_clean_never_works_on_an_input_folder(project: Path) -> None:
    for folder in (project, project / "content"):
        result = run_cli("clean", "--project", project, "--out", folder)
        assert result.code == 2 and "which holds what the build reads" in result.err
    assert (project / "content" / "mlops-engineer-uk.yaml").is_file() and (project / "brand.yaml").is_file()
