"""Re-pack an EPUB's zip so the same book always gives the same bytes.

ebooklib writes its zip with `ZipFile.writestr(name, ...)`, which stamps every entry with the clock, so
two builds of one guide differ. This copies each entry, in ebooklib's own (stable) order, into a
reproducible zip (reproducible_zip.py) and makes sure the OCF rules hold: `mimetype` first, stored
uncompressed, with no extra field.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

from .reproducible_zip import write_zip

MIMETYPE = b"application/epub+zip"


def repack(epub: bytes, when: dt.datetime,
           edit: Callable[[str, bytes], bytes] = lambda name, data: data) -> bytes:
    """The same entries in the same order, with `mimetype` first and stored, all dated `when`;
    `edit` may change an entry's bytes on the way (given its name)."""
    with zipfile.ZipFile(io.BytesIO(epub)) as source:
        if source.read("mimetype") != MIMETYPE:
            raise ValueError("not an EPUB: its mimetype entry is not application/epub+zip")
        names = [info.filename for info in source.infolist() if info.filename != "mimetype"]
        entries = [(name, edit(name, source.read(name))) for name in ["mimetype", *names]]
    return write_zip(entries, when, stored=frozenset({"mimetype"}))
