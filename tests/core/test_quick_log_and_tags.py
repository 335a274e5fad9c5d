"""Quick-log suggestions and tag pickers: what they offer, and that they stay cheap on a
long history (SQLite starts from the recent days, checked with its query plan)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event

from harmtrack.core.tracking import entries, suggestions, trackables


def _days_ago(days: int) -> dt.datetime:
    now = dt.datetime.now(dt.UTC)
    return (now - dt.timedelta(days=days)).replace(hour=12, minute=0, second=0, microsecond=0)


def test_quick_log_offers_the_most_frequent_recent_amounts(utc_settings) -> None:
    db = utc_settings
    for d in range(1, 6):
        entries.log(db, "nicotine", 1, at=_days_ago(d))
    for d in range(1, 4):
        entries.log(db, "alcohol", 2, at=_days_ago(d))
    entries.log(db, "alcohol", 1, at=_days_ago(3))
    entries.log(db, "alcohol", 0, at=_days_ago(2))  # nothing to repeat
    for d in range(100, 110):  # more often, but older than 90 days
        entries.log(db, "cannabis", 1, at=_days_ago(d))
    gambling = entries.log(db, "gambling", 20, at=_days_ago(1))
    trackables.update_trackable(db, gambling.trackable_id, archived=True)

    quick = suggestions.frequent_entries(db, limit=5)
    assert [(q.trackable, q.amount, q.unit, q.uses) for q in quick] == [
        ("Nicotine", 1.0, "cigarettes", 5), ("Alcohol", 2.0, "standard drinks", 3),
        ("Alcohol", 1.0, "standard drinks", 1)]
    assert len(suggestions.frequent_entries(db, limit=2)) == 2


def test_known_tags_most_used_first_per_kind_and_recent_only(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 1, at=_days_ago(1), triggers=["stress", "party"], practices=["water"])
    entries.log(db, "alcohol", 1, at=_days_ago(2), triggers=["stress"])
    entries.log(db, "alcohol", 1, at=_days_ago(3), triggers=["boredom"])
    entries.log(db, "alcohol", 1, at=_days_ago(400), triggers=["last year"])
    assert suggestions.known_tags(db, "trigger") == ["stress", "boredom", "party"]
    assert suggestions.known_tags(db, "practice") == ["water"]


def _plans(db, call) -> list[str]:  # type: ignore[no-untyped-def]
    """SQLite's query plan of every statement ``call`` runs."""
    seen: list[tuple[str, object]] = []

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
                plans.append(" / ".join(str(r[-1]) for r in rows))
    return plans


def test_quick_log_and_tags_start_from_the_recent_days(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 1, at=_days_ago(1), triggers=["stress"])
    for call in (lambda: suggestions.frequent_entries(db), lambda: suggestions.known_tags(db, "trigger")):
        plans = _plans(db, call)
        assert len(plans) == 1
        assert "ix_entries_day_trackable (day>?)" in plans[0], plans[0]
