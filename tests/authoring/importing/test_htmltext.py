"""`guidegen import` of a web page (htmltext.page_markdown): a document Word or Google Docs saved as
HTML, and a blog post a browser saved, read for what the page shows. Each expectation is written by
hand from the page (tests/fixtures/import/pages/)."""

from __future__ import annotations

from pathlib import Path

from guidegen.authoring.importing.htmltext import page_markdown
from guidegen.load import load_guide
from guidegen.model.guide import Guide
from helpers import FIXTURES, run_cli

PAGES = FIXTURES / "import" / "pages"


def _imported(tmp_path: Path, name: str) -> tuple[Guide, str, str]:
    project = tmp_path / "project"
    result = run_cli("import", PAGES / name, "--project", project)
    assert result.code == 0, result.err
    target = next((project / "content").glob("*.yaml"))
    return load_guide(target, project=project), target.read_text(encoding="utf-8"), result.out + result.err


def test_a_word_web_page_in_windows_1252(tmp_path: Path) -> None:
    guide, written, _ = _imported(tmp_path, "word.htm")
    assert guide.guide.title == "Data Analyst Interview Prep"  # Word's Title paragraph
    assert [(group.title, [q.question for q in group.questions]) for group in guide.technical.groups] == [
        ("SQL", ["What is the difference between WHERE and HAVING?", "What is a window function?"])]
    first = guide.technical.groups[0].questions[0].answer
    assert first == ("WHERE filters rows before grouping; HAVING filters groups after aggregation – the "
                     "“groups”.\n\n- WHERE works on columns\n- HAVING works on aggregates\n")
    assert [q.question for q in guide.behavioural.questions] == [
        "Tell me about a time you found an error in a report."]
    assert "o:p" not in written and "supportLists" not in written and "·" not in written


def test_a_google_docs_web_page(tmp_path: Path) -> None:
    guide, _, _ = _imported(tmp_path, "gdocs.html")
    assert guide.guide.title == "Frontend interview questions" and guide.guide.subtitle is None
    assert [(group.title, [q.question for q in group.questions]) for group in guide.technical.groups] == [
        ("JavaScript", ["What is a closure?", "What does === compare?"]),
        ("CSS", ["Explain the box model.", "What is specificity?"])]
    assert guide.technical.groups[0].questions[1].answer == (
        "Value and type, with no coercion:\n\n- 1 === \"1\" is false\n- null === undefined is false\n")


def test_a_saved_blog_post_leaves_the_site_out_and_names_the_pages_lines(tmp_path: Path) -> None:
    guide, written, out = _imported(tmp_path, "blog.html")
    assert guide.guide.title == "Top 5 Kubernetes Interview Questions"
    assert [q.question for q in guide.technical.questions] == [
        "What is a Pod?", "How does a Service find its Pods?",
        "What is the difference between a Deployment and a StatefulSet?", "What happens when a node fails?",
        "How do you roll back a bad release?"]
    assert guide.technical.questions[1].answer.endswith("```\nselector:\n  app: web\n```\n")
    assert guide.technical.questions[4].answer == (
        "`kubectl rollout undo deployment/web` returns to the previous ReplicaSet.\n")
    for site in ("Home", "About", "All rights reserved", "dataLayer", "track()"):  # nav, footer, scripts
        assert site not in written
    # the contents, at the page's own line, with its heading
    assert "blog.html:15: a table of contents ('## Table of contents', 4 lines)" in out


def test_each_line_of_a_page_s_markdown_names_the_page_s_line() -> None:
    page = ("<html>\n<head><title>T</title></head>\n<body>\n<h1>Title</h1>\n<p>One\nparagraph</p>\n"
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre>x\ny</pre>\n</body>\n</html>\n")
    markdown, lines = page_markdown(page)
    assert markdown.split("\n") == ["# Title", "", "One paragraph", "", "- a", "- b", "", "```", "x", "y",
                                    "```"]
    assert lines == [4, 5, 5, 8, 8, 9, 11, 11, 11, 11, 11]  # a blank line: the next block's
