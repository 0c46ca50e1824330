"""The Anki edition, read back by the real Anki library: imported into a fresh collection as a learner
imports it, every question and red flag one note in its subdeck; a revised guide imported again updates
the notes in place and keeps their reviews; the same guide gives the same bytes.

Expectations come from the loaded Guide and the edition's words, never from a previous output.
"""

from __future__ import annotations

import datetime as dt
import html
import html.parser
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from guidegen.editions.reproducible_zip import zip_time
from guidegen.load.guides import load_guide
from guidegen.model.deck import Item, deck
from guidegen.model.guide import Guide, TechnicalQuestion
from guidegen.model.markdown import render_markdown
from guidegen.render.project import Project
from guidegen.render.templates import source_date
from helpers import MINIMAL, MLOPS, ROOT, guide_of, output_name, run_cli
from helpers.anki import by_number, collection, import_package, notes, package_database, text

Build = Callable[..., Path]

#: The note types' fields: what the issue asks each kind of card to carry, and the schema Anki
#: compares on import (so they must not change between builds or languages).
FIELDS = {
    "technical": ["Question", "Answer", "Topics", "Tools", "Number", "Guide", "Brand"],
    "behavioural": ["Question", "Shows", "STAR", "Number", "Guide", "Brand"],
    "red_flag": ["Flag", "Why", "Number", "Guide", "Brand"],
}
SUBDECK_WORDS = {"technical": "technical", "behavioural": "behavioural", "red_flag": "red_flags"}


def labels_of(guide: Guide) -> dict[str, Any]:
    return Project(ROOT).labels(guide, "anki")


def build(guide_path: Path, out: Path) -> Path:
    """Build the deck of a guide file (anywhere) with the repository's theme; its path."""
    result = run_cli("build", guide_path, "--project", ROOT, "--edition", "anki", "--out", out, "--quiet")
    assert result.code == 0, result.err
    return out / output_name("anki", load_guide(guide_path, project=ROOT))


def same_html(field: str, expected: str) -> bool:
    """The same HTML, whichever characters either writes as references (`&#91;` for `[`)."""
    field = field.replace('<span class="gg-bs">\\</span>', "\\")  # a backslash alone (MathJax)
    return html.unescape(field) == html.unescape(expected)


def expected_tags(item: Item, guide: Guide) -> set[str]:
    topics = item.entry.topics if isinstance(item.entry, TechnicalQuestion) else []
    return {guide.meta.id, *("_".join(topic.split()) for topic in topics)}


@pytest.fixture
def guide(guide_path: Path) -> Guide:
    return guide_of(guide_path)


@pytest.fixture
def package(build_dir: Build, guide_path: Path, guide: Guide) -> Path:
    return build_dir("anki", guide_path) / output_name("anki", guide)


# --- one note per item, with its fields and tags, in its subdeck -----------------------------


def test_every_item_is_one_note_with_its_fields_and_tags_in_its_subdeck(
        package: Path, guide: Guide, tmp_path: Path) -> None:
    items = deck(guide)
    labels = labels_of(guide)
    title = guide.meta.title
    with collection(tmp_path) as col:
        log = import_package(col, package)
        assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (
            len(items), 0, 0, 0)
        found = by_number(col)
        assert sorted(found) == sorted(item.label for item in items)
        for item in items:
            note = found[item.label]
            assert [name for name, _ in note.items()] == FIELDS[item.kind], item.label
            prompt, reveal = FIELDS[item.kind][:2]
            assert text(note[prompt]) == " ".join(item.prompt.split()), item.label
            if isinstance(item.entry, TechnicalQuestion):
                assert same_html(note[reveal], str(render_markdown(item.reveal))), item.label
                assert note["Topics"] == html.escape(", ".join(item.entry.topics), quote=False)
                assert note["Tools"] == html.escape(", ".join(item.entry.tools), quote=False)
            else:
                assert text(note[reveal]) == " ".join(item.reveal.split()), item.label
            assert title in html.unescape(note["Guide"]) and str(guide.meta.edition) in note["Guide"]
            assert note["Brand"] == ""  # the repository's guides are not branded
            assert set(note.tags) == expected_tags(item, guide), item.label
            (card,) = note.cards()
            assert col.decks.name(card.did) == f"{title}::{labels[SUBDECK_WORDS[item.kind]]}"
        assert len({note.guid for note in found.values()}) == len(items)


