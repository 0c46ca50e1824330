"""The Guide: one validated model that every edition renders from.

Text fields are `Text` (non-empty, only characters XML 1.0 allows); answers are `Markdown` (the same,
plus links limited to https/mailto and no images, so nothing is ever fetched). Models reject unknown
keys so a misspelt field is an error, not silently ignored content.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

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


Text = Annotated[str, AfterValidator(_check_text)]
Markdown = Annotated[str, AfterValidator(_check_markdown)]
HttpsUrl = Annotated[str, AfterValidator(_check_text), AfterValidator(_check_https)]
Slug = Annotated[str, StringConstraints(pattern=_SLUG, max_length=80)]
Colour = Annotated[str, AfterValidator(_check_colour)]
Paper = Literal["a4", "letter"]
CardSize = Literal["a6", "a7", "index"]
Flip = Literal["long", "short"]


class Strict(BaseModel):
    """Base for every part of a guide: immutable, and no key it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Meta(Strict):
    """Who the guide is for and about; feeds covers, PDF metadata and the EPUB package."""

    id: Slug
    title: Text
    subtitle: Text
    kicker: Text | None = None
    role: Text
    deck: Annotated[Text, StringConstraints(max_length=16)]
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
    region: Text
    edition: Annotated[int, Field(ge=1900, le=2999)]
    updated: dt.date
    author: Text
    publisher: Text
    description: Text
    keywords: Annotated[list[Text], Field(min_length=1)]


class Settings(Strict):
    """Defaults a guide may set for its editions; command-line flags win over them."""

    paper: Paper = "a4"
    cards: CardSize = "a6"
    flip: Flip = "long"


class Contact(Strict):
    name: Text | None = None
    email: Text | None = None
    website: HttpsUrl | None = None


class Brand(Strict):
    """A recruiter's or careers service's identity, applied to every edition."""

    organisation: Text
    logo: Text | None = None
    accent: Colour | None = None
    contact: Contact | None = None
    footer: Text | None = None


class Stage(Strict):
    name: Text
    duration: Text
    what_happens: Text
    prepare: Text | None = None


class TechnicalQuestion(Strict):
    id: Slug
    question: Text
    topics: Annotated[list[Text], Field(min_length=1)]
    tools: list[Text] = []
    answer: Markdown


class TechnicalSection(Strict):
    instruction: Text
    questions: Annotated[list[TechnicalQuestion], Field(min_length=1)]


class BehaviouralQuestion(Strict):
    id: Slug
    question: Text
    shows: Text


class BehaviouralSection(Strict):
    instruction: Text
    questions: Annotated[list[BehaviouralQuestion], Field(min_length=1)]


class RedFlag(Strict):
    id: Slug
    flag: Text
    why: Text


class Resource(Strict):
    title: Text
    description: Text
    url: HttpsUrl | None = None


class Closing(Strict):
    """The call to action that ends a guide; `url` (optional) is where it sends the reader."""

    title: Text
    text: Text
    url: HttpsUrl | None = None


class Guide(Strict):
    """A whole guide, as read from one YAML file (plus an optional project brand.yaml)."""

    guide: Meta
    introduction: Text
    stages: Annotated[list[Stage], Field(min_length=1)]
    technical: TechnicalSection
    behavioural: BehaviouralSection
    red_flags: Annotated[list[RedFlag], Field(min_length=1)]
    resources: list[Resource] = []
    closing: Closing | None = None
    settings: Settings = Settings()
    brand: Brand | None = None

    @property
    def meta(self) -> Meta:
        return self.guide

    @property
    def closing_url(self) -> str | None:
        """Where a guide's closing sends the reader: its own `url`, else the brand's website."""
        if self.closing and self.closing.url:
            return self.closing.url
        return self.brand.contact.website if self.brand and self.brand.contact else None
