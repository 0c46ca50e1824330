"""Hostile and careless input, round two: links in the output folder, logos, files that never end,
words wider than a page, failures of the machine, two builds at once. Every case ends in the
expected files or in one line of message, never a traceback, and nothing outside the output folder
is written or deleted."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from guidegen.base.writing import TEMP_SUFFIX
from guidegen.pipeline import lock as build_lock
from helpers import FIXTURES, MINIMAL, ROOT, run_cli

BRANDED = FIXTURES / "brand" / "brand.yaml"
POSIX = pytest.mark.skipif(os.name != "posix", reason="makes FIFOs and links to /dev/zero (POSIX)")


def _outputs(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def _project(tmp_path: Path, guide: str | None = None) -> Path:
    """A project holding the minimal guide (or the text given) in content/."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "content" / "guide.yaml").write_text(guide or MINIMAL.read_text(), encoding="utf-8")
    return root


def _branded(tmp_path: Path, logo_name: str, logo: bytes | None) -> Path:
    """A project whose brand.yaml names `logo_name`, holding `logo` there (unless None)."""
    root = _project(tmp_path)
    (root / "brand.yaml").write_text(f"organisation: Acme Careers\nlogo: {logo_name}\n", encoding="utf-8")
    if logo is not None:
        (root / logo_name).write_bytes(logo)
    return root


def _png(width: int, height: int, *, broken: bool = False) -> bytes:
    """A real grey PNG of this size (a huge one compresses to almost nothing)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = zlib.compress(b"".join(b"\0" + b"\x80" * width for _ in range(height)), 9)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
    return data[: len(data) // 2] if broken else data


# --- the output folder: whatever links it holds, nothing outside it is written or deleted --------


@POSIX
def test_links_in_the_output_folder_never_reach_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("precious")
    for name in ("stats.json", "manifest.json", "temp"):
        (outside / name).write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".guidegen-cache").symlink_to(outside)  # the part cache's old folder, committed as a link
    (out / ".guidegen-stats.json").symlink_to(outside / "stats.json")
    (out / ".guidegen-manifest.json").symlink_to(outside / "manifest.json")
    (out / f".tiny-guide.epub.abc{TEMP_SUFFIX}").symlink_to(outside / "temp")
    result = run_cli("build", MINIMAL, "--project", ROOT, "--out", out, "--jobs", "1")
    assert result.code == 0, result.err
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt", "manifest.json", "stats.json", "temp"]
    assert all(p.read_text() == "precious" for p in outside.iterdir())
    assert not (out / ".guidegen-manifest.json").is_symlink()  # replaced by a file of its own


def test_a_cache_folder_left_by_an_older_version_is_neither_read_nor_written(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    flags = ("--edition", "print", "--jobs", "1")  # the edition whose parts the old cache kept
    assert run_cli("build", MINIMAL, "--project", ROOT, "--out", clean, *flags).code == 0
    out = tmp_path / "out"
    planted = out / ".guidegen-cache" / "tiny-guide-print"
    planted.mkdir(parents=True)
    (planted / f"{'0' * 64}.pdf").write_bytes(b"%PDF-1.7 tampered")
    (planted / f"{'0' * 64}.json").write_text("{not json")
    result = run_cli("build", MINIMAL, "--project", ROOT, "--out", out, *flags)
    assert result.code == 0, result.err
    assert _outputs(out) == _outputs(clean)
    assert sorted(p.name for p in planted.iterdir()) == [f"{'0' * 64}.json", f"{'0' * 64}.pdf"]


# --- logos: checked by content, made safe, refused by name and field -----------------------------

HOSTILE_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  viewBox="0 0 40 20" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>
  <a xlink:href="javascript:alert(2)"><rect width="40" height="20" fill="#0b6e4f" onclick="alert(3)"/></a>
  <image href="https://evil.example/pixel.png" width="1" height="1"/>
  <circle cx="10" cy="10" r="5" fill="#ffffff" style="fill: url(https://evil.example/x)"/>
  <use href="https://evil.example/sprite.svg#x"/>
  <style>@import url(https://evil.example/x.css);</style>
</svg>"""


