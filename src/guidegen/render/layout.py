"""Where WeasyPrint lays out: in worker processes, or in this one.

An edition hands its layouts to a `Layout` (`run` for one document, `map` for several laid out side
by side) and gets back what they return; it never manages processes. With more than one job the
Layout keeps that many worker processes, started with the platform's default method (spawn on
Windows and macOS; fork, or forkserver from Python 3.14, on Linux), each importing WeasyPrint as it
starts while the build loads its guides. A task gets everything it needs as arguments: nothing
reaches a worker through module globals, so spawn and fork behave alike. With one job everything
runs here, in order.

What WeasyPrint warns about during a task (render/pdf.py) comes back with its result, from a
worker too, and is kept once (`warnings`) for the build to report.

A worker ends with its build: it watches its parent from a thread of its own (a portable handle,
`multiprocessing.parent_process()`), so even a build killed outright leaves no process behind; and
`abort()` (Ctrl-C, SIGTERM, a failed build) ends every worker at once instead of waiting for the
layouts under way.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import pairwise
from typing import Any, TypeVar

from ..model.problems import GuideError
from . import pdf, templates  # noqa: F401  (what every task uses: imported once, before any worker starts)

T = TypeVar("T")
R = TypeVar("R")

_WATCH_SECONDS = 0.2  # how often a worker looks whether its build has stopped
#: Python's cyclic garbage collector, left at its defaults, rescans WeasyPrint's many live layout
#: objects again and again; their garbage is mostly freed by reference counting, so a worker runs
#: it far less often (a cold build of every edition: 5 % faster, benchmarks/RESULTS.md).
GC_THRESHOLDS = (50_000, 20, 100)


#: Windows waits on at most 63 handles at once, so a process pool there holds at most 61 workers.
MAX_WORKERS = 61


def cores() -> int:
    """The cores this process may run on (its affinity, where the platform tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class Layout:
    """Layouts across `workers` processes (at least two), or here when `workers` is 1.

    A Layout that `keeps` (a watch's, kept between builds) gives each worker a queue of its own, so
    that a task with a `home` runs in the worker that ran the tasks of that home before, where it
    kept what it laid out (editions/kept_sheets.py); a task without one goes to the worker with the
    fewest tasks waiting. Otherwise the workers share one queue, each taking the next task as it
    finishes the last (what a build of a big booklet in many parts wants)."""

    def __init__(self, workers: int = 1, *, warm: bool = True, keeps: bool = False) -> None:
        self.workers = max(1, min(workers, MAX_WORKERS))
        #: Kept between builds (a watch's): an edition may keep what it laid out for the next build
        #: in the process that laid it out, and name it as the task's home.
        self.keeps = keeps
        self._pools: list[ProcessPoolExecutor] = []  # one shared by the workers, or one a worker
        self._waiting: list[int] = []  # tasks handed to each pool and not yet done
        self._homes: dict[str, int] = {}  # which pool each home's tasks go to
        self._lock = threading.Lock()
        self._aborted = False
        self._queued = 0  # tasks handed to the workers so far
        self._queue_grew = threading.Condition()
        self._warnings: dict[tuple[str, str], None] = {}  # in the order first seen, each once
        if self.workers > 1:
            context = multiprocessing.get_context()
            self._stop = context.Event()
            each = 1 if keeps else self.workers
            self._pools = [ProcessPoolExecutor(each, mp_context=context, initializer=_start_worker,
                                               initargs=(self._stop, warm))
                           for _ in range(self.workers // each)]
            self._waiting = [0] * len(self._pools)
            for pool in self._pools:  # start them all now, to import WeasyPrint meanwhile
                for _ in range(each):
                    pool.submit(int)

    def run(self, function: Callable[[T], R], task: T, *, home: str | None = None) -> R:
        """`function(task)`, in a worker when there are workers (the home's, see the class)."""
        return self.map(function, [task], homes=[home])[0]

    def map(self, function: Callable[[T], R], tasks: Sequence[T], *,
            homes: Sequence[str | None] | None = None) -> list[R]:
        """`function(task)` for every task, side by side in the workers; results in task order.
        The first error, in task order, is raised; tasks not yet started are cancelled."""
        if not self._pools:
            return [self._keep(_call(function, task)) for task in tasks]
        futures: list[Future[tuple[R, list[tuple[str, str]]]]] = [
            self._submit(function, task, home) for task, home in zip(tasks, homes or [None] * len(tasks),
                                                                     strict=True)]
        with self._queue_grew:
            self._queued += len(futures)
            self._queue_grew.notify_all()
        try:
            return [self._keep(future.result()) for future in futures]
        finally:
            for future in futures:
                future.cancel()

    def _submit(self, function: Callable[[T], R], task: T,
                home: str | None) -> Future[tuple[R, list[tuple[str, str]]]]:
        """Hand one task to its home's pool, else to the pool with the fewest tasks waiting (and
        then the fewest homes: a new home goes where it adds the least work to come)."""
        with self._lock:
            chosen = self._homes.get(home) if home is not None and self.keeps else None
            if chosen is None:
                homes = list(self._homes.values())
                chosen = min(range(len(self._pools)),
                             key=lambda index: (self._waiting[index], homes.count(index), index))
                if home is not None and self.keeps:
                    self._homes[home] = chosen
            self._waiting[chosen] += 1
        future = self._pools[chosen].submit(_call, function, task)
        future.add_done_callback(lambda _: self._finished(chosen))
        return future

    def _finished(self, index: int) -> None:
        with self._lock:
            self._waiting[index] -= 1

    def _keep(self, outcome: tuple[R, list[tuple[str, str]]]) -> R:
        result, warnings = outcome
        self._warnings.update(dict.fromkeys(warnings))
        return result

    def take_warnings(self) -> list[tuple[str, str]]:
        """What WeasyPrint warned about stylesheets in the layouts run since the last call, each
        once: (the stylesheet, the message)."""
        found, self._warnings = list(self._warnings), {}
        return found

    def close(self) -> None:
        for pool in self._pools:
            pool.shutdown(wait=True)

    @property
    def queued(self) -> int:
        """How many tasks have been handed to the workers so far."""
        return self._queued

    def wait_queued(self, before: int, finished: Future[Any], timeout: float) -> None:
        """Wait until more than `before` tasks were handed to the workers, or `finished` is done, or
        `timeout` seconds passed: so that editions started one after another reach the workers'
        queue in that order (the longest layouts first), though each runs in a thread of its own."""
        finished.add_done_callback(lambda _: self._notify())
        with self._queue_grew:
            self._queue_grew.wait_for(lambda: self._queued > before or finished.done(), timeout)

    def _notify(self) -> None:
        with self._queue_grew:
            self._queue_grew.notify_all()

    @property
    def alive(self) -> bool:
        """Whether layouts can still be run here (a pool kept between builds is replaced if not)."""
        return not self._aborted

    def abort(self) -> None:
        """Stop every worker now, layouts under way included. Once: a failed build aborts from
        more than one place, and setting the stop event again after the pool has terminated its
        workers can wait forever, for a lock of the event's that a terminated worker held."""
        with self._lock:
            if self._aborted:
                return
            self._aborted = True
        if self._pools:
            self._stop.set()
        for pool in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def layout(workers: int = 1, *, warm: bool = True) -> Iterator[Layout]:
    """A Layout for the length of a build: closed when the build ends, aborted when it fails."""
    pool = Layout(workers, warm=warm)
    try:
        yield pool
    except BaseException:
        pool.abort()
        raise
    pool.close()


def _call(function: Callable[[T], R], task: T) -> tuple[R, list[tuple[str, str]]]:
    """Run one task: its result and what WeasyPrint warned about meanwhile; a template error
    becomes a Problem that can cross back from a worker."""
    try:
        result = function(task)
        return result, pdf.take_warnings()
    except Exception as error:
        import jinja2  # here: starting the workers waits for nothing but the standard library

        from .templates import template_problem

        if isinstance(error, jinja2.TemplateError):
            raise GuideError([template_problem(error)]) from None
        raise


def _start_worker(stop: Any, warm: bool) -> None:
    """A worker's start: leave Ctrl-C to the build, collect garbage rarely, watch for the build's
    end, and import what laying out needs (WeasyPrint the slowest) while the build loads its
    guides."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM ends a worker quietly (a pool whose build failed early stops the workers still
    # importing so): not the command's own handler, which a forked worker inherits and which would
    # raise SystemExit inside this initializer, and print its traceback
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.set_threshold(*GC_THRESHOLDS)
    threading.Thread(target=_watch, args=(stop, multiprocessing.parent_process()), daemon=True).start()
    if warm:
        with contextlib.suppress(Exception):  # its system libraries missing: each layout says so
            import weasyprint  # noqa: F401


def _watch(stop: Any, parent: multiprocessing.process.BaseProcess | None) -> None:
    """End this worker when the build aborts or its process is gone."""
    while not stop.wait(_WATCH_SECONDS):
        if parent is not None and not parent.is_alive():
            break
    os._exit(1)


def split(count: int, size: int) -> list[tuple[int, int]]:
    """`count` items in runs (start, stop) of at most `size`, as even as can be. It depends on its
    arguments only, never on the machine, so neither do the bytes of what is laid out in runs."""
    runs = -(-count // size)
    return list(pairwise(round(i * count / runs) for i in range(runs + 1))) if runs else []
