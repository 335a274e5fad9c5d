"""Questionnaire answers and schedules survive export and import; an import scores again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from harmtrack.core.care.questionnaires import answers, schedules
from harmtrack.core.exchange import export, importers
from harmtrack.core.storage.data_folder import open_data_folder


def test_round_trip_keeps_answers_and_schedules(utc_settings, tmp_path: Path) -> None:
    db = utc_settings
    answers.take(db, "phq-9", [2, 2, 1, 1, 1, 1, 1, 1, 0], dt.date(2025, 5, 1))
    answers.take(db, "dast-10", ["yes"] * 10, dt.date(2025, 5, 1))
    answers.take(db, "importance", [8], dt.date(2025, 5, 2))
    schedules.set_schedule(db, "phq-9", every_weeks=2)
    schedules.set_schedule(db, "gad-7", before_sessions=True)
    out = tmp_path / "export.json"
    export.write_export(db, "json", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["questionnaire_answers"][0] == {
        "key": "dast-10", "date": "2025-05-01", "answers": ["yes"] * 10, "total": 9,
        "band": "a severe level of problems", "created_at": doc["questionnaire_answers"][0]["created_at"],
        "updated_at": doc["questionnaire_answers"][0]["updated_at"]}
    other = open_data_folder(tmp_path / "other")
    preview = importers.run_import(other, out)
    assert preview.added["questionnaire_answers"] == 3 and preview.added["questionnaire_schedules"] == 2
    assert [t.to_json() for t in answers.history(other)] == [t.to_json() for t in answers.history(db)]
    assert schedules.schedules(other) == schedules.schedules(db)
    assert schedules.due(other, "phq-9") == dt.date(2025, 5, 15)
    again = importers.run_import(other, out)
    assert again.added["questionnaire_answers"] == 0 and again.already_present >= 5
    other.close()


def test_an_import_scores_again_and_refuses_what_cannot_be_scored(db, tmp_path: Path) -> None:
    doc = {"format": "harmtrack-export", "version": 1, "questionnaire_answers": [
        {"key": "gad-7", "date": "2025-05-01", "answers": [3, 3, 3, 3, 3, 3, 3], "total": 0,
         "band": "minimal"},
        {"key": "nope", "date": "2025-05-02", "answers": [1]},
        {"key": "gad-7", "date": "2025-05-03", "answers": [3, 3]},
        {"key": "gad-7", "date": "2025-05-04", "answers": [9, 0, 0, 0, 0, 0, 0]},
    ], "questionnaire_schedules": [{"key": "gad-7", "every_weeks": 99, "since": "2025-05-01"}]}
    f = tmp_path / "edited.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    preview = importers.run_import(db, f)
    assert [t.to_json()["total"] for t in answers.history(db)] == [21]  # not the file's 0
    assert answers.history(db)[0].band == "severe"
    reasons = {r.where: r.reason for r in preview.refused}
    assert "no questionnaire 'nope'" in reasons["questionnaire_answers[1]"]
    assert "GAD-7 has 7 questions; 2 answers were given" in reasons["questionnaire_answers[2]"]
    assert "not 9" in reasons["questionnaire_answers[3]"]
    assert "from 1 to 52" in reasons["questionnaire_schedules[0]"]
    assert schedules.schedules(db) == {}


def test_the_demo_fills_a_year_of_questionnaires(utc_settings) -> None:
    from harmtrack.core.charts.data import chart_data
    from harmtrack.core.exchange import demo

    end = dt.date(2026, 6, 30)
    demo.fill(utc_settings, days=365, end=end)
    kept = answers.history(utc_settings)
    phq = [t for t in kept if t.key == "phq-9"]
    assert len(phq) == 13 and phq[0].total > phq[-1].total  # easing over the year
    assert all(t.answers[8] == 0 for t in phq)  # no safety flag in example data
    assert {t.key for t in kept} == {"phq-9", "gad-7", "audit-c", "dast-10", "importance", "confidence"}
    data = chart_data(utc_settings, "scores", None, end - dt.timedelta(days=364), end)
    assert any(any(s.not_on_track) for s in data.series)  # the hard month shows
    assert schedules.schedules(utc_settings)["phq-9"].every_weeks == 4
