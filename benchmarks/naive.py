"""The naive reference: YAML -> Jinja2 -> one WeasyPrint PDF, with no cleverness.

What a first script would do: load the YAML, fill one template (each question on a page, its answer
on the next), hand the HTML and the project's fonts to WeasyPrint, write the PDF. The benchmark runs
it as a whole process beside guidegen, so every figure is recorded as a ratio to it.

    python benchmarks/naive.py GUIDE.yaml OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import weasyprint
import weasyprint.text.fonts
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = """<!doctype html>
<html lang="{{ g.guide.language }}"><head><meta charset="utf-8"><title>{{ g.guide.title }}</title>
<style>
@page { size: A4; margin: 22mm 20mm; @bottom-center { content: counter(page); font: 9pt var(--sans); } }
body { font: 10.5pt/1.5 var(--serif); color: #1a1a1a; }
h1, h2, h3 { font-family: var(--sans); }
.page { break-before: page; }
.lines { height: 180mm; background: repeating-linear-gradient(transparent 0 9mm, #bbb 9mm 9.2mm); }
</style></head><body>
<h1>{{ g.guide.title }}</h1><p>{{ g.guide.subtitle }}</p><p>{{ g.introduction }}</p>
<section class="page"><h2>The interview process</h2>
{% for s in g.stages %}<h3>{{ s.name }} ({{ s.duration }})</h3><p>{{ s.what_happens }}</p>
{% if s.prepare %}<p>{{ s.prepare }}</p>{% endif %}{% endfor %}</section>
{% for q in g.technical.questions %}
<section class="page"><h2>Q{{ loop.index }}. {{ q.question }}</h2><div class="lines"></div></section>
<section class="page"><h3>Strong answer</h3>{{ md(q.answer) }}</section>
{% endfor %}
{% for q in g.behavioural.questions %}
<section class="page"><h2>{{ q.question }}</h2><div class="lines"></div></section>
<section class="page"><p>{{ q.shows }}</p></section>
{% endfor %}
<section class="page"><h2>Red flags</h2>
{% for f in g.red_flags %}<h3>{{ f.flag }}</h3><p>{{ f.why }}</p>{% endfor %}
<h2>Resources</h2>
{% for r in g.resources %}<p>{{ r.title }}: {{ r.description }} {{ r.url or "" }}</p>{% endfor %}
</section></body></html>"""


def main(guide: str, out: str) -> None:
    data = yaml.safe_load(Path(guide).read_text(encoding="utf-8"))
    for kind in ("technical", "behavioural"):  # questions in groups: every question, in order
        section = data.setdefault(kind, {})
        section["questions"] = section.get("questions") or [
            question for group in section.get("groups", []) for question in group["questions"]]
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    env = jinja2.Environment(autoescape=True)
    html = env.from_string(TEMPLATE).render(g=data, md=lambda text: Markup(md.render(text or "")))
    font_config = weasyprint.text.fonts.FontConfiguration()  # as WeasyPrint's docs do for @font-face
    fonts = weasyprint.CSS(filename=str(ROOT / "styles" / "fonts.css"), font_config=font_config)
    weasyprint.HTML(string=html, base_url=str(ROOT / "styles") + "/").write_pdf(
        out, stylesheets=[fonts], font_config=font_config)


if __name__ == "__main__":
    main(*sys.argv[1:3])
