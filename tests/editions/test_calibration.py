"""The printer calibration sheet, read back from the real PDF: the back's crosses behind the front's
targets, shifted by the offset it was printed with; the scales' readings; readable type."""

from __future__ import annotations

import math
from collections import defaultdict

import pdfplumber
import pytest
from pypdf import PdfReader

from guidegen.base.paper import PAPERS
from guidegen.editions import Options
from guidegen.editions.calibration import render_calibration
from guidegen.editions.cards import card_spec
from guidegen.editions.imposition import mirror_point
from guidegen.render.presets import DUPLEX
from guidegen.render.project import Project
from helpers import ROOT

MM = 25.4 / 72  # PDF points to millimetres
PAPER_MM = {name: paper.size for name, paper in PAPERS.items()}

CALIBRATIONS = [Options(cards="a6", flip="long", back_offset=(1.0, -0.5)),
                Options(paper="letter", cards="a7", flip="short", back_offset=(-0.5, 0.8)),
                Options(paper="letter", cards="index", flip="long")]


@pytest.mark.parametrize("options", CALIBRATIONS, ids=["a6-a4-long", "a7-letter-short", "index-letter"])
def test_calibration_marks_and_readings(options, tmp_path):
    """Backs' crosses sit at the mirrored targets plus the offset; and for a printer with no drift,
    the back's lines show through exactly at the scales' 0 marks."""
    data = render_calibration(Project(ROOT), options)
    assert data == render_calibration(Project(ROOT), options)  # deterministic
    path = tmp_path / "calibration.pdf"
    path.write_bytes(data)
    grid = card_spec(Project(ROOT), options.cards or "a6", options.paper or "a4").grid
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2
        front, back = pdf.pages
        width, height = front.width * MM, front.height * MM
        assert (width, height) == pytest.approx(PAPER_MM[options.paper or "a4"], abs=0.05)

        def crosses(page, length):
            lines = [(ln["x0"] * MM, ln["top"] * MM, ln["x1"] * MM, ln["bottom"] * MM)
                     for ln in page.lines]
            level = [ln for ln in lines if abs(ln[2] - ln[0] - length) < 0.01 and ln[1] == ln[3]]
            upright = [ln for ln in lines if abs(ln[3] - ln[1] - length) < 0.01 and ln[0] == ln[2]]
            return sorted((u[0], h[1]) for h in level for u in upright
                          if h[0] < u[0] < h[2] and u[1] < h[1] < u[3])

        targets, marks = crosses(front, 5.0), crosses(back, 30.0)
        assert len(targets) == len(marks) == len({*range(grid.cols),
                                                  *range(grid.per_sheet - grid.cols, grid.per_sheet)})
        dx, dy = options.back_offset
        for x, y in targets:
            mx, my = mirror_point(x, y, width, height, options.flip)
            mark = min(marks, key=lambda m, mx=mx, my=my: math.dist(m, (mx + dx, my + dy)))
            assert math.dist(mark, (mx + dx, my + dy)) < 0.05
            seen_x, seen_y = mirror_point(*mark, width, height, options.flip)
            zeros = [((c["x0"] + c["x1"]) / 2 * MM, (c["top"] + c["bottom"]) / 2 * MM)
                     for c in front.chars if c["text"] == "0"]
            above = [z for z in zeros if abs(z[0] - x) < 8 and y - 20 < z[1] < y - 7]
            left = [z for z in zeros if x - 20 < z[0] < x - 7 and abs(z[1] - y) < 8]
            assert min(abs(z[0] - seen_x) for z in above) < 0.3
            assert min(abs(z[1] - seen_y) for z in left) < 0.3
        text = front.extract_text()
        assert "--back-offset X,Y" in text and f"flip on the {options.flip} edge" in text
    preferences = PdfReader(path).trailer["/Root"]["/ViewerPreferences"]
    assert preferences["/Duplex"] == DUPLEX[options.flip] and preferences["/PrintScaling"] == "/None"


def test_calibration_sheet_is_readable(tmp_path):
    """Its instructions at reading size in a measure of at most 80 characters; every numbered tick
    of its scales (every 2 mm, with ticks every 0.5 mm) at 7 pt or more."""
    path = tmp_path / "calibration.pdf"
    path.write_bytes(render_calibration(Project(ROOT), Options()))
    with pdfplumber.open(path) as pdf:
        front = pdf.pages[0]
        digits = [c for c in front.chars if c["text"].isdigit() and "Mono" not in c["fontname"]
                  and c["size"] < 9]
        assert digits and min(c["size"] for c in digits) >= 7 - 0.01
        body = [c for c in front.chars if 9.5 <= c["size"] <= 10.5 and "Mono" not in c["fontname"]]
        lines: dict[int, list[dict]] = defaultdict(list)
        for char in body:
            lines[round(char["top"])].append(char)
        assert len(lines) >= 8
        assert max(len(line) for line in lines.values()) <= 80


def test_calibrate_follows_the_settings_the_projects_guides_share(tmp_path):
    """A project whose guides print A7 cards on US Letter, flipped on the short edge, gets the sheet
    for exactly that without naming it again; a flag still wins."""
    import shutil

    from helpers import SECOND, run_cli

    (tmp_path / "content").mkdir()
    shutil.copy(SECOND, tmp_path / "content" / SECOND.name)  # settings: letter, a7, short
    result = run_cli("calibrate", "--project", tmp_path)
    assert result.code == 0, result.err
    sheet = tmp_path / "output" / "calibration-a7-letter-short-edge.pdf"
    assert result.out.strip() == str(sheet)
    reader = PdfReader(sheet)
    width, height = (float(v) * MM for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == tuple(round(v) for v in PAPER_MM["letter"])
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == DUPLEX["short"]
    flagged = run_cli("calibrate", "--project", tmp_path, "--flip", "long")
    assert flagged.out.strip().endswith("calibration-a7-letter-long-edge.pdf")
