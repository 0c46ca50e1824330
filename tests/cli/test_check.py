"""`guidegen check`'s contract: problems exit 2 in file:line:col form; warnings exit 0, or 1 with
--strict, each as `file:line:col: warning: field: message`; an ok line per guide on stdout."""

from __future__ import annotations

import re

from guidegen.model.problems import display_name
from helpers import FIXTURES, MLOPS, ROOT, run_cli


def test_warnings_exit_0_and_1_when_strict() -> None:
    relaxed = run_cli("check", MLOPS, "--project", ROOT)
    strict = run_cli("check", MLOPS, "--project", ROOT, "--strict")
    assert (relaxed.code, strict.code) == (0, 1)
    assert relaxed.err == strict.err
    name = re.escape(display_name(MLOPS))
    assert re.fullmatch(rf"{name}:\d+:\d+: warning: resources\[4\]\.title \(resource 5\): "
                        r"resource 'MLOps Engineer Salary Guide' has no URL: .*\n", relaxed.err)
    assert relaxed.out == f"{display_name(MLOPS)}: ok (mlops-engineer-uk), 1 warning\n"


def test_problems_still_exit_2_with_no_warnings() -> None:
    bad = FIXTURES / "invalid" / "missing-field.yaml"
    result = run_cli("check", bad, "--project", ROOT, "--strict")
    assert result.code == 2 and "warning" not in result.err
    assert re.search(r"missing-field\.yaml:\d+:\d+: technical\.questions\[0\]\.question \(Q1\): "
                     r"field required", result.err)
    assert result.out == ""


def test_strict_passes_a_guide_without_warnings() -> None:
    assert run_cli("check", FIXTURES / "valid" / "minimal.yaml", "--project", ROOT, "--strict").code == 0
