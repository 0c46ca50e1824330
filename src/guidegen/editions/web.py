"""The web edition: the whole guide as one self-contained HTML page that works offline and anywhere.

One file holds everything (the stylesheet inline, the logo as a data: URL), so it opens from disk,
from an email attachment or from any web server, and it runs no script: each strong answer and each
"what it shows" sits in a native <details> the reader opens, and the print stylesheet shows them
all. A Content-Security-Policy allows the page's own stylesheet (by its hash) and data: images and
nothing else, so a browser opening it never reaches the network. The catalogue page of a build
(pipeline/catalogue.py) shares its stylesheet and logo.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..model.deck import chapters, deck
from ..model.guide import Brand, Guide
from ..model.labels import long_date
from ..model.problems import BuildError
from ..model.sections import sections
from ..render.colour import readable
from ..render.project import Project
from ..render.templates import render_template
from . import Options

if TYPE_CHECKING:
    from ..render.layout import Layout

STYLESHEET = "web.css"
TEMPLATE = "web/page.html"
#: The backgrounds styles/web.css puts text on (page and panels), in light and in dark mode: a
#: brand's accent is made readable (WCAG AA) on each of them.
BACKGROUNDS = {"light": ("#ffffff", "#f3f5f7"), "dark": ("#15181c", "#1f2329")}
#: What in a stylesheet would make a browser fetch something: @import, or url() but a data: URL.
_FETCHES = re.compile(r"""@import|url\(\s*+(?!['"]?\s*data:)[^)]{0,40}""", re.IGNORECASE)


@dataclass(frozen=True)
class Style:
    """The page's stylesheet, to inline, and the policy that allows exactly it."""

    css: Markup
    policy: str


def write(guide: Guide, project: Project, options: Options, layout: Layout,
          pack: dict[str, Any] | None = None) -> bytes:
    """The page, byte-identical for the same guide and project (it reads no option and lays
    nothing out). With `pack` (editions/packs.py: `context`), a candidate's own page: their letter
    and itinerary first, what happens next last."""
    labels = project.labels(guide, "web")
    items = deck(guide)
    html = render_template(  # the logo is the checked one, as a data: URL in an <img> (logo_url)
        project, TEMPLATE, guide, labels=labels, style=page_style(project, guide.brand),
        sections=sections(guide, labels),
        chapters={kind: own for kind in ("technical", "behavioural")
                  if (own := chapters(guide, items, kind))},
        red_flags=[i for i in items if i.kind == "red_flag"],
        updated=long_date(guide.meta.updated, labels) if guide.meta.updated else None,
        locale=guide.meta.language.replace("-", "_"), pack=pack,
        pack_labels=project.labels(guide, "packs") if pack else None)
    return html.encode("utf-8")


def page_style(project: Project, brand: Brand | None) -> Style:
    """The theme's web.css, with the brand's accent made readable in light and dark mode."""
    css = project.stylesheet_text(STYLESHEET)
    if brand and brand.accent:
        light = readable(brand.accent, BACKGROUNDS["light"])
        dark = readable(brand.accent, BACKGROUNDS["dark"])
        css += (f"\n/* The brand's accent, readable on each background (editions/web.py). */\n"
                f":root {{ --accent: {light}; }}\n"
                f"@media screen and (prefers-color-scheme: dark) {{ :root {{ --accent: {dark}; }} }}\n")
    if "</style" in css.lower():
        raise BuildError(f"styles/{STYLESHEET} must not contain '</style'")
    fetched = _FETCHES.search(css)
    if fetched:
        raise BuildError(f"styles/{STYLESHEET} refers to resources outside the page "
                         f"({fetched.group().strip()}…): a web page holds everything itself; use data: URLs")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    return Style(Markup(css), policy)  # the theme's own stylesheet, not content

