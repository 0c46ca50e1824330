"""One build at a time writes into an output folder.

Two builds into one folder (a `watch` and a `build`, two terminals, two CI jobs) would otherwise sweep
each other's staged files and interleave their renames. Each build that writes holds an exclusive
lock on `<out>/.guidegen-lock` (fcntl on POSIX, msvcrt on Windows); the operating system releases it
when the build ends, however it ends, so a killed build never leaves a stale lock. A second build
waits for the first, and says so.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..base.writing import OutputError, make_folder

LOCK_FILE = ".guidegen-lock"
_POLL_SECONDS = 0.2


@contextlib.contextmanager
def output_lock(out: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the output folder's lock for the block, waiting (and saying so once) while another
    build holds it."""
    handle = _open(out)
    try:
        if not _try_lock(handle):
            waiting(f"waiting for another guidegen build writing to {out} to finish…")
            while not _try_lock(handle):
                time.sleep(_POLL_SECONDS)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock


@contextlib.contextmanager
def lock_if_free(out: Path) -> Iterator[bool]:
    """The lock if no other build holds it and the folder can take one: True inside, else False."""
    try:
        handle = _open(out)
    except OutputError:
        yield False
        return
    try:
        yield _try_lock(handle)
    finally:
        os.close(handle)


def _open(out: Path) -> int:
    """The lock file, opened (made if missing) without following a link: a link of its name, even
    one that leads nowhere, is refused, never written through."""
    make_folder(out)
    lock = out / LOCK_FILE
    if lock.is_symlink():
        raise OutputError(f"{lock} is a link, and guidegen writes through no link: delete it")
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as error:
        raise OutputError(f"cannot write into {out}: {error.strerror or error}") from None


def _try_lock(handle: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
