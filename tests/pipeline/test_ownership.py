"""guidegen writes only what it owns: a file in the output folder that it did not make is never
replaced (exit 2 naming it, unless --force), the output folder may not be an input folder, and the
lock is never opened through a link."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import MINIMAL, SECOND, run_cli

EDITIONS = ["web", "epub"]  # quick to build, and two guides make a catalogue page


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    shutil.copy(MINIMAL, root / "content" / "tiny-guide.yaml")
    shutil.copy(SECOND, root / "content" / SECOND.name)
    return root


def _build(project: Path, *flags: str | Path) -> tuple[int, str]:
    result = run_cli("build", "--project", project, "--edition", ",".join(EDITIONS), "--jobs", "1", *flags)
    assert "Traceback" not in result.err
    return result.code, result.err


@pytest.mark.parametrize("name", ["index.html", "tiny-guide.html"])
def test_a_users_file_named_like_an_output_is_never_replaced(project: Path, name: str) -> None:
    out = project / "output"
    out.mkdir()
    mine = out / name
    mine.write_text("<p>the user's own page</p>", encoding="utf-8")
    code, err = _build(project)
    assert code == 2
    assert err.startswith(f"guidegen: {mine} is not a file guidegen made, so the build will not replace it")
    assert mine.read_text(encoding="utf-8") == "<p>the user's own page</p>"
    assert sorted(path.name for path in out.iterdir()) == [name]  # nothing else was written either
    code, err = _build(project, "--force")
    assert code == 0, err
    assert "the user's own page" not in mine.read_text(encoding="utf-8")


def test_what_guidegen_made_stays_its_own(project: Path) -> None:
    """An output a later build no longer lists (another paper's file) is still guidegen's to replace,
    and so is every output of a folder built before the ownership record existed."""
    assert _build(project)[0] == 0
    assert run_cli("build", "--project", project, "--edition", "handout", "--paper", "letter").code == 0
    assert run_cli("build", "--project", project, "--edition", "handout", "--paper", "a4").code == 0
    (project / "output" / ".guidegen-owned.json").unlink()
    for page in (project / "output").glob("*.html"):
        page.write_text("edited by hand", encoding="utf-8")
    code, err = _build(project)
    assert code == 0, err
    assert "edited by hand" not in (project / "output" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("out", [".", "content", "styles", "content/built", "templates/print/out"])
def test_the_output_folder_is_never_an_input_folder(project: Path, out: str) -> None:
    (project / "styles").mkdir(exist_ok=True)
    (project / out).mkdir(parents=True, exist_ok=True)
    before = sorted(path.name for path in (project / out).iterdir())
    code, err = _build(project, "--out", project / out)
    assert code == 2 and "which holds what the build reads" in err, err
    assert sorted(path.name for path in (project / out).iterdir()) == before
    watch = run_cli("watch", "--project", project, "--out", project / out)
    assert watch.code == 2 and "which holds what the build reads" in watch.err


@pytest.mark.posix
def test_the_lock_is_never_opened_through_a_link(project: Path, tmp_path: Path) -> None:
    out = project / "output"
    out.mkdir()
    target = tmp_path / "elsewhere" / "created-through-the-link"
    target.parent.mkdir()
    (out / ".guidegen-lock").symlink_to(target)
    code, err = _build(project)
    assert code == 1 and ".guidegen-lock is a link" in err, err
    assert not target.exists()


def test_nothing_is_reported_built_that_was_not_written(project: Path) -> None:
    """An output that cannot be written (here a folder stands where the e-book goes, replaced only
    with --force) fails the build, and no line says it, or anything else, was built."""
    (project / "output" / "tiny-guide.epub").mkdir(parents=True)
    result = run_cli("build", "--project", project, "--edition", "epub", "--jobs", "1", "--force")
    assert result.code != 0 and "Traceback" not in result.err
    assert "tiny-guide.epub" in result.err and "built " not in result.err, result.err
    assert (project / "output" / "tiny-guide.epub").is_dir()


@pytest.mark.slow
@pytest.mark.posix
def test_watch_rebuilds_into_an_output_folder_around_the_project(tmp_path: Path) -> None:
    """`--out ..`: the output folder holds the project, whose inputs still rebuild on a save."""
    from helpers.watch import ANSWER, watching

    project = tmp_path / "project"
    project.mkdir()
    with watching(project, "--edition", "epub", "--out", str(tmp_path)) as watcher:
        assert (tmp_path / "tiny-guide.epub").is_file()
        watcher.edit(ANSWER, "A check that fails early.")
        watcher.until(r"^rebuilt 1 output")
