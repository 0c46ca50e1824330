"""A candidate's calendar invitation (editions/invitation.py), read back with `icalendar`: one event
per stage at the instant the packs file books (written here by hand, in UTC), in the candidate's own
time zone, with its place or link and how to prepare; and no alarm to rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from helpers.packs import HOSTILE, KENJI, ZOE, Pack, build, recruiter_project

UTC = dt.UTC
#: Each candidate's events: (summary, start, end, in UTC; location), from three.csv and the guide's
#: durations (Recruiter screen "30 min"; ML system design "45–60 min", so an hour).
EVENTS = {
    ZOE[2]: ("Europe/London", [
        ("Recruiter screen: MLOps Engineer interview", dt.datetime(2027, 1, 14, 10, 0, tzinfo=UTC),
         dt.datetime(2027, 1, 14, 10, 30, tzinfo=UTC), "https://meet.example.com/zoe"),
        ("ML system design: MLOps Engineer interview", dt.datetime(2027, 1, 14, 14, 0, tzinfo=UTC),
         dt.datetime(2027, 1, 14, 15, 0, tzinfo=UTC), "Room 4, 1 King Street, London")]),
    KENJI[2]: ("America/New_York", [  # booked in London time
        ("Recruiter screen: MLOps Engineer interview", dt.datetime(2027, 1, 14, 9, 30, tzinfo=UTC),
         dt.datetime(2027, 1, 14, 10, 0, tzinfo=UTC), "https://meet.example.com/kenji"),
        ("ML system design: MLOps Engineer interview", dt.datetime(2027, 1, 14, 13, 0, tzinfo=UTC),
         dt.datetime(2027, 1, 14, 14, 0, tzinfo=UTC), "https://meet.example.com/kenji-design")]),
    HOSTILE[2]: ("Europe/London", [
        ("Recruiter screen: MLOps Engineer interview", dt.datetime(2027, 1, 15, 11, 0, tzinfo=UTC),
         dt.datetime(2027, 1, 15, 11, 30, tzinfo=UTC), "Room 2"),
        ("ML system design: MLOps Engineer interview", dt.datetime(2027, 1, 15, 15, 0, tzinfo=UTC),
         dt.datetime(2027, 1, 15, 16, 30, tzinfo=UTC), "Room 2")]),
}


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pack]:
    return build(recruiter_project(tmp_path_factory.mktemp("recruiter") / "project"), "packs/three.yaml")


@pytest.mark.parametrize("who", list(EVENTS))
def test_one_event_per_stage_at_the_booked_instant_in_the_candidates_zone(packs: dict[str, Pack],
                                                                          who: str) -> None:
    calendar = Calendar.from_ical(packs[who].invitation.read_bytes())
    zone, expected = EVENTS[who]
    assert str(calendar["method"]) == "PUBLISH" and str(calendar["version"]) == "2.0"
    assert [str(timezone["tzid"]) for timezone in calendar.walk("VTIMEZONE")] == [zone]
    events = calendar.walk("VEVENT")
    found = [(str(event["summary"]), event.decoded("dtstart").astimezone(UTC),
              event.decoded("dtend").astimezone(UTC), str(event["location"])) for event in events]
    assert found == expected
    for event in events:
        assert event["dtstart"].params["TZID"] == zone and event["dtend"].params["TZID"] == zone
        assert event.decoded("dtstart").tzinfo is not None
    assert not calendar.walk("VALARM")
    assert len({str(event["uid"]) for event in events}) == len(events)


def test_the_description_says_what_happens_whom_they_meet_and_how_to_prepare(packs: dict[str, Pack]) -> None:
    first, second = Calendar.from_ical(packs[ZOE[2]].invitation.read_bytes()).walk("VEVENT")
    text = str(first["description"])
    assert text.startswith("Background, cloud platform experience (AWS/GCP/Azure), and specific MLOps")
    assert "Join online: https://meet.example.com/zoe" in text
    assert "With: Priya Shah, Staff ML Engineer, leads the platform team" in text
    assert "How to prepare: Prepare to discuss a production ML pipeline you've built end-to-end." in text
    assert str(first["url"]) == "https://meet.example.com/zoe" and "url" not in second
    assert "With: Tom Reed, Hiring Manager; Ana Lima, Senior MLOps Engineer" in str(second["description"])


def test_an_invitation_sent_again_updates_the_same_events(packs: dict[str, Pack],
                                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    """Another build of the same round (from the CSV this time) makes the same bytes: same UIDs, the
    stamp the guide's date, not the clock."""
    again = build(recruiter_project(tmp_path_factory.mktemp("again") / "project"), "packs/three.csv",
                  "--jobs", "1")
    for who, pack in packs.items():
        assert again[who].invitation.read_bytes() == pack.invitation.read_bytes()
        assert again[who].pdf.read_bytes() == pack.pdf.read_bytes()
        assert again[who].folder.name == pack.folder.name
