"""WeasyPrint, which lays out the PDF editions, and the system libraries it needs, on this machine.

WeasyPrint is a Python package, but it draws text with Pango, a system library pip cannot install:
where Pango is missing (most often on Windows and macOS), importing WeasyPrint fails with "cannot
load library 'gobject-2.0-0'". Only the PDF editions need it: everything else (new, import, check,
the e-book, the web page, the Anki deck) must go on working, and the PDF editions must say in one
line what to install on this very system. `guidegen doctor` reports the same, and more.
"""

from __future__ import annotations

import platform
import re
from functools import cache

#: Where WeasyPrint's installation guide says how to install Pango on each system.
GUIDE = "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"


class MissingLayoutEngine(Exception):
    """WeasyPrint cannot be used here: what went wrong, and the fix for this system. It crosses
    from a worker process as it is (its message is its only argument)."""

    def __str__(self) -> str:
        return str(self.args[0])


class NotBuilt(Exception):
    """Outputs of a build this machine cannot make (its PDF editions, where WeasyPrint cannot
    load), one line each with the fix; every other output of the build was written."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.lines = lines


@cache
def load_problem() -> str | None:
    """Why WeasyPrint cannot be imported here (its own words), or None when it can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: a system library cffi cannot load
        return " ".join(str(error).split()) or type(error).__name__
    return None


def require() -> None:
    """Raise MissingLayoutEngine, with the fix for this system, unless WeasyPrint loads."""
    problem = load_problem()
    if problem is not None:
        raise MissingLayoutEngine(f"the PDF editions need WeasyPrint's system libraries (Pango), which "
                                  f"it cannot load here ({_short(problem)}); {install_advice()}; then "
                                  "`guidegen doctor` checks again")


def install_advice(system: str | None = None, release: dict[str, str] | None = None) -> str:
    """How to install Pango (and HarfBuzz's subsetter) on this system, as one sentence."""
    system = system or platform.system()
    if system == "Windows":
        return ("on Windows, install the GTK3 runtime (https://github.com/tschoonj/GTK-for-Windows-"
                "Runtime-Environment-Installer/releases) with its default options and open a new "
                "terminal; if the libraries are still not found, set WEASYPRINT_DLL_DIRECTORIES to its "
                f"bin folder ({GUIDE})")
    if system == "Darwin":
        return ("on macOS, install Homebrew (https://brew.sh), then `brew install pango`; if they are "
                "still not found, `export DYLD_FALLBACK_LIBRARY_PATH=/opt/homebrew/lib`")
    family = distribution(release)
    if family == "debian":
        return "on Debian or Ubuntu, `sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0`"
    if family == "fedora":
        return "on Fedora, `sudo dnf install pango`"
    if family == "arch":
        return "on Arch Linux, `sudo pacman -S pango`"
    if family == "alpine":
        return ("on Alpine, `apk add so:libgobject-2.0.so.0 so:libpango-1.0.so.0 so:libharfbuzz.so.0 "
                "so:libharfbuzz-subset.so.0 so:libfontconfig.so.1 so:libpangoft2-1.0.so.0`")
    return f"install Pango 1.44 or later with your system's package manager ({GUIDE})"


def distribution(release: dict[str, str] | None) -> str:
    """The Linux family by /etc/os-release's ID and ID_LIKE (debian, fedora, arch, alpine), or ""."""
    if release is None:
        try:
            release = platform.freedesktop_os_release()
        except OSError:
            return ""
    names = {release.get("ID", ""), *release.get("ID_LIKE", "").split()}
    for family, members in (("debian", {"debian", "ubuntu"}), ("fedora", {"fedora", "rhel", "centos"}),
                            ("arch", {"arch"}), ("alpine", {"alpine"})):
        if names & members:
            return family
    return ""


def _short(problem: str) -> str:
    """The gist of WeasyPrint's error: the library it could not load, when it names one."""
    library = re.search(r"cannot load library '[^']+'", problem)
    if library:
        return library.group()
    return problem if len(problem) <= 120 else problem[:117] + "…"
