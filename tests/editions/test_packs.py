"""A candidate's pack as the candidate receives it (editions/packs.py, render/pdfinsert.py): read
from the real PDF, its text, bookmarks, links and structure tree, and judged by page-validation."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import lxml.html
import pikepdf
import pytest

from helpers import squash
from helpers.epub import epubcheck
from helpers.packs import HOSTILE, KENJI, ZOE, Pack, build, recruiter_project
from helpers.pdf import outline, page_texts, pdf_ua_failures

#: What each candidate's itinerary says, written by hand from three.csv and the guide's stages: the
#: times in the candidate's own zone (Kenji's booked in London, shown in New York, with London's
#: beside), where, and whom they meet.
ITINERARIES = {
    ZOE[2]: ["14 January 2027", "Dear Zoë Ødegaard,", "Europe/London (UTC+00:00)",
             "10:00–10:30 Recruiter screen 30 min", "https://meet.example.com/zoe",
             "Priya Shah, Staff ML Engineer", "leads the platform team",
             "14:00–15:00 ML system design 45–60 min", "Room 4, 1 King Street, London",
             "Tom Reed, Hiring Manager", "Ana Lima, Senior MLOps Engineer"],
    KENJI[2]: ["14 January 2027", "Dear Kenji Sato,", "America/New_York (UTC-05:00)",
               "04:30–05:00 Recruiter screen", "09:30–10:00 in", "08:00–09:00 ML system design",
               "13:00–14:00 in",
               "https://meet.example.com/kenji", "https://meet.example.com/kenji-design",
               "Ruth Okafor, Engineering Manager", "Dev Patel, Principal Engineer"],
    HOSTILE[2]: ["15 January 2027", "Dear ../<script>alert(1)</script>,", "11:00–11:30 Recruiter screen",
                 "15:00–16:30 ML system design", "Room 2", "Sam O'Neil, Platform Engineer",
                 "Lena Berg, Data Engineer"],
}
#: What only one candidate's pack may hold.
PERSONAL = {ZOE[2]: ["Ødegaard", "meet.example.com/zoe", "Priya Shah", "Ana Lima"],
            KENJI[2]: ["Kenji", "meet.example.com/kenji", "Ruth Okafor", "Dev Patel"],
            HOSTILE[2]: ["<script>", "Sam O'Neil", "Lena Berg"]}
EMAILS = [ZOE[1], KENJI[1]]  # they name the candidate's folder; no pack prints one


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pack]:
    return build(recruiter_project(tmp_path_factory.mktemp("recruiter") / "project"))


def _text(pdf: Path) -> str:
    return squash("\n".join(page_texts(pdf)))


@pytest.mark.parametrize("who", list(ITINERARIES))
def test_each_pack_holds_its_candidates_day_and_nobody_elses(packs: dict[str, Pack], who: str) -> None:
    text = _text(packs[who].pdf)
    first = squash(page_texts(packs[who].pdf)[0])
    for said in ITINERARIES[who]:
        assert squash(said) in first, said
    with pikepdf.open(packs[who].pdf) as pdf:
        title = str(pdf.open_metadata().get("dc:title", ""))
    for other, private in PERSONAL.items():
        for word in private:
            assert (squash(word) in text) == (other == who), (who, word)
            assert other == who or word not in title
    assert not any(email in text for email in EMAILS)


@pytest.mark.parametrize("who", list(ITINERARIES))
def test_the_guides_handout_sits_between_the_letter_and_what_happens_next(packs: dict[str, Pack],
                                                                          who: str) -> None:
    pages = page_texts(packs[who].pdf)
    assert "Your itinerary" in pages[0] and "MLOps Engineer Interview Questions UK" in pages[1]
    assert "Q1. How would you design a CI/CD pipeline" in "".join(pages[1:-1])
    assert pages[-1].startswith("What happens next")
    assert squash("We will call you within five working days of your last interview.") in squash(pages[-1])
    assert "Amira Haddad" in pages[-1] and "amira.haddad@northbridge-talent.example" in pages[-1]
    handout = len(pages) - 2  # the handout keeps its own page numbers; the letter has none
    assert f"1 / {handout}" in pages[1] and f"{handout} / {handout}" in pages[-2]
    assert not any(f" / {handout}" in page for page in (pages[0], pages[-1]))
    marks = outline(packs[who].pdf)
    titles = [title for _, title, _ in marks]
    assert titles[0] == "Your itinerary" and titles[-2:] == ["What happens next", "Your contact"]
    assert titles.index("The interview process") < titles.index("Technical questions")
    assert [page for _, _, page in marks] == sorted(page for _, _, page in marks)


@pytest.mark.parametrize("who", list(ITINERARIES))
def test_a_pack_is_pdf_ua_1_by_an_independent_validator_and_small(packs: dict[str, Pack], who: str) -> None:
    assert pdf_ua_failures(packs[who].pdf) == []
    assert packs[who].pdf.stat().st_size < 150 * 1024


def test_one_structure_tree_links_that_land_and_fonts_shared(packs: dict[str, Pack]) -> None:
    """The handout's elements are in the pack's one Document element, in page order, each on a page
    of the pack; every internal link names a destination the pack has; and a face the letter draws
    only glyphs of is embedded once."""
    with pikepdf.open(packs[ZOE[2]].pdf) as pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        [document] = list(pdf.Root.StructTreeRoot.K)
        firsts = [pages[kid.Pg.objgen] for kid in document.K if "/Pg" in kid]
        assert firsts == sorted(firsts) and firsts[0] == 0 and firsts[-1] == len(pdf.pages) - 1
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = [int(key) for key in list(nums)[::2]]
        assert keys == sorted(set(keys))
        assert sorted(int(page.obj.StructParents) for page in pdf.pages) == sorted(
            key for key in keys if isinstance(nums[2 * keys.index(key) + 1], pikepdf.Array))
        destinations = set(pikepdf.NameTree(pdf.Root.Names.Dests).keys())
        named = {str(annotation.Dest) for page in pdf.pages for annotation in page.obj.get("/Annots", [])
                 if "/Dest" in annotation}
        assert named and named <= destinations
        faces = [str(font.BaseFont).split("+")[-1] for resources in
                 {page.obj.Resources.objgen: page.obj.Resources for page in pdf.pages}.values()
                 for font in resources.Font.values()]
        embedded = {font.objgen for page in pdf.pages for font in page.obj.Resources.Font.values()}
        assert len(embedded) < len(faces)  # at least one face is shared by the letter and the handout


# --- the e-book and the web page of a pack (--packs-editions) ---------------------------------------

@pytest.fixture(scope="module")
def with_editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pack]:
    return build(recruiter_project(tmp_path_factory.mktemp("editions") / "project"), "packs/three.csv",
                 "--packs-editions", "epub,web", "--jobs", "1")


def _reading(path: Path) -> str:
    """A pack's e-book as a reader pages through it (the spine's documents, in order), or its page."""
    if path.suffix == ".html":
        return squash(" ".join(lxml.html.fromstring(path.read_bytes()).find("body").itertext()))
    with zipfile.ZipFile(path) as book:
        package = book.read("EPUB/content.opf").decode()
        ids = re.findall(r'<itemref idref="([^"]+)"', package)
        files = {uid: href for href, uid in re.findall(r'<item href="([^"]+)" id="([^"]+)"', package)}
        return "|".join(squash(" ".join(lxml.html.fromstring(book.read(f"EPUB/{files[uid]}")).itertext()))
                        for uid in ids)


@pytest.mark.parametrize("who", list(ITINERARIES))
def test_the_ebook_and_the_page_open_on_the_candidates_letter(with_editions: dict[str, Pack],
                                                             who: str) -> None:
    folder = with_editions[who].folder
    book = _reading(next(folder.glob("*-pack.epub")))
    pages = book.split("|")
    assert pages[2].startswith(squash("Your interview")) and pages[-1].startswith(squash("What happens next"))
    html = next(folder.glob("*-pack.html"))
    page = _reading(html)
    main = lxml.html.fromstring(html.read_bytes()).get_element_by_id("main")
    first, last = main[0], main[-1]  # the letter opens the page's main content, what happens next ends it
    assert first.get("class") == "pack" and squash(first.text_content()).startswith(squash("Dear"))
    assert squash(last.text_content()).startswith(squash("What happens next"))
    times = [found for said in ITINERARIES[who] for found in re.findall(r"\d\d:\d\d–\d\d:\d\d", said)]
    greeting = next(said for said in ITINERARIES[who] if said.startswith("Dear"))
    for text in (pages[2], page):
        assert squash(greeting) in text and all(time in text for time in times)
    for other, private in PERSONAL.items():
        for word in private:
            assert (squash(word) in book) == (other == who) == (squash(word) in page), (who, word)


@pytest.mark.slow
def test_the_packs_ebook_is_epubcheck_clean(with_editions: dict[str, Pack]) -> None:
    for pack in with_editions.values():
        assert epubcheck(next(pack.folder.glob("*-pack.epub"))) == []
