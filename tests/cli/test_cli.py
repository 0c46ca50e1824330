"""The command line: exit statuses, help with examples, and `python -m guidegen`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guidegen import __version__
from helpers import MINIMAL, MLOPS, ROOT, run_cli


def test_version_and_module_entry_point() -> None:
    result = subprocess.run([sys.executable, "-m", "guidegen", "--version"],
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.strip()) == (0, f"guidegen {__version__}")


@pytest.mark.parametrize("command", ["check", "build", "calibrate", "new", "import", "schema", "watch",
                                     "doctor"])
def test_help_shows_examples(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0
    assert "examples:" in result.out and f"guidegen {command}" in result.out


def test_help_names_each_card_size_by_what_it_is() -> None:
    """The help says what each card size is, in millimetres, and how many a sheet holds, as the
    cards edition lays them out on either paper."""
    from guidegen.base.paper import CARDS, PAPER_NAMES
    from guidegen.editions.imposition import card_grid

    text = " ".join(run_cli("build", "--help").out.split())
    for name, cut in CARDS.items():
        [per_sheet] = {card_grid(cut, paper).per_sheet for paper in PAPER_NAMES}
        assert f"{name} ({cut.label}, {per_sheet} a sheet)" in text, name
        assert f"{name} {cut.label}, {per_sheet} a sheet ({cut.note})" in text, name


def test_check_reports_ok_per_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli("check")
    assert result.code == 0
    assert result.out == f"{MLOPS.relative_to(ROOT)}: ok (mlops-engineer-uk), 1 warning\n"


def test_unknown_edition_is_a_usage_error() -> None:
    result = run_cli("build", MLOPS, "--edition", "poster")
    assert result.code == 2 and "unknown edition 'poster'" in result.err


def test_editions_may_be_named_in_any_case_and_repeated(tmp_path: Path) -> None:
    result = run_cli("build", MLOPS, "--project", ROOT, "--out", tmp_path,
                     "--edition", "Web", "--edition", "ANKI,web")
    assert result.code == 0, result.err
    built = sorted(path.suffix for path in tmp_path.iterdir() if not path.name.startswith("."))
    assert built == [".apkg", ".html"]


def test_bad_back_offset_is_a_usage_error() -> None:
    result = run_cli("build", MLOPS, "--back-offset", "left")
    assert result.code == 2 and "expected X,Y in millimetres" in result.err


def test_project_without_guides(tmp_path: Path) -> None:
    result = run_cli("build", "--project", tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"guidegen: no guides found in {tmp_path / 'content'}; ")


def test_bad_guide_builds_nothing(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "fixtures" / "invalid" / "missing-field.yaml"
    result = run_cli("build", bad, "--project", ROOT, "--out", tmp_path)
    assert result.code == 2 and "technical.questions[0].question (Q1): field required" in result.err
    assert list(tmp_path.iterdir()) == []


def test_negative_back_offset_is_accepted(tmp_path: Path) -> None:
    result = run_cli("calibrate", "--project", ROOT, "--out", tmp_path, "--back-offset", "-1.2,0.7")
    assert result.code == 0, result.err
    assert Path(result.out.strip()).is_file()


@pytest.mark.parametrize(("args", "said"), [
    (["biuld"], "unknown command 'biuld' (did you mean 'build'?)"),
    (["build", "--edition", "prnt"], "unknown edition 'prnt' (did you mean 'print'?)"),
    (["check", "--cards", "idnex"], "'idnex' is not one of a6, a7, index (did you mean 'index'?)"),
])
def test_a_mistyped_command_or_value_is_told_what_it_is_most_like(args: list[str], said: str) -> None:
    result = run_cli(*args)
    assert result.code == 2 and said in result.err and "Traceback" not in result.err


def test_option_values_in_any_case_and_the_short_version_flag() -> None:
    result = run_cli("check", MLOPS, "--project", ROOT, "--cards", "A7", "--paper", "Letter")
    assert result.code == 0, result.err
    assert "A7 cards" in result.err
    short = subprocess.run([sys.executable, "-m", "guidegen", "-V"], capture_output=True, text=True,
                           check=False)
    assert (short.returncode, short.stdout.strip()) == (0, f"guidegen {__version__}")


@pytest.mark.parametrize(("args", "said"), [
    (["build", "--jobs", "0"], "from 1 to"), (["build", "--jobs", "99999999999999999999"], "from 1 to"),
    (["build", "-j", "1.5"], "from 1 to"), (["watch", "--port", "70000"], "from 0 to 65535"),
    (["watch", "--port", "-1"], "from 0 to 65535"), (["watch", "--port", "http"], "from 0 to 65535"),
    (["build", "--back-offset", "1e308,0"], "between -10 and 10"),
    (["build", "--back-offset", "nan,0"], "between -10 and 10"),
])
def test_a_number_out_of_range_is_refused_naming_the_range(args: list[str], said: str) -> None:
    result = run_cli(*args, "--project", ROOT)
    assert result.code == 2 and said in result.err and "Traceback" not in result.err, result.err


@pytest.mark.parametrize("value", ["99999999999999", "abc", "-5", "1.5", "1e9", "१२३"])
def test_a_source_date_epoch_no_output_can_hold_is_refused(
        value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for args in (["check", MINIMAL], ["build", MINIMAL, "--edition", "epub", "--out", tmp_path]):
        result = run_cli(*args, "--project", ROOT)
        assert result.code == 2 and "SOURCE_DATE_EPOCH" in result.err, result.err
        assert "from 0 to 253402300799" in result.err
        assert "Traceback" not in result.err and len(result.err.splitlines()) == 1
    assert not list(tmp_path.iterdir())
