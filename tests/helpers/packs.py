"""A recruiter's project for the candidate packs tests: the MLOps guide, the brand of
tests/fixtures/packs (with next steps) and its packs files, and the packs built from them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from . import FIXTURES, MLOPS, run_cli

PACKS = FIXTURES / "packs"
#: The three candidates of three.csv: (name, email, the folder's slug) as written there by hand.
ZOE = ("Zoë Ødegaard", "zoe@example.com", "zoe-odegaard")
KENJI = ("Kenji Sato", "kenji@example.com", "kenji-sato")
HOSTILE = ("../<script>alert(1)</script>", None, "script-alert-1-script")


def recruiter_project(root: Path) -> Path:
    """A project at `root` with the guide, the brand, its logo and packs/three.csv."""
    (root / "content").mkdir(parents=True)
    shutil.copy(MLOPS, root / "content" / MLOPS.name)
    shutil.copy(PACKS / "brand.yaml", root / "brand.yaml")
    shutil.copy(FIXTURES / "brand" / "logo.svg", root / "logo.svg")
    (root / "packs").mkdir()
    for name in ("three.csv", "three.yaml"):
        shutil.copy(PACKS / name, root / "packs" / name)
    return root


@dataclass(frozen=True)
class Pack:
    folder: Path

    @property
    def pdf(self) -> Path:
        [found] = self.folder.glob("*-pack.pdf")
        return found

    @property
    def invitation(self) -> Path:
        [found] = self.folder.glob("*.ics")
        return found


def build(project: Path, packs_file: str = "packs/three.csv", *flags: str) -> dict[str, Pack]:
    """Build the packs; each candidate's files by the slug their folder starts with."""
    result = run_cli("build", "--project", project, "--packs", project / packs_file, *flags)
    assert result.code == 0 and "Traceback" not in result.err, result.err
    folders = sorted((project / "output" / "packs").iterdir())
    return {folder.name.rsplit("-", 1)[0]: Pack(folder) for folder in folders if folder.is_dir()}
