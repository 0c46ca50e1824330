"""A catalogue built in shards (`build --shard K/N` on N machines, the folders put together, then
`build --catalogue-only`) is byte for byte the catalogue built on one machine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidegen.pipeline.shards import shard
from helpers import FIXTURES, MINIMAL, MLOPS, ROOT, SECOND, run_cli

GUIDES = [MLOPS, SECOND, MINIMAL, FIXTURES / "languages" / "ru.yaml"]
EDITIONS = "web,epub,handout"


def _files(folder: Path) -> dict[str, bytes]:
    """The outputs in a folder (guidegen's own dotfiles, the manifest and the lock, aside)."""
    return {path.name: path.read_bytes() for path in folder.iterdir() if not path.name.startswith(".")}


def test_every_guide_is_in_exactly_one_share_whatever_the_order_given() -> None:
    for count in (1, 2, 3, 5):
        shares = [shard(GUIDES, share, count) for share in range(1, count + 1)]
        assert sorted(path for found in shares for path in found) == sorted(GUIDES)
        assert shares == [shard(list(reversed(GUIDES)), share, count) for share in range(1, count + 1)]


@pytest.mark.parametrize("count", [2, 3])
def test_shards_and_the_catalogue_page_equal_one_build(tmp_path: Path, count: int) -> None:
    whole = tmp_path / "whole"
    result = run_cli("build", *GUIDES, "--project", ROOT, "--out", whole, "--edition", EDITIONS, "--quiet")
    assert result.code == 0, result.err
    merged = tmp_path / "merged"
    merged.mkdir()
    for share in range(1, count + 1):
        out = tmp_path / f"shard-{share}"
        result = run_cli("build", *GUIDES, "--project", ROOT, "--out", out, "--edition", EDITIONS,
                         "--shard", f"{share}/{count}", "--quiet")
        assert result.code == 0, result.err
        assert "index.html" not in _files(out)  # a shard makes no catalogue page
        for name in _files(out):
            shutil.copy(out / name, merged / name)  # as a CI job downloads its shards' artifacts
    result = run_cli("build", *GUIDES, "--project", ROOT, "--out", merged, "--catalogue-only")
    assert result.code == 0, result.err
    assert _files(merged) == _files(whole)


@pytest.mark.parametrize("value", ["0/2", "3/2", "2", "a/b", "1/0"])
def test_a_share_that_is_not_k_of_n_is_refused(value: str) -> None:
    result = run_cli("build", MINIMAL, "--project", ROOT, "--shard", value)
    assert result.code == 2 and "K/N" in result.err and "Traceback" not in result.err
