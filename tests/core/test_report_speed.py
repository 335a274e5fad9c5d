"""What makes a long report quick keeps its figures: how entries were logged is counted by
SQLite (exact across clock changes), and each trackable's days are read once per report."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import event, update

from harmtrack.core.common.days import day_bounds, local_day
from harmtrack.core.report.data import ReportOptions, gather
from harmtrack.core.report.measures import collection
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import entries_table
from harmtrack.core.storage.settings import get_settings, update_settings
from harmtrack.core.tracking.entries import list_entries, log
from harmtrack.core.tracking.trackables import add_custom, resolve
from tests.helpers import aware


def test_collection_matches_each_entry_s_own_day_across_clock_changes(db: Database) -> None:
    # Berlin moves its clocks on 29 March and 25 October 2026; the day starts at 04:00.
    update_settings(db, timezone="Europe/Berlin", day_start_hour=4)
    settings = get_settings(db)
    for day in (28, 29, 30):
        for hour in (0, 3, 5, 23):
            log(db, "alcohol", 1, at=aware(2026, 3, day, hour, tz="Europe/Berlin"))
    for day in (24, 25, 26):
        for hour in (1, 4, 22):
            log(db, "alcohol", 1, at=aware(2026, 10, day, hour, tz="Europe/Berlin"))
    entries = list_entries(db, dt.date(2026, 3, 1), dt.date(2026, 10, 31))
    # Typed in half an hour before or after the start of the next day or the one after: an
    # hour's error in the clock change would move it to another count.
    made = {}
    for i, r in enumerate(entries):
        boundary = day_bounds(r.day + dt.timedelta(days=i % 2), settings.tz, 4)[1]
        at = boundary + dt.timedelta(minutes=30 if i % 4 < 2 else -30)
        made[r.id] = at.astimezone(dt.UTC).replace(tzinfo=None)
    e = entries_table.c
    with transaction(db) as conn:
        for entry_id, at in made.items():
            conn.execute(update(entries_table).where(e.id == entry_id).values(created_at=at))
    expected = [0, 0, 0]
    for r in entries:
        gap = (local_day(made[r.id].replace(tzinfo=dt.UTC), settings.tz, 4) - r.day).days
        expected[min(max(gap, 0), 2)] += 1
    got = collection(db, [resolve(db, "alcohol").id], dt.date(2026, 3, 1), dt.date(2026, 10, 31),
                     set(), None)
    assert all(expected)  # the data reaches every count
    assert (got.same_day, got.next_day, got.later) == tuple(expected)
    assert got.entries == len(entries)


@pytest.mark.parametrize("days", [14, 365])  # day-by-day charts; weekly charts
def test_each_trackable_s_days_are_read_once_per_report(utc_settings: Database, days: int) -> None:
    db = utc_settings
    end = dt.date(2026, 11, 30)
    start = end - dt.timedelta(days=days - 1)
    add_custom(db, "Scrolling", "minutes")
    for back in range(0, 2 * days, 3):  # the range and the period before it
        day = end - dt.timedelta(days=back)
        log(db, "alcohol", 2, at=aware(day.year, day.month, day.day, 20), craving=3)
        log(db, "Scrolling", 30, at=aware(day.year, day.month, day.day, 21))
        log(db, "Scrolling", 0, at=aware(day.year, day.month, day.day, 22), urge_only=True)
    reads: Counter[str] = Counter()

    def count(conn, cursor, statement: str, *args) -> None:  # type: ignore[no-untyped-def]
        if "sum(entries.amount)" in statement and "GROUP BY" in statement:
            reads[statement] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        data = gather(db, ReportOptions(start, end))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(data.summaries) == 2 and data.summaries[0].previous_total
    # The daily totals once per trackable (summary, measures, period before, calendar) and
    # each chart's series once (the weekly measures reuse the weekly chart's).
    totals = [n for q, n in reads.items() if q.startswith("SELECT entries.day, sum")]
    series = [n for q, n in reads.items() if q.startswith("SELECT entries.day AS day, sum")]
    assert totals == [2]
    assert series == [len(data.extra["charts"])]
