"""The machine's fonts for the scripts a test lays out: a test that needs one skips, naming the
Debian package that brings it (.ci/run installs them all), when fontconfig finds none."""

from __future__ import annotations

import pytest

from guidegen.render.system_fonts import system_fonts

#: A few characters of each script, and the Debian package with a font for them.
SCRIPTS = {
    "cjk": ("日本語한국어中文", "fonts-noto-cjk"),
    "noto": ("عربيעבריתहिन्दीไทย", "fonts-noto-core"),
    "emoji": ("👶🚀💡", "fonts-noto-color-emoji"),
}


def need_fonts(*scripts: str) -> None:
    """Skip the test unless the machine has a font for each of these scripts (keys of SCRIPTS)."""
    fonts = system_fonts()
    for script in scripts:
        sample, package = SCRIPTS[script]
        if not fonts.available or fonts.uncovered(sample):
            pytest.skip(f"needs fonts for {script} (Debian package {package}; .ci/run installs it)")
