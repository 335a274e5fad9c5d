"""Check-ins ("nothing to log today") and which days the user logged anything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, delete, func, insert, select, type_coerce

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import checkins_table, entries_table
from harmtrack.core.tracking.entries import today


def check_in(db: Database, day: dt.date) -> bool:
    """Record "nothing to log today" for a day; False if it was already recorded.

    Only today or a day gone by: a check-in ahead of time would make days still to come
    count as logged and use-free.
    """
    if day > today(db):
        raise InvalidEntry(f"{day.isoformat()} has not come yet: check in for today or a day gone by")
    with transaction(db) as conn:
        if conn.scalar(select(checkins_table.c.day).where(checkins_table.c.day == day)) is not None:
            return False
        conn.execute(insert(checkins_table).values(day=day))
        return True


def undo_check_in(db: Database, day: dt.date) -> None:
    """Remove a day's check-in."""
    with transaction(db) as conn:
        conn.execute(delete(checkins_table).where(checkins_table.c.day == day))


def checked_in_days(db: Database, start: dt.date | None = None,
                    end: dt.date | None = None) -> set[dt.date]:
    """Days with a "nothing to log today" check-in."""
    with db.engine.connect() as conn:
        return _days(conn.scalars(_in_range(checkins_table.c.day, start, end)))


def logged_days(db: Database, start: dt.date | None = None,
                end: dt.date | None = None) -> set[dt.date]:
    """Days the user logged anything: any entry (any trackable, urges too) or a check-in."""
    with db.engine.connect() as conn:
        days = _days(conn.scalars(_entry_days(start, end)))
    return days | checked_in_days(db, start, end)


def _entry_days(start: dt.date | None, end: dt.date | None) -> Any:
    """The distinct days with entries, hopping along the day index from one day to the next.

    A plain DISTINCT reads every entry of the range; each hop here is one index search,
    so a long history costs its days, not its entries (ten years: ~3,650 hops whether
    it holds 100k or 1M entries).
    """
    day = entries_table.c.day

    def upto_end(q: Any) -> Any:
        return q if end is None else q.where(day <= end)

    first = select(func.min(day).label("day"))
    days = upto_end(first if start is None else first.where(day >= start)).cte(
        "days", recursive=True)
    after = upto_end(select(func.min(day)).where(day > days.c.day)).scalar_subquery()
    days = days.union_all(select(after).where(days.c.day.is_not(None)))
    return select(type_coerce(days.c.day, String)).where(days.c.day.is_not(None))


def _in_range(day: Any, start: dt.date | None, end: dt.date | None) -> Any:
    # The day read as its ISO text: date.fromisoformat is quicker than SQLAlchemy's
    # per-row date parsing.
    q = select(type_coerce(day, String))
    if start is not None:
        q = q.where(day >= start)
    if end is not None:
        q = q.where(day <= end)
    return q


def _days(texts: Iterable[str]) -> set[dt.date]:
    return {dt.date.fromisoformat(t) for t in texts}
