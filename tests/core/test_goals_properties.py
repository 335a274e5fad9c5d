"""Properties that must hold for any history or plan (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

from harmtrack.core import stats
from harmtrack.core.goals import periods, progress, taper
from harmtrack.core.goals import store as goals
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import checkins_table, entries_table
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking.trackables import add_builtin

D0 = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 6, 1)


@given(baseline=st.floats(0.5, 500), share=st.floats(0, 0.95), weeks=st.integers(1, 30),
       style=st.sampled_from(["linear", "percent"]))
def test_taper_steps_go_down_and_end_exactly_at_the_target(baseline, share, weeks, style) -> None:
    target = round(baseline * share, 2)
    values = taper.taper_values(baseline, target, weeks, style)
    assert len(values) == weeks
    assert values[-1] == target
    assert all(target <= v <= baseline for v in values)
    assert all(a >= b for a, b in zip(values, values[1:], strict=False))


day_data = st.lists(st.tuples(st.integers(0, 41), st.sampled_from(["use", "urge", "other", "checkin"]),
                              st.integers(1, 5)), max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=day_data, week_start=st.integers(0, 6))
def test_periods_add_up_to_the_days(db: Database, rows, week_start) -> None:
    update_settings(db, timezone="UTC", week_start=week_start)
    alcohol = add_builtin(db, "alcohol").id
    cannabis = add_builtin(db, "cannabis").id
    with transaction(db) as s:  # a fresh start for each example (the fixture is shared)
        s.execute(delete(entries_table))
        s.execute(delete(checkins_table))
        for offset, kind, amount in rows:
            day = D0 + dt.timedelta(days=offset)
            at = dt.datetime.combine(day, dt.time(12))
            if kind == "checkin":
                if s.scalar(select(checkins_table.c.day).where(checkins_table.c.day == day)) is None:
                    s.execute(insert(checkins_table).values(day=day))
                continue
            s.execute(insert(entries_table).values(
                trackable_id=cannabis if kind == "other" else alcohol, occurred_at=at,
                utc_offset_min=0, day=day, amount=amount, urge_only=kind == "urge"))
    weekly = goals.GoalInfo(0, alcohol, "Alcohol", "standard drinks", "weekly-max", None, None, False,
                            (goals.GoalVersionInfo(D0, 10.0),))
    free = goals.GoalInfo(0, alcohol, "Alcohol", "standard drinks", "free-days", None, None, False,
                          (goals.GoalVersionInfo(D0, 3.0),))
    end = D0 + dt.timedelta(days=41)
    w = progress.evaluate(db, weekly, D0, end, today=TODAY)
    f = progress.evaluate(db, free, D0, end, today=TODAY)
    lo, hi = w[0].start, w[-1].end
    assert sum(r.actual for r in w) == sum(stats.daily_totals(db, alcohol, lo, hi).values())
    for r in f:
        assert r.use_free_days + r.use_days + r.not_logged_days == 7
        assert r.status == ("not-logged" if r.logged_days == 0 else ("met" if r.actual >= 3 else "not-met"))
    assert all((r.end - r.start).days == 6 and r.start.weekday() == week_start for r in w)


cost_data = st.lists(st.tuples(st.integers(0, 41), st.sampled_from(["use", "urge", "other", "zero"]),
                               st.sampled_from([0.5, 1.0, 2.25, 3.0]),
                               st.sampled_from([None, 0.0, 4.5, 7.25])), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=cost_data, week_start=st.integers(0, 6), today_offset=st.integers(0, 41))
# The hard cases on one day: use and urge (urges are never use, their cost still counts),
# use of amount 0, a cost of 0, no cost, and another trackable.
@example(rows=[(9, "use", 2.25, 4.5), (9, "urge", 1.0, 7.25), (9, "zero", 0.5, None),
               (9, "other", 3.0, 0.0), (10, "urge", 0.5, None)], week_start=0, today_offset=10)
def test_goals_judged_together_match_goals_judged_one_by_one(db: Database, rows, week_start,
                                                             today_offset) -> None:
    """The progress line reads every goal's days in one statement (stats.day_sums): the
    results must be exactly those of judging each goal with its own queries."""
    update_settings(db, timezone="UTC", week_start=week_start)
    alcohol = add_builtin(db, "alcohol").id
    cannabis = add_builtin(db, "cannabis").id
    with transaction(db) as s:
        s.execute(delete(entries_table))
        for offset, kind, amount, cost in rows:
            day = D0 + dt.timedelta(days=offset)
            s.execute(insert(entries_table).values(
                trackable_id=cannabis if kind == "other" else alcohol,
                occurred_at=dt.datetime.combine(day, dt.time(12)), utc_offset_min=0, day=day,
                amount=0.0 if kind == "zero" else amount, urge_only=kind == "urge", cost=cost))
    today = D0 + dt.timedelta(days=today_offset)
    versions = (goals.GoalVersionInfo(D0, 3.0),)
    kinds = [(alcohol, "weekly-max"), (alcohol, "daily-max"), (alcohol, "free-days"),
             (alcohol, "money-weekly"), (cannabis, "daily-max"), (cannabis, "free-days")]
    all_goals = [goals.GoalInfo(i, tid, "x", "u", kind, None, None, False, versions)
                 for i, (tid, kind) in enumerate(kinds)]
    spans = [periods.periods(g.type, today, today, week_start)[0] for g in all_goals]
    sums = stats.day_sums(db, [alcohol, cannabis], min(a for a, _ in spans), max(b for _, b in spans))
    for goal in all_goals:
        alone = progress.evaluate(db, goal, today, today, today=today)
        together = progress.evaluate(db, goal, today, today, today=today, sums=sums)
        assert together == alone


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=day_data, week_start=st.integers(0, 6), first=st.integers(0, 41),
       length=st.integers(1, 30))
@example(rows=[(3, "use", 2), (5, "checkin", 1), (9, "urge", 1)], week_start=3, first=4, length=3)
def test_the_report_judges_goals_as_progress_does(db: Database, rows, week_start, first,
                                                  length) -> None:
    """The report hands the goals the logged days it read for its range and the period
    before (a read range that holds a goal's periods serves them, whole weeks reaching
    before the range too; a short range's week does not fit and is read): the periods
    judged must be exactly those judged with their own reads."""
    from harmtrack.core.report import data as report

    update_settings(db, timezone="UTC", week_start=week_start)
    alcohol = add_builtin(db, "alcohol")
    with transaction(db) as s:  # a fresh start for each example (the fixture is shared)
        s.execute(delete(entries_table))
        s.execute(delete(checkins_table))
        for offset, kind, amount in rows:
            day = D0 + dt.timedelta(days=offset)
            if kind == "checkin":
                if s.scalar(select(checkins_table.c.day).where(checkins_table.c.day == day)) is None:
                    s.execute(insert(checkins_table).values(day=day))
                continue
            s.execute(insert(entries_table).values(
                trackable_id=alcohol.id, occurred_at=dt.datetime.combine(day, dt.time(12)),
                utc_offset_min=0, day=day, amount=amount, urge_only=kind != "use"))
    if not goals.list_goals(db, trackable_id=alcohol.id):
        for kind, target in (("weekly-max", 10), ("free-days", 3), ("daily-max", 4)):
            goals.create_goal(db, alcohol.id, kind, target, start=D0)
    start = D0 + dt.timedelta(days=first)
    end = start + dt.timedelta(days=length - 1)
    (summary,) = report.gather(db, report.ReportOptions(start, end, trackables=(alcohol.id,))).summaries
    assert len(summary.goals) == 3
    assert list(summary.goals) == report.goal_adherence(db, alcohol, start, end)
