"""The candidate model (model/packs.py): folder names no name can turn into a path, stage times, and
how long a guide's stage says it takes."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from guidegen.model.packs import Candidate, clock, fingerprint, minutes, slug


@pytest.mark.parametrize(("name", "expected"), [
    ("José Núñez", "jose-nunez"),
    ("Zoë Ødegaard", "zoe-odegaard"),
    ("Łukasz Wałęsa", "lukasz-walesa"),
    ("../<script>alert(1)</script>", "script-alert-1-script"),
    ("..\\..\\Windows\\System32", "windows-system32"),
    ("山田 太郎", "candidate"),
    ("   ", "candidate"),
])
def test_a_name_becomes_a_folder_name_that_is_never_a_path(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_a_long_name_is_cut_and_never_ends_on_a_hyphen() -> None:
    made = slug("Maximiliana Alexandra Konstantinopoulou-Vanderbilt de la Cruz")
    assert made == "maximiliana-alexandra-konstantinopoulou"
    assert len(made) <= 40 and not made.endswith("-")


def _candidate(**fields: object) -> Candidate:
    data = {"name": "Ana Souza", "date": "2027-01-14", "time_zone": "Europe/London",
            "stages": [{"time": "10:00"}], **fields}
    return Candidate.model_validate(data)


def test_two_candidates_of_one_name_get_two_folders_and_each_keeps_theirs() -> None:
    first = _candidate(email="ana@example.com")
    second = _candidate(email="ana.souza@example.org")
    assert first.folder() != second.folder()
    assert first.folder().startswith("ana-souza-") and second.folder().startswith("ana-souza-")
    moved = _candidate(email="ana@example.com", date="2027-02-01", stages=[{"time": "15:00"}])
    assert moved.folder() == first.folder()  # new times, same candidate, same folder
    assert fingerprint(" Ana Souza ", "ANA@example.com") == fingerprint("ana souza", "ana@example.com")


@pytest.mark.parametrize(("duration", "expected"), [
    ("30 min", 30), ("45–60 min", 60), ("45-60 minutes", 60), ("1 hour", 60), ("1h30", 90),
    ("1 h 15 min", 75), ("1.5 hours", 90), ("2 Stunden", 120), ("30分", 30), ("1時間", 60),
    ("1 ساعة", 60), ("45 мин", 45), ("about an hour", None), ("", None),
])
def test_a_stages_duration_in_minutes_at_most(duration: str, expected: int | None) -> None:
    assert minutes(duration) == expected


def test_stage_times_start_and_end_in_the_zone_they_are_booked_in() -> None:
    candidate = _candidate(stages=[{"time": "09:30-10:15"}, {"time": "14.00", "stage": 4}])
    (first, one), (fourth, other) = candidate.slots()
    assert (first, fourth) == (1, 4)
    start, end = one.times(candidate.date, "Europe/London")
    assert (start.isoformat(), end and end.isoformat()) == ("2027-01-14T09:30:00+00:00",
                                                            "2027-01-14T10:15:00+00:00")
    start, end = other.times(candidate.date, "Asia/Tokyo")
    assert start.isoformat() == "2027-01-14T14:00:00+09:00" and end is None
    assert clock("9:05") == dt.time(9, 5) and clock("14h15") == dt.time(14, 15)


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"time_zone": "Europe/Londn"}, "time_zone", "did you mean Europe/London?"),
    ({"time_zone": "GMT+1"}, "time_zone", "is not a time zone"),
    ({"stages": [{"time": "25:00"}]}, "stages.0.time", "is not a time of day"),
    ({"stages": [{"time": "11:00-10:00"}]}, "stages.0.time", "ends before it starts"),
    ({"email": "ana@"}, "email", "is not an email address"),
    ({"stages": []}, "stages", "at least 1"),
])
def test_what_a_row_cannot_be(fields: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(ValidationError) as raised:
        _candidate(**fields)
    [error] = raised.value.errors()
    assert ".".join(map(str, error["loc"])) == field and words in str(error["msg"])