def test_subdecks_and_note_types_are_named_in_the_guides_language(
        package: Path, guide: Guide, tmp_path: Path) -> None:
    labels = labels_of(guide)
    title = guide.meta.title
    with collection(tmp_path) as col:
        import_package(col, package)
        decks = {deck.name for deck in col.decks.all_names_and_ids()}
        assert {title, *(f"{title}::{labels[word]}" for word in SUBDECK_WORDS.values())} <= decks
        types = {model["name"]: model for model in col.models.all()}
        for kind, fields in FIELDS.items():
            model = types[f"{title} · {labels['kind'][kind]}"]
            assert [field["name"] for field in model["flds"]] == fields


def test_cards_show_the_prompt_in_front_and_the_reveal_behind(
        package: Path, guide: Guide, tmp_path: Path) -> None:
    """Anki renders each card (as its reviewer does): the front shows the number, kind and prompt and
    not the reveal; the back adds the reveal under its heading and the source guide."""
    labels = labels_of(guide)
    with collection(tmp_path) as col:
        import_package(col, package)
        found = by_number(col)
        for item in deck(guide):
            (card,) = found[item.label].cards()
            front, back = text(card.question()), text(card.answer())
            prompt, reveal = " ".join(item.prompt.split()), text(str(render_markdown(item.reveal)))
            assert front.startswith(f"{item.label} {labels['kind'][item.kind]} {prompt}"), item.label
            assert reveal not in front
            assert f"{prompt} {labels['reveal'][item.kind]} {reveal}" in back, item.label
            assert guide.meta.title in back
            if item.kind == "behavioural":  # the STAR prompts, to plan a story before turning over
                assert all(step in front for _, step in labels["star_short"])
            if isinstance(item.entry, TechnicalQuestion):
                assert f"{labels['topics']} {', '.join(item.entry.topics)}" in back
                assert (labels["tools"] in back) == bool(item.entry.tools)


def test_new_cards_come_in_the_guides_order(package: Path, guide: Guide, tmp_path: Path) -> None:
    with collection(tmp_path) as col:
        import_package(col, package)
        found = by_number(col)
        order = [found[item.label].cards()[0].due for item in deck(guide)]
        assert order == sorted(order) and len(set(order)) == len(order)


def test_a_project_overrides_card_templates_stylesheet_and_words(tmp_path: Path) -> None:
    """The card templates, the stylesheet and the words are theme files like every edition's."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    guide_path = project / "content" / "tiny.yaml"
    guide_path.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "templates" / "anki").mkdir(parents=True)
    back = (ROOT / "templates" / "anki" / "technical-back.html").read_text(encoding="utf-8")
    ours = back.replace('<hr id="answer" />', '<hr id="answer" />\n<p class="house">Our own back</p>')
    assert ours != back
    (project / "templates" / "anki" / "technical-back.html").write_text(ours, encoding="utf-8")
    (project / "templates" / "_partials").mkdir()
    (project / "templates" / "_partials" / "labels.yaml").write_text(
        "en:\n  anki:\n    topics: Subjects\n", encoding="utf-8")
    (project / "styles").mkdir()
    css = (ROOT / "styles" / "anki.css").read_text(encoding="utf-8") + "\n.house { color: #7a0019; }\n"
    (project / "styles" / "anki.css").write_text(css, encoding="utf-8")
    result = run_cli("build", "--project", project, "--edition", "anki", "--jobs", "1", "--quiet")
    assert result.code == 0, result.err
    guide = load_guide(guide_path, project=project)
    with collection(tmp_path / "learner") as col:
        import_package(col, project / "output" / output_name("anki", guide))
        (card,) = by_number(col)["Q1"].cards()
        back = text(card.answer())
        assert "Our own back" in back and "Subjects Testing" in back
        assert ".house { color: #7a0019; }" in card.note_type()["css"]


# --- revising a guide --------------------------------------------------------------------------


def _revise(source: Path, target: Path, *, answer: str, later: bool) -> None:
    """The guide with the first technical answer replaced and its first two questions swapped (so
    every number moves); `later` also does what the README asks on a revision: a later `updated`."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    questions = data["technical"]["questions"]
    questions[0]["answer"] = answer
    questions[0], questions[1] = questions[1], questions[0]
    if later:
        data["guide"]["updated"] += dt.timedelta(days=1)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_revised_guide_updates_each_note_in_place_and_keeps_its_reviews(tmp_path: Path) -> None:
    guide = guide_of(MLOPS)
    edited = guide.technical.questions[0]
    items = deck(guide)
    first = build(MLOPS, tmp_path / "first")
    revised_yaml = tmp_path / "revised" / "guide.yaml"
    revised_yaml.parent.mkdir()
    new_answer = "A **revised** answer: build, test, register, then deploy behind a canary."
    _revise(MLOPS, revised_yaml, answer=new_answer, later=True)
    revised = load_guide(revised_yaml, project=ROOT)
    second = build(revised_yaml, tmp_path / "second")

    with collection(tmp_path / "learner") as col:
        import_package(col, first)
        note = by_number(col)["Q1"]
        (card,) = note.cards()
        card.start_timer()  # the learner reviews Q1 and answers Good, as the reviewer does
        col.sched.answerCard(card, 3)
        reviews = col.db.list("select id from revlog where cid = ?", card.id)
        assert len(reviews) == 1

        log = import_package(col, second)
        assert (len(log.new), len(log.duplicate), len(log.conflicting)) == (0, 0, 0)
        assert len(log.updated) == len(items)
        assert len(notes(col)) == len(items) == col.card_count()
        again = col.get_note(note.id)
        assert again.guid == note.guid
        assert same_html(again["Answer"], str(render_markdown(new_answer)))
        assert text(again["Question"]) == " ".join(edited.question.split())
        assert again["Number"] == "Q2"  # it moved; it is still the same note
        moved = next(item for item in deck(revised) if item.id == guide.technical.questions[1].id)
        assert by_number(col)["Q1"].guid != note.guid and moved.label == "Q1"
        assert col.db.list("select id from revlog where cid = ?", card.id) == reviews
        assert col.get_card(card.id).nid == note.id and col.get_card(card.id).reps == 1


