"""Goals judged by local day and week, with dated versions: exact numbers over the hard cases."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import aware

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.goals import glance, periods, progress, taper
from harmtrack.core.goals import store as goals
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import checkins, entries

D = dt.date
LATER = D(2026, 6, 1)  # "today" for every test: all periods below are finished


def rows(results):
    return [(r.start.isoformat(), r.end.isoformat(), r.target, r.actual, r.status) for r in results]


# --- day boundaries -------------------------------------------------------------------------

def test_2330_and_0030_fall_on_different_days_then_the_same_with_a_0400_day_start(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "alcohol", "daily-max", 2, start=D(2026, 3, 1))
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 2, 23, 30))
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 3, 0, 30))
    got = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 3), today=LATER)
    assert rows(got) == [("2026-03-02", "2026-03-02", 2.0, 2.0, "met"),
                         ("2026-03-03", "2026-03-03", 2.0, 1.0, "met")]

    update_settings(db, day_start_hour=4)  # 00:30 now belongs to the evening before
    got = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 3), today=LATER)
    assert rows(got) == [("2026-03-02", "2026-03-02", 2.0, 3.0, "not-met"),
                         ("2026-03-03", "2026-03-03", 2.0, 0.0, "not-logged")]
    assert got[0].share == 1.5 and got[1].met is False


def test_week_boundaries_follow_the_week_start_setting(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "alcohol", "weekly-max", 5, start=D(2026, 3, 2))  # a Monday
    entries.log(db, "alcohol", 3, at=aware(2026, 3, 8, 21))  # Sunday
    entries.log(db, "alcohol", 3, at=aware(2026, 3, 9, 21))  # Monday
    got = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 15), today=LATER)
    assert rows(got) == [("2026-03-02", "2026-03-08", 5.0, 3.0, "met"),
                         ("2026-03-09", "2026-03-15", 5.0, 3.0, "met")]

    update_settings(db, week_start=6)  # weeks run Sunday to Saturday
    got = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 14), today=LATER)
    assert rows(got) == [("2026-03-01", "2026-03-07", 5.0, 0.0, "not-logged"),
                         ("2026-03-08", "2026-03-14", 5.0, 6.0, "not-met")]


def test_a_daylight_saving_change_in_berlin(db) -> None:
    # Clocks go from 02:00 CET to 03:00 CEST on Sunday 29 March 2026.
    update_settings(db, timezone="Europe/Berlin", day_start_hour=4)
    g = goals.create_goal(db, "alcohol", "daily-max", 3, start=D(2026, 3, 23))
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 29, 1, 30, "UTC"))  # 03:30 CEST: still Saturday
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 29, 2, 30, "UTC"))  # 04:30 CEST: Sunday
    got = progress.evaluate(db, g, D(2026, 3, 28), D(2026, 3, 29), today=LATER)
    assert [(r.start.isoformat(), r.actual) for r in got] == [("2026-03-28", 1.0), ("2026-03-29", 2.0)]

    w = goals.create_goal(db, "cannabis", "weekly-max", 1, start=D(2026, 3, 23))
    update_settings(db, day_start_hour=0)
    entries.log(db, "cannabis", 1, at=aware(2026, 3, 29, 23, 30, "Europe/Berlin"))  # Sunday
    entries.log(db, "cannabis", 1, at=aware(2026, 3, 30, 0, 30, "Europe/Berlin"))  # next Monday
    got = progress.evaluate(db, w, D(2026, 3, 23), D(2026, 4, 5), today=LATER)
    assert rows(got) == [("2026-03-23", "2026-03-29", 1.0, 1.0, "met"),
                         ("2026-03-30", "2026-04-05", 1.0, 1.0, "met")]


# --- goal history ---------------------------------------------------------------------------

def test_an_edited_goal_judges_each_week_by_the_version_in_force_then(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "alcohol", "weekly-max", 10, start=D(2026, 3, 2))
    for monday in (D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23)):
        entries.log(db, "alcohol", 8, at=aware(monday.year, monday.month, monday.day, 20))
    g = goals.edit_goal(db, g.id, 6, D(2026, 3, 18))  # a Wednesday: that whole week uses 6
    assert [(v.effective_from, v.target) for v in g.versions] == [(D(2026, 3, 2), 10.0),
                                                                  (D(2026, 3, 18), 6.0)]
    got = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 29), today=LATER)
    assert [(r.target, r.actual, r.met) for r in got] == [(10.0, 8.0, True), (10.0, 8.0, True),
                                                          (6.0, 8.0, False), (6.0, 8.0, False)]
    s = progress.summarize(got)
    assert (s.met, s.counted, s.current_run, s.best_run) == (2, 4, 0, 2)
    assert s.text == "Weeks within limit: 2 of the last 4 · current run 0 · best run 2"
    # Editing again on the same day replaces that version rather than adding a second.
    g = goals.edit_goal(db, g.id, 7, "2026-03-18")
    assert [v.target for v in g.versions] == [10.0, 7.0]
    with pytest.raises(InvalidEntry, match="starts on 2026-03-02"):
        goals.edit_goal(db, g.id, 5, D(2026, 2, 1))


def test_archived_goals_keep_their_history_and_leave_the_active_list(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "alcohol", "weekly-max", 10, start=D(2026, 3, 2))
    goals.archive_goal(db, g.id)
    assert goals.list_goals(db) == []
    kept = goals.list_goals(db, include_archived=True)
    assert [(x.id, x.archived, x.current_target) for x in kept] == [(g.id, True, 10.0)]
    with pytest.raises(NotFound):
        goals.archive_goal(db, 999)


def test_summary_counts_periods_so_one_bad_week_does_not_wipe_out_the_rest(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "alcohol", "weekly-max", 10, start=D(2026, 1, 5))
    amounts = [5, 6, 12, 4, 3, None, 7, 2]  # None: a week with nothing logged at all
    for i, amount in enumerate(amounts):
        day = D(2026, 1, 5) + dt.timedelta(weeks=i, days=2)
        if amount is not None:
            entries.log(db, "alcohol", amount, at=aware(day.year, day.month, day.day, 20))
    got = progress.evaluate(db, g, D(2026, 1, 5), D(2026, 3, 1), today=LATER)
    assert [r.status for r in got] == ["met", "met", "not-met", "met", "met", "not-logged", "met", "met"]
    s = progress.summarize(got)
    assert (s.met, s.counted, s.current_run, s.best_run, s.not_logged) == (6, 7, 4, 4, 1)
    assert s.text.startswith("Weeks within limit: 6 of the last 7")


# --- use-free days ----------------------------------------------------------------------------

def test_use_free_days_need_a_logged_day_and_urges_are_not_use(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "cannabis", "free-days", 2, start=D(2026, 3, 2))
    entries.log(db, "cannabis", 1, at=aware(2026, 3, 2, 21))  # Mon: use
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 3, 21))  # Tue: logged, no cannabis
    entries.log(db, "cannabis", 0, at=aware(2026, 3, 4, 21), urge_only=True)  # Wed: urge only
    checkins.check_in(db, D(2026, 3, 5))  # Thu: "nothing to log today"
    # Fri: nothing at all (not logged)
    entries.log(db, "cannabis", 2, at=aware(2026, 3, 7, 22))  # Sat: use
    # Sun: not logged
    (r,) = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 8), today=LATER)
    assert (r.actual, r.use_free_days, r.use_days, r.not_logged_days, r.logged_days) == (3.0, 3, 2, 2, 5)
    assert r.met and r.status == "met" and r.share == 1.5

    stricter = goals.create_goal(db, "cannabis", "free-days", 4, start=D(2026, 3, 2))
    (r,) = progress.evaluate(db, stricter, D(2026, 3, 2), D(2026, 3, 8), today=LATER)
    assert (r.actual, r.met, r.status) == (3.0, False, "not-met")


def test_the_current_week_is_in_progress_until_it_ends(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "cannabis", "free-days", 3, start=D(2026, 3, 2))
    checkins.check_in(db, D(2026, 3, 2))
    (r,) = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 8), today=D(2026, 3, 4))
    # 3 March was not logged; 4 March is today, still going, so not (yet) "not logged"
    assert (r.actual, r.met, r.status, r.complete, r.not_logged_days) == (1.0, False, "in-progress", False, 1)
    assert not r.counted


# --- practice and money ---------------------------------------------------------------------

def test_practice_share_counts_use_occasions_only(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "alcohol", "practice", 50, practice="alternated with water",
                          start=D(2026, 3, 2))
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 20), practices=["alternated with water"])
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 21), practices=["Alternated with Water"])
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 3, 20), practices=["ate beforehand"])
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 4, 20),
                practices=["ate beforehand", "alternated with water"])
    entries.log(db, "alcohol", 0, at=aware(2026, 3, 5, 20), urge_only=True,
                practices=["alternated with water"])
    (r,) = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 8), today=LATER)
    assert (r.occasions, r.with_practice, r.actual, r.met) == (4, 3, 75.0, True)
    checkins.check_in(db, D(2026, 3, 10))
    (r,) = progress.evaluate(db, g, D(2026, 3, 9), D(2026, 3, 15), today=LATER)
    assert (r.occasions, r.status) == (0, "no-use")


def test_money_per_week_sums_costs_of_that_trackable(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "gambling", "money-weekly", 40, start=D(2026, 3, 2))
    entries.log(db, "gambling", 30, at=aware(2026, 3, 3, 21), cost="25.50")
    entries.log(db, "gambling", 60, at=aware(2026, 3, 6, 21), cost=20)
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 6, 20), cost=9)  # another trackable
    (r,) = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 8), today=LATER)
    assert (r.actual, r.met, r.unit) == (45.5, False, "money")


# --- validation ------------------------------------------------------------------------------

@pytest.mark.parametrize("goal_type, target, practice, message", [
    ("weekly-max", -1, None, "0 or more"),
    ("weekly-max", float("nan"), None, "finite"),
    ("weekly-max", "lots", None, "must be a number"),
    ("free-days", 8, None, "0 to 7"),
    ("free-days", 2.5, None, "whole number"),
    ("practice", 120, "alternated with water", "0 to 100"),
    ("practice", 50, None, "needs the practice"),
    ("daily-max", 3, "alternated with water", "only practice goals"),
    ("monthly-max", 3, None, "unknown goal type"),
])
def test_bad_goals_are_refused_and_nothing_is_written(db, goal_type, target, practice, message) -> None:
    with pytest.raises(InvalidEntry, match=message):
        goals.create_goal(db, "alcohol", goal_type, target, practice=practice, start=D(2026, 3, 2))
    assert goals.list_goals(db, include_archived=True) == []


def test_zero_is_a_target_the_user_may_choose(db) -> None:
    g = goals.create_goal(db, "alcohol", "daily-max", 0, start=D(2026, 3, 2))
    assert g.current_target == 0.0


# --- empty history, baseline, suggestions ---------------------------------------------------

def test_empty_history(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "alcohol", "weekly-max", 14, start=D(2026, 3, 2))
    got = progress.evaluate(db, g, D(2026, 3, 2), D(2026, 3, 15), today=LATER)
    assert [r.status for r in got] == ["not-logged", "not-logged"]
    assert progress.summarize(got).text == "No finished periods with entries yet."
    assert progress.summarize([]).counted == 0
    b = progress.baseline(db, g.trackable_id, "weekly-max", today=LATER)
    assert (b.value, b.suggestion, b.weeks) == (None, None, 0)
    with pytest.raises(InvalidEntry, match="baseline"):
        taper.preview_taper(db, "alcohol", 2, 4)


def test_baseline_uses_the_last_logged_weeks_and_suggests_a_modest_step(utc_settings) -> None:
    db = utc_settings
    today = D(2026, 4, 1)  # Wednesday; the last finished week ends Sunday 29 March
    weekly = {D(2026, 3, 23): 16, D(2026, 3, 16): 12, D(2026, 3, 9): 14, D(2026, 3, 2): 14,
              D(2026, 2, 23): 40}  # the oldest week falls outside the last 4 logged weeks
    alcohol = entries.log(db, "alcohol", 0, at=aware(2026, 2, 1), urge_only=True).trackable_id
    for monday, total in weekly.items():
        for k in range(4):
            day = monday + dt.timedelta(days=k)
            entries.log(db, "alcohol", total / 4, at=aware(day.year, day.month, day.day, 20))
    b = progress.baseline(db, alcohol, "weekly-max", today=today)
    assert (b.value, b.weeks, b.start, b.end, b.suggestion) == (14.0, 4, D(2026, 3, 2), D(2026, 3, 29), 12.0)
    assert "A modest next step: 12." in b.text
    daily = progress.baseline(db, alcohol, "daily-max", today=today)
    assert daily.value == 3.5 and daily.suggestion == 3.0
    free = progress.baseline(db, alcohol, "free-days", today=today)
    assert (free.value, free.suggestion) == (0.0, 1.0)


def test_a_week_never_logged_is_left_out_of_the_baseline(utc_settings) -> None:
    db = utc_settings
    for monday, days in ((D(2026, 3, 2), 4), (D(2026, 3, 9), 0), (D(2026, 3, 16), 4)):
        for k in range(days):
            day = monday + dt.timedelta(days=k)
            entries.log(db, "nicotine", 10, at=aware(day.year, day.month, day.day, 9))
    t = goals.create_goal(db, "nicotine", "weekly-max", 30, start=D(2026, 3, 2)).trackable_id
    b = progress.baseline(db, t, "weekly-max", today=D(2026, 3, 25))
    assert (b.value, b.weeks, b.start) == (40.0, 2, D(2026, 3, 2))


@pytest.mark.parametrize("goal_type, base, expected", [
    ("weekly-max", 14, 12.0), ("weekly-max", 3, 2.5), ("weekly-max", 1, 0.75),
    ("weekly-max", 100, 85.0), ("weekly-max", 0, None), ("daily-max", 0.5, 0.4), ("daily-max", 2.22, 1.75),
    ("free-days", 2.5, 3.0), ("free-days", 7, 7.0), ("practice", 42, 55.0), ("practice", 95, 100.0),
])
def test_suggestions_are_modest_and_never_zero(goal_type, base, expected) -> None:
    got = progress.suggest(goal_type, base)
    assert got == expected
    if got is not None and goal_type.endswith("max"):
        assert got > 0 and 0.75 * base <= got <= 0.9 * base


# --- tapers ---------------------------------------------------------------------------------

def test_linear_and_percent_taper_steps() -> None:
    assert taper.taper_values(20, 10, 4, "linear") == [18.0, 15.0, 13.0, 10.0]  # whole drinks
    assert taper.taper_values(14, 7, 4, "linear") == [12.5, 10.5, 9.0, 7.0]  # half drinks
    assert taper.taper_values(20, 10, 4, "percent") == [17.0, 14.0, 12.0, 10.0]
    assert taper.taper_values(8, 0, 4, "linear") == [6.0, 4.0, 2.0, 0.0]
    assert taper.taper_values(8, 0, 4, "percent") == [5.0, 3.0, 2.0, 0.0]
    assert taper.taper_values(8, 2, 1) == [2.0]
    with pytest.raises(InvalidEntry, match="below the starting level"):
        taper.taper_values(8, 8, 4)
    with pytest.raises(InvalidEntry, match="1 to 104 weeks"):
        taper.taper_values(8, 2, 0)


def test_a_taper_is_saved_as_one_goal_with_a_dated_staircase(utc_settings) -> None:
    db = utc_settings
    plan = taper.preview_taper(db, "benzodiazepines", 2, 3, start="2026-03-04", baseline=8,
                               goal_type="daily-max")
    assert [(s.week, s.start, s.target) for s in plan.steps] == [
        (1, D(2026, 3, 2), 6.0), (2, D(2026, 3, 9), 4.0), (3, D(2026, 3, 16), 2.0)]
    assert plan.warning is not None and "doctor" in plan.warning.text
    assert goals.list_goals(db) == []  # a preview writes nothing
    edited = [(s.start, s.target) for s in plan.steps]
    edited[1] = (edited[1][0], 5)  # the user softens week 2
    g = taper.save_taper(db, plan, edited)
    assert (g.type, g.taper_style, g.trackable) == ("daily-max", "linear", "Benzodiazepines")
    assert [(v.effective_from, v.target) for v in g.versions] == [
        (D(2026, 3, 2), 6.0), (D(2026, 3, 9), 5.0), (D(2026, 3, 16), 2.0)]
    spans = periods.target_spans(g, D(2026, 3, 1), D(2026, 3, 10))
    assert [(s.start, s.target) for s in spans] == [(D(2026, 3, d), t) for d, t in
                                                    ((2, 6.0), (3, 6.0), (4, 6.0), (5, 6.0), (6, 6.0),
                                                     (7, 6.0), (8, 6.0), (9, 5.0), (10, 5.0))]


def test_no_withdrawal_note_for_cannabis(utc_settings) -> None:
    plan = taper.preview_taper(utc_settings, "cannabis", 2, 2, baseline=6)
    assert plan.warning is None


def test_weekly_target_spans_for_charts(utc_settings) -> None:
    db = utc_settings
    g = goals.create_goal(db, "alcohol", "weekly-max", 10, start=D(2026, 3, 4))
    g = goals.edit_goal(db, g.id, 8, D(2026, 3, 16))
    spans = periods.goal_targets(db, g.id, D(2026, 2, 20), D(2026, 3, 20))
    assert [(s.start, s.end, s.target) for s in spans] == [
        (D(2026, 3, 2), D(2026, 3, 8), 10.0), (D(2026, 3, 9), D(2026, 3, 15), 10.0),
        (D(2026, 3, 16), D(2026, 3, 22), 8.0)]


# --- progress at a glance -----------------------------------------------------------------

def test_glance_sentence(utc_settings) -> None:
    db = utc_settings
    goals.create_goal(db, "alcohol", "weekly-max", 14, start=D(2026, 3, 2))
    goals.create_goal(db, "alcohol", "free-days", 2, start=D(2026, 3, 2))
    entries.log(db, "alcohol", 4, at=aware(2026, 3, 2, 20))  # Mon
    entries.log(db, "alcohol", 5, at=aware(2026, 3, 3, 20))  # Tue
    checkins.check_in(db, D(2026, 3, 4))  # Wed
    entries.log(db, "cannabis", 1, at=aware(2026, 3, 5, 20))  # Thu: alcohol-free
    checkins.check_in(db, D(2026, 3, 6))  # Fri (today)
    g = glance.glance(db, today=D(2026, 3, 6))
    assert g.lines == ("Alcohol — This week: 9 of 14 standard drinks · 3 use-free days, goal 2 ✓",)
    assert [(i.result.actual, i.result.target) for i in g.items] == [(9.0, 14.0), (3.0, 2.0)]
    entries.log(db, "alcohol", 6, at=aware(2026, 3, 6, 20))
    g = glance.glance(db, today=D(2026, 3, 6))
    assert g.lines == ("Alcohol — This week: 15 of 14 standard drinks, over your limit this week"
                       " · 2 use-free days, goal 2 ✓",)


def test_glance_says_one_in_the_singular_and_money_in_the_currency(utc_settings) -> None:
    from harmtrack.core.storage.settings import update_settings

    db = utc_settings
    update_settings(db, currency="GBP")
    goals.create_goal(db, "alcohol", "daily-max", 1, start=D(2026, 3, 2))
    goals.create_goal(db, "alcohol", "money-weekly", 40, start=D(2026, 3, 2))
    goals.create_goal(db, "cannabis", "free-days", 1, start=D(2026, 3, 9))  # starts next week
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 6, 20), cost=12.5)
    g = glance.glance(db, today=D(2026, 3, 6))
    assert g.lines == ("Alcohol — Today: 1 of 1 standard drink",
                       "Alcohol — This week: £12.50 of £40.00 spent",
                       "Cannabis — from Mon 9 Mar: 1 use-free day a week (planned)")


def test_glance_with_no_goals_and_no_history(db) -> None:
    assert glance.glance(db).text == "No goals yet."


def test_preview_scores_the_last_eight_weeks_under_a_goal_being_edited(utc_settings) -> None:
    db = utc_settings
    today = D(2026, 5, 6)  # Wednesday; the 8 finished weeks run 9 March – 3 May
    t = entries.log(db, "alcohol", 0, at=aware(2026, 3, 1), urge_only=True).trackable_id
    for i, amount in enumerate([10, 12, 8, 15, 9, 7, 11, 6]):
        day = D(2026, 3, 9) + dt.timedelta(weeks=i, days=4)
        entries.log(db, "alcohol", amount, at=aware(day.year, day.month, day.day, 20))
    results, summary = progress.preview(db, t, "weekly-max", 10, today=today)
    assert [r.met for r in results] == [True, False, True, False, True, True, False, True]
    assert summary.text == "Weeks within limit: 5 of the last 8 · current run 1 · best run 2"
    assert goals.list_goals(db) == []


def test_the_25_hour_day_when_clocks_go_back(db) -> None:
    # 25 October 2026 in Berlin: 02:00–03:00 happens twice (CEST, then CET).
    update_settings(db, timezone="Europe/Berlin")
    g = goals.create_goal(db, "alcohol", "daily-max", 2, start=D(2026, 10, 19))
    entries.log(db, "alcohol", 1, at=aware(2026, 10, 25, 0, 30, "UTC"))  # 02:30 CEST
    entries.log(db, "alcohol", 1, at=aware(2026, 10, 25, 1, 30, "UTC"))  # 02:30 CET, an hour later
    entries.log(db, "alcohol", 1, at=aware(2026, 10, 25, 22, 30, "UTC"))  # 23:30 CET, same day
    entries.log(db, "alcohol", 1, at=aware(2026, 10, 25, 23, 30, "UTC"))  # 00:30 CET, next day
    got = progress.evaluate(db, g, D(2026, 10, 25), D(2026, 10, 26), today=D(2026, 11, 2))
    assert [(r.start.isoformat(), r.actual, r.met) for r in got] == [
        ("2026-10-25", 3.0, False), ("2026-10-26", 1.0, True)]


def test_glance_follows_a_sunday_week_start_and_daily_goals_say_today(utc_settings) -> None:
    db = utc_settings
    update_settings(db, week_start=6)
    goals.create_goal(db, "alcohol", "weekly-max", 10, start=D(2026, 3, 1))
    goals.create_goal(db, "alcohol", "daily-max", 3, start=D(2026, 3, 1))
    entries.log(db, "alcohol", 4, at=aware(2026, 3, 7, 20))  # Saturday: the week before
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 8, 20))  # Sunday: this week's first day
    g = glance.glance(db, today=D(2026, 3, 8))
    assert g.lines == ("Alcohol — This week: 2 of 10 standard drinks",
                       "Alcohol — Today: 2 of 3 standard drinks")
    assert [i.result.start for i in g.items] == [D(2026, 3, 8), D(2026, 3, 8)]


def test_daily_results_grouped_by_week_for_the_preview(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 20))  # Mon: within 2
    entries.log(db, "alcohol", 3, at=aware(2026, 3, 3, 20))  # Tue: over
    checkins.check_in(db, D(2026, 3, 4))  # Wed: within; the rest of that week not logged
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 10, 20))  # next Tue: within
    t = goals.list_goals(db)  # no goals needed for a what-if
    assert t == []
    alcohol = entries.list_entries(db)[0].trackable_id
    results, summary = progress.preview(db, alcohol, "daily-max", 2, weeks=2, today=D(2026, 3, 18))
    assert progress.weekly_digest(results) == [(D(2026, 3, 2), 2, 3), (D(2026, 3, 9), 1, 1)]
    assert summary.text == "Days within limit: 3 of the last 4 · current run 2 · best run 2"


def test_glance_mentions_a_planned_taper_before_it_starts(utc_settings) -> None:
    db = utc_settings
    plan = taper.preview_taper(db, "nicotine", 20, 2, start=D(2026, 3, 9), baseline=40)
    taper.save_taper(db, plan)
    g = glance.glance(db, today=D(2026, 3, 5))
    assert g.lines == ("Nicotine — from Mon 9 Mar: at most 30 cigarettes a week (planned)",)
    (saved,) = goals.list_goals(db)
    assert (saved.target_now(D(2026, 3, 5)), saved.target_now(D(2026, 3, 20)), saved.current_target) == (
        30.0, 20.0, 20.0)
    assert saved.to_json(D(2026, 3, 10))["target"] == 30.0


def test_replanning_replaces_only_the_steps_from_the_new_plan_on(utc_settings) -> None:
    db = utc_settings
    plan = taper.preview_taper(db, "nicotine", 20, 4, start=D(2026, 3, 2), baseline=40)
    g = taper.save_taper(db, plan)
    assert [v.target for v in g.versions] == [35.0, 30.0, 25.0, 20.0]
    g = goals.replace_future_versions(db, g.id, [(D(2026, 3, 16), 32), (D(2026, 3, 30), 26)])
    assert [(v.effective_from.day, v.target) for v in g.versions] == [(2, 35.0), (9, 30.0), (16, 32.0),
                                                                      (30, 26.0)]
    with pytest.raises(InvalidEntry, match="before the goal"):
        goals.replace_future_versions(db, g.id, [(D(2026, 2, 1), 30)])


# --- the one clock ----------------------------------------------------------------------------

def test_progress_glance_and_taper_take_today_from_the_app_clock(utc_settings, monkeypatch) -> None:
    from harmtrack.core.common import clock

    db = utc_settings
    monkeypatch.setattr(clock, "now", lambda tz: dt.datetime(2031, 5, 14, 12, 0, tzinfo=tz))  # a Wednesday
    g = goals.create_goal(db, "alcohol", "weekly-max", 10, start=D(2031, 5, 1))
    entries.log(db, "alcohol", 3, at=aware(2031, 5, 13, 20, 0))
    item = glance.glance(db).items[0]
    assert (item.result.start, item.result.end, item.result.actual) == (D(2031, 5, 12), D(2031, 5, 18), 3)
    assert progress.summarize_goal(db, g).not_logged == 2  # the two weeks before this one are over
    assert taper.preview_taper(db, "alcohol", 2, 4, baseline=10).steps[0].start == D(2031, 5, 19)


def test_a_new_goal_starts_and_an_archived_one_ends_on_the_app_clocks_day(utc_settings, monkeypatch) -> None:
    from harmtrack.core.common import clock

    db = utc_settings
    monkeypatch.setattr(clock, "now", lambda tz: dt.datetime(2031, 5, 14, 12, 0, tzinfo=tz))
    g = goals.create_goal(db, "alcohol", "weekly-max", 10)
    assert g.starts == D(2031, 5, 14)
    assert goals.edit_goal(db, g.id, 8).versions == (goals.GoalVersionInfo(D(2031, 5, 14), 8.0),)
    assert goals.archive_goal(db, g.id).archived_on == D(2031, 5, 14)