def test_a_hostile_svg_logo_is_made_safe_in_every_edition(tmp_path: Path) -> None:
    project = _branded(tmp_path, "logo.svg", HOSTILE_SVG)
    result = run_cli("build", "--project", project, "--jobs", "1")
    assert result.code == 0, result.err
    import zipfile

    book = next((project / "output").glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        logo = archive.read("EPUB/images/logo.svg").decode()
    for left_out in ("script", "onload", "onclick", "foreignObject", "iframe", "javascript:", "evil.example",
                     "@import", "<image"):
        assert left_out not in logo, left_out
    assert 'fill="#0b6e4f"' in logo  # the drawing itself stays
    for pdf in (project / "output").glob("*.pdf"):
        raw = pdf.read_bytes()
        assert b"evil.example" not in raw and b"/JavaScript" not in raw, pdf.name


BAD_LOGOS: dict[str, tuple[str, bytes, str]] = {
    "not an image": ("logo.png", b"just some text, not a picture\n", "is neither a PNG nor an SVG image"),
    "broken png": ("logo.png", _png(64, 64, broken=True), "is not a readable PNG image"),
    "huge png": ("logo.png", _png(9000, 9000), "is 9000 x 9000 pixels"),
    "big file": ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * 2_100_000 + b"</svg>",
                 "logos are limited to 2 MB"),
    "entities": ("logo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                 b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                 b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>', "declares entities"),
    "nested use": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><rect width="1" '
                   b'height="1"/></g>' + b"".join(
                       f'<g id="{chr(98 + i)}"><use href="#{chr(97 + i)}"/><use href="#{chr(97 + i)}"/></g>'
                       .encode() for i in range(20)) + b"</svg>", "points at another <use>"),
    "not svg": ("logo.svg", b"<html><body>hi</body></html>", "is not an SVG image"),
}


@pytest.mark.parametrize("case", BAD_LOGOS, ids=list(BAD_LOGOS))
def test_a_bad_logo_is_an_error_at_brand_logo(case: str, tmp_path: Path) -> None:
    name, data, message = BAD_LOGOS[case]
    project = _branded(tmp_path, name, data)
    started = time.monotonic()
    for command in (["check"], ["build", "--jobs", "1"]):
        result = run_cli(*command, "--project", project)
        assert result.code == 2, (command, result.err)
        assert f"brand.yaml:2:7: logo: logo '{name}' " in result.err and message in result.err, result.err
        assert "Traceback" not in result.err
    assert time.monotonic() - started < 30  # refused, not drawn for minutes
    assert not (project / "output").exists()


@POSIX
@pytest.mark.parametrize("target", ["loop", "/dev/zero"])
def test_a_logo_that_is_a_loop_or_a_device_is_an_error(target: str, tmp_path: Path) -> None:
    project = _branded(tmp_path, "logo.svg", None)
    (project / "logo.svg").symlink_to(project / "logo.svg" if target == "loop" else target)
    result = run_cli("check", "--project", project)
    assert result.code == 2 and "brand.yaml:2:7: logo: logo 'logo.svg' " in result.err, result.err
    assert "Traceback" not in result.err


def test_a_logo_is_known_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    project = _branded(tmp_path, "logo.svg", _png(32, 16))  # a PNG named .svg
    result = run_cli("build", "--project", project, "--edition", "epub")
    assert result.code == 0, result.err
    import zipfile

    with zipfile.ZipFile(next((project / "output").glob("*.epub"))) as archive:
        assert "EPUB/images/logo.png" in archive.namelist()


# --- files that never end ------------------------------------------------------------------------


