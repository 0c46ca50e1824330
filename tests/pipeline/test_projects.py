"""Any folder is a project: a folder holding only content/*.yaml builds every edition with the
packaged theme, a guide named by path builds into its own project's output/, and a project's own
templates, stylesheets and words override the theme's for that project only."""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from guidegen.editions import EDITIONS
from guidegen.load import load_guide
from guidegen.load.discover import project_of
from helpers import MINIMAL, ROOT, built, output_names, run_cli

ALL = output_names(load_guide(MINIMAL))  # one file per edition of the table


def _project(tmp_path: Path, name: str) -> Path:
    """A folder holding one guide in content/, and nothing else."""
    root = tmp_path / name
    (root / "content").mkdir(parents=True)
    shutil.copy(MINIMAL, root / "content" / "tiny.yaml")
    return root


def _outputs(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def in_repository(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The guide built as part of this repository, whose templates/ and styles/ are the theme."""
    out = tmp_path_factory.mktemp("repository")
    result = run_cli("build", MINIMAL, "--project", ROOT, "--out", out, "--jobs", "1")
    assert result.code == 0, result.err
    return _outputs(out)


def test_a_folder_with_only_content_builds_every_edition(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_repository: dict[str, str]) -> None:
    project = _project(tmp_path, "mine")
    monkeypatch.chdir(project)
    result = run_cli("build", "--jobs", "1")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert sorted(built(result)) == ALL
    assert _outputs(project / "output") == in_repository  # the packaged theme, byte for byte


def test_a_guide_named_by_path_builds_into_its_projects_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path, "guides")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("build", project / "content" / "tiny.yaml", "--edition", "epub")
    assert result.code == 0, result.err
    assert (project / "output" / "tiny-guide.epub").is_file()
    assert not (elsewhere / "output").exists()


def test_a_loose_guide_builds_into_the_current_folder(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    loose = tmp_path / "downloads" / "tiny.yaml"
    loose.parent.mkdir()
    shutil.copy(MINIMAL, loose)
    monkeypatch.chdir(tmp_path)
    result = run_cli("build", loose, "--edition", "epub")
    assert result.code == 0, result.err
    assert (tmp_path / "output" / "tiny-guide.epub").is_file()


def test_guides_of_two_projects_are_a_usage_error(tmp_path: Path) -> None:
    one, two = _project(tmp_path, "one"), _project(tmp_path, "two")
    result = run_cli("build", one / "content" / "tiny.yaml", two / "content" / "tiny.yaml")
    assert result.code == 2
    assert "belong to different projects" in result.err and "Traceback" not in result.err
    assert project_of([one / "content" / "tiny.yaml"]) == one


def test_overrides_change_their_project_only(
        tmp_path: Path, in_repository: dict[str, str]) -> None:
    """One template, one stylesheet and one word, overridden in one project: that project's
    outputs change, another project's stay the theme's."""
    custom, plain = _project(tmp_path, "custom"), _project(tmp_path, "plain")
    (custom / "templates" / "_partials").mkdir(parents=True)
    (custom / "templates" / "_partials" / "labels.yaml").write_text(
        "en:\n  handout:\n    shows: What the interviewer listens for\n", encoding="utf-8")
    (custom / "templates" / "epub").mkdir()
    process = (ROOT / "templates" / "epub" / "process.xhtml").read_text(encoding="utf-8")
    stages = '<ol class="stages">'
    ours = process.replace(stages, f'<p class="house">Our own process page</p>\n{stages}')
    (custom / "templates" / "epub" / "process.xhtml").write_text(ours, encoding="utf-8")
    (custom / "styles").mkdir()
    print_css = (ROOT / "styles" / "print.css").read_text(encoding="utf-8")
    (custom / "styles" / "print.css").write_text(print_css + "\n.cover-title { color: #7a0019; }\n",
                                                 encoding="utf-8")
    for project in (custom, plain):
        result = run_cli("build", "--project", project, "--jobs", "1")
        assert result.code == 0, result.err
    mine, theirs = _outputs(custom / "output"), _outputs(plain / "output")
    assert theirs == in_repository
    changed = sorted(name for name in ALL if mine[name] != theirs[name])
    assert changed == ["tiny-guide-handout.pdf", "tiny-guide-print.pdf", "tiny-guide.epub"]
    with zipfile.ZipFile(custom / "output" / "tiny-guide.epub") as book:
        assert "Our own process page" in book.read("EPUB/process.xhtml").decode()
    handout = PdfReader(custom / "output" / "tiny-guide-handout.pdf")
    text = " ".join(page.extract_text() for page in handout.pages)
    assert "What the interviewer listens for" in text


@pytest.mark.parametrize("edition", [e.name for e in EDITIONS])
def test_a_broken_template_in_a_project_is_reported_not_raised(edition: str, tmp_path: Path) -> None:
    """A project's own template is input too: an edition whose templates all fail to compile stops
    with the template's file and line, exit status 2, no traceback and nothing written."""
    project = _project(tmp_path, "broken")
    theirs = project / "templates" / edition
    theirs.mkdir(parents=True)
    for template in (ROOT / "templates" / edition).iterdir():
        (theirs / template.name).write_text("{% if %}\n", encoding="utf-8")
    result = run_cli("build", "--project", project, "--edition", edition, "--jobs", "1")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert re.search(rf"templates/{edition}/[^:]+:1:1: template error: ", result.err), result.err
    assert not (project / "output").exists() or not _outputs(project / "output")
