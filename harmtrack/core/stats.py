"""Aggregates computed in SQL over the indexed local-day column.

Statistics never load ORM objects: a GROUP BY over ``entries.day`` is an order of
magnitude faster than materialising rows. Urge-only entries are never counted as use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select

from .db import Database
from .models import Entry


def daily_totals(db: Database, trackable_id: int, start: dt.date | None = None,
                 end: dt.date | None = None) -> dict[dt.date, float]:
    """Total amount used per local day (days without use are absent)."""
    q = (select(Entry.day, func.sum(Entry.amount))
         .where(Entry.trackable_id == trackable_id, Entry.urge_only.is_(False))
         .group_by(Entry.day))
    if start is not None:
        q = q.where(Entry.day >= start)
    if end is not None:
        q = q.where(Entry.day <= end)
    with db.engine.connect() as conn:
        return {day: float(total) for day, total in conn.execute(q)}


def use_days(db: Database, trackable_id: int, start: dt.date | None = None,
             end: dt.date | None = None) -> set[dt.date]:
    """Days with any use (an entry that is not urge-only) of the trackable."""
    q = (select(Entry.day).distinct()
         .where(Entry.trackable_id == trackable_id, Entry.urge_only.is_(False)))
    if start is not None:
        q = q.where(Entry.day >= start)
    if end is not None:
        q = q.where(Entry.day <= end)
    with db.engine.connect() as conn:
        return set(conn.scalars(q))


def daily_costs(db: Database, trackable_ids: Sequence[int] | None = None,
                start: dt.date | None = None, end: dt.date | None = None) -> dict[dt.date, float]:
    """Money spent per local day (entries with a cost), optionally for some trackables."""
    q = select(Entry.day, func.sum(Entry.cost)).where(Entry.cost.is_not(None)).group_by(Entry.day)
    if trackable_ids:
        q = q.where(Entry.trackable_id.in_(list(trackable_ids)))
    if start is not None:
        q = q.where(Entry.day >= start)
    if end is not None:
        q = q.where(Entry.day <= end)
    with db.engine.connect() as conn:
        return {day: float(total or 0) for day, total in conn.execute(q)}


def date_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every day from start to end, inclusive."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def daily_practice_counts(db: Database, trackable_id: int, practice: str,
                          start: dt.date | None = None,
                          end: dt.date | None = None) -> dict[dt.date, tuple[int, int]]:
    """Per local day: (use occasions, occasions tagged with the practice), case-insensitive.

    A use occasion is an entry that is not urge-only; days without use are absent.
    """
    from sqlalchemy import and_, case, exists

    from .models import EntryTag

    tagged = exists().where(and_(EntryTag.entry_id == Entry.id, EntryTag.kind == "practice",
                                 func.lower(EntryTag.name) == practice.strip().lower()))
    q = (select(Entry.day, func.count(), func.sum(case((tagged, 1), else_=0)))
         .where(Entry.trackable_id == trackable_id, Entry.urge_only.is_(False))
         .group_by(Entry.day))
    if start is not None:
        q = q.where(Entry.day >= start)
    if end is not None:
        q = q.where(Entry.day <= end)
    with db.engine.connect() as conn:
        return {day: (int(n), int(k or 0)) for day, n, k in conn.execute(q)}


def first_day(db: Database, trackable_id: int | None = None) -> dt.date | None:
    """The earliest local day with any entry (of one trackable, or of any)."""
    q = select(func.min(Entry.day))
    if trackable_id is not None:
        q = q.where(Entry.trackable_id == trackable_id)
    with db.engine.connect() as conn:
        value = conn.scalar(q)
    if isinstance(value, str):  # SQLite returns aggregate dates as text
        return dt.date.fromisoformat(value)
    return value
