"""`guidegen clean`: delete what guidegen made in an output folder, and nothing else.

What it made is what its records say (pipeline/ownership.py: the manifest's outputs and
`.guidegen-owned.json`; pipeline/packs.py: the candidate folders under packs/): a file of the
user's in the same folder stays, and is named. `--packs` deletes the candidate packs only, which
hold personal data: the way to honour a candidate's request to be forgotten, or to tidy up after a
hiring round.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from ..model.problems import display_name
from .freshness import FILE_STATS, MANIFEST, read_json
from .lock import LOCK_FILE, output_lock
from .ownership import OWNED, owned
from .packs import clean_packs


def clean(out: Path, *, packs_only: bool, progress: Callable[[str], None]) -> None:
    """Delete the packs guidegen made in `out`, and unless `packs_only` every other file it made."""
    if not out.is_dir():
        progress(f"nothing to clean: {display_name(out)} is not a folder")
        return
    clean_packs(out, progress)
    if packs_only:
        return
    with output_lock(out, progress):
        names = owned(out, read_json(out / MANIFEST))
        deleted = 0
        for name in sorted(names):
            target = out / name
            if target.is_file() or target.is_symlink():
                target.unlink()
                deleted += 1
        for record in (MANIFEST, FILE_STATS, OWNED):
            with contextlib.suppress(FileNotFoundError):
                (out / record).unlink()
    with contextlib.suppress(FileNotFoundError):
        (out / LOCK_FILE).unlink()
    left = sorted(path.name for path in out.iterdir())
    progress(f"deleted {deleted} file{'s' if deleted != 1 else ''} guidegen made in {display_name(out)}")
    if left:
        progress(f"left in {display_name(out)}, not made by guidegen: {', '.join(left)}")
    else:
        out.rmdir()
