"""The Guide: one validated model that every edition renders from.

A guide needs an id, a title and at least one question, technical or behavioural; everything else
is optional, since the guides people already have hold some parts and not others, and every edition
leaves out what a guide lacks. Questions may be grouped under headings of their own (`groups`), as
a source has them: each group is a chapter in every edition. A question without its strong answer
(or what it shows, or why a flag matters) is a gap `guidegen check` warns about; the editions say
it is missing rather than print anything in its place.

Text fields are `Text` (non-empty, only characters XML 1.0 allows); answers are `Markdown` (the same,
plus links limited to https/mailto and no images, so nothing is ever fetched). Models reject unknown
keys so a misspelt field is an error, not silently ignored content.

Each field's description and each type's JSON Schema live here too: `guidegen schema` generates the
editors' schema from these classes (model/schema.py), so it can never drift from what the loader
accepts. A type's schema says what an editor sees: guidegen reads every YAML scalar as the text that
was written (`yes`, `1.10` stay text), so a text field accepts any scalar there as well.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from ..base.paper import DEFAULT_CARDS, DEFAULT_FLIP, DEFAULT_PAPER, CardSize, Flip, Paper
from .ids import SLUG_MAX, with_ids
from .markdown import markdown_problems

_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_URL_LENGTH = 2000  # what browsers and a version-40 QR code (2331 bytes at level M) both take


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    bad = _XML_FORBIDDEN.search(value)
    if bad:
        raise ValueError(
            f"contains U+{ord(bad.group()):04X} at character {bad.start() + 1}, "
            "which XML 1.0 (and so PDF text and EPUB) cannot carry"
        )
    return value


def _check_markdown(value: str) -> str:
    _check_text(value)
    problems = markdown_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


def _check_https(value: str) -> str:
    if len(value) > MAX_URL_LENGTH:
        raise ValueError(f"must be at most {MAX_URL_LENGTH} characters long (a printed QR code holds "
                         f"no more), not {len(value)}")
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"must be an https:// URL, not '{value}'")
    return value


def _check_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError(f"must be a colour written #rrggbb, not '{value}'")
    return value


#: What an editor may check of any text as one types: not blank, no character XML 1.0 forbids (the
#: C0 controls but tab and newlines, U+FFFE, U+FFFF). JavaScript and Python read these patterns alike.
_TEXT_PATTERN = "^(?=[\\s\\S]*\\S)[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]*$"
#: Markdown, as far as a pattern can tell: no inline link to a scheme but https: or mailto:.
_MARKDOWN_PATTERN = ("^(?![\\s\\S]*\\]\\(\\s*<?(?![Hh][Tt][Tt][Pp][Ss]:|[Mm][Aa][Ii][Ll][Tt][Oo]:)"
                     "[A-Za-z][A-Za-z0-9+.-]*:)" + _TEXT_PATTERN[1:])
_SCALAR = ["string", "number", "boolean"]  # what YAML may type a scalar as; guidegen keeps its text


Text = Annotated[str, AfterValidator(_check_text),
                 WithJsonSchema({"type": _SCALAR, "pattern": _TEXT_PATTERN})]
Markdown = Annotated[str, AfterValidator(_check_markdown),
                     WithJsonSchema({"type": _SCALAR, "pattern": _MARKDOWN_PATTERN})]
HttpsUrl = Annotated[str, AfterValidator(_check_text), AfterValidator(_check_https),
                     WithJsonSchema({"type": "string", "pattern": "^https://[^\\s/?#]+[^\\s]*$"})]
Slug = Annotated[str, StringConstraints(pattern=_SLUG, max_length=SLUG_MAX)]
DECK_MAX = 16  # characters of a flashcard's deck name


def is_slug(text: str) -> bool:
    """Whether `text` is a valid Slug: what a guide's id must be, since it names the guide's files."""
    return len(text) <= SLUG_MAX and re.match(_SLUG, text) is not None
Colour = Annotated[str, AfterValidator(_check_colour),
                   WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"})]
Year = Annotated[int, Field(ge=1900, le=2999), WithJsonSchema({"anyOf": [
    {"type": "integer", "minimum": 1900, "maximum": 2999},
    {"type": "string", "pattern": "^(?:19|2[0-9])[0-9]{2}$"}]})]


_ID = ("Unique in the guide: lowercase letters, digits and single hyphens; its anchor and its Anki "
       "note. Optional: without it, one is made from its words (and changes when they do).")


class Strict(BaseModel):
    """Base for every part of a guide: immutable, and no key it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _about(text: str) -> Any:
    """A field's description: shown by editors as one hovers or completes it (`guidegen schema`)."""
    return Field(description=text)


