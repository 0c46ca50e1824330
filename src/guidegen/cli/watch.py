"""`guidegen watch`: one warm process that rebuilds what changed on every save.

The build is the ordinary one (guidegen.pipeline.build), so only outputs whose inputs changed are made again,
and they are renamed into place only when they rendered: bad input is reported in the usual
file:line:col form and the last good outputs stay as they were. What makes it fast is what stays
warm between builds: this process's imports and caches, and one pool of layout workers with
WeasyPrint imported and the theme's stylesheets and fonts loaded, and the booklet's and the cards'
pages kept, so a save lays out again only the pages it changed (editions/kept_sheets.py). The
booklet goes to a worker first and the e-book and web page are made here meanwhile, each output
landing as soon as it is made (`in_watch_order`): the booklet is on screen while the cards are laid
out.

Saves are seen through watchfiles (inotify, FSEvents, ReadDirectoryChangesW): the project's
content/, templates/ and styles/, its brand.yaml and logos, and any guide named on the command line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..editions import Edition, Options
from ..load.discover import GUIDE_SUFFIXES, guide_files
from ..model.problems import display_name

if TYPE_CHECKING:
    import threading

    from ..render.layout import Layout
    from .preview import Preview

Report = Callable[[str], None]
WATCHED_FOLDERS = {"content", "templates", "styles"}
LOGO_SUFFIXES = {".svg", ".png"}
WAKE_MS = 250  # how often the watcher wakes without a change (to notice `stop`)
#: How long the watcher waits after a change for more before it builds (watchfiles' `step`, 50 ms by
#: default): an editor writes a file in one go, and every millisecond here is one before the preview.
SETTLE_MS = 30
_EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


@dataclass
class Session:
    """What a watch keeps between builds."""

    files: Sequence[Path]  # guides named on the command line; empty: every guide in content/
    project: Path
    out: Path
    editions: Sequence[Edition]
    options: Options
    report: Report
    jobs: int | None = None
    force: bool = False  # replace files in `out` that guidegen did not make
    preview: Preview | None = None
    pool: Layout | None = None

    def guides(self) -> list[Path]:
        return list(self.files) or guide_files(self.project)

    def layout(self) -> Layout:
        """The warm pool of layout workers, started again if a build had to stop it."""
        from ..render.layout import Layout, cores

        if self.pool is None or not self.pool.alive:
            lays_out = any(edition.weasyprint for edition in self.editions)
            self.pool = Layout((self.jobs or cores()) if lays_out else 1, keeps=True)
        return self.pool

    def close(self) -> None:
        if self.pool is not None and self.pool.alive:
            self.pool.close()
        if self.preview is not None:
            self.preview.close()


def relevant(path: Path, project: Path, out: Path, files: Sequence[Path]) -> bool:
    """Whether a changed file is one a build reads: a guide, the brand, a logo, a theme file."""
    path = path.absolute()
    if path.name.startswith(".") or path.name.endswith(_EDITOR_LEFTOVERS) or path.name.isdigit():
        return False  # editors' swap and test files (vim writes one named 4913)
    if path.is_relative_to(out.absolute()) and not project.absolute().is_relative_to(out.absolute()):
        return False  # an output (an output folder around the project holds its inputs too)
    if any(path == file.absolute() for file in files):
        return True
    try:
        parts = path.relative_to(project.absolute()).parts
    except ValueError:
        return False
    if any(part.startswith(".") for part in parts):
        return False
    if parts[0] == "content":
        return path.suffix in GUIDE_SUFFIXES
    return parts[0] in WATCHED_FOLDERS or parts == ("brand.yaml",) or path.suffix.lower() in LOGO_SUFFIXES


def rebuild(session: Session) -> bool:
    """Build what is stale, quick editions first; report what was built and how long it took. True
    when every guide built (or nothing needed to)."""
    from ..model.problems import GuideError
    from ..pipeline.build import build
    from ..pipeline.ownership import NotOurs
    from ..render.weasy import NotBuilt

    started = time.perf_counter()
    guides = session.guides()
    if not guides:
        session.report(f"no guides in {display_name(session.project / 'content')} yet: save one there")
        return False
    pool = session.layout()
    try:
        built = len(build(guides, project=session.project, out=session.out,
                          editions=in_watch_order(session.editions, pool.workers), options=session.options,
                          progress=_quiet_up_to_date(session.report), warn=session.report, pool=pool,
                          force=session.force, land_each=True))
    except GuideError as error:
        for problem in error.problems:
            session.report(str(problem))
        _show(session, [str(problem) for problem in error.problems])  # shown before it is said
        session.report(f"not rebuilt ({time.perf_counter() - started:.2f} s): the previous outputs are "
                       "unchanged; save a fix and it builds again")
        return False
    except NotOurs as refused:  # a file of the user's in the output folder: nothing was written
        for line in refused.lines:
            session.report(line)
        _show(session, refused.lines)
        return False
    except NotBuilt as missing:  # this machine cannot lay out: the other editions were built
        for line in missing.lines:
            session.report(line)
        _show(session, missing.lines)
        return False
    seconds = time.perf_counter() - started
    _show(session, [])
    if built:
        session.report(f"rebuilt {built} output{'s' if built != 1 else ''} in {seconds:.2f} s")
    else:
        session.report(f"up to date ({seconds:.2f} s)")
    return True


def in_watch_order(editions: Sequence[Edition], workers: int) -> list[Edition]:
    """The order a watch makes the editions in, each landing as soon as it is made: the first that
    lays out (the booklet) reaches a worker at once and is laid out on a core of its own while the
    editions that lay nothing out (the e-book, the web page) are made here, then the other layouts
    follow. With one worker, layouts run here in turn: the quick editions first."""
    quick = [edition for edition in editions if not edition.weasyprint]
    slow = [edition for edition in editions if edition.weasyprint]
    return [*slow[:1], *quick, *slow[1:]] if workers > 1 else [*quick, *slow]


def _quiet_up_to_date(report: Report) -> Report:
    """The build's progress lines, without its "up to date" line (the watch says it once)."""
    return lambda line: None if line.startswith("up to date") else report(line)


