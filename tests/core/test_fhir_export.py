"""The FHIR export: a Bundle that validates with fhir.resources, honours leave-out, maps units."""

from __future__ import annotations

import datetime as dt
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fhir.resources.bundle import Bundle

from harmtrack.cli import run
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange.fhir import bundle, fhir_bundle, quantity, questionnaire_resources
from harmtrack.core.report.data import ReportOptions
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking.checkins import check_in
from harmtrack.core.tracking.entries import log
from harmtrack.core.tracking.trackables import add_custom, resolve
from tests.helpers import aware

START, END = dt.date(2026, 11, 2), dt.date(2026, 11, 8)
HIDDEN = "Kitesurfing Bets"


@pytest.fixture
def history(utc_settings: Database) -> Database:
    db = utc_settings
    log(db, "alcohol", 2, at=aware(2026, 11, 2, 20))
    log(db, "alcohol", 1.5, at=aware(2026, 11, 2, 22))
    log(db, "alcohol", 0, at=aware(2026, 11, 4, 20), urge_only=True)
    add_custom(db, "Scrolling", "minutes")
    log(db, "Scrolling", 45, at=aware(2026, 11, 3, 21))
    add_custom(db, HIDDEN, "times")
    log(db, HIDDEN, 3, at=aware(2026, 11, 5, 21))
    check_in(db, dt.date(2026, 11, 6))
    log(db, "alcohol", 9, at=aware(2026, 11, 12, 20))  # after the range
    return db


def observations(b: Bundle) -> list[dict]:
    return [e["resource"] for e in json.loads(b.model_dump_json(exclude_none=True))["entry"]]


def test_daily_amounts_validate_and_leave_out_is_honoured(history: Database) -> None:
    options = ReportOptions(START, END, omit_trackables=(resolve(history, HIDDEN).id,))
    b = fhir_bundle(history, options)
    assert b.type == "collection"
    again = Bundle.model_validate_json(b.model_dump_json())  # what a reader does with the file
    assert len(again.entry) == len(b.entry)
    obs = observations(b)
    text = json.dumps(obs)
    assert HIDDEN not in text and "Kitesurfing" not in text
    by = {(o["code"]["text"].split(":")[0], o["effectiveDateTime"]): o for o in obs}
    # Logged days: 2 (use), 3, 4 (an urge), 5 (the hidden one's day is still logged), 6.
    assert sorted(d for n, d in by if n == "Alcohol") == [f"2026-11-0{d}" for d in (2, 3, 4, 5, 6)]
    assert by[("Alcohol", "2026-11-02")]["valueQuantity"]["value"] == 3.5
    assert by[("Alcohol", "2026-11-04")]["valueQuantity"]["value"] == 0  # an urge is not use
    assert all(o["category"][0]["coding"][0]["code"] == "social-history" for o in obs)
    assert "2026-11-12" not in text  # outside the range


def test_units_map_to_ucum_where_one_exists(history: Database) -> None:
    obs = observations(fhir_bundle(history, ReportOptions(START, END)))
    minutes = next(o for o in obs if o["code"]["text"].startswith("Scrolling"))["valueQuantity"]
    assert (minutes["system"], minutes["code"], minutes["unit"]) == ("http://unitsofmeasure.org", "min",
                                                                     "minutes")
    drinks = next(o for o in obs if o["code"]["text"].startswith("Alcohol"))["valueQuantity"]
    assert drinks["unit"] == "standard drinks" and "system" not in drinks and "code" not in drinks
    assert quantity(250, "ml")["code"] == "mL" and quantity(2, "mg")["code"] == "mg"
    assert "code" not in quantity(1, "times")


def test_questionnaire_results_become_a_response_and_a_survey_observation() -> None:
    day = dt.date(2026, 11, 3)
    entries = [*questionnaire_resources("AUDIT-C", day, [2, 1, 0], 3),
               *questionnaire_resources("phq_9", day, [1, 1, 0, 2, 0, 1, 0, 0, 0], 5),
               *questionnaire_resources("gad-7", day, [0, 1, 1, 0, 0, 0, 1], 3),
               *questionnaire_resources("dast-10", day, ["yes", "no", "no"], 1)]
    b = bundle(entries)
    res = [e["resource"] for e in json.loads(b.model_dump_json(exclude_none=True))["entry"]]
    responses = [r for r in res if r["resourceType"] == "QuestionnaireResponse"]
    totals = [r for r in res if r["resourceType"] == "Observation"]
    assert responses[0]["questionnaire"] == "http://loinc.org/q/72109-2"
    assert [i["answer"][0]["valueInteger"] for i in responses[0]["item"]] == [2, 1, 0]
    assert responses[3]["item"][0]["answer"][0]["valueBoolean"] is True
    codes = [o["code"].get("coding", [{}])[0].get("code") for o in totals]
    assert codes == ["75626-2", "44261-6", "70274-6", None]  # no LOINC code kept for DAST-10
    assert [o["valueInteger"] for o in totals] == [3, 5, 3, 1]
    assert all(o["category"][0]["coding"][0]["code"] == "survey" for o in totals)
    full_urls = {e.fullUrl for e in b.entry}
    assert all(o["derivedFrom"][0]["reference"] in full_urls for o in totals)
    with pytest.raises(InvalidEntry, match="yes/no"):
        questionnaire_resources("dast-10", day, ["maybe"], 0)


def test_cli_writes_a_private_file_and_refuses_range_options_for_other_formats(
        history: Database, data_dir: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    history.close()
    out = tmp_path / "out.json"
    assert run(["--data-dir", str(data_dir), "export", "--format", "fhir", "--out", str(out),
                "--from", START.isoformat(), "--to", END.isoformat(), "--leave-out", HIDDEN]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    b = Bundle.model_validate_json(out.read_text(encoding="utf-8"))
    assert b.entry and HIDDEN not in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert run(["--data-dir", str(data_dir), "export", "--format", "csv", "--out",
                str(tmp_path / "x.csv"), "--from", START.isoformat()]) == 2
    assert "--format fhir" in capsys.readouterr().err
    db = open_data_folder(data_dir)
    db.close()


def test_fhir_resources_is_imported_only_by_the_export() -> None:
    code = ("import sys, harmtrack.cli, harmtrack.core.report.pdf, harmtrack.core.exchange.export;"
            "print('fhir.resources' in sys.modules, 'fhir' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_resource_that_breaks_the_spec_is_refused_not_written() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="code"):
        bundle([{"resourceType": "Observation", "status": "final"}])  # an Observation needs a code
    with pytest.raises(ValidationError):
        bundle([{"resourceType": "Observation", "status": "final", "code": {"text": "x"},
                 "valueQuantity": {"value": "a lot"}}])
