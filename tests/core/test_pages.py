"""Entries read a page at a time: pages tile the range in the order asked for, from the day index."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from harmtrack.core.tracking import entries, pages


@pytest.fixture
def logged(utc_settings):  # type: ignore[no-untyped-def]
    db = utc_settings
    start = dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)
    for i in range(23):
        entries.log(db, "alcohol" if i % 3 else "cannabis", 1 + i % 4,
                    at=start + dt.timedelta(hours=7 * i), note=None if i % 5 else f"Note {i}",
                    triggers=["stress"] if i % 2 else [])
    return db


@pytest.mark.parametrize("field", pages.SORT_FIELDS)
@pytest.mark.parametrize("descending", [False, True])
def test_pages_tile_the_range_in_order(logged, field: str, descending: bool) -> None:
    db = logged
    start, end = dt.date(2026, 3, 2), dt.date(2026, 3, 6)
    expected = entries.list_entries(db, start, end)
    got = []
    for offset in range(0, 40, 4):
        got += pages.page_entries(db, start, end, sort=field, descending=descending, offset=offset, limit=4)
    assert sorted(r.id for r in got) == sorted(r.id for r in expected)  # no overlap, no gap
    assert pages.count_entries(db, start, end) == len(expected)
    if field == "amount":  # equal amounts keep the order of their ids
        key = [(r.amount, r.id) for r in got]
        assert key == sorted(key, reverse=descending)
    if field == "day":
        assert [r.id for r in got] == [r.id for r in sorted(expected, key=lambda r: (r.occurred_at, r.id),
                                                            reverse=descending)]
    assert {r.id: r for r in got} == {r.id: r for r in expected}  # same records, tags and all


def test_a_page_starts_from_the_day_index(logged) -> None:
    db = logged
    seen: list[tuple[str, object]] = []

    def grab(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        pages.page_entries(db, dt.date(2026, 3, 2), dt.date(2026, 3, 6))
        pages.count_entries(db, dt.date(2026, 3, 2), dt.date(2026, 3, 6))
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)
    with db.engine.connect() as conn:
        plans = [" / ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + s, p).all())
                 for s, p in seen if s.lstrip().upper().startswith("SELECT") and "FROM entries" in s]
    assert len(plans) == 2
    for plan in plans:
        assert "ix_entries_day_trackable (day>? AND day<?)" in plan, plan


def test_an_unknown_sort_is_refused(logged) -> None:
    with pytest.raises(ValueError):
        pages.page_entries(logged, dt.date(2026, 3, 2), dt.date(2026, 3, 6), sort="colour")
