"""The questionnaire command line: the contract, exit 2 on bad answers, nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.care.questionnaires import instruments


def cli(data_dir: Path, *args: str) -> int:
    return run(["--data-dir", str(data_dir), *args])


def out_json(data_dir: Path, capsys, *args: str):  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert cli(data_dir, *args) == 0
    return json.loads(capsys.readouterr().out)


def test_list_names_every_instrument_with_its_items_and_due(data_dir: Path, capsys) -> None:
    rows = out_json(data_dir, capsys, "questionnaire", "list", "--json")
    by_key = {r["key"]: r for r in rows}
    assert {"audit-c", "audit", "dast-10", "phq-9", "gad-7", "importance", "confidence"} <= set(by_key)
    assert (by_key["phq-9"]["name"], by_key["phq-9"]["items"], by_key["phq-9"]["due"]) == ("PHQ-9", 9, None)
    assert by_key["dast-10"]["items"] == 10 and by_key["audit"]["range"] == [0, 40]


def test_take_prints_total_and_band_and_history_keeps_it(data_dir: Path, capsys) -> None:
    assert cli(data_dir, "questionnaire", "take", "phq-9", "--answers", "1,2,1,1,1,1,1,2,0",
               "--date", "2026-03-02") == 0
    assert capsys.readouterr().out.strip() == "PHQ-9 on 2026-03-02: 10 of 27 — moderate"
    result = out_json(data_dir, capsys, "questionnaire", "take", "dast-10", "--answers",
                      "yes,no,no,no,no,no,no,no,no,no", "--date", "2026-03-02", "--json")
    assert (result["total"], result["band"], result["safety"]) == (2, "a low level of problems", False)
    rows = out_json(data_dir, capsys, "questionnaire", "history", "--json")
    assert rows == [
        {"key": "dast-10", "date": "2026-03-02", "answers": ["yes"] + ["no"] * 9, "total": 2,
         "band": "a low level of problems"},
        {"key": "phq-9", "date": "2026-03-02", "answers": [1, 2, 1, 1, 1, 1, 1, 2, 0], "total": 10,
         "band": "moderate"},
    ]
    rows = out_json(data_dir, capsys, "questionnaire", "history", "phq-9", "--json")
    assert [r["key"] for r in rows] == ["phq-9"]


def test_same_day_retake_replaces(data_dir: Path, capsys) -> None:
    for answers in ("3,3,3,3,3,3,3", "0,0,0,0,1,0,0"):
        assert cli(data_dir, "questionnaire", "take", "gad-7", "--answers", answers,
                   "--date", "2026-03-02") == 0
    assert "replaces that day's answers" in capsys.readouterr().out
    rows = out_json(data_dir, capsys, "questionnaire", "history", "gad-7", "--json")
    assert [(r["total"], r["band"]) for r in rows] == [(1, "minimal")]


def test_phq9_item_9_points_to_support_at_once(data_dir: Path, capsys) -> None:
    assert cli(data_dir, "questionnaire", "take", "phq-9", "--answers", "0,0,0,0,0,0,0,0,1") == 0
    out = capsys.readouterr().out
    assert "harmtrack support" in out and "nothing you answered was sent anywhere" in out


@pytest.mark.parametrize("answers, words", [
    ("1,1,1", "PHQ-9 has 9 questions; 3 answers were given"),
    ("1,1,1,1,1,1,1,1,1,1", "10 answers were given"),
    ("1,1,1,1,1,1,1,1,4", "question 9 of PHQ-9 takes one of 0, 1, 2, 3, not '4'"),
    ("1,1,1,1,1,1,1,1,-1", "not '-1'"),
    ("1,1,1,1,1,1,1,1,yes", "not 'yes'"),
    ("", "0 answers were given"),
])
def test_wrong_count_or_out_of_range_exits_2_in_one_line_and_writes_nothing(
        data_dir: Path, capsys, answers: str, words: str) -> None:
    assert cli(data_dir, "questionnaire", "take", "phq-9", "--answers", answers) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (data_dir / "harmtrack.sqlite3").exists()  # refused before a database was made
    cli(data_dir, "questionnaire", "take", "gad-7", "--answers", "0,0,0,0,0,0,0", "--date", "2026-03-01")
    assert cli(data_dir, "questionnaire", "take", "phq-9", "--answers", answers) == 2
    assert [r["key"] for r in out_json(data_dir, capsys, "questionnaire", "history", "--json")] == ["gad-7"]


@pytest.mark.parametrize("args, words", [
    (["take", "nope", "--answers", "1"], "no questionnaire 'nope'"),
    (["take", "gad-7", "--answers", "0,0,0,0,0,0,0", "--date", "2026-02-30"], "--date"),
    (["take", "gad-7", "--answers", "0,0,0,0,0,0,0", "--date", "2999-01-01"], "not a day to come"),
    (["schedule", "gad-7", "--every-weeks", "0"], "from 1 to 52"),
    (["schedule", "gad-7"], "one of the arguments"),
])
def test_other_bad_input_exits_2(data_dir: Path, capsys, args: list[str], words: str) -> None:
    assert cli(data_dir, "questionnaire", *args) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_schedule_sets_due_in_list(data_dir: Path, capsys) -> None:
    assert cli(data_dir, "questionnaire", "take", "phq-9", "--answers", "0,0,0,0,0,0,0,0,0",
               "--date", "2026-03-02") == 0
    assert cli(data_dir, "questionnaire", "schedule", "phq-9", "--every-weeks", "4") == 0
    assert "PHQ-9: every 4 weeks, next due 2026-03-30" in capsys.readouterr().out
    due = {r["key"]: r["due"] for r in out_json(data_dir, capsys, "questionnaire", "list", "--json")}
    assert due["phq-9"] == "2026-03-30" and due["gad-7"] is None
    assert cli(data_dir, "questionnaire", "schedule", "phq-9", "--off") == 0
    due = {r["key"]: r["due"] for r in out_json(data_dir, capsys, "questionnaire", "list", "--json")}
    assert due["phq-9"] is None


def test_a_dropped_in_file_appears_in_list(data_dir: Path, tmp_path: Path, capsys,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "instruments"
    shutil.copytree(instruments.FOLDER, folder)
    monkeypatch.setattr(instruments, "FOLDER", folder)
    new = {"key": "wellbeing-2", "name": "Wellbeing-2", "title": "Two wellbeing questions",
           "items": [{"type": "yes-no", "text": "Slept well?"}, {"type": "yes-no", "text": "Ate well?"}],
           "range": [0, 2], "scoring": {"source": "test"}, "licence": {"terms": "t", "attribution": "t"}}
    (folder / "wellbeing.json").write_text(json.dumps(new), encoding="utf-8")
    rows = out_json(data_dir, capsys, "questionnaire", "list", "--json")
    assert {"key": "wellbeing-2", "name": "Wellbeing-2", "items": 2}.items() <= next(
        r for r in rows if r["key"] == "wellbeing-2").items()
    result = out_json(data_dir, capsys, "questionnaire", "take", "wellbeing-2", "--answers", "yes,no",
                      "--json")
    assert result["total"] == 1


def test_show_lists_the_questions_their_scores_and_the_attribution(data_dir: Path, capsys) -> None:
    doc = out_json(data_dir, capsys, "questionnaire", "show", "audit", "--json")
    assert len(doc["items"]) == 10 and doc["items"][8]["answers"] == [0, 2, 4]
    assert "World Health Organization" in doc["attribution"]
    dast = out_json(data_dir, capsys, "questionnaire", "show", "dast-10", "--json")
    assert dast["items"][2]["answers"] == ["yes", "no"] and dast["items"][2]["kind"] == "yes-no"
    assert not (data_dir / "harmtrack.sqlite3").exists()  # showing needs no database
