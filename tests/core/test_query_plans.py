"""Range-bounded counts start from the day index: SQLite's query plan of each hot query,
on a database with rows, searches an index on ``day`` and never scans a whole table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event

from harmtrack.core import stats
from harmtrack.core.care import plans
from harmtrack.core.goals import glance, progress
from harmtrack.core.goals import store as goals
from harmtrack.core.report import data as report_data
from harmtrack.core.tracking import checkins, entries, pages, suggestions

END = dt.date(2024, 3, 31)
START = END - dt.timedelta(days=27)


def _plans(db: Any, call: Callable[[], Any]) -> list[tuple[str, str]]:
    """(statement, SQLite's query plan) of every SELECT ``call`` runs."""
    seen: list[tuple[str, Any]] = []

    def grab(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)
    plans = []
    with db.engine.connect() as conn:
        for statement, parameters in seen:
            if statement.lstrip().upper().startswith("SELECT"):
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                plans.append((statement, " / ".join(str(r[-1]) for r in rows)))
    return plans


@pytest.fixture
def history(utc_settings):  # type: ignore[no-untyped-def]
    db = utc_settings
    for i in range(60):
        at = dt.datetime.combine(END - dt.timedelta(days=i), dt.time(12), tzinfo=dt.UTC)
        entries.log(db, "alcohol" if i % 2 else "nicotine", 1, at=at, triggers=["stress"],
                    practices=["water"], setting="home", cost=2, craving=3)
    checkins.check_in(db, END - dt.timedelta(days=70))
    return db


def _alcohol(db: Any) -> int:
    return next(e.trackable_id for e in entries.list_entries(db) if e.trackable == "Alcohol")


QUERIES: dict[str, Callable[[Any, int], Any]] = {
    "trigger counts": lambda db, t: stats.trigger_counts(db, t, START, END),
    "trigger counts, every trackable": lambda db, t: stats.trigger_counts(db, None, START, END),
    "setting counts": lambda db, t: stats.setting_counts(db, None, START, END),
    "practice shares": lambda db, t: stats.practice_shares(db, t, START, END),
    "daily sums": lambda db, t: stats.daily_series(db, t, START, END),
    "daily totals": lambda db, t: stats.daily_totals(db, t, START, END),
    "weekly sums": lambda db, t: stats.weekly_series(db, t, START, END),
    "weekly money": lambda db, t: stats.weekly_money(db, None, START, END),
    "urges": lambda db, t: stats.urge_stats(db, t, START, END),
    "plan trigger counts": lambda db, t: plans.trigger_counts(db, START, END),
    "logged days": lambda db, t: checkins.logged_days(db, START, END),
    "history page": lambda db, t: entries.list_entries(db, START, END),
    "history next page": lambda db, t: pages.read_page(
        db, START, END, limit=5, after=pages.read_page(db, START, END, limit=5).last),
    "report tag counts": lambda db, t: report_data.gather(db, report_data.ReportOptions(START, END)),
    # What the Goals screen and the logging screen read in the background after a change.
    "goal baseline": lambda db, t: progress.baseline(db, t, "weekly-max", today=END),
    "daily goal baseline": lambda db, t: progress.baseline(db, t, "daily-max", today=END),
    "practice goal baseline": lambda db, t: progress.baseline(db, t, "practice", "water", today=END),
    "goal preview": lambda db, t: progress.preview(db, t, "money-weekly", 10, today=END),
    "progress at a glance": lambda db, t: (
        goals.create_goal(db, t, "free-days", 2, start=START), glance.glance(db, today=END)),
    "quick log buttons": lambda db, t: suggestions.frequent_entries(db),
    "known practices": lambda db, t: suggestions.known_tags(db, "practice"),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_range_bounded_queries_search_the_day_index(history, name: str) -> None:
    db = history
    plans = _plans(db, lambda: QUERIES[name](db, _alcohol(db)))
    ranged = [(s, p) for s, p in plans if "day >=" in s or "day BETWEEN" in s]
    assert ranged, f"{name}: no range-bounded query ran"
    for statement, plan in ranged:
        assert "SCAN entries" not in plan and "SCAN entry_tags" not in plan, (statement, plan)
        assert "SCAN checkins" not in plan and "SCAN day_tag_counts" not in plan, (statement, plan)
        # The first of these tables SQLite reads is reached through the day index (a
        # handful of chosen trackables may come before it).
        first = next(step for step in plan.split(" / ")
                     if step.startswith(("SEARCH entries", "SEARCH entry_tags", "SEARCH checkins",
                                         "SEARCH day_tag_counts")))
        assert "(day>?" in first or "AND day>?" in first, (statement, plan)


@pytest.mark.parametrize("name", ["trigger counts", "plan trigger counts", "report tag counts"])
def test_tag_counts_read_the_counts_kept_per_day(history, name: str) -> None:
    """Tag counts of a range never reach the entries or their tags: the day's counts do."""
    db = history
    plans = _plans(db, lambda: QUERIES[name](db, _alcohol(db)))
    tagged = [p for s, p in plans if "day_tag_counts" in s]
    assert tagged, f"{name}: the kept counts were not read"
    for plan in tagged:
        assert "entry_tags" not in plan and "entries" not in plan.replace("day_tag_counts", ""), plan


@pytest.mark.parametrize("name", ["daily totals", "daily sums", "weekly sums", "report tag counts"])
def test_use_totals_read_only_the_covering_index(history, name: str) -> None:
    """A trackable's amounts per day (summaries, charts, the report's weeks) come from
    ``ix_entries_trackable_day_amount`` alone: the table's rows are never read for them."""
    db = history
    plans = _plans(db, lambda: QUERIES[name](db, _alcohol(db)))
    totals = [(s, p) for s, p in plans
              if "sum(entries.amount)" in s and "entries.trackable_id = ?" in s]
    assert totals, f"{name}: no per-trackable total ran"
    for statement, plan in totals:
        assert "USING COVERING INDEX ix_entries_trackable_day_amount (trackable_id=? AND day>?" \
            in plan, (statement, plan)


@pytest.mark.parametrize("chosen", [True, False])  # the report's trackables; review mode's all
def test_entries_to_discuss_are_found_without_reading_the_range(history, chosen: bool) -> None:
    db = history
    ids = [_alcohol(db)] if chosen else None
    plans = _plans(db, lambda: entries.list_entries(db, START, END, ids, discuss_only=True))
    (plan,) = [p for s, p in plans if "entries.discuss IS 1" in s]
    assert "SEARCH entries USING INDEX ix_entries_discuss (day>? AND day<?)" in plan, plan


def _vm_steps(db: Any, call: Callable[[], Any]) -> int:
    """How many SQLite virtual-machine steps (in thousands) the statements of ``call`` take."""
    steps = [0]
    seen = []

    def tick() -> int:
        steps[0] += 1
        return 0

    def watch(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        raw = conn.connection.driver_connection
        raw.set_progress_handler(tick, 1000)
        seen.append(raw)

    event.listen(db.engine, "before_cursor_execute", watch)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
        for raw in seen:
            raw.set_progress_handler(None, 1000)
    return steps[0]


def test_the_logged_days_of_a_range_cost_its_days_not_its_entries(utc_settings) -> None:  # type: ignore[no-untyped-def]
    """Weekly and daily series find the logged days by hopping along the day index (as
    ``checkins.logged_days`` does), not by reading every entry of the range."""
    from sqlalchemy import insert

    from harmtrack.core.storage.db import transaction
    from harmtrack.core.storage.schema import entries_table
    from harmtrack.core.tracking.trackables import add_builtin

    db = utc_settings
    alcohol = add_builtin(db, "alcohol").id
    few, many = (dt.date(2024, 1, 1), dt.date(2024, 3, 31)), (dt.date(2024, 4, 1), dt.date(2024, 6, 29))
    rows = []
    for (first, last), per_day in ((few, 1), (many, 40)):
        for i in range((last - first).days + 1):
            day = first + dt.timedelta(days=i)
            at = dt.datetime.combine(day, dt.time(12))
            rows += [{"trackable_id": alcohol, "occurred_at": at, "day": day, "amount": 1.0}] * per_day
    with transaction(db) as conn:
        conn.execute(insert(entries_table), rows)
    assert len(stats.logged_mask(db, *many)) == 90
    assert _vm_steps(db, lambda: stats.logged_mask(db, *many)) < 2 * max(
        _vm_steps(db, lambda: stats.logged_mask(db, *few)), 1)
