"""Shared test helpers: the repository as a project, its guides, and the CLI driven in-process."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from guidegen.cli import main
from guidegen.load import load_guide

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MLOPS = ROOT / "content" / "mlops-engineer-uk.yaml"
SECOND = FIXTURES / "guides" / "data-analyst-de.yaml"
GUIDES = [MLOPS, SECOND]


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path) -> Run:
    """Run `guidegen ARGS` in this process (so WeasyPrint is imported once per test session)."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session", params=GUIDES, ids=lambda p: p.stem)
def guide_path(request: pytest.FixtureRequest) -> Path:
    """Each guide the suite knows, so every edition test runs on more than the MLOps guide."""
    return request.param


@pytest.fixture(scope="session")
def load() -> Callable[[Path], object]:
    return lambda path: load_guide(path, project=ROOT)


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """build(edition, guide, *flags) -> output directory; each distinct build runs once a session."""
    cache: dict[tuple[str, ...], Path] = {}

    def build(edition: str, guide: Path, *flags: str) -> Path:
        key = (edition, str(guide), *flags)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"{edition}-{guide.stem}")
            result = run_cli("build", guide, "--project", ROOT, "--edition", edition,
                             "--out", out, "--quiet", *flags)
            assert result.code == 0, result.err
            cache[key] = out
        return cache[key]

    return build
