"""`guidegen import` on question-and-answer documents as people write them: three public documents
by other authors (tests/fixtures/import/realworld/) and three of other shapes (a Word "Save as
text" export, a Notion/Google Docs Markdown export, a recruiter's guide with a table of stages).

Each is compared with its ground truth, written by hand from the document (<name>.truth.yaml):
every question found, in order, with its own answer and in its group; no word of the document lost
(placed, or kept whole in the comments that list what could not be placed); the summary line true;
and the guide it writes passes `guidegen check`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from guidegen.authoring.importing.source import decode
from guidegen.load import load_guide
from guidegen.model.guide import Guide
from guidegen.model.markdown import render_markdown
from guidegen.model.problems import display_name
from helpers import FIXTURES, run_cli
from helpers.fonts import need_fonts
from helpers.words import missing_words

IMPORT = FIXTURES / "import"


@dataclass(frozen=True)
class Document:
    path: Path
    unplaced: tuple[int, ...]  # the lines where what cannot be placed starts
    structure: tuple[str, ...] = ()  # lines the guide says by its own structure (a section's heading)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def truth(self) -> dict[str, Any]:
        return yaml.safe_load(self.path.with_name(f"{self.name}.truth.yaml").read_text(encoding="utf-8"))


DOCUMENTS = [
    # the table of contents is no part of the guide (the bullet list and the table are its introduction)
    Document(IMPORT / "realworld" / "ds-theory.md", (19,)),
    Document(IMPORT / "realworld" / "behavioural-common.md", ()),
    # the contents list, "Association Mining" (a topic with no question) and the navigation at the end
    Document(IMPORT / "realworld" / "ds-unsupervised-details.md", (5, 44, 1782)),
    Document(IMPORT / "word-export-sql.txt", ()),
    Document(IMPORT / "notion-export-python.md", (), ("## Behavioural",)),
    Document(IMPORT / "recruiter-data-engineer.md", (), (
        "## The interview process", "| Stage | Length | What happens | How to prepare |",
        "## Technical questions", "## Behavioural questions", "## Red flags", "## Useful links")),
]


@dataclass
class Imported:
    guide: Guide
    target: Path
    out: str
    err: str


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Imported]:
    """Each document imported once, into a project of its own."""
    found: dict[str, Imported] = {}
    for document in DOCUMENTS:
        project = tmp_path_factory.mktemp(document.name)
        result = run_cli("import", document.path, "--project", project, "--id", document.name)
        assert result.code == 0, result.err
        target = project / "content" / f"{document.name}.yaml"
        found[document.name] = Imported(load_guide(target, project=project), target, result.out, result.err)
    return found


def _ids(document: Document) -> str:
    return document.name


def _questions(guide: Guide, kind: str) -> list[tuple[Any, str | None]]:
    """(question, its group's title) of one kind, in order."""
    section = guide.technical if kind == "technical" else guide.behavioural
    return [*((question, None) for question in section.questions),
            *((question, group.title) for group in section.groups for question in group.questions)]


def _same(text: str) -> str:
    return " ".join(text.split())


def _answer_words(text: str | None, *, markdown: bool) -> list[str]:
    """An answer's words in order, as a reader sees them (Markdown rendered, its tags dropped)."""
    if text is None:
        return []
    if markdown:  # inline tags join what they mark (**M**ean is Mean); block tags part it
        rendered = re.sub(r"</?(?:strong|em|code|a)\b[^>]*>", "", str(render_markdown(text)))
        text = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    shown = text
    return [word.lower() for word in re.findall(r"[^\W_]+", shown.replace("*", "").replace("`", ""))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_every_question_is_found_with_its_own_answer(document: Document,
                                                     imported: dict[str, Imported]) -> None:
    truth, guide = document.truth, imported[document.name].guide
    for kind in ("technical", "behavioural"):
        default = truth.get("kind", "technical")
        expected = [item for item in truth["items"] if item.get("kind", default) == kind]
        found = _questions(guide, kind)
        asked_all = [_same(question.question) for question, _ in found]
        wanted = [_same(item.get("plain", item["question"])) for item in expected]
        first = next((index for index, (asked, want) in enumerate(zip(asked_all, wanted, strict=False))
                      if not asked.startswith(want)), min(len(asked_all), len(wanted)))
        assert asked_all[first:first + 1] == wanted[first:first + 1] and len(asked_all) == len(wanted), (
            f"{kind} question {first + 1} of {len(wanted)}")
        for (question, group), item in zip(found, expected, strict=True):
            asked = _same(question.question)
            at = 0
            for part in item.get("parts", []):  # a question continued in a list keeps it, in order
                at = asked.find(_same(part), at)
                assert at >= 0, (part, asked)
            assert (group and _same(group)) == (item["group"] and _same(item["group"])), asked
            reveal = question.answer if kind == "technical" else question.shows
            if item["answer"] is None:
                assert reveal is None, asked  # a placeholder, read as no answer
                continue
            want = [word.lower() for word in re.findall(r"[^\W_]+", item["answer"].replace("*", ""))]
            got = _answer_words(reveal, markdown=kind == "technical")
            assert got[:len(want)] == want, (asked, reveal)


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_groups_are_the_documents_topics(document: Document, imported: dict[str, Imported]) -> None:
    guide = imported[document.name].guide
    titles = [group.title for group in [*guide.technical.groups, *guide.behavioural.groups]]
    assert [_same(title) for title in titles] == [_same(title) for title in document.truth["groups"]]


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_no_word_of_the_document_is_lost(document: Document, imported: dict[str, Imported]) -> None:
    """Every word outside markup is in the guide: in a field, or in the comments that keep what
    could not be placed, whole."""
    source = decode(document.path.read_bytes())
    for line in document.structure:
        assert line in source.split("\n")
        source = source.replace(line, "")
    written = imported[document.name].target.read_text(encoding="utf-8")
    assert missing_words(source, written) == {}


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_what_cannot_be_placed_is_listed_and_kept_whole(document: Document,
                                                        imported: dict[str, Imported]) -> None:
    result = imported[document.name]
    listed = re.findall(rf"^{re.escape(display_name(document.path))}:(\d+): (.+)$", result.err, re.MULTILINE)
    assert tuple(int(line) for line, _ in listed) == document.unplaced
    written = result.target.read_text(encoding="utf-8")
    lines = decode(document.path.read_bytes()).split("\n")
    for line, message in listed:
        assert f"# line {line}: {message}" in written
        assert f"#   | {lines[int(line) - 1].rstrip()}".rstrip() in written  # the block, from its start


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_the_summary_says_what_was_found(document: Document, imported: dict[str, Imported]) -> None:
    truth, result = document.truth, imported[document.name]
    with_answers, questions = truth["with_answers"], truth["questions"]
    groups = len(truth["groups"])
    more = [f"{len(truth['stages'])} stages"] if truth.get("stages") else []
    more += [f"{truth['red_flags']} red flags"] if truth.get("red_flags") else []
    more += [f"{truth['resources']} resource{'s' if truth['resources'] != 1 else ''}"] if truth.get(
        "resources") else []
    unplaced = len(document.unplaced)
    expected = (f"wrote {display_name(result.target)}: {questions} questions ({with_answers} with answers, "
                f"{questions - with_answers} without), {groups} group{'s' if groups != 1 else ''}, "
                + "".join(f"{part}, " for part in more)
                + f"{unplaced} unplaced block{'s' if unplaced != 1 else ''}")
    assert result.out.splitlines()[0] == expected


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_the_title_and_the_rest_of_the_guide(document: Document, imported: dict[str, Imported]) -> None:
    truth, guide = document.truth, imported[document.name].guide
    if "title" in truth:
        assert guide.guide.title == truth["title"]
    assert [stage.model_dump(exclude_none=True) for stage in guide.stages] == truth.get("stages", [])
    assert len(guide.red_flags) == truth.get("red_flags", 0)
    assert len(guide.resources) == truth.get("resources", 0)
    written = imported[document.name].target.read_text(encoding="utf-8")
    assert 'author: "TODO: who wrote the guide"' in written  # what only a person can say: a placeholder


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_the_imported_guide_passes_check(document: Document, imported: dict[str, Imported]) -> None:
    need_fonts("emoji")  # one document asks with emoji: its guide prints them, never a box
    result = imported[document.name]
    checked = run_cli("check", result.target, "--project", result.target.parent.parent)
    assert checked.code == 0, checked.err


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_the_imported_guide_builds_every_edition(document: Document, imported: dict[str, Imported]) -> None:
    need_fonts("emoji")
    result = imported[document.name]
    project = result.target.parent.parent
    built = run_cli("build", result.target, "--project", project, "--quiet", "--jobs", "1")
    assert built.code == 0, built.err
