"""A project folder as rendering sees it: its own templates/ and styles/ over guidegen's theme.

The theme (templates, stylesheets, fonts with their licences, the labels file) is installed with
guidegen. A project overrides any file of it by putting a file at the same relative path in its own
templates/ or styles/: the project is searched first, then the theme, as MkDocs and Hugo look up
theme files. A project needs neither folder; a folder holding only content/ builds every edition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.packaged import packaged
from ..base.reading import UnreadableFile, read_bounded
from ..model.labels import Labels, labels_for
from ..model.problems import BuildError, GuideError, Problem

if TYPE_CHECKING:  # the model (pydantic) is not needed to find theme files or check freshness
    from ..load.logo import Logo
    from ..model.guide import Guide

LABELS_FILE = Path("_partials/labels.yaml")
MAX_LABELS_BYTES = 1_000_000
MAX_THEME_FILE_BYTES = 50_000_000  # a stylesheet, a template, a font
THEME_PARTS = ("templates", "styles")


@cache
def theme_root() -> Path:
    """The folder holding the packaged theme's templates/ and styles/ (base/packaged.py)."""
    return packaged("theme", ".", "templates")


@dataclass(frozen=True)
class Project:
    """A project directory: content/, an optional brand.yaml and logo, and any theme overrides;
    `themes` are the theme folders of editions from other packages, looked up after guidegen's."""

    root: Path
    themes: tuple[Path, ...] = ()

    @property
    def layers(self) -> tuple[Path, ...]:
        """Where theme files are looked up, first match wins: the project, guidegen's theme, then
        the themes of other packages' editions."""
        return tuple(dict.fromkeys((self.root.resolve(), theme_root(), *self.themes)))

    def theme_dirs(self, part: str) -> list[Path]:
        """The existing `part` folders ("templates" or "styles") in lookup order."""
        return [layer / part for layer in self.layers if (layer / part).is_dir()]

    @property
    def templates(self) -> list[Path]:
        return self.theme_dirs("templates")

    def theme_file(self, part: str, name: str | Path) -> Path | None:
        """The first `part/name` in lookup order, or None."""
        for folder in self.theme_dirs(part):
            if (folder / name).is_file():
                return folder / name
        return None

    def stylesheet(self, name: str) -> Path:
        found = self.theme_file("styles", name)
        if found is None:
            raise BuildError(f"stylesheet styles/{name} not found in the project or the theme")
        return found

    def stylesheet_layers(self, name: str) -> list[Path]:
        """Every `styles/<name>` in the lookup, the theme's first: where a stylesheet's custom
        properties are read from, the project's over the theme's (render/metrics.py)."""
        return [folder / name for folder in reversed(self.theme_dirs("styles")) if (folder / name).is_file()]

    def stylesheet_text(self, name: str) -> str:
        """A stylesheet's text, for editions that embed it rather than lay out with it."""
        path = self.stylesheet(name)
        try:
            return read_bounded(path, MAX_THEME_FILE_BYTES, "stylesheet").decode("utf-8")
        except (UnreadableFile, UnicodeDecodeError) as error:
            raise BuildError(f"{path}: {error}") from None

    def fonts(self) -> list[Path]:
        """Every font the theme's folders hold (styles/fonts/), the project's first."""
        return [path for folder in self.theme_dirs("styles") if (folder / "fonts").is_dir()
                for path in sorted((folder / "fonts").iterdir()) if path.suffix.lower() in {".ttf", ".otf"}]

    def readable_roots(self) -> tuple[Path, ...]:
        """The only places a renderer may read files from: the theme's folders. (The logo reaches
        it as a data: URI of its checked bytes, `logo`.)"""
        return tuple(folder.resolve() for part in THEME_PARTS for folder in self.theme_dirs(part))

    def locate(self, path: Path) -> Path | None:
        """A file a stylesheet or template asks for by URL, looked up as theme files are: a path
        inside one layer's templates/ or styles/ that is missing there is taken from the next."""
        for layer in self.layers:
            for part in THEME_PARTS:
                if path.is_relative_to(layer / part):
                    return self.theme_file(part, path.relative_to(layer / part))
        return None

    def logo(self, guide: Guide) -> Logo | None:
        """The brand's logo, checked and made safe (load/logo.py), or None when there is none: read
        once per process while the file is unchanged (every template a build renders asks)."""
        from ..load.logo import LogoError

        if guide.brand is None or guide.brand.logo is None:
            return None
        path = self.root / guide.brand.logo
        try:
            stamp: tuple[int, int] | None = _stamp(path)
        except OSError:
            stamp = None  # read_logo says what is wrong
        try:
            return _logo(path, stamp)
        except LogoError as error:  # the loader refused it already; changed since: say so
            raise BuildError(f"logo '{guide.brand.logo}' {error}", path=("brand", "logo")) from None

    def labels(self, guide: Guide, edition: str) -> Labels:
        """An edition's words in the guide's language (guidegen.model.labels)."""
        return self.words(guide.meta.language, edition)

    def words(self, language: str, edition: str) -> Labels:
        """An edition's words in a language: for a page that is no one guide's (the catalogue)."""
        return labels_for(self.labels_tables(), language, edition)

    def speaks(self, language: str) -> bool:
        """Whether some labels file has words for this language (its tag or its primary subtag)."""
        wanted = {language.lower(), language.lower().split("-")[0]}
        return any(str(tag).lower() in wanted for table in self.labels_tables() for tag in table)

    def speaking(self) -> list[str]:
        """The languages the labels files have words for."""
        return sorted({str(tag) for table in self.labels_tables() for tag in table})

    def labels_tables(self) -> list[dict[str, Any]]:
        """Every labels file in the lookup, as read, the last looked-up first: words are merged over
        them in this order, so the project's win over guidegen's, and guidegen's over a plugin's."""
        files = [folder / LABELS_FILE for folder in self.templates if (folder / LABELS_FILE).is_file()]
        return [_labels_table(path, *_stamp(path)) for path in reversed(files)]

    def theme_files(self, part: str, under: str = "") -> Iterator[Path]:
        """Every file under `part/under` in every layer (for up-to-date keys)."""
        for folder in self.theme_dirs(part):
            base = folder / under
            if base.is_dir():
                yield from sorted(p for p in base.rglob("*") if p.is_file())


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@cache
def _logo(path: Path, stamp: tuple[int, int] | None) -> Logo:
    from ..load.logo import read_logo

    return read_logo(path)


@cache
def _labels_table(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """A labels file, read once per process while it is unchanged; a malformed one is reported
    like bad content, at its line and column."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when present: 10x faster
    from ..load.yaml_messages import explain

    text = ""
    try:
        text = read_bounded(path, MAX_LABELS_BYTES, "labels file").decode("utf-8")
        table = yaml.load(text, Loader=loader)
    except (UnreadableFile, UnicodeDecodeError) as exc:
        raise GuideError([Problem(str(path), 1, 1, "", str(exc))]) from None
    except yaml.MarkedYAMLError as exc:
        raise GuideError([Problem(str(path), *explain(exc, text)[:2], "", explain(exc, text)[2])]) from None
    if not isinstance(table, dict):
        raise GuideError([Problem(str(path), 1, 1, "", "a labels file must map languages to words")])
    return table
