"""The Anki edition: a spaced-repetition deck (.apkg) that updates in place when the guide changes.

One deck per guide, a subdeck for each kind of item it has (and under it one for each group, where
the guide groups its questions, whose notes are also tagged with the group), a note type of our own
for each kind, and one note per question or red flag, numbered Q1, B1, R1 as in every edition;
packaged with genanki. What
makes a rebuilt deck update a learner's notes instead of adding duplicates (genanki issue 61):

- Identity comes from names, never from position or the clock: deck and note type ids from the guide
  id, each note's GUID from the guide id and the item's id. Field and card names are a note type's
  schema (Anki compares them on import, and adds a second note type when they differ), so they are
  fixed here, not words from labels.yaml.
- Anki's default import updates an existing note only when the incoming one is newer. Every time
  in the package is the guide's date (`source_date`: SOURCE_DATE_EPOCH, else `updated`), so a revision
  with a later date updates each note in place and keeps its reviews, and a rebuild changes nothing.

The card templates and the stylesheet are theme files (templates/anki/, styles/anki.css), rendered
once per guide into the note types; what the guide says goes into the fields, escaped, so no guide
text is ever read as Anki template syntax. The same guide gives the same bytes: genanki writes into
an in-memory SQLite database, every timestamp in it is the guide's date, and the zip is reproducible.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
import sqlite3
from typing import TYPE_CHECKING, Any

import genanki
from markupsafe import escape

from ..model.deck import Item, Kind, chapters, deck
from ..model.guide import Guide, TechnicalQuestion
from ..model.markdown import render_markdown
from ..render.project import Project
from ..render.templates import render_template, source_date
from . import Options
from .reproducible_zip import write_zip

if TYPE_CHECKING:
    from ..render.layout import Layout

STYLESHEET = "anki.css"

#: Each note type's fields in order: the first is what Anki sorts by and checks for duplicates.
FIELDS: dict[Kind, tuple[str, ...]] = {
    "technical": ("Question", "Answer", "Topics", "Tools", "Number", "Guide", "Brand"),
    "behavioural": ("Question", "Shows", "STAR", "Number", "Guide", "Brand"),
    "red_flag": ("Flag", "Why", "Number", "Guide", "Brand"),
}
CARD = "Recall"  # each note type's one card: the prompt on the front, the reveal on the back

_TEMPLATE_NAMES: dict[Kind, str] = {"technical": "technical", "behavioural": "behavioural",
                                    "red_flag": "red-flag"}
_SUBDECK_WORDS: dict[Kind, str] = {"technical": "technical", "behavioural": "behavioural",
                                   "red_flag": "red_flags"}
_ID_FLOOR, _ID_SPAN = 1 << 31, (1 << 52) - (1 << 31)  # clear of Anki's small ids, exact in JSON
_DAY_MS = 86_400_000


def write(guide: Guide, project: Project, options: Options, layout: Layout) -> bytes:
    """The whole .apkg, byte-identical for the same guide, project and SOURCE_DATE_EPOCH (it reads
    no option and lays nothing out)."""
    labels = project.labels(guide, "anki")
    when = source_date(guide)
    css = project.stylesheet_text(STYLESHEET)
    models = {kind: _model(guide, project, kind, labels, css) for kind in FIELDS}
    items = deck(guide)
    top, subdecks = _decks(guide, items, labels)
    star = render_template(project, "anki/star.html", guide).strip()
    for position, item in enumerate(items, start=1):
        subdecks[item.kind, item.group].add_note(genanki.Note(
            model=models[item.kind], fields=note_fields(item, guide, labels, star),
            tags=tags(item, guide), guid=note_guid(guide, item), due=position))
    return _package([top, *subdecks.values()], guide, when)


def stable_id(*names: str) -> int:
    """An id that these names alone decide, the same in every build and on every machine."""
    digest = hashlib.sha256("\0".join(("guidegen", *names)).encode("utf-8")).digest()
    return _ID_FLOOR + int.from_bytes(digest[:8], "big") % _ID_SPAN


def note_guid(guide: Guide, item: Item) -> str:
    """The note's identity across rebuilds: its guide and its own id (and kind), never its place."""
    return str(genanki.guid_for("guidegen", guide.meta.id, item.kind, item.id))


def _name(text: str) -> str:
    """A deck's name from text: one line, and "::" (which would nest decks) as ":"."""
    return " ".join(text.split()).replace("::", ":")


def deck_names(guide: Guide, labels: dict[str, Any]) -> tuple[str, dict[Kind, str]]:
    """The guide's deck (its title) and a subdeck for each kind, named in the guide's language."""
    top = _name(guide.meta.title)
    return top, {kind: f"{top}::{labels[word]}" for kind, word in _SUBDECK_WORDS.items()}


def _tag(text: str) -> str:
    return "_".join(text.split())  # Anki separates tags by spaces


def tags(item: Item, guide: Guide) -> list[str]:
    """The guide's id, the item's group and each topic, with spaces as underscores."""
    topics = item.entry.topics if isinstance(item.entry, TechnicalQuestion) else []
    group = [_tag(chapter.title) for chapter in chapters(guide, [item], item.kind)
             if chapter.title and chapter.index == item.group]
    return [guide.meta.id, *group, *(_tag(topic) for topic in topics)]


