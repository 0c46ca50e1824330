"""Print presets written into a PDF: duplex by the flip edge, actual size, paper by page size."""

from __future__ import annotations

import io

import pikepdf
import pytest

from guidegen.render.presets import DUPLEX, with_print_presets


def _pdf() -> bytes:
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    buffer = io.BytesIO()
    document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


@pytest.mark.parametrize("flip", ["long", "short"])
def test_presets_by_flip_kept_with_what_was_there_and_deterministic(flip):
    data = with_print_presets(_pdf(), flip=flip)
    assert data == with_print_presets(_pdf(), flip=flip)  # same input, same bytes
    with pikepdf.open(io.BytesIO(data)) as document:
        preferences = document.Root.ViewerPreferences
        assert str(preferences.Duplex) == DUPLEX[flip]
        assert str(preferences.PrintScaling) == "/None"
        assert bool(preferences.PickTrayByPDFSize) and bool(preferences.DisplayDocTitle)
    assert DUPLEX == {"long": "/DuplexFlipLongEdge", "short": "/DuplexFlipShortEdge"}
