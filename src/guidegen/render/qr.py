"""QR codes for links printed on paper: vector, deterministic, and nothing to fetch."""

from __future__ import annotations

from functools import cache


@cache
def qr_data_uri(url: str) -> str:
    """A QR code for a URL as an SVG data: URI (error correction M: a smudge still scans)."""
    import segno

    code = segno.make_qr(url, error="m")
    return code.svg_data_uri(scale=1, border=0, dark="#1a1a1a", omit_charset=True)
