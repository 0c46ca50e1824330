"""The preview `guidegen watch --open` serves: what it shows is decided from the edition table's
values; (slow) it serves the booklet's pages on 127.0.0.1 only, and tells an open page of every
change."""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from guidegen.cli import preview as preview_module
from guidegen.cli.preview import Preview, Target, choose
from guidegen.editions import EDITIONS, Edition, Options
from guidegen.load import load_guide
from helpers import MLOPS, ROOT
from helpers.watch import ANSWER, watching


def test_the_preview_prefers_a_web_page_decided_from_the_edition_table() -> None:
    """A row whose output is an HTML page is preferred, whatever it is called and wherever it
    stands; with none, the first PDF: the booklet, first in the table."""
    guide = load_guide(MLOPS, project=ROOT)
    names = [edition.filename(guide, Options()) for edition in EDITIONS]
    chosen = choose(names)
    assert chosen is not None and chosen[1] == "html" and names[chosen[0]].endswith(".html")
    without = [edition for edition in EDITIONS if not edition.filename(guide, Options()).endswith(".html")]
    names = [edition.filename(guide, Options()) for edition in without]
    chosen = choose(names)
    assert chosen is not None and chosen[1] == "pages"
    assert names[chosen[0]] == min((n for n in names if n.endswith(".pdf")), key=names.index)
    page = Edition("anything", "a web page", "{id}.html", "guidegen.editions.web:write")
    table = (*without, page)
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
def test_the_preview_serves_booklet_pages_on_localhost_and_announces_changes(tmp_path: Path) -> None:
    with watching(tmp_path, "--edition", "print,epub", "--open", "--port", "0") as watcher:
        url = next(line.split()[-1] for line in watcher.history if line.startswith("preview at"))
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
        refused = ("/output/../content/tiny-guide.yaml", "/output/.guidegen-manifest.json",
                   "/output/%2e%2e/x")
        for path in refused:
            assert _get(port, path)[0] == 404

        events = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        events.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
        stream = events.getresponse()
        assert stream.readline() == f"data: {version}\n".encode()
        idle = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(300)]
        watcher.edit(ANSWER, "A check that fails early.")  # rebuilds beside hundreds of idle connections
        watcher.until(r"^rebuilt 2 outputs")
        for connection in idle:
            connection.close()
        line = stream.readline()
        while not line.startswith(b"data:"):
            line = stream.readline()
        assert int(line.split()[1]) > version
        events.close()


# -- a small, sturdy server ------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Preview]:
    """A preview of a two-page PDF and a web page, on any free port."""
    out = tmp_path / "output"
    out.mkdir()
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page(page_size=(300, 400))
    pdf.save(out / "g-print.pdf")
    (out / "g.html").write_text("<!DOCTYPE html><title>g</title><p>g</p>", encoding="utf-8")
    preview = Preview(out, 0)
    preview.start()
    preview.update([Target("g", "G", "pages", out / "g-print.pdf"), Target("w", "W", "html", out / "g.html")])
    try:
        yield preview
    finally:
        preview.close()


def _raw(port: int, request: bytes) -> bytes:
    """What the server answers to these bytes, all it sends until it closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def test_every_odd_request_gets_a_4xx_and_no_traceback(served: Preview,
                                                        capfd: pytest.CaptureFixture[str]) -> None:
    host = f"Host: 127.0.0.1:{served.port}\r\n".encode()
    odd = [b"GET /output/%00x HTTP/1.1\r\n", b"GET /page/g/\xc2\xb2.png HTTP/1.1\r\n",
           b"GET /page/g/%C2%B2.png HTTP/1.1\r\n", b"GET /page/g/0.png HTTP/1.1\r\n",
           b"GET /page/g/3.png HTTP/1.1\r\n", b"GET /page/g/99999999999999999999999.png HTTP/1.1\r\n",
           b"GET /page/g/-1.png HTTP/1.1\r\n", b"GET /page/w/1.png HTTP/1.1\r\n",
           b"GET /output/%ff%fe HTTP/1.1\r\n", b"GET /output/..%2f..%2fetc/passwd HTTP/1.1\r\n",
           b"GET /output/%5c..%5cx HTTP/1.1\r\n", b"GET /state?guide=%ff HTTP/1.1\r\n",
           b"POST / HTTP/1.1\r\n", b"DELETE /output/g.html HTTP/1.1\r\n", b"FOO / HTTP/1.1\r\n",
           b"GET / HTTP/2.0\r\n", b"GET http://evil/ HTTP/1.1\r\n", b"hello\r\n", b"GET  / HTTP/1.1\r\n",
           b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 20_000 + b"\r\n"]
    for line in odd:
        answer = _raw(served.port, line + host + b"\r\n")
        assert 400 <= _status(answer) < 500, (line[:40], answer[:80])
    assert _status(_raw(served.port, b"GET / HTTP/1.1\r\n\r\n")) == 403  # no Host: not this page's
    # and the ordinary ones still answer
    assert _status(_raw(served.port, b"GET /page/g/2.png HTTP/1.1\r\n" + host + b"\r\n")) == 200
    head = _raw(served.port, b"HEAD /output/g.html HTTP/1.1\r\n" + host + b"\r\n")
    assert _status(head) == 200 and head.endswith(b"\r\n\r\n")
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_hundreds_of_idle_connections_take_no_thread_and_stop_nothing(served: Preview) -> None:
    threads = threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", served.port), timeout=30) for _ in range(300)]
    try:
        time.sleep(0.5)
        assert threading.active_count() <= threads + preview_module.WORKERS
        status, _kind, body = _get(served.port, "/")
        assert status == 200 and b"data-page" in body
        assert _get(served.port, "/page/g/1.png")[0] == 200
    finally:
        for connection in idle:
            connection.close()


def test_an_idle_connection_is_closed(served: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview_module, "IDLE_SECONDS", 1)
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\n")  # and never the rest
        started = time.monotonic()
        assert connection.recv(100) == b""
        assert time.monotonic() - started < 10


def test_an_open_page_hears_of_each_change(served: Preview) -> None:
    events = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    events.request("GET", "/events", headers={"Host": f"127.0.0.1:{served.port}"})
    stream = events.getresponse()
    assert stream.getheader("Content-Type") == "text/event-stream"
    assert stream.readline() == f"data: {served.version}\n".encode()
    served.update([], ["guide.yaml:3:1: guide.title: a problem"])
    stream.readline()
    assert stream.readline() == f"data: {served.version}\n".encode()
    state = json.loads(_get(served.port, "/state")[2])
    assert state["problems"] == ["guide.yaml:3:1: guide.title: a problem"]
    events.close()
