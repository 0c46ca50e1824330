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

import asyncio
import contextlib
import html
import json
import mimetypes
import socket
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from .page_images import PageImages

HOST = "127.0.0.1"
PAGE_WIDTH_PX = 700  # page images: sharp at half a screen's width
KEEP_ALIVE_SECONDS = 15
Kind = Literal["html", "pages"]

# A small, sturdy server: one event loop, so an idle connection costs no thread; what takes time
# (rendering a page image, reading a file) runs on a few threads of its own.
IDLE_SECONDS = 10  # a connection that has not sent its whole request by then is closed
MAX_CONNECTIONS = 64  # open at once (a browser uses a handful); past that the oldest idle one goes
MAX_REQUEST_BYTES = 16_384  # request line and headers
BACKLOG = 128
WORKERS = 4


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


@dataclass(frozen=True)
class Response:
    status: HTTPStatus
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"


def _plain(status: HTTPStatus) -> Response:
    return Response(status, f"{status.value} {status.phrase.lower()}\n".encode())


class Preview:
    """The preview server and what it shows; `update` after every build.

    Every request gets an answer: 4xx for anything odd (a method other than GET or HEAD, a path it
    does not know, a malformed or oversized request, another host), never a traceback. An idle
    connection is closed after IDLE_SECONDS, and at most MAX_CONNECTIONS are open (the oldest idle
    one closed for a new one), so idle connections can neither stop the preview nor take the
    threads, files and memory a rebuild needs.
    """

    def __init__(self, out: Path, port: int = 8000) -> None:
        self.out = out.resolve()
        self.targets: dict[str, Target] = {}
        self.problems: list[str] = []
        self.version = 0
        self._stamps: tuple[object, ...] = ()
        self._lock = threading.Lock()
        self._closed = False
        self.images = PageImages()
        try:
            self._socket = socket.create_server((HOST, port), backlog=BACKLOG)
        except OSError:  # the port is taken: any free one
            self._socket = socket.create_server((HOST, 0), backlog=BACKLOG)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://{HOST}:{self.port}/"
        self._loop = asyncio.new_event_loop()
        self._work = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="preview-work")
        self._changed: asyncio.Event | None = None
        self._open: dict[asyncio.StreamWriter, bool] = {}  # every connection: is it idle?
        self._thread = threading.Thread(target=self._serve_forever, name="preview", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def update(self, targets: Sequence[Target], problems: Sequence[str] = ()) -> None:
        """Show these outputs (and these problems, of a build that failed); tell every open page
        when anything it shows has changed."""
        stamps = (tuple((t.guide_id, t.kind, str(t.path), _stamp(t.path)) for t in targets), tuple(problems))
        with self._lock:
            self.targets = {target.guide_id: target for target in targets}
            self.problems = list(problems)
            if stamps == self._stamps:
                return
            self._stamps = stamps
            self.version += 1
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._tell)

    def close(self) -> None:
        self._closed = True
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
        self._socket.close()
        self._work.shutdown(wait=False, cancel_futures=True)
        self.images.close()

    def state(self, guide_id: str) -> dict[str, object]:
        target = self.targets.get(guide_id)
        pages = 0
        if target is not None and target.kind == "pages" and target.path.is_file():
            pages = self.images.count(target.path)
        return {"version": self.version, "problems": self.problems, "pages": pages,
                "kind": target.kind if target else None}

    # -- the event loop, on its own thread

    def _serve_forever(self) -> None:
        asyncio.set_event_loop(self._loop)
        # what goes wrong in a connection is answered to it (or it is gone): never a traceback
        self._loop.set_exception_handler(lambda loop, context: None)
        self._changed = asyncio.Event()
        server = self._loop.run_until_complete(asyncio.start_server(
            self._connection, sock=self._socket, limit=MAX_REQUEST_BYTES))
        try:
            self._loop.run_forever()
        finally:  # every connection ends, its task with it
            server.close()
            tasks = asyncio.all_tasks(self._loop)
            for task in tasks:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            self._loop.close()

    def _tell(self) -> None:
        """Wake every open event stream: the version changed."""
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if len(self._open) >= MAX_CONNECTIONS:  # make room: the oldest idle connection goes
            idle = next((other for other, waiting in self._open.items() if waiting), None)
            if idle is None:
                writer.close()
                return
            idle.close()
            del self._open[idle]
        self._open[writer] = True
        try:
            await self._answer(reader, writer)
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            pass  # the browser went away or stayed silent: nothing to say to it
        except Exception:  # never a traceback on the terminal, whatever a request holds
            await _write(writer, _plain(HTTPStatus.INTERNAL_SERVER_ERROR), head_only=False)
        finally:
            self._open.pop(writer, None)
            writer.close()

    async def _answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), IDLE_SECONDS)
        except asyncio.LimitOverrunError:
            await _write(writer, _plain(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE), head_only=False)
            return
        self._open[writer] = False
        request = _request(head)
        if request is None:
            await _write(writer, _plain(HTTPStatus.BAD_REQUEST), head_only=False)
            return
        method, target, headers = request
        if method not in ("GET", "HEAD"):
            await _write(writer, _plain(HTTPStatus.METHOD_NOT_ALLOWED), head_only=False,
                         extra={"Allow": "GET, HEAD"})
            return
        if headers.get("host", "") not in {f"{HOST}:{self.port}", f"localhost:{self.port}"}:
            await _write(writer, _plain(HTTPStatus.FORBIDDEN), head_only=method == "HEAD")
            return
        parts = urlsplit(target)
        try:
            route = unquote(parts.path, errors="strict")
            query = parse_qs(parts.query, errors="strict")
        except UnicodeDecodeError:
            await _write(writer, _plain(HTTPStatus.BAD_REQUEST), head_only=method == "HEAD")
            return
        if route == "/events" and method == "GET":
            await self._events(writer)
            return
        answer = self._route(route, query)
        if answer is None:
            response = _plain(HTTPStatus.NOT_FOUND)
        else:
            response = await self._loop.run_in_executor(self._work, answer)
        await _write(writer, response, head_only=method == "HEAD")

    def _route(self, route: str, query: dict[str, list[str]]) -> Callable[[], Response] | None:
        """What answers a GET of this path (run on a worker thread: it may render or read), or None."""
        guide = query.get("guide", [""])[0]
        if "\0" in route or "\\" in route:
            return None
        if route == "/":
            return lambda: Response(HTTPStatus.OK, _html(self, self._target(guide)).encode(),
                                    "text/html; charset=utf-8")
        if route == "/preview.js":
            return lambda: Response(HTTPStatus.OK, _SCRIPT.encode(), "text/javascript; charset=utf-8")
        if route == "/state":
            return lambda: Response(HTTPStatus.OK, json.dumps(self.state(guide)).encode(), "application/json")
        if route.startswith("/page/"):
            return lambda: self._page_image(route.removeprefix("/page/"))
        if route.startswith("/output/"):
            return lambda: self._output(route.removeprefix("/output/"))
        return None

    def _target(self, guide_id: str) -> Target | None:
        return self.targets.get(guide_id) or next(iter(self.targets.values()), None)

    async def _events(self, writer: asyncio.StreamWriter) -> None:
        """Server-Sent Events: the version now, then each new one (a comment line between)."""
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
                     b"Connection: close\r\n\r\n")
        version = -1
        while not self._closed:
            if version == self.version and self._changed is not None:
                changed = self._changed
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), KEEP_ALIVE_SECONDS)
            seen = self.version
            writer.write(f"data: {seen}\n\n".encode() if seen != version else b": still here\n\n")
            version = seen
            await asyncio.wait_for(writer.drain(), IDLE_SECONDS)

    def _page_image(self, rest: str) -> Response:
        guide_id, _, name = rest.partition("/")
        target = self.targets.get(guide_id)
        number = name.removesuffix(".png")
        if target is None or target.kind != "pages" or not (number.isascii() and number.isdigit()) \
                or len(number) > 6 or not target.path.is_file():
            return _plain(HTTPStatus.NOT_FOUND)
        try:
            png = self.images.png(target.path, int(number) - 1, PAGE_WIDTH_PX)
        except IndexError:
            return _plain(HTTPStatus.NOT_FOUND)
        return Response(HTTPStatus.OK, png, "image/png")

    def _output(self, relative: str) -> Response:
        """A file of the output directory (a web page and what it refers to), nothing else."""
        parts = Path(relative).parts
        path = (self.out / relative).resolve()
        hidden = any(part.startswith(".") for part in parts)
        if not parts or hidden or not path.is_relative_to(self.out) or not path.is_file():
            return _plain(HTTPStatus.NOT_FOUND)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in {"application/xhtml+xml", "image/svg+xml"}:
            content_type += "; charset=utf-8"
        return Response(HTTPStatus.OK, path.read_bytes(), content_type)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _request(head: bytes) -> tuple[str, str, dict[str, str]] | None:
    """Method, target and headers (names in lower case) of a request's head; None if malformed."""
    try:
        lines = head.decode("latin-1").split("\r\n")
        method, target, version = lines[0].split(" ")
    except ValueError:
        return None
    if not version.startswith("HTTP/1.") or not target.startswith("/") or not method.isalpha():
        return None
    headers = {}
    for line in lines[1:]:
        if line:
            name, colon, value = line.partition(":")
            if not colon:
                return None
            headers[name.strip().lower()] = value.strip()
    return method, target, headers


async def _write(writer: asyncio.StreamWriter, response: Response, *, head_only: bool,
                 extra: dict[str, str] | None = None) -> None:
    status = response.status
    lines = [f"HTTP/1.1 {status.value} {status.phrase}", f"Content-Type: {response.content_type}",
             f"Content-Length: {len(response.body)}", "Cache-Control: no-store",
             "X-Content-Type-Options: nosniff", "Connection: close",
             *(f"{name}: {value}" for name, value in (extra or {}).items())]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (b"" if head_only else response.body))
    await asyncio.wait_for(writer.drain(), IDLE_SECONDS)


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
