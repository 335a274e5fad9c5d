"""Standard measures, the calendar summary and how the data was logged: the figures, the
CLI and the report agree, and heavy-use days follow the rule the user chose."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import update

from harmtrack.cli import run
from harmtrack.core.goals.heavy_days import rule_for, set_own_threshold
from harmtrack.core.report import pdf as report
from harmtrack.core.report.calendar import calendar_months
from harmtrack.core.report.data import chosen_trackables, gather
from harmtrack.core.report.measures import measures
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import entries_table
from harmtrack.core.storage.settings import get_settings, update_settings
from harmtrack.core.tracking.checkins import check_in
from harmtrack.core.tracking.entries import log
from harmtrack.core.tracking.trackables import add_custom, resolve, update_trackable
from tests.helpers import aware

START, END = dt.date(2026, 11, 2), dt.date(2026, 11, 15)  # two whole weeks, Monday first
NOW = dt.date(2026, 11, 20)


@pytest.fixture
def history(utc_settings: Database) -> Database:
    db = utc_settings
    for day, amount in ((2, 2), (3, 6), (5, 4), (9, 5), (12, 1)):
        log(db, "alcohol", amount, at=aware(2026, 11, day, 20))
    log(db, "alcohol", 3, at=aware(2026, 11, 12, 22))  # the 12th: 4 in all
    log(db, "alcohol", 0, at=aware(2026, 11, 7, 20), urge_only=True)  # an urge is not use
    for day in (4, 6, 8, 10):
        check_in(db, dt.date(2026, 11, day))
    log(db, "alcohol", 7, at=aware(2026, 10, 25, 21))  # the period before: 19 Oct – 1 Nov
    add_custom(db, "Scrolling", "minutes")
    log(db, "Scrolling", 90, at=aware(2026, 11, 3, 23))
    log(db, "Scrolling", 30, at=aware(2026, 11, 5, 23))
    # Logged later: the entry of the 2nd typed in on the 3rd, the 9th's on the 12th.
    e = entries_table.c
    with transaction(db) as conn:
        conn.execute(update(entries_table).where(e.day == dt.date(2026, 11, 2))
                     .values(created_at=dt.datetime(2026, 11, 3, 9)))
        conn.execute(update(entries_table).where(e.day == dt.date(2026, 11, 9))
                     .values(created_at=dt.datetime(2026, 11, 12, 9)))
        conn.execute(update(entries_table).where(e.day != dt.date(2026, 11, 2), e.day != dt.date(2026, 11, 9))
                     .values(created_at=e.occurred_at))
    return db


def alcohol_measures(db: Database):  # type: ignore[no-untyped-def]
    m = measures(db, [resolve(db, "alcohol")], START, END, today=NOW)
    return m, m.trackables[0]


def test_measures_follow_the_definitions(history: Database) -> None:
    m, a = alcohol_measures(history)
    cur = a.current
    # Logged: use on 2,3,5,9,12; urge on 7; check-ins on 4,6,8,10; Scrolling adds nothing new.
    assert cur.logged_days == 10 and cur.use_days == 5 and cur.use_free_days == 5
    assert cur.use_free_pct == pytest.approx(50.0)
    assert cur.not_logged_days == 4  # 11, 13, 14, 15
    assert cur.total == 21 and cur.per_use_day == pytest.approx(21 / 5)
    assert (cur.heaviest, cur.heaviest_day) == (6, dt.date(2026, 11, 3))
    assert cur.heavy_days is None  # no guideline chosen, no own threshold: none is guessed
    assert (m.before_start, m.before_end) == (dt.date(2026, 10, 19), dt.date(2026, 11, 1))
    assert a.before.total == 7 and a.before.use_days == 1 and a.before.logged_days == 1
    assert [w.total for w in a.weeks] == [12, 9] and all(w.target is None for w in a.weeks)


def test_heavy_use_days_follow_the_chosen_guideline_with_its_source(history: Database) -> None:
    update_settings(history, guideline="niaaa-men", country="US")
    _, a = alcohol_measures(history)
    assert a.heavy is not None and a.heavy.at_least == 5 and a.heavy.source is not None
    assert "niaaa.nih.gov" in a.heavy.source.citation
    assert a.current.heavy_days == 2  # 6 on the 3rd, 5 on the 9th
    update_settings(history, guideline="niaaa-women")
    _, a = alcohol_measures(history)
    assert a.current.heavy_days == 4  # 6, 4, 5 and the 12th's 1 + 3
    update_settings(history, guideline="uk-cmo-2016")  # no daily rule in that guideline
    _, a = alcohol_measures(history)
    assert a.heavy is None and a.current.heavy_days is None


def test_the_screening_cut_off_setting_picks_niaaa_s_heavy_day_over_the_overlay(history: Database) -> None:
    # One rule: own threshold, then the setting (when it says whose), then the overlay chosen.
    update_settings(history, guideline="niaaa-men", country="US", sex="female")
    _, a = alcohol_measures(history)
    assert a.heavy is not None and a.heavy.at_least == 4 and "women" in a.heavy.words
    assert a.current.heavy_days == 4
    update_settings(history, guideline="niaaa-women", sex="male")
    _, a = alcohol_measures(history)
    assert a.heavy is not None and a.heavy.at_least == 5 and a.current.heavy_days == 2
    update_settings(history, sex=None)  # both shown: the overlay chosen decides, as before
    _, a = alcohol_measures(history)
    assert a.heavy is not None and a.heavy.at_least == 4
    update_settings(history, guideline="nhmrc-2020", country="AU", sex="male")  # same for all
    _, a = alcohol_measures(history)
    assert a.heavy is not None and a.heavy.strict and "Australian" in a.heavy.words
    update_settings(history, guideline=None, sex="female")  # no guideline: still none guessed
    _, a = alcohol_measures(history)
    assert a.heavy is None and a.current.heavy_days is None


def test_every_by_sex_rule_names_a_rule_of_the_same_guideline() -> None:
    from harmtrack.core.goals.heavy_days import rules

    for key, raw in rules().items():
        for sex, other in raw.get("by_sex", {}).items():
            assert sex in ("male", "female") and other in rules(), key
            assert rules()[other]["source"] == raw["source"], key


def test_an_own_threshold_wins_and_follows_a_rename(history: Database) -> None:
    scrolling = resolve(history, "Scrolling")
    assert rule_for(scrolling, get_settings(history)) is None
    set_own_threshold(history, scrolling, 60)
    m = measures(history, [scrolling], START, END, today=NOW)
    assert m.trackables[0].current.heavy_days == 1
    update_trackable(history, scrolling.id, name="Phone time")
    renamed = resolve(history, "Phone time")
    rule = rule_for(renamed, get_settings(history))
    assert rule is not None and rule.at_least == 60 and rule.source is None
    set_own_threshold(history, renamed, None)
    assert rule_for(renamed, get_settings(history)) is None


def test_collection_counts_same_day_next_day_and_later(history: Database) -> None:
    m, _ = alcohol_measures(history)
    c = m.collection
    assert c.entries == 7  # use and urge entries of alcohol in the range
    assert (c.same_day, c.next_day, c.later) == (5, 1, 1)
    assert c.days_over == 14 and c.not_logged_days == 4


def test_calendar_marks_use_free_not_logged_heavy_and_days_not_over(history: Database) -> None:
    update_settings(history, guideline="niaaa-men")
    a = resolve(history, "alcohol")
    heavy = rule_for(a, get_settings(history))
    logged = {dt.date(2026, 11, d) for d in (2, 3, 4, 5, 6, 7, 8, 9, 10, 12)}
    (month,) = calendar_months(history, a.id, START, END, logged, heavy, dt.date(2026, 11, 14))
    cells = {c.day.day: c for w in month.weeks for c in w if c.state != "outside"}
    assert month.title == "November 2026" and len(month.weeks) == 2  # weeks outside dropped
    assert cells[3].state == "heavy" and cells[3].amount == 6
    assert cells[2].state == "use" and cells[2].amount == 2
    assert cells[4].state == "use-free" and cells[7].state == "use-free"  # an urge only
    assert cells[11].state == "not-logged" and cells[13].state == "not-logged"
    assert cells[14].state == "not-over" and cells[15].state == "not-over"


def test_the_cli_and_the_report_show_the_same_measures(history: Database, data_dir: Path,
                                                       capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    update_settings(history, guideline="niaaa-men")
    history.close()
    assert run(["--data-dir", str(data_dir), "measures", "--from", START.isoformat(), "--to",
                END.isoformat(), "--leave-out", "Scrolling", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    db = open_data_folder(data_dir)
    try:
        options = report.ReportOptions(START, END, omit_trackables=(resolve(db, "Scrolling").id,))
        data = gather(db, options)
        assert data.extra["measures"].to_json() == printed
        assert [t["name"] for t in printed["trackables"]] == ["Alcohol"]  # left out: not there
        alcohol = printed["trackables"][0]
        assert alcohol["range"]["heavy_days"] == 2 and alcohol["range"]["use_free_pct"] == 50.0
        out = report.write_report(db, options, tmp_path / "r.pdf").path
    finally:
        db.close()
    first = PdfReader(out).pages[0].extract_text()
    assert "Standard measures" in first and "How it was logged" in first
    assert "50% (0%)" in first  # use-free share, with the period before in brackets
    assert "logged on the day they happened" in first
    assert "Scrolling" not in "\n".join(p.extract_text() for p in PdfReader(out).pages)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Calendar summary" in text and "November 2026" in text


def test_heavy_day_cli_sets_shows_and_refuses(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_data_folder(data_dir)
    add_custom(db, "Scrolling", "minutes")
    db.close()
    assert run(["--data-dir", str(data_dir), "heavy-day", "Scrolling", "--at-least", "120", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["at_least"] == 120
    assert run(["--data-dir", str(data_dir), "heavy-day", "Scrolling", "--at-least", "-1"]) == 2
    assert "above 0" in capsys.readouterr().err
    assert run(["--data-dir", str(data_dir), "heavy-day", "Scrolling", "--clear"]) == 0
    assert "no heavy-use day" in capsys.readouterr().out


def test_settings_cli_shows_and_sets_the_screening_cut_offs(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    base = ["--data-dir", str(data_dir), "settings"]
    assert run(base) == 0
    assert "screening cut-offs: both" in capsys.readouterr().out
    assert run([*base, "--screening-cutoffs", "women", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sex"] == "female"
    assert run([*base, "--screening-cutoffs", "female"]) == 2  # the CLI's words: men, women, both
    assert "invalid choice" in capsys.readouterr().err
    db = open_data_folder(data_dir)
    try:
        assert get_settings(db).sex == "female"
    finally:
        db.close()
    assert run([*base, "--screening-cutoffs", "both"]) == 0
    assert "screening cut-offs: both" in capsys.readouterr().out


def test_with_nothing_logged_before_the_table_says_so_once(utc_settings: Database, tmp_path: Path) -> None:
    log(utc_settings, "alcohol", 2, at=aware(2026, 11, 3, 20))
    options = report.ReportOptions(START, END)
    data = gather(utc_settings, options)
    m = data.extra["measures"]
    assert m.trackables[0].before.logged_days == 0
    out = report.write_report(utc_settings, options, tmp_path / "r.pdf").path
    first = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Nothing was logged in the 14 days before this range" in first
    assert "Alcohol (standard drinks) 0% 2 2 no threshold set" in first  # no brackets
    assert chosen_trackables(utc_settings, options)[0].name == "Alcohol"


def test_an_own_threshold_survives_export_and_import(utc_settings: Database, tmp_path: Path) -> None:
    from harmtrack.core.exchange import export, importers

    scrolling = add_custom(utc_settings, "Scrolling", "minutes")
    log(utc_settings, "Scrolling", 90, at=aware(2026, 11, 3, 23))
    set_own_threshold(utc_settings, scrolling, 75)
    update_settings(utc_settings, sex="female")
    out = export.write_export(utc_settings, "json", tmp_path / "all.json")
    other = open_data_folder(tmp_path / "other")
    try:
        importers.run_import(other, out)
        rule = rule_for(resolve(other, "Scrolling"), get_settings(other))
        assert rule is not None and rule.at_least == 75
        assert get_settings(other).sex == "female"  # the screening cut-off setting too
    finally:
        other.close()
