"""The catalogue page: a build of several guides writes index.html listing every guide (title, role,
region, date) with a link to each of its editions' files, and every link lands on a file that
exists, those of editions an earlier build made too. It is kept up to date like any output: a no-op
build stays a no-op (without pydantic), a deleted page comes back, and a different choice of guides
or files makes a different page. A
single guide gets none. (In a real Chromium: axe-core finds nothing, in light and dark.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from guidegen.load.guides import load_guides
from guidegen.model.guide import Guide
from guidegen.model.labels import long_date
from guidegen.pipeline.catalogue import FILENAME
from guidegen.render.project import Project
from helpers import FIXTURES, MINIMAL, ROOT, SECOND, built, output_name, run_cli
from helpers.browser import SIZES, Tab, axe_source, browser
from helpers.web import Page, norm

EDITIONS = ["handout", "epub", "web"]  # one laid out on paper (its name follows --paper), two not
BRAND = FIXTURES / "brand"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of two guides, one English, one German (US Letter)."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    shutil.copy(MINIMAL, root / "content" / "a-tiny.yaml")
    shutil.copy(SECOND, root / "content" / "b-german.yaml")
    return root


def build(project: Path, *flags: str, editions: list[str] = EDITIONS) -> list[str]:
    result = run_cli("build", "--project", project, "--edition", ",".join(editions), "--jobs", "1", *flags)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return built(result)


def guides_of(project: Path) -> list[Guide]:
    return [item.guide for item in load_guides(sorted((project / "content").glob("*.yaml")), project=project)]


def links_by_guide(page: Page) -> list[list[str]]:
    """Each listed guide's links, in order."""
    entries = page.all("//ul[@class='catalogue']/li")
    return [[str(a.get("href")) for a in entry.iter("a")] for entry in entries]


def links(page: Page) -> list[str]:
    return [link for group in links_by_guide(page) for link in group]


def test_every_guide_is_listed_with_every_edition_and_every_link_lands(project: Path) -> None:
    assert FILENAME in build(project)
    out = project / "output"
    page = Page(out / FILENAME)
    guides = guides_of(project)
    entries = page.all("//ul[@class='catalogue']/li")
    assert len(entries) == len(guides)
    labels = Project(project).words(page.root.get("lang"), "web")
    for guide, entry in zip(guides, entries, strict=True):
        text = norm(entry.text_content())
        meta = guide.meta
        for wanted in (meta.title, meta.role, meta.region, long_date(meta.updated, labels)):
            assert wanted in text, wanted
        names = [Project(project).words(page.root.get("lang"), name)["edition_name"] for name in EDITIONS]
        assert [norm(a.text_content()) for a in entry.iter("a")] == names
    expected = [[output_name(name, guide) for name in EDITIONS] for guide in guides]
    assert links_by_guide(page) == expected
    for href in links(page):
        assert (out / unquote(href)).is_file(), href
    assert page.all("//script") == [] and all(not src.startswith("http") for src in page.links())


def test_one_guide_gets_no_catalogue(tmp_path: Path) -> None:
    result = run_cli("build", MINIMAL, "--project", ROOT, "--out", tmp_path, "--edition", "epub,web")
    assert result.code == 0, result.err
    assert not (tmp_path / FILENAME).exists()


