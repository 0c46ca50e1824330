"""`guidegen check`: validate guides, then warn about what will read or print badly.

Problems (the guide cannot be built) are reported as `file:line:col: path: message` with exit
status 2; warnings (it builds, but not as well as it could) as `file:line:col: warning: path:
message`, with exit status 0, or 1 under `--strict`, so a script or CI can refuse them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..editions import EDITIONS, Options, themes
from .terminal import EXIT_BAD_INPUT, say

EXIT_WARNINGS = 1


def check(files: Sequence[Path], project: Path, options: Options, *, strict: bool,
          stdout: TextIO, stderr: TextIO) -> int:
    """Check these guides; print every problem, or every warning and an ok line per guide."""
    from ..authoring.scaffold import leftover_examples
    from ..checks.content import content_warnings
    from ..checks.fit import fit_warnings
    from ..load.guides import load_guides
    from ..model.problems import GuideError, GuideWarning, display_name
    from ..render.glyphs import printable_problems
    from ..render.languages import language_warnings
    from ..render.project import Project

    try:
        loaded = load_guides(files, project=project)
    except GuideError as error:
        for problem in error.problems:
            say(str(problem), stderr)
        return EXIT_BAD_INPUT
    place, warned = Project(project, themes()), 0
    unprintable = [problem for item in loaded for problem in printable_problems(
        item, place, [edition.name for edition in EDITIONS if edition.weasyprint])]
    if unprintable:  # no box, ever: what the build refuses, check refuses too
        for problem in sorted(unprintable):
            say(str(problem), stderr)
        return EXIT_BAD_INPUT
    for item in loaded:
        examples = [GuideWarning(path, "still the example `guidegen new` wrote: replace it with your own "
                                 "(or delete it)") for path, _text in leftover_examples(item.tree.data)]
        warnings = [*examples, *content_warnings(item.guide, item.placeholders),
                    *fit_warnings(item.guide, place, options), *language_warnings(item.guide, place)]
        located = sorted((item.problem(warning.path, warning.message) for warning in warnings),
                         key=lambda problem: (problem.line, problem.column))
        for problem in located:
            where, _, said = str(problem).partition(f":{problem.column}: ")
            say(f"{where}:{problem.column}: warning: {said}", stderr)
        warned += len(located)
        count = f", {len(located)} warning{'s' if len(located) != 1 else ''}" if located else ""
        say(f"{display_name(item.path)}: ok ({item.guide.meta.id}){count}", stdout)
    return EXIT_WARNINGS if strict and warned else 0
