"""Colours that stay readable: WCAG 2 contrast, and a brand's accent nudged until text in it reads.

A brand's accent is chosen for a logo, not for a page: a pale green that looks right on a letterhead
fails as link text on white, and a navy that reads on white disappears on a dark page. `readable`
keeps the accent when it already reaches the contrast asked for and otherwise mixes in the least
black (or white, on a dark background) that makes it reach it, so the brand stays recognisable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

RGB = tuple[int, int, int]
C = TypeVar("C", str, RGB)  # a colour as `#rrggbb`, or as red, green and blue

#: WCAG 2 AA for normal text.
AA_TEXT = 4.5


def parse(colour: str) -> RGB:
    """`#rrggbb` as red, green and blue."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def hex_of(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(colour: str | RGB) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white), of `#rrggbb` or red, green and blue."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in (parse(colour) if isinstance(colour, str) else colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str | RGB, other: str | RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def better_on(background: str | RGB, light: C, dark: C) -> C:
    """`light` or `dark`, whichever reads better on `background` (`light` on a tie)."""
    return light if contrast(light, background) >= contrast(dark, background) else dark


def readable(colour: str, backgrounds: Iterable[str], minimum: float = AA_TEXT) -> str:
    """`colour`, or the nearest mix of it towards black (on light backgrounds) or white (on dark
    ones) that reaches `minimum` contrast on every one of `backgrounds`."""
    grounds = list(backgrounds)
    dark = sum(luminance(ground) for ground in grounds) / len(grounds) < 0.18
    target: RGB = (255, 255, 255) if dark else (0, 0, 0)
    start = parse(colour)
    for step in range(101):
        mixed = hex_of(_mix(start, target, step / 100))
        if all(contrast(mixed, ground) >= minimum for ground in grounds):
            return mixed
    return hex_of(target)


def _mix(start: RGB, target: RGB, share: float) -> RGB:
    """`share` of the way from `start` to `target`."""
    r, g, b = (round(s + (t - s) * share) for s, t in zip(start, target, strict=True))
    return r, g, b
