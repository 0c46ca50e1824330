"""Templates: one Jinja environment per theme lookup path, and what every template may use.

Autoescaping is on for every template whatever its name, and an undefined name is an error, so a
template bug fails the build instead of printing nothing. A broken or missing template is the
project's input too: it is reported like bad content, at its file and line.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ..model.guide import Guide
from ..model.markdown import render_markdown
from ..model.problems import Problem
from .project import Project


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
    return env


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


def source_date(guide: Guide) -> dt.datetime:
    """The date stamped into outputs: SOURCE_DATE_EPOCH when set, else the guide's own date, never now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.combine(guide.meta.updated, dt.time(), tzinfo=dt.UTC)
