"""Readable accents: WCAG 2 contrast as the standard computes it, and a brand's accent kept when it
reads and nudged (no further than needed) when it does not."""

from __future__ import annotations

import pytest

from guidegen.editions.web import BACKGROUNDS
from guidegen.render.colour import AA_TEXT, contrast, readable

ACCENTS = ["#0b6e4f", "#1f4e79", "#f2c14e", "#ff0000", "#777777", "#000000", "#ffffff", "#8fbff0"]


def test_contrast_as_wcag_defines_it() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white


@pytest.mark.parametrize("scheme", list(BACKGROUNDS))
@pytest.mark.parametrize("accent", ACCENTS)
def test_every_accent_becomes_readable_on_the_pages_backgrounds(accent: str, scheme: str) -> None:
    grounds = BACKGROUNDS[scheme]
    made = readable(accent, grounds)
    assert all(contrast(made, ground) >= AA_TEXT for ground in grounds)
    if all(contrast(accent, ground) >= AA_TEXT for ground in grounds):
        assert made == accent  # a brand colour that reads is left alone


def test_a_pale_accent_is_darkened_only_as_far_as_needed() -> None:
    grounds = BACKGROUNDS["light"]
    made = readable("#f2c14e", grounds)
    assert min(contrast(made, ground) for ground in grounds) < AA_TEXT + 0.3
