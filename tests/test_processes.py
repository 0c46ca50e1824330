"""Work split into parts: runs cover every item once, in order, as even as can be, whatever the
machine; parts run in forked children come back in order, and a child's error is raised here."""

from __future__ import annotations

import os

import pytest

from guidegen import processes


@pytest.mark.parametrize(("count", "size", "at_least"),
                         [(0, 5, 2), (1, 5, 3), (5, 2, 2), (15, 50, 3), (1000, 50, 3), (7, 3, 1)])
def test_split_covers_every_item_once(count: int, size: int, at_least: int) -> None:
    runs = processes.split(count, size, at_least)
    covered = [i for start, stop in runs for i in range(start, stop)]
    assert covered == list(range(count))
    lengths = [stop - start for start, stop in runs]
    assert all(0 < n <= size for n in lengths)
    assert len(runs) >= min(count, at_least)
    assert max(lengths, default=0) - min(lengths, default=0) <= 1


def _pid_square(n: int) -> tuple[int, int]:
    if n == 3:
        raise ValueError("three is refused")
    return os.getpid(), n * n


def test_children_return_in_order_from_other_processes() -> None:
    results = processes.in_children(_pid_square, [1, 2, 4, 5], workers=2)
    assert [square for _, square in results] == [1, 4, 16, 25]
    assert os.getpid() not in {pid for pid, _ in results}


def test_a_childs_error_is_raised_here() -> None:
    with pytest.raises(ValueError, match="three is refused"):
        processes.in_children(_pid_square, [1, 3, 4], workers=2)


def test_one_job_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "JOBS", 1)
    assert {pid for pid, _ in processes.in_parts(_pid_square, [1, 2, 4])} == {os.getpid()}
