"""`guidegen doctor`: what each edition needs, and whether this machine has it, with the fix.

The PDF editions need WeasyPrint and its system libraries (Pango, which pip cannot install), and
they draw each character with a font: the theme's own, else one the machine has. The e-book, the
web page and the Anki deck need nothing beyond guidegen. HarfBuzz's font subsetter is optional:
without it WeasyPrint subsets fonts with fontTools, which takes about twice as long and stamps the
clock into each font, so the same guide no longer gives the same PDF bytes. Each finding is one
line, `ok` or `missing`, with the install command for this system; the exit status is 1 when
anything an edition needs is missing.
"""

from __future__ import annotations

import ctypes.util
import platform
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..editions import EDITIONS, themes
from ..load.discover import guide_files
from ..render.weasy import install_advice, load_problem
from .terminal import say

EXIT_MISSING = 1


def doctor(files: Sequence[Path], project: Path, stdout: TextIO) -> int:
    """Report what each edition needs on this machine; 1 when something needed is missing."""
    say(f"guidegen {__version__}, Python {platform.python_version()}, {_system()}", stdout)
    problem = load_problem()
    engine = _engine() if problem is None else ""
    missing = False
    say("", stdout)
    say("Editions", stdout)
    for edition in EDITIONS:
        if not edition.weasyprint:
            _line(stdout, True, edition.name, f"{edition.summary}: needs nothing more")
        elif problem is None:
            _line(stdout, True, edition.name, f"{edition.summary}: {engine}")
        else:
            missing = True
            _line(stdout, False, edition.name, f"{edition.summary}: needs WeasyPrint's system libraries")
    say("", stdout)
    say("Layout (the PDF editions)", stdout)
    if problem is None:
        _line(stdout, True, "weasyprint", engine)
    else:
        _line(stdout, False, "weasyprint", f"cannot load: {problem}")
        say(f"          fix: {install_advice()}", stdout)
    if ctypes.util.find_library("harfbuzz-subset"):
        _line(stdout, True, "subsetter", "HarfBuzz's font subsetter: fast builds, the same PDF bytes "
                                         "from the same guide")
    else:
        _line(stdout, False, "subsetter", "HarfBuzz's font subsetter (optional): without it builds take "
                                          "about twice as long, and the same guide gives different PDF bytes")
        say(f"          fix: {install_advice()}", stdout)
    missing = _fonts(files, project, stdout) or missing
    return EXIT_MISSING if missing else 0


def _fonts(files: Sequence[Path], project: Path, stdout: TextIO) -> bool:
    """Whether some character of some guide has no font to draw it, neither the theme's nor one of
    this machine's (the PDFs would show a box: `build` refuses them); False when every one has."""
    from ..load.guides import load_guides
    from ..model.problems import GuideError, display_name
    from ..render.glyphs import printable_problems
    from ..render.project import Project

    say("", stdout)
    say("Fonts (every character the PDF editions draw needs a font: the theme's or this machine's)", stdout)
    paths = list(files) or guide_files(project)
    if not paths:
        say(f"          no guides in {display_name(project / 'content')} to look at", stdout)
        return False
    try:
        loaded = load_guides(paths, project=project)
    except GuideError as error:
        say(f"          the guides do not load ({len(error.problems)} problem(s)): `guidegen check` "
            "lists them", stdout)
        return False
    place, lacking = Project(project, themes()), False
    editions = [edition.name for edition in EDITIONS if edition.weasyprint]
    for item in loaded:
        found = printable_problems(item, place, editions)
        for problem in found:
            _line(stdout, False, "", str(problem))
        if not found:
            _line(stdout, True, "", f"{display_name(item.path)}: every character has a font")
        lacking = lacking or bool(found)
    return lacking


def _engine() -> str:
    """WeasyPrint's and Pango's versions, from WeasyPrint's own `--info` (its public report)."""
    import weasyprint

    try:
        info = subprocess.run([sys.executable, "-m", "weasyprint", "--info"], capture_output=True,
                              text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        info = ""
    found = re.search(r"Pango version: (\d+)", info)
    pango = ""
    if found:
        number = int(found.group(1))
        pango = f", Pango {number // 10000}.{number // 100 % 100}.{number % 100}"
    return f"WeasyPrint {weasyprint.__version__}{pango}"


def _system() -> str:
    if platform.system() == "Linux":
        try:
            return str(platform.freedesktop_os_release().get("PRETTY_NAME", "Linux"))
        except OSError:
            return "Linux"
    return f"{platform.system()} {platform.release()}"


def _line(stdout: TextIO, ok: bool, what: str, detail: str) -> None:
    say(f"{'ok' if ok else 'missing':<9} {what:<10} {detail}" if what else
        f"{'ok' if ok else 'missing':<9} {detail}", stdout)
