"""The `guidegen` command: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import os
import re
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from .. import __version__
from ..base.paper import (
    CARD_NAMES,
    CARDS,
    DEFAULT_CARDS,
    DEFAULT_FLIP,
    DEFAULT_PAPER,
    FLIP_NAMES,
    PAPER_NAMES,
    CardSize,
    suffix,
)
from ..base.source_epoch import BadSourceEpoch, source_epoch
from ..base.writing import OutputError
from ..editions import EDITIONS, PACK_EDITIONS, PLUGIN_PROBLEMS, Options, named, themes
from ..load.discover import ProjectError, guide_files, project_of
from ..pipeline.ownership import NotOurs, refuse_input_folder
from ..render.weasy import MissingLayoutEngine, NotBuilt
from .terminal import EXIT_BAD_INPUT, say

if TYPE_CHECKING:  # the model (pydantic) is imported only by commands that load guides
    from ..model.problems import GuideError

EXIT_ENVIRONMENT = 1  # the machine, not the guide: a full disk, a read-only folder, a bug
EXIT_INTERRUPTED = 130

_EXAMPLES_CHECK = """examples:
  guidegen check                          validate every guide in content/, and warn
  guidegen check content/mlops-engineer-uk.yaml --cards a7
  guidegen check --strict                 exit 1 on warnings too (for CI)

Problems (exit 2) stop a build; warnings (exit 0, or 1 with --strict) say what will read or print
badly: an answer set smaller to fit its page or continued on more cards, text that will not fit its
page or card, a question without a question mark or topics, a resource without a URL, questions asked
twice, British and American spelling mixed.
"""
_EXAMPLES_NEW = """examples:
  guidegen new my-guides                  a project: content/my-guide.yaml and more
  guidegen new . --id data-analyst-uk --title "Data Analyst Interview Questions UK"
"""
_EXAMPLES_IMPORT = """examples:
  guidegen import interview-guide.txt     writes content/<id>.yaml and lists what needs you
  guidegen import guide.md --id data-analyst-uk --output content/data-analyst-uk.yaml
"""
_EXAMPLES_SCHEMA = """examples:
  guidegen schema                         print the JSON Schema of the guide format
  guidegen schema --write                 refresh content/guide.schema.json (after upgrading guidegen)