class Meta(Strict):
    """Who the guide is for and about; feeds covers, PDF metadata and the EPUB package. Only the id
    and the title are needed: what is left out is left out of every edition."""

    id: Annotated[Slug, _about("Names the output files: lowercase letters, digits and single hyphens, "
                               "e.g. mlops-engineer-uk.")]
    title: Annotated[Text, _about("The guide's title, on every cover.")]
    subtitle: Annotated[Text | None, _about("Optional: the line under the title.")] = None
    kicker: Annotated[Text | None, _about("Optional: the small line above the title.")] = None
    role: Annotated[Text | None, _about("Optional: the job the guide prepares for, e.g. MLOps "
                                        "Engineer.")] = None
    deck: Annotated[Text | None, StringConstraints(max_length=16), _about(
        "Optional: a short name printed on every flashcard (at most 16 characters), e.g. MLOps; "
        "else the title's first words.")] = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"), _about(
        "The guide's language as a BCP 47 tag, e.g. en-GB, en-US, de-DE: sets the editions' words "
        "(default: en).")] = "en"
    region: Annotated[Text | None, _about("Optional: where the roles are, e.g. United Kingdom.")] = None
    edition: Annotated[Year | None, _about("Optional: the edition's year, e.g. 2026.")] = None
    updated: Annotated[dt.date | None, _about(
        "Optional: a date written YYYY-MM-DD, stamped into every output (never the clock; without "
        "it, outputs carry no date of their own).")] = None
    author: Annotated[Text | None, _about("Optional: who wrote the guide (PDF and EPUB metadata).")] = None
    publisher: Annotated[Text | None, _about("Optional: who publishes it (PDF and EPUB metadata).")] = None
    description: Annotated[Text | None, _about("Optional: one sentence for PDF and EPUB metadata.")] = None
    keywords: Annotated[list[Text], _about("Optional: search keywords for PDF and EPUB metadata.")] = []
    url: Annotated[HttpsUrl | None, _about(
        "Optional: where the web edition is published, its canonical address (https).")] = None

    @property
    def deck_name(self) -> str:
        """What every flashcard is labelled with: `deck`, else as many of the title's first words as
        fit its 16 characters (the first word cut to fit if it is longer)."""
        if self.deck:
            return self.deck
        words, name = self.title.split(), ""
        for word in words:
            if len(f"{name} {word}".strip()) > DECK_MAX:
                break
            name = f"{name} {word}".strip()
        return name or self.title.strip()[:DECK_MAX]


class Settings(Strict):
    """Defaults a guide may set for its editions; command-line flags win over them."""

    paper: Annotated[Paper, _about("Paper of the print booklet, the handout and the card sheets: a4 or "
                                   "letter.")] = DEFAULT_PAPER
    cards: Annotated[CardSize, _about("Flashcard size: a6 (4 to a sheet), a7 (8) or index (5×3 in).")] = (
        DEFAULT_CARDS)
    flip: Annotated[Flip, _about("How the printer turns the paper for duplex: long or short edge.")] = (
        DEFAULT_FLIP)


class Contact(Strict):
    name: Annotated[Text | None, _about("A person to contact.")] = None
    email: Annotated[Text | None, _about("Their email address.")] = None
    website: Annotated[HttpsUrl | None, _about("An https:// web address.")] = None