def note_fields(item: Item, guide: Guide, labels: dict[str, Any], star: str) -> list[str]:
    """The note's fields in FIELDS order, as the HTML Anki stores."""
    meta = guide.meta
    source = _text(str(labels["source"]).format(title=meta.title, year=meta.edition) if meta.edition
                   else meta.title)
    brand = _text(guide.brand.footer or guide.brand.organisation) if guide.brand else ""
    shared = [item.label, source, brand]
    missing = f'<p class="gg-missing">{escape(labels["missing"][item.kind])}</p>'  # not written yet
    entry = item.entry
    if isinstance(entry, TechnicalQuestion):
        answer = _html(str(render_markdown(entry.answer))) if entry.answer else missing
        return [_text(entry.question), answer, _text(", ".join(entry.topics)), _text(", ".join(entry.tools)),
                *shared]
    reveal = _text(item.reveal) if item.reveal else missing
    if item.kind == "behavioural":
        return [_text(item.prompt), reveal, star, *shared]
    return [_text(item.prompt), reveal, *shared]


def _text(text: str) -> str:
    return _html(str(escape(text)))


#: A tag of a field's HTML (ours, from escape() and the Markdown renderer: `<` and `>` inside an
#: attribute's value are always escaped, so a tag ends at the first `>`).
_TAG = re.compile(r"(<[^>]*>)")


def _html(html: str) -> str:
    r"""HTML for a field, shown as text in every Anki client, whatever the guide holds.

    Anki reads `[sound:…]` and `[latex]…` anywhere in a card's HTML as commands (play a file, run
    LaTeX): every `[` becomes a character reference, which Anki does not read. Its reviewer runs
    MathJax, which typesets `\( … \)`, `\[ … \]` and follows `\href`: the card templates put
    every field in an element of MathJax's ignore class, and, for a client that ignores no class,
    every backslash of the text stands in an element of its own, which ends any TeX MathJax could
    find (its delimiters and commands never reach across an element).
    """
    parts = _TAG.split(html.replace("[", "&#91;"))
    parts[::2] = [part.replace("\\", '<span class="gg-bs">\\</span>') for part in parts[::2]]
    return "".join(parts)


def _model(guide: Guide, project: Project, kind: Kind, labels: dict[str, Any], css: str) -> genanki.Model:
    """The note type for one kind of item in this guide: its fields, its card, the stylesheet."""
    name = _TEMPLATE_NAMES[kind]
    front = render_template(project, f"anki/{name}-front.html", guide)
    back = render_template(project, f"anki/{name}-back.html", guide)
    return genanki.Model(
        stable_id(guide.meta.id, "note type", kind),
        f"{deck_names(guide, labels)[0]} · {labels['kind'][kind]}",
        fields=[{"name": field} for field in FIELDS[kind]],
        templates=[{"name": CARD, "qfmt": front, "afmt": back}],
        css=css,
    )


Subdecks = dict[tuple[Kind, int | None], genanki.Deck]


def _decks(guide: Guide, items: list[Item], labels: dict[str, Any]) -> tuple[genanki.Deck, Subdecks]:
    """The guide's deck, described by the guide, and a subdeck for each kind it has, each with its
    instruction, and under it one for each of its groups (keyed by kind and group)."""
    top, names = deck_names(guide, labels)
    about: dict[Kind, str] = {"technical": guide.technical.instruction or "",
                              "behavioural": guide.behavioural.instruction or "",
                              "red_flag": str(labels["red_flags_intro"])}
    ident = guide.meta.id
    parent = genanki.Deck(stable_id(ident, "deck"), top, _text(guide.meta.description or ""))
    subdecks: Subdecks = {}
    for kind, name in names.items():
        for chapter in chapters(guide, items, kind):
            if chapter.title is None:
                subdecks[kind, None] = genanki.Deck(stable_id(ident, "deck", kind), name, _text(about[kind]))
            else:
                subdecks[kind, chapter.index] = genanki.Deck(
                    stable_id(ident, "deck", kind, chapter.title), f"{name}::{_name(chapter.title)}",
                    _text(about[kind]))
    return parent, subdecks


def _package(decks: list[genanki.Deck], guide: Guide, when: dt.datetime) -> bytes:
    """The .apkg: genanki's collection with every time set to `when`, in a reproducible zip."""
    seconds = int(when.timestamp())
    # Note and card ids are creation times in Anki: the guide's date, spread by its id within the
    # day so that two guides of one date do not share ids.
    first_id = seconds * 1000 + stable_id(guide.meta.id, "note ids") % _DAY_MS
    db = sqlite3.connect(":memory:")
    try:
        genanki.Package(decks).write_to_db(db.cursor(), seconds, itertools.count(first_id))
        _date_collection(db, seconds)
        db.commit()
        collection = db.serialize()
    finally:
        db.close()
    return write_zip([("collection.anki2", collection), ("media", b"{}")], when)


def _date_collection(db: sqlite3.Connection, seconds: int) -> None:
    """The collection's own times and its decks' as the notes', cards' and note types' (genanki
    dates those with the time it is given, but keeps fixed dates from 2015 for the rest)."""
    db.execute("UPDATE col SET crt = ?, mod = ?, scm = ?", (seconds, seconds * 1000, seconds * 1000))
    for column in ("decks", "dconf"):
        (text,) = db.execute(f"SELECT {column} FROM col").fetchone()
        table = {key: {**value, "mod": seconds} for key, value in json.loads(text).items()}
        db.execute(f"UPDATE col SET {column} = ?", (json.dumps(table),))
