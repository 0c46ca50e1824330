"""guidegen as its users get it: the wheel, installed in a fresh virtual environment, builds every
edition in an empty folder holding one guide, the same bytes as a build in this repository."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from guidegen.load import load_guide
from helpers import MINIMAL, ROOT, output_names, run_cli


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                            check=False, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def _outputs(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_wheel_builds_every_edition_in_an_empty_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist, ROOT)
    [wheel] = dist.glob("guidegen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for packaged in ("guidegen/theme/templates/_partials/labels.yaml", "guidegen/theme/styles/print.css",
                     "guidegen/theme/styles/fonts/NotoSerif-Regular.ttf",
                     "guidegen/theme/styles/fonts/LICENSE-Noto.txt"):
        assert packaged in names, packaged

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    # The same library versions as this environment, so that the bytes can be compared.
    constraints = tmp_path / "constraints.txt"
    frozen = _run(sys.executable, "-m", "pip", "freeze", "--exclude-editable").stdout
    constraints.write_text("\n".join(line for line in frozen.splitlines() if "guidegen" not in line))
    _run(scripts / "python", "-m", "pip", "install", "--quiet", "--constraint", constraints, wheel)

    folder = tmp_path / "my-guides"
    (folder / "content").mkdir(parents=True)
    shutil.copy(MINIMAL, folder / "content" / "my-guide.yaml")
    result = _run(scripts / "guidegen", "build", cwd=folder)
    assert "Traceback" not in result.stderr
    assert sorted(line.split()[1] for line in result.stderr.splitlines()) == [
        f"output/{name}" for name in output_names(load_guide(MINIMAL))]

    here = run_cli("build", MINIMAL, "--project", ROOT, "--out", tmp_path / "repository", "--jobs", "1")
    assert here.code == 0, here.err
    assert _outputs(folder / "output") == _outputs(tmp_path / "repository")

    # the authoring commands find what they ship with: new's guide, the schema, check's fonts
    _run(scripts / "guidegen", "new", "started", "--id", "started", cwd=tmp_path)
    checked = _run(scripts / "guidegen", "check", cwd=tmp_path / "started")
    assert checked.stdout.startswith("content/started.yaml: ok (started), ")
    assert "still the example `guidegen new` wrote" in checked.stderr  # its template, found installed
    documented = _run(scripts / "guidegen", "docs", cwd=tmp_path)  # the writing guide travels with it
    assert documented.stdout == (ROOT / "docs" / "writing-guides.md").read_text(encoding="utf-8")
    assert (tmp_path / "started" / "content" / "guide.schema.json").is_file()
