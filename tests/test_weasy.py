"""The fast library lookup used while WeasyPrint is imported answers as ctypes.util.find_library's
ldconfig lookup does, for every name WeasyPrint asks for; and WeasyPrint so imported works."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from guidegen import weasy

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux lookups only")

#: The names WeasyPrint 70 tries for its libraries on Linux, before the ones dlopen opens itself.
NAMES = ["libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "libpango-1.0-0", "pango-1.0",
         "harfbuzz", "harfbuzz-subset", "harfbuzz-vector", "fontconfig", "pangoft2-1.0", "c", "m"]


@pytest.mark.parametrize("name", NAMES)
def test_lookup_matches_the_standard_library(name: str) -> None:
    assert weasy._find_library(name) == ctypes.util.find_library(name)


def test_weasyprint_imported_so_renders() -> None:
    weasyprint = weasy.import_weasyprint()
    assert ctypes.util.find_library is not weasy._find_library  # put back afterwards
    pdf = weasyprint.HTML(string="<p>Hello</p>").write_pdf()
    assert pdf.startswith(b"%PDF-")
