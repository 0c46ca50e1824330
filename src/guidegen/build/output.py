"""Writing files so that a failed or interrupted build never leaves a broken or half-written one.

Every file is first written in full to a temporary file beside its target, then renamed into place
(`write_atomic`). A build's outputs are staged that way and renamed only when every one of them has
rendered (`staged_outputs`): a build that fails (bad content, an answer that overflows, SIGTERM or
Ctrl-C) removes its temporaries and leaves the previous outputs byte-for-byte as they were. SIGKILL
skips all clean-up, so the next build sweeps its leftovers.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

TEMP_SUFFIX = ".guidegen-tmp"


def _temporary(target: Path, data: bytes) -> Path:
    """`data` in full in a new temporary file beside `target` (readable by all, like any output)."""
    import tempfile  # here: a build with nothing to do writes nothing

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data` at once: readers see the old file or the new one, never half."""
    temp = _temporary(target, data)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


class StagedOutputs:
    """Outputs written beside their targets, renamed into place together by `commit()`."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def stage(self, target: Path, data: bytes) -> None:
        self._staged.append((_temporary(target, data), target))

    def commit(self) -> None:
        for temp, target in self._staged:
            os.replace(temp, target)
        self._staged.clear()

    def discard(self) -> None:
        for temp, _target in self._staged:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        self._staged.clear()


@contextlib.contextmanager
def staged_outputs() -> Iterator[StagedOutputs]:
    """Stage outputs inside the block; commit them all if it finishes, discard them all if not."""
    outputs = StagedOutputs()
    try:
        yield outputs
    except BaseException:
        outputs.discard()
        raise
    outputs.commit()


def remove_stale_temporaries(directory: Path) -> None:
    """Delete temporaries left by a build that was killed outright (SIGKILL skips all clean-up)."""
    if directory.is_dir():
        for leftover in directory.glob(f".*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
