"""The only way a renderer reads a file: a URL fetcher that serves the theme and the brand's logo.

WeasyPrint asks it for every stylesheet, font and image. It serves `data:` URLs and `file:` URLs
inside the project's and the theme's templates/ and styles/ (looked up as theme files are, so a
project's stylesheet may use the theme's fonts) and the logo; it refuses everything else, `http:`
and files outside the project included. Every refusal is remembered, so the edition fails with a
clear error instead of WeasyPrint silently leaving a hole where a font or image should be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..base.reading import UnreadableFile, read_bounded
from .project import MAX_THEME_FILE_BYTES, Project


@dataclass
class ProjectFetcher:
    project: Project
    roots: tuple[Path, ...]
    refused: list[str] = field(default_factory=list)

    def allows(self, url: str) -> Path | None:
        """The file a URL names, if it may be read."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if not path.is_file():
            path = self.project.locate(path) or path
        if path.is_file() and any(path.resolve().is_relative_to(root) for root in self.roots):
            return path
        return None

    @cached_property
    def fetcher(self) -> Any:
        """The WeasyPrint URLFetcher (public API since WeasyPrint 68) that asks `allows`."""
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        outer = self

        class _Fetcher(URLFetcher):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                if url.startswith("data:"):
                    try:
                        return super().fetch(url, headers)
                    except ValueError:  # never a silent hole where a QR code or rule should be
                        outer.refused.append(url[:60] + "…")
                        raise
                path = outer.allows(url)
                if path is None:
                    outer.refused.append(url)
                    raise ValueError(f"guidegen refuses to fetch {url}")
                try:
                    data = read_bounded(path, MAX_THEME_FILE_BYTES, "theme file")
                except UnreadableFile as error:
                    outer.refused.append(f"{url} ({error})")
                    raise ValueError(str(error)) from None
                return URLFetcherResponse(path.as_uri(), data)

        return _Fetcher(allowed_protocols={"file", "data"}, allow_redirects=False)
