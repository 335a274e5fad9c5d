"""The FHIR export holds the questionnaires kept in the range (validated with fhir.resources)
and leaves them out when the client chooses, as the report does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fhir.resources.bundle import Bundle

from harmtrack.cli import run
from harmtrack.core.care.questionnaires import answers
from harmtrack.core.exchange.fhir import write_fhir
from harmtrack.core.report.data import ReportOptions
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking import trackables
from harmtrack.core.tracking.entries import log
from tests.helpers import aware

START, END = dt.date(2026, 11, 2), dt.date(2026, 11, 29)


@pytest.fixture
def scored(utc_settings: Database) -> Database:
    """PHQ-9 on 1 Nov (before the range), 12 Nov (14) and 26 Nov (12); GAD-7 on 20 Nov (5)."""
    db = utc_settings
    trackables.add_builtin(db, "alcohol")
    log(db, "alcohol", 2, at=aware(2026, 11, 3, 20))
    answers.take(db, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], dt.date(2026, 11, 1))
    answers.take(db, "phq-9", [2, 2, 2, 2, 2, 2, 1, 1, 0], dt.date(2026, 11, 12))
    answers.take(db, "phq-9", [2, 2, 2, 2, 1, 1, 1, 1, 0], dt.date(2026, 11, 26))
    answers.take(db, "gad-7", [1, 1, 1, 1, 1, 0, 0], dt.date(2026, 11, 20))
    return db


def test_the_fhir_export_holds_the_answers_in_the_range_and_honours_the_leave_out(
        scored: Database, tmp_path: Path) -> None:
    target, _ = write_fhir(scored, ReportOptions(START, END), tmp_path / "b.json")
    b = Bundle.model_validate_json(target.read_text(encoding="utf-8"))  # validates with fhir.resources
    kinds = [e.resource.get_resource_type() for e in b.entry or []]
    assert kinds.count("QuestionnaireResponse") == 3  # PHQ-9 twice and GAD-7; 1 Nov is before the range
    totals = {}
    for e in b.entry or []:
        r = e.resource
        if r.get_resource_type() == "Observation" and r.category[0].coding[0].code == "survey":
            totals[(r.code.coding[0].code, str(r.effectiveDateTime))] = r.valueInteger
    assert totals == {("44261-6", "2026-11-12"): 14, ("44261-6", "2026-11-26"): 12,
                      ("70274-6", "2026-11-20"): 5}
    target, _ = write_fhir(scored, ReportOptions(START, END, omit_questionnaires=True),
                           tmp_path / "left.json")
    text = target.read_text(encoding="utf-8")
    assert "QuestionnaireResponse" not in text and "survey" not in text
    Bundle.model_validate_json(text)


def test_the_fhir_cli_omits_questionnaires_and_refuses_other_words(data_dir: Path, tmp_path: Path,
                                                                   capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run([*d, "log", "alcohol", "1", "--at", "2026-11-03T20:00"]) == 0
    assert run([*d, "questionnaire", "take", "gad-7", "--answers", "1,1,1,1,1,1,1",
                "--date", "2026-11-04"]) == 0
    out = tmp_path / "b.json"
    base = [*d, "export", "--format", "fhir", "--from", "2026-11-01", "--to", "2026-11-29", "--out", str(out)]
    assert run(base) == 0 and "QuestionnaireResponse" in out.read_text(encoding="utf-8")
    assert run([*base, "--omit", "questionnaires"]) == 0
    assert "QuestionnaireResponse" not in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert run([*base, "--omit", "moods"]) == 2
    assert capsys.readouterr().err.count("\n") == 1

