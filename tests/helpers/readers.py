"""Real reading systems run on a real EPUB: MuPDF and calibre lay it out as readers do, calibre makes
the Kindle book, Ace by DAISY checks its accessibility. Each function skips the test, naming the
Debian package to install, when its tool is missing (.ci/run installs them all)."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

#: Where .ci/run installs the npm packages (with Debian's node); GUIDEGEN_NODE_PACKAGES overrides it.
NODE_PACKAGES = Path(os.environ.get("GUIDEGEN_NODE_PACKAGES", ROOT / ".ci" / "node")) / "node_modules"
ACE = NODE_PACKAGES / "@daisy" / "ace-cli" / "bin" / "ace.js"
PHONE = ("-W", "400", "-H", "660", "-S", "11")  # MuPDF: a phone's screen in points, 11 pt text
CALIBRE_PAGE = ("--custom-size", "90x120", "--unit", "millimeter",  # a phone's screen, small margins
                *(arg for side in ("left", "right", "top", "bottom")
                  for arg in (f"--pdf-page-margin-{side}", "18")))
# calibre's Qt WebEngine, as root and without a display.
CALIBRE_ENV = {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox", "QT_QPA_PLATFORM": "offscreen"}


def reading(text: str) -> str:
    """Text as a reader shows it, for comparing: runs of whitespace as one space, and a word broken
    after its hyphen at a line end joined again."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not found: install the Debian package {package}")
    return found


def _run(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
         timeout: int = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    assert result.returncode == 0, f"{command[0]} failed ({result.returncode}):\n{result.stderr[-3000:]}"
    return result


def mupdf_pages(epub: Path, out: Path) -> list[str]:
    """The EPUB laid out by MuPDF on a phone-sized page, each page's text (`mutool draw -F txt`)."""
    mutool = tool("mutool", "mupdf-tools")
    out.mkdir(parents=True, exist_ok=True)
    _run([mutool, "draw", "-q", "-F", "txt", *PHONE, "-o", str(out / "page%d.txt"), str(epub)])
    files = sorted(out.glob("page*.txt"), key=lambda p: int(p.stem.removeprefix("page")))
    return [reading(f.read_text(encoding="utf-8")) for f in files]


def mupdf_png(epub: Path, out: Path, pages: str) -> list[Path]:
    """Pictures of some pages as MuPDF lays them out (e.g. pages="1,9-10"), to look at."""
    mutool = tool("mutool", "mupdf-tools")
    out.mkdir(parents=True, exist_ok=True)
    _run([mutool, "draw", "-q", "-F", "png", "-r", "72", *PHONE, "-o", str(out / "page%d.png"),
          str(epub), pages])
    return sorted(out.glob("page*.png"))


def calibre_pdf(epub: Path, out: Path) -> Path:
    """The EPUB laid out by calibre (Qt WebEngine, i.e. Chromium) on a phone-sized page, as a PDF."""
    convert = tool("ebook-convert", "calibre")
    pdf = out / f"{epub.stem}.pdf"
    out.mkdir(parents=True, exist_ok=True)
    _run([convert, str(epub), str(pdf), *CALIBRE_PAGE], env=CALIBRE_ENV, timeout=600)
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text, as a reader would see it."""
    from pypdf import PdfReader

    return [reading(page.extract_text() or "") for page in PdfReader(pdf).pages]


def calibre_kindle(epub: Path, out: Path) -> tuple[Path, Path | None, list[str]]:
    """calibre's Kindle book (AZW3, the Send-to-Kindle path) of the EPUB: the book, the cover
    `ebook-meta` finds in it (None when it finds none), and the titles of its table of contents as
    calibre's MOBI inspector reads them from the book's NCX index."""
    convert = tool("ebook-convert", "calibre")
    out.mkdir(parents=True, exist_ok=True)
    azw3 = out / f"{epub.stem}.azw3"
    _run([convert, str(epub), str(azw3)], env=CALIBRE_ENV)
    cover = out / "cover.jpg"
    meta = _run([tool("ebook-meta", "calibre"), str(azw3), f"--get-cover={cover}"], env=CALIBRE_ENV)
    found = cover if cover.is_file() and "No cover found" not in meta.stdout else None
    _run([tool("calibre-debug", "calibre"), "--inspect-mobi", str(azw3)], env=CALIBRE_ENV, cwd=out)
    (ncx,) = out.glob("decompiled_*/ncx.record")
    entries = re.findall(r"^NCXEntry\(.*?title=('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")",
                         ncx.read_text(encoding="utf-8"), flags=re.M)
    return azw3, found, [ast.literal_eval(title) for title in entries]


def ace_violations(epub: Path, out: Path) -> list[dict[str, str]]:
    """Every violation Ace by DAISY reports: impact, rule, document and what it says."""
    node = tool("node", "nodejs")
    chromium = tool("chromium", "chromium")
    if not ACE.is_file():
        pytest.skip(f"Ace by DAISY not found at {ACE}: install the Debian packages nodejs and npm, "
                    "then the npm package @daisy/ace-cli there (see .ci/run)")
    report = out / "ace"
    _run([node, str(ACE), "--force", "--silent", "--outdir", str(report), str(epub)],
         env={"PUPPETEER_EXECUTABLE_PATH": chromium})
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    return [{"impact": test["earl:test"]["earl:impact"], "rule": test["earl:test"]["dct:title"],
             "document": checked["earl:testSubject"]["url"],
             "says": test["earl:result"].get("dct:description", "")}
            for checked in data["assertions"] for test in checked.get("assertions", [])
            if test["earl:result"]["earl:outcome"] == "fail"]
