"""Check-ins ("nothing to log today") and which days the user logged anything."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select

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
    day = checkins_table.c.day  # Core: on the start-up path (see schema.py)
    q = select(day)
    if start is not None:
        q = q.where(day >= start)
    if end is not None:
        q = q.where(day <= end)
    with db.engine.connect() as conn:
        return set(conn.scalars(q))


def logged_days(db: Database, start: dt.date | None = None,
                end: dt.date | None = None) -> set[dt.date]:
    """Days the user logged anything: any entry (any trackable, urges too) or a check-in."""
    day = entries_table.c.day
    q = select(day).distinct()
    if start is not None:
        q = q.where(day >= start)
    if end is not None:
        q = q.where(day <= end)
    with db.engine.connect() as conn:
        days = set(conn.scalars(q))
    return days | checked_in_days(db, start, end)
