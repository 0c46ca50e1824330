"""Candidate packs: who is interviewed when, where and by whom, as a recruiter's packs file says.

A packs file (load/packs.py reads it, CSV or YAML) lists candidates. Each one comes for a guide's
interviews on a date, in a time zone, and sits some of the guide's stages, each at a time, in a
place (a room, an address, or a video link) with interviewers. The guide says what each stage is,
how long it takes and how to prepare; the packs file says only what is personal.

Times are written as the recruiter books them, in `times_in` (by default the candidate's own time
zone), and are shown to the candidate in their own zone; the calendar invitation carries the
instant itself.

Each candidate's files go into a folder of their own (`folder`): a slug of the name, which no name
can turn into a path, plus a short hash of who they are (name, email, guide), so that two
candidates of one name never share a folder and a candidate keeps theirs when their times move.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from functools import cache
from typing import Annotated
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, Field, WithJsonSchema

from .guide import HttpsUrl, Slug, Strict, Text, _about

_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
_CLOCK = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")
#: A stage's time: a start, or a start and an end ("10:00", "10:00-10:45", "10.00–10.45").
_RANGE = re.compile(r"^\s*([^-–—]+?)\s*(?:[-–—]|to)\s*([^-–—]+?)\s*$")


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _check_zone(value: str) -> str:
    value = value.strip()
    if value not in _zones():
        from difflib import get_close_matches

        near = get_close_matches(value, sorted(_zones()), n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]}?" if near else ""
        raise ValueError(f"'{value}' is not a time zone: write it as the tz database names it, such "
                         f"as Europe/London or America/New_York{hint}")
    return value


def _check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValueError(f"'{value}' is not an email address")
    return value


def clock(text: str) -> dt.time:
    """A time of day written 10:00, 9:30, 14.15 or 14h15; ValueError naming what is wrong."""
    found = _CLOCK.match(text)
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise ValueError(f"'{text.strip()}' is not a time of day: write it as 10:00, or 10:00-10:45 "
                         "with its end")
    return dt.time(int(found.group(1)), int(found.group(2)))


def _check_times(value: str) -> str:
    span = _RANGE.match(value)
    if span and _CLOCK.match(span.group(1)):
        start, end = clock(span.group(1)), clock(span.group(2))
        if end <= start:
            raise ValueError(f"'{value.strip()}' ends before it starts")
    else:
        clock(value)
    return value.strip()


TimeZone = Annotated[str, AfterValidator(_check_zone),
                     WithJsonSchema({"type": "string", "pattern": "^[A-Za-z_+-]+(?:/[A-Za-z0-9_+-]+)*$"})]
Email = Annotated[str, AfterValidator(_check_email), WithJsonSchema({"type": "string"})]
Times = Annotated[str, AfterValidator(_check_times),
                  WithJsonSchema({"type": "string", "pattern": "^\\s*\\d{1,2}[:.h]\\d{2}"})]


class Interviewer(Strict):
    name: Annotated[Text, _about("Who the candidate meets, e.g. Priya Shah.")]
    title: Annotated[Text | None, _about("Optional: their job title, e.g. Staff ML Engineer.")] = None
    bio: Annotated[Text | None, _about("Optional: one line about them.")] = None


class Slot(Strict):
    """One stage of a candidate's day: which of the guide's stages, when, where, and with whom."""

    stage: Annotated[int, Field(ge=1), _about(
        "Optional: which of the guide's stages, counted from 1 (default: the slot's place in the "
        "list).")] = 0
    time: Annotated[Times, _about("When it starts, e.g. 10:00, or when it starts and ends, e.g. "
                                  "10:00-10:45, in the candidate's times_in zone.")]
    place: Annotated[Text | None, _about("Optional: a room or an address.")] = None
    link: Annotated[HttpsUrl | None, _about("Optional: the video call's https:// link.")] = None
    interviewers: Annotated[list[Interviewer], Field(default_factory=list),
                            _about("Optional: who the candidate meets.")]

    def times(self, day: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime | None]:
        """When the slot starts and (if written) ends, on this day in this zone."""
        span = _RANGE.match(self.time)
        start, end = (span.group(1), span.group(2)) if span and _CLOCK.match(span.group(1)) \
            else (self.time, None)
        place = ZoneInfo(zone)
        return (dt.datetime.combine(day, clock(start), place),
                dt.datetime.combine(day, clock(end), place) if end else None)


class Candidate(Strict):
    """One candidate: who they are, which guide prepares them, and their day."""

    name: Annotated[Text, _about("The candidate's name, as the cover greets them.")]
    email: Annotated[Email | None, _about("Optional: their email address (the invitation's "
                                          "attendee).")] = None
    guide: Annotated[Slug | None, _about(
        "The id of the guide for their role (may be left out when the project has one guide).")] = None
    role: Annotated[Text | None, _about("Optional: the role (default: the guide's role, else its "
                                        "title).")] = None
    date: Annotated[dt.date, _about("The interview date, written 2027-01-14.")]
    time_zone: Annotated[TimeZone, _about("The candidate's time zone, e.g. Europe/London: the pack "
                                          "shows every time in it.")]
    times_in: Annotated[TimeZone | None, _about(
        "Optional: the time zone the slots' times are written in (default: time_zone).")] = None
    next_steps: Annotated[Text | None, _about(
        "Optional: what happens after the interviews (default: the brand's next_steps).")] = None
    stages: Annotated[list[Slot], Field(min_length=1), _about(
        "The stages the candidate sits, in order.")]

    def slots(self) -> list[tuple[int, Slot]]:
        """Each slot with the number of the guide's stage it is: its own `stage`, else its place."""
        return [(slot.stage or index + 1, slot) for index, slot in enumerate(self.stages)]

    @property
    def booked_in(self) -> str:
        return self.times_in or self.time_zone

    def folder(self) -> str:
        """The candidate's own folder name: a slug of their name and a short hash of who they are."""
        return f"{slug(self.name)}-{fingerprint(self.name, self.email or '', self.guide or '')}"


