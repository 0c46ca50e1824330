"""A real browser for the tests: Debian's Chromium, headless, driven over the DevTools protocol
through a pipe (no Node, no driver package, no browser download), and axe-core injected into it.

`chromium()` and `axe_source()` skip the test, naming the Debian package (`chromium`, `npm`), when
either is missing; .ci/run installs both (axe-core into .ci/browser/ with Debian's npm). A `Tab`
shows one page at a size, colour scheme and media type, evaluates script in it, taps like a finger
or clicks like a mouse, and takes screenshots and PDFs.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from . import ROOT

AXE = ROOT / ".ci" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT = 60.0  # seconds for any one answer from the browser
#: Phone (an iPhone's CSS size) and desktop, as the web edition is tested.
SIZES = {"phone": (375, 812), "desktop": (1280, 800)}

#: Runs axe-core on the page; its violations, each with the elements it found.
AXE_RUN = """
axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))
"""


def chromium() -> str:
    """Debian's Chromium, or skip."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or os.name != "posix":
        pytest.skip("needs Chromium: apt-get install chromium")
    return found


def axe_source() -> str:
    """axe-core's script, or skip."""
    if not AXE.is_file():
        pytest.skip(f"needs axe-core in {AXE.parent.parent.parent}: apt-get install nodejs npm, "
                    "then npm ci --prefix .ci/browser (as .ci/run does)")
    return AXE.read_text(encoding="utf-8")


_TRAMPOLINE = """
import os, sys
read, write = int(sys.argv[1]), int(sys.argv[2])
os.dup2(read, 3)
os.dup2(write, 4)
os.close(read)
os.close(write)
os.execv(sys.argv[3], sys.argv[3:])
"""


class BrowserError(RuntimeError):
    """The browser answered a command with an error, or not at all."""


class DevTools:
    """One headless Chromium and its DevTools pipe (fd 3 to the browser, fd 4 from it)."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_browser, self._write = _high(*os.pipe())
        self._read, from_browser = _high(*os.pipe())
        command = [executable, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                   "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                   "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb",
                   f"--user-data-dir={profile}", "about:blank"]
        # A small Python trampoline moves the pipe ends to fds 3 and 4, where Chromium looks for
        # them (they start at 10 and up, so that neither move overwrites the other end).
        self.process = subprocess.Popen(
            [sys.executable, "-c", _TRAMPOLINE, str(to_browser), str(from_browser), *command],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(to_browser, from_browser))
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer (events that arrive meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self._events.append(answer)

    def wait_for(self, event: str, session: str | None = None) -> dict[str, Any]:
        """The first event of this name (for this session), kept or still to come."""
        while True:
            for index, found in enumerate(self._events):
                if found["method"] == event and found.get("sessionId") == session:
                    del self._events[index]
                    params: dict[str, Any] = found.get("params", {})
                    return params
            answer = self._receive()
            if "method" in answer:
                self._events.append(answer)

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise BrowserError(f"Chromium did not answer within {TIMEOUT:.0f} s")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        found: dict[str, Any] = json.loads(message)
        return found

    def close(self) -> None:
        with suppress(BrowserError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._read)
        os.close(self._write)


def _high(read: int, write: int) -> tuple[int, int]:
    """A pipe's ends moved to descriptors 10 and up."""
    import fcntl  # POSIX only, as the pipe to Chromium is

    moved = fcntl.fcntl(read, fcntl.F_DUPFD_CLOEXEC, 10), fcntl.fcntl(write, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(read)
    os.close(write)
    return moved


@contextmanager
def browser() -> Iterator[DevTools]:
    """A headless Chromium for the length of the block (skips when there is none)."""
    executable = chromium()
    with tempfile.TemporaryDirectory(prefix="guidegen-chromium-") as profile:
        devtools = DevTools(executable, Path(profile))
        try:
            yield devtools
        finally:
            devtools.close()


@dataclass
class Tab:
    """One page in its own tab, shown at a size, colour scheme and media type."""

    devtools: DevTools
    session: str
    width: int
    height: int

    @classmethod
    def open(cls, devtools: DevTools, page: Path, *, size: tuple[int, int], scheme: str = "light",
             media: str = "screen", reduced_motion: bool = False) -> Tab:
        target = devtools.call("Target.createTarget", url="about:blank")["targetId"]
        session = devtools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = cls(devtools, session, *size)
        tab.call("Page.enable")
        tab.call("Runtime.enable")
        tab.call("Emulation.setDeviceMetricsOverride", width=size[0], height=size[1], deviceScaleFactor=1,
                 mobile=size[0] < 600)
        if size[0] < 600:
            tab.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
        tab.emulate(scheme=scheme, media=media, reduced_motion=reduced_motion)
        tab.call("Page.navigate", url=page.resolve().as_uri())
        devtools.wait_for("Page.loadEventFired", session)
        return tab

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.devtools.call(method, self.session, **params)

    def emulate(self, *, scheme: str = "light", media: str = "screen", reduced_motion: bool = False) -> None:
        """The media type ("screen" or "print") and the reader's preferences the page sees."""
        motion = "reduce" if reduced_motion else "no-preference"
        features = [{"name": "prefers-color-scheme", "value": scheme},
                    {"name": "prefers-reduced-motion", "value": motion}]
        self.call("Emulation.setEmulatedMedia", media="" if media == "screen" else media, features=features)

    def evaluate(self, expression: str) -> Any:
        """The value of a script expression (awaited when it is a promise)."""
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def axe(self, source: str) -> list[dict[str, Any]]:
        """axe-core's violations on the page as it is now."""
        if not self.evaluate("typeof axe !== 'undefined'"):
            self.evaluate(source)
        violations: list[dict[str, Any]] = self.evaluate(AXE_RUN)
        return violations

    def tap(self, selector: str) -> None:
        """Bring the element into view and touch (phone) or click (desktop) its middle."""
        box = self.evaluate(f"""(() => {{
            const e = document.querySelector({json.dumps(selector)});
            e.scrollIntoView({{block: 'center', behavior: 'instant'}});
            const r = e.getBoundingClientRect();
            return [r.left + Math.min(r.width / 2, 40), r.top + r.height / 2];
        }})()""")
        x, y = box
        if self.width < 600:
            for kind, points in (("touchStart", [{"x": x, "y": y}]), ("touchEnd", [])):
                self.call("Input.dispatchTouchEvent", type=kind, touchPoints=points)
        else:
            for kind in ("mousePressed", "mouseReleased"):
                self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def screenshot(self, path: Path, *, full_page: bool = True) -> Path:
        """A PNG of the page (all of it, or the viewport)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": self.width, "height": size["height"], "scale": 1})
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", **params)["data"]))
        return path

    def pdf(self) -> bytes:
        """The page as Chromium prints it (A4, its own print stylesheet)."""
        result = self.call("Page.printToPDF", paperWidth=8.27, paperHeight=11.69, preferCSSPageSize=True,
                           printBackground=False)
        return base64.b64decode(result["data"])
