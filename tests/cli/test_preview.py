"""The preview `guidegen watch --open` serves: what it shows is decided from the edition table's
values; (slow) it serves the booklet's pages on 127.0.0.1 only, and tells an open page of every
change."""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path

import pytest

from guidegen.cli.preview import choose
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
        watcher.edit(ANSWER, "A check that fails early.")
        watcher.until(r"^rebuilt 2 outputs")
        line = stream.readline()
        while not line.startswith(b"data:"):
            line = stream.readline()
        assert int(line.split()[1]) > version
        events.close()
