"""Week-by-week figures on whole calendar weeks: totals, day counts, money and urges."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import case, func, select

from harmtrack.core.stats.daily import daily_amounts, logged_mask, use_mask
from harmtrack.core.stats.query import (
    DAY_TEXT,
    E,
    check_range,
    day_numbers,
    fetch,
    in_range,
    per_week,
    scatter,
    week_grid,
)
from harmtrack.core.storage.db import Database

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


class WeeklySeries(NamedTuple):
    """One trackable week by week: whole calendar weeks, counting only days in the range.

    A week the range cuts (at either end) is *partial*: its counts hold only the days
    inside the range, so the weeks add up to exactly what the day-by-day figures say.
    """

    weeks: NDArray[np.datetime64]  # first day of each week, datetime64[D]
    total: NDArray[np.float64]
    use_free_days: NDArray[np.int64]
    use_days: NDArray[np.int64]
    logged_days: NDArray[np.int64]
    days_finished: NDArray[np.int64]  # days of the week in the range and before ``today``
    days_in_range: NDArray[np.int64]  # 7, or fewer for a week the range cuts
    not_logged_days: NDArray[np.int64]  # finished days in the range with nothing logged

    @property
    def partial(self) -> NDArray[np.bool_]:
        """Weeks the range cuts short (their counts cover fewer than 7 days)."""
        return self.days_in_range < 7

    def __len__(self) -> int:
        return len(self.weeks)


def in_range_mask(days: NDArray[np.datetime64], start: dt.date, end: dt.date) -> NDArray[np.bool_]:
    """True on the days of a (whole-weeks) grid that fall inside [start, end]."""
    import numpy as np

    return (days >= np.datetime64(start, "D")) & (days <= np.datetime64(end, "D"))


def week_days_in_range(weeks: NDArray[np.datetime64], start: dt.date,
                       end: dt.date) -> NDArray[np.int64]:
    """How many days of each week (given by its first day) fall inside [start, end]."""
    import numpy as np

    if len(weeks) == 0:
        return np.zeros(0, dtype=np.int64)
    first = dt.date.fromisoformat(str(weeks[0]))
    days = day_numbers(first, first + dt.timedelta(days=7 * len(weeks) - 1))
    return in_range_mask(days, start, end).reshape(-1, 7).sum(axis=1)


def weekly_series(db: Database, trackable_id: int, start: dt.date, end: dt.date,
                  first_weekday: int = 0, today: dt.date | None = None) -> WeeklySeries:
    """Weekly totals, use-free, use and logged day counts per calendar week of the range.

    Only days inside [start, end] count (see ``WeeklySeries``). ``today`` (default: no
    limit) is still in progress: neither it nor days to come count as not logged.
    """
    import numpy as np

    check_range(start, end)
    first, last = week_grid(start, end, first_weekday)
    days = day_numbers(first, last)
    inside = in_range_mask(days, start, end)
    amounts = np.where(inside, daily_amounts(db, trackable_id, first, last), 0.0)
    logged = logged_mask(db, first, last) & inside
    used = use_mask(db, trackable_id, first, last) & inside
    finished = inside & ((days < np.datetime64(today, "D")) if today is not None
                         else np.ones(len(days), bool))
    return WeeklySeries(
        weeks=days[::7],
        total=per_week(amounts),
        use_free_days=per_week((logged & ~used).astype(np.int64)),
        use_days=per_week(used.astype(np.int64)),
        logged_days=per_week(logged.astype(np.int64)),
        days_finished=per_week(finished.astype(np.int64)),
        days_in_range=per_week(inside.astype(np.int64)),
        not_logged_days=per_week((finished & ~logged).astype(np.int64)),
    )


def weekly_money(db: Database, trackable_id: int | None, start: dt.date, end: dt.date,
                 first_weekday: int = 0) -> tuple[NDArray[np.datetime64], NDArray[np.float64]]:
    """Money spent per calendar week of the range, days in the range only (one trackable,
    or all when None)."""
    check_range(start, end)
    first, last = week_grid(start, end, first_weekday)
    q = in_range(select(DAY_TEXT, func.sum(E.cost)), start, end, trackable_id)
    q = q.where(E.cost.is_not(None)).group_by(E.day)
    daily = scatter(fetch(db, q), first, (last - first).days + 1)[0]
    return day_numbers(first, last)[::7], per_week(daily)


class UrgeStats(NamedTuple):
    """Urges per week, and each day's strongest craving against its amount."""

    weeks: NDArray[np.datetime64]
    urges: NDArray[np.int64]  # urge-only entries + use entries with a craving
    acted_on: NDArray[np.int64]  # use entries with a craving
    craving_days: NDArray[np.datetime64]  # days with any craving rating
    craving: NDArray[np.int64]  # that day's strongest craving (0-10)
    amount: NDArray[np.float64]  # that day's amount used (0 if none)

    @property
    def not_acted_on(self) -> NDArray[np.int64]:
        return self.urges - self.acted_on


def urge_stats(db: Database, trackable_id: int, start: dt.date, end: dt.date,
               first_weekday: int = 0) -> UrgeStats:
    """Urges logged vs acted on per calendar week (days in the range only), and craving vs
    amount per day."""
    import numpy as np

    check_range(start, end)
    first, last = week_grid(start, end, first_weekday)
    craved = E.craving.is_not(None) & (E.craving > 0)
    urge = case((E.urge_only.is_(True), 1), (craved, 1), else_=0)
    acted = case((E.urge_only.is_(False) & craved, 1), else_=0)
    q = in_range(select(DAY_TEXT, func.sum(urge), func.sum(acted)), start, end, trackable_id)
    per_day = scatter(fetch(db, q.group_by(E.day)), first, (last - first).days + 1,
                      columns=2, dtype="int64")  # days outside the range are not read
    used_amount = func.sum(case((E.urge_only.is_(False), E.amount), else_=0.0))
    q2 = in_range(select(DAY_TEXT, func.max(E.craving), used_amount), start, end, trackable_id)
    rows = fetch(db, q2.group_by(E.day).having(func.max(E.craving).is_not(None)))
    return UrgeStats(
        weeks=day_numbers(first, last)[::7],
        urges=per_week(per_day[0]),
        acted_on=per_week(per_day[1]),
        craving_days=np.array([r[0] for r in rows], dtype="datetime64[D]"),
        craving=np.array([int(r[1]) for r in rows], dtype=np.int64),
        amount=np.array([float(r[2] or 0) for r in rows], dtype=np.float64),
    )
