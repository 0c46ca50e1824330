"""Re-pack an EPUB's zip so the same book always gives the same bytes.

ebooklib writes its zip with `ZipFile.writestr(name, ...)`, which stamps every entry with the clock, so
two builds of one guide differ. This copies each entry, in ebooklib's own (stable) order, into a new
zip with one fixed timestamp, fixed permissions and a fixed compression level, and makes sure the
OCF rules hold: `mimetype` first, stored uncompressed, with no extra field.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

MIMETYPE = b"application/epub+zip"
_DOS_EPOCH = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--, whoever builds it
_UNIX = 3


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip entry time for `when` (in UTC), clamped to what the DOS date fields can hold."""
    when = when.astimezone(dt.UTC) if when.tzinfo else when
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second // 2 * 2)
    return max(_DOS_EPOCH, min(stamp, (2107, 12, 31, 23, 59, 58)))


def repack(epub: bytes, when: dt.datetime) -> bytes:
    """The same entries in the same order, with `mimetype` first and stored, all dated `when`."""
    stamp = zip_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(epub)) as source, zipfile.ZipFile(out, "w") as target:
        names = [info.filename for info in source.infolist()]
        if source.read("mimetype") != MIMETYPE:
            raise ValueError("not an EPUB: its mimetype entry is not application/epub+zip")
        for name in ["mimetype", *(n for n in names if n != "mimetype")]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name), compresslevel=None if stored else 9)
    return out.getvalue()
