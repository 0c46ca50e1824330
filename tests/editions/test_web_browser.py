"""The web page in a real browser: Debian's Chromium, headless, at a phone's size and a desktop's, in
light and dark. axe-core finds no violation, answers closed or open; no answer is visible until its
question's reveal is tapped, and then it is; printed, the page shows every answer and no control;
the text keeps a 65–75 character measure on a desktop and never scrolls sideways on a phone.

Skips, naming the Debian package, without Chromium or axe-core (.ci/run installs both). Set
GUIDEGEN_SCREENSHOTS=DIR to keep a screenshot of every state tested, to look at.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pdfplumber
import pytest

from guidegen.load.guides import load_guide
from guidegen.model.guide import Guide
from helpers import FIXTURES, MLOPS, ROOT, SECOND, output_name, squash
from helpers.browser import SIZES, DevTools, Tab, axe_source, browser
from helpers.web import norm, reveal_blocks, reveal_text, revealed

pytestmark = pytest.mark.slow

BRAND = FIXTURES / "brand"
#: The MLOps guide plain, the German fixture under the brand fixture's brand.
PAGES = {"mlops": (MLOPS, ROOT), "german-branded": (SECOND, BRAND)}
SCHEMES = ("light", "dark")
MEASURE = (65, 75)  # characters per line of running text on a desktop

Build = Callable[..., Path]

#: Characters per line of each long paragraph: its width over its text's average character width.
CHARACTERS_PER_LINE = """(() => {
  const context = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('main p')].map(p => {
    const text = p.textContent.replace(/\\s+/g, ' ').trim();
    const style = getComputedStyle(p);
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return [text.length, p.clientWidth / (context.measureText(text).width / text.length)];
  }).filter(([length]) => length > 200).map(([, perLine]) => perLine);
})()"""


def visible(selector: str) -> str:
    """Script: whether each element matched is rendered, as a reader would see it."""
    return (f"[...document.querySelectorAll({selector!r})]"
            ".map(e => e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}))")


@pytest.fixture(scope="module")
def devtools() -> Iterator[DevTools]:
    with browser() as running:
        yield running


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture(params=list(PAGES), scope="module")
def page(request: pytest.FixtureRequest, build_dir: Build) -> tuple[Guide, Path]:
    path, project = PAGES[request.param]
    guide = load_guide(path, project=project)
    out = build_dir("web", path, *(["--project", str(project)] if project != ROOT else []))
    return guide, out / output_name("web", guide)


def keep(tab: Tab, name: str) -> None:
    """A screenshot to look at, when GUIDEGEN_SCREENSHOTS names a folder."""
    folder = os.environ.get("GUIDEGEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(Path(folder) / f"{name}.png")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(SIZES))
def test_answers_appear_on_a_tap_and_axe_finds_nothing(
        devtools: DevTools, axe: str, page: tuple[Guide, Path], size: str, scheme: str) -> None:
    guide, path = page
    tab = Tab.open(devtools, path, size=SIZES[size], scheme=scheme)
    name = f"{guide.meta.id}-{size}-{scheme}"
    assert tab.axe(axe) == []
    items = revealed(guide)
    assert tab.evaluate(visible(".answer")) == [False] * len(items)
    assert not any(tab.evaluate(visible(".answer *")))
    keep(tab, f"{name}-closed")
    for index, item in enumerate(items):
        answer = f"#q-{item.id} .answer"
        assert tab.evaluate(visible(answer)) == [False], item.label
        tab.tap(f"#q-{item.id} summary")
        assert tab.evaluate(visible(answer)) == [True], item.label
        assert reveal_text(item) in norm(tab.evaluate(f"document.querySelector({answer!r}).innerText"))
        assert tab.evaluate(visible(".answer")).count(True) == index + 1  # the others stay closed
    keep(tab, f"{name}-open")
    assert tab.axe(axe) == []  # the answers' own text, links and code, in this scheme


@pytest.mark.parametrize("scheme", SCHEMES)
def test_printing_shows_every_answer_and_no_control(
        devtools: DevTools, page: tuple[Guide, Path], scheme: str) -> None:
    guide, path = page
    tab = Tab.open(devtools, path, size=SIZES["desktop"], scheme=scheme, media="print")
    items = revealed(guide)
    assert tab.evaluate(visible(".answer")) == [True] * len(items)
    assert not any(tab.evaluate(visible("summary, nav, .skip")))
    assert tab.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"  # dark text on paper
    keep(tab, f"{guide.meta.id}-print-{scheme}")
    with pdfplumber.open(io.BytesIO(tab.pdf())) as pdf:
        text = squash(" ".join(page.extract_text() for page in pdf.pages))
    missing = [item.label for item in items for block in reveal_blocks(item) if squash(block) not in text]
    assert missing == []


def test_a_desktop_line_holds_65_to_75_characters(devtools: DevTools, page: tuple[Guide, Path]) -> None:
    _, path = page
    tab = Tab.open(devtools, path, size=SIZES["desktop"])
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    measures = tab.evaluate(CHARACTERS_PER_LINE)
    assert measures, "no long paragraph to measure"
    low, high = MEASURE
    assert all(low <= measure <= high for measure in measures), measures


@pytest.mark.parametrize("width", [320, 375])
def test_a_phone_never_scrolls_sideways(devtools: DevTools, page: tuple[Guide, Path], width: int) -> None:
    _, path = page
    tab = Tab.open(devtools, path, size=(width, 700))
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


def test_no_motion_for_readers_who_ask_for_none(devtools: DevTools, page: tuple[Guide, Path]) -> None:
    _, path = page
    marker = "getComputedStyle(document.querySelector('summary'), '::before').transitionDuration"
    scrolling = "getComputedStyle(document.documentElement).scrollBehavior"
    calm = Tab.open(devtools, path, size=SIZES["phone"], reduced_motion=True)
    assert (calm.evaluate(scrolling), calm.evaluate(marker)) == ("auto", "0s")
    moving = Tab.open(devtools, path, size=SIZES["phone"])
    assert moving.evaluate(scrolling) == "smooth" and moving.evaluate(marker) != "0s"
