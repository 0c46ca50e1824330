"""Layouts in worker processes: results in order, errors raised here, work split the same way on
every machine, and workers that end with their build, whatever the start method."""

from __future__ import annotations

import os
import threading
import time

import jinja2
import pytest

from guidegen.model.problems import GuideError
from guidegen.render.layout import Layout, layout, split


@pytest.mark.parametrize(("count", "size"), [(0, 5), (1, 5), (5, 2), (15, 50), (1000, 50), (7, 3), (101, 50)])
def test_split_covers_every_item_once(count: int, size: int) -> None:
    runs = split(count, size)
    assert [i for start, stop in runs for i in range(start, stop)] == list(range(count))
    lengths = [stop - start for start, stop in runs]
    assert all(0 < n <= size for n in lengths)
    assert len(runs) == -(-count // size)
    assert max(lengths, default=0) - min(lengths, default=0) <= 1


def _pid_square(n: int) -> tuple[int, int]:
    if n == 3:
        raise ValueError("three is refused")
    return os.getpid(), n * n


def _bad_template(_: int) -> str:
    return jinja2.Environment().from_string("{% if %}").render()


def test_workers_return_in_order_from_other_processes() -> None:
    with layout(2, warm=False) as pool:
        results = pool.map(_pid_square, [1, 2, 4, 5])
    assert [square for _, square in results] == [1, 4, 16, 25]
    assert os.getpid() not in {pid for pid, _ in results}


def test_a_workers_error_is_raised_here() -> None:
    with pytest.raises(ValueError, match="three is refused"), layout(2, warm=False) as pool:
        pool.map(_pid_square, [1, 3, 4])


def test_a_template_error_crosses_as_a_problem() -> None:
    with pytest.raises(GuideError) as error, layout(2, warm=False) as pool:
        pool.run(_bad_template, 0)
    assert "template error" in str(error.value)


def test_one_job_runs_here() -> None:
    assert {pid for pid, _ in Layout(1).map(_pid_square, [1, 2, 4])} == {os.getpid()}


def _sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_abort_ends_every_worker_at_once() -> None:
    """A build that stops (Ctrl-C, SIGTERM, a failed guide) does not wait for layouts under way."""
    pool = Layout(2, warm=False)
    outcome: list[BaseException] = []

    def long_layouts() -> None:
        try:
            pool.map(_sleep, [30.0, 30.0])
        except BaseException as error:  # what map raises once its workers are gone
            outcome.append(error)

    waiting = threading.Thread(target=long_layouts)
    waiting.start()
    time.sleep(0.5)
    started = time.monotonic()
    pool.abort()
    waiting.join(timeout=10)
    assert not waiting.is_alive() and outcome
    assert time.monotonic() - started < 10


def _sigterm_is_default(_: int) -> bool:
    import signal

    return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_a_worker_ends_quietly_on_sigterm_whatever_the_command_set() -> None:
    """The command turns SIGTERM into SystemExit so a killed build cleans up; a worker (forked,
    where fork is the default) must not inherit that, or a pool stopped while its workers still
    import would print each one's traceback ("Exception in initializer … SystemExit: 143")."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with layout(2) as pool:
            assert pool.map(_sigterm_is_default, [1, 2]) == [True, True]
    finally:
        signal.signal(signal.SIGTERM, previous)


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_a_kept_layout_runs_each_home_in_one_worker_and_the_rest_where_it_is_least_busy() -> None:
    """A watch's layout: the tasks of a home (a guide's booklet, its cards) always run in the worker
    that keeps their pages; a task without one goes to the worker with the fewest waiting."""
    pool = Layout(2, warm=False, keeps=True)
    try:
        first = {home: pool.run(_pid_after, 0.0, home=home) for home in ("booklet a", "booklet b")}
        assert len(set(first.values())) == 2  # each went to the worker then free
        for _ in range(3):
            for home, pid in first.items():
                assert pool.run(_pid_after, 0.0, home=home) == pid
        both = pool.map(_pid_after, [0.5, 0.5, 0.0], homes=["booklet a", None, "booklet a"])
        assert both[0] == both[2] == first["booklet a"] != both[1]  # the free worker took the other
    finally:
        pool.close()
    shared = Layout(2, warm=False)  # a build's: one queue, homes make no difference
    try:
        assert len(set(shared.map(_pid_after, [0.5, 0.5], homes=["a", "a"]))) == 2
    finally:
        shared.close()
