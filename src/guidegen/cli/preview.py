"""The preview `guidegen watch --open` serves: one page per guide that reloads itself when an output
changes, on 127.0.0.1 only.

What it shows is decided from the edition table's values, not from edition names: an edition whose
output is an HTML page is shown as that page (in a frame, its scroll position kept across reloads);
else the first edition whose output is a PDF (the print booklet, first in the table) is shown as
page images, each sheet's front beside its back. The page learns of a change through Server-Sent
Events and asks for the new state; a failed build shows its problems on the page, above the last
good output.

Only the outputs are served (never the project's sources, never a file name starting with a dot),
and only to a browser that asked for this host and port (a web page elsewhere cannot reach it by
a rebinding name).
"""

from __future__ import annotations

import html
import json
import mimetypes
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from .page_images import PageImages

HOST = "127.0.0.1"
PAGE_WIDTH_PX = 700  # page images: sharp at half a screen's width
KEEP_ALIVE_SECONDS = 15
Kind = Literal["html", "pages"]


@dataclass(frozen=True)
class Target:
    """What the preview shows for one guide: an output file, as a web page or as page images."""

    guide_id: str
    title: str
    kind: Kind
    path: Path


def preview_kind(filename: str) -> Kind | None:
    """How an edition's output can be previewed, from its file name: a web page, page images, or not."""
    suffix = Path(filename).suffix.lower()
    return "html" if suffix in {".html", ".htm", ".xhtml"} else "pages" if suffix == ".pdf" else None


def choose(filenames: Sequence[str]) -> tuple[int, Kind] | None:
    """Which of a guide's outputs (in edition-table order) to preview: the first HTML page, else the
    first PDF; None when there is neither."""
    kinds = [preview_kind(name) for name in filenames]
    wanted: Kind
    for wanted in ("html", "pages"):
        if wanted in kinds:
            return kinds.index(wanted), wanted
    return None


