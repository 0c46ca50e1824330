"""Fixtures every test file may use: the repository as a project, its guides, and builds run once
a session. Helpers that are not fixtures live in tests/helpers/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from guidegen.load import load_guide
from guidegen.model.guide import Guide
from helpers import GUIDES, ROOT, run_cli


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session", params=GUIDES, ids=lambda p: p.stem)
def guide_path(request: pytest.FixtureRequest) -> Path:
    """Each guide the suite knows, so every edition test runs on more than the MLOps guide."""
    path: Path = request.param
    return path


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files relative to the working directory, as a user in the repository sees
    them: a test module that compares messages uses it (`pytestmark`)."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def load() -> Callable[[Path], Guide]:
    return lambda path: load_guide(path, project=ROOT)


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """build(edition, guide, *flags) -> output directory; each distinct build runs once a session,
    in this process (`--jobs 1`: the pooled builds have tests of their own)."""
    cache: dict[tuple[str, ...], Path] = {}

    def build(edition: str, guide: Path, *flags: str) -> Path:
        key = (edition, str(guide), *flags)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"{edition}-{guide.stem}")
            result = run_cli("build", guide, "--project", ROOT, "--edition", edition,
                             "--out", out, "--quiet", "--jobs", "1", *flags)
            assert result.code == 0, result.err
            cache[key] = out
        return cache[key]

    return build
