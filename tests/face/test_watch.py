"""`guidegen watch`, end to end: a real process in a temporary project, edited as an author would.
It rebuilds after an edit, reports a bad edit in file:line:col form without dying, keeps the
previous outputs, and (slow) serves a preview on 127.0.0.1 that is told of every change."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from guidegen.editions import EDITIONS, Edition, Options
from guidegen.face.preview import choose
from guidegen.load import load_guide
from helpers import MINIMAL, MLOPS, ROOT

ANSWER = "A check that fails when the behaviour breaks."


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


@pytest.fixture
def watching(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Watcher]:
    flags = getattr(request, "param", ("--edition", "epub"))
    (tmp_path / "content").mkdir()
    shutil.copy(MINIMAL, tmp_path / "content" / "tiny-guide.yaml")
    process = subprocess.Popen(
        [sys.executable, "-m", "guidegen", "watch", "--project", str(tmp_path), *flags],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env={**os.environ, "BROWSER": "true"})  # --open "opens" the preview with a no-op command
    lines: queue.Queue[str] = queue.Queue()
    assert process.stderr is not None
    stream = process.stderr
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in stream], daemon=True).start()
    watcher = Watcher(process, lines, tmp_path)
    try:
        watcher.until("waiting for changes")
        yield watcher
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise


def _epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        pages = [name for name in book.namelist() if name.endswith(".xhtml")]
        return " ".join(book.read(name).decode("utf-8") for name in pages)


@pytest.mark.posix
def test_watch_rebuilds_reports_a_bad_edit_and_keeps_the_last_good_output(watching: Watcher) -> None:
    epub = watching.project / "output" / "tiny-guide.epub"
    assert ANSWER in _epub_text(epub)

    watching.edit(ANSWER, "A check that fails loudly when the behaviour breaks.")
    seen = watching.until(r"^rebuilt 1 output in \d+\.\d\d s$")
    assert any(re.fullmatch(r"built \S*tiny-guide\.epub \(\d+ KiB, \d+\.\d\d s\)", line) for line in seen)
    assert "fails loudly" in _epub_text(epub)
    good = epub.read_bytes()

    watching.edit("      answer: A check that fails loudly when the behaviour breaks.\n", "")
    seen = watching.until(r"^not rebuilt")
    guide_file = watching.project / "content" / "tiny-guide.yaml"
    assert any(re.fullmatch(r".*tiny-guide\.yaml:\d+:\d+: technical\.questions\[0\]\.answer: field required",
                            line) for line in seen), seen
    assert watching.process.poll() is None
    assert epub.read_bytes() == good

    guide_file.write_text(MINIMAL.read_text(encoding="utf-8").replace(ANSWER, "Fixed."), encoding="utf-8")
    watching.until(r"^rebuilt 1 output")
    assert "Fixed." in _epub_text(epub)


def test_the_preview_prefers_a_web_page_decided_from_the_edition_table() -> None:
    """With no edition whose output is a web page, the first PDF: the booklet, first in the table.
    A row whose output is an HTML page is preferred, whatever it is called and wherever it stands."""
    guide = load_guide(MLOPS, project=ROOT)
    names = [edition.filename(guide, Options()) for edition in EDITIONS]
    chosen = choose(names)
    assert chosen is not None and chosen[1] == "pages"
    assert names[chosen[0]] == min((n for n in names if n.endswith(".pdf")), key=names.index)
    page = Edition("anything", "a web page", (), False, lambda g, o: f"{g.meta.id}.html", EDITIONS[0].write)
    table = (*EDITIONS, page)
    assert choose([edition.filename(guide, Options()) for edition in table]) == (len(table) - 1, "html")


def _get(port: int, path: str, host: str | None = None) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type") or "", body


@pytest.mark.slow
@pytest.mark.posix
@pytest.mark.parametrize("watching", [("--edition", "print,epub", "--open", "--port", "0")], indirect=True)
def test_the_preview_serves_booklet_pages_on_localhost_and_announces_changes(watching: Watcher) -> None:
    url = next(line.split()[-1] for line in watching.history if line.startswith("preview at"))
    port = int(url.rsplit(":", 1)[1].strip("/"))
    assert url == f"http://127.0.0.1:{port}/"

    status, kind, body = _get(port, "/")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    pages = re.findall(rb'data-page="(\d+)"', body)
    assert pages and pages == [str(n).encode() for n in range(1, len(pages) + 1)]
    status, kind, png = _get(port, "/page/tiny-guide/1.png")
    assert (status, kind) == (200, "image/png") and png.startswith(b"\x89PNG\r\n\x1a\n")
    version = json.loads(_get(port, "/state?guide=tiny-guide")[2])["version"]

    # only this host and port, only outputs, never a hidden file or the project's sources
    assert _get(port, "/", host=f"attacker.example:{port}")[0] == 403
    for path in ("/output/../content/tiny-guide.yaml", "/output/.guidegen-manifest.json", "/output/%2e%2e/x"):
        assert _get(port, path)[0] == 404

    events = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    events.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
    stream = events.getresponse()
    assert stream.readline() == f"data: {version}\n".encode()
    watching.edit(ANSWER, "A check that fails early.")
    watching.until(r"^rebuilt 2 outputs")
    line = stream.readline()
    while not line.startswith(b"data:"):
        line = stream.readline()
    assert int(line.split()[1]) > version
    events.close()