def test_a_rebuild_without_a_later_date_changes_nothing(tmp_path: Path) -> None:
    """Anki's rule, and why the README asks for a later `updated` on every revision: with the same
    date, the incoming notes are not newer, so Anki keeps the learner's."""
    guide = guide_of(MLOPS)
    first = build(MLOPS, tmp_path / "first")
    same_day = tmp_path / "same-day" / "guide.yaml"
    same_day.parent.mkdir()
    _revise(MLOPS, same_day, answer="An edit that keeps the old date.", later=False)
    second = build(same_day, tmp_path / "second")
    with collection(tmp_path / "learner") as col:
        import_package(col, first)
        before = {note.guid: note.fields for note in notes(col)}
        log = import_package(col, second)
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, len(deck(guide)))
        assert {note.guid: note.fields for note in notes(col)} == before


# --- deterministic bytes -----------------------------------------------------------------------


def test_two_builds_are_byte_identical(package: Path, guide_path: Path, tmp_path: Path) -> None:
    assert build(guide_path, tmp_path).read_bytes() == package.read_bytes()


def test_every_time_in_the_package_is_the_guides_date(package: Path, guide: Guide, tmp_path: Path) -> None:
    """Zip entries, the collection, its decks and deck options, note types, notes and cards."""
    when = source_date(guide)
    seconds = int(when.timestamp())
    with zipfile.ZipFile(package) as archive:
        assert [info.filename for info in archive.infolist()] == ["collection.anki2", "media"]
        assert {info.date_time for info in archive.infolist()} == {zip_time(when)}
    db = package_database(package, tmp_path)
    try:
        crt, mod, scm, decks, dconf, models = db.execute(
            "select crt, mod, scm, decks, dconf, models from col").fetchone()
        assert (crt, mod, scm) == (seconds, seconds * 1000, seconds * 1000)
        for table in (decks, dconf, models):
            assert {entry["mod"] for entry in json.loads(table).values()} == {seconds}
        assert set(db.execute("select mod from notes union select mod from cards")) == {(seconds,)}
        ids = [row[0] for row in db.execute("select id from notes union all select id from cards")]
        day = seconds * 1000
        assert all(day <= nid < day + 86_400_000 for nid in ids)  # created on the guide's date
    finally:
        db.close()


