"""SOURCE_DATE_EPOCH, the date reproducible builds stamp into their outputs (reproducible-builds.org):
read in one place, and refused in plain words when it is not a date an output can hold."""

from __future__ import annotations

import os

NAME = "SOURCE_DATE_EPOCH"
#: From 1970-01-01 to 9999-12-31 23:59:59 UTC: what a date in an e-book, a PDF or a deck can say.
LATEST = 253_402_300_799


class BadSourceEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set, but not to a whole number of seconds in range."""


def source_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as seconds since 1970 UTC, None when unset or empty; BadSourceEpoch when it
    is anything else than a whole number from 0 to LATEST."""
    value = os.environ.get(NAME, "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > LATEST:
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise BadSourceEpoch(f"the environment variable {NAME} is {shown!r}: it must be a whole number of "
                             f"seconds since 1970-01-01 UTC, from 0 to {LATEST} (the last second of 9999); "
                             f"set it to one, or unset it to date outputs by each guide's `updated`")
    return int(value)
