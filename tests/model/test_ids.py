"""Ids made from words (model/ids.py): a question or red flag written without an id gets one from
its words, unique beside the ids written, and the guide as read is left as it was."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from guidegen.load import load_guide
from guidegen.model.ids import guide_slug, question_slug, with_ids
from helpers import run_cli

GUIDE = """\
guide: {id: sql-basics, title: SQL interview questions}
technical:
  groups:
    - title: Indexes
      questions:
        - question: What is an index?
          answer: A sorted copy of some columns that points back at the rows.
        - id: index
          question: Why would an index slow writes down?
          answer: Every write updates it too.
behavioural:
  questions:
    - question: Tell me about a time you sped up a slow query.
    - question: Tell me about a time you sped up a slow query!
red_flags:
  - flag: No code review
"""


def test_ids_come_from_the_words_and_never_clash_with_those_written(tmp_path: Path) -> None:
    path = tmp_path / "sql.yaml"
    path.write_text(GUIDE, encoding="utf-8")
    guide = load_guide(path, project=tmp_path)
    assert [q.id for q in guide.technical.every] == ["index-2", "index"]
    assert [q.id for q in guide.behavioural.every] == ["sped-up-slow-query", "sped-up-slow-query-2"]
    assert [f.id for f in guide.red_flags] == ["no-code-review"]
    out = tmp_path / "out"
    result = run_cli("build", path, "--project", tmp_path, "--out", out, "--edition", "web")
    assert result.code == 0, result.err
    page = (out / "sql-basics.html").read_text(encoding="utf-8")
    for anchor in ("q-index-2", "q-index", "q-sped-up-slow-query-2", "flag-no-code-review"):
        assert f'id="{anchor}"' in page, anchor


def test_the_data_read_is_not_changed() -> None:
    data = {"guide": {"id": "g", "title": "G"}, "technical": {"questions": [{"question": "なぜですか？"}]}}
    before = copy.deepcopy(data)
    made = with_ids(data)
    assert data == before
    made_id = made["technical"]["questions"][0]["id"]  # no Latin word to make it of: its words' hash
    assert re.fullmatch(r"question-[0-9a-f]{8}", made_id)
    assert with_ids(copy.deepcopy(data))["technical"]["questions"][0]["id"] == made_id  # stable
    other = {**data, "technical": {"questions": [{"question": "何ですか？"}]}}
    assert with_ids(other)["technical"]["questions"][0]["id"] != made_id
    written = {"guide": {"id": "g", "title": "G"},
               "technical": {"questions": [{"id": "a", "question": "B?"}]}}
    assert with_ids(written) is written  # nothing to add: not even copied


def test_words_become_ascii_slugs() -> None:
    assert question_slug("Wie würden Sie das Straßen-Netz modellieren?") == "wie-wurden-sie-das-strassen"
    assert question_slug("What is the `COUNT(*)` of https://example.org/x?") == "count"
    assert guide_slug("MLOps Engineer Interview Questions UK") == "mlops-engineer-uk"
