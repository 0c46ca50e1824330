"""The print booklet laid out in chunks (each its own WeasyPrint document, across worker processes,
joined with pikepdf) equals the booklet laid out as one document: the same pages with the same text,
the same outline, internal links to the same pages; and its bytes do not depend on how many
workers made it. Chunks are forced small (two sheets) so every boundary case is crossed on the
real guides; a long answer still shrinks to fit and a too-long one still fails by name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import MLOPS, ROOT, SECOND
from guidegen import processes
from guidegen.editions import Options, booklet
from guidegen.problems import BuildError
from guidegen.render import Project
from test_booklet import LONG, TOO_LONG, guide_of, outline, page_texts

SMALL = 2  # sheets per chunk: many chunks even for a short guide
WAYS = {"whole": (None, 1), "chunks": (SMALL, 2), "chunks-one-worker": (SMALL, 1)}


def render(path: Path, chunk_sheets: int | None, workers: int) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(booklet, "CHUNK_SHEETS", chunk_sheets)
        patch.setattr(processes, "JOBS", workers)
        return booklet.render(guide_of(path), Project(ROOT), Options())


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each guide's booklet made each way (the second guide and the long-answer fixture: two ways)."""
    out = tmp_path_factory.mktemp("chunking")
    files = {}
    for path in (MLOPS, SECOND, LONG):
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


@pytest.mark.parametrize("path", [MLOPS, SECOND, LONG], ids=lambda p: p.stem)
def test_chunked_booklet_equals_one_document(made: dict[tuple[str, str], Path], path: Path) -> None:
    sheets = len(booklet.sheets(guide_of(path)))
    assert len(booklet.chunk_ranges(sheets, SMALL)) >= 2, "the guide must cross a chunk boundary"
    whole, chunked = made[path.stem, "whole"], made[path.stem, "chunks"]
    assert len(page_texts(chunked)) == len(page_texts(whole))
    for number, (ours, theirs) in enumerate(zip(page_texts(chunked), page_texts(whole),
                                                strict=True), 1):
        assert ours == theirs, f"page {number} differs"
    assert outline(chunked) == outline(whole)
    assert link_targets(chunked) == link_targets(whole)
    assert link_targets(chunked), "the contents link to their pages"


def test_bytes_do_not_depend_on_the_workers(made: dict[tuple[str, str], Path]) -> None:
    assert made[MLOPS.stem, "chunks"].read_bytes() == made[MLOPS.stem, "chunks-one-worker"].read_bytes()


def test_too_long_answer_fails_by_name_in_a_chunk() -> None:
    with pytest.raises(BuildError) as error:
        render(TOO_LONG, 1, 2)
    assert error.value.path == ("technical", "questions", 1, "answer")
    assert error.value.message.startswith("Q2's strong answer does not fit")


@pytest.mark.parametrize("count", [1, 2, 3, 15, 99, 100, 101, 1005])
@pytest.mark.parametrize("size", [1, 2, 50])
def test_chunks_are_whole_sheets_in_order(count: int, size: int) -> None:
    ranges = booklet.chunk_ranges(count, size)
    assert [i for start, stop in ranges for i in range(start, stop)] == list(range(count))
    assert all(0 < stop - start <= size for start, stop in ranges)
    assert len(ranges) >= min(count, 2)
