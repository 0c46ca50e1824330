"""Work split into parts: runs cover every item once, in order, as even as can be, whatever the
machine; parts run in forked children come back in order, and a child's error is raised here."""

from __future__ import annotations

import os
import time

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


def _timed(task: tuple[str, float]) -> tuple[float, float]:
    started = time.monotonic()
    time.sleep(task[1])
    return started, time.monotonic()


def _most_at_once(spans: list[tuple[float, float]]) -> int:
    events = sorted([(start, 1) for start, _ in spans] + [(stop, -1) for _, stop in spans])
    running = most = 0
    for _, change in events:
        running += change
        most = max(most, running)
    return most


def test_parts_never_crowd_the_builds_other_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores: a worker holding its token while another worker holds the other runs its parts
    one at a time; alone, it spreads them over both cores."""
    monkeypatch.setattr(processes, "JOBS", 2)
    tasks = [("part", 0.2)] * 4
    with processes.shared_tokens(), processes.token():
        with processes.token():  # the build's other worker is busy
            crowded = processes.in_children(_timed, tasks, workers=4)
        alone = processes.in_children(_timed, tasks, workers=4)
    assert _most_at_once(crowded) == 1
    assert _most_at_once(alone) == 2


def test_parts_stay_here_while_every_core_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child would only wait its turn, and forking costs page faults: with no core free, parts
    are laid out in this process; with one free, in children."""
    monkeypatch.setattr(processes, "JOBS", 2)
    monkeypatch.setattr(processes, "_warm", True)
    tasks = [1, 2, 4]
    with processes.shared_tokens():
        with processes._tokens, processes._tokens:  # both cores busy with the build's other work
            busy = processes.in_parts(_pid_square, tasks)
        free = processes.in_parts(_pid_square, tasks)
    assert {pid for pid, _ in busy} == {os.getpid()}
    assert os.getpid() not in {pid for pid, _ in free}
    assert [square for _, square in busy] == [square for _, square in free] == [1, 4, 16]
