"""How to get a font for a script on this system, in one sentence: the package to install on the
Linux distributions people use, what Windows and macOS ship, and the project's own fonts folder."""

from __future__ import annotations

import platform

from .weasy import distribution

#: What glyphs.script_of calls the scripts one CJK font family draws together.
_CJK = "Chinese, Japanese and Korean"

_OWN = ("or put a .ttf or .otf file that has them in the project's styles/fonts/ and name it in "
        "styles/fonts.css (guidegen docs theme)")

#: The package that draws a family of scripts, by Linux distribution, and how to install it.
_PACKAGES = {
    "debian": ("on Debian or Ubuntu, `sudo apt install {}`",
               {"cjk": "fonts-noto-cjk", "emoji": "fonts-noto-color-emoji", "other": "fonts-noto-core"}),
    "fedora": ("on Fedora, `sudo dnf install {}`",
               {"cjk": "google-noto-sans-cjk-fonts", "emoji": "google-noto-color-emoji-fonts",
                "other": "google-noto-sans-{script}-fonts"}),
    "arch": ("on Arch Linux, `sudo pacman -S {}`",
             {"cjk": "noto-fonts-cjk", "emoji": "noto-fonts-emoji", "other": "noto-fonts"}),
    "alpine": ("on Alpine, `apk add {}`", {"cjk": "font-noto-cjk", "emoji": "font-noto-emoji",
                                          "other": "font-noto-all"}),
}
_NOTO = {"cjk": "Noto Sans CJK", "emoji": "Noto Color Emoji", "other": "Noto Sans {script}"}


def font_advice(script: str, system: str | None = None, release: dict[str, str] | None = None) -> str:
    """What to do so that a font draws this script ("Hiragana", "Arabic", "emoji"…), on this system."""
    system = system or platform.system()
    family = "cjk" if script == _CJK else "emoji" if script == "emoji" else "other"
    if system == "Windows":
        ships = {"cjk": "Windows installs fonts for Chinese, Japanese and Korean with the language",
                 "emoji": "Windows has Segoe UI Emoji",
                 "other": f"Windows installs fonts for {script} with a language that uses it"}[family]
        return (f"{ships}: in Settings → Time & language → Language & region, add the language (with its "
                f"fonts), then build again; {_OWN}")
    if system == "Darwin":
        return (f"macOS ships fonts for {script}; if none is found, "
                "install one with Homebrew (`brew install --cask font-noto-sans-cjk`, "
                "`font-noto-color-emoji` or `font-noto-sans`), then build again; " + _OWN)
    found = distribution(release)
    if found in _PACKAGES:
        command, packages = _PACKAGES[found]
        package = packages[family].format(script=script.lower().replace(" ", "-"))
        return f"install a font for it ({command.format(package)}), then build again; {_OWN}"
    noto = _NOTO[family].format(script=script)
    return (f"install a font for it with your system's package manager ({noto} draws it), then build "
            f"again; {_OWN}")
