"""Importing WeasyPrint in a third less time.

WeasyPrint opens each C library by a list of names (Windows, macOS and Linux spellings). cffi tries
each name and, on a miss, asks `ctypes.util.find_library`, which on Linux runs `ldconfig -p` in a
subprocess and then probes with gcc and ld: 22 lookups, about 0.3 s of a 0.8 s import, in every
process that renders. While WeasyPrint is imported, the lookup here answers from one `ldconfig -p`
listing, read once, with the same pattern as the standard library, and skips the gcc and ld
probes: a name they alone would find is one of the later names in WeasyPrint's list that the
dynamic loader opens directly (`libpango-1.0.so.0`).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from types import ModuleType


def import_weasyprint() -> ModuleType:
    """`import weasyprint`, with fast library lookups on Linux."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    with _fast_find_library():
        import weasyprint

    return weasyprint


@contextlib.contextmanager
def _fast_find_library() -> Iterator[None]:
    saved = ctypes.util.find_library
    ctypes.util.find_library = _find_library
    try:
        yield
    finally:
        ctypes.util.find_library = saved


def _find_library(name: str) -> str | None:
    """ctypes.util.find_library's first (ldconfig) answer, from one listing."""
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(
               f"{os.uname().machine}-{struct.calcsize('l') * 8}", "libc6")
    found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"), _ldconfig())
    return os.fsdecode(found.group(1)) if found else None


@cache
def _ldconfig() -> bytes:
    try:
        return subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdout=subprocess.PIPE, check=False,
                              env={"LC_ALL": "C", "LANG": "C"}).stdout
    except OSError:
        return b""
