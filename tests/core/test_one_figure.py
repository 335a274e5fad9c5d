"""One figure, one number: every screen gives the same counts for the same range.

The property test draws random histories and random ranges and checks that the charts'
data and summaries, the progress panel's week, ``progress --json`` and the report agree
on totals, use-free days, not-logged days and urges. The fixed examples below it each
reproduce one defect of issue 11 (they fail on the code before the fix).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

from harmtrack.cli import run
from harmtrack.core import stats
from harmtrack.core.care.sessions import add_session
from harmtrack.core.charts import drawing as charts
from harmtrack.core.charts.text import summary
from harmtrack.core.common.days import week_start as week_start_of
from harmtrack.core.goals import glance, progress, taper
from harmtrack.core.goals import store as goals
from harmtrack.core.quantities import formatting
from harmtrack.core.report import pdf as report
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import checkins_table, entries_table, goals_table
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import checkins, entries
from harmtrack.core.tracking.trackables import add_builtin

#: (days before today, kind, amount, craving)
history = st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["use", "urge", "other", "checkin"]),
                             st.integers(1, 4), st.sampled_from([None, 0, 3, 8])), max_size=45)


def fill(db: Database, rows: list[tuple[int, str, int, int | None]], today: dt.date) -> tuple[int, int]:
    """Replace the history with ``rows`` (fresh for each example); (alcohol id, cannabis id)."""
    alcohol = add_builtin(db, "alcohol").id
    cannabis = add_builtin(db, "cannabis").id
    with transaction(db) as s:
        s.execute(delete(entries_table))
        s.execute(delete(checkins_table))
        s.execute(delete(goals_table))
        for back, kind, amount, craving in rows:
            day = today - dt.timedelta(days=back)
            if kind == "checkin":
                if s.scalar(select(checkins_table.c.day).where(checkins_table.c.day == day)) is None:
                    s.execute(insert(checkins_table).values(day=day))
                continue
            s.execute(insert(entries_table).values(
                trackable_id=cannabis if kind == "other" else alcohol,
                occurred_at=dt.datetime.combine(day, dt.time(12)), utc_offset_min=0, day=day,
                amount=0 if kind == "urge" else amount, urge_only=kind == "urge", craving=craving))
    return alcohol, cannabis


def progress_json(data_dir: Path, capsys: pytest.CaptureFixture[str], start: dt.date,
                  end: dt.date) -> list[dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    assert run(["--data-dir", str(data_dir), "progress", "--from", start.isoformat(), "--to",
                end.isoformat(), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=history, back=st.integers(0, 45), length=st.integers(1, 40), week_start=st.integers(0, 6))
def test_every_screen_gives_the_same_figures(db: Database, data_dir: Path, capsys, rows, back,
                                             length, week_start) -> None:
    update_settings(db, timezone="UTC", week_start=week_start)
    today = entries.today(db)
    alcohol, _ = fill(db, rows, today)
    end = today - dt.timedelta(days=back)
    start = end - dt.timedelta(days=length - 1)
    # A daily limit judged over the whole history, so progress has one period per day.
    goals.create_goal(db, alcohol, "daily-max", 100, start=today - dt.timedelta(days=120))

    daily = charts.chart_data(db, "daily", alcohol, start, end)
    calendar = charts.chart_data(db, "calendar", alcohol, start, end)
    weekly = charts.chart_data(db, "weekly", alcohol, start, end)
    free = charts.chart_data(db, "free-days", alcohol, start, end)
    urges = charts.chart_data(db, "urges", alcohol, start, end)
    assert isinstance(daily, charts.DailyData) and isinstance(calendar, charts.CalendarData)
    assert isinstance(weekly, charts.WeeklyData) and isinstance(free, charts.FreeDaysData)
    assert isinstance(urges, charts.UrgesData)
    s = daily.series
    total, used = float(s.amount.sum()), int(s.used.sum())
    use_free, not_logged = int(s.use_free.sum()), int(s.not_logged.sum())

    # the charts: weeks add up to the days (days outside the range never count)
    assert float(weekly.weekly.total.sum()) == pytest.approx(total)
    assert int(free.weekly.use_free_days.sum()) == use_free
    assert int(free.weekly.use_days.sum()) == used
    assert int(free.weekly.not_logged_days.sum()) == not_logged
    assert int(free.weekly.days_in_range.sum()) == length
    assert (int(calendar.series.use_free.sum()), int(calendar.series.not_logged.sum())) == (
        use_free, not_logged)

    # the report
    opts = report.ReportOptions(start, end, trackables=(alcohol,))
    data = report.gather(db, opts)
    (summ,) = data.summaries
    assert summ.total == pytest.approx(total)
    assert (summ.use_days, summ.use_free_days, summ.not_logged_days) == (used, use_free, not_logged)
    assert summ.urge_only + summ.urges_acted == int(urges.urges.urges.sum())
    assert summ.urges_acted == int(urges.urges.acted_on.sum())
    assert summ.logged_days == int(s.logged.sum())
    assert summ.per_day == pytest.approx(stats.per_logged_day(total, int(s.logged.sum())))

    # progress --json: one period per day of the range
    days = [r for r in progress_json(data_dir, capsys, start, end) if r["type"] == "daily-max"]
    assert len(days) == length
    assert sum(r["actual"] for r in days) == pytest.approx(total)
    assert sum(r["use_free_days"] for r in days) == use_free
    assert sum(r["not_logged_days"] for r in days) == not_logged
    assert sum(r["use_days"] for r in days) == used

    # the summaries say the same numbers
    text = summary(daily)
    if not daily.is_empty:
        assert f"use on {used} day" in text and f"{use_free} use-free day" in text
        assert f"{not_logged} day{'s' if not_logged != 1 else ''} not logged" in text
    urged = formatting.count(int(urges.urges.urges.sum()), "urge")
    assert f"{urged} logged" in summary(urges) or urges.is_empty
    if not free.is_empty:
        assert f"{use_free} use-free day" in summary(free)

    # the progress panel's week against the same week in the charts
    monday = week_start_of(today, week_start)
    goals.create_goal(db, alcohol, "free-days", 3, start=monday)
    item = next(i for i in glance.glance(db, today=today).items if i.goal.type == "free-days")
    week = charts.chart_data(db, "free-days", alcohol, monday, today)
    assert isinstance(week, charts.FreeDaysData)
    assert item.result.use_free_days == int(week.weekly.use_free_days.sum())
    assert item.result.not_logged_days == int(week.weekly.not_logged_days.sum())
    assert numbers(item.phrase)[0] == str(item.result.use_free_days)


# --- fixed examples: each defect of issue 11, as a person met it --------------------------------

def test_last_4_weeks_counts_the_same_use_free_days_and_urges_everywhere(utc_settings: Database) -> None:
    db = utc_settings
    today = entries.today(db)
    rng = report.resolve_range(db, "last-4-weeks", now=today)
    alcohol = add_builtin(db, "alcohol").id
    # Log every day from two weeks before the range: the first week of the range's grid
    # starts before it, and those days used to be counted (15 use-free days, not 13).
    day = rng.start - dt.timedelta(days=14)
    while day <= today:
        if day.toordinal() % 3 == 0:
            entries.log(db, alcohol, 1, at=dt.datetime.combine(day, dt.time(12), dt.UTC), craving=5)
        else:
            checkins.check_in(db, day)
            entries.log(db, alcohol, 0, urge_only=True, craving=4,
                        at=dt.datetime.combine(day, dt.time(13), dt.UTC))
        day += dt.timedelta(days=1)
    daily = charts.chart_data(db, "daily", alcohol, rng.start, rng.end)
    free = charts.chart_data(db, "free-days", alcohol, rng.start, rng.end)
    urges = charts.chart_data(db, "urges", alcohol, rng.start, rng.end)
    assert isinstance(daily, charts.DailyData) and isinstance(free, charts.FreeDaysData)
    assert isinstance(urges, charts.UrgesData)
    (summ,) = report.gather(db, report.ReportOptions(rng.start, rng.end, trackables=(alcohol,))).summaries
    in_range = [rng.start + dt.timedelta(days=i) for i in range(28)]
    expected_free = sum(1 for d in in_range if d.toordinal() % 3 != 0)
    assert int(daily.series.use_free.sum()) == expected_free == summ.use_free_days
    assert int(free.weekly.use_free_days.sum()) == expected_free
    assert int(urges.urges.urges.sum()) == 28 == summ.urge_only + summ.urges_acted
    assert int(urges.urges.acted_on.sum()) == 28 - expected_free == summ.urges_acted


def test_since_last_session_starts_on_the_session_day_everywhere(utc_settings: Database,
                                                                 data_dir: Path, tmp_path: Path,
                                                                 capsys) -> None:
    db = utc_settings
    today = entries.today(db)
    session = today - dt.timedelta(days=20)
    add_session(db, session)
    alcohol = add_builtin(db, "alcohol").id
    goals.create_goal(db, alcohol, "daily-max", 4, start=today - dt.timedelta(days=40))
    entries.log(db, alcohol, 1, at=dt.datetime.combine(today - dt.timedelta(days=3), dt.time(12),
                                                       dt.UTC))
    capsys.readouterr()
    # the command line names the same ranges
    assert run(["--data-dir", str(data_dir), "progress", "--range", "session", "--json"]) == 0
    periods = json.loads(capsys.readouterr().out)
    assert min(dt.date.fromisoformat(r["start"]) for r in periods) == session
    assert run(["--data-dir", str(data_dir), "chart", "daily", "--range", "session", "--out",
                str(tmp_path / "d.png")]) == 0
    assert f"{session.day} {session:%b}" in capsys.readouterr().out.split(" to ")[0]
    from harmtrack.core.charts.ranges import preset_range  # the charts' and review mode's ranges

    assert preset_range(db, "session", today).start == session
    assert report.resolve_range(db, "since-last-session", now=today).start == session
    assert report.resolve_range(db, "default", now=today).start == session


def test_a_report_since_yesterdays_session_covers_the_last_full_week(utc_settings: Database,
                                                                    tmp_path: Path) -> None:
    from test_report import pdf_text

    db = utc_settings
    today = entries.today(db)
    add_session(db, today - dt.timedelta(days=1))
    alcohol = add_builtin(db, "alcohol").id
    goals.create_goal(db, alcohol, "weekly-max", 14, start=today - dt.timedelta(days=60))
    for back in range(1, 20):
        entries.log(db, alcohol, 2, at=dt.datetime.combine(today - dt.timedelta(days=back),
                                                           dt.time(12), dt.UTC))
    rng = report.resolve_range(db, now=today)
    last_full = week_start_of(today, 0) - dt.timedelta(days=7)
    assert rng.start == last_full and rng.widened_from == today - dt.timedelta(days=1)
    assert rng.days >= 8 and "last full week" in rng.note
    opts = report.ReportOptions(rng.start, rng.end, range_label=rng.label, range_note=rng.note)
    text = " ".join(pdf_text(report.write_report(db, opts, tmp_path / "r.pdf").path).split())
    assert "Widened to start on" in text
    assert "previous 1 days" not in text
    # the glance table names the goal it judges and its finished week
    assert "no goal" not in text
    assert "at most 14 standard drinks a week: 1 of 1 week met" in text


def test_per_day_divides_by_logged_days_and_says_so(utc_settings: Database) -> None:
    db = utc_settings
    today = entries.today(db)
    alcohol = add_builtin(db, "alcohol").id
    start = today - dt.timedelta(days=27)
    for back in (2, 5, 9, 12):  # 4 logged days of 28, 2 drinks each
        entries.log(db, alcohol, 2, at=dt.datetime.combine(today - dt.timedelta(days=back),
                                                           dt.time(12), dt.UTC))
    (summ,) = report.gather(db, report.ReportOptions(start, today, trackables=(alcohol,))).summaries
    assert summ.per_day == 2.0 and summ.logged_days == 4  # not 8 / 28
    daily = charts.chart_data(db, "daily", alcohol, start, today)
    assert "2 per logged day (4 of 28 days logged)" in summary(daily)


def test_a_taper_replaces_the_current_weekly_goal_from_its_start(utc_settings: Database,
                                                                 data_dir: Path, capsys) -> None:
    db = utc_settings
    today = entries.today(db)
    alcohol = add_builtin(db, "alcohol").id
    old = goals.create_goal(db, alcohol, "weekly-max", 20, start=today - dt.timedelta(days=60))
    for back in range(1, 40):
        entries.log(db, alcohol, 2, at=dt.datetime.combine(today - dt.timedelta(days=back),
                                                           dt.time(12), dt.UTC))
    plan = taper.preview_taper(db, alcohol, 6, 4)
    first = plan.steps[0].start
    assert first > today or first == today
    assert [g.id for g in plan.replaces] == [old.id]
    assert "replaces your current goal (at most 20 standard drinks a week)" in plan.replaces_text
    new = taper.save_taper(db, plan)
    # one weekly goal in force at a time; the old one is kept, ended the day before
    kept = goals.get_goal(db, old.id)
    assert kept.archived and kept.archived_on == first - dt.timedelta(days=1)
    assert [g.id for g in goals.list_goals(db)] == [new.id]
    # the weekly chart keeps its goal line and summary for the weeks before the taper
    start = today - dt.timedelta(days=27)
    weekly = charts.chart_data(db, "weekly", alcohol, week_start_of(start, 0), today)
    assert isinstance(weekly, charts.WeeklyData) and weekly.target is not None
    assert weekly.target[-1] == 20 and weekly.judged.any()
    assert "within the weekly goal in" in summary(weekly)
    # progress and the report judge those weeks by the old goal too
    results = progress_json(data_dir, capsys, week_start_of(start, 0), today)
    assert {r["goal_id"] for r in results} == {old.id}
    assert all(r["target"] == 20 for r in results)
    (summ,) = report.gather(db, report.ReportOptions(week_start_of(start, 0), today,
                                                     trackables=(alcohol,))).summaries
    assert [g.goal_id for g in summ.goals] == [old.id]
    # the progress panel shows this week against the old goal, and the taper as planned
    lines = glance.glance(db, today=today).lines
    if first > today:
        assert any("of 20 standard drinks" in line for line in lines)
        assert any("(planned)" in line for line in lines)


def test_day_bars_are_centred_on_their_date_and_today_is_so_far(utc_settings: Database) -> None:
    import matplotlib.dates as mdates

    db = utc_settings
    today = entries.today(db)
    alcohol = add_builtin(db, "alcohol").id
    entries.log(db, alcohol, 3, at=dt.datetime.combine(today - dt.timedelta(days=2), dt.time(12),
                                                       dt.UTC))
    data = charts.chart_data(db, "daily", alcohol, today - dt.timedelta(days=6), today)
    assert isinstance(data, charts.DailyData)
    fig = charts.new_figure()
    charts.draw_daily(fig, data)
    ax = fig.axes[0]
    bar = next(p for p in ax.patches if p.get_gid() == "amount" and p.get_height() > 0)
    centre = bar.get_x() + bar.get_width() / 2
    assert centre == pytest.approx(mdates.date2num(today - dt.timedelta(days=2)))
    # today, nothing logged yet: "today so far", not a not-logged day
    gids = {a.get_gid() for a in ax.get_children()}
    assert "today" in gids
    not_logged = next(a for a in ax.get_children() if a.get_gid() == "not-logged")
    assert not_logged.get_data().values[-1] == 0
    assert int(data.series.not_logged.sum()) == 5  # the 5 days gone by without an entry
    info = charts.point_info(data, mdates.date2num(today) + 0.3, 0.5)
    assert info is not None and info.day == today and "today so far" in info.text


def test_the_money_chart_judges_the_weeks_progress_judges(utc_settings: Database) -> None:
    db = utc_settings
    today = entries.today(db)
    alcohol = add_builtin(db, "alcohol").id
    goals.create_goal(db, alcohol, "money-weekly", 30, start=today - dt.timedelta(days=90))
    for back in range(0, 40, 2):
        entries.log(db, alcohol, 1, cost=12, at=dt.datetime.combine(today - dt.timedelta(days=back),
                                                                   dt.time(12), dt.UTC))
    start = today - dt.timedelta(days=27)
    money = charts.chart_data(db, "money", alcohol, start, today)
    assert isinstance(money, charts.MoneyData)
    whole_weeks_over = [r for r in progress.evaluate_all(db, start, today)
                        if r.type == "money-weekly" and r.complete and r.start >= start]
    assert int(money.judged.sum()) == len(whole_weeks_over)
    assert f"in {sum(r.met for r in whole_weeks_over)} of {len(whole_weeks_over)} week" in summary(money)