class Brand(Strict):
    """A recruiter's or careers service's identity, applied to every edition."""

    organisation: Annotated[Text, _about("The organisation's name, on every edition.")]
    logo: Annotated[Text | None, _about("An .svg or .png file inside the project, e.g. "
                                        "assets/logo.svg.")] = None
    accent: Annotated[Colour | None, _about("Accent colour written #rrggbb.")] = None
    contact: Annotated[Contact | None, _about("A contact line on covers and title pages.")] = None
    footer: Annotated[Text | None, _about("A line at the foot of pages, e.g. Sent to you by Acme "
                                          "Careers.")] = None
    next_steps: Annotated[Text | None, _about(
        "Optional: what happens after the interviews, on every candidate's pack (guidegen build "
        "--packs), e.g. We will call you within a week.")] = None


class Stage(Strict):
    name: Annotated[Text, _about("The stage's name, e.g. Recruiter screen.")]
    duration: Annotated[Text | None, _about("Optional: how long it takes, e.g. 30 min.")] = None
    what_happens: Annotated[Text | None, _about("Optional: what happens in it.")] = None
    prepare: Annotated[Text | None, _about("Optional: how to prepare for it.")] = None


class TechnicalQuestion(Strict):
    id: Annotated[Slug, _about(_ID)] = ""  # made from its words when left out (Guide._ids)
    question: Annotated[Text, _about("The question, as the interviewer asks it.")]
    topics: Annotated[list[Text], _about("What the question covers, shown beside it, e.g. [CI/CD, "
                                         "Pipelines]; `guidegen check` warns when there are none.")] = []
    tools: Annotated[list[Text], _about("Optional: tools the answer names, listed under it.")] = []
    answer: Annotated[Markdown | None, _about(
        "The strong answer, in Markdown: paragraphs, lists, *emphasis*, **bold**, `code`, code "
        "blocks, tables, [links](https://…) to https: or mailto: only. An image prints as its "
        "description; raw HTML prints as the text written. Without it, the editions say the answer "
        "is still to come and `guidegen check` warns.")] = None


class TechnicalGroup(Strict):
    title: Annotated[Text, _about("The group's heading, e.g. Git or Kubernetes basics: a chapter in "
                                  "every edition.")]
    questions: Annotated[list[TechnicalQuestion], Field(min_length=1), _about(
        "The group's questions, numbered on from the group before: Q1, Q2…")]


def _one_way(questions: list[Any], groups: list[Any]) -> None:
    if questions and groups:
        raise ValueError("holds both questions and groups: put every question in a group, or list "
                         "them all under questions")


class TechnicalSection(Strict):
    instruction: Annotated[Text | None, _about("Optional: printed with every technical question, e.g. "
                                               "Write your own answer first, then compare.")] = None
    questions: Annotated[list[TechnicalQuestion], _about(
        "The technical questions, in order: Q1, Q2… (or `groups` of them).")] = []
    groups: Annotated[list[TechnicalGroup], _about(
        "Or: the technical questions in groups, each under its heading, in order.")] = []

    @model_validator(mode="after")
    def _questions_or_groups(self) -> TechnicalSection:
        _one_way(self.questions, self.groups)
        return self

    @property
    def every(self) -> list[TechnicalQuestion]:
        """Every question, grouped or not, in order."""
        return [*self.questions, *(q for group in self.groups for q in group.questions)]


class BehaviouralQuestion(Strict):
    id: Annotated[Slug, _about(_ID)] = ""  # made from its words when left out (Guide._ids)
    question: Annotated[Text, _about("The question, as the interviewer asks it.")]
    shows: Annotated[Text | None, _about(
        "What a strong answer shows: the back of its sheet and card. Without it, the editions say "
        "it is still to come and `guidegen check` warns.")] = None


class BehaviouralGroup(Strict):
    title: Annotated[Text, _about("The group's heading, e.g. Leadership & Teamwork.")]
    questions: Annotated[list[BehaviouralQuestion], Field(min_length=1), _about(
        "The group's questions, numbered on from the group before: B1, B2…")]


