"""A candidate's calendar invitation: an iCalendar file (RFC 5545) with one event per stage.

Each event starts and ends at the instant the packs file books, written in the candidate's own time
zone (with its VTIMEZONE, so any calendar shows it right), where the stage takes place (the room, or
the video link, also the event's URL), and in its description what happens, whom the candidate
meets and how to prepare. Calendars drop alarms from an imported file, so there is none to rely on.

The file is the same bytes for the same input: the stamp is the guide's date (or
SOURCE_DATE_EPOCH), never the clock, and each event's UID is made from who the candidate is and the
stage, so a file sent again after a change updates the events already in the calendar.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from ..model.guide import Guide
from ..model.packs import Candidate, fingerprint
from ..render.templates import source_date
from .packs import Visit, role, visits

PRODUCT = "-//guidegen//candidate pack//EN"


def write_invitation(candidate: Candidate, guide: Guide, labels: Any) -> bytes:
    """The .ics file's bytes."""
    from icalendar import Calendar, Event, vText

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(_timezone(candidate.time_zone, candidate.date.year))
    stamp = source_date(guide)
    who = fingerprint(candidate.name, candidate.email or "", candidate.guide or guide.meta.id)
    for visit in visits(candidate, guide):
        event = Event()
        event.add("uid", f"{who}-{guide.meta.id}-stage-{visit.number}@guidegen")
        event.add("dtstamp", stamp)
        event.add("sequence", 0)
        position = role(candidate, guide)
        event.add("summary", labels["event"].format(stage=visit.name, role=position) if position
                  else visit.name)
        event.add("dtstart", visit.start)
        if visit.end is not None:
            event.add("dtend", visit.end)
        where = visit.place or visit.link
        if where:
            event.add("location", vText(where))
        if visit.link:
            event.add("url", visit.link)
        event.add("description", _description(visit, labels))
        calendar.add_component(event)
    return bytes(calendar.to_ical())


@cache
def _timezone(zone: str, year: int) -> Any:
    """The zone's VTIMEZONE, with its rules for the years around the interview: enough for every
    calendar, and a small file (the default span, 1970 to 2038, lists every change in those years).
    Made once per zone and year: a build of many packs has few of either."""
    from icalendar import Timezone

    return Timezone.from_tzid(zone, first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1))


def _description(visit: Visit, labels: Any) -> str:
    colon = labels["colon"]
    lines = [visit.what_happens] if visit.what_happens else []
    if visit.link:
        lines.append(f"{labels['online']}{colon} {visit.link}")
    if visit.people:
        people = "; ".join(", ".join(part for part in person if part) for person in visit.people)
        lines.append(f"{labels['with']}{colon} {people}")
    if visit.prepare:
        lines.append(f"{labels['prepare']}{colon} {visit.prepare}")
    return "\n\n".join(lines)
