"""Questionnaire scores and safer-use combination notes where the therapist reads them: the
report (page 1 and its section), the FHIR export, and how imported entries are counted."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.care.questionnaires import answers
from harmtrack.core.care.questionnaires.latest import latest_scores
from harmtrack.core.care.sessions import add_session
from harmtrack.core.report import pdf as report
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking import trackables
from harmtrack.core.tracking.entries import log
from tests.helpers import aware

START, END = dt.date(2026, 11, 2), dt.date(2026, 11, 29)
PHQ_SOURCE = "Löwe B, Unützer J"  # the start of phq-9.json's reliable-change source


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


@pytest.fixture
def scored(utc_settings: Database) -> Database:
    """PHQ-9 at 8 before the session of 10 Nov, then 14 (worse by 6: not on track) and 12;
    GAD-7 only after the session; alcohol logged so the report has a trackable."""
    db = utc_settings
    trackables.add_builtin(db, "alcohol")
    log(db, "alcohol", 2, at=aware(2026, 11, 3, 20))
    answers.take(db, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], dt.date(2026, 11, 1))  # 8
    add_session(db, dt.date(2026, 11, 10), note="first")
    answers.take(db, "phq-9", [2, 2, 2, 2, 2, 2, 1, 1, 0], dt.date(2026, 11, 12))  # 14
    answers.take(db, "phq-9", [2, 2, 2, 2, 1, 1, 1, 1, 0], dt.date(2026, 11, 26))  # 12
    answers.take(db, "gad-7", [1, 1, 1, 1, 1, 0, 0], dt.date(2026, 11, 20))  # 5
    return db


def test_latest_scores_give_band_change_since_the_session_and_not_on_track(scored: Database) -> None:
    by_key = {s.instrument.key: s for s in latest_scores(scored, START, END)}
    assert set(by_key) == {"phq-9", "gad-7"}
    phq = by_key["phq-9"]
    assert (phq.date, phq.total, phq.band, phq.session, phq.at_session) == (
        dt.date(2026, 11, 26), 12, "moderate", dt.date(2026, 11, 10), 8)
    assert phq.change == 4 and phq.change_text() == "+4 since 10 Nov 2026 (was 8)"
    assert phq.not_on_track == (dt.date(2026, 11, 12),)  # 8 -> 14 is worse by 5 or more
    assert PHQ_SOURCE in (phq.not_on_track_text() or "")
    gad = by_key["gad-7"]
    assert gad.change is None and gad.change_text() == "first taken since 10 Nov 2026"
    assert gad.not_on_track_text() is None


def test_the_report_shows_scores_on_page_one_and_a_section_with_sources(scored: Database,
                                                                         tmp_path: Path) -> None:
    out = report.write_report(scored, report.ReportOptions(START, END), tmp_path / "r.pdf")
    first = pdf_text(out.path, 1, 1)
    assert "Questionnaires" in first
    assert "PHQ-9 12 of 27 (moderate), +4 since 10 Nov 2026 (was 8) · not on track on 12 Nov 2026" in first
    assert "GAD-7 5 of 21 (mild), first taken since 10 Nov 2026" in first
    text = pdf_text(out.path)
    assert "Questionnaire scores" in text and "Patient Health Questionnaire-9 (PHQ-9)" in text
    assert "Not on track on 12 Nov 2026" in text and PHQ_SOURCE in text
    assert "PHQ-9 developed by Drs. Robert L. Spitzer" in text  # the attribution its licence asks for
    assert "GAD-7 developed by Drs. Robert L. Spitzer" in text


def test_leaving_questionnaires_out_leaves_no_trace_and_says_so(scored: Database, tmp_path: Path) -> None:
    options = report.ReportOptions(START, END, omit_questionnaires=True)
    text = pdf_text(report.write_report(scored, options, tmp_path / "r.pdf").path)
    assert "Left out at the client's request: questionnaire scores" in text
    for word in ("PHQ-9", "GAD-7", "Questionnaire scores", "Spitzer"):
        assert word not in text


def test_the_report_and_the_cli_agree_on_the_latest_score(data_dir: Path, tmp_path: Path, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run([*d, "log", "alcohol", "1", "--at", "2026-11-03T20:00"]) == 0
    for day, given in (("2026-11-04", "1,1,0,0,0,0,0,0,0"), ("2026-11-18", "3,2,2,1,1,1,1,0,0")):
        assert run([*d, "questionnaire", "take", "phq-9", "--answers", given, "--date", day]) == 0
    assert run([*d, "questionnaire", "take", "audit-c", "--answers", "2,1,1", "--date", "2026-11-11"]) == 0
    capsys.readouterr()
    assert run([*d, "questionnaire", "history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    latest = {r["key"]: r for r in rows}  # oldest first: the last row per key stays
    pdf = tmp_path / "r.pdf"
    assert run([*d, "report", "--from", "2026-11-01", "--to", "2026-11-29", "--out", str(pdf)]) == 0
    first = pdf_text(pdf, 1, 1)
    for key, name, high in (("phq-9", "PHQ-9", 27), ("audit-c", "AUDIT-C", 12)):
        r = latest[key]
        assert f"{name} {r['total']} of {high} ({r['band']})" in first
    assert latest["phq-9"]["total"] == 11


def test_the_report_cli_leaves_questionnaires_out(data_dir: Path, tmp_path: Path) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run([*d, "log", "alcohol", "1", "--at", "2026-11-03T20:00"]) == 0
    assert run([*d, "questionnaire", "take", "gad-7", "--answers", "1,1,1,1,1,1,1",
                "--date", "2026-11-04"]) == 0
    pdf = tmp_path / "r.pdf"
    assert run([*d, "report", "--from", "2026-11-01", "--to", "2026-11-29", "--omit", "questionnaires",
                "--out", str(pdf)]) == 0
    assert "GAD-7" not in pdf_text(pdf)




def test_depressants_logged_close_together_appear_calmly_with_their_source(utc_settings: Database,
                                                                           tmp_path: Path) -> None:
    db = utc_settings
    trackables.add_builtin(db, "opioids")
    trackables.add_builtin(db, "benzodiazepines")
    log(db, "opioids", 10, at=aware(2026, 11, 6, 21))
    log(db, "benzodiazepines", 5, at=aware(2026, 11, 6, 23))
    options = report.ReportOptions(START, END)
    text = pdf_text(report.write_report(db, options, tmp_path / "r.pdf").path)
    assert "Depressants logged close together" in text and "Opioids and Benzodiazepines" in text
    assert "U.S. Food and Drug Administration" in text and "naloxone" in text
    alone = report.ReportOptions(START, END, omit_trackables=(trackables.resolve(db, "benzodiazepines").id,))
    assert "Depressants logged close together" not in pdf_text(
        report.write_report(db, alone, tmp_path / "alone.pdf").path)


def test_the_report_draws_the_scores_chart_with_its_band_labels_on_the_page(scored: Database) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from harmtrack.core.report.charts import chart_specs

    # DAST-10's band labels are the longest ("a substantial level of problems").
    answers.take(scored, "dast-10", ["yes"] * 4 + ["no"] * 6, dt.date(2026, 11, 20))
    data = report.gather(scored, report.ReportOptions(START, END))
    (spec,) = [s for s in chart_specs(data) if s.title == "Questionnaire scores"]
    fig = Figure(figsize=spec.size, dpi=100)  # as the report makes it
    canvas = FigureCanvasAgg(fig)
    spec.draw(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    labels = [t for ax in fig.axes for t in ax.texts]
    assert "a substantial level of problems" in [t.get_text() for t in labels]
    for t in labels:
        assert t.get_window_extent(renderer).x1 <= fig.bbox.width + 0.5, t.get_text()
