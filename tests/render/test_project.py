"""Theme lookup: a project's own file first, then the packaged theme's; a stylesheet of the
project may use the theme's fonts; nothing outside the project and the theme is readable."""

from __future__ import annotations

import shutil
from pathlib import Path

from guidegen.render.fetcher import ProjectFetcher
from guidegen.render.project import Project, theme_root
from helpers import ROOT


def test_the_theme_is_found_with_every_part() -> None:
    theme = theme_root()
    for part in ("templates/_partials/labels.yaml", "styles/fonts.css", "styles/fonts/LICENSE-Inter.txt"):
        assert (theme / part).is_file(), part


def test_a_project_file_comes_before_the_themes(tmp_path: Path) -> None:
    project = Project(tmp_path)
    assert project.stylesheet("print.css") == theme_root() / "styles" / "print.css"
    (tmp_path / "styles").mkdir()
    shutil.copy(ROOT / "styles" / "print.css", tmp_path / "styles" / "print.css")
    assert project.stylesheet("print.css") == tmp_path.resolve() / "styles" / "print.css"
    assert project.templates == [theme_root() / "templates"]


def test_a_projects_stylesheet_may_use_the_themes_fonts(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    project = Project(tmp_path)
    fetch = ProjectFetcher(project, project.readable_roots())
    font = (tmp_path / "styles" / "fonts" / "Inter-Regular.otf").resolve()
    assert fetch.allows(font.as_uri()) == theme_root() / "styles" / "fonts" / "Inter-Regular.otf"


def test_nothing_else_is_readable(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("no")
    project = Project(tmp_path / "project")
    fetch = ProjectFetcher(project, project.readable_roots())
    for url in (secret.as_uri(), "file:///etc/passwd", "https://example.com/font.ttf",
                (theme_root() / "styles" / ".." / "pyproject.toml").as_uri()):
        assert fetch.allows(url) is None, url
