"""Builds: reproducible bytes, and a failed or killed build never disturbs the previous outputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from guidegen.base.writing import TEMP_SUFFIX
from guidegen.pipeline.freshness import FILE_STATS
from helpers import FIXTURES, ROOT, SECOND, run_cli

MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def digests(out: Path) -> dict[str, str]:
    """Hashes of the build's outputs and manifest, leaving out temporaries and the file stats
    (a cache of when inputs were last hashed, like git's index)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())
            if p.is_file() and not p.name.endswith(TEMP_SUFFIX) and p.name != FILE_STATS}


def build(guide: Path, out: Path, *flags: str) -> None:
    result = run_cli("build", guide, "--project", ROOT, "--out", out, "--quiet", *flags)
    assert result.code == 0, result.err


def test_dates_come_from_source_date_epoch_or_the_guide(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dated = ("--edition", "handout,epub,anki")  # a PDF, and the two zips
    build(MINIMAL, tmp_path / "guide-date", *dated)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    build(MINIMAL, tmp_path / "epoch-1", *dated)
    build(MINIMAL, tmp_path / "epoch-2", *dated)
    assert digests(tmp_path / "epoch-1") == digests(tmp_path / "epoch-2")
    for pdf in (tmp_path / "guide-date").glob("*.pdf"):
        assert PdfReader(pdf).metadata.creation_date.date().isoformat() == "2026-01-31"
        assert PdfReader(tmp_path / "epoch-1" / pdf.name).metadata.creation_date.year == 2023
    for book in (tmp_path / "epoch-1").glob("*.epub"):
        with zipfile.ZipFile(book) as archive:
            assert archive.namelist()[0] == "mimetype"
            assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    zips = [*(tmp_path / "epoch-1").glob("*.epub"), *(tmp_path / "epoch-1").glob("*.apkg")]
    assert len(zips) == 2
    for archive_path in zips:
        with zipfile.ZipFile(archive_path) as archive:
            assert all(info.date_time[0] == 2023 for info in archive.infolist())


def test_failed_build_leaves_previous_outputs_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    guide = tmp_path / "guide.yaml"
    shutil.copy(MINIMAL, guide)
    build(guide, out)
    before = digests(out)
    guide.write_text(MINIMAL.read_text().replace("A check that fails", "A changed check that fails")
                     .replace("    why: Nothing tells you when it breaks.\n", "    why: ''\n"))
    result = run_cli("build", guide, "--project", ROOT, "--out", out)
    assert result.code == 2 and "red_flags[0].why (red flag 1): must not be empty" in result.err
    assert digests(out) == before


def test_an_error_in_a_later_guide_writes_nothing_at_all(tmp_path: Path) -> None:
    """All outputs of a build land together: a question with no room to answer under it, found
    while laying out one guide, keeps every output of the other as it was."""
    out = tmp_path / "out"
    build(MINIMAL, out)
    before = digests(out)
    huge = tmp_path / "huge.yaml"
    words = " ".join(["overflowing"] * 600)
    huge.write_text(MINIMAL.read_text().replace("id: tiny-guide", "id: huge-guide").replace(
        "question: What is a test?", f"question: {words}?"))
    changed = tmp_path / "minimal.yaml"
    changed.write_text(MINIMAL.read_text().replace("A check that fails", "A new check that fails"))
    result = run_cli("build", changed, huge, "--project", ROOT, "--out", out)
    assert result.code == 2, result.err
    assert "technical.questions[0].question" in result.err and "Traceback" not in result.err
    assert digests(out) == before


def _children(pid: int) -> list[int]:
    """Every live descendant of a process (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        for child in (task / "children").read_text().split():
            found += [int(child), *_children(int(child))]
    return found


@pytest.mark.posix
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the build's workers in /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_killed_build_leaves_whole_outputs_and_no_temporaries(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "out"
    mlops = ROOT / "content" / "mlops-engineer-uk.yaml"
    build(MINIMAL, out)
    before = digests(out)
    command = [sys.executable, "-m", "guidegen", "build", str(MINIMAL), str(mlops), str(SECOND),
               "--project", str(ROOT), "--out", str(out)]
    process = subprocess.Popen(command, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                               stderr=subprocess.DEVNULL, text=True)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        workers = _children(process.pid)
    assert workers  # the layout workers, started
    time.sleep(2.0)  # mid-way: the workers past their start, the PDFs of two guides being laid out
    assert process.poll() is None
    process.send_signal(sig)
    process.wait(timeout=60)
    assert process.returncode != 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.05)  # workers end with the build, even one killed outright
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    assert digests(out) == before  # nothing was committed, the old files are untouched
    if sig == signal.SIGTERM:
        assert not list(out.glob(f".*{TEMP_SUFFIX}"))
    build(MINIMAL, out)  # the next build sweeps what a SIGKILL left behind
    assert not list(out.glob(f".*{TEMP_SUFFIX}"))
    assert digests(out) == before


@pytest.mark.parametrize("land_each", [False, True], ids=["together", "each-as-made"])
def test_outputs_land_together_or_each_as_soon_as_made(tmp_path: Path, land_each: bool) -> None:
    """A build renames every output into place at the end, together; a watch's build (land_each)
    renames each as soon as it is made, with a manifest that already lists it: when the booklet is
    said built, it is on disk, and the handout, still to be laid out, is not."""
    from guidegen.editions import named
    from guidegen.pipeline.build import build
    from guidegen.pipeline.freshness import MANIFEST

    out = tmp_path / "out"
    guide = ROOT / "content" / "mlops-engineer-uk.yaml"
    seen: list[tuple[str, bool, bool, bool]] = []

    def progress(line: str) -> None:
        if line.startswith("built "):
            manifest = (out / MANIFEST).read_text() if (out / MANIFEST).is_file() else ""
            seen.append((Path(line.split()[1]).name, (out / "mlops-engineer-uk-print.pdf").is_file(),
                         (out / "mlops-engineer-uk-handout.pdf").is_file(), "print.pdf" in manifest))

    build([guide], project=ROOT, out=out, editions=named(["print", "handout"]), jobs=1,
          progress=progress, land_each=land_each)
    first = ("mlops-engineer-uk-print.pdf", True, not land_each, True)
    assert seen == [first, ("mlops-engineer-uk-handout.pdf", True, True, True)]
    again = run_cli("build", guide, "--project", ROOT, "--out", out, "--edition", "print,handout")
    assert again.code == 0 and again.err.startswith("up to date")  # the manifest knows both
