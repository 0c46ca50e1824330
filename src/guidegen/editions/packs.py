"""A candidate's pack: their own pages around the guide's handout, as one tagged PDF.

The pack opens on a cover addressed to the candidate (greeting, role, date) and their itinerary
(each stage: when, in their own time zone; where, or the video link; whom they meet; how long; how
to prepare, from the guide's stages), then the guide's handout page for page, then what happens
next and the recruiter's contact (templates/packs/pack.html).

The handout is the same for every candidate of a guide, so a process lays it out once
(`_handout`) and only the candidate's pages per candidate; WeasyPrint's `Document.copy` puts the
pages of both into one document, which is written, fonts subset, once. The candidate's pages are a
letter around the handout: they carry the footer line but no page number, and the handout keeps the
numbers every candidate's copy has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..base.paper import PAPERS
from ..model.guide import Guide
from ..model.labels import long_date
from ..model.packs import Candidate, minutes
from ..render.pdf import lay_out, write_pdf
from ..render.project import Project
from ..render.templates import render_template
from . import handout

if TYPE_CHECKING:

    from ..base.paper import Paper

STYLESHEETS = [*handout.STYLESHEETS, "pack.css"]
#: Where the candidate's closing part starts (an id of templates/packs/pack.html).
END = "pack-end"


@dataclass(frozen=True)
class Visit:
    """One stage of a candidate's day, as the pack and the invitation show it."""

    number: int  # the guide's stage, from 1
    name: str
    start: dt.datetime  # in the candidate's time zone
    end: dt.datetime | None
    duration: str | None
    what_happens: str | None
    prepare: str | None
    place: str | None
    link: str | None
    people: tuple[tuple[str, str | None, str | None], ...]  # name, title, bio


def role(candidate: Candidate, guide: Guide) -> str | None:
    """The role the candidate is interviewed for: the packs file's, else the guide's, if either says."""
    return candidate.role or guide.meta.role


def visits(candidate: Candidate, guide: Guide) -> list[Visit]:
    """The candidate's stages in order of time, each in their own time zone, with its end where the
    packs file writes it or the guide's duration says it."""
    own = ZoneInfo(candidate.time_zone)
    found = []
    for number, slot in candidate.slots():
        stage = guide.stages[number - 1]
        start, end = slot.times(candidate.date, candidate.booked_in)
        length = minutes(stage.duration) if stage.duration else None
        if end is None and length is not None:
            end = start + dt.timedelta(minutes=length)
        found.append(Visit(number, stage.name, start.astimezone(own), end.astimezone(own) if end else None,
                           stage.duration, stage.what_happens, stage.prepare, slot.place, slot.link,
                           tuple((person.name, person.title, person.bio) for person in slot.interviewers)))
    return sorted(found, key=lambda visit: (visit.start, visit.number))


def zone_name(zone: str, when: dt.datetime) -> str:
    """A time zone as the candidate reads it: its name and its offset from UTC on the day."""
    offset = when.astimezone(ZoneInfo(zone)).strftime("%z")
    return f"{zone} (UTC{offset[:3]}:{offset[3:]})"


def _span(start: dt.datetime, end: dt.datetime | None) -> str:
    return f"{start:%H:%M}–{end:%H:%M}" if end else f"{start:%H:%M}"


