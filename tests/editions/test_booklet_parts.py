"""A big booklet is laid out in chunks (each its own WeasyPrint document, across worker processes,
joined with pikepdf); it equals the booklet laid out as one document: the same pages with the same
text, the same outline, internal links to the same pages; and its bytes do not depend on how many
workers made it. Chunks are forced small (two sheets) so every boundary case is crossed on the
real guides; a long answer still shrinks to fit, and one too long for any step is continued over
the pages it needs, moving every later part's page numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from guidegen.editions import Options, booklet
from guidegen.render.layout import layout, split
from guidegen.render.project import Project
from helpers import FIXTURES, MLOPS, ROOT, SECOND, guide_of
from helpers.pdf import outline, squashed_pages

pytestmark = pytest.mark.slow  # eight booklets laid out in parts and whole

SMALL = 2  # sheets per chunk: many chunks even for a short guide
LONG = FIXTURES / "print" / "long-answer.yaml"
TOO_LONG = FIXTURES / "print" / "too-long-answer.yaml"
LONGEST = FIXTURES / "shapes" / "long-answer.yaml"  # about 3,000 words, continued over seven pages
WAYS = {"whole": (booklet.WHOLE_SHEETS, 1), "chunks": (SMALL, 2), "chunks-one-worker": (SMALL, 1)}


def render(path: Path, chunk_sheets: int, workers: int) -> bytes:
    """The booklet laid out whole when `chunk_sheets` allows, else in chunks of that many sheets."""
    with layout(workers) as pool:
        return booklet.write(guide_of(path), Project(ROOT), Options(), pool,
                             whole_sheets=chunk_sheets, chunk_sheets=chunk_sheets)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each guide's booklet made each way (the second guide and the long-answer fixture: two ways)."""
    out = tmp_path_factory.mktemp("chunking")
    files = {}
    for path in (MLOPS, SECOND, LONG, TOO_LONG, LONGEST):
        for way, (chunk_sheets, workers) in WAYS.items():
            if way == "chunks-one-worker" and path != MLOPS:
                continue
            target = out / f"{path.stem}-{way}.pdf"
            target.write_bytes(render(path, chunk_sheets, workers))
            files[path.stem, way] = target
    return files


def link_targets(pdf: Path) -> list[tuple[int, str, int]]:
    """(page, destination name, target page) of every internal link, 1-based pages."""
    doc = PdfReader(pdf)
    found = []
    for number, page in enumerate(doc.pages, 1):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                name = str(annot["/Dest"])
                target = doc.get_destination_page_number(doc.named_destinations[name]) + 1
                found.append((number, name, target))
    return sorted(found)


@pytest.mark.parametrize("path", [MLOPS, SECOND, LONG, TOO_LONG, LONGEST], ids=lambda p: p.stem)
def test_chunked_booklet_equals_one_document(made: dict[tuple[str, str], Path], path: Path) -> None:
    sheets = len(booklet.sheets(guide_of(path)))
    assert len(split(sheets, SMALL)) >= 2, "the guide must cross a chunk boundary"
    assert sheets <= booklet.WHOLE_SHEETS, "an everyday guide is laid out as one document"
    whole, chunked = made[path.stem, "whole"], made[path.stem, "chunks"]
    assert len(squashed_pages(chunked)) == len(squashed_pages(whole))
    for number, (ours, theirs) in enumerate(zip(squashed_pages(chunked), squashed_pages(whole),
                                                strict=True), 1):
        assert ours == theirs, f"page {number} differs"
    assert outline(chunked) == outline(whole)
    assert link_targets(chunked) == link_targets(whole)
    assert link_targets(chunked), "the contents link to their pages"


def test_bytes_do_not_depend_on_the_workers(made: dict[tuple[str, str], Path]) -> None:
    assert made[MLOPS.stem, "chunks"].read_bytes() == made[MLOPS.stem, "chunks-one-worker"].read_bytes()


def test_a_joined_booklet_carries_each_face_once_and_draws_like_one_document(
        made: dict[tuple[str, str], Path]) -> None:
    """The parts' font subsets are merged into one program per face (render/fontmerge.py): the
    MLOps booklet joined from its many small parts is within 1.15× the size of the same booklet laid
    out whole, and every page draws the same pixels (benchmarks/RESULTS.md gives the figures for a
    1000-question guide)."""
    import pymupdf

    from helpers.pdf import font_programs

    whole, chunked = made[MLOPS.stem, "whole"], made[MLOPS.stem, "chunks"]
    assert chunked.stat().st_size <= 1.15 * whole.stat().st_size
    programs = font_programs(chunked)
    assert sorted(programs) == sorted(font_programs(whole))
    assert all(count == 1 for count in programs.values()), programs
    with pymupdf.open(whole) as ours, pymupdf.open(chunked) as joined:
        assert len(ours) == len(joined)
        for number, (one, other) in enumerate(zip(ours, joined, strict=True), 1):
            assert one.get_pixmap(dpi=50).samples == other.get_pixmap(dpi=50).samples, f"page {number}"
