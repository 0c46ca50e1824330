"""Load every guide, then render each edition that is out of date, then write all outputs at once."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import editions, processes
from .editions import Options
from .freshness import MANIFEST, Freshness
from .glyphs import missing_glyphs
from .load import LoadedGuide, display_name, load_guides
from .output import remove_stale_temporaries, staged_outputs
from .partcache import CACHE_DIR, PartCache
from .problems import BuildError, GuideError
from .processes import die_with_parent
from .render import Project, template_problem
from .weasy import import_weasyprint

Report = Callable[[str], None]


def _silent(line: str) -> None:
    pass


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
    progress: Report = _silent,
    warn: Report = _silent,
    workers: int | None = None,
) -> list[Built]:
    """Build the named editions (default: all) of every guide; raise GuideError for bad input.

    Outputs already up to date (see freshness.py) are left alone; the rest are rendered (across
    `workers` processes, default one per core), and only when every one of them rendered are they
    all renamed into place, with the manifest.
    """
    options = options or Options()
    names = list(edition_names or editions.available())
    freshness = Freshness(project, out, repr(options))
    stale = [(path, name) for path in guide_files for name in names if not freshness.is_fresh(path, name)]
    with _jobs(workers), processes.shared_tokens(), _workers(stale) as pool:
        loaded = {item.path: item for item in load_guides(guide_files, project=project)}
        jobs = [(loaded[path], name) for path, name in stale]
        for item in dict.fromkeys(item for item, _ in jobs):
            _warn_missing_glyphs(item, Project(project), warn)
        remove_stale_temporaries(out)
        renderer = Project(project, cache=PartCache(out / CACHE_DIR, freshness.environment()))
        built: list[Built] = []
        with staged_outputs() as outputs:
            for (item, name), (filename, data, seconds) in _render_all(jobs, renderer, options, pool):
                target = out / filename
                outputs.stage(target, data)
                freshness.record(item.path, name, _extras(item), {target.name: data})
                built.append(Built(target, seconds))
                progress(f"built {display_name(target)} ({len(data) / 1024:.0f} KiB, {seconds:.2f} s)")
            if built:
                outputs.stage(out / MANIFEST, freshness.manifest_bytes())
    if built:
        freshness.save_file_stats()
    else:
        progress(f"up to date: {display_name(out)}")
    return built


Job = tuple[LoadedGuide, str]
Rendered = tuple[str, bytes, float]


@contextlib.contextmanager
def _jobs(count: int | None) -> Iterator[None]:
    """Processes this build may run at once, for the editions that lay out in parts as well."""
    saved, processes.JOBS = processes.JOBS, count
    try:
        yield
    finally:
        processes.JOBS = saved


@contextlib.contextmanager
def _workers(stale: list[tuple[Path, str]]) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for rendering, forked before the guides are even loaded.

    Freshness needs no parsing, so the number of outputs to render is known first; the workers
    then import WeasyPrint while this process loads and validates the guides.
    """
    count = min(processes.jobs(), len(stale))
    if count <= 1:
        yield None
        return
    lays_out = any(getattr(editions.get(name), "STYLESHEETS", None) for _, name in stale)
    pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"),
                               initializer=_warm_up, initargs=(os.getpid(), lays_out))
    pool.submit(int)  # the pool forks its workers on its first task: now, not after loading
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _warm_up(parent: int, lays_out: bool) -> None:
    """A worker's start: end with the build; import WeasyPrint (the slowest import) while the
    parent loads the guides, unless every output to make is an EPUB."""
    die_with_parent(parent)
    if lays_out:
        import_weasyprint()


def _render_all(jobs: list[Job], project: Project, options: Options,
                pool: ProcessPoolExecutor | None) -> Iterator[tuple[Job, Rendered]]:
    """Render jobs in this process (in order), or in the pool when there is one (as they finish).

    Editions laid out as one document start first, the longest first: each holds one core until
    it ends, while the parts of those laid out in parts fill whichever core is free.
    """
    if pool is None:
        for job in jobs:
            yield job, _render(job, project, options)
        return
    order = sorted(range(len(jobs)), key=lambda i: _COST.get(jobs[i][1], 1), reverse=True)
    futures = {pool.submit(_render, jobs[i], project, options): jobs[i] for i in order}
    for future in as_completed(futures):  # each output reported (and staged) as soon as it is made
        yield futures[future], future.result()


_COST = {"handout": 4, "print": 3, "cards": 2, "epub": 1}  # the order above, for scheduling


def _render(job: Job, project: Project, options: Options) -> Rendered:
    item, name = job
    edition = editions.get(name)
    started = time.perf_counter()
    try:
        with processes.token(), processes.few_collections():
            data = edition.render(item.guide, project, options)
    except BuildError as exc:
        raise GuideError([item.problem(exc.path, exc.message)]) from None
    except jinja2.TemplateError as exc:
        raise GuideError([template_problem(project, exc)]) from None
    return edition.filename(item.guide, options), data, time.perf_counter() - started


def _extras(item: LoadedGuide) -> list[str]:
    """Inputs beyond the fixed set that this guide's outputs depend on: its brand logo."""
    brand = item.guide.brand
    return [brand.logo] if brand and brand.logo else []


def _warn_missing_glyphs(item: LoadedGuide, project: Project, warn: Report) -> None:
    missing = missing_glyphs(item.guide, project.styles / "fonts")
    if missing:
        warn(f"{display_name(item.path)}: warning: no shipped font draws {', '.join(missing)}; "
             "PDFs will use a system font for them, or show a box")
