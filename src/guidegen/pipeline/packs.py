"""Building candidate packs (`guidegen build --packs FILE`): each candidate's PDF and invitation.

Personal data stays apart from everything else a build makes: each candidate's files go into a
folder of their own, `<out>/packs/<name>-<hash>/` (model/packs.py: `Candidate.folder`), which holds
nothing of anyone else's; the catalogue page, the manifest and every other output never name a
pack; and a build without `--packs` never reads or writes `<out>/packs/`. Which folders guidegen
made there is recorded in `<out>/packs/.guidegen-owned.json` (never in a candidate's folder), so
that a folder of the same name it did not make is never replaced, and `guidegen clean --packs`
deletes exactly the packs it made.

As a build does, it checks everything first (the packs file, the guides, each row against its
guide: its id, its stages, a time the invitation can end), reports every problem at once, then lays
out each pack (in worker processes, the handout once per process: editions/packs.py), and writes
all the files at once: a failed build leaves the packs that were there as they were.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from ..base.paper import DEFAULT_PAPER, suffix
from ..base.writing import remove_stale_temporaries, write_all
from ..editions import PACK_EDITIONS, Options, themes
from ..editions.packs import Task
from ..load.guides import LoadedGuide
from ..load.packs import LoadedPacks, load_packs
from ..model.packs import Candidate, minutes
from ..model.problems import GuideError, Problem, display_name
from ..render.project import Project
from . import ownership
from .lock import output_lock
from .ownership import OWNED, NotOurs, refuse_input_folder

FOLDER = "packs"

Report = Callable[[str], None]
DEFAULT_OPTIONS = Options()


@dataclass(frozen=True)
class Pack:
    """One candidate's files: where they go, and what they are called."""

    folder: Path
    pdf: str
    invitation: str


def build_packs(packs_file: Path, guide_files: Sequence[Path], *, project: Path, out: Path,
                options: Options = DEFAULT_OPTIONS, progress: Report = lambda line: None,
                jobs: int | None = None, force: bool = False, editions: Sequence[str] = ()) -> list[Path]:
    """Every candidate's pack and invitation (and the `editions` of PACK_EDITIONS asked for) into
    `<out>/packs/`; GuideError with every problem."""
    import jinja2

    from ..editions.packs import write_packs
    from ..load.guides import load_guides
    from ..render.layout import cores, layout
    from ..render.templates import template_problem

    refuse_input_folder(out, project)
    place = Project(project, themes())
    loaded = load_packs(packs_file)
    guides = {item.guide.meta.id: item for item in load_guides(guide_files, project=place.root)}
    candidates = _checked(loaded, guides, place)
    started = time.perf_counter()
    root = out / FOLDER
    mine = owned(root)
    packs: list[tuple[Candidate, Pack]] = []
    for candidate in candidates:
        guide = guides[str(candidate.guide)].guide
        paper = options.paper_for(guide)
        packs.append((candidate, Pack(root / candidate.folder(),
                                      f"{guide.meta.id}-pack{suffix(paper, DEFAULT_PAPER)}.pdf",
                                      f"{guide.meta.id}-interviews.ics")))
    if not force:
        foreign = sorted(str(folder) for folder in (pack.folder for _, pack in packs)
                         if (folder.exists() or folder.is_symlink()) and folder.name not in mine)
        if foreign:
            raise NotOurs([f"{folder} is not a folder guidegen made, so the build will not write into it: "
                           "move it away, or write into it anyway with --force" for folder in foreign])
    workers = min(jobs or cores(), len(packs))
    extra = tuple(name for name in PACK_EDITIONS if name in editions)
    tasks = _runs(packs, guides, place, options, extra, workers)
    try:
        with layout(workers) as pool:
            made = [files for run in pool.map(write_packs, tasks) for files in run]
    except jinja2.TemplateError as error:  # a project's own template is input too
        raise GuideError([template_problem(error)]) from None
    files: list[tuple[Path, bytes]] = []
    for (candidate, pack), own in zip(packs, made, strict=True):
        files += [(pack.folder / pack.pdf, own["pdf"]), (pack.folder / pack.invitation, own["ics"])]
        files += [(pack.folder / f"{candidate.guide}{PACK_EDITIONS[name]}", own[name]) for name in extra]
    with output_lock(out, progress):
        for _, pack in packs:
            pack.folder.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(pack.folder)
        write_all([*files, ownership.record(root, mine, [pack.folder for _, pack in packs])])
    seconds = time.perf_counter() - started
    progress(f"built {len(packs)} candidate pack{'s' if len(packs) != 1 else ''} in "
             f"{display_name(root)} ({seconds:.2f} s): personal data, for each candidate only; "
             "delete them with guidegen clean --packs")
    return [path for path, _ in files]


#: Runs per worker: enough to keep every worker busy to the end, few enough that each guide crosses
#: to the workers a handful of times, not once per candidate.
RUNS_PER_WORKER = 4


