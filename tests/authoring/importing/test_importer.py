"""`guidegen import`, end to end through the command line: the MLOps source document and a Markdown
variant of it become guides equal to content/mlops-engineer-uk.yaml (ids aside), every sentence is
kept, and what cannot be placed is listed at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidegen.load import load_guide
from guidegen.model.guide import Guide
from guidegen.model.markdown import render_markdown
from guidegen.model.problems import display_name
from guidegen.model.schema import MODELINE, SCHEMA_FILE
from helpers import FIXTURES, MLOPS, ROOT, SOURCE, run_cli

MARKDOWN = FIXTURES / "import" / "mlops-engineer-uk.md"
VARIANTS = FIXTURES / "import" / "variants.txt"


def _import(source: Path, project: Path, *args: str) -> tuple[Guide, Path, str]:
    result = run_cli("import", source, "--project", project, *args)
    assert result.code == 0, result.err
    written = Path(re.search(r"^wrote (\S+):", result.out, re.MULTILINE).group(1))  # type: ignore[union-attr]
    target = written if written.is_absolute() else Path.cwd() / written
    return load_guide(target, project=project), target, result.err


@pytest.fixture(scope="module")
def reference() -> Guide:
    return load_guide(MLOPS, project=ROOT)


def _same_content(imported: Guide, reference: Guide, *, urls: bool) -> None:
    """Questions, answers, behavioural questions, red flags, stages and resources equal (ids aside)."""
    assert [(q.question, q.answer) for q in imported.technical.questions] == [
        (q.question, q.answer) for q in reference.technical.questions]
    assert [q.model_dump(exclude={"id"}) for q in imported.behavioural.questions] == [
        q.model_dump(exclude={"id"}) for q in reference.behavioural.questions]
    assert [f.model_dump(exclude={"id"}) for f in imported.red_flags] == [
        f.model_dump(exclude={"id"}) for f in reference.red_flags]
    assert imported.stages == reference.stages
    assert [r.model_dump(exclude=set() if urls else {"url"}) for r in imported.resources] == [
        r.model_dump(exclude=set() if urls else {"url"}) for r in reference.resources]
    assert imported.technical.instruction == reference.technical.instruction
    assert imported.behavioural.instruction == reference.behavioural.instruction
    assert imported.closing == reference.closing
    assert (imported.guide.title, imported.guide.subtitle, imported.guide.kicker, imported.guide.id) == (
        reference.guide.title, reference.guide.subtitle, reference.guide.kicker, reference.guide.id)
    assert imported.introduction == reference.introduction


def test_the_mlops_source_imports_as_the_mlops_guide(tmp_path: Path, reference: Guide) -> None:
    imported, target, notes = _import(SOURCE, tmp_path)
    _same_content(imported, reference, urls=False)
    assert target == tmp_path / "content" / "mlops-engineer-uk.yaml"
    # the source has no addresses for its resources and no topics: nothing is invented for them
    assert all(resource.url is None for resource in imported.resources)
    assert all(question.topics == [] for question in imported.technical.questions)
    # what a person must fill in is named at its line in the written guide
    lines = target.read_text(encoding="utf-8").splitlines()
    for field in ("author", "publisher"):
        (note,) = [n for n in notes.splitlines() if f"guide.{field}:" in n]
        line = int(note.split(":")[1])
        assert lines[line - 1].strip().startswith(f"{field}:") and "replace" in lines[line - 1]


def test_a_markdown_variant_imports_as_the_mlops_guide(tmp_path: Path, reference: Guide) -> None:
    """Markdown headings, "Question 1:", "**Q2.**"-style and bare "3." numbering, bold labels, list
    items for red flags and linked resources: the same guide, URLs included."""
    imported, _, notes = _import(MARKDOWN, tmp_path)
    _same_content(imported, reference, urls=True)
    assert not [note for note in notes.splitlines() if "could not" in note or "no place" in note]


#: What in the source is structure, not content: its section headings and answer labels, the
#: numbers of stages and questions, and the parentheses a stage's duration is written in.
STRUCTURE = re.compile(r"^(?:The Interview Process|Technical Questions|Behavioural Questions|Red Flags to "
                       r"Watch For|Preparation Resources|Strong answer)$|^Stage \d+: |^Q\d+\. |\(\d+\)\s*")


def test_every_sentence_of_the_source_is_kept(tmp_path: Path) -> None:
    imported, _, _ = _import(SOURCE, tmp_path)
    answers = " ".join(str(render_markdown(q.answer)) for q in imported.technical.questions)
    texts = " ".join([re.sub(r"<[^>]+>", " ", answers), imported.model_dump_json()])
    kept = " ".join(texts.replace("\\n", " ").split())
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        content = STRUCTURE.sub("\n", line.strip())
        content = re.sub(r" \((\d[^()]*min)\)$", r"\n\1", content)  # "Recruiter screen (30 min)"
        for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z])|\n", content):
            if sentence.strip():
                assert " ".join(sentence.split()) in kept, sentence


def test_what_cannot_be_placed_is_listed_at_its_line_and_kept(tmp_path: Path) -> None:
    result = run_cli("import", VARIANTS, "--project", tmp_path)
    assert result.code == 0, result.err
    source_lines = VARIANTS.read_text(encoding="utf-8").splitlines()
    listed = re.findall(rf"^{re.escape(display_name(VARIANTS))}:(\d+): (.+)$", result.err, re.MULTILINE)
    assert {source_lines[int(line) - 1].strip() for line, _ in listed} == {
        "Here is how it usually goes:", "http://example.com/course"}
    written = (tmp_path / "content" / "data-engineer-us.yaml").read_text(encoding="utf-8")
    for line, message in listed:
        assert f"line {line}: {message}" in written  # kept in the guide, as comments
    guide = load_guide(tmp_path / "content" / "data-engineer-us.yaml", project=tmp_path)
    assert [s.model_dump(exclude_none=True) for s in guide.stages] == [
        {"name": "Phone screen", "duration": "30 minutes", "what_happens": "A call with a recruiter.",
         "prepare": "Practice your elevator pitch."},
        {"name": "Onsite", "duration": "4 hours", "what_happens": "Several interviews back to back."}]
    assert [q.question for q in guide.technical.questions] == [
        "What is a data warehouse?", "How do you optimize a slow query"]
    # a red flag without its reason is a flag all the same: its reason is a placeholder (read as none)
    assert [(f.flag, f.why) for f in guide.red_flags] == [
        ("No data catalog", "Nobody knows what the tables mean."),
        ("Unclear ownership", "Nobody is on call for the pipelines."), ("No tests", None)]
    assert 'why: "TODO: why it matters"' in written
    assert [(r.title, r.url) for r in guide.resources] == [
        ("Designing Data-Intensive Applications", "https://dataintensive.net/"), ("Old course site", None)]
    assert guide.guide.language == "en-US"


def test_the_guide_has_the_editor_schema_line_and_the_schema_beside_it(tmp_path: Path) -> None:
    _, target, _ = _import(SOURCE, tmp_path)
    assert target.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert (target.parent / SCHEMA_FILE).is_file()


def test_ids_come_from_the_questions_and_are_unique(tmp_path: Path) -> None:
    doubled = tmp_path / "doubled.txt"
    text = SOURCE.read_text(encoding="utf-8")
    repeated = ("Q2. How would you design a CI/CD pipeline for a machine learning model? "
                "And what is model drift")
    doubled.write_text(text.replace("Q2. What is model drift", repeated), encoding="utf-8")
    guide, _, _ = _import(doubled, tmp_path / "project")
    ids = [q.id for q in guide.technical.questions]
    assert ids[0] == "design-ci-cd-pipeline-machine" and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)


def test_a_windows_1252_document_imports(tmp_path: Path, reference: Guide) -> None:
    legacy = tmp_path / "guide.txt"
    legacy.write_bytes(SOURCE.read_text(encoding="utf-8").encode("cp1252"))
    imported, _, _ = _import(legacy, tmp_path / "project")
    assert imported.stages == reference.stages  # en dashes (45–60 min) read back as written


def test_an_existing_guide_is_never_overwritten(tmp_path: Path) -> None:
    _import(SOURCE, tmp_path)
    target = tmp_path / "content" / "mlops-engineer-uk.yaml"
    before = target.read_bytes()
    result = run_cli("import", SOURCE, "--project", tmp_path)
    assert result.code == 2 and "already exists" in result.err and "Traceback" not in result.err
    assert target.read_bytes() == before
    other, _, _ = _import(SOURCE, tmp_path, "--id", "mlops-copy")
    assert other.guide.id == "mlops-copy"


def test_an_id_that_is_not_a_slug_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    """The id names the guide's file: `--id ../escaped` must not write outside content/."""
    project = tmp_path / "project"
    result = run_cli("import", SOURCE, "--project", project, "--id", "../escaped")
    assert result.code == 2 and "is not a usable id" in result.err and "Traceback" not in result.err
    assert not list(tmp_path.rglob("*.yaml")) and not list(tmp_path.rglob("*.json"))


