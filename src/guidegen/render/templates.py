"""Templates: one Jinja environment per theme lookup path, and what every template may use.

Autoescaping is on for every template whatever its name, and an undefined name is an error, so a
template bug fails the build instead of printing nothing. A broken or missing template is the
project's input too: it is reported like bad content, at its file and line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..base.source_epoch import source_epoch
from ..model.guide import Guide
from ..model.labels import direction
from ..model.markdown import print_markdown, render_markdown
from ..model.problems import Problem
from .colour import better_on
from .project import Project
from .qr import qr_data_uri


@cache
def environment(search_path: tuple[Path, ...]) -> jinja2.Environment:
    """Templates found project first, then in the theme; compiled once per process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = render_markdown
    env.filters["print_markdown"] = print_markdown
    env.filters["qr"] = qr_data_uri
    env.filters["widont"] = widont
    env.filters["on_colour"] = on_colour
    env.filters["css_string"] = css_string
    env.filters["applicable"] = applicable
    env.filters["direction"] = direction
    return env


def css_string(value: str) -> Markup:
    """Text (plain or escaped markup) as a quoted CSS string, safe inside a <style> element."""
    text = value.unescape() if isinstance(value, Markup) else str(value)
    escaped = "".join(c if c.isalnum() or c in " .,;:!?'’-–—·()/" else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


@jinja2.pass_context
def applicable(context: jinja2.runtime.Context, steps: Sequence[Any]) -> list[str]:
    """The steps of a list of advice that apply to the guide being rendered: a step the labels write
    as `{behavioural: …}` only when the guide has behavioural questions (`technical`, `red_flags`,
    `stages` alike), any other step always."""
    guide: Guide = context["guide"]
    has = {"technical": bool(guide.technical.every), "behavioural": bool(guide.behavioural.every),
           "red_flags": bool(guide.red_flags), "stages": bool(guide.stages)}
    return [text for step in steps
            for text in ([value for key, value in step.items() if has.get(key)] if isinstance(step, Mapping)
                         else [step])]


def widont(text: str) -> Markup:
    """Text whose last two words are joined by a no-break space, so that a heading never ends on a
    line of one word (a "widow"); a text of one or two words is left as it is."""
    words = str(text).rsplit(" ", 2)
    if len(words) < 3 or not all(words):
        return Markup.escape(text)
    head, before, last = words
    return Markup.escape(head) + Markup(" ") + Markup.escape(before) + Markup("\u00a0") + Markup.escape(last)


def on_colour(background: str) -> str:
    """White or ink, whichever reads better on this #rrggbb background (WCAG contrast)."""
    return better_on(background, "#ffffff", "#1a1a1a")


def template(project: Project, name: str) -> jinja2.Template:
    return environment(tuple(project.templates)).get_template(name)


def render_template(project: Project, name: str, guide: Guide, **context: Any) -> str:
    """Render a template with what every edition's templates may use, plus the edition's own.

    `labels` are the words of the edition whose folder holds the template.
    """
    logo = project.logo(guide)
    shared = {
        "guide": guide,
        "meta": guide.meta,
        "brand": guide.brand,
        "logo_url": logo.data_uri() if logo else None,
        "date": source_date(guide),
        "labels": project.labels(guide, name.split("/")[0]),
    }
    return template(project, name).render(**{**shared, **context})


def template_problem(error: jinja2.TemplateError) -> Problem:
    """A template error as a Problem (picklable, so it crosses from a worker process)."""
    if isinstance(error, jinja2.TemplateNotFound):
        return Problem(f"templates/{error.name}", 1, 1, "", "template not found")
    if isinstance(error, jinja2.TemplateSyntaxError):
        return Problem(error.filename or "templates", error.lineno or 1, 1, "",
                       f"template error: {error.message}")
    return Problem("templates", 1, 1, "", f"template error: {error}")


#: The date of a guide that gives none (and no SOURCE_DATE_EPOCH): fixed, so its outputs stay the
#: same bytes; the editions print no date for it.
UNDATED = dt.date(2000, 1, 1)


def source_date(guide: Guide) -> dt.datetime:
    """The date stamped into outputs: SOURCE_DATE_EPOCH when set, else the guide's own date, never now
    (BadSourceEpoch for a SOURCE_DATE_EPOCH no output can hold: the command line checks it first)."""
    epoch = source_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return dt.datetime.combine(guide.meta.updated or UNDATED, dt.time(), tzinfo=dt.UTC)
