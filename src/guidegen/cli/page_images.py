"""A PDF's pages as PNG images, for the preview (PDFium, through pypdfium2: wheels for Windows, macOS
and Linux, nothing to install beside it).

PDFium is not thread-safe, and the preview server answers from several threads: every call into it
holds one lock. A document is opened once per version of its file; each page is rendered once per
version and width.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

_LOCK = threading.Lock()


class PageImages:
    """Pages of the PDFs the preview shows, rendered on demand and kept until their file changes."""

    def __init__(self) -> None:
        self._documents: dict[Path, tuple[tuple[int, int], Any]] = {}
        self._images: dict[tuple[Path, tuple[int, int], int, int], bytes] = {}

    def _document(self, path: Path) -> tuple[tuple[int, int], Any]:
        import pypdfium2

        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        known = self._documents.get(path)
        if known is None or known[0] != stamp:
            if known is not None:
                known[1].close()
                self._images = {key: png for key, png in self._images.items() if key[0] != path}
            known = (stamp, pypdfium2.PdfDocument(path.read_bytes()))
            self._documents[path] = known
        return known

    def count(self, path: Path) -> int:
        """How many pages the PDF has now."""
        with _LOCK:
            return len(self._document(path)[1])

    def png(self, path: Path, index: int, width_px: int) -> bytes:
        """Page `index` (0-based) as a PNG image `width_px` wide; IndexError past the last page."""
        with _LOCK:
            stamp, document = self._document(path)
            key = (path, stamp, index, width_px)
            if key not in self._images:
                if not 0 <= index < len(document):
                    raise IndexError(index)
                page = document[index]
                scale = width_px / page.get_width()
                image = page.render(scale=scale).to_pil()
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", optimize=False)
                self._images[key] = buffer.getvalue()
            return self._images[key]

    def close(self) -> None:
        with _LOCK:
            for _, document in self._documents.values():
                document.close()
            self._documents.clear()
            self._images.clear()
