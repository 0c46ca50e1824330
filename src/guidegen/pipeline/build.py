"""A build: find what is out of date, load every guide, render each stale edition, write all at once.

Whether an output is up to date is decided first (pipeline/freshness.py) without loading anything, so a
build with nothing to do stays fast. Otherwise the loader reads and validates every guide, and only
then does any edition render: editions run side by side in threads of this process, which only
coordinates, while whatever WeasyPrint lays out goes to the build's worker processes
(render/layout.py). Every problem any edition finds is reported, at the file, line and column of the
field it concerns; only when every output rendered are they all renamed into place, with the
manifest. A build of several guides also writes its catalogue page, index.html (pipeline/catalogue.py),
staged with the rest.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.writing import remove_stale_temporaries, write_all
from ..editions import EDITIONS, Edition, Options, themes
from ..model.problems import display_name
from ..render.project import Project
from ..render.weasy import MissingLayoutEngine, NotBuilt
from .catalogue import FILENAME as CATALOGUE
from .catalogue import Catalogue
from .freshness import MANIFEST, Freshness
from .lock import lock_if_free, output_lock
from .ownership import owned, record, refuse_foreign, refuse_input_folder

if TYPE_CHECKING:
    from typing import TypeAlias

    from ..load.guides import LoadedGuide
    from ..model.problems import Problem
    from ..render.layout import Layout

    #: What rendering one output comes to: its bytes and seconds, its guide's problems, or why this
    #: machine cannot make it
    Outcome: TypeAlias = tuple[bytes, float] | list[Problem] | MissingLayoutEngine

Report = Callable[[str], None]
DEFAULT_OPTIONS = Options()
#: How long the build waits for one edition's layouts to reach the workers before starting the next
#: edition anyway (an edition that lays nothing out never queues any).
QUEUE_WAIT_SECONDS = 0.5


def _silent(line: str) -> None:
    pass


@dataclass(frozen=True)
class Built:
    """One output file written by a build."""

    path: Path
    seconds: float


def build(guide_files: Sequence[Path], *, project: Path, out: Path,
          editions: Sequence[Edition] = EDITIONS, options: Options = DEFAULT_OPTIONS,
          progress: Report = _silent, warn: Report = _silent, jobs: int | None = None,
          pool: Layout | None = None, force: bool = False, catalogue: bool = True,
          land_each: bool = False) -> list[Built]:
    """Build these editions of every guide; raise GuideError naming every problem found.

    Outputs already up to date are left alone. `jobs` is how many processes lay out at once
    (default: one per core; 1 lays everything out in this process). A long-lived caller (`guidegen
    watch`) passes its own `pool`, kept warm between builds: its workers have WeasyPrint imported
    and the theme's stylesheets and fonts loaded; it is then neither started nor closed here. A
    file in `out` that guidegen did not make is never replaced (NotOurs), unless `force`. Without
    `catalogue` (a shard's build), no catalogue page is made. With `land_each` (a watch), each output
    is renamed into place as soon as it is made, with the manifest, rather than all together at the
    end: the booklet is on screen while the cards are still being laid out, and an output that
    fails leaves its own previous file, not the others'.
    """
    refuse_input_folder(out, project)
    place = Project(project, themes())
    freshness = Freshness(place, out, options)
    stale = _stale(freshness, guide_files, editions)
    distinct = list({os.path.realpath(path): path for path in guide_files}.values())
    page = Catalogue(freshness, distinct, editions) if catalogue and len(distinct) > 1 else None
    if page is not None and page.is_fresh():
        page = None
    if not stale and page is None:
        with lock_if_free(out) as free:
            if free:  # no other build is writing here: what a killed build left can go
                remove_stale_temporaries(out)
        progress(f"up to date: {display_name(out)}")
        return []
    return _make(stale, page, guide_files, place, out, freshness, options, progress, warn, jobs, pool, force,
                 land_each)


def _stale(freshness: Freshness, guide_files: Sequence[Path],
           editions: Sequence[Edition]) -> list[tuple[Path, Edition]]:
    return [(path, edition) for edition in editions for path in guide_files
            if not freshness.is_fresh(path, edition)]


def _make(stale: list[tuple[Path, Edition]], catalogue: Catalogue | None, guide_files: Sequence[Path],
          place: Project, out: Path, freshness: Freshness, options: Options, progress: Report,
          warn: Report, jobs: int | None, kept: Layout | None, force: bool, land_each: bool) -> list[Built]:
    """Load every guide, render the stale outputs (and the catalogue page), write them all at once."""
    # Only now the model (pydantic) and the templates, before any worker starts (a forked worker
    # inherits them); the workers import WeasyPrint while this process loads the guides.
    from ..load.guides import load_guides
    from ..render.layout import cores, layout

    workers = jobs or cores()
    lays_out = any(edition.weasyprint for _, edition in stale)
    # A caller's pool is neither closed nor aborted here: a build failing on its content leaves it
    # running; any other failure may have stopped its workers (`pool.alive` tells the caller).
    with nullcontext(kept) if kept is not None else layout(workers if lays_out else 1) as pool:
        loaded = {item.path: item for item in load_guides(guide_files, project=place.root)}
        todo = [_Job(loaded[path], edition, place, options) for path, edition in stale]
        mine = owned(out, freshness.entries)
        if not force:  # before anything is laid out: a file of the user's is never replaced
            refuse_foreign([*(out / job.filename for job in todo),
                            *([out / CATALOGUE] if catalogue is not None else [])], mine)
        _refuse_unprintable(todo, place)  # no box, ever: before anything is laid out
        _warn_unspoken(todo, place, warn)
        files: list[tuple[Path, bytes]] = []
        built: list[Built] = []
        landed: list[Path] = []

        def made(target: Path, data: bytes, seconds: float) -> None:
            files.append((target, data))
            built.append(Built(target, seconds))
            if land_each:
                with output_lock(out, progress):
                    write_all([(target, data), (out / MANIFEST, freshness.manifest_bytes()),
                               record(out, mine, [*landed, target])])
                landed.append(target)
                progress(_said(target, data, seconds))

        if catalogue is not None:
            started = time.perf_counter()
            page, extras = catalogue.render([loaded[path] for path in catalogue.guides], place)
            catalogue.record(page, extras)
            if not _holds(out / CATALOGUE, page):  # another choice of editions may list the same files
                made(out / CATALOGUE, page, time.perf_counter() - started)
        unbuilt: NotBuilt | None = None
        try:
            for job, data, seconds in _render_all(todo, pool, out):  # reported as each is made
                freshness.record(job.item.path, job.edition, job.extras, {job.filename: data})
                made(out / job.filename, data, seconds)
        except NotBuilt as missing:  # the machine, not the guides: what could be made is written
            unbuilt = missing
        for where, message in pool.take_warnings():  # a stylesheet's property WeasyPrint ignores
            warn(f"{where}: warning: {message}")
    # Every output made: now, and only now, write them all, one build at a time per folder.
    with output_lock(out, progress):
        remove_stale_temporaries(out)  # what a killed build left behind
        write_all([*([] if land_each else files), (out / MANIFEST, freshness.manifest_bytes()),
                   record(out, mine, [target for target, _ in files])])
        freshness.save_file_stats()
    for (target, data), done in zip(files, built, strict=True):  # only now: each is on disk
        if not land_each:
            progress(_said(target, data, done.seconds))
    if unbuilt is not None:
        raise unbuilt
    return built


def _said(target: Path, data: bytes, seconds: float) -> str:
    return f"built {display_name(target)} ({len(data) / 1024:.0f} KiB, {seconds:.2f} s)"


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file is there with these bytes already."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


@dataclass(frozen=True, eq=False)
class _Job:
    """One output to make: a guide in one edition."""

    item: LoadedGuide
    edition: Edition
    project: Project
    options: Options

    @property
    def filename(self) -> str:
        return self.edition.filename(self.item.guide, self.edition.options(self.options))

    @property
    def extras(self) -> list[str]:
        """Inputs beyond the fixed set that the output depends on: the guide's brand logo."""
        brand = self.item.guide.brand
        return [brand.logo] if brand and brand.logo else []

    def render(self, pool: Layout) -> tuple[bytes, float]:
        started = time.perf_counter()
        data = self.edition.write(self.item.guide, self.project, self.edition.options(self.options), pool)
        return data, time.perf_counter() - started


def _render_all(jobs: list[_Job], pool: Layout, out: Path) -> Iterator[tuple[_Job, bytes, float]]:
    """Every job's output, each as soon as it is made; then GuideError with every problem of every
    job that failed on its content, if any did; else NotBuilt naming each output this machine
    could not make (its PDF editions, where WeasyPrint cannot load)."""
    from ..model.problems import GuideError

    problems: list[Problem] = []
    unbuilt: list[str] = []
    for job, outcome in _outcomes(jobs, pool):
        if isinstance(outcome, list):
            problems += outcome
        elif isinstance(outcome, MissingLayoutEngine):
            unbuilt.append(f"{display_name(out / job.filename)} not built: {outcome}")
        else:
            yield job, *outcome
    if problems:
        raise GuideError(problems)
    if unbuilt:
        raise NotBuilt(sorted(unbuilt))


def _outcomes(jobs: list[_Job], pool: Layout) -> Iterator[tuple[_Job, Outcome]]:
    """Jobs in order in this thread, or side by side in threads when the layouts have workers."""
    if pool.workers == 1 or len(jobs) < 2:
        for job in jobs:
            yield job, _attempt(job, pool)
        return
    threads = ThreadPoolExecutor(max_workers=min(len(jobs), 4 * pool.workers))
    try:
        futures: dict[Future[Outcome], _Job] = {}
        for job in jobs:  # each job's layouts queued before the next job starts: the table's order
            before = pool.queued
            future = threads.submit(_attempt, job, pool)
            futures[future] = job
            pool.wait_queued(before, future, QUEUE_WAIT_SECONDS)
            for done in [done for done in futures if done.done()]:  # made meanwhile: out at once
                yield futures.pop(done), done.result()
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BaseException:
        pool.abort()  # first: a job's thread waits on its layouts, which end only now
        raise
    finally:
        threads.shutdown(wait=True, cancel_futures=True)


def _attempt(job: _Job, pool: Layout) -> Outcome:
    """Render one job: its output and time, or the problems it found in its guide or in a template
    (a project's own template is input too; layouts in workers report theirs as GuideError), or
    why this machine cannot make it."""
    import jinja2

    from ..model.problems import BuildError, GuideError
    from ..render.templates import template_problem

    try:
        return job.render(pool)
    except BuildError as error:
        return [job.item.problem(error.path, error.message)]
    except GuideError as error:
        return list(error.problems)
    except jinja2.TemplateError as error:
        return [template_problem(error)]
    except MissingLayoutEngine as error:
        return error


def _warn_unspoken(todo: list[_Job], place: Project, warn: Report) -> None:
    """Say once per guide when the editions have no words in its language (they use English)."""
    from ..render.languages import language_warnings

    for item in dict.fromkeys(job.item for job in todo):
        for warning in language_warnings(item.guide, place):
            problem = item.problem(warning.path, warning.message)
            where, _, said = str(problem).partition(f":{problem.column}: ")
            warn(f"{where}:{problem.column}: warning: {said}")


def _refuse_unprintable(todo: list[_Job], place: Project) -> None:
    """GuideError naming every script of a guide no font draws, where a PDF edition would draw it."""
    from ..model.problems import GuideError
    from ..render.glyphs import printable_problems

    drawn: dict[LoadedGuide, list[str]] = {}
    for job in todo:
        if job.edition.weasyprint:
            drawn.setdefault(job.item, []).append(job.edition.name)
    problems = [found for item, names in drawn.items() for found in printable_problems(item, place, names)]
    if problems:
        raise GuideError(problems)
