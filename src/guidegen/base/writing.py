"""Writing files so that a failed or interrupted build never leaves a broken or half-written one.

Every file is first written in full to a temporary file beside its target, then renamed into place
(`write_atomic`). A build keeps its outputs in memory until every one has rendered, then writes them
all and renames them all (`write_all`): a build that fails (bad content, an answer that overflows,
SIGTERM or Ctrl-C) writes nothing, and the previous outputs stay byte-for-byte as they were. SIGKILL
during the renames skips all clean-up, so the next build sweeps its leftovers.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMP_SUFFIX = ".guidegen-tmp"


class OutputError(Exception):
    """The machine would not let an output be written (a full disk, a read-only folder, `--out`
    naming a file): not the guide's fault, so exit status 1, with this one-line message."""


def make_folder(folder: Path) -> None:
    """The output folder, made if missing; OutputError if it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"cannot write into {folder}: it is a file, not a folder") from None
    except OSError as error:
        raise OutputError(f"cannot write into {folder}: {error.strerror or error}") from None


def staged(target: Path, data: bytes) -> Path:
    """`data` in full in a new hidden temporary file beside `target`, to be checked before it is
    renamed into place (os.replace) or deleted."""
    return _temporary(target, data)


def _temporary(target: Path, data: bytes) -> Path:
    """`data` in full in a new temporary file beside `target` (readable by all, like any output)."""
    import tempfile  # here: a build with nothing to do writes nothing

    make_folder(target.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(name)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
        raise
    return Path(name)


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data` at once: readers see the old file or the new one, never half."""
    temp = _temporary(target, data)
    try:
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise OutputError(f"cannot replace {target}: {error.strerror or error}") from None
        raise


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file beside its target, then rename them all into place.

    Nothing is renamed until every file is written in full, so a full disk replaces nothing. A
    rename cannot fail for want of space; it fails only when the folder changed under the build,
    and then the error says exactly which outputs are new and which are still the old ones.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            staged.append((_temporary(target, data), target))
    except BaseException:
        _discard(staged)
        raise
    done: list[Path] = []
    for index, (temp, target) in enumerate(staged):
        try:
            os.replace(temp, target)
        except OSError as error:
            _discard(staged[index:])
            kept = ", ".join(t.name for _, t in staged[index:])
            raise OutputError(f"cannot replace {target}: {error.strerror or error}; replaced: "
                              f"{', '.join(p.name for p in done) or 'none'}; kept as they were: "
                              f"{kept}") from None
        except BaseException:
            _discard(staged[index:])
            raise
        done.append(target)


def _discard(staged: list[tuple[Path, Path]]) -> None:
    for temp, _target in staged:
        with contextlib.suppress(OSError):
            temp.unlink()


def remove_stale_temporaries(directory: Path) -> None:
    """Delete temporaries left by a build that was killed outright (SIGKILL skips all clean-up)."""
    if directory.is_dir():
        for leftover in directory.glob(f".*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