def test_source_date_epoch_moves_every_time(guide_path: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    db = package_database(build(guide_path, tmp_path), tmp_path)
    try:
        assert set(db.execute("select mod from notes union select mod from cards")) == {(1700000000,)}
    finally:
        db.close()


# --- content is data ---------------------------------------------------------------------------


def test_answers_cannot_play_files_run_latex_or_load_anything(tmp_path: Path) -> None:
    """Anki reads `[sound:…]` as "play this file" and `[latex]` as "run LaTeX": in a guide they are
    text. Markdown links stay links; nothing in a card points at the network but what the author
    linked."""
    source = MINIMAL.read_text(encoding="utf-8")
    answer = "answer: A check that fails when the behaviour breaks."
    assert answer in source
    hostile = ("answer: 'Play [sound:../../etc/passwd] or [latex]\\input{/etc/passwd}[/latex] "
               "or {{Answer}}, see [the docs](https://docs.pytest.org/).'")
    guide_path = tmp_path / "guide.yaml"
    guide_path.write_text(source.replace(answer, hostile), encoding="utf-8")
    package = build(guide_path, tmp_path / "out")
    with collection(tmp_path / "learner") as col:
        import_package(col, package)
        (card,) = by_number(col)["Q1"].cards()
        back = card.answer()
        assert card.answer_av_tags() == [] and card.question_av_tags() == []
        assert "latex-" not in back and "<img" not in back
        shown = text(back)
        assert "[sound:../../etc/passwd]" in shown and "[latex]\\input{/etc/passwd}[/latex]" in shown
        assert "{{Answer}}" in shown
        assert re.findall(r'(?:src|href)="([^"]+)"', back) == ["https://docs.pytest.org/"]


#: Text MathJax would typeset (and, through \href, make a link that runs a script), in every field.
TEX = {"question": "What does the regex \\(a+\\) match, and \\[x\\]?",
       "answer": "Here \\\\(\\\\href{javascript:alert(1)}{click}\\\\) and `\\(code\\)` and $x$ are text.",
       "shows": "Knowing \\[ \\style{color:red}{maths} \\] is text.",
       "flag": "Writes \\(\\class{x}{y}\\)",
       "why": "\\begin{align} a \\end{align} stays text."}


class _Texts(html.parser.HTMLParser):
    """Every text of a card with the classes of the elements it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[set[str]] = []
        self.texts: list[tuple[str, set[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "hr", "img", "meta", "link", "wbr", "input"):
            self.open.append(set((dict(attrs).get("class") or "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "hr", "img", "meta", "link", "wbr", "input") and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.texts.append((data, set().union(*self.open)))


def test_no_field_is_typeset_as_maths_in_the_reviewer(tmp_path: Path) -> None:
    """Anki's reviewer runs MathJax over a card: `\\( … \\)`, `\\[ … \\]` and their commands in a
    guide stay the text they are. Read from the cards as the real Anki library renders them: every
    text with a backslash sits in an element of MathJax's ignore class (both its names), and no TeX
    delimiter or command stands whole in one text (MathJax finds none even where no class is
    honoured); a reader still sees exactly what the guide says."""
    guide = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    technical, behavioural = guide["technical"]["questions"][0], guide["behavioural"]["questions"][0]
    technical.update(question=TEX["question"], answer=TEX["answer"])
    behavioural.update(shows=TEX["shows"])
    guide["red_flags"][0].update(flag=TEX["flag"], why=TEX["why"])
    guide_path = tmp_path / "guide.yaml"
    guide_path.write_text(yaml.safe_dump(guide, allow_unicode=True), encoding="utf-8")
    package = build(guide_path, tmp_path / "out")
    with collection(tmp_path / "learner") as col:
        import_package(col, package)
        rendered = [side for note in notes(col) for card in note.cards()
                    for side in (card.question(), card.answer())]
    assert len(rendered) == 6
    seen = " ".join(text(side) for side in rendered)
    for field, written in TEX.items():  # as the guide says it (the answer as its Markdown reads)
        shown = text(str(render_markdown(written))) if field == "answer" else written
        assert shown in seen, written
    for side in rendered:
        parser = _Texts()
        parser.feed(re.sub(r"<style>.*?</style>", "", side, flags=re.S))
        for data, classes in parser.texts:
            if "\\" in data:
                assert {"mathjax_ignore", "tex2jax_ignore"} <= classes, data
                assert data.strip() == "\\", f"a backslash shares a text with {data!r}"