def test_a_noop_build_stays_a_noop_without_pydantic(project: Path) -> None:
    build(project)
    assert build(project) == []
    probe = ("import sys, runpy; sys.argv = ['guidegen', 'build', '--project', sys.argv[1], "
             "'--edition', sys.argv[2]]\n"
             "try:\n    runpy.run_module('guidegen', run_name='__main__')\n"
             "except SystemExit as e:\n    assert e.code == 0, e.code\n"
             "print(sorted(m for m in ('pydantic', 'weasyprint', 'yaml', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, str(project), ",".join(EDITIONS)],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert result.stderr.startswith("up to date")


def test_a_deleted_or_edited_catalogue_comes_back_alone(project: Path) -> None:
    build(project)
    index = project / "output" / FILENAME
    before = index.read_bytes()
    index.unlink()
    assert build(project) == [FILENAME]
    assert index.read_bytes() == before
    index.write_bytes(before + b"<!-- edited -->")
    assert build(project) == [FILENAME]
    assert index.read_bytes() == before


def test_the_page_follows_the_guides_and_editions_built(project: Path) -> None:
    build(project)
    index = project / "output" / FILENAME
    first = index.read_bytes()
    build(project, editions=["epub"])  # the files of the other editions are still there: all listed
    assert index.read_bytes() == first
    for guide in guides_of(project):
        (project / "output" / output_name("web", guide)).unlink()
    assert build(project, editions=["epub"]) == [FILENAME]  # the web pages are gone: not listed
    assert links_by_guide(Page(index)) == [
        [output_name(name, guide) for name in ("handout", "epub")] for guide in guides_of(project)]
    build(project)
    assert index.read_bytes() == first  # the same files, the same bytes
    assert FILENAME in build(project, "--paper", "a4")  # the German handout's file is renamed
    for href in links(Page(index)):
        assert (project / "output" / href).is_file(), href
    shutil.copy(MINIMAL, project / "content" / "c-third.yaml")
    (project / "content" / "c-third.yaml").write_text(
        MINIMAL.read_text().replace("id: tiny-guide", "id: third-guide"))
    assert FILENAME in build(project)
    assert len(links_by_guide(Page(index))) == 3


def test_a_failed_build_leaves_the_catalogue_as_it_was(project: Path) -> None:
    build(project)
    index = project / "output" / FILENAME
    before = index.read_bytes()
    broken = project / "content" / "c-broken.yaml"
    broken.write_text(MINIMAL.read_text().replace("id: tiny-guide", "id: broken-guide")
                      .replace("    why: Nothing tells you when it breaks.\n", "    why: ''\n"))
    result = run_cli("build", "--project", project, "--edition", ",".join(EDITIONS), "--jobs", "1")
    assert result.code == 2 and "red_flags[0].why" in result.err
    assert index.read_bytes() == before


def test_a_guide_whose_page_would_be_the_catalogue_is_an_error(project: Path) -> None:
    clash = project / "content" / "c-index.yaml"
    clash.write_text(MINIMAL.read_text().replace("id: tiny-guide", "id: index"))
    result = run_cli("build", "--project", project, "--edition", "web", "--jobs", "1")
    assert result.code == 2, result.err
    assert "c-index.yaml:2:" in result.err
    assert "guide.id: guide id 'index' would write index.html" in result.err
    assert not (project / "output").exists() or not list((project / "output").glob("*.html"))


def test_the_page_speaks_the_guides_shared_language(project: Path) -> None:
    build(project, editions=["web"])
    mixed = Page(project / "output" / FILENAME)
    assert mixed.root.get("lang") == "en"  # English and German guides: the page in English
    titles = mixed.all("//ul[@class='catalogue']/li/h2")
    assert [t.get("lang") for t in titles] == [g.meta.language for g in guides_of(project)]
    (project / "content" / "a-tiny.yaml").unlink()
    shutil.copy(SECOND, project / "content" / "c-german.yaml")
    (project / "content" / "c-german.yaml").write_text(
        SECOND.read_text().replace("id: data-analyst-de", "id: zweiter-leitfaden"))
    build(project, editions=["web"])
    german = Page(project / "output" / FILENAME)
    assert german.root.get("lang") == "de-DE"
    labels = Project(project).words("de-DE", "web")
    assert norm(german.one("//h1").text_content()) == labels["catalogue"]["title"]


def test_a_brand_shared_by_every_guide_brands_the_page(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", MINIMAL, SECOND, "--project", BRAND, "--out", out, "--edition", "web")
    assert result.code == 0, result.err
    page = Page(out / FILENAME)
    [guide, *_] = [item.guide for item in load_guides([MINIMAL, SECOND], project=BRAND)]
    assert guide.brand is not None
    assert guide.brand.organisation in norm(page.one("//header").text_content())
    assert str(page.one("//img[@class='brand-logo']").get("src")).startswith("data:image/svg+xml;base64,")


@pytest.mark.slow
def test_axe_finds_nothing_on_the_catalogue(project: Path) -> None:
    axe = axe_source()
    build(project)
    with browser() as devtools:
        for size in SIZES.values():
            for scheme in ("light", "dark"):
                tab = Tab.open(devtools, project / "output" / FILENAME, size=size, scheme=scheme)
                assert tab.axe(axe) == [], (size, scheme)
                assert tab.evaluate("document.documentElement.scrollWidth") <= size[0]

