"""Reading an input with a hard bound on its bytes, whatever kind of file it is.

A guide, a brand file, a logo or a theme file may be a symlink to `/dev/zero`, a FIFO left in a
folder, or a file that grows while it is read. `stat` says such files hold nothing (or the size is a
lie), so a size check alone reads them until memory runs out, or waits forever. Only regular files
are opened, and never more than the limit plus one byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFile(Exception):
    """An input that cannot or must not be read; the message says why, for a Problem."""


def read_bounded(path: Path, limit: int, kind: str = "file") -> bytes:
    """The file's bytes: a regular file of at most `limit` bytes, or UnreadableFile. `kind` names
    what the file should be, in messages ("guide file")."""
    try:
        info = os.stat(path)  # follows symlinks, as opening would
    except FileNotFoundError:
        raise UnreadableFile("file not found") from None
    except OSError as error:  # a symlink loop, a permission, …
        raise UnreadableFile(f"cannot read file: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        what = "a directory" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        raise UnreadableFile(f"is {what}, not a {kind}")
    if info.st_size > limit:
        raise UnreadableFile(f"file is {_size(info.st_size)}; {kind}s are limited to {_size(limit)}")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise UnreadableFile(f"cannot read file: {error.strerror or error}") from None
    if len(data) > limit:
        raise UnreadableFile(f"file grew past {_size(limit)} while it was read")
    return data


def _size(count: int) -> str:
    """Sizes as people read them: 52.4 MB, 5 MB, 300 bytes."""
    if count < 1_000_000:
        return f"{count} bytes"
    return f"{count / 1e6:.1f} MB" if count % 1_000_000 else f"{count // 1_000_000} MB"
