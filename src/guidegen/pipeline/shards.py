"""A catalogue built on several machines: each builds a share of the guides (`build --shard K/N`),
their output folders are put together, and one last step writes the catalogue page from the
outputs found there (`build --catalogue-only`). The files are those a build on one machine makes,
byte for byte: every output of a guide depends on that guide alone, and the catalogue page is made
from the files present.

The share is decided by the guides' order alone (their file names, sorted), so every machine of a
CI matrix computes the same split without talking to the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..base.writing import remove_stale_temporaries, write_all
from ..editions import EDITIONS, Options, themes
from ..model.problems import display_name
from ..render.project import Project
from .catalogue import FILENAME as CATALOGUE
from .lock import output_lock
from .ownership import owned, record, refuse_foreign, refuse_input_folder


def shard(guide_files: Sequence[Path], share: int, count: int) -> list[Path]:
    """Share `share` (from 1) of `count`: every count-th guide of the sorted list, from the share-th."""
    ordered = sorted(dict.fromkeys(guide_files), key=lambda path: (path.name, str(path)))
    return ordered[share - 1::count]


def write_catalogue(guide_files: Sequence[Path], *, project: Path, out: Path, options: Options,
                    progress: Callable[[str], None], force: bool = False) -> None:
    """The catalogue page of these guides, linking each guide's file of every edition that is in
    `out` (put there by the shards); nothing for one guide, as a build of one guide makes none."""
    from ..editions.catalogue import render
    from ..load.guides import load_guides

    refuse_input_folder(out, project)
    distinct = list({os.path.realpath(path): path for path in guide_files}.values())
    if len(distinct) < 2:
        progress("one guide: a build of one guide has no catalogue page")
        return
    place = Project(project, themes())
    loaded = load_guides(distinct, project=project)
    kept = [{edition.name: name for edition in EDITIONS
             for name in [edition.filename(item.guide, edition.options(options))] if (out / name).is_file()}
            for item in loaded]
    page, _extras = render(loaded, (), options, place, kept=kept)
    mine = owned(out, {})
    if not force:
        refuse_foreign([out / CATALOGUE], mine)
    with output_lock(out, progress):
        remove_stale_temporaries(out)
        write_all([(out / CATALOGUE, page), record(out, mine, [out / CATALOGUE])])
    progress(f"built {display_name(out / CATALOGUE)} ({len(page) / 1024:.0f} KiB, "
             f"{sum(len(found) for found in kept)} files of {len(loaded)} guides)")
