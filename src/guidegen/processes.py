"""Worker processes: how many a build may run, forking one per part, and ending with the build.

A build killed outright (SIGKILL) gets no chance to stop its workers; without `die_with_parent`
they would wait for work forever. On Linux the kernel sends each worker SIGKILL when its parent dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise
from typing import Any, NoReturn, TypeVar

_PR_SET_PDEATHSIG = 1

#: Processes a build may run at once (`--jobs`); None means one per core. Editions that lay out
#: in parts spread them over this many; 1 makes the whole build serial, in one process.
JOBS: int | None = None

_warm = False  # whether this process has laid out a document yet (see in_parts)

#: While a build runs in several processes: one token per process allowed to lay out at once,
#: shared by the build's workers and the children they fork for parts (see `in_children`).
_tokens: Any = None

#: Python's cyclic garbage collector, left at its defaults, rescans WeasyPrint's hundreds of
#: thousands of live layout objects again and again: a fifth of a layout's time. Its garbage is
#: mostly acyclic (freed by reference counting), so while laying out it runs far less often.
GC_THRESHOLDS = (50_000, 20, 100)

T = TypeVar("T")
R = TypeVar("R")


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while laying out (see GC_THRESHOLDS)."""
    saved = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def jobs() -> int:
    return max(1, JOBS or os.cpu_count() or 1)


@contextlib.contextmanager
def shared_tokens() -> Iterator[None]:
    """Tokens for `jobs()` processes, for the workers this build is about to fork."""
    global _tokens
    saved, _tokens = _tokens, multiprocessing.get_context("fork").Semaphore(jobs())
    try:
        yield
    finally:
        _tokens = saved


@contextlib.contextmanager
def token() -> Iterator[None]:
    """Hold one of the build's tokens (waiting for it) while laying out."""
    if _tokens is None:
        yield
        return
    with _tokens:
        yield


def _spare_token() -> bool:
    """Take a token if one is free at once: a further child may run only on an idle core."""
    return _tokens is None or _tokens.acquire(block=False)


def _core_free() -> bool:
    """Whether a token is free now (always, outside a build of several processes)."""
    if not _spare_token():
        return False
    _release_token()
    return True


def _release_token() -> None:
    if _tokens is not None:
        _tokens.release()


def split(count: int, size: int, at_least: int) -> list[tuple[int, int]]:
    """`count` items in runs (start, stop) of at most `size`, and at least `at_least` runs (when
    there are that many items), as even as can be. It depends on its arguments only, never on the
    machine, so neither do the bytes of what is laid out in these runs."""
    runs = max(math.ceil(count / size), min(count, at_least))
    if not runs:
        return []
    bounds = [round(i * count / runs) for i in range(runs + 1)]
    return list(pairwise(bounds))


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent (pid `parent`) ends."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def laid_out() -> None:
    """Note that this process has laid out a document: its fonts are loaded, its stylesheets
    parsed, its templates compiled, and the children it forks inherit all that."""
    global _warm
    _warm = True


def in_parts(function: Callable[[T], R], tasks: Sequence[T],
             meanwhile: Callable[[], object] | None = None) -> list[R]:
    """`function(task)` for every task, in order: each in a child forked for it alone, `jobs()` at
    once; or here, one after another, when one process is allowed, when there is only one task, or
    when every core is busy with the build's other work (a child would only wait its turn, and
    forking costs page faults).

    A process that has laid out nothing yet lays out the first part itself before forking: a
    first layout loads fonts, parses stylesheets and compiles templates (a third of a second),
    which every child would otherwise do again for itself.
    """
    if min(jobs(), len(tasks)) <= 1 or not _core_free():
        return [function(task) for task in tasks]
    done = [] if _warm else [function(tasks[0])]
    rest = tasks[len(done):]
    gc.collect()  # the children inherit a tidy heap
    return [*done, *in_children(function, rest, min(jobs(), len(rest)), meanwhile)]


def in_children(function: Callable[[T], R], tasks: Sequence[T], workers: int,
                meanwhile: Callable[[], object] | None = None) -> list[R]:
    """`function(task)` for each task, each in a child process forked for it alone, at most
    `workers` at once; the results in the order of the tasks.

    A child inherits this process (the guide, loaded fonts and stylesheets: nothing is pickled to
    it) and holds one part's layout, the largest thing in a build; a fresh child per part keeps
    its memory at that, where a long-lived worker grows by a part's worth of allocator arenas per
    part. Children are forked from this thread, with no helper threads about (as a process pool
    has), so no lock is caught held mid-fork. `meanwhile` runs here once the first children run.

    In a build of several processes, the first child runs on this process's token (it only waits
    meanwhile) and each further one only on a token free at that moment: parts fill idle cores but
    never crowd the build's other workers off theirs.
    """
    from multiprocessing.connection import Connection, wait

    parent = os.getpid()
    waiting = list(enumerate(tasks))[::-1]
    running: dict[Connection, tuple[int, int]] = {}
    done: dict[int, R] = {}
    spare = 0  # tokens taken for children beyond the first (which runs on this process's own)
    try:
        while waiting or running:
            while waiting and len(running) < workers and (not running or _spare_token()):
                spare += 1 if running else 0
                index, task = waiting.pop()
                reader, writer = multiprocessing.Pipe(duplex=False)
                pid = os.fork()
                if pid == 0:
                    reader.close()
                    _child(function, task, writer, parent)
                writer.close()
                running[reader] = (index, pid)
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            for reader in wait(list(running)):
                index, pid = running.pop(reader)  # type: ignore[arg-type]
                if spare > max(0, len(running) - 1):
                    spare -= 1
                    _release_token()
                done[index] = _result(reader, pid)
        return [done[index] for index in range(len(tasks))]
    finally:
        for reader, (_, pid) in running.items():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            reader.close()
        for _ in range(spare):
            _release_token()


def _result(reader: Any, pid: int) -> Any:
    """A child's result, or its error raised here."""
    try:
        ok, value = reader.recv()
    except EOFError:
        ok, value = False, RuntimeError(f"a worker (pid {pid}) died without a result")
    finally:
        reader.close()
        os.waitpid(pid, 0)
    if not ok:
        raise value
    return value


def _child(function: Callable[[T], R], task: T, writer: Any, parent: int) -> NoReturn:
    """Run in a forked child: send back `(True, result)` or `(False, error)`, and exit."""
    status = 1
    try:
        die_with_parent(parent)
        gc.freeze()  # it never collects what it inherited: collections skip it
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            outcome: tuple[bool, Any] = (True, function(task))
        except BaseException as error:  # every error goes back to the build
            outcome = (False, error)
        try:
            writer.send(outcome)
        except Exception as error:  # an error that cannot be pickled
            writer.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
        status = 0
    finally:
        os._exit(status)