class Preview:
    """The preview server and what it shows; `update` after every build."""

    def __init__(self, out: Path, port: int = 8000) -> None:
        self.out = out.resolve()
        self.targets: dict[str, Target] = {}
        self.problems: list[str] = []
        self.version = 0
        self._stamps: tuple[object, ...] = ()
        self._changed = threading.Condition()
        self._closed = False
        self.images = PageImages()
        handler = type("Handler", (_Handler,), {"preview": self})
        try:
            self.server = ThreadingHTTPServer((HOST, port), handler)
        except OSError:  # the port is taken: any free one
            self.server = ThreadingHTTPServer((HOST, 0), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://{HOST}:{self.port}/"
        self._thread = threading.Thread(target=self.server.serve_forever, name="preview", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def update(self, targets: Sequence[Target], problems: Sequence[str] = ()) -> None:
        """Show these outputs (and these problems, of a build that failed); tell every open page
        when anything it shows has changed."""
        stamps = (tuple((t.guide_id, t.kind, str(t.path), _stamp(t.path)) for t in targets), tuple(problems))
        with self._changed:
            self.targets = {target.guide_id: target for target in targets}
            self.problems = list(problems)
            if stamps != self._stamps:
                self._stamps = stamps
                self.version += 1
                self._changed.notify_all()

    def wait(self, version: int, timeout: float) -> int:
        """The version after `version`, or `version` again after `timeout` seconds without change."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != version or self._closed, timeout)
            return self.version

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread.is_alive():  # shutdown() waits for a loop that never started otherwise
            self.server.shutdown()
        self.server.server_close()
        self.images.close()

    def state(self, guide_id: str) -> dict[str, object]:
        target = self.targets.get(guide_id)
        pages = 0
        if target is not None and target.kind == "pages" and target.path.is_file():
            pages = self.images.count(target.path)
        return {"version": self.version, "problems": self.problems, "pages": pages,
                "kind": target.kind if target else None}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


class _Handler(BaseHTTPRequestHandler):
    preview: Preview
    server_version = "guidegen-preview"

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds, not requests

    def do_GET(self) -> None:
        host = self.headers.get("Host", "")
        if host not in {f"{HOST}:{self.preview.port}", f"localhost:{self.preview.port}"}:
            self._send(HTTPStatus.FORBIDDEN, b"forbidden", "text/plain")
            return
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        route = unquote(parts.path)
        try:
            if route == "/":
                self._page(query.get("guide", [""])[0])
            elif route == "/preview.js":
                self._send(HTTPStatus.OK, _SCRIPT.encode(), "text/javascript; charset=utf-8")
            elif route == "/state":
                state = self.preview.state(query.get("guide", [""])[0])
                self._send(HTTPStatus.OK, json.dumps(state).encode(), "application/json")
            elif route == "/events":
                self._events()
            elif route.startswith("/page/"):
                self._page_image(route.removeprefix("/page/"))
            elif route.startswith("/output/"):
                self._output(route.removeprefix("/output/"))
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _page(self, guide_id: str) -> None:
        targets = self.preview.targets
        target = targets.get(guide_id) or next(iter(targets.values()), None)
        self._send(HTTPStatus.OK, _html(self.preview, target).encode(), "text/html; charset=utf-8")

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version = -1
        while not self.preview._closed:
            seen = self.preview.wait(version, KEEP_ALIVE_SECONDS) if version >= 0 else self.preview.version
            message = f"data: {seen}\n\n" if seen != version else ": still here\n\n"
            version = seen
            self.wfile.write(message.encode())
            self.wfile.flush()

    def _page_image(self, rest: str) -> None:
        guide_id, _, name = rest.partition("/")
        target = self.preview.targets.get(guide_id)
        number = name.removesuffix(".png")
        if target is None or target.kind != "pages" or not number.isdigit() or not target.path.is_file():
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
            return
        try:
            png = self.preview.images.png(target.path, int(number) - 1, PAGE_WIDTH_PX)
        except IndexError:
            self._send(HTTPStatus.NOT_FOUND, b"no such page", "text/plain")
            return
        self._send(HTTPStatus.OK, png, "image/png")

    def _output(self, relative: str) -> None:
        """A file of the output directory (a web page and what it refers to), nothing else."""
        parts = Path(relative).parts
        path = (self.preview.out / relative).resolve()
        hidden = any(part.startswith(".") for part in parts)
        if not parts or hidden or not path.is_relative_to(self.preview.out) or not path.is_file():
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in {"application/xhtml+xml", "image/svg+xml"}:
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, path.read_bytes(), content_type)


def _html(preview: Preview, target: Target | None) -> str:
    """The preview page of one guide."""
    choices = "".join(
        f'<option value="{html.escape(t.guide_id)}"{" selected" if t is target else ""}>'
        f"{html.escape(t.title)}</option>" for t in preview.targets.values())
    if target is None:
        body = "<p class=empty>Nothing to preview yet: build an HTML or PDF edition.</p>"
    elif target.kind == "html":
        src = "/output/" + html.escape(target.path.resolve().relative_to(preview.out).as_posix())
        body = f'<iframe id=frame src="{src}" title="{html.escape(target.title)}"></iframe>'
    else:
        pages = preview.images.count(target.path) if target.path.is_file() else 0
        body = "<div class=pages>" + "".join(
            f'<figure><img data-page="{n}" src="/page/{html.escape(target.guide_id)}/{n}.png'
            f'?v={preview.version}" alt="page {n}" loading=lazy><figcaption>{n}</figcaption></figure>'
            for n in range(1, pages + 1)
        ) + "</div>"
    guide_id = html.escape(target.guide_id if target else "")
    kind = target.kind if target else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'unsafe-inline'">
<title>Preview · {html.escape(target.title if target else "guidegen")}</title>
<style>{_STYLE}</style></head>
<body data-guide="{guide_id}" data-kind="{kind}" data-version="{preview.version}">
<header><strong>guidegen preview</strong>
<select id=guide aria-label="Guide">{choices}</select>
<span id=status>reloads when an output changes</span></header>
<div id=problems hidden></div>
<main>{body}</main>
<script src="/preview.js"></script>
</body></html>
"""


_STYLE = """
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: #dcdcdc; color: #1a1a1a; }
header { position: sticky; top: 0; z-index: 1; display: flex; gap: 1em; align-items: center;
         padding: 6px 12px; background: #1f4e79; color: white; }
#status { margin-left: auto; opacity: 0.85; }
#problems { margin: 0; padding: 8px 12px; background: #fde8e7; color: #8c1d18; white-space: pre-wrap;
            font: 13px/1.45 ui-monospace, monospace; border-bottom: 2px solid #b3261e; }
.pages { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; padding: 16px;
         max-width: 1500px; margin: 0 auto; }
figure { margin: 0; }
figure img { display: block; width: 100%; height: auto; background: white;
             box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }
figcaption { text-align: center; font-size: 12px; color: #555; margin-top: 4px; }
iframe { display: block; border: 0; width: 100%; height: calc(100vh - 40px); background: white; }
.empty { padding: 2em; }
"""

_SCRIPT = """
const body = document.body;
const id = body.dataset.guide, kind = body.dataset.kind;
let version = body.dataset.version;
document.getElementById("guide").addEventListener("change", (event) => {
  location.search = "?guide=" + encodeURIComponent(event.target.value);
});
function showProblems(problems) {
  const box = document.getElementById("problems");
  box.hidden = problems.length === 0;
  const note = "Not rebuilt; the last good output is shown.\\n";
  box.textContent = problems.length ? note + problems.join("\\n") : "";
}
const events = new EventSource("/events");
events.onmessage = async () => {
  const state = await (await fetch("/state?guide=" + encodeURIComponent(id))).json();
  showProblems(state.problems);
  if (String(state.version) === version) return;
  version = String(state.version);
  document.getElementById("status").textContent = "updated " + new Date().toLocaleTimeString();
  if (kind === "html") {
    const frame = document.getElementById("frame");
    const y = frame.contentWindow.scrollY;
    frame.addEventListener("load", () => frame.contentWindow.scrollTo(0, y), {once: true});
    frame.contentWindow.location.reload();
  } else if (kind === "pages" && state.pages === document.querySelectorAll("img[data-page]").length) {
    for (const img of document.querySelectorAll("img[data-page]")) {
      img.src = "/page/" + encodeURIComponent(id) + "/" + img.dataset.page + ".png?v=" + version;
    }
  } else {
    location.reload();
  }
};
"""
