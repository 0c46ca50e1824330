"""Load every guide, then render each edition and write it atomically: gather first, then write."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import editions
from .editions import Options
from .glyphs import missing_glyphs
from .load import LoadedGuide, display_name, load_guides
from .output import StagedOutputs, remove_stale_temporaries, staged_outputs
from .problems import BuildError, GuideError
from .render import Project


@dataclass(frozen=True)
class Built:
    """One output file written by a build."""

    path: Path
    seconds: float


def build(
    guide_files: Sequence[Path],
    *,
    project: Path,
    out: Path,
    edition_names: Sequence[str] | None = None,
    options: Options | None = None,
    progress: Callable[[str], None] = lambda line: None,
    warn: Callable[[str], None] = lambda line: None,
) -> list[Built]:
    """Build the named editions (default: all) of every guide; raise GuideError for bad input."""
    loaded = load_guides(guide_files, project=project)
    return build_loaded(loaded, project=Project(project), out=out, edition_names=edition_names,
                        options=options, progress=progress, warn=warn)


def build_loaded(
    loaded: Sequence[LoadedGuide],
    *,
    project: Project,
    out: Path,
    edition_names: Sequence[str] | None = None,
    options: Options | None = None,
    progress: Callable[[str], None] = lambda line: None,
    warn: Callable[[str], None] = lambda line: None,
) -> list[Built]:
    names = list(edition_names or editions.available())
    options = options or Options()
    remove_stale_temporaries(out)
    built: list[Built] = []
    with staged_outputs() as outputs:
        for item in loaded:
            built += _render_guide(item, project, out, names, options, outputs, progress, warn)
    return built


def _render_guide(item: LoadedGuide, project: Project, out: Path, names: Sequence[str],
                  options: Options, outputs: StagedOutputs, progress: Callable[[str], None],
                  warn: Callable[[str], None]) -> list[Built]:
    """Render every edition of one guide into staged outputs (committed by the caller)."""
    built = []
    missing = missing_glyphs(item.guide, project.styles / "fonts")
    if missing:
        warn(f"{display_name(item.path)}: warning: no shipped font draws {', '.join(missing)}; "
             "PDFs will use a system font for them, or show a box")
    for name in names:
        edition = editions.get(name)
        target = out / edition.filename(item.guide, options)
        started = time.perf_counter()
        try:
            data = edition.render(item.guide, project, options)
        except BuildError as exc:
            raise GuideError([item.problem(exc.path, exc.message)]) from None
        outputs.stage(target, data)
        seconds = time.perf_counter() - started
        built.append(Built(target, seconds))
        progress(f"built {display_name(target)} ({len(data) / 1024:.0f} KiB, {seconds:.2f} s)")
    return built
