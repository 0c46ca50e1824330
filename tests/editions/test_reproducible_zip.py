"""Reproducible zips (the EPUB's and the Anki package's): the same files give the same bytes, in the
order given, with one date, fixed permissions, and the entries asked for stored uncompressed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from guidegen.editions.reproducible_zip import write_zip, zip_time

WHEN = dt.datetime(2026, 11, 27, 13, 45, 31, tzinfo=dt.UTC)
ENTRIES = [("mimetype", b"application/epub+zip"), ("b.txt", b"b" * 1000), ("a.txt", b"a")]


def test_the_same_files_give_the_same_bytes_in_the_order_given() -> None:
    data = write_zip(ENTRIES, WHEN, stored=frozenset({"mimetype"}))
    assert data == write_zip(list(ENTRIES), WHEN, stored=frozenset({"mimetype"}))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [(i.filename, archive.read(i)) for i in infos] == ENTRIES
        assert {i.date_time for i in infos} == {(2026, 11, 27, 13, 45, 30)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert [i.compress_type for i in infos] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                                    zipfile.ZIP_DEFLATED]
    assert write_zip(ENTRIES, WHEN + dt.timedelta(days=1)) != write_zip(ENTRIES, WHEN)


def test_dates_outside_what_zip_can_hold_are_clamped() -> None:
    assert zip_time(dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) == (1980, 1, 1, 0, 0, 0)
    assert zip_time(dt.datetime(2200, 1, 1, tzinfo=dt.UTC)) == (2107, 12, 31, 23, 59, 58)
    later = dt.datetime(2026, 11, 28, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert zip_time(later) == (2026, 11, 27, 23, 0, 0)  # in UTC