def _runs(packs: list[tuple[Candidate, Pack]], guides: dict[str, LoadedGuide], place: Project,
          options: Options, extra: tuple[str, ...], workers: int) -> list[Task]:
    """The candidates in runs of one guide each, in order, as tasks for the workers."""
    from ..render.layout import split

    runs: list[Task] = []
    size = max(1, -(-len(packs) // (workers * RUNS_PER_WORKER)))
    start = 0
    while start < len(packs):
        ident = packs[start][0].guide
        stop = start
        while stop < len(packs) and packs[stop][0].guide == ident:
            stop += 1
        guide = guides[str(ident)].guide
        for first, last in split(stop - start, size):
            runs.append((guide, place, options.paper_for(guide), extra,
                         [candidate for candidate, _ in packs[start + first:start + last]]))
        start = stop
    return runs


def owned(root: Path) -> set[str]:
    """The candidate folders guidegen made in `<out>/packs/` (its record there, as in `<out>`), none
    of them a path."""
    return {name for name in ownership.owned(root, {})
            if "/" not in name and "\\" not in name and name not in ("", ".", "..")}


def clean_packs(out: Path, progress: Report) -> int:
    """Delete every candidate folder guidegen made in `<out>/packs/` (and its record, and the folder
    when nothing else is left in it); say what of the user's is left. How many were deleted."""
    root = out / FOLDER
    mine = owned(root)
    with output_lock(out, progress):
        deleted = 0
        for name in sorted(mine):
            folder = root / name
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder)
                deleted += 1
        with contextlib.suppress(FileNotFoundError):
            (root / OWNED).unlink()
        left = sorted(path.name for path in root.iterdir()) if root.is_dir() else []
        if root.is_dir() and not left:
            root.rmdir()
    progress(f"deleted {deleted} candidate pack{'s' if deleted != 1 else ''} from {display_name(root)}")
    if left:
        progress(f"left in {display_name(root)}, not made by guidegen: {', '.join(left)}")
    return deleted


def _checked(loaded: LoadedPacks, guides: dict[str, LoadedGuide], place: Project) -> list[Candidate]:
    """The candidates, each with its guide's id; GuideError naming every row that does not fit its
    guide (no such guide, no such stage, a stage the invitation cannot end)."""
    from ..render.glyphs import missing_scripts

    problems: list[Problem] = []
    found: list[Candidate] = []
    folders: dict[str, int] = {}
    ids = sorted(guides)
    for index, candidate in enumerate(loaded.candidates):
        ident = candidate.guide
        if ident is None and len(ids) == 1:
            ident = ids[0]
        if ident is None:
            problems.append(loaded.problem(index, ("guide",), (
                f"which guide prepares this candidate? The project has {len(ids)}: write one of "
                f"{', '.join(ids)} in the guide column")))
            continue
        if ident not in guides:
            near = get_close_matches(ident, ids, n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else f"the guides are {', '.join(ids) or 'none'}"
            problems.append(loaded.problem(index, ("guide",), f"no guide has the id '{ident}': {hint}"))
            continue
        stages = guides[ident].guide.stages
        seen: set[int] = set()
        for position, (number, slot) in enumerate(candidate.slots()):
            at = ("stages", position)
            if number > len(stages):
                names = ", ".join(f"{n} {stage.name}" for n, stage in enumerate(stages, 1))
                problems.append(loaded.problem(index, (*at, "time"), (
                    f"the guide '{ident}' has no stage {number}: its stages are {names}" if stages else
                    f"the guide '{ident}' lists no stages: add them to its stages:, which say what each "
                    "is, how long it takes and how to prepare")))
                continue
            if number in seen:
                problems.append(loaded.problem(index, (*at, "time"), f"stage {number} is booked twice"))
            seen.add(number)
            stage = stages[number - 1]
            ends = slot.times(candidate.date, candidate.booked_in)[1] is not None
            if not ends and (stage.duration is None or minutes(stage.duration) is None):
                said = f"says its length as '{stage.duration}', which is no number of minutes" \
                    if stage.duration else "does not say how long it takes"
                problems.append(loaded.problem(index, (*at, "time"), (
                    f"the guide's stage {number} ({stage.name}) {said}: write when it ends too, such as "
                    f"{slot.time.strip()}-{_later(slot.time)}")))
        candidate = candidate.model_copy(update={"guide": ident})
        folder = candidate.folder()
        if folder in folders:
            problems.append(loaded.problem(index, ("name",), (
                f"the same candidate as {_row(loaded, folders[folder])} (same name, email and guide): "
                "remove one, or give each their email")))
        folders.setdefault(folder, index)
        fields = [(path, text) for path, text in _texts(candidate)]
        for where, message in missing_scripts(fields, place.fonts(), whose="this candidate's row"):
            problems.append(loaded.problem(index, where or ("name",), message))
        found.append(candidate)
    if problems:
        raise GuideError(problems)
    return found


def _texts(candidate: Candidate) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text of a candidate that their pack prints, with its field."""
    from ..model.fields import texts

    return list(texts(candidate.model_dump(mode="json", exclude={"date", "time_zone", "times_in"})))


def _row(loaded: LoadedPacks, index: int) -> str:
    line, _, _ = loaded.places[index][()]
    return f"line {line}"


def _later(text: str) -> str:
    """An example end an hour after a start, for a message."""
    from ..model.packs import clock

    try:
        start = clock(text)
    except ValueError:
        return "11:00"
    return f"{(start.hour + 1) % 24:02d}:{start.minute:02d}"
