"""`guidegen import` of documents in other languages and scripts: questions end with their own
question mark (？ ؟ ;), lines without spaces between words (Japanese) are not taken for headings,
the guide's language is the document's, and ids of text with no Latin letters are stable hashes.
The truth is written by hand below, question by question."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidegen.load import load_guide
from helpers import FIXTURES, run_cli

DOCUMENTS = FIXTURES / "import" / "languages"

#: For each document: the language written, then each question as the document asks it, and the
#: first words of its answer ("" for none).
TRUTH = {
    "ja.md": ("ja", [("INNER JOINとLEFT JOINの違いは何ですか？", "INNER JOINは両方の"),
                     ("ウィンドウ関数とは何ですか？", "行をまとめずに"),
                     ("p値をどのように説明しますか？", "帰無仮説が正しい"),
                     ("平均値と中央値はどう使い分けますか？", "外れ値が多い場合")]),
    "ar.txt": ("ar", [("ما الفرق بين المتوسط والوسيط؟", "المتوسط هو مجموع"),
                      ("كيف تتعامل مع القيم المفقودة؟", "أحذفها أو أعوضها")]),
    "el.md": ("el", [("Τι είναι ένα ευρετήριο σε βάση δεδομένων;", "Μια δομή που"),
                     ("Πώς λειτουργεί το git rebase;", "Μεταφέρει τις δεσμεύσεις")]),
    "fr.md": ("fr", [("Qu'est-ce qu'un index et quand faut-il en créer un ?", "Un index accélère"),
                     ("Quelle est la différence entre une jointure interne et une jointure externe ?",
                      "La jointure interne")]),
}


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_a_document_in_another_language_imports_question_by_question(name: str, tmp_path: Path) -> None:
    language, questions = TRUTH[name]
    result = run_cli("import", DOCUMENTS / name, "--project", tmp_path)
    assert result.code == 0, result.err
    [written] = (tmp_path / "content").glob("*.yaml")
    guide = load_guide(written, project=tmp_path)
    assert guide.meta.language == language
    found = [(q.question, q.answer or "") for q in guide.technical.every]
    assert [question for question, _ in found] == [question for question, _ in questions]
    for (_, answer), (_, start) in zip(found, questions, strict=True):
        assert answer.startswith(start), (answer, start)
    assert re.fullmatch(r"[a-z0-9-]+", guide.meta.id)
    ids = [q.id for q in guide.technical.every]
    assert len(set(ids)) == len(ids)


def test_ids_of_text_without_latin_letters_stay_the_same_when_imported_again(tmp_path: Path) -> None:
    first = run_cli("import", DOCUMENTS / "ar.txt", "--project", tmp_path / "one")
    again = run_cli("import", DOCUMENTS / "ar.txt", "--project", tmp_path / "two")
    assert first.code == again.code == 0
    [one] = (tmp_path / "one" / "content").glob("*.yaml")
    [two] = (tmp_path / "two" / "content").glob("*.yaml")
    assert one.name == two.name and one.read_bytes() == two.read_bytes()
