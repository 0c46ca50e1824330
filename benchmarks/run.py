"""guidegen's benchmark: whole processes, several runs, median and spread, wall time and peak memory.

Every scenario is measured beside the naive reference (benchmarks/naive.py: YAML -> Jinja2 -> one
WeasyPrint PDF) in the same run, and recorded as a ratio to it, so the figures survive a slower or
busier machine. Then each PDF's size is set beside the size of the same PDF laid out as one
document (a big booklet is laid out in parts and joined). Results go to benchmarks/RESULTS.md.

    python benchmarks/run.py [--runs 5] [--big 1000] [--catalogue 20] [--shard-guides 100] [--quick]
                             [--only builds|authoring|hostile|packs]

The authoring scenarios time `guidegen check` as a whole process, `guidegen import` of 200 KB of
real interview questions and of input made to be slow, `check` and a cold build of a real imported
guide (166 questions in 19 groups), and `guidegen watch` from the moment one answer is saved to the
moment each output is replaced on disk (the e-book, the web page and the print booklet), in one warm
watch process. The builds end with a catalogue built on one machine and as four shards, whose files
must be the same bytes. The hostile scenarios time `check` of 5,000 questions and of a 2 MB answer,
and `import` of 200 KB made to make patterns backtrack: each command must stay about linear in its
input. The packs scenario times `guidegen build --packs` for 200 candidates against one cold build
of the handout.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MLOPS = ROOT / "content" / "mlops-engineer-uk.yaml"
REAL_DOCUMENT_BYTES = 200_000
HOSTILE_QUESTIONS = 5_000
HOSTILE_ANSWER_BYTES = 2_000_000
PACK_CANDIDATES = 200
ZONES = ("Europe/London", "America/New_York", "Asia/Tokyo", "Europe/Berlin", "Australia/Sydney")
sys.path.insert(0, str(HERE))

from generate import guide_text, write_guide  # noqa: E402


@dataclass
class Sample:
    seconds: float
    peak_mib: float


@dataclass
class Result:
    name: str
    samples: list[Sample]

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def spread(self) -> float:
        times = [s.seconds for s in self.samples]
        return max(times) - min(times)

    @property
    def peak_mib(self) -> float:
        return max(s.peak_mib for s in self.samples)


#: Runs a command and reports its time and the peak resident memory of it and its children. A
#: child forked from this benchmark process would start its peak from this process's own (the kernel
#: counts the parent's pages at the fork), so the command is started from this small one.
_LAUNCHER = """import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as report:
    report.write(f"{seconds} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
sys.exit(code)
"""


def run_process(command: list[str]) -> Sample:
    """Time one whole process, and its peak resident memory (the largest of it and its children)."""
    with tempfile.TemporaryDirectory() as temp:
        errors_path, report = Path(temp) / "errors", Path(temp) / "report"
        with errors_path.open("wb") as errors:  # a file, not a pipe: thousands of warnings never block
            code = subprocess.call([sys.executable, "-c", _LAUNCHER, str(report), *command], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=errors)
        if code != 0:
            said = errors_path.read_text(errors="replace")[-4000:]
            raise SystemExit(f"failed: {' '.join(command)}\n{said}")
        seconds, peak_kib = report.read_text().split()
    return Sample(float(seconds), int(peak_kib) / 1024)


@dataclass
class Case:
    """One thing to time: its name, its command for run i, and what to do before run i."""

    name: str
    command: Callable[[int], list[str]]
    before: Callable[[int], None] = lambda i: None


def measure(runs: int, *cases: Case) -> list[Result]:
    """Time each case `runs` times, the cases taking turns (A B A B ...), so that a machine that
    slows down or speeds up during the run weighs on every case alike and their ratio holds."""
    samples: list[list[Sample]] = [[] for _ in cases]
    for i in range(runs):
        for case, found in zip(cases, samples, strict=True):
            case.before(i)
            found.append(run_process(case.command(i)))
    results = [Result(case.name, found) for case, found in zip(cases, samples, strict=True)]
    for result in results:
        print(f"{result.name:<44} median {result.median:7.3f} s  spread {result.spread:6.3f} s  "
              f"peak {result.peak_mib:6.0f} MiB", flush=True)
    return results


def guidegen(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "guidegen", "build", *map(str, args), "--project", str(ROOT), "--quiet"]


def naive(guide: Path, out: Path) -> list[str]:
    return [sys.executable, str(HERE / "naive.py"), str(guide), str(out)]


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import weasyprint

    try:
        libraries = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        libraries = ""
    harfbuzz_subset = "libharfbuzz-subset" in libraries
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.platform()}, "
            f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
            f"HarfBuzz subsetter {'present' if harfbuzz_subset else 'absent'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", type=int, default=1000, help="questions in the big guide")
    parser.add_argument("--big-runs", type=int, default=3)
    parser.add_argument("--catalogue", type=int, default=20, help="guides in the catalogue")
    parser.add_argument("--shard-guides", type=int, default=100, help="guides in the sharded catalogue")
    parser.add_argument("--quick", action="store_true", help="2 runs, a 200-question guide, 6 guides")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--only", choices=["builds", "authoring", "hostile", "packs"],
                        help="run one group of scenarios (default: all); write --results elsewhere then")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.big, args.big_runs, args.catalogue, args.shard_guides = 2, 200, 1, 6, 12

    work = Path(tempfile.mkdtemp(prefix="guidegen-bench-"))
    try:
        writing = [] if args.only in ("builds", "hostile", "packs") else authoring(args, work)
        writing += [] if args.only in ("builds", "authoring", "packs") else hostile(args, work / "hostile")
        writing += [] if args.only in ("builds", "authoring", "hostile") else packs(args, work / "packs")
        rows = ([] if args.only in ("authoring", "hostile", "packs") else scenarios(args, work)) + writing
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_results(args, rows)
    return 0


def scenarios(args: argparse.Namespace, work: Path) -> list[tuple[str, Result, Result | None, str]]:
    """Each row: what, guidegen's result, the reference it is compared with, and the target."""
    runs = args.runs
    out = work / "out"
    rows = []

    ref, cold = measure(
        runs, Case("naive: MLOps print edition", lambda i: naive(MLOPS, work / "naive.pdf")),
        Case("guidegen: MLOps, every edition, cold", lambda i: guidegen(MLOPS, "--out", out),
             before=lambda i: shutil.rmtree(out, ignore_errors=True)))
    rows.append(("Cold build, MLOps guide, every edition", cold, ref, "≤ 1.5× naive"))
    python, noop = measure(runs, Case("python: start and exit", lambda i: [sys.executable, "-c", "pass"]),
                           Case("guidegen: MLOps, nothing changed", lambda i: guidegen(MLOPS, "--out", out)))
    rows.append(("Rebuild, nothing changed", noop, python, "≤ 0.1 s"))

    edited = work / "edited" / "mlops-engineer-uk.yaml"
    edited.parent.mkdir()
    original = MLOPS.read_text(encoding="utf-8")
    edited.write_text(original, encoding="utf-8")
    subprocess.run(guidegen(edited, "--out", work / "edited-out"), check=True)

    def change_one_answer(i: int) -> None:
        edited.write_text(original.replace("Everything must be reproducible from a commit hash.",
                                           f"Everything must be reproducible from a commit hash ({i}).")
                          , encoding="utf-8")

    [one] = measure(runs, Case("guidegen: MLOps, one answer changed",
                               lambda i: guidegen(edited, "--out", work / "edited-out"),
                               before=change_one_answer))
    rows.append(("Rebuild after one answer changed", one, cold, "(no target: no part cache)"))

    big = write_guide(args.big, directory=work / "big")
    big_out = work / "big-out"
    big_ref, big_print, big_epub = measure(
        args.big_runs,
        Case(f"naive: {args.big}-question print edition", lambda i: naive(big, work / "naive-big.pdf")),
        Case(f"guidegen: {args.big}-question print edition",
             lambda i: guidegen(big, "--edition", "print", "--out", big_out),
             before=lambda i: shutil.rmtree(big_out, ignore_errors=True)),
        Case(f"guidegen: {args.big}-question EPUB",
             lambda i: guidegen(big, "--edition", "epub", "--out", big_out),
             before=lambda i: shutil.rmtree(big_out, ignore_errors=True)))
    rows.append((f"{args.big}-question guide, print edition", big_print, big_ref,
                 "≤ 1.0× naive, ≤ 300 MiB"))
    rows.append((f"{args.big}-question guide, EPUB", big_epub, big_ref, "(no target)"))

    catalogue = [write_guide(10, f"catalogue-{n:02d}", work / "catalogue") for n in range(args.catalogue)]
    cat_out = work / "cat-out"
    serial, parallel = measure(
        max(1, runs // 2),
        Case(f"guidegen: {args.catalogue} guides, 1 process",
             lambda i: guidegen(*catalogue, "--jobs", "1", "--out", cat_out),
             before=lambda i: shutil.rmtree(cat_out, ignore_errors=True)),
        Case(f"guidegen: {args.catalogue} guides, all cores",
             lambda i: guidegen(*catalogue, "--out", cat_out),
             before=lambda i: shutil.rmtree(cat_out, ignore_errors=True)))
    rows.append((f"Catalogue of {args.catalogue} guides, all editions, all cores", parallel, serial,
                 f"≈ 1/{os.cpu_count()} of one process"))
    rows += sharded(args, work / "sharded")
    args.sizes = sizes(big)
    return rows


SHARDS = 4


def sharded(args: argparse.Namespace, work: Path) -> list[tuple[str, Result, Result | None, str]]:
    """A catalogue built on one machine, then as four shards (each into a folder of its own, as four
    CI machines would), the folders put together and finished with `--catalogue-only`: the slowest
    shard against the whole, and every file of the two compared byte for byte."""
    guides = [write_guide(10, f"shard-{n:03d}", work / "guides") for n in range(args.shard_guides)]
    whole_out = work / "whole"
    [whole] = measure(1, Case(f"guidegen: {args.shard_guides} guides, one machine",
                              lambda i: guidegen(*guides, "--out", whole_out)))
    [shards] = measure(SHARDS, Case(f"guidegen: one of {SHARDS} shards",
                                    lambda i: guidegen(*guides, "--shard", f"{i + 1}/{SHARDS}",
                                                       "--out", work / f"shard-{i + 1}")))
    merged = work / "merged"
    merged.mkdir()
    for i in range(SHARDS):
        for path in (work / f"shard-{i + 1}").iterdir():
            if not path.name.startswith("."):
                shutil.copy2(path, merged / path.name)
    subprocess.run(guidegen(*guides, "--catalogue-only", "--out", merged), check=True)
    files = sorted(path.name for path in whole_out.iterdir() if not path.name.startswith("."))
    same = files == sorted(path.name for path in merged.iterdir() if not path.name.startswith(".")) and all(
        (whole_out / name).read_bytes() == (merged / name).read_bytes() for name in files)
    if not same:
        raise SystemExit("the shards' outputs differ from the whole build's")
    print(f"{len(files)} files of the shards equal the whole build's, byte for byte", flush=True)
    slowest = Result(f"guidegen: slowest of {SHARDS} shards", [max(shards.samples, key=lambda s: s.seconds)])
    return [(f"Catalogue of {args.shard_guides} guides, slowest of {SHARDS} shards (same bytes)", slowest,
             whole, "≤ 0.3× the whole")]


def authoring(args: argparse.Namespace, work: Path) -> list[tuple[str, Result, Result | None, str]]:
    """`guidegen check` on the MLOps guide, and a warm `guidegen watch` after one answer is saved."""
    python, check = measure(
        args.runs, Case("python: start and exit", lambda i: [sys.executable, "-c", "pass"]),
        Case("guidegen: check, MLOps guide", lambda i: command("check", MLOPS, "--project", ROOT)))
    rows = [("`guidegen check`, MLOps guide (whole process)", check, python, "≤ 0.5 s")]
    rows += imported(args, work / "imported")
    epub, web, booklet = watch_edits(work / "watched", max(args.runs, 5))
    rows.append(("Watch: one answer saved → e-book replaced", epub, None, "≤ 0.2 s"))
    rows.append(("Watch: one answer saved → web page replaced", web, None, "≤ 0.2 s"))
    rows.append(("Watch: one answer saved → print booklet replaced", booklet, None, "≤ 0.5 s"))
    return rows


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "guidegen", *map(str, args)]


def imported(args: argparse.Namespace, work: Path) -> list[tuple[str, Result, Result | None, str]]:
    """`guidegen import` of a 200 KB document of real questions (the real-world fixtures, one after
    another) and of 100 KB made to be slow; then `check` and a cold build of every edition of a real
    guide of 166 questions in 19 groups (ds-theory.md, imported), beside the naive script's booklet
    of the same guide."""
    documents = ROOT / "tests" / "fixtures" / "import" / "realworld"
    work.mkdir(parents=True)
    real = work / "real-200k.md"
    text = ""
    for name in itertools.cycle(["ds-theory.md", "ds-unsupervised-details.md", "behavioural-common.md"]):
        if len(text.encode()) >= REAL_DOCUMENT_BYTES:
            break
        text += (documents / name).read_text(encoding="utf-8") + "\n\n"
    real.write_text(text, encoding="utf-8")
    brackets = work / "brackets.md"
    brackets.write_text("# Brackets\n\n**What is in the answer?**\n\n" + "[[" * 50_000 + "\n",
                        encoding="utf-8")
    python, big, slow = measure(
        args.runs, Case("python: start and exit", lambda i: [sys.executable, "-c", "pass"]),
        Case(f"guidegen: import, {len(text.encode()) // 1000} KB", lambda i: command(
            "import", real, "--project", work / f"real-{i}")),
        Case("guidegen: import, 100 KB of brackets", lambda i: command(
            "import", brackets, "--project", work / f"brackets-{i}")))
    rows = [(f"`guidegen import`, {len(text.encode()) // 1000} KB of real questions (whole process)", big,
             python, "≤ 1 s"),
            ("`guidegen import`, 100 KB of `[[` (whole process)", slow, python, "≤ 1 s")]
    project = work / "ds-theory"
    subprocess.run(command("import", documents / "ds-theory.md", "--project", project, "--id", "ds-theory"),
                   check=True, capture_output=True)
    guide = project / "content" / "ds-theory.yaml"
    out = work / "ds-theory-out"
    ref, check, cold = measure(
        args.runs, Case("naive: ds-theory print edition", lambda i: naive(guide, work / "naive-ds.pdf")),
        Case("guidegen: check, ds-theory", lambda i: command("check", guide, "--project", project)),
        Case("guidegen: ds-theory, every edition, cold", lambda i: command(
            "build", guide, "--project", project, "--out", out, "--quiet"),
             before=lambda i: shutil.rmtree(out, ignore_errors=True)))
    rows.append(("`guidegen check`, imported guide of 166 questions in 19 groups", check, ref, "(no target)"))
    rows.append(("Cold build, that guide, every edition", cold, ref, "(no target)"))
    return rows


def hostile(args: argparse.Namespace, work: Path) -> list[tuple[str, Result, Result | None, str]]:
    """Input made to be slow (issue 28): `check` of 5,000 questions that each nearly repeat one of
    the MLOps guide's, `check` of one answer of 2 MB (paragraphs of varied words), and `import` of
    200 KB of lines made to make patterns backtrack."""
    work.mkdir(parents=True)
    many = yaml.safe_load(guide_text(HOSTILE_QUESTIONS, "hostile-many"))
    for number, question in enumerate(many["technical"]["questions"], 1):
        question["question"] = f"{question['question'].rstrip('?')} in team {number}?"
        question["answer"] = question["answer"].split(". ")[0] + "."  # within a guide's 5 MB
    many_path = work / "hostile-many.yaml"
    many_path.write_text(yaml.safe_dump(many, allow_unicode=True, sort_keys=False), encoding="utf-8")
    long = yaml.safe_load(guide_text(1, "hostile-long"))
    words = " ".join(long["technical"]["questions"][0]["answer"].split()).split(" ")
    paragraphs, size = [], 0
    while size < HOSTILE_ANSWER_BYTES:  # each paragraph another turn of the words, so no two alike
        turn = len(paragraphs) % len(words)
        paragraph = " ".join(words[turn:] + words[:turn]) + f" ({len(paragraphs) + 1})"
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    long["technical"]["questions"][0]["answer"] = "\n\n".join(paragraphs)
    long_path = work / "hostile-long.yaml"
    long_path.write_text(yaml.safe_dump(long, allow_unicode=True, sort_keys=False, width=1000),
                         encoding="utf-8")
    shapes = ["# " + "a " * 1500 + "!", "## " + "*" * 3000, "**Q1.** " * 400, "[[" * 1500, "[a](" * 800,
              "`" * 3000 + "x", "_a" * 1500, "1." * 1500 + " What?", "Q: " * 1000, "|" + " a |" * 800,
              "<b>" * 1000 + "x", "What" + " " * 3000 + "?", "- " * 1500, "*a " * 1000,
              "http://" + "a." * 1500]
    text = "# Made to be slow\n\n**What is in it?**\n\n"
    for shape in itertools.cycle(shapes):
        if len(text.encode()) >= REAL_DOCUMENT_BYTES:
            break
        text += shape + "\n\n"
    adversarial = work / "adversarial.md"
    adversarial.write_text(text, encoding="utf-8")
    python, checked_many, checked_long, imported_adversarial = measure(
        args.runs, Case("python: start and exit", lambda i: [sys.executable, "-c", "pass"]),
        Case("guidegen: check, 5,000 questions", lambda i: command("check", many_path, "--project", ROOT)),
        Case("guidegen: check, a 2 MB answer", lambda i: command("check", long_path, "--project", ROOT)),
        Case("guidegen: import, 200 KB made to be slow", lambda i: command(
            "import", adversarial, "--project", work / f"adversarial-{i}")))
    return [(f"`guidegen check`, {HOSTILE_QUESTIONS:,} questions, each nearly another (whole process)",
             checked_many, python, "≤ 5 s"),
            (f"`guidegen check`, one answer of {size / 1e6:.1f} MB (whole process)", checked_long, python,
             "≤ 5 s"),
            (f"`guidegen import`, {len(text.encode()) // 1000} KB made to be slow (whole process)",
             imported_adversarial, python, "≤ 2 s")]


def packs(args: argparse.Namespace, work: Path) -> list[tuple[str, Result, Result | None, str]]:
    """Issue 27: every candidate's pack and invitation for a round of 200 (each in one of five time
    zones, two stages, three interviewers), against one cold build of the handout they hold."""
    project = work / "project"
    (project / "content").mkdir(parents=True)
    shutil.copy(MLOPS, project / "content" / MLOPS.name)
    rows = ["name,email,guide,date,time zone,times in,stage 1 time,stage 1 place,stage 1 interviewers,"
            "stage 3 time,stage 3 place,stage 3 interviewers"]
    for number in range(PACK_CANDIDATES):
        rows.append(f"Candidate {number} Example,c{number}@example.com,mlops-engineer-uk,"
                    f"2027-02-{1 + number % 28:02d},{ZONES[number % len(ZONES)]},Europe/London,10:00,"
                    f"https://meet.example.com/{number},\"Priya Shah, Staff ML Engineer, leads the team\","
                    "14:00,\"Room 4, 1 King Street\",\"Tom Reed, Hiring Manager; Ana Lima, Senior Engineer\"")
    round_file = project / "round.csv"
    round_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    handout, built = measure(
        args.runs,
        Case("guidegen: MLOps handout, cold", lambda i: command(
            "build", project / "content" / MLOPS.name, "--edition", "handout", "--out", work / f"handout-{i}",
            "--quiet")),
        Case(f"guidegen: {PACK_CANDIDATES} packs", lambda i: command(
            "build", "--project", project, "--packs", round_file, "--out", work / f"packs-{i}", "--quiet")))
    return [(f"`guidegen build --packs`, {PACK_CANDIDATES} candidates (pack and invitation each)", built,
             handout, "≤ 10× one cold handout build")]


def watch_edits(project: Path, runs: int) -> tuple[Result, Result, Result]:
    """Start one `guidegen watch` on a copy of the MLOps guide; save an edited answer `runs` times and
    time, from the save, until the e-book, the web page and the print booklet are each replaced on
    disk."""
    import queue
    import threading

    guide = project / "content" / MLOPS.name
    guide.parent.mkdir(parents=True)
    original = MLOPS.read_text(encoding="utf-8")
    guide.write_text(original, encoding="utf-8")
    names = ("mlops-engineer-uk.epub", "mlops-engineer-uk.html", "mlops-engineer-uk-print.pdf")
    outputs = [project / "output" / name for name in names]
    process = subprocess.Popen([sys.executable, "-m", "guidegen", "watch", "--project", str(project)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    stream = process.stderr
    assert stream is not None
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()

    def wait_ready() -> None:
        while "waiting for changes" not in lines.get(timeout=300):
            pass

    samples: list[list[Sample]] = [[] for _ in names]
    try:
        wait_ready()
        for i in range(runs):
            before = [os.stat(path).st_ino for path in outputs]
            guide.write_text(original.replace("Everything must be reproducible from a commit hash.",
                                              f"Everything must be reproducible from a commit hash ({i})."),
                             encoding="utf-8")
            saved = time.perf_counter()
            pending = set(range(len(outputs)))
            while pending:
                for index in list(pending):
                    try:
                        replaced = os.stat(outputs[index]).st_ino != before[index]
                    except FileNotFoundError:
                        replaced = False
                    if replaced:
                        samples[index].append(Sample(time.perf_counter() - saved, _peak_mib(process.pid)))
                        pending.discard(index)
                if time.perf_counter() - saved > 120:
                    raise SystemExit("watch did not rebuild within 2 minutes")
                time.sleep(0.002)
            wait_ready()
    finally:
        process.terminate()
        process.wait(timeout=60)
    results = [Result("guidegen watch: e-book replaced", samples[0]),
               Result("guidegen watch: web page replaced", samples[1]),
               Result("guidegen watch: print booklet replaced", samples[2])]
    for result in results:
        print(f"{result.name:<44} median {result.median:7.3f} s  spread {result.spread:6.3f} s", flush=True)
    return results[0], results[1], results[2]


def _peak_mib(pid: int) -> float:
    """The watch process's peak resident memory so far (Linux), 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def sizes(big: Path) -> list[tuple[str, int, int]]:
    """Each PDF of the MLOps guide, and the big guide's booklet, as a build makes it (a big document
    laid out in parts side by side and joined), beside the same PDF laid out as one document."""
    from guidegen.editions import EDITIONS, Options, booklet, cards
    from guidegen.load import load_guide
    from guidegen.render.layout import Layout, cores, layout
    from guidegen.render.project import Project

    project, found = Project(ROOT), []
    with layout(cores()) as pool:
        for path, names in ((MLOPS, ("print", "cards", "handout")), (big, ("print",))):
            guide = load_guide(path, project=ROOT)
            for edition in (e for e in EDITIONS if e.name in names):
                built = edition.write(guide, project, Options(), pool)
                if edition.name == "print":
                    whole = booklet.write(guide, project, Options(), Layout(1), whole_sheets=10**6)
                elif edition.name == "cards":
                    whole = cards.write(guide, project, Options(), Layout(1), part_sheets=10**6)
                else:
                    whole = built  # the handout is always one document
                found.append((edition.filename(guide, Options()), len(built), len(whole)))
    return found


NOTES_MARKER = "<!-- notes: kept when the benchmark rewrites this file -->"


def write_results(args: argparse.Namespace, rows: list[tuple[str, Result, Result | None, str]]) -> None:
    old = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
    notes = old[old.index(NOTES_MARKER):] if NOTES_MARKER in old else NOTES_MARKER + "\n"
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        f"Command: `python benchmarks/run.py{' --quick' if args.quick else ''}"
        f"{f' --only {args.only}' if args.only else ''}` "
        f"({args.runs} runs; big guide {args.big_runs} runs), {time.strftime('%Y-%m-%d')}.",
        "Times are medians of whole processes (spread = slowest − fastest); memory is the peak resident",
        "set of the largest process. Ratios compare with the reference measured in the same run.",
        "",
        "| Scenario | guidegen | spread | peak memory | reference | ratio | target |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    for name, result, reference, target in rows:
        ref = f"{reference.name}: {reference.median:.3f} s" if reference else "—"
        ratio = f"{result.median / reference.median:.2f}×" if reference else "—"
        lines.append(f"| {name} | {result.median:.3f} s | {result.spread:.3f} s | "
                     f"{result.peak_mib:.0f} MiB | {ref} | {ratio} | {target} |")
    lines += ["", "| PDF | as built | as one document | ratio |", "|---|---:|---:|---:|"]
    for name, built, whole in getattr(args, "sizes", []):
        lines.append(f"| {name} | {built / 1024:.0f} KiB | {whole / 1024:.0f} KiB | {built / whole:.2f}× |")
    args.results.write_text("\n".join(lines) + "\n\n" + notes, encoding="utf-8")
    print(f"wrote {args.results}")


if __name__ == "__main__":
    sys.exit(main())
