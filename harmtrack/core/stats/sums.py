"""Per-day sums and counts over a range, as dicts: amounts, use days, money, practices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import case, func, select

from harmtrack.core.stats.query import TAG, E, date_range, in_range
from harmtrack.core.storage.db import Database


def daily_totals(db: Database, trackable_id: int, start: dt.date | None = None,
                 end: dt.date | None = None) -> dict[dt.date, float]:
    """Total amount used per local day (days without use are absent)."""
    q = in_range(select(E.day, func.sum(E.amount)), start, end, trackable_id)
    q = q.where(E.urge_only.is_(False)).group_by(E.day)
    with db.engine.connect() as conn:
        return {day: float(total) for day, total in conn.execute(q)}


def use_days(db: Database, trackable_id: int, start: dt.date | None = None,
             end: dt.date | None = None) -> set[dt.date]:
    """Days with any use (an entry that is not urge-only) of the trackable."""
    q = in_range(select(E.day).distinct(), start, end, trackable_id)
    q = q.where(E.urge_only.is_(False))
    with db.engine.connect() as conn:
        return set(conn.scalars(q))


def daily_costs(db: Database, trackable_ids: Sequence[int] | None = None,
                start: dt.date | None = None, end: dt.date | None = None) -> dict[dt.date, float]:
    """Money spent per local day (entries with a cost), optionally for some trackables."""
    q = in_range(select(E.day, func.sum(E.cost)), start, end)
    q = q.where(E.cost.is_not(None)).group_by(E.day)
    if trackable_ids:
        q = q.where(E.trackable_id.in_(list(trackable_ids)))
    with db.engine.connect() as conn:
        return {day: float(total or 0) for day, total in conn.execute(q)}


class DaySums(NamedTuple):
    """Several trackables' days over [start, end], read in one statement (``day_sums``)."""

    start: dt.date
    end: dt.date
    #: trackable id -> day -> (any use, amount used, money spent or None)
    days: dict[int, dict[dt.date, tuple[bool, float, float | None]]]

    def covers(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= start and end <= self.end

    def use_days(self, trackable_id: int) -> set[dt.date]:
        """As ``use_days`` for this trackable over the whole range."""
        return {d for d, (used, _, _) in self.days.get(trackable_id, {}).items() if used}

    def totals(self, trackable_id: int) -> dict[dt.date, float]:
        """As ``daily_totals`` for this trackable over the whole range."""
        return {d: amount for d, (used, amount, _) in self.days.get(trackable_id, {}).items() if used}

    def costs(self, trackable_id: int) -> dict[dt.date, float]:
        """As ``daily_costs`` for this trackable over the whole range."""
        return {d: cost for d, (_, _, cost) in self.days.get(trackable_id, {}).items() if cost is not None}


def day_sums(db: Database, trackable_ids: Sequence[int], start: dt.date, end: dt.date) -> DaySums:
    """Use, amount and cost per trackable and local day, in one statement.

    The same figures ``use_days``, ``daily_totals`` and ``daily_costs`` give one trackable
    at a time (the logging screen's progress line judges every goal at once with it).
    """
    use = E.urge_only.is_(False)
    q = in_range(select(E.trackable_id, E.day, func.max(case((use, 1), else_=0)),
                        func.sum(case((use, E.amount), else_=0.0)), func.sum(E.cost))
                 .where(E.trackable_id.in_(list(trackable_ids))), start, end)
    q = q.group_by(E.trackable_id, E.day)
    days: dict[int, dict[dt.date, tuple[bool, float, float | None]]] = {}
    if trackable_ids:
        with db.engine.connect() as conn:
            for trackable_id, day, used, amount, cost in conn.execute(q):
                days.setdefault(trackable_id, {})[day] = (
                    bool(used), float(amount or 0), None if cost is None else float(cost))
    return DaySums(start, end, days)


def not_logged_count(logged: set[dt.date], start: dt.date, end: dt.date,
                     today: dt.date | None = None) -> int:
    """Days of [start, end] already over (before ``today``) with nothing logged.

    Today is still in progress and days to come have not happened: neither is ever
    "not logged" (``DailySeries.not_logged`` and ``WeeklySeries`` count the same way).
    """
    stop = end if today is None else min(end, today - dt.timedelta(days=1))
    if stop < start:
        return 0
    return sum(1 for d in date_range(start, stop) if d not in logged)


def per_logged_day(total: float, logged_days: int) -> float:
    """A "per day" average: the total over the days that were logged (0 when none were)."""
    return total / logged_days if logged_days else 0.0


def daily_practice_counts(db: Database, trackable_id: int, practice: str,
                          start: dt.date | None = None,
                          end: dt.date | None = None) -> dict[dt.date, tuple[int, int]]:
    """Per local day: (use occasions, occasions tagged with the practice), case-insensitive.

    A use occasion is an entry that is not urge-only; days without use are absent.
    """
    from sqlalchemy import and_, exists

    tagged = exists().where(and_(TAG.entry_id == E.id, TAG.kind == "practice",
                                 func.lower(TAG.name) == practice.strip().lower()))
    q = in_range(select(E.day, func.count(), func.sum(case((tagged, 1), else_=0))),
                 start, end, trackable_id)
    q = q.where(E.urge_only.is_(False)).group_by(E.day)
    with db.engine.connect() as conn:
        return {day: (int(n), int(k or 0)) for day, n, k in conn.execute(q)}