def test_a_pipe_or_device_is_refused_not_read(tmp_path: Path) -> None:
    result = run_cli("import", "/dev/zero", "--project", tmp_path)
    assert result.code == 2 and "/dev/zero: cannot read: is a device" in result.err
    assert not (tmp_path / "content").exists()


def test_a_missing_document_is_an_error_without_a_traceback(tmp_path: Path) -> None:
    result = run_cli("import", tmp_path / "nothing.txt", "--project", tmp_path)
    assert result.code == 2 and "nothing.txt: cannot read" in result.err and "Traceback" not in result.err


def test_an_imported_guide_without_topics_shows_no_empty_topics(tmp_path: Path) -> None:
    import zipfile

    imported, target, _ = _import(SOURCE, tmp_path)
    result = run_cli("build", target, "--project", tmp_path, "--edition", "epub", "--quiet")
    assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "output" / f"{imported.guide.id}.epub") as book:
        pages = " ".join(book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml"))
    assert 'class="topics"' not in pages and imported.technical.questions[0].question in pages


@pytest.mark.parametrize(("name", "content", "said"), [
    ("guide.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 40, "ZIP archive"),
    ("guide.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "old Word"),
    ("guide.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(range(256)) * 20, "a PDF"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(500), "PNG image"),
    ("guide.txt", bytes(range(256)) * 4000, "not a text file"),  # any binary, 1 MB, with NUL bytes
    ("notes.md", b"# Q\n\n**What?**\n\n" + b"\x01\x02\x03\x04" * 300 + b"\n", "not a text file"),
    ("guide.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n\r\n"
                  b"------=_NextPart\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html=3D>\r\n",
     "single-file web page"),
], ids=["docx", "doc", "pdf", "png", "binary", "control bytes", "mht"])
def test_a_file_that_is_not_text_is_refused_before_anything_is_written(
        tmp_path: Path, name: str, content: bytes, said: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    project = tmp_path / "project"
    result = run_cli("import", source, "--project", project)
    assert result.code == 2 and said in result.err and "nothing written" in result.err, result.err
    assert "Traceback" not in result.err and len(result.err.splitlines()) == 1
    assert not project.exists()


def test_text_in_windows_encodings_with_page_breaks_is_not_taken_for_binary(tmp_path: Path) -> None:
    source = tmp_path / "word.txt"
    source.write_bytes("Interview\r\n\x0c1. What is a café?\r\nA place.\x0b\r\n".encode("cp1252"))
    guide, _target, _err = _import(source, tmp_path / "project")
    assert [q.question for q in guide.technical.questions] == ["What is a café?"]
    utf16 = tmp_path / "notepad.txt"
    utf16.write_text("1. What is UTF-16?\nA Windows encoding.\n", encoding="utf-16")
    guide, _target, _err = _import(utf16, tmp_path / "other")
    assert [q.question for q in guide.technical.questions] == ["What is UTF-16?"]


def test_import_never_writes_a_guide_its_loader_would_refuse(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A guide larger than a guide may be (here the limit made small, for speed: a 4.8 MB document
    of short questions makes an 11.9 MB guide against the real 5 MB) is refused with the way out,
    and neither the guide nor a temporary is left behind."""
    from guidegen.authoring.importing import import_file as module

    monkeypatch.setattr(module, "MAX_FILE_BYTES", 20_000)
    source = tmp_path / "long.md"
    text = "".join(f"## What is item {n}?\n\nIt is {n}.\n\n" for n in range(400))
    source.write_text(text, encoding="utf-8")
    project = tmp_path / "project"
    result = run_cli("import", source, "--project", project)
    assert result.code == 2 and "more than the 0.02 MB a guide may be" in result.err, result.err
    assert "split the document" in result.err and "nothing written" in result.err
    assert not list(project.rglob("*")) or not [p for p in project.rglob("*") if p.is_file()]
