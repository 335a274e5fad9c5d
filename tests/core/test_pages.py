"""Entries read a page at a time: pages tile the range in the order asked for, from the day index."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


def test_a_next_page_seeks_past_the_last_row_instead_of_an_offset(logged) -> None:
    db = logged
    start, end = dt.date(2026, 3, 2), dt.date(2026, 3, 6)
    first = pages.read_page(db, start, end, limit=4)
    q = pages.page_query(start, end, limit=4, after=first.last)
    assert not re.search(r"\bOFFSET\b", str(q), re.IGNORECASE)
    second = pages.read_page(db, start, end, limit=4, after=first.last)
    offset_page = pages.page_entries(db, start, end, offset=4, limit=4)
    assert [r.id for r in second.records] == [r.id for r in offset_page]


# Days, amounts, cravings and notes with many ties and gaps, so seeking must get the
# tie-break (the id) and the empty values (NULL cravings, no note) right.
_entry = st.tuples(st.integers(0, 9), st.integers(0, 3), st.one_of(st.none(), st.integers(0, 10)),
                   st.sampled_from([None, "a", "B", "b", ""]), st.booleans())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_entry, min_size=0, max_size=30), field=st.sampled_from(pages.SORT_FIELDS),
       descending=st.booleans(), size=st.integers(1, 7))
def test_seeking_pages_equal_offset_pages(utc_settings, rows, field: str, descending: bool,
                                          size: int) -> None:
    db = utc_settings
    from sqlalchemy import delete

    from harmtrack.core.storage.db import transaction
    from harmtrack.core.storage.schema import entries_table, entry_tags_table

    with transaction(db) as conn:
        conn.execute(delete(entry_tags_table))
        conn.execute(delete(entries_table))
    base = dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)
    for day, amount, craving, note, cannabis in rows:
        entries.log(db, "cannabis" if cannabis else "alcohol", amount,
                    at=base + dt.timedelta(days=day, hours=amount), craving=craving, note=note,
                    triggers=[note] if note else [])
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 12)
    by_offset = [r.id for o in range(0, len(rows) + size, size)
                 for r in pages.page_entries(db, start, end, sort=field, descending=descending,
                                             offset=o, limit=size)]
    by_seek: list[int] = []
    after = None
    while True:
        page = pages.read_page(db, start, end, sort=field, descending=descending, limit=size,
                               after=after)
        by_seek += [r.id for r in page.records]
        if len(page.records) < size:
            break
        after = page.last
    assert by_seek == by_offset
    assert sorted(by_seek) == sorted(r.id for r in entries.list_entries(db, start, end))