def context(candidate: Candidate, guide: Guide, labels: Any) -> dict[str, Any]:
    """What templates/packs/pack.html shows of a candidate."""
    day = visits(candidate, guide)
    first = day[0].start
    booked = ZoneInfo(candidate.booked_in)
    itinerary = []
    for visit in day:
        time = _span(visit.start, visit.end)
        if visit.start.date() != first.date():
            time = f"{long_date(visit.start.date(), labels)} {time}"
        elsewhere = None
        if candidate.booked_in != candidate.time_zone:
            there = _span(visit.start.astimezone(booked), visit.end.astimezone(booked) if visit.end else None)
            elsewhere = labels["elsewhere"].format(time=there, zone=candidate.booked_in)
        itinerary.append({"time": time, "elsewhere": elsewhere, "name": visit.name,
                          "duration": visit.duration, "what_happens": visit.what_happens,
                          "place": visit.place, "link": visit.link, "prepare": visit.prepare,
                          "people": [{"name": name, "title": title, "bio": bio}
                                     for name, title, bio in visit.people]})
    position = role(candidate, guide)
    words = {"name": candidate.name, "role": position, "date": long_date(first.date(), labels),
             "organisation": guide.brand.organisation if guide.brand else ""}
    intro = ("intro" if position else "intro_general") + ("_organisation" if guide.brand else "")
    brand_next = guide.brand.next_steps if guide.brand else None
    return {"candidate": candidate, "role": position or guide.meta.title, "day": words["date"],
            "itinerary": itinerary, "greeting": labels["greeting"].format(**words),
            "intro": labels[intro].format(**words),
            "times_note": labels["times_note"].format(zone=zone_name(candidate.time_zone, first)),
            "next_steps": candidate.next_steps or brand_next or labels["next_default"]}


#: Each process's handouts, written: (the guide's content, the project, the paper) -> the PDF.
_HANDOUTS: dict[tuple[str, str, str], bytes] = {}


def _handout(guide: Guide, project: Project, page_size: str) -> bytes:
    key = (hashlib.sha256(guide.model_dump_json().encode()).hexdigest(), str(project.root), page_size)
    if key not in _HANDOUTS:
        if len(_HANDOUTS) >= 8:  # a process builds packs for a few guides at most; keep it bounded
            _HANDOUTS.pop(next(iter(_HANDOUTS)))
        _HANDOUTS[key] = handout.written(handout.laid_out(guide, project, page_size))
    return _HANDOUTS[key]


Task = tuple[Guide, Project, "Paper", tuple[str, ...], list[Candidate]]


def write_packs(task: Task) -> list[dict[str, bytes]]:
    """Candidates' files: for each, its pack ("pdf"), its invitation ("ics") and the extra editions
    asked for, by name. A task a Layout runs, in a worker when there are workers, for a run of one
    guide's candidates (the guide crosses to the worker once)."""
    from ..render.layout import Layout
    from . import Options, epub, web
    from .invitation import write_invitation

    writers = {"epub": epub.write, "web": web.write}  # PACK_EDITIONS' writers

    guide, project, paper, extra, candidates = task
    labels = project.labels(guide, "packs")
    page_size = PAPERS[paper].css
    shared = _handout(guide, project, page_size)  # once a run: the same for every candidate
    made = []
    for candidate in candidates:
        pack = context(candidate, guide, labels)
        files = {"pdf": write_pack(guide, project, pack, page_size, shared),
                 "ics": write_invitation(candidate, guide, labels)}
        for name in extra:
            files[name] = writers[name](guide, project, Options(), Layout(), pack=pack)
        made.append(files)
    return made


def write_pack(guide: Guide, project: Project, pack: dict[str, Any], page_size: str, shared: bytes) -> bytes:
    """A candidate's pack as PDF bytes: their pages (`pack`: what `context` makes of them) around
    the guide's handout (`shared`, written)."""
    from ..render import pdftags
    from ..render.pdfinsert import insert
    from ..render.pdfsave import edited

    html = render_template(project, "packs/pack.html", guide, page_size=page_size, pack=pack)
    own = lay_out(project, pdftags.with_block_ids(html, "pack-"), STYLESHEETS)
    end = next((index for index, page in enumerate(own.pages) if END in page.anchors), len(own.pages))
    splits = pdftags.splits(own)

    def assemble(document: Any) -> None:
        pdftags.repair(document, splits)
        insert(document, shared, end)

    return edited(write_pdf(own, pdf_variant=handout.PDF_VARIANT), assemble)
