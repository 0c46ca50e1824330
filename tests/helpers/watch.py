"""A real `guidegen watch` process in a temporary project, driven as an author drives it."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import MINIMAL

ANSWER = "A check that fails when the behaviour breaks."  # the minimal guide's answer


@dataclass
class Watcher:
    process: subprocess.Popen[str]
    lines: queue.Queue[str]
    project: Path
    history: list[str] = field(default_factory=list)

    def until(self, pattern: str, timeout: float = 90) -> list[str]:
        """Every line up to and including the first that matches, or a failure naming what was seen."""
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None, f"watch exited: {seen}"
                continue
            seen.append(line)
            self.history.append(line)
            if re.search(pattern, line):
                return seen
        raise AssertionError(f"no line matching {pattern!r} in {seen}")

    def edit(self, old: str, new: str) -> None:
        guide = self.project / "content" / "tiny-guide.yaml"
        text = guide.read_text(encoding="utf-8")
        assert old in text
        guide.write_text(text.replace(old, new), encoding="utf-8")


@contextmanager
def watching(project: Path, *flags: str, guides: Sequence[Path] = (MINIMAL,),
             from_project: bool = False) -> Iterator[Watcher]:
    """`guidegen watch FLAGS` on a project holding these guides (the first as tiny-guide.yaml),
    ready for a first edit; run with `--project` from elsewhere, or (`from_project`) from the
    project folder itself as the README says, with no `--project`. Stopped at the end with Ctrl-C
    (SIGINT), which must end it with "stopped" and exit status 0."""
    (project / "content").mkdir(exist_ok=True)
    for index, guide in enumerate(guides):
        shutil.copy(guide, project / "content" / ("tiny-guide.yaml" if index == 0 else guide.name))
    where = [] if from_project else ["--project", str(project)]
    process = subprocess.Popen(
        [sys.executable, "-m", "guidegen", "watch", *where, *flags], cwd=project if from_project else None,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env={**os.environ, "BROWSER": "true"},  # --open "opens" the preview with a no-op command
        preexec_fn=_ctrl_c_as_in_a_terminal if os.name == "posix" else None)
    lines: queue.Queue[str] = queue.Queue()
    stream = process.stderr
    assert stream is not None
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in stream], daemon=True).start()
    watcher = Watcher(process, lines, project)
    try:
        watcher.until("waiting for changes")
        yield watcher
    except BaseException:
        process.kill()
        raise
    process.send_signal(signal.SIGINT)
    try:
        code = process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    rest = list(iter(lambda: _next_line(lines), None))
    watcher.history += rest
    assert (code, rest[-1:]) == (0, ["stopped"]), (code, watcher.history)
    failures = [line for line in watcher.history if "Traceback" in line or "internal error" in line]
    assert failures == [], watcher.history


def _next_line(lines: queue.Queue[str]) -> str | None:
    try:
        return lines.get(timeout=1)
    except queue.Empty:
        return None


def _ctrl_c_as_in_a_terminal() -> None:
    """SIGINT at its default in the watch, as in a terminal: a test run started in the background
    by a shell without job control inherits it ignored, and Ctrl-C would then stop nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
