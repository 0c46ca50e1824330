"""Saving a PDF that pikepdf has opened or built: one way, so every edited PDF is deterministic alike.

The presets, the handout's tag repairs and the join of a big document's parts all edit PDFs with
pikepdf; each saves with a file identifier derived from the content (never random), compressed
streams in object streams, and the version the document was written with.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any


def save(document: Any, *, version: str | None = None) -> bytes:
    """The bytes of an open pikepdf document, at least at `version` (default: its own)."""
    import pikepdf

    buffer = io.BytesIO()
    document.save(buffer, deterministic_id=True, compress_streams=True,
                  object_stream_mode=pikepdf.ObjectStreamMode.generate,
                  min_version=version or document.pdf_version)
    data: bytes = buffer.getvalue()
    return data


def edited(pdf: bytes, change: Callable[[Any], None]) -> bytes:
    """`pdf` opened, changed in place by `change(document)`, and saved."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        change(document)
        return save(document)
