"""`guidegen import` on the shapes a question and its answer take, one small document each, and on
input made to be slow: every way of writing a question is read as one, what is opaque (code, HTML)
stays opaque, plain text keeps what is literal in it, encodings are told apart, and documents made
to be slow (a 3 KB heading, 100 KB of brackets) import whole. How fast: benchmarks/run.py."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from guidegen.authoring.importing.import_file import ImportFailed, import_file
from guidegen.authoring.importing.inline import answer_markdown, plain
from guidegen.load import load_guide
from guidegen.model.guide import Guide
from helpers import run_cli

SHAPES = """\
# Shapes

## Headings

#### 1) What is a heading question?
Its answer is on the next line.

### Q: What is a labelled heading?

The answer follows in its own paragraph.

#### Question-3:
What does a label alone leave for the next line?

The question itself, and this is the answer.

## Bold

**Q1. What is a bold labelled question?** Its answer is on the same line.

**What is a bold question without a label?**

Answer: the answer after a label.

**Q: Tell me about a time you changed your mind.**
A: It shows you listen.

## Lists

1. What is a numbered question?
   Its answer is inside the item.
2. What is the second numbered question?

   Ans: with a label.

## Details

<details>
<summary>What is a question in a summary?</summary>

Its answer is inside the details.

</details>

## Plain