class BehaviouralSection(Strict):
    instruction: Annotated[Text | None, _about("Optional: printed with every behavioural question, "
                                               "e.g. Use STAR format and keep answers to 2–3 "
                                               "minutes.")] = None
    questions: Annotated[list[BehaviouralQuestion], _about(
        "The behavioural questions, in order: B1, B2… (or `groups` of them).")] = []
    groups: Annotated[list[BehaviouralGroup], _about(
        "Or: the behavioural questions in groups, each under its heading, in order.")] = []

    @model_validator(mode="after")
    def _questions_or_groups(self) -> BehaviouralSection:
        _one_way(self.questions, self.groups)
        return self

    @property
    def every(self) -> list[BehaviouralQuestion]:
        """Every question, grouped or not, in order."""
        return [*self.questions, *(q for group in self.groups for q in group.questions)]


class RedFlag(Strict):
    id: Annotated[Slug, _about(_ID)] = ""  # made from its words when left out (Guide._ids)
    flag: Annotated[Text, _about("The warning sign in an employer, in a few words.")]
    why: Annotated[Text | None, _about("Why it matters (without it, `guidegen check` warns).")] = None


class Resource(Strict):
    title: Annotated[Text, _about("The resource's name.")]
    description: Annotated[Text | None, _about("Optional: what it offers, in a line.")] = None
    url: Annotated[HttpsUrl | None, _about("Optional: its https:// address (printed with a QR code); "
                                           "`guidegen check` warns when there is none.")] = None


class Closing(Strict):
    """The call to action that ends a guide; `url` (optional) is where it sends the reader."""

    title: Annotated[Text, _about("The closing section's heading, e.g. Ready to apply?")]
    text: Annotated[Text, _about("Its text.")]
    url: Annotated[HttpsUrl | None, _about(
        "Optional: where the call to action sends the reader (https), printed with a QR code.")] = None


class Guide(Strict):
    """A whole guide, as read from one YAML file (plus an optional project brand.yaml)."""

    model_config = ConfigDict(title="guidegen guide")

    guide: Annotated[Meta, _about("Who the guide is for and about.")]
    introduction: Annotated[Text | None, _about("Optional: the paragraph under the title.")] = None
    stages: Annotated[list[Stage], _about("Optional: the interview process, stage by stage.")] = []
    technical: Annotated[TechnicalSection, _about(
        "The technical questions and their strong answers (a guide needs at least one question, "
        "technical or behavioural).")] = TechnicalSection()
    behavioural: Annotated[BehaviouralSection, _about(
        "The behavioural questions and what they show.")] = BehaviouralSection()
    red_flags: Annotated[list[RedFlag], _about("Optional: warning signs in an employer.")] = []
    resources: Annotated[list[Resource], _about("Optional: where to prepare further.")] = []
    closing: Annotated[Closing | None, _about("Optional: a closing section, e.g. a call to apply.")] = None
    settings: Annotated[Settings, _about("Optional: the editions' defaults; command-line flags "
                                         "win.")] = Settings()
    brand: Annotated[Brand | None, _about("Optional: a recruiter's or careers service's identity on "
                                          "every edition (or a brand.yaml in the project).")] = None

    @model_validator(mode="before")
    @classmethod
    def _ids(cls, data: Any) -> Any:
        return with_ids(data)

    @model_validator(mode="after")
    def _has_questions(self) -> Guide:
        if not self.technical.every and not self.behavioural.every:
            raise ValueError("a guide needs at least one question: add technical.questions (or "
                             "behavioural.questions), each with its question")
        return self

    @property
    def meta(self) -> Meta:
        return self.guide

    @property
    def closing_url(self) -> str | None:
        """Where a guide's closing sends the reader: its own `url`, else the brand's website."""
        if self.closing and self.closing.url:
            return self.closing.url
        return self.brand.contact.website if self.brand and self.brand.contact else None
