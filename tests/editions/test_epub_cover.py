"""The e-book's cover drawing: lines that really fit (measured with the font that draws them), the
largest title that fits, text that contrasts with any accent, the same bytes every time, and a
broken logo reported, not drawn. The cover inside a real EPUB is tested in test_epub.py."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from guidegen.editions import epub_cover
from guidegen.editions.epub import cover_fonts
from guidegen.editions.epub_cover import Fonts, FootLine, draw, title_lines, wrap
from guidegen.load.logo import Logo
from guidegen.model.problems import BuildError
from guidegen.render.project import Project
from helpers import ROOT

FOOT = [FootLine("Data Analyst", 50, True), FootLine("Deutschland", 42), FootLine("Ausgabe 2026", 42)]


@cache
def fonts() -> Fonts:
    return cover_fonts(Project(ROOT))


def cover(**changes: object) -> bytes:
    words: dict[str, object] = {"title": "Interviewfragen für Data Analysts", "subtitle": "Leitfaden 2026",
                                "kicker": "Interviewvorbereitung", "foot": FOOT, "accent": "#1f4e79",
                                "fonts": fonts()}
    return draw(**{**words, **changes})  # type: ignore[arg-type]


def test_fonts_come_from_the_theme_heading_font_first(tmp_path: Path) -> None:
    """Inter (the headings' font) first, DejaVu for what it lacks; a project's own file wins."""
    found = fonts()
    assert [p.name for p in found.bold[:2]] == ["Inter-Bold.otf", "DejaVuSans-Bold.ttf"]
    assert [p.name for p in found.regular[:2]] == ["Inter-Regular.otf", "DejaVuSans.ttf"]
    (tmp_path / "styles" / "fonts").mkdir(parents=True)
    own = tmp_path / "styles" / "fonts" / "Inter-Bold.otf"
    own.write_bytes((ROOT / "styles" / "fonts" / "DejaVuSans-Bold.ttf").read_bytes())
    assert cover_fonts(Project(tmp_path)).bold[0] == own


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.text(st.sampled_from("abc WWW iiii Ελλάδα Кириллица —-"), max_size=120),
       st.sampled_from([44, 90, 150]))
def test_every_line_fits_and_keeps_every_character(text: str, size: int) -> None:
    face = fonts().face(size, bold=True)
    lines = wrap(text, face)
    assert all(face.width(line) <= epub_cover.TEXT_WIDTH for line in lines)
    assert "".join(lines).replace(" ", "") == "".join(text.split())


def test_too_many_lines_end_in_an_ellipsis() -> None:
    face = fonts().face(54)
    lines = wrap("word " * 200, face, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…") and face.width(lines[-1]) <= epub_cover.TEXT_WIDTH


def test_a_longer_title_is_never_set_larger() -> None:
    sizes = [title_lines(" ".join(["Interview"] * n), fonts())[1].size for n in (1, 2, 4, 7, 13)]
    assert sizes[0] == epub_cover.TITLE_SIZES[0]
    assert sizes == sorted(sizes, reverse=True)
    lines, face = title_lines("Interview " * 25, fonts())
    assert face.size == epub_cover.TITLE_SIZES[-1] and lines[-1].endswith("…")


@settings(derandomize=True)
@given(st.tuples(*[st.integers(0, 255)] * 3))
def test_text_on_the_band_always_reads(colour: tuple[int, int, int]) -> None:
    assert epub_cover.contrast(epub_cover.text_on(colour), colour) >= 4.5


def test_same_words_same_bytes_and_a_full_size_png() -> None:
    first = cover()
    assert first == cover()
    image = Image.open(io.BytesIO(first))
    assert (image.format, image.size) == ("PNG", (epub_cover.WIDTH, epub_cover.HEIGHT))
    assert cover(title="Another title") != first


def test_a_logo_pillow_cannot_read_is_reported_not_drawn(tmp_path: Path) -> None:
    """Loading the guide refuses such a logo; should one reach the cover all the same, the build
    fails with the field to blame."""
    with pytest.raises(BuildError, match=r"the logo is not a PNG image that can be read") as caught:
        epub_cover.logo_image(Logo("image/png", b"<svg/>"))
    assert caught.value.path == ("brand", "logo")


def test_an_svg_logo_is_left_off_the_raster(tmp_path: Path) -> None:
    """An SVG logo would need an SVG renderer to draw: the cover is the same as without one."""
    logo = Logo("image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9"/></svg>')
    assert cover(logo=logo) == cover()


def test_a_process_draws_a_cover_once_and_again_when_what_it_shows_changes(tmp_path: Path) -> None:
    """`guidegen watch` keeps each cover it drew: an answer saved draws none (the same bytes come
    back), a title saved draws the new one."""
    from guidegen.editions import epub
    from guidegen.load.guides import load_guides
    from helpers import MLOPS

    project, original = Project(ROOT), MLOPS.read_text(encoding="utf-8")

    def cover(text: str) -> bytes:
        path = tmp_path / MLOPS.name
        path.write_text(text, encoding="utf-8")
        guide = load_guides([path], project=ROOT)[0].guide
        return epub.cover_image(guide, project, project.labels(guide, "epub"))

    first = cover(original)
    assert cover(original.replace("Everything must be", "All must be")) is first
    retitled = original.replace("title: MLOps Engineer", "title: MLOps Lead")
    assert retitled != original
    again = cover(retitled)
    assert again != first
    epub._COVERS.clear()  # drawn afresh: the same bytes as the one kept
    assert cover(retitled) == again
    assert cover(original) == first
