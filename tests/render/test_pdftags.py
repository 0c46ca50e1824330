"""Repairs to WeasyPrint's tagging, on a real layout: a list and a paragraph split by a page break
are one element each, and a running footer is an artifact."""

from __future__ import annotations

import io

import pikepdf

from guidegen.render import pdftags
from guidegen.render.pdf import lay_out, write_pdf
from guidegen.render.project import Project
from helpers import ROOT

HTML = """<!DOCTYPE html><html lang="en"><head><title>t</title><style>
@page { size: 100mm 60mm; margin: 10mm 10mm 14mm; @bottom-left { content: element(foot); } }
.foot { position: running(foot); }
</style></head><body><p class="foot">Footer line</p>
<h1>Title</h1><ul>{items}</ul><p>{words}</p></body></html>"""


def _elements(node):
    kids = node.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") not in ("/MCR", "/OBJR")]


def _count(node, role):
    return sum((str(e.get("/S")) == role) + _count(e, role) for e in _elements(node))


def test_split_elements_join_and_the_footer_is_an_artifact():
    html = HTML.replace("{items}", "".join(f"<li>item {n}</li>" for n in range(12))).replace(
        "{words}", " ".join(["word"] * 300))
    document = lay_out(Project(ROOT), pdftags.with_block_ids(html), [])
    assert len(document.pages) >= 3
    counts = pdftags.splits(document)
    assert any(counts)
    raw = write_pdf(document, pdf_variant="pdf/ua-1")
    with pikepdf.open(io.BytesIO(raw)) as before:
        assert _count(before.Root.StructTreeRoot, "/L") > 1  # WeasyPrint: one list per page
    data = pdftags.repaired(raw, counts)
    assert data == pdftags.repaired(raw, counts)
    with pikepdf.open(io.BytesIO(data)) as after:
        tree = after.Root.StructTreeRoot
        dests = after.Root.get("/Names", {}).get("/Dests")
        assert dests is None or not [n for n in pikepdf.NameTree(dests) if n.startswith(pdftags.ID_PREFIX)]
        assert _count(tree, "/L") == 1 and _count(tree, "/LI") == 12 and _count(tree, "/P") == 1
        for page in after.pages:
            tags = [str(i.operands[0]) for i in pikepdf.parse_content_stream(page)
                    if str(i.operator) == "BDC"]
            assert "/Artifact" in tags
