"""The shell blocks of README.md and docs/, run as a user would type them (tests/docs/test_transcripts.py).

Every ```sh block of a page is a transcript, unless an HTML comment right above it says why it is not
run here (`<!-- not a transcript: … -->`, or `<!-- transcript: .ci/run runs this block … -->`). A
page's blocks run one after the other in one fresh folder, as a reader follows the page, with
`guidegen` and `python` on PATH meaning the guidegen under test. Each block starts in that folder,
unless the comment above it says it goes on where the block before it left off (`<!-- transcript:
continues the block above -->`). Each line is one command; `cd` moves on to another folder as in a
shell. A command must exit 0, or the status its comment ends
with (`… (exit 1)`), and print no traceback. `pipx install` and `pip install` lines are what the
test environment has already done (the wheel's own install is tests/test_install.py).

`guidegen watch` runs as a user runs it: in the background, until it waits for changes; its preview
(with `--open`) is fetched over HTTP; then the first guide is edited, edited wrongly, and fixed, each
save rebuilt (or refused, the preview showing the problem until the fix clears it), and Ctrl-C ends
it with "stopped" and exit status 0.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shlex
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT
from .watch import Watcher

INSTALLS = ("pipx install ", "pip install ", "python -m pip install ", "python3 -m pip install ")
_SKIP = re.compile(r"<!--\s*(not a transcript|transcript: \.ci/run)[^>]*-->\s*$")
_CONTINUES = "<!-- transcript: continues the block above -->"
_EXIT = re.compile(r"\(exit (\d+)\)\s*$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # of the opening fence
    commands: tuple[str, ...]
    continues: bool  # where the block before it left off, not in the page's folder


def blocks(page: Path) -> list[Block]:
    """The page's transcripts, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() == "```sh":
            above = next((line for line in reversed(lines[:index]) if line.strip()), "")
            end = lines.index("```", index + 1)
            if not _SKIP.search(above):
                found.append(Block(page, index + 1, tuple(line for line in lines[index + 1:end]
                                                          if line.strip()), _CONTINUES in above))
            index = end
        index += 1
    return found


@dataclass
class Shell:
    """One reader's terminal: a folder to start in, and guidegen on PATH."""

    home: Path
    cwd: Path = field(init=False)
    env: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.cwd = self.home
        tools = self.home.parent / "bin"
        tools.mkdir(exist_ok=True)
        python = f'"{sys.executable}"'
        for name, target in (("guidegen", f"{python} -m guidegen"), ("python", python), ("python3", python)):
            script = tools / name
            script.write_text(f'#!/bin/sh\nexec {target} "$@"\n', encoding="utf-8")
            script.chmod(0o755)
        self.env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}",
                    "BROWSER": "true"}  # --open "opens" the preview with a no-op; the test fetches it

    def block(self, block: Block) -> None:
        """Run a block's commands, from the page's folder unless it continues the one before."""
        if not block.continues:
            self.cwd = self.home
        for line in block.commands:
            self.run(line)

    def run(self, line: str) -> str:
        """Run one line of a transcript; what it printed."""
        command = line.split(" #")[0].strip()
        wanted = int(found.group(1)) if (found := _EXIT.search(line)) else 0
        if command.startswith(INSTALLS):
            return ""
        if command.startswith("cd "):
            self.cwd = (self.cwd / shlex.split(command)[1]).resolve()
            assert self.cwd.is_dir(), line
            return ""
        if shlex.split(command)[:2] == ["guidegen", "watch"]:
            return self.watch(command)
        done = subprocess.run(["bash", "-c", command], cwd=self.cwd, env=self.env, capture_output=True,
                              text=True, timeout=900, check=False)
        said = done.stdout + done.stderr
        assert done.returncode == wanted, f"{line}\nexit {done.returncode}, not {wanted}\n{said}"
        assert "Traceback" not in said, f"{line}\n{said}"
        return said

    def watch(self, command: str) -> str:
        process = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=self.cwd, env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   encoding="utf-8", preexec_fn=_ctrl_c_as_in_a_terminal)
        lines: queue.Queue[str] = queue.Queue()
        stream = process.stderr
        assert stream is not None
        threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in stream],
                         daemon=True).start()
        watcher = Watcher(process, lines, self.cwd)
        try:
            watcher.until("waiting for changes", timeout=600)
            preview = next((line.split()[-1] for line in watcher.history if line.startswith("preview at")),
                           None)
            assert ("--open" in command) == (preview is not None), watcher.history
            self._edit_while_watching(watcher, preview)
        except BaseException:
            process.kill()
            raise
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
        rest = list(iter(lambda: _next(lines), None))
        watcher.history += rest
        assert (code, rest[-1:]) == (0, ["stopped"]), (code, watcher.history)
        said = "\n".join(watcher.history)
        assert "Traceback" not in said and "internal error" not in said, said
        return said

    def _edit_while_watching(self, watcher: Watcher, preview: str | None) -> None:
        """A save, a mistake, its fix: rebuilt, refused (the preview shows why), rebuilt."""
        guide = sorted((self.cwd / "content").glob("*.yaml"))[0]
        text = guide.read_text(encoding="utf-8")
        title = re.search(r"^  title: (.*)$", text, re.MULTILINE)
        assert title, guide
        guide_id = re.search(r"^  id: (\S+)", text, re.MULTILINE)
        assert guide_id, guide
        if preview is not None:
            page = _get(preview, f"/?guide={guide_id.group(1)}")
            frame = re.search(r'<iframe id=frame src="([^"]+)"', page)
            assert frame, page
            assert title.group(1).strip("'\"") in _get(preview, frame.group(1))
        edited = text.replace(title.group(0), f"{title.group(0)} (edited)", 1)
        guide.write_text(edited, encoding="utf-8")
        watcher.until(r"^rebuilt \d+ outputs? in ", timeout=600)
        guide.write_text(text.replace(title.group(0), "  title: ''", 1), encoding="utf-8")
        watcher.until(r"^not rebuilt", timeout=600)
        if preview is not None:
            problems = json.loads(_get(preview, f"/state?guide={guide_id.group(1)}"))["problems"]
            assert any("guide.title: must not be empty" in problem for problem in problems), problems
        guide.write_text(text, encoding="utf-8")
        watcher.until(r"^(rebuilt \d+ outputs? in |up to date)", timeout=600)
        if preview is not None:
            assert json.loads(_get(preview, f"/state?guide={guide_id.group(1)}"))["problems"] == []


def _get(base: str, path: str) -> str:
    host, port = base.split("//")[1].strip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    connection.close()
    assert response.status == 200, (path, response.status, body)
    return body


def _next(lines: queue.Queue[str]) -> str | None:
    try:
        return lines.get(timeout=1)
    except queue.Empty:
        return None


def _ctrl_c_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


#: The pages whose shell blocks are transcripts.
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