@POSIX
def test_guides_and_brand_files_that_never_end_are_refused_at_once(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "content" / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(project / "content" / "pipe.yaml")
    (project / "brand.yaml").symlink_to("/dev/zero")
    result = subprocess.run([sys.executable, "-m", "guidegen", "check"], cwd=project, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert "brand.yaml:1:1: is a device, pipe or socket, not a brand file" in lines
    assert "content/pipe.yaml:1:1: is a device, pipe or socket, not a guide file" in lines
    assert "content/zero.yaml:1:1: is a device, pipe or socket, not a guide file" in lines


# --- words wider than the page -------------------------------------------------------------------

TOKEN = "eyJhbGciOiJIUzI1NiJ9." + "x" * 240 + "." + "0123456789abcdef" * 8
LONG_URL = "https://example.com/" + "/".join(["segment"] * 60)


def _wide(tmp_path: Path) -> Path:
    text = MINIMAL.read_text()
    text = text.replace("question: What is a test?", f"question: What does {TOKEN} mean?")
    text = text.replace("answer: A check that fails when the behaviour breaks.",
                        f"answer: 'See `{TOKEN}` and <{LONG_URL}>, then {TOKEN}.'")
    text = text.replace("url: https://docs.pytest.org/", f"url: {LONG_URL}")
    text = text.replace("why: Nothing tells you when it breaks.", f"why: {TOKEN}")
    return _project(tmp_path, text)


def test_a_token_wider_than_the_page_wraps_inside_it(tmp_path: Path) -> None:
    project = _wide(tmp_path)
    result = run_cli("build", "--project", project, "--jobs", "1", "--edition", "print,handout,cards")
    assert result.code == 0, result.err
    margin = 10 * 72 / 25.4  # no page of any edition prints closer than 10 mm to the paper's edge
    for pdf in sorted((project / "output").glob("*.pdf")):
        with pdfplumber.open(pdf) as document:
            for number, page in enumerate(document.pages, 1):
                outside = [c["text"] for c in page.chars
                           if c["x0"] < margin - 1 or c["x1"] > page.width - margin + 1]
                assert not outside, (pdf.name, number, "".join(outside)[:40])


# --- what check accepts, build can render --------------------------------------------------------


@pytest.mark.parametrize(("change", "message"), [
    (("url: https://docs.pytest.org/", "url: https://example.com/" + "a" * 3000),
     "resources[0].url (resource 1): must be at most 2000 characters long"),
    (("answer: A check that fails when the behaviour breaks.", f"answer: '{'*' * 600}x{'*' * 600}'"),
     "technical.questions[0].answer (Q1): emphasis and links are nested 300 deep"),
], ids=["qr-code-overflow", "deep-emphasis"])
def test_check_refuses_what_build_could_not_render(change: tuple[str, str], message: str,
                                                   tmp_path: Path) -> None:
    project = _project(tmp_path, MINIMAL.read_text().replace(*change))
    for command in (["check"], ["build", "--jobs", "1"]):
        result = run_cli(*command, "--project", project)
        assert result.code == 2 and message in result.err and "Traceback" not in result.err, result.err


# --- the machine refuses: one line, exit 1, earlier outputs untouched ----------------------------


def test_out_naming_a_file_is_a_message(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("not a folder")
    result = run_cli("build", MINIMAL, "--project", ROOT, "--out", target, "--edition", "epub")
    assert (result.code, result.err.splitlines()[-1]) == (
        1, f"guidegen: cannot write into {target}: it is a file, not a folder; earlier outputs are untouched")


@pytest.mark.parametrize("failing", ["write", "rename"])
def test_a_full_disk_or_a_failed_rename_leaves_a_message_and_says_what_was_replaced(
        failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    two = ("--edition", "print,cards", "--jobs", "1")  # the second of two renames fails
    assert run_cli("build", MINIMAL, "--project", ROOT, "--out", out, *two).code == 0
    before = _outputs(out)
    changed = tmp_path / "minimal.yaml"
    changed.write_text(MINIMAL.read_text().replace("A check that fails", "A new check that fails"))
    import guidegen.base.writing as output

    if failing == "write":
        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr(output.os, "fsync", full)
    else:
        real, calls = os.replace, []

        def second_fails(src: str | Path, dst: str | Path) -> None:
            calls.append(dst)
            if len(calls) == 2:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            real(src, dst)
        monkeypatch.setattr(output.os, "replace", second_fails)
    result = run_cli("build", changed, "--project", ROOT, "--out", out, *two)
    monkeypatch.undo()
    assert result.code == 1 and "Traceback" not in result.err
    [last] = result.err.splitlines()[-1:]
    if failing == "write":
        assert "No space left on device" in last and _outputs(out) == before
    else:
        assert "replaced: tiny-guide-print.pdf; kept as they were: tiny-guide-cards.pdf" in last
    assert not list(out.glob(f".*{TEMP_SUFFIX}"))


@pytest.mark.parametrize("offset", ["1e308,0", "nan,0", "0,inf", "50,0", "0,-10.5"])
def test_nonsensical_back_offsets_are_usage_errors(offset: str) -> None:
    for command in ("build", "calibrate"):
        result = run_cli(command, f"--back-offset={offset}")
        assert result.code == 2 and "between -10 and 10" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("jobs", ["0", "-3", "many"])
def test_jobs_must_be_one_or_more(jobs: str) -> None:
    result = run_cli("build", MINIMAL, f"--jobs={jobs}")
    assert result.code == 2 and "expected a number of processes from 1 to" in result.err


#: `python -m guidegen`, with Ctrl-C pressed while the command is still importing its parts.
INTERRUPTED_WHILE_STARTING = """
import builtins, runpy, sys
real = builtins.__import__
def interrupting(name, *args, **kwargs):
    if name == "argparse":
        raise KeyboardInterrupt
    return real(name, *args, **kwargs)
builtins.__import__ = interrupting
sys.argv = ["guidegen", "--version"]
runpy.run_module("guidegen", run_name="__main__")
"""


def test_ctrl_c_while_starting_exits_130_quietly() -> None:
    result = subprocess.run([sys.executable, "-c", INTERRUPTED_WHILE_STARTING], capture_output=True,
                            text=True, timeout=60, check=False)
    assert (result.returncode, result.stderr) == (130, "guidegen: interrupted\n")


def test_a_failure_inside_guidegen_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import guidegen.editions.epub as epub

    def broken(*args: object) -> bytes:
        raise RuntimeError("something went wrong inside")
    monkeypatch.setattr(epub, "write", broken)
    monkeypatch.delenv("GUIDEGEN_DEBUG", raising=False)
    result = run_cli("build", MINIMAL, "--project", ROOT, "--out", tmp_path, "--edition", "epub")
    assert result.code == 1 and len(result.err.splitlines()) == 1, result.err
    assert "internal error (RuntimeError: something went wrong inside)" in result.err


def test_what_a_guide_says_cannot_steer_the_terminal(tmp_path: Path) -> None:
    """An escape sequence in a field's name reaches the terminal in its "unknown field" message."""
    text = MINIMAL.read_text() + '"\\e[2J\\e]0;owned\\a": 1\n'
    project = _project(tmp_path, text)
    result = run_cli("check", "--project", project)
    assert result.code == 2
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "\\x1b[2J\\x1b]0;owned\\x07" in result.err


# --- two builds, one folder ----------------------------------------------------------------------


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", MINIMAL, "--project", ROOT, "--out", out, "--edition", "epub").code == 0
    changed = tmp_path / "minimal.yaml"
    changed.write_text(MINIMAL.read_text().replace("A check that fails", "A new check that fails"))
    leftover = out / f".tiny-guide.epub.other{TEMP_SUFFIX}"  # the first build's staged file
    finished: list[int] = []
    with build_lock.output_lock(out, lambda line: None):  # "the first build", mid-write
        leftover.write_bytes(b"staged by the other build")
        noop = run_cli("build", MINIMAL, "--project", ROOT, "--out", out, "--edition", "epub")
        assert noop.code == 0 and leftover.exists()  # a no-op never sweeps another build's files
        second = threading.Thread(target=lambda: finished.append(
            run_cli("build", changed, "--project", ROOT, "--out", out, "--edition", "epub").code))
        second.start()
        time.sleep(3)
        assert not finished and leftover.exists()  # waiting, not writing
    second.join(timeout=60)
    assert finished == [0] and not leftover.exists()


# --- the same bytes without HarfBuzz's subsetter -------------------------------------------------

WITHOUT_SUBSETTER = """
import runpy, sys, time
import weasyprint.pdf.fonts
weasyprint.pdf.fonts.harfbuzz_subset = None  # as on a machine without libharfbuzz-subset0
clock, shift = time.time, float(sys.argv[1])
time.time = lambda: clock() + shift  # and built at another time
sys.argv = ["guidegen", *sys.argv[2:]]
runpy.run_module("guidegen", run_name="__main__")
"""


@pytest.mark.slow
def test_the_same_bytes_without_harfbuzz_subsetter(tmp_path: Path) -> None:
    made: list[Callable[[], dict[str, str]]] = []
    for shift in ("0", "86400"):
        out = tmp_path / shift
        result = subprocess.run([sys.executable, "-c", WITHOUT_SUBSETTER, shift, "build", str(MINIMAL),
                                 "--project", str(ROOT), "--out", str(out), "--jobs", "1", "--quiet"],
                                capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stderr
        made.append(lambda out=out: _outputs(out))
    assert made[0]() == made[1]()
    shutil.rmtree(tmp_path / "0")
