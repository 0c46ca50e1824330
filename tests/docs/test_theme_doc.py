"""docs/theme.md lists every custom property of the theme's PDF stylesheets, with the theme's own
value, and no property the stylesheets no longer declare: the list stays true as they change."""

from __future__ import annotations

import re

import pytest

from guidegen.render.metrics import custom_properties
from helpers import ROOT

DOC = ROOT / "docs" / "theme.md"
STYLESHEETS = ["fonts.css", "pdf-common.css", "print.css", "cards.css", "handout.css"]


def _sections() -> dict[str, str]:
    """Each stylesheet's section of the doc, by the stylesheet's name."""
    text = DOC.read_text(encoding="utf-8")
    pattern = re.compile(r"^## ([\w.-]+)[^\n]*\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    return {found.group(1): found.group(2) for found in pattern.finditer(text)}


def _documented(section: str) -> dict[str, str | None]:
    """Each property a section's table names, with the value it gives where the row names one
    property (None where it names several). `--x-1` … `-4` stands for the steps 1 to 4."""
    found: dict[str, str | None] = {}
    for names, value in re.findall(r"^\| (`--[^|]+) \| ([^|]+) \|", section, re.MULTILINE):
        for first, last in re.findall(r"`(--[\w-]+-1)` … `-(\d+)`", names):
            found |= {f"{first[:-2]}-{step}": None for step in range(1, int(last) + 1)}
        listed = [name for name in re.findall(r"`(--[\w-]+)`", names) if not name.endswith("-1")
                  or f"`{name}` …" not in names]
        for name in listed:
            found[name] = value.strip().strip("`") if len(listed) == 1 and "…" not in names else None
    return found


@pytest.mark.parametrize("stylesheet", STYLESHEETS)
def test_the_theme_doc_lists_every_property_of_each_stylesheet(stylesheet: str) -> None:
    declared = custom_properties((ROOT / "styles" / stylesheet).read_text(encoding="utf-8"))
    documented = _documented(_sections()[stylesheet])
    assert {f"--{name}" for name in declared} == set(documented)
    for name, value in documented.items():
        if value is not None:
            assert declared[name[2:]].value == value, name
