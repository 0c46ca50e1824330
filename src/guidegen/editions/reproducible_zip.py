"""Zip archives that are the same bytes for the same content (the EPUB, the Anki package).

`ZipFile.writestr(name, ...)` stamps an entry with the clock and `ZipFile.write` with the file's
mtime, so two builds would differ. Here every entry gets one fixed date, fixed permissions and a fixed
compression level, in the order given.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

_DOS_EPOCH = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--, whoever builds it
_UNIX = 3


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip entry time for `when` (in UTC), clamped to what the DOS date fields can hold."""
    when = when.astimezone(dt.UTC) if when.tzinfo else when
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second // 2 * 2)
    return max(_DOS_EPOCH, min(stamp, (2107, 12, 31, 23, 59, 58)))


def write_zip(entries: Iterable[tuple[str, bytes]], when: dt.datetime, *,
              stored: frozenset[str] = frozenset()) -> bytes:
    """The entries in this order, all dated `when`; those named in `stored` uncompressed, the rest
    deflated at level 9."""
    stamp = zip_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE
            keep = name in stored
            info.compress_type = zipfile.ZIP_STORED if keep else zipfile.ZIP_DEFLATED
            target.writestr(info, data, compresslevel=None if keep else 9)
    return out.getvalue()
