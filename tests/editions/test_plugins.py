"""An edition from another package (docs/editions.md): installed from a temporary folder, it is in
the command's choices and help, builds beside guidegen's own editions with its own template and
words, is named in the catalogue in each guide's language, and a plugin that cannot be loaded is
said once and left out while every other edition builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from guidegen.model.deck import deck
from helpers import FIXTURES, MLOPS, SECOND, guide_of

PLUGIN = FIXTURES / "plugin"


def _run(*command: str | Path, cwd: Path,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a process that has the plugin installed (in a folder on its path), and a
    second, broken entry point beside it."""
    folder = tmp_path_factory.mktemp("plugin")
    source, site = folder / "source", folder / "site"
    shutil.copytree(PLUGIN, source)
    pyproject = source / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        'questions = "guidegen_questions:EDITION"',
        'questions = "guidegen_questions:EDITION"\nbroken = "guidegen_questions:MISSING"'), encoding="utf-8")
    result = _run(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", site, source,
                  cwd=folder)
    assert result.returncode == 0, result.stderr
    paths = [str(site), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _guidegen(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, "-m", "guidegen", *args, cwd=cwd, env=env)


@pytest.mark.slow
def test_an_installed_edition_builds_beside_guidegens_own(installed: dict[str, str], tmp_path: Path) -> None:
    helped = _guidegen("build", "--help", cwd=tmp_path, env=installed)
    assert "questions, the interviewer's sheet" in " ".join(helped.stdout.split()), helped.stdout
    (tmp_path / "content").mkdir()
    for path in (MLOPS, SECOND):
        shutil.copy(path, tmp_path / "content" / path.name)
    built = _guidegen("build", "--edition", "questions,web", "--jobs", "2", cwd=tmp_path, env=installed)
    assert built.returncode == 0 and "Traceback" not in built.stderr, built.stderr
    # the broken entry point: said once, left out
    assert built.stderr.count("the edition 'broken' (guidegen_questions:MISSING) could not be loaded") == 1
    out = tmp_path / "output"
    for path in (MLOPS, SECOND):
        guide = guide_of(path)
        page = lxml.html.fromstring((out / f"{guide.meta.id}-questions.html").read_bytes())
        items = [" ".join(li.text_content().split()) for li in page.iter("li")]
        expected = [f"{item.label} {' '.join(item.prompt.split())}" for item in deck(guide)
                    if item.kind != "red_flag"]
        assert items == expected
        heading = {"en": "Every question, without the answers", "de": "Alle Fragen, ohne die Antworten"}
        assert page.find_class("heading")[0].text == heading[guide.meta.language.split("-")[0]]
        answer = " ".join(guide.technical.questions[0].answer.split()[:8])
        assert answer not in " ".join(page.text_content().split())
    catalogue = lxml.html.fromstring((out / "index.html").read_bytes())
    names = {a.text_content().strip() for a in catalogue.iter("a")}
    assert "Interviewer's sheet (HTML)" in names and "Web page" in names  # two languages: English
    again = _guidegen("build", "--edition", "questions,web", cwd=tmp_path, env=installed)
    assert again.returncode == 0 and "up to date" in again.stderr, again.stderr


@pytest.mark.slow
def test_an_unknown_edition_is_refused_with_the_installed_ones_named(installed: dict[str, str],
                                                                     tmp_path: Path) -> None:
    result = _guidegen("build", MLOPS, "--edition", "poster", cwd=tmp_path, env=installed)
    assert result.returncode == 2 and "questions" in result.stderr and "Traceback" not in result.stderr


def test_plugins_are_looked_for_only_where_a_package_names_the_group(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that finds nothing to do does not import importlib.metadata (50 ms) unless some
    distribution on the path names guidegen's entry-point group, or a zipped egg is there."""
    from guidegen.editions import ENTRY_POINTS, _declared

    folder = tmp_path / "site"
    (folder / "other-1.0.dist-info").mkdir(parents=True)
    (folder / "other-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\nother = o:m\n")
    monkeypatch.setattr(sys, "path", [str(folder), str(tmp_path / "missing")])
    assert not _declared(ENTRY_POINTS)
    (folder / "mine-1.0.dist-info").mkdir()
    (folder / "mine-1.0.dist-info" / "entry_points.txt").write_text(f"[{ENTRY_POINTS}]\nmine = m:E\n")
    assert _declared(ENTRY_POINTS)
    monkeypatch.setattr(sys, "path", [str(tmp_path / "eggs")])
    (tmp_path / "eggs").mkdir()
    (tmp_path / "eggs" / "old.egg").write_bytes(b"")
    assert _declared(ENTRY_POINTS)
