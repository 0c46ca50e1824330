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


SITE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>React questions | DevNotes</title></head>
<body>
<div id="cookie-notice"><span>We use cookies to give you the best experience.</span><a href="#">Ok</a></div>
<header><p class="site-title"><a href="/">DevNotes</a></p></header>
<main><article>
<h1>React Interview Questions</h1>
<p class="byline">Posted on 3 March 2024 by Sam</p>
<p>The questions that came up most.</p>
<ul><li><a href="#q1">What is the virtual DOM?</a></li><li><a href="#q2">Why do lists need keys?</a></li></ul>
<h2 id="q1">What is the virtual DOM?</h2>
<p>An in-memory tree that React compares with the last one.</p>
<div class="ad"><p>Advertisement</p></div>
<h2 id="q2">Why do lists need <b>keys</b>?</h2>
<div class="expand-control"><span>Show answer</span></div>
<p>To match items between renders; see <a href="https://www.google.com/url?q=https://react.dev/learn&amp;sa=D">the
docs</a>.</p>
<div class="share-buttons"><p>Share this:</p><a href="https://x.com/share">Post</a></div>
</article></main>
<aside><h2>Recent posts</h2><ul><li><a href="/p/1">Why should you learn TypeScript?</a></li></ul></aside>
<footer><p>© 2024 DevNotes.</p></footer>
</body></html>
"""


def test_a_page_is_its_main_text_without_the_sites_furniture(tmp_path: Path) -> None:
    page = tmp_path / "react.html"
    page.write_text(SITE_PAGE, encoding="utf-8")
    project = tmp_path / "project"
    result = run_cli("import", page, "--project", project)
    assert result.code == 0, result.err
    target = next((project / "content").glob("*.yaml"))
    guide, written = load_guide(target, project=project), target.read_text(encoding="utf-8")
    assert guide.guide.title == "React Interview Questions"
    assert guide.introduction == "The questions that came up most."
    assert [(q.question, q.answer) for q in guide.technical.questions] == [
        ("What is the virtual DOM?", "An in-memory tree that React compares with the last one.\n"),
        # Google's redirect taken off the link; the "Show answer" control left out
        ("Why do lists need keys?", "To match items between renders; see [the docs](https://react.dev/learn).\n")]
    for furniture in ("cookies", "DevNotes (/)", "Posted on", "Advertisement", "Share this", "Recent posts",
                      "TypeScript", "©", "Show answer"):
        assert furniture not in written, furniture


def test_word_s_split_runs_of_bold_are_one(tmp_path: Path) -> None:
    page = tmp_path / "word.htm"
    page.write_bytes(b"<html><body><h1>Prep</h1>\r\n<p class=MsoNormal><b><span>What happens when you "
                     b"press </span></b><b><span style='font-family:Consolas'>Enter</span></b><b><span>"
                     b"?<o:p></o:p></span></b></p>\r\n<p class=MsoNormal>The browser looks up the address."
                     b"<o:p></o:p></p>\r\n</body></html>\r\n")
    project = tmp_path / "project"
    assert run_cli("import", page, "--project", project).code == 0
    guide = load_guide(next((project / "content").glob("*.yaml")), project=project)
    assert [q.question for q in guide.technical.questions] == ["What happens when you press Enter?"]


def test_a_run_of_bold_split_before_a_space_is_one() -> None:
    from guidegen.authoring.importing.htmltext import convert

    assert convert("<p><b><span>What does </span></b><b><span>/26</span></b><b><span> mean?</span></b></p>",
                   markdown=True) == "**What does /26 mean?**"


def test_runs_of_bold_in_two_paragraphs_stay_two() -> None:
    from guidegen.authoring.importing.htmltext import convert

    assert convert("<p><b>One?</b></p>\n<p><b>Two?</b></p><table><tr><td><b>a</b></td><td><b>b</b></td></tr>"
                   "<tr><td>c</td><td>d</td></tr></table>", markdown=True) == (
        "**One?**\n\n**Two?**\n\n| **a** | **b** |\n|---|---|\n| c | d |")