class Packs(Strict):
    """A packs file: the candidates, one each."""

    candidates: Annotated[list[Candidate], Field(min_length=1), _about("One per candidate.")]


#: Latin letters that do not decompose into a letter and an accent.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                          "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ı": "i",
                          "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H"})


def slug(name: str) -> str:
    """A file name's worth of a person's name: ASCII letters and digits joined by hyphens, at most
    40 characters ("José Núñez" -> "jose-nunez"); "candidate" when nothing of it is left (a name in
    another script, or in symbols only). Never a path: no dot, slash or backslash survives."""
    plain = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    ascii_only = plain.encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_only.lower())
    text = "-".join(words)[:40].strip("-")
    return text or "candidate"


def fingerprint(*parts: str) -> str:
    """Eight hex digits that stay the same for the same parts (stable across runs and machines)."""
    joined = "\x1f".join(unicodedata.normalize("NFC", part.strip()).casefold() for part in parts)
    return hashlib.sha256(joined.encode()).hexdigest()[:8]


#: Words for an hour in the languages guidegen speaks (a stage's duration is the guide's own text,
#: e.g. "45–60 min", "1 hour", "1h30", "1 Stunde", "30分", "1 ساعة"); a number with any other word,
#: or none, is minutes.
_HOURS = re.compile(r"^(?:h|hr|hrs|hour|hours|std|stunde|stunden|heure|heures|hora|horas|ora|ore|uur|"
                    r"godz|godzina|godziny|godzin|時間|小时|小時|시간|ساعة|ساعات|घंटा|घंटे|שעה|שעות|"
                    r"час|часа|часов|година|години|годин|ώρα|ώρες|ชั่วโมง|saat|timme|timmar|tim|giờ|jam)\.?$",
                    re.IGNORECASE)
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]*\.?)")
_SPAN = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:[-–—~〜]|to|bis|à|a|до|-)\s*(\d+(?:[.,]\d+)?)\s*([^\W\d_]*\.?)",
                   re.IGNORECASE)


def minutes(duration: str) -> int | None:
    """How many minutes a stage's duration says, at most ("45–60 min" -> 60: a calendar keeps the
    longest free), or None where it says no number."""
    text = unicodedata.normalize("NFKC", duration)
    span = _SPAN.search(text)
    if span:
        upper = float(span.group(2).replace(",", "."))
        return round(upper * 60) if _HOURS.match(span.group(3)) else round(upper)
    total = 0.0  # "1 h 15 min", "1h30": each number in its unit, minutes where it names none
    for number, unit in _AMOUNT.findall(text):
        total += float(number.replace(",", ".")) * (60 if _HOURS.match(unit) else 1)
    return round(total) if total else None
