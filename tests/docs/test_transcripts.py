"""The README's and docs' shell blocks, typed as written in a fresh folder (helpers/transcript.py):
the user's first hour (doctor, new, import, check, build, then watch with its preview fetched over
HTTP, an edit, a bad edit, the fix and Ctrl-C), and every command the README lists. A step that
stops working fails here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES
from helpers.transcript import PAGES, Shell, blocks

#: The document a reader already has, where the README's import expects it (beside the project).
DOCUMENT = FIXTURES / "import" / "recruiter-data-engineer.md"


def test_every_shell_block_is_run_or_says_why_not() -> None:
    """A block is a transcript unless the comment above it gives a reason; the README's first hour
    holds every step of it, watch last."""
    readme = blocks(PAGES[0])
    first_hour = next(block for block in readme if any("guidegen doctor" in c for c in block.commands))
    steps = [command.split()[1] for command in first_hour.commands if command.startswith("guidegen ")]
    assert steps == ["doctor", "new", "import", "check", "build", "watch"]
    text = PAGES[0].read_text(encoding="utf-8")
    assert text.count("```sh") == len(readme) + text.count("<!-- not a transcript") + text.count(
        "<!-- transcript: .ci/run")


@pytest.mark.slow
@pytest.mark.posix
@pytest.mark.parametrize("page", [page for page in PAGES if blocks(page)], ids=lambda page: page.name)
def test_the_pages_shell_blocks_work_as_written(page: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(DOCUMENT, home / "interview-guide.md")
    shell = Shell(home)
    for block in blocks(page):
        shell.block(block)
