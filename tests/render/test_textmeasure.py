"""Text measured without laying out: the advance widths read straight from the theme's fonts equal
fontTools' reading of the same tables, and lines break where the width runs out."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from guidegen.render.project import Project
from guidegen.render.textmeasure import PT_TO_MM, Fonts, Run, Style, _Font, line_count
from helpers import ROOT, run_cli

FONTS = sorted(Project(ROOT).fonts())


@pytest.mark.parametrize("path", FONTS, ids=lambda p: p.name)
def test_widths_are_the_fonts_own(path: Path) -> None:
    font = TTFont(str(path))
    units, metrics = font["head"].unitsPerEm, font["hmtx"].metrics
    expected = {code: metrics[name][0] / units for code, name in font.getBestCmap().items()}
    assert _Font(path).widths == expected


def test_lines_break_where_the_width_runs_out() -> None:
    fonts = Fonts(Project(ROOT))
    word = "measure"
    width_mm = fonts.width_em(word, Style()) * 10 * PT_TO_MM  # one word at 10pt
    space_mm = fonts.width_em(" ", Style()) * 10 * PT_TO_MM
    assert line_count([Run(word)], width_mm + 0.01, 10, fonts) == 1
    assert line_count([Run(f"{word} {word}")], 2 * width_mm + space_mm + 0.01, 10, fonts) == 1
    assert line_count([Run(f"{word} {word}")], 2 * width_mm, 10, fonts) == 2
    assert line_count([Run(f"{word} {word} {word}")], width_mm + 0.01, 10, fonts) == 3
    assert line_count([Run(word), Run("\n"), Run(word)], 100, 10, fonts) == 2  # a hard break
    assert line_count([Run("x" * 200)], width_mm, 10, fonts) > 1  # an overlong word breaks anywhere


def test_a_theme_with_woff_fonts_measures_alike_and_check_runs(tmp_path: Path) -> None:
    """A project whose fonts.css names WOFF files (WeasyPrint sets them as it sets the originals):
    `check` measures the same widths, and never crashes on a font the direct reader cannot read."""
    styles = tmp_path / "styles"
    (styles / "fonts").mkdir(parents=True)
    css = (ROOT / "styles" / "fonts.css").read_text(encoding="utf-8")
    for path in FONTS:
        font = TTFont(str(path))
        font.flavor = "woff"
        font.save(str(styles / "fonts" / f"{path.stem}.woff"))
        css = css.replace(f"fonts/{path.name}", f"fonts/{path.stem}.woff")
    (styles / "fonts.css").write_text(css, encoding="utf-8")
    woff, theme = Fonts(Project(tmp_path)), Fonts(Project(ROOT))
    text = "Measure the answer — ÄÖÜ, Ελληνικά, кириллица"
    for style in (Style(), Style(family="sans", weight=700), Style(italic=True)):
        assert woff.width_em(text, style) == pytest.approx(theme.width_em(text, style))
    (tmp_path / "content").mkdir()
    guide = (ROOT / "content" / "mlops-engineer-uk.yaml").read_bytes()
    (tmp_path / "content" / "guide.yaml").write_bytes(guide)
    result = run_cli("check", "--project", tmp_path)
    assert result.code == 0 and "Traceback" not in result.err, result.err