"""
_EXAMPLES_WATCH = """examples:
  guidegen watch                          rebuild every edition of every guide on every save
  guidegen watch --open                   and preview it in the browser (http://127.0.0.1:8000/)
  guidegen watch content/mlops-engineer-uk.yaml --edition epub,print
"""
_EXAMPLES_DOCS = """examples:
  guidegen docs                           the guide format, field by field, in the terminal
  guidegen docs --open                    the same in the browser, offline
  guidegen docs theme                     the theme's numbers (editions: adding an edition)
"""
_EXAMPLES_DOCTOR = """examples:
  guidegen doctor                         what each edition needs, and whether this machine has it
  guidegen doctor content/guide-ja.yaml   and whether the fonts draw every character of this guide
"""
_EXAMPLES_CALIBRATE = """examples:
  guidegen calibrate                      an A4 sheet for A6 cards, long-edge flip
  guidegen calibrate --paper letter --cards index --flip short --back-offset 0.5,-0.3

Print it double-sided as you would print cards, hold it to the light, read the offset the
crosshairs point to on the scales, and pass it to `guidegen build --back-offset X,Y`.
"""
_EXAMPLES_BUILD = """examples:
  guidegen build                          every edition of every guide in content/, into output/
  guidegen build content/mlops-engineer-uk.yaml --edition print,epub
  guidegen build --paper letter --out dist/
  guidegen build --edition cards --cards a7 --flip short --back-offset 0.5,-0.3
  guidegen build --edition cards --paper letter --cards index
  guidegen build --packs packs/january.csv  each candidate's pack and invitation, into output/packs/
"""

_EXAMPLES_CLEAN = """examples:
  guidegen clean --packs     delete every candidate's pack (personal data) from output/packs/
  guidegen clean             delete everything guidegen made in output/, packs included
"""


def _per_sheet(size: CardSize) -> int:
    from ..editions.imposition import card_grid

    return card_grid(CARDS[size], DEFAULT_PAPER).per_sheet


def _card_sizes() -> str:
    """The card sizes, for the help: what each is and how many a sheet holds, on either paper."""
    return "card sizes (one card, the same on either paper, as many a sheet):\n" + "".join(
        f"  {cut.name:<7} {cut.label}, {_per_sheet(cut.name)} a sheet ({cut.note})\n"
        for cut in CARDS.values())


def _choices(names: tuple[str, ...], default: str) -> str:
    return f"{', '.join(names)} (default: the guide's, else {default})"


def _join_negative_offsets(argv: list[str]) -> list[str]:
    """`--back-offset -1.2,0.7` as `--back-offset=-1.2,0.7`: argparse takes "-1.2,0.7" for an option."""
    joined: list[str] = []
    for arg in argv:
        if joined and joined[-1] == "--back-offset" and arg.startswith("-"):
            joined[-1] = f"--back-offset={arg}"
        else:
            joined.append(arg)
    return joined


MAX_BACK_OFFSET_MM = 10.0  # a printer that drifts further than this needs mending, not an offset


def _back_offset(text: str) -> tuple[float, float]:
    try:
        x, y = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected X,Y in millimetres, e.g. 0.5,-0.3") from None
    if not all(math.isfinite(v) and abs(v) <= MAX_BACK_OFFSET_MM for v in (x, y)):
        raise argparse.ArgumentTypeError(
            f"each offset must be a number of millimetres between -{MAX_BACK_OFFSET_MM:g} and "
            f"{MAX_BACK_OFFSET_MM:g}, not {text}")
    return (x, y)


#: Processes a build may lay out in at once: Windows' process pools take at most 61.
MAX_JOBS = 61 if sys.platform == "win32" else 256


def _jobs(text: str) -> int:
    return _whole(text, 1, MAX_JOBS, "a number of processes", "")


def _shard(text: str) -> tuple[int, int]:
    """K/N: share K (from 1) of N."""
    share, slash, count = text.strip().partition("/")
    if not slash or not (share.isdigit() and count.isdigit()) or not 1 <= int(share) <= int(count) <= 1000:
        raise argparse.ArgumentTypeError(f"expected K/N, share K of N with 1 ≤ K ≤ N ≤ 1000 (e.g. 2/4), "
                                         f"not {text}")
    return int(share), int(count)


def _port(text: str) -> int:
    return _whole(text, 0, 65_535, "a port", " (0: any free one)")


def _whole(text: str, least: int, most: int, what: str, note: str) -> int:
    """A whole number from `least` to `most`, or a one-line error naming the range."""
    stripped = text.strip()
    if not (stripped.isascii() and stripped.lstrip("-").isdigit() and len(stripped) < 12) \
            or not least <= int(stripped) <= most:
        raise argparse.ArgumentTypeError(f"expected {what} from {least} to {most}{note}, not {text}")
    return int(stripped)


_EDITION_NAMES = ", ".join(edition.name for edition in EDITIONS)


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    """" (did you mean 'build'?)" for a word close to one of `choices`, else nothing."""
    import difflib

    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Parser(argparse.ArgumentParser):
    """argparse, saying which choice a mistyped command or value is most like."""

    def error(self, message: str) -> NoReturn:
        found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        if found:
            word, choices = found.group(1), re.findall(r"'([^']*)'", found.group(2))
            hint = _did_you_mean(word, choices)
            if message.startswith("argument COMMAND"):
                message = f"unknown command '{word}'{hint}; the commands are {', '.join(choices)}"
            else:
                message = f"{message.split(':')[0]}: '{word}' is not one of {', '.join(choices)}{hint}"
        super().error(message)


def _topic(text: str) -> str:
    from .docs import TOPICS, topic_of

    page = topic_of(text)
    if page is None:
        names = [name for names in TOPICS.values() for name in names]
        raise argparse.ArgumentTypeError(f"no page '{text}'{_did_you_mean(text, names)}; the pages are "
                                         f"{', '.join(TOPICS)}")
    return page


def _docs(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from .docs import show

    opened = show(args.topic, open_browser=args.open, stdout=stdout)
    if opened is not None:
        say(f"opened {opened}", stderr)
    return 0


def _edition_list(text: str) -> list[str]:
    chosen = [name.strip().lower() for name in text.split(",") if name.strip()]
    try:
        named(chosen)
    except KeyError as unknown:
        hint = _did_you_mean(unknown.args[0], [edition.name for edition in EDITIONS])
        raise argparse.ArgumentTypeError(f"unknown edition {unknown}{hint}; choose from "
                                         f"{_EDITION_NAMES}") from None
    if not chosen:
        raise argparse.ArgumentTypeError(f"no edition named; choose from {_EDITION_NAMES}")
    return chosen


def _pack_editions(text: str) -> list[str]:
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    for name in names:
        if name not in PACK_EDITIONS:
            choices = list(PACK_EDITIONS)
            raise argparse.ArgumentTypeError(f"'{name}' is not an edition a pack comes in: "
                                             f"{', '.join(choices)}{_did_you_mean(name, choices)}")
    return names


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="guidegen",
        description="Turn interview guides written as YAML into a print booklet, flashcards, "
        "an EPUB, an email handout, a web page and an Anki deck.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"guidegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    raw = argparse.RawDescriptionHelpFormatter

    project = _Parser(add_help=False)
    project.add_argument("--project", type=Path, metavar="DIR",
                         help="project directory holding content/ and any brand.yaml, templates/ or "
                         "styles/ (default: the folder above the guides' content/, else the current one)")
    guides = _Parser(add_help=False, parents=[project])
    guides.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="guide files (default: every .yaml file in the project's content/)")
    paper = _Parser(add_help=False)
    paper.add_argument("--paper", choices=PAPER_NAMES, type=str.lower,
                       help="paper for the print booklet, the handout and the card sheets: "
                       + _choices(PAPER_NAMES, DEFAULT_PAPER))
    cards = _Parser(add_help=False)
    card_help = "flashcard size: " + ", ".join(
        f"{cut.name} ({cut.label}, {_per_sheet(cut.name)} a sheet)" for cut in CARDS.values())
    cards.add_argument("--cards", choices=CARD_NAMES, type=str.lower,
                       help=f"{card_help} (default: the guide's, else {DEFAULT_CARDS})")
    cards.add_argument("--flip", choices=FLIP_NAMES, type=str.lower,
                       help="duplex flip edge for flashcards: " + _choices(FLIP_NAMES, DEFAULT_FLIP))
    cards.add_argument("--back-offset", type=_back_offset, default=(0.0, 0.0), metavar="X,Y",
                       help="shift flashcard backs by X,Y mm to correct a printer's duplex drift")
    out = _Parser(add_help=False)
    out.add_argument("--out", type=Path, metavar="DIR",
                     help="output directory (default: the project's output/)")

    editions = _Parser(add_help=False, parents=[paper])
    editions.add_argument("--edition", type=_edition_list, action="extend", metavar="NAME[,NAME...]",
                          help="editions to build, repeatable (default: all): " + "; ".join(
                              f"{edition.name}, {edition.summary}" for edition in EDITIONS))
    editions.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                          help="render in N processes at once (default: one per core)")
    editions.add_argument("--force", action="store_true",
                          help="replace files in the output folder that guidegen did not make")

    check_cmd = commands.add_parser("check", parents=[guides, paper], epilog=_EXAMPLES_CHECK,
                                    help="validate guides, report every problem, warn about what will "
                                    "print badly", formatter_class=raw)
    check_cmd.add_argument("--cards", choices=CARD_NAMES, type=str.lower,
                           help="the flashcard size to check against: " + _choices(CARD_NAMES, DEFAULT_CARDS))
    check_cmd.add_argument("--strict", action="store_true", help="exit with status 1 when there are warnings")
    build_cmd = commands.add_parser("build", parents=[guides, cards, out, editions],
                                    epilog=_EXAMPLES_BUILD + "\n" + _card_sizes(),
                                    help="build editions into the output directory", formatter_class=raw)
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    shards = build_cmd.add_mutually_exclusive_group()
    shards.add_argument("--shard", type=_shard, metavar="K/N",
                        help="build share K of N of the guides (for N machines of a CI matrix; no "
                        "catalogue page: see --catalogue-only)")
    shards.add_argument("--catalogue-only", action="store_true",
                        help="write only the catalogue page (index.html), from the outputs the shards "
                        "put in the output folder")
    shards.add_argument("--packs", type=Path, metavar="FILE",
                        help="instead of the editions, write each candidate's pack (a PDF addressed to "
                        "them around the guide's handout, and a calendar invitation) into the output "
                        "folder's packs/, from a packs file (.csv or .yaml; see guidegen docs packs)")
    build_cmd.add_argument("--packs-editions", type=_pack_editions, action="extend", metavar="NAME[,NAME]",
                           help="with --packs, also each candidate's own e-book (epub) and web page "
                           "(web), with their letter and itinerary")
    watch_cmd = commands.add_parser("watch", parents=[guides, cards, out, editions], epilog=_EXAMPLES_WATCH,
                                    help="rebuild on every save, in one warm process", formatter_class=raw)
    watch_cmd.add_argument("--open", action="store_true",
                           help="serve a preview on 127.0.0.1 that reloads itself, and open it in the "
                           "browser")
    watch_cmd.add_argument("--port", type=_port, default=8000, help="the preview's port (default: 8000, "
                           "or a free one)")
    new_cmd = commands.add_parser("new", epilog=_EXAMPLES_NEW, formatter_class=raw,
                                  help="start a project, or a new guide in one")
    new_cmd.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="DIR",
                         help="the project folder (default: the current one; created if missing)")
    new_cmd.add_argument("--id", help="the guide's id, which names its files (default: from the title)")
    new_cmd.add_argument("--title", help="the guide's title (default: My Interview Guide)")
    import_cmd = commands.add_parser("import", parents=[project], epilog=_EXAMPLES_IMPORT,
                                     formatter_class=raw,
                                     help="turn a plain-text or Markdown guide into a guide YAML")
    import_cmd.add_argument("source", type=Path, metavar="FILE",
                            help="a .txt, .md or .html document (a Word or Google Docs export, or a "
                                 "saved web page)")
    import_cmd.add_argument("--id", help="the guide's id (default: from its title)")
    import_cmd.add_argument("-o", "--output", type=Path, metavar="FILE",
                            help="where to write the guide (default: the project's content/<id>.yaml)")
    schema_cmd = commands.add_parser("schema", parents=[project], epilog=_EXAMPLES_SCHEMA,
                                     formatter_class=raw,
                                     help="print the JSON Schema of the guide format, for editors")
    schema_cmd.add_argument("--write", action="store_true",
                            help="write it to the project's content/guide.schema.json instead")
    docs_cmd = commands.add_parser("docs", epilog=_EXAMPLES_DOCS, formatter_class=raw,
                                   help="show the guide format and the other documentation, offline")
    docs_cmd.add_argument("topic", nargs="?", type=_topic, metavar="TOPIC",
                          help="writing-guides (the default), theme, editions, sharding or packs")
    docs_cmd.add_argument("--open", action="store_true", help="open it in the browser")
    commands.add_parser("doctor", parents=[guides], epilog=_EXAMPLES_DOCTOR, formatter_class=raw,
                        help="say what each edition needs and whether this machine has it, with the fix")
    clean_cmd = commands.add_parser("clean", parents=[project, out], epilog=_EXAMPLES_CLEAN,
                                    formatter_class=raw, help="delete what guidegen made in the output "
                                    "folder (the candidate packs only, with --packs)")
    clean_cmd.add_argument("--packs", action="store_true",
                           help="delete only the candidate packs (output/packs/), which hold personal data")
    commands.add_parser("calibrate", parents=[project, paper, cards, out], epilog=_EXAMPLES_CALIBRATE,
                        help="write a duplex calibration sheet for flashcard printing",
                        formatter_class=raw)
    return parser


def main(argv: list[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (2 for any bad input, with no traceback)."""
    stdout, stderr = stdout or _escaping(sys.stdout), stderr or _escaping(sys.stderr)
    argv = _join_negative_offsets(sys.argv[1:] if argv is None else argv)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has already printed usage, help or the version
        return int(exc.code or 0)
    for problem in PLUGIN_PROBLEMS:
        say(f"guidegen: warning: {problem}", stderr)
    try:
        source_epoch()  # checked once, here: every worker reads it
    except BadSourceEpoch as exc:
        say(f"guidegen: {exc}", stderr)
        return EXIT_BAD_INPUT
    try:
        if args.command in _WITHOUT_GUIDES:
            return _WITHOUT_GUIDES[args.command](args, stdout, stderr)
        project = project_of(args.files, args.project)
        packs = getattr(args, "packs", None)
        if packs is not None and args.project is None and not args.files:
            project = _packs_project(packs, project)
        if args.command == "watch":
            return _watch(args, project, stderr)
        if args.command == "doctor":
            from .doctor import doctor

            return doctor(args.files, project, stdout)
        files = args.files or guide_files(project)
        if not files:
            say(f"guidegen: no guides found in {project / 'content'}; put a guide there "
                 "(guidegen new, or guidegen import FILE) or name one: guidegen build FILE", stderr)
            return EXIT_BAD_INPUT
        if args.command == "check":
            from .check import check

            return check(files, project, Options(paper=args.paper, cards=args.cards), strict=args.strict,
                         stdout=stdout, stderr=stderr)
        return _build(args, files, project, stderr)
    except ProjectError as exc:
        say(f"guidegen: {exc}", stderr)
        return EXIT_BAD_INPUT
    except NotOurs as exc:  # the user's files, or an input folder as the output folder
        for line in exc.lines:
            say(f"guidegen: {line}", stderr)
        return EXIT_BAD_INPUT
    except NotBuilt as exc:  # the machine lacks what the PDF editions need; the rest was written
        for line in exc.lines:
            say(f"guidegen: {line}", stderr)
        return EXIT_ENVIRONMENT
    except MissingLayoutEngine as exc:
        say(f"guidegen: {exc}", stderr)
        return EXIT_ENVIRONMENT
    except OutputError as exc:
        say(f"guidegen: {exc}; earlier outputs are untouched", stderr)
        return EXIT_ENVIRONMENT
    except KeyboardInterrupt:
        say("guidegen: interrupted; earlier outputs are untouched", stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug, or a library failing: one line, unless asked for more
        if os.environ.get("GUIDEGEN_DEBUG"):
            raise
        say(f"guidegen: internal error ({type(exc).__name__}: {exc}); earlier outputs are untouched. "
             "Run again with GUIDEGEN_DEBUG=1 to see where, and please report it", stderr)
        return EXIT_ENVIRONMENT


def _escaping(stream: TextIO) -> TextIO:
    """The stream, set to escape what its encoding cannot show (a Windows pipe or file is often
    cp1252) instead of failing on a character of a guide or a path."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")
    return stream


def _calibrate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    import jinja2

    from ..base.writing import write_atomic
    from ..editions.calibration import render_calibration
    from ..render.pdf import take_warnings
    from ..render.project import Project
    from ..render.templates import template_problem

    project = project_of([], args.project)
    shared = _shared_settings(project)
    options = Options(paper=args.paper or shared.get("paper"), cards=args.cards or shared.get("cards"),
                      flip=args.flip or shared.get("flip"), back_offset=args.back_offset)
    paper = suffix(options.paper or DEFAULT_PAPER, DEFAULT_PAPER)
    target = (args.out or project / "output") / (
        f"calibration-{options.cards or DEFAULT_CARDS}{paper}-{options.flip or DEFAULT_FLIP}-edge.pdf")
    try:
        data = render_calibration(Project(project, themes()), options)
    except jinja2.TemplateError as exc:
        say(str(template_problem(exc)), stderr)
        return EXIT_BAD_INPUT
    for where, message in take_warnings():
        say(f"{where}: warning: {message}", stderr)
    write_atomic(target, data)
    say(str(target), stdout)
    return 0


def _shared_settings(project: Path) -> dict[str, Any]:
    """The paper, card size and flip every guide of the project sets alike (its `settings`), for
    the calibration sheet to match the cards they print; none from guides that differ or do not
    load (`check` says why)."""
    from ..model.problems import GuideError

    files = guide_files(project)
    if not files:
        return {}
    from ..load.guides import load_guides

    try:
        settings = [item.guide.settings for item in load_guides(files, project=project)]
    except GuideError:
        return {}
    return {name: values.pop() for name in ("paper", "cards", "flip")
            if len(values := {getattr(found, name) for found in settings}) == 1}


def _new(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ..authoring.scaffold import ScaffoldError, new_project
    from ..model.problems import display_name

    try:
        created = new_project(args.folder, guide_id=args.id, title=args.title)
    except (ScaffoldError, OSError) as error:
        say(f"guidegen: {error}", stderr)
        return EXIT_BAD_INPUT
    for path in created.written:
        say(f"created {display_name(path)}", stdout)
    where = "" if args.folder.absolute() == Path.cwd() else f"cd {display_name(args.folder)} && "
    say(f"next: edit {display_name(created.guide)}, then {where}guidegen check && guidegen build "
          "(or guidegen watch --open)", stdout)
    return 0


def _import(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ..authoring.importing.import_file import ImportFailed, import_file
    from ..model.problems import display_name

    project = project_of([], args.project)
    try:
        report = import_file(args.source, project=project, output=args.output, guide_id=args.id)
    except (ImportFailed, OSError) as error:
        say(f"guidegen: {error}", stderr)
        return EXIT_BAD_INPUT
    say(report.summary, stdout)
    for note in report.notes:
        say(note, stderr)
    say(f"next: read it through, then guidegen check {display_name(report.target)}", stdout)
    return 0


def _schema(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ..model.problems import display_name
    from ..model.schema import schema_text, write_schema

    if args.write:
        say(f"wrote {display_name(write_schema(project_of([], args.project) / 'content'))}", stdout)
    else:
        stdout.write(schema_text())
    return 0


def _watch(args: argparse.Namespace, project: Path, stderr: TextIO) -> int:
    from .watch import Session, watch

    session = Session(args.files, project, args.out or project / "output",
                      named(args.edition) if args.edition else EDITIONS,
                      Options(paper=args.paper, cards=args.cards, flip=args.flip,
                              back_offset=args.back_offset),
                      lambda line: say(line, stderr), jobs=args.jobs, force=args.force)
    refuse_input_folder(session.out, project)  # it would rebuild on its own writes
    signal.signal(signal.SIGTERM, _exit_on_signal)
    if args.open:
        import webbrowser

        from .preview import Preview

        session.preview = Preview(session.out, args.port)
        webbrowser.open(session.preview.url)
    return watch(session)


def _packs_project(packs: Path, found: Path) -> Path:
    """The project a packs file belongs to, when neither --project nor guides say: the current
    folder if it has content/, else the folder above the packs file's own (packs/<round>.csv)."""
    if (found / "content").is_dir():
        return found
    above = packs.absolute().parent.parent
    return above if (above / "content").is_dir() else found


def _clean(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ..pipeline.clean import clean

    project = project_of([], args.project)
    out = args.out or project / "output"
    refuse_input_folder(out, project)  # never the guides, the theme or the packs files' folder
    clean(out, packs_only=args.packs, progress=lambda line: say(line, stdout))
    return 0


_WITHOUT_GUIDES = {"calibrate": _calibrate, "new": _new, "import": _import, "schema": _schema,
                   "docs": _docs, "clean": _clean}



def _build(args: argparse.Namespace, files: list[Path], project: Path, stderr: TextIO) -> int:
    from ..model.problems import GuideError
    from ..pipeline.build import build
    from ..pipeline.shards import shard, write_catalogue

    options = Options(paper=args.paper, cards=args.cards, flip=args.flip, back_offset=args.back_offset)
    if threading.current_thread() is threading.main_thread():  # so a killed build still cleans up
        signal.signal(signal.SIGTERM, _exit_on_signal)
    out = args.out or project / "output"
    progress = (lambda line: None) if args.quiet else (lambda line: say(line, stderr))
    if args.packs_editions and args.packs is None:
        say("guidegen: --packs-editions goes with --packs FILE (the candidates whose own e-book or web "
            "page to make)", stderr)
        return EXIT_BAD_INPUT
    try:
        if args.packs is not None:
            from ..pipeline.packs import build_packs

            build_packs(args.packs, files, project=project, out=out, options=options, progress=progress,
                        jobs=args.jobs, force=args.force, editions=args.packs_editions or ())
            return 0
        if args.catalogue_only:
            write_catalogue(files, project=project, out=out, options=options, progress=progress,
                            force=args.force)
            return 0
        build(shard(files, *args.shard) if args.shard else files, project=project, out=out,
              editions=named(args.edition) if args.edition else EDITIONS, options=options,
              progress=progress, warn=lambda line: say(line, stderr), jobs=args.jobs, force=args.force,
              catalogue=args.shard is None)
    except GuideError as exc:
        return _report(exc, stderr)
    return 0


def _report(error: GuideError, stderr: TextIO) -> int:
    for problem in error.problems:
        say(str(problem), stderr)
    return EXIT_BAD_INPUT




def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