Q: What is a question on one line? A: And its answer after it.
"""


def _import(tmp_path: Path, name: str, content: str | bytes, *args: str) -> tuple[Guide, Path, str]:
    source = tmp_path / name
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    project = tmp_path / "project"
    result = run_cli("import", source, "--project", project, *args)
    assert result.code == 0, result.err
    target = next((project / "content").glob("*.yaml"))
    return load_guide(target, project=project), target, result.out + result.err


def _every(guide: Guide) -> list[tuple[str, str | None, str | None]]:
    """(question, answer or what it shows, group) of every question, technical then behavioural."""
    found = []
    for section, reveal in ((guide.technical, "answer"), (guide.behavioural, "shows")):
        found += [(q.question, getattr(q, reveal), None) for q in section.questions]
        found += [(q.question, getattr(q, reveal), g.title) for g in section.groups for q in g.questions]
    return found


def test_every_shape_of_question_and_answer(tmp_path: Path) -> None:
    guide, _, _ = _import(tmp_path, "shapes.md", SHAPES)
    assert [(question, (reveal or "").strip(), group) for question, reveal, group in _every(guide)] == [
        ("What is a heading question?", "Its answer is on the next line.", "Headings"),
        ("What is a labelled heading?", "The answer follows in its own paragraph.", "Headings"),
        ("What does a label alone leave for the next line?", "The question itself, and this is the answer.",
         "Headings"),
        ("What is a bold labelled question?", "Its answer is on the same line.", "Bold"),
        ("What is a bold question without a label?", "the answer after a label.", "Bold"),
        ("What is a numbered question?", "Its answer is inside the item.", "Lists"),
        ("What is the second numbered question?", "with a label.", "Lists"),
        ("What is a question in a summary?", "Its answer is inside the details.", "Details"),
        ("What is a question on one line?", "And its answer after it.", "Plain"),
        # behavioural by its wording, in a group of the same title
        ("Tell me about a time you changed your mind.", "It shows you listen.", "Bold"),
    ]


def test_a_document_of_questions_alone_is_a_guide_of_technical_questions(tmp_path: Path) -> None:
    guide, _, out = _import(tmp_path, "bare.md", "What is a join?\n\nWhat is an index?\n\nA sorted copy "
                                                 "of some columns.\n")
    assert [(q, a) for q, a, _ in _every(guide)] == [("What is a join?", None),
                                                    ("What is an index?", "A sorted copy of some columns.\n")]
    assert guide.guide.title == "bare" and guide.technical.questions  # no title: the file's name
    assert "2 questions (1 with answers, 1 without), 0 groups, 0 unplaced blocks" in out


def test_code_and_html_are_opaque_and_html_becomes_markdown(tmp_path: Path) -> None:
    document = (
        "# Opaque\n\n## Interview process\n\n```yaml\n# not a heading\nstages:\n  - build\n```\n\n"
        "**What does this YAML hold?**\n\n```yaml\n# still not a heading\ntechnical:\n"
        "  - **Q: not a question**\n"
        "```\n\nA list called stages.\n\n"
        "**What is in this table?**\n\n<table><tr><th>Name</th><th>Role</th></tr>"
        "<tr><td><b>Ada</b></td><td>Engineer<br>Lead</td></tr></table>\n\n"
        "**What does <i>this</i> say?**\n\nIt says <b>this</b>,<br>on two lines, with "
        "<img src=\"img/x.png\" alt=\"a picture\"> and ![a diagram](https://example.org/d.png).\n")
    guide, target, out = _import(tmp_path, "opaque.md", document)
    questions = _every(guide)
    assert [question for question, _, _ in questions] == [
        "What does this YAML hold?", "What is in this table?", "What does this say?"]
    assert "# still not a heading\ntechnical:\n  - **Q: not a question**" in questions[0][1]  # type: ignore[operator]
    assert questions[1][1] == "| Name | Role |\n|---|---|\n| **Ada** | Engineer Lead |\n"
    assert questions[2][1] == ("It says **this**,\\\non two lines, with a picture (img/x.png) and "
                               "[a diagram](https://example.org/d.png).\n")
    assert guide.stages == []  # a code block under the process heading is no stage: it is kept, unplaced
    assert "opaque.md:5: text before the first stage" in out and "#   | stages:" in target.read_text()


def test_plain_text_keeps_what_is_literal_and_the_addresses(tmp_path: Path) -> None:
    document = ("# Literal\n\n**What does `SELECT COUNT(*)` return, and `__init__` (see [the docs]"
                "(https://docs.python.org) and ![a diagram](img/d.png)), with 2 * 3 * 4 and snake_case?**\n\n"
                "Nothing more.\n")
    guide, _, _ = _import(tmp_path, "literal.md", document)
    assert _every(guide)[0][0] == ("What does SELECT COUNT(*) return, and __init__ (see the docs "
                                   "(https://docs.python.org) and a diagram (img/d.png)), with 2 * 3 * 4 and "
                                   "snake_case?")


def test_plain_text_and_markdown_readers_agree_on_emphasis() -> None:
    assert plain("**bold** and *it* and _it_ and snake_case_name and a*b*c and `x*` and `__init__`") == \
        "bold and it and it and snake_case_name and abc and x* and __init__"
    assert plain("[a [nested] link](https://x.org) and [a label] and \\*not\\*") == \
        "a [nested] link (https://x.org) and [a label] and *not*"
    assert answer_markdown("[rel](./README.md) ![i](https://x.org/i.png) [ok](https://x.org)") == \
        "rel (./README.md) [i](https://x.org/i.png) [ok](https://x.org)"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_and_line_ends_are_read(tmp_path: Path, encoding: str) -> None:
    text = "Café questions – spring\r\n\r\nQ: What is a “join”?\r\nA: Rows matched across tables…\r\n"
    raw = text.encode(encoding)
    if encoding == "utf-16":
        assert raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    guide, _, _ = _import(tmp_path, "legacy.txt", raw)
    assert guide.guide.title == "Café questions – spring"
    assert _every(guide) == [("What is a “join”?", "Rows matched across tables…\n", None)]


def test_a_document_without_questions_is_refused_and_nothing_written(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text("# Notes\n\nSome thoughts, but nothing asked.\n", encoding="utf-8")
    result = run_cli("import", source, "--project", tmp_path / "project")
    assert result.code == 2 and "found no question" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "project" / "content").exists() or not list((tmp_path / "project").rglob("*.yaml"))


# ---- input made to be slow


@pytest.mark.parametrize("name, content", [
    ("heading.md", "# " + "a title [with (links " * 150 + "\n\n### " + "*a_b* " * 500 + "?\n\nAn answer.\n"),
    ("brackets.md", "# Brackets\n\n**What is in the answer?**\n\n" + "[[" * 50_000 + "\n"),
    ("tags.md", "# Tags\n\n**Q: What?**\n\n" + "<a b=\"" * 10_000 + "\n\n" + "<!--" * 10_000 + "\n"),
    ("page.html", "<html><body><h2>What?</h2>\n<p>" + "<a b=\"" * 10_000 + "</p>\n<p>" + "<!--" * 10_000
     + "</p></body></html>\n"),
], ids=["3 KB heading", "100 KB of brackets", "open tags and comments", "a web page of them"])
def test_documents_made_to_be_slow_import_whole(tmp_path: Path, name: str, content: str) -> None:
    """Input that makes a backtracking reader take minutes imports (how fast: benchmarks/run.py),
    with its one question and every mark of its answer kept."""
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    import_file(source, project=tmp_path / "project", output=None, guide_id=None)
    [guide_file] = (tmp_path / "project" / "content").glob("*.yaml")
    [(question, answer, _group)] = _every(load_guide(guide_file, project=tmp_path / "project"))
    assert question.endswith("?")
    kept = answer.replace("\\", "") if answer else ""  # Markdown's escapes, as the reader sees it
    assert {"heading.md": kept == "An answer.\n", "brackets.md": kept.count("[") == 100_000,
            "tags.md": kept.count('<a b="') == kept.count("<!--") == 10_000,
            "page.html": kept.count('<a b="') == kept.count("<!--") == 10_000}[name], answer


def test_the_inline_reader_keeps_every_mark_it_cannot_pair() -> None:
    """Unpaired marks, 100 KB of each, come through as text (a linear reader: how fast, the benchmark
    says); the character after them is still there."""
    for text in ("[" * 100_000, "](" * 50_000, "![" * 50_000, "`" * 100_000, "*_" * 50_000,
                 "<a " * 30_000, "<!--" * 25_000, "&" * 100_000, "\\" * 100_000, "[a](" * 25_000):
        assert plain(text + "x").endswith("x"), text[:8]
        assert answer_markdown(text + "x").rstrip().endswith("x"), text[:8]


def test_front_matter_numbered_headings_and_a_table_of_questions(tmp_path: Path) -> None:
    document = ("---\ntitle: \"Java Interview Questions\"\ntags: [java]\n---\n\n## 1. Core Java\n\n"
                "### 1.1 What is the JVM?\nThe JVM runs bytecode on any platform.\n\n"
                "### 1.2 Explain the difference between the JDK and the JRE\nThe JDK adds the compiler.\n\n"
                "## 2. Quick quiz\n\n| # | Question | Answer | Level |\n|---|---|---|---|\n"
                "| 1 | Is `String` mutable? | No: a change makes a new one.<br>Always. | easy |\n"
                "| 2 | What does `final` mean on a class? | It cannot be subclassed. | |\n")
    guide, target, out = _import(tmp_path, "java.md", document)
    assert guide.guide.title == "Java Interview Questions"  # the front matter's, with no `#` title
    assert [(question, reveal, group) for question, reveal, group in _every(guide)] == [
        ("What is the JVM?", "The JVM runs bytecode on any platform.\n", "1. Core Java"),
        ("Explain the difference between the JDK and the JRE", "The JDK adds the compiler.\n",
         "1. Core Java"),
        ("Is String mutable?", "No: a change makes a new one.\\\nAlways.\n\nLevel: easy\n", "2. Quick quiz"),
        ("What does final mean on a class?", "It cannot be subclassed.\n", "2. Quick quiz")]
    assert "java.md:1: front matter" in out and "#   | tags: [java]" in target.read_text()


def test_question_and_answer_labels_in_plain_text(tmp_path: Path) -> None:
    document = ("Interview questions for nurses\n\nQuestion: How do you handle a difficult patient?\n"
                "Answer: I stay calm and listen first.\n\nQuestion: Why did you choose nursing?\n"
                "Answer: Because the work matters the same day.\n\nQuestion: What is triage?\n"
                "Ans. Sorting patients by how urgently they need care.\n")
    guide, _, _ = _import(tmp_path, "nurses.txt", document)
    assert guide.guide.title == "Interview questions for nurses"
    assert [q.question for q in guide.behavioural.questions] == [
        "How do you handle a difficult patient?", "Why did you choose nursing?"]  # by their wording
    assert [(q.question, q.answer) for q in guide.technical.questions] == [
        ("What is triage?", "Sorting patients by how urgently they need care.\n")]


#: Pieces of documents as people write them, joined at random below: every mixture imports (or is
#: refused for holding no question), loads, and loses no word. Section headings and labels are the
#: guide's structure, not its words.
FRAGMENTS = [
    "# Title here", "## Topic A", "### Sub topic", "**What is X?**", "**Q1. What is Y?** Because.",
    "Q: Why? A: Since.", "Answer: yes it is", "1. What is a list item?\n2. Another item?",
    "- bullet one\n- bullet two", "```python\n# c\nstages:\n```", "Tell me about a time you failed.",
    "<details><summary>Show answer</summary>\n\nhidden answer\n\n</details>",
    "<details>\n<summary>What is hidden?</summary>\n\nthe reveal\n\n</details>",
    "Plain paragraph with *emphasis* and `code*` and [link](http://x.y) and ![img](a.png).",
    "| a | b |\n|---|---|\n| 1 | 2 |", "> quoted text", "---", "<br/>",
    "<table><tr><td>cell</td></tr></table>",
    "## Red flags\n\n- **Bad** — very bad", "## Resources\n\n- [Doc](https://d.org) — docs",
    "#### Question-3:", "What follows?", "Some text [[ unclosed", "<!-- a comment -->", "Term\n: definition",
    "    indented code", "**Advantages**", "1) Numbered?", "Ans: short", "What it shows: courage",
    "\\*escaped\\*", "&amp; entity", "<img src=\"x.png\" alt=\"pic\">",
    "## Behavioural\n\n**Q: Describe a conflict.**",
    "Emoji only 👶", "A line with trailing spaces  \nnext", "ümlaut Straße café",
]
STRUCTURE = {"## Red flags", "## Resources", "## Behavioural"}


def test_any_mixture_of_shapes_imports_loads_and_loses_no_word(tmp_path: Path) -> None:
    import random

    from helpers.words import missing_words

    chance = random.Random(20260101)
    for number in range(80):
        document = "\n\n".join(chance.choice(FRAGMENTS) for _ in range(chance.randint(1, 12))) + "\n"
        source = tmp_path / f"mixture{number}.md"
        source.write_text(document, encoding="utf-8")
        try:
            report = import_file(source, project=tmp_path / f"p{number}", output=None, guide_id=f"m{number}")
        except ImportFailed as refused:
            assert "found no question" in str(refused), document
            continue
        load_guide(report.target, project=tmp_path / f"p{number}")  # loads (import writes no other)
        words = "\n".join(line for line in document.split("\n") if line not in STRUCTURE)
        assert missing_words(words, report.target.read_text(encoding="utf-8")) == {}, document


# ---- shapes met in documents by other authors (each expectation written by hand)

#: (the document, every (question, the start of its answer or what it shows, its group) in order)
MORE_SHAPES = {
    # a heading inside each list item, as the most-starred interview repositories write them
    "heading-in-list-item.md": (
        "# React\n\n1. ### What is React?\n\n    React is a library.\n\n"
        "2. ### What is JSX?\n\n    JSX is a syntax extension.\n",
        [("What is React?", "React is a library.", None),
         ("What is JSX?", "JSX is a syntax extension.", None)]),
    # numbered summaries, one of them a prompt
    "details-numbered.md": (
        "# JS\n\n<details>\n<summary>1. What is a closure?</summary>\n\nA function with its scope.\n"
        "</details>\n\n<details>\n<summary>2. Explain the event loop.</summary>\n\nIt runs tasks.\n"
        "</details>\n",
        [("What is a closure?", "A function with its scope.", None),
         ("Explain the event loop.", "It runs tasks.", None)]),
    # "## Question N" over the question's statement (a task, no question mark), then "**Answer**"
    "question-n.md": (
        "# Coding practice\n\n## Question 1\n\nGiven an array, return the indices of two numbers that add "
        "up to a target.\n\n**Answer**\n\nUse a hash map.\n\n## Question 2\n\nReverse a singly linked list."
        "\n\n**Answer**\n\nWalk it once, turning each pointer back.\n",
        [("Given an array, return the indices of two numbers that add up to a target.", "Use a hash map.",
          None), ("Reverse a singly linked list.", "Walk it once, turning each pointer back.", None)]),
    # numbered headings: one a noun phrase, one after an emoji, one a prompt
    "numbered-headings.md": (
        "# OS\n\n## 1. What is a process?\n\nA running program.\n\n"
        "## 2. Difference between paging and segmentation\n\nFixed pages against variable segments.\n\n"
        "## 🧵 3. Explain load average.\n\nRunnable tasks over 1, 5 and 15 minutes.\n",
        [("What is a process?", "A running program.", None),
         ("Difference between paging and segmentation", "Fixed pages against variable segments.", None),
         ("Explain load average.", "Runnable tasks over 1, 5 and 15 minutes.", None)]),
    # labels and prompts in other languages, Chinese numbering with "、"
    "labels-elsewhere.md": (
        "# Entrevistas\n\n**¿Qué es un HashMap?**\n\nUna tabla de dispersión.\n\n"
        "**Pregunta:** ¿Qué es la inyección de dependencias?\n\n**Respuesta:** Un patrón de diseño.\n\n"
        "**Frage:** Erklären Sie die Garbage Collection.\n\n**Antwort:** Sie gibt Speicher frei.\n\n"
        "**Вопрос:** Что такое индекс?\n\n**Ответ:** Структура для быстрого поиска.\n\n"
        "**问：** 什么是闭包？\n\n**答：** 函数和其词法环境的组合。\n",
        [("¿Qué es un HashMap?", "Una tabla de dispersión.", None),
         ("¿Qué es la inyección de dependencias?", "Un patrón de diseño.", None),
         ("Erklären Sie die Garbage Collection.", "Sie gibt Speicher frei.", None),
         ("Что такое индекс?", "Структура для быстрого поиска.", None),
         ("什么是闭包？", "函数和其词法环境的组合。", None)]),
    # a question in brackets inside an answer's bullet asks nothing
    "bullets-asking-aside.md": (
        "# Networks\n\n- **How would you troubleshoot a user who cannot reach the internet?**\n\n"
        "Work up the stack:\n\n- link light and IP address (DHCP lease?);\n- ping the default gateway;\n\n"
        "- **What does traceroute show?**\n\nEach hop on the way.\n",
        [("How would you troubleshoot a user who cannot reach the internet?", "Work up the stack:\n\n- link "
          "light and IP address (DHCP lease?);", None),
         ("What does traceroute show?", "Each hop on the way.", None)]),
    # coding tasks, labels with a hash, a difficulty in words after the question
    "labelled-tasks.md": (
        "# Practice\n\n**Problem 1:** Given an array, return the two numbers that add up to a target.\n\n"
        "**Solution:** Use a hash map.\n\n### Interview question #2: What is a heap? [Easy]\n\n"
        "A tree where each parent is smaller than its children.\n\n#### Q.3 Explain quicksort. (Medium)\n\n"
        "Partition around a pivot, then sort each side.\n",
        [("Given an array, return the two numbers that add up to a target.", "Use a hash map.", None),
         ("What is a heap?", "A tree where each parent is smaller than its children.", None),
         ("Explain quicksort.", "Partition around a pivot, then sort each side.", None)]),
    "prompts-elsewhere.md": (
        "# Entretiens\n\n## Les bases\n\n### 1. Qu'est-ce qu'une classe ?\n\nUn modèle d'objets.\n\n"
        "### 2. Expliquez le principe de l'encapsulation.\n\nCacher l'état derrière des méthodes.\n\n"
        "## 前端\n\n### 3、简述事件循环机制\n\n同步任务先执行。\n",
        [("Qu'est-ce qu'une classe ?", "Un modèle d'objets.", "Les bases"),
         ("Expliquez le principe de l'encapsulation.", "Cacher l'état derrière des méthodes.", "Les bases"),
         ("简述事件循环机制", "同步任务先执行。", "前端")]),
}


@pytest.mark.parametrize("name", MORE_SHAPES)
def test_shapes_other_authors_use(tmp_path: Path, name: str) -> None:
    document, expected = MORE_SHAPES[name]
    guide, _, out = _import(tmp_path, name, document)
    found = [(question, (reveal or "").strip()[:len(start)], group)
             for (question, reveal, group), (_, start, _) in zip(_every(guide), expected, strict=False)]
    assert found == expected
    assert len(_every(guide)) == len(expected)
    assert "0 unplaced blocks" in out
    assert "\n  " not in "".join(reveal or "" for _, reveal, _ in _every(guide))  # no indentation kept


def test_a_question_is_behavioural_by_what_it_asks_about(tmp_path: Path) -> None:
    guide, _, _ = _import(tmp_path, "mixed.md", (
        "# Prep\n\n**How do you handle missing values?**\n\nImpute them, or drop the rows.\n\n"
        "**How do you handle conflict in a team?**\n\nIt shows you listen first.\n"))
    assert [q.question for q in guide.technical.questions] == ["How do you handle missing values?"]
    assert [q.question for q in guide.behavioural.questions] == ["How do you handle conflict in a team?"]


def test_a_plain_text_answer_keeps_its_bullets_and_labelled_lines(tmp_path: Path) -> None:
    """A Word export writes a paragraph's bullets and a STAR answer's steps on its next lines."""
    guide, _, _ = _import(tmp_path, "word.txt", (
        "SQL prep\r\n\r\nWhat is an index?\r\nA sorted structure that speeds up lookups.\r\n"
        "Note: it slows down writes,\r\nand this line goes on with the note.\r\n"
        "•\tB-tree indexes suit ranges\r\n•\tHash indexes suit equality\r\n\r\n"
        "What is a join?\r\nIt combines rows.\r\n").encode("cp1252"))
    assert [(q, a) for q, a, _ in _every(guide)] == [
        ("What is an index?", "A sorted structure that speeds up lookups.\n\n"
                              "Note: it slows down writes, and this line goes on with the note.\n\n"
                              "- B-tree indexes suit ranges\n- Hash indexes suit equality\n"),
        ("What is a join?", "It combines rows.\n")]


def test_a_heading_as_high_as_the_questions_holds_none_of_them(tmp_path: Path) -> None:
    """A table of contents under a `##` heading, then `##` questions: the heading is the contents',
    not a group of the questions."""
    guide, target, out = _import(tmp_path, "toc.md", (
        "# Top 5\n\nIntro text here.\n\n## Table of contents\n\n- [Pods](#pods)\n- [Services](#services)\n\n"
        "## 1. What is a Pod?\n\nA unit.\n\n## 2. What is a Service?\n\nA name.\n"))
    assert [(q, a, g) for q, a, g in _every(guide)] == [("What is a Pod?", "A unit.\n", None),
                                                     ("What is a Service?", "A name.\n", None)]
    assert "toc.md:5: a table of contents ('## Table of contents', 4 lines)" in out
    assert "#   | ## Table of contents" in target.read_text(encoding="utf-8")


def test_headings_that_name_a_term_are_questions_in_the_form_of_the_documents_questions(
        tmp_path: Path) -> None:
    guide, _, out = _import(tmp_path, "cpp.md", (
        "# C++ interview questions\n\n## Pointers vs references\n\nA reference cannot be reseated.\n\n"
        "## Virtual destructor\n\nNeeded to delete through a base pointer.\n\n"
        "## What is a vtable?\n\nA table of function pointers.\n\n## RAII\n\nA resource lives as long as "
        "its object.\n\n## What does std::move do?\n\nIt casts to an rvalue reference.\n\n"
        "## About the author\n\nJo writes C++.\n"))
    assert [(q, (a or "").strip()) for q, a, _ in _every(guide)] == [
        ("Pointers vs references", "A reference cannot be reseated."),
        ("Virtual destructor", "Needed to delete through a base pointer."),
        ("What is a vtable?", "A table of function pointers."),
        ("RAII", "A resource lives as long as its object."),
        ("What does std::move do?", "It casts to an rvalue reference.")]
    assert "cpp.md:23: a heading with no question under it ('## About the author', 3 lines)" in out


def test_a_glossary_of_headings_is_a_guide_of_its_terms(tmp_path: Path) -> None:
    guide, _, _ = _import(tmp_path, "js.md", (
        "# JavaScript concepts\n\nWhat to know before a front-end interview.\n\n## Closures\n\nA function "
        "with the scope it was made in.\n\n## Hoisting\n\nDeclarations move to the top of their scope.\n\n"
        "## Event loop\n\nIt runs queued tasks when the stack is empty.\n"))
    assert [q for q, _, _ in _every(guide)] == ["Closures", "Hoisting", "Event loop"]
    assert guide.introduction == "What to know before a front-end interview."


def test_topic_headings_with_text_of_their_own_stay_topics_of_bold_questions(tmp_path: Path) -> None:
    guide, _, _ = _import(tmp_path, "topics.md", (
        "# Prep\n\n## SQL\n\nThese cover joins.\n\n**What is a join?**\n\nIt combines rows.\n\n"
        "**What is an index?**\n\nA sorted copy.\n\n## Python\n\nThese cover the language.\n\n"
        "**What is a generator?**\n\nA lazy iterator.\n"))
    assert [(q, g) for q, _, g in _every(guide)] == [
        ("What is a join?", "SQL"), ("What is an index?", "SQL"), ("What is a generator?", "Python")]


def test_answers_after_an_arrow_as_a_chat_writes_them(tmp_path: Path) -> None:
    guide, _, _ = _import(tmp_path, "chat.txt", (
        "QA interview questions\n\nQ1) What is the test pyramid?\n"
        "-> Many unit tests, few end-to-end tests.\n\nQ2) What is a flaky test?\n"
        "→ One that passes and fails on the same code.\n"))
    assert [(q, a) for q, a, _ in _every(guide)] == [
        ("What is the test pyramid?", "Many unit tests, few end-to-end tests.\n"),
        ("What is a flaky test?", "One that passes and fails on the same code.\n")]


def test_a_table_of_contents_titled_by_a_bold_line_goes_with_its_title(tmp_path: Path) -> None:
    guide, _, out = _import(tmp_path, "post.md", (
        "# React questions\n\nThe ones that came up most.\n\n**Table of contents**\n\n- [Keys](#keys)\n"
        "- [State](#state)\n\n## Why do lists need keys?\n\nTo match items.\n\n"
        "## What is state?\n\nData a component owns.\n"))
    assert guide.introduction == "The ones that came up most."
    assert [q for q, _, _ in _every(guide)] == ["Why do lists need keys?", "What is state?"]
    assert "post.md:5: a table of contents ('**Table of contents**', 4 lines)" in out
