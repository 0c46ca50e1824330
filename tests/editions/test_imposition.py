"""Imposition geometry on its own: grids, flips, back offsets, cut marks and calibration arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidegen.base.paper import CARDS, UNPRINTABLE_MM
from guidegen.base.paper import PAPERS as PAPER_SIZES
from guidegen.editions.imposition import (
    MARK_OFFSET,
    Box,
    Line,
    best_grid,
    card_grid,
    displacement_for,
    mirror,
    mirror_point,
    needed_offset,
    offset_scale,
    sheets_needed,
)

PAPERS = {name: paper.size for name, paper in PAPER_SIZES.items()}
A4, LETTER = PAPERS["a4"], PAPERS["letter"]
GRIDS = {f"{name}-{paper}": card_grid(cut, paper) for name, cut in CARDS.items() for paper in PAPER_SIZES}
FLIPS = ("long", "short")


def _boxes(grid):
    return [grid.front(slot) for slot in range(grid.per_sheet)]


def _gap(line: Line, box: Box) -> float:
    """Distance between an axis-aligned segment and a box (0 when they touch or cross)."""
    dx = max(box.x - max(line.x1, line.x2), min(line.x1, line.x2) - box.right, 0.0)
    dy = max(box.y - max(line.y1, line.y2), min(line.y1, line.y2) - box.bottom, 0.0)
    return max(dx, dy)


@pytest.mark.parametrize("paper", PAPERS)
def test_each_card_size_is_the_same_card_as_many_a_sheet_on_either_paper(paper):
    """The cutter cuts one size whatever the paper: 4 A6-like, 8 A7-like, 3 index cards a sheet."""
    counts = {"a6": (2, 2), "a7": (2, 4), "index": (1, 3)}
    for name, cut in CARDS.items():
        grid = card_grid(cut, paper)  # type: ignore[arg-type]
        assert (grid.sheet_w, grid.sheet_h) == PAPERS[paper]
        assert (grid.card_w, grid.card_h) == cut.size
        assert (grid.cols, grid.rows) == counts[name], name
    # index cards lie down, as index stock is printed: 5 x 3 in
    assert CARDS["index"].size == (127.0, 76.2)


def test_best_grid_keeps_the_card_the_way_up_it_is_given():
    lying = best_grid(LETTER, (127.0, 76.2), gutter=6.0, min_margin=8.0)
    assert (lying.cols, lying.rows, lying.card_w) == (1, 3, 127.0)  # upright, 2 x 2 would fit
    with pytest.raises(ValueError, match="does not fit"):
        best_grid(A4, (300.0, 100.0), gutter=5.0, min_margin=8.0)


@pytest.mark.parametrize("name", GRIDS)
def test_cards_keep_gutters_and_margins(name):
    grid = GRIDS[name]
    boxes = _boxes(grid)
    assert grid.gutter >= 4.0 and min(grid.margin_x, grid.margin_y) >= 8.0
    for i, a in enumerate(boxes):
        assert a.x > 0 and a.y > 0 and a.right < grid.sheet_w and a.bottom < grid.sheet_h
        for b in boxes[i + 1:]:
            apart_x = max(b.x - a.right, a.x - b.right)
            apart_y = max(b.y - a.bottom, a.y - b.bottom)
            assert max(apart_x, apart_y) >= grid.gutter - 1e-9


@pytest.mark.parametrize("name", GRIDS)
def test_cut_marks_at_every_corner_outside_every_card(name):
    grid = GRIDS[name]
    marks, boxes = grid.cut_marks(), _boxes(grid)
    assert len(marks) == 8 * grid.per_sheet
    for mark in marks:
        assert (mark.x1 == mark.x2) != (mark.y1 == mark.y2)  # straight, and not a dot
        assert min(_gap(mark, box) for box in boxes) >= 0.9
        for x, y in ((mark.x1, mark.y1), (mark.x2, mark.y2)):
            assert UNPRINTABLE_MM - 1e-9 <= x <= grid.sheet_w - UNPRINTABLE_MM + 1e-9
            assert UNPRINTABLE_MM - 1e-9 <= y <= grid.sheet_h - UNPRINTABLE_MM + 1e-9
    for box in boxes:
        for cx in (box.x, box.right):
            for cy in (box.y, box.bottom):
                along_x = [m for m in marks if m.y1 == m.y2 == cy and abs(m.x1 - cx) <= MARK_OFFSET]
                along_y = [m for m in marks if m.x1 == m.x2 == cx and abs(m.y1 - cy) <= MARK_OFFSET]
                assert along_x and along_y, (name, cx, cy)
    # A partly filled sheet only marks the cards on it.
    assert len(grid.cut_marks(3)) == 24


@pytest.mark.parametrize("name", GRIDS)
@pytest.mark.parametrize("flip", FLIPS)
def test_backs_mirror_fronts_across_the_flip_axis(name, flip):
    grid = GRIDS[name]
    backs = [grid.back(slot, flip) for slot in range(grid.per_sheet)]
    # the back grid is the front grid, slots permuted: columns reversed (long) or rows (short)
    for slot, back in enumerate(backs):
        row, col = divmod(slot, grid.cols)
        twin = (grid.front(row * grid.cols + grid.cols - 1 - col) if flip == "long"
                else grid.front((grid.rows - 1 - row) * grid.cols + col))
        assert (back.x, back.y, back.w, back.h) == pytest.approx((twin.x, twin.y, twin.w, twin.h))
        fx, fy = grid.front(slot).centre
        expected = (grid.sheet_w - fx, fy) if flip == "long" else (fx, grid.sheet_h - fy)
        assert back.centre == pytest.approx(expected)
        shifted = grid.back(slot, flip, (0.7, -1.3)).centre
        assert shifted == pytest.approx((expected[0] + 0.7, expected[1] - 1.3))


def test_mirror_is_its_own_inverse():
    box = Box(12.0, 30.0, 40.0, 20.0)
    for flip in FLIPS:
        assert mirror(mirror(box, 210, 297, flip), 210, 297, flip) == box


def test_sheets_needed():
    assert [sheets_needed(n, 4) for n in (1, 4, 5, 8, 20)] == [1, 1, 2, 2, 5]


offsets = st.tuples(st.floats(-5, 5), st.floats(-5, 5))


@given(point=st.tuples(st.floats(10, 200), st.floats(10, 280)), current=offsets, drift=offsets,
       flip=st.sampled_from(FLIPS))
def test_calibration_reading_gives_the_offset_that_cancels_the_drift(point, current, drift, flip):
    """Simulate the sheet: the back mark is printed at mirror(P) + offset + the printer's drift,
    and seen from the front through the paper. The reading must give the offset cancelling it."""
    w, h = A4
    bx, by = mirror_point(*point, w, h, flip)
    seen = mirror_point(bx + current[0] + drift[0], by + current[1] + drift[1], w, h, flip)
    shift = (seen[0] - point[0], seen[1] - point[1])
    assert needed_offset(shift, current, flip) == pytest.approx((-drift[0], -drift[1]), abs=1e-9)
    # ...and the scale tick for that offset is drawn exactly where the mark is seen
    assert displacement_for((-drift[0], -drift[1]), current, flip) == pytest.approx(shift, abs=1e-9)


def test_offset_scale_ticks():
    scale = offset_scale((1.0, -0.5), "long")
    values = [t.value for t in scale["x"]]
    assert values[0] == -6.0 and values[-1] == 6.0 and len(values) == 25
    zero_x = next(t for t in scale["x"] if t.value == 0)
    zero_y = next(t for t in scale["y"] if t.value == 0)
    # a perfect printer with a +1.0 mm x offset shows the back 1 mm to the left, seen from the front
    assert (zero_x.at, zero_y.at) == (-1.0, -0.5)
