"""`guidegen doctor`, and a machine where WeasyPrint cannot load its system libraries (Pango): the
commands and editions that do not lay out go on working, each PDF output fails in one line naming
the fix for this system, and doctor says the same. The machine without Pango is made by putting a
stand-in `weasyprint` first on PYTHONPATH that fails to import as the real one does there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from guidegen.editions import EDITIONS
from guidegen.render.weasy import install_advice
from helpers import FIXTURES, MINIMAL, guide_of, output_name

NO_WEASYPRINT = FIXTURES / "no-weasyprint"


def _guidegen(*args: str | Path, cwd: Path,
              without_weasyprint: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if without_weasyprint:
        env["PYTHONPATH"] = os.pathsep.join([str(NO_WEASYPRINT), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "guidegen", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def _project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    shutil.copy(MINIMAL, tmp_path / "content" / "tiny-guide.yaml")
    return tmp_path


def test_doctor_finds_everything_on_this_machine(tmp_path: Path) -> None:
    result = _guidegen("doctor", cwd=_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for edition in EDITIONS:
        [line] = [line for line in lines if line.split()[1:2] == [edition.name]]
        assert line.startswith("ok ") and edition.summary in line
    assert any(line.startswith("ok") and "content/tiny-guide.yaml: every character" in line for line in lines)


def test_doctor_names_a_character_no_font_draws(tmp_path: Path) -> None:
    project = _project(tmp_path)
    guide = project / "content" / "tiny-guide.yaml"
    text = guide.read_text(encoding="utf-8")  # the last private-use character: no font draws it
    guide.write_text(text.replace("What is a test?", "What is a test? \U0010fffd"), encoding="utf-8")
    result = _guidegen("doctor", cwd=project)
    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if "U+10FFFD" in line]
    assert line.startswith("missing   content/tiny-guide.yaml:") and "no font on this machine draws" in line


def test_without_pango_only_the_pdf_editions_fail_each_in_one_line(tmp_path: Path) -> None:
    project = _project(tmp_path)
    for command in (["check"], ["schema"], ["new", "--id", "second-guide"],
                    ["import", FIXTURES / "import" / "word-export-sql.txt"]):
        done = _guidegen(*command, cwd=project, without_weasyprint=True)
        assert done.returncode == 0, (command, done.stderr)
    result = _guidegen("build", cwd=project, without_weasyprint=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    guides = [guide_of(path, project) for path in sorted((project / "content").glob("*.yaml"))]
    failed = [line for line in result.stderr.splitlines() if line.startswith("guidegen: ")]
    expected = sorted(f"output/{output_name(edition.name, guide)}" for guide in guides
                      for edition in EDITIONS if edition.weasyprint)
    assert [line.split()[1] for line in failed] == expected
    for line in failed:
        assert "not built: the PDF editions need WeasyPrint's system libraries (Pango)" in line
        assert "cannot load library 'gobject-2.0-0'" in line and install_advice() in line
    for guide in guides:
        for edition in EDITIONS:
            made = (project / "output" / output_name(edition.name, guide)).is_file()
            assert made == (not edition.weasyprint), edition.name
    calibrate = _guidegen("calibrate", cwd=project, without_weasyprint=True)
    assert calibrate.returncode == 1 and calibrate.stderr.count("\n") == 1
    assert install_advice() in calibrate.stderr


def test_doctor_without_pango_says_what_to_install_here(tmp_path: Path) -> None:
    result = _guidegen("doctor", cwd=_project(tmp_path), without_weasyprint=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for edition in EDITIONS:
        [line] = [line for line in lines if line.split()[1:2] == [edition.name]]
        assert line.startswith("missing " if edition.weasyprint else "ok "), line
    assert f"          fix: {install_advice()}" in lines