def _show(session: Session, problems: list[str]) -> None:
    """Tell the preview what to show now: each guide's preferred output, and any problems."""
    if session.preview is None:
        return
    from .preview import Target, choose

    targets = []
    try:
        from ..load.guides import load_guides

        loaded = load_guides(session.guides(), project=session.project)
    except Exception:  # a guide that does not load keeps its last target
        session.preview.update(list(session.preview.targets.values()), problems)
        return
    for item in loaded:
        names = [edition.filename(item.guide, edition.options(session.options))
                 for edition in session.editions]
        chosen = choose(names)
        if chosen is not None:
            index, kind = chosen
            meta = item.guide.meta
            targets.append(Target(meta.id, meta.title, kind, session.out / names[index]))
    session.preview.update(targets, problems)


def watch(session: Session, *, stop: threading.Event | None = None) -> int:
    """Build, then rebuild on every relevant save until interrupted (or `stop` is set)."""
    from watchfiles import watch as changes

    roots = {session.project.absolute(), *(file.absolute().parent for file in session.files)}
    where = ", ".join(sorted(str(root) for root in roots))
    session.report(f"watching {where} (content/, templates/, styles/, brand.yaml); Ctrl-C stops")
    batches = changes(*sorted(roots), stop_event=stop, raise_interrupt=True, yield_on_timeout=True,
                      rust_timeout=WAKE_MS, step=SETTLE_MS, watch_filter=lambda _change, name: relevant(
                          Path(name), session.project, session.out, session.files))
    try:
        return _watch_until_stopped(session, batches)
    except KeyboardInterrupt:  # Ctrl-C: how one stops a watch, as `mkdocs serve` and `hugo server`
        session.report("stopped")
        return 0
    finally:
        session.close()


def _watch_until_stopped(session: Session, batches: Iterator[set[tuple[Any, str]]]) -> int:
    """The first build, then a rebuild for every batch of saves, until Ctrl-C or `stop`."""
    next(batches)  # returns once the watcher runs: a save during the first build is not missed
    rebuild(session)
    if session.preview is not None:
        session.preview.start()
        session.report(f"preview at {session.preview.url}")
    ready(session)
    for batch in batches:
        if not batch:
            continue
        shown = sorted({display_name(Path(name)) for _change, name in batch})
        session.report(f"changed {', '.join(shown)}")
        try:
            rebuild(session)
        except Exception as error:  # a bug, not bad input: say so, and keep watching
            session.report(f"guidegen: internal error while rebuilding ({type(error).__name__}: "
                           f"{error}); the previous outputs are unchanged")
        ready(session)
    return 0


def ready(session: Session) -> None:
    session.report("waiting for changes…")
