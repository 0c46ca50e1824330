"""Builds on every OS: with the `spawn` start method that Windows and macOS use, and with `fork`
gone altogether, a full build makes the same bytes as a build in one process."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from guidegen.editions import EDITIONS
from helpers import MLOPS, ROOT, run_cli

#: Python run as `python -c`: no fork anywhere, spawn for every process, then `python -m guidegen`.
NO_FORK = """
import multiprocessing, os, runpy, sys
multiprocessing.set_start_method("spawn")
for name in ("fork", "forkpty", "register_at_fork"):
    if hasattr(os, name):
        delattr(os, name)
sys.argv = ["guidegen", *sys.argv[1:]]
runpy.run_module("guidegen", run_name="__main__")
"""


def _outputs(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.mark.slow
def test_a_full_build_with_spawn_and_no_fork_matches_a_serial_build(tmp_path: Path) -> None:
    serial = run_cli("build", MLOPS, "--project", ROOT, "--out", tmp_path / "serial", "--jobs", "1",
                     "--quiet")
    assert serial.code == 0, serial.err
    result = subprocess.run(
        [sys.executable, "-c", NO_FORK, "build", str(MLOPS), "--project", str(ROOT),
         "--out", str(tmp_path / "spawned"), "--jobs", "2"],
        capture_output=True, text=True, check=False, timeout=240)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert [line.split()[0] for line in result.stderr.splitlines()] == ["built"] * len(EDITIONS)
    assert _outputs(tmp_path / "spawned") == _outputs(tmp_path / "serial")


@pytest.mark.slow
def test_bad_content_found_in_a_spawned_worker_is_a_message(tmp_path: Path) -> None:
    """A question that leaves no room to write its answer under it is found while laying out, in
    a worker: it still comes back as `file:line:col: field: message`, exit status 2, no traceback."""
    minimal = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"
    too_long = tmp_path / "too-long-question.yaml"
    question = "What is a test? " + "Say why it matters, and how you would know it failed. " * 30
    too_long.write_text(minimal.read_text(encoding="utf-8").replace(
        "question: What is a test?", f"question: {question.strip()}"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", NO_FORK, "build", str(too_long), "--project", str(ROOT),
         "--out", str(tmp_path / "out"), "--edition", "print,epub", "--jobs", "2"],
        capture_output=True, text=True, check=False, timeout=240)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "technical.questions[0].question (Q1): Q1 leaves too little room to write" in result.stderr
    out = tmp_path / "out"
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
