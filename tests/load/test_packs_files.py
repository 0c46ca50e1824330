"""Reading packs files (load/packs.py): CSV as spreadsheets and applicant-tracking systems export
it, or YAML; every problem at once, at file:row:column with the column's header named."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidegen.load.packs import load_packs
from guidegen.model.problems import GuideError
from helpers import FIXTURES

PACKS = FIXTURES / "packs"


def _problems(path: Path) -> list[str]:
    with pytest.raises(GuideError) as raised:
        load_packs(path)
    return [str(problem).removeprefix(f"{path}:") for problem in raised.value.problems]


def test_the_three_candidates_as_the_csv_writes_them() -> None:
    zoe, kenji, hostile = load_packs(PACKS / "three.csv").candidates
    assert (zoe.name, zoe.email, zoe.guide, str(zoe.date), zoe.time_zone, zoe.times_in) == (
        "Zoë Ødegaard", "zoe@example.com", "mlops-engineer-uk", "2027-01-14", "Europe/London", None)
    assert [(number, slot.time, slot.place, slot.link) for number, slot in zoe.slots()] == [
        (1, "10:00", None, "https://meet.example.com/zoe"),
        (3, "14:00", "Room 4, 1 King Street, London", None)]
    assert [(p.name, p.title, p.bio) for p in zoe.stages[0].interviewers] == [
        ("Priya Shah", "Staff ML Engineer", "leads the platform team")]
    assert [(p.name, p.title, p.bio) for p in zoe.stages[1].interviewers] == [
        ("Tom Reed", "Hiring Manager", None), ("Ana Lima", "Senior MLOps Engineer", None)]
    assert (kenji.time_zone, kenji.times_in, kenji.stages[0].time) == (
        "America/New_York", "Europe/London", "09:30-10:00")
    assert hostile.name == "../<script>alert(1)</script>" and hostile.email is None
    assert hostile.stages[1].time == "15:00-16:30"


def _as_read(path: Path) -> list[tuple[object, ...]]:
    """Each candidate's fields, and their stages by the guide's number (the CSV numbers every stage by
    its column, the YAML by its place unless it says)."""
    return [(candidate.model_dump(exclude={"stages"}),
             [(number, slot.model_dump(exclude={"stage"})) for number, slot in candidate.slots()])
            for candidate in load_packs(path).candidates]


def test_the_yaml_file_says_the_same() -> None:
    assert _as_read(PACKS / "three.yaml") == _as_read(PACKS / "three.csv")


def test_a_windows_export_in_cp1252_with_semicolons_and_crlf(tmp_path: Path) -> None:
    """Excel's "CSV" on a European Windows: Windows-1252, semicolons (the comma is the decimal
    point), CRLF, and a quoted cell holding a line break between two interviewers."""
    path = tmp_path / "round.csv"
    path.write_bytes(("Candidate name;Interview date;TIME_ZONE;Stage-1-Time;Stage 1 Interviewers\r\n"
                      'José Müller;2027-03-02;Europe/Berlin;10:00;"Anaïs Dupont, Recruiter\r\n'
                      'Björn Åberg, Team Lead"\r\n;;;;\r\n').encode("cp1252"))
    [candidate] = load_packs(path).candidates
    assert (candidate.name, str(candidate.date), candidate.time_zone) == ("José Müller", "2027-03-02",
                                                                          "Europe/Berlin")
    assert [(p.name, p.title) for p in candidate.stages[0].interviewers] == [
        ("Anaïs Dupont", "Recruiter"), ("Björn Åberg", "Team Lead")]


def test_a_utf8_export_with_its_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "round.csv"
    path.write_bytes("name,date,time zone,stage 1 time\n山田 太郎,2027-03-02,Asia/Tokyo,9:00\n"
                     .encode("utf-8-sig"))
    [candidate] = load_packs(path).candidates
    assert (candidate.name, candidate.time_zone, candidate.stages[0].time) == (
        "山田 太郎", "Asia/Tokyo", "9:00")


def test_every_problem_at_once_at_its_row_and_column_with_the_header(tmp_path: Path) -> None:
    path = tmp_path / "round.csv"
    path.write_text(
        "Name,Email,Date,Time zone,Stage 1 time,Stage 1 interviewers,Stage 2 time,Stage 2 place,Tiem zone\n"
        "Ana Souza,ana@example.com,2027-01-14,Europe/London,10:00,\"Priya Shah, Engineer\",,,\n"
        "Bad Row,bad@,14/01/2027,Europe/Londn,25:00,\", Title\",,Room 5,\n"
        ",,,,,,,,\n", encoding="utf-8")
    assert _problems(path) == [
        '1:9: column "Tiem zone": unknown column: did you mean \'time zone\'?',
        '3:2: column "Email": \'bad@\' is not an email address',
        '3:3: column "Date": must be a date written YYYY-MM-DD',
        '3:4: column "Time zone": \'Europe/Londn\' is not a time zone: write it as the tz database names it, '
        'such as Europe/London or America/New_York; did you mean Europe/London?',
        '3:5: column "Stage 1 time": \'25:00\' is not a time of day: write it as 10:00, or 10:00-10:45 '
        'with its end',
        '3:6: column "Stage 1 interviewers": empty: write each interviewer\'s name first',
        '3:7: column "Stage 2 time": empty: write the stage\'s time, such as 10:00 or 10:00-10:45',
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("", '1:1: file is empty: its first row names the columns (name, date, time zone, stage 1 time…), '
         'then one row per candidate'),
    ("name,date,time zone,stage 1 time\n",
     "2:1: no candidates: add one row per candidate under the first row"),
    ("name,time zone\nAna,Europe/London\n", "1:1: no 'date' column: the first row names the columns, and "
                                             "needs name, date, time zone and stage 1 time"),
    ("name,date,time zone,stage 1 time\nAna,2027-01-14,Europe/London,10:00,Room 2\n",
     "2:5: this row has 5 cells but the first row names only 4 columns: is a cell's ',' unquoted?"),
])
def test_a_file_that_is_no_packs_file(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "round.csv"
    path.write_text(text, encoding="utf-8")
    assert expected in _problems(path)


def test_a_yaml_mistake_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "round.yaml"
    path.write_text("candidates:\n  - name: Ana\n    date: 2027-01-14\n    time_zone: Europe/London\n"
                    "    stages:\n      - time: '10:00'\n        rooom: 2\n", encoding="utf-8")
    assert _problems(path) == ["7:9: candidates[0].stages[0].rooom: unknown field 'rooom': the fields "
                               "here are stage, time, place, link, interviewers"]
