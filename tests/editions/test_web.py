"""The web page, read back from the real HTML: every item of the guide, every answer behind a
closed <details>, stable and unique anchors, nothing that fetches or runs, metadata, branding,
escaping, size. Expectations come from the loaded Guide, never from an earlier output. (The page in
a real Chromium: test_web_browser.py.)"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from guidegen.editions.web import BACKGROUNDS
from guidegen.load.guides import load_guide
from guidegen.load.logo import read_logo
from guidegen.model.deck import deck
from guidegen.model.guide import Guide
from guidegen.model.sections import sections
from guidegen.render.colour import readable
from guidegen.render.project import Project
from helpers import FIXTURES, MINIMAL, MLOPS, ROOT, guide_of, output_name, run_cli
from helpers.web import Page, guide_urls, markdown_text, norm, reveal_text, revealed

BRAND = FIXTURES / "brand"  # a project whose brand.yaml applies to any guide built with it
HOSTILE = FIXTURES / "hostile" / "hostile.yaml"
SIZE_BUDGET = 150 * 1024  # the MLOps guide's page (README)

Build = Callable[..., Path]


def built(build_dir: Build, path: Path, project: Path = ROOT) -> tuple[Guide, Page]:
    """The web page of a guide (built once a session), and the guide it was built from."""
    guide = guide_of(path, project)
    out = build_dir("web", path, *(["--project", str(project)] if project != ROOT else []))
    return guide, Page(out / output_name("web", guide))


@pytest.fixture
def plain(build_dir: Build, guide_path: Path) -> tuple[Guide, Page]:
    return built(build_dir, guide_path)


@pytest.fixture
def branded(build_dir: Build, guide_path: Path) -> tuple[Guide, Page]:
    return built(build_dir, guide_path, BRAND)


def labels_for(guide: Guide) -> dict[str, object]:
    return Project(ROOT).labels(guide, "web")


def test_every_item_of_the_guide_is_on_the_page(plain: tuple[Guide, Page]) -> None:
    guide, page = plain
    meta = guide.meta
    text = page.text
    wanted = [meta.title, meta.subtitle, meta.role, meta.region, str(meta.edition), guide.introduction,
              guide.technical.instruction, guide.behavioural.instruction]
    wanted += [meta.kicker] if meta.kicker else []
    for stage in guide.stages:
        wanted += [stage.name, stage.duration, stage.what_happens, stage.prepare or ""]
    for q in guide.technical.questions:
        wanted += [q.question, markdown_text(q.answer), *q.topics, ", ".join(q.tools)]
    for b in guide.behavioural.questions:
        wanted += [b.question, b.shows]
    for flag in guide.red_flags:
        wanted += [flag.flag, flag.why]
    for resource in guide.resources:
        wanted += [resource.title, resource.description, *([resource.url] if resource.url else [])]
    if guide.closing:
        wanted += [guide.closing.title, guide.closing.text]
    missing = [w for w in wanted if w and norm(w) not in text]
    assert missing == []
    hrefs = set(page.links())
    assert {r.url for r in guide.resources if r.url} <= hrefs


def test_items_are_numbered_as_in_every_edition(plain: tuple[Guide, Page]) -> None:
    guide, page = plain
    for item in deck(guide):
        anchor = f"{'flag' if item.kind == 'red_flag' else 'q'}-{item.id}"
        heading = page.one(f"//*[@id='{anchor}']//h3")
        assert norm(heading.text_content()) == f"{item.label} {norm(item.prompt)}"


def test_every_answer_waits_in_a_closed_details(plain: tuple[Guide, Page]) -> None:
    guide, page = plain
    assert page.all("//details[@open]") == []
    items = revealed(guide)
    assert len(page.all("//details")) == len(items)
    for item in items:
        [details] = page.all(f"//*[@id='q-{item.id}']//details")
        summary = norm(details.find("summary").text_content())
        assert summary, item.label
        assert reveal_text(item) in norm(details.text_content()), item.label
    outside = page.text_without("//details")
    assert [item.label for item in items if reveal_text(item) in outside] == []


def test_anchors_are_unique_and_every_link_lands(plain: tuple[Guide, Page]) -> None:
    guide, page = plain
    ids = page.ids
    assert len(ids) == len(set(ids))
    wanted = {f"q-{item.id}" if item.kind != "red_flag" else f"flag-{item.id}" for item in deck(guide)}
    wanted |= {section.id for section in sections(guide, labels_for(guide))}
    assert wanted <= set(ids)
    internal = {link[1:] for link in page.links() if link.startswith("#")}
    assert internal <= set(ids)
    contents = {str(a.get("href"))[1:] for a in page.all("//nav[@class='contents']//a")}
    assert contents == wanted  # the contents link every section, question and red flag


def test_anchors_stay_when_questions_are_added(tmp_path: Path) -> None:
    """Anchors are made of ids, not positions: a question added at the top renumbers the others
    (Q1 becomes Q2) but every old link still lands on its question; a second build is the same bytes."""
    guide = guide_of(MLOPS)
    source = MLOPS.read_text(encoding="utf-8")
    added = source.replace("  questions:\n", "  questions:\n    - id: a-new-first-question\n"
                           "      question: A new first question?\n      topics: [New]\n"
                           "      answer: A new answer.\n", 1)
    changed = tmp_path / "content" / MLOPS.name
    changed.parent.mkdir()
    changed.write_text(added, encoding="utf-8")
    for out in ("one", "two"):
        result = run_cli("build", changed, "--project", ROOT, "--edition", "web", "--out", tmp_path / out,
                         "--quiet", "--jobs", "1")
        assert result.code == 0, result.err
    name = output_name("web", guide)
    assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    after = Page(tmp_path / "one" / name)
    for index, q in enumerate(guide.technical.questions, start=1):
        heading = norm(after.one(f"//*[@id='q-{q.id}']//h3").text_content())
        assert heading == f"Q{index + 1} {norm(q.question)}"


def test_nothing_runs_or_is_fetched(plain: tuple[Guide, Page]) -> None:
    guide, page = plain
    assert page.all("//script | //iframe | //object | //embed | //link[@rel='stylesheet'] | //base") == []
    assert page.all("//@style") == []  # the policy allows the one stylesheet, by its hash
    allowed = guide_urls(guide)
    foreign = [link for link in page.links() if not link.startswith(("#", "data:")) and link not in allowed]
    assert foreign == []
    [style] = page.all("//style")
    digest = base64.b64encode(hashlib.sha256(style.text.encode()).digest()).decode()
    policy = page.meta("http-equiv", "Content-Security-Policy")
    assert policy is not None and "default-src 'none'" in policy and f"'sha256-{digest}'" in policy


def test_metadata_comes_from_the_guide(plain: tuple[Guide, Page]) -> None:
    guide, page = plain
    meta = guide.meta
    assert page.root.get("lang") == meta.language
    assert norm(page.one("//title").text_content()) == meta.title
    assert page.meta("name", "description") == meta.description
    assert page.meta("property", "og:title") == meta.title
    assert page.meta("property", "og:description") == meta.description
    assert page.meta("property", "og:locale") == meta.language.replace("-", "_")
    assert page.meta("name", "viewport") == "width=device-width, initial-scale=1"
    assert page.all("//link[@rel='canonical']") == [] and page.meta("property", "og:url") is None


def test_a_guide_naming_its_url_gets_a_canonical_link(tmp_path: Path) -> None:
    guide_file = tmp_path / "content" / "tiny.yaml"
    guide_file.parent.mkdir()
    url = "https://careers.example/guides/tiny/"
    guide_file.write_text(MINIMAL.read_text().replace("  keywords: [testing]\n",
                                                      f"  keywords: [testing]\n  url: {url}\n"))
    result = run_cli("build", guide_file, "--edition", "web", "--quiet")
    assert result.code == 0, result.err
    page = Page(tmp_path / "output" / "tiny-guide.html")
    assert page.one("//link[@rel='canonical']").get("href") == url
    assert page.meta("property", "og:url") == url


def test_words_are_the_guides_language(plain: tuple[Guide, Page]) -> None:
    guide, page = plain
    labels = labels_for(guide)
    summaries = [norm(s.text_content()) for s in page.all("//summary")]
    technical = len(guide.technical.questions)
    assert all(s.startswith(str(labels["reveal_answer"])) for s in summaries[:technical])
    assert all(s.startswith(str(labels["reveal_shows"])) for s in summaries[technical:])
    headings = [norm(h.text_content()) for h in page.all("//h2")]
    assert [s.title for s in sections(guide, labels)] == [h for h in headings if h != labels["contents"]]


def test_branding_as_in_the_other_editions(branded: tuple[Guide, Page]) -> None:
    guide, page = branded
    brand = guide.brand
    assert brand is not None and brand.logo and brand.contact and brand.footer and brand.accent
    logo = page.one("//img[@class='brand-logo']")
    kind, data = str(logo.get("src")).split(",", 1)
    assert kind == "data:image/svg+xml;base64"
    assert base64.b64decode(data) == read_logo(BRAND / brand.logo).data  # the checked, safe bytes
    assert logo.get("alt") == str(labels_for(guide)["logo_alt"]).format(organisation=brand.organisation)
    header = norm(page.one("//header").text_content())
    assert brand.organisation in header
    assert {f"mailto:{brand.contact.email}", brand.contact.website} <= set(page.links())
    assert brand.footer in norm(page.one("//footer").text_content())
    css = page.one("//style").text
    for scheme, grounds in BACKGROUNDS.items():
        assert f"--accent: {readable(brand.accent, grounds)};" in css, scheme


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    result = run_cli("build", HOSTILE, "--project", ROOT, "--edition", "web", "--out", tmp_path, "--quiet")
    assert result.code == 0, result.err
    guide = load_guide(HOSTILE, project=ROOT)
    page = Page(tmp_path / output_name("web", guide))
    assert page.all("//script | //iframe | //img | //link[@rel='attachment']") == []
    [heading] = page.all(f"//*[@id='q-{guide.technical.questions[0].id}']//h3")
    assert norm(guide.technical.questions[0].question) in norm(heading.text_content())
    assert "<script>alert('answer')</script>" in page.text
    assert '<img src="http://127.0.0.1:9/x.png">' in page.text
    assert guide.resources[0].title in page.text  # the <iframe> of a resource title, as text
    assert not [link for link in page.links() if link.lower().startswith(("javascript:", "http:", "file:"))]
    raw = page.path.read_text(encoding="utf-8")
    assert "<script" not in raw.lower().replace("&lt;script", "")


@pytest.mark.parametrize("rule", ['@import "https://fonts.example/x.css";',
                                  'body { background: url("https://tracker.example/p.png"); }',
                                  '@font-face { font-family: X; src: url(fonts/Inter-Regular.otf); }'])
def test_a_stylesheet_that_would_fetch_fails_the_build(tmp_path: Path, rule: str) -> None:
    project = tmp_path / "project"
    (project / "styles").mkdir(parents=True)
    css = (ROOT / "styles" / "web.css").read_text(encoding="utf-8")
    (project / "styles" / "web.css").write_text(css + "\n" + rule + "\n", encoding="utf-8")
    result = run_cli("build", MINIMAL, "--project", project, "--edition", "web", "--out", tmp_path / "out")
    assert result.code == 2, result.err
    assert "styles/web.css refers to resources outside the page" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.html"))


def test_a_project_template_error_is_a_message(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "templates" / "web", project / "templates" / "web")
    page = project / "templates" / "web" / "page.html"
    page.write_text(page.read_text().replace("{{ meta.title }}</h1>", "{{ meta.title }</h1>"))
    result = run_cli("build", MINIMAL, "--project", project, "--edition", "web", "--out", tmp_path / "out")
    assert result.code == 2 and "Traceback" not in result.err
    assert re.search(r"page\.html:\d+:\d+: .*template error", result.err), result.err


def test_the_mlops_page_is_within_its_budget(build_dir: Build) -> None:
    _, page = built(build_dir, MLOPS)
    assert page.path.stat().st_size < SIZE_BUDGET


def test_accents_are_checked_on_the_stylesheets_own_backgrounds() -> None:
    """editions/web.py makes a brand's accent readable on BACKGROUNDS: they must be the page's."""
    css = (ROOT / "styles" / "web.css").read_text(encoding="utf-8")
    light, dark = css.split("prefers-color-scheme: dark", 1)
    for scheme, part in (("light", light), ("dark", dark)):
        found = []
        for name in ("bg", "panel"):
            match = re.search(rf"--{name}: (#[0-9a-f]{{6}});", part)
            assert match, name
            found.append(match.group(1))
        assert tuple(found) == BACKGROUNDS[scheme], scheme
