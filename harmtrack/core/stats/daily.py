"""Day-by-day series as zero-filled numpy arrays: amounts, logged and use masks, 7-day mean."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import func, select

from harmtrack.core.stats.query import (
    DAY_TEXT,
    E,
    check_range,
    day_numbers,
    fetch,
    in_range,
    scatter,
)
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking.checkins import logged_days

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def daily_amounts(db: Database, trackable_id: int, start: dt.date,
                  end: dt.date) -> NDArray[np.float64]:
    """Amount used on each day of [start, end], zero-filled (one SQL GROUP BY)."""
    check_range(start, end)
    q = in_range(select(DAY_TEXT, func.sum(E.amount)), start, end, trackable_id)
    q = q.where(E.urge_only.is_(False)).group_by(E.day)
    return scatter(fetch(db, q), start, (end - start).days + 1)[0]


def logged_mask(db: Database, start: dt.date, end: dt.date) -> NDArray[np.bool_]:
    """True on each day of [start, end] that was logged (``checkins.logged_days``: any
    entry, or a check-in)."""
    import numpy as np

    check_range(start, end)
    # The one definition, which hops along the day index from day to day: a DISTINCT over
    # the range read every entry (a year of the 1M bench: ~25 ms; this: ~1 ms).
    days = logged_days(db, start, end)
    mask = np.zeros((end - start).days + 1, dtype=bool)
    if days:
        idx = np.array(sorted(days), dtype="datetime64[D]") - np.datetime64(start, "D")
        mask[idx.astype(np.int64)] = True
    return mask


def use_mask(db: Database, trackable_id: int, start: dt.date, end: dt.date) -> NDArray[np.bool_]:
    """True on each day of [start, end] with some use (not urge-only) of the trackable."""
    q = in_range(select(DAY_TEXT, func.count()), start, end, trackable_id)
    q = q.where(E.urge_only.is_(False)).group_by(E.day)
    return scatter(fetch(db, q), start, (end - start).days + 1, dtype="int64")[0] > 0


def rolling_mean(values: NDArray[np.float64], logged: NDArray[np.bool_],
                 window: int = 7) -> NDArray[np.float64]:
    """Trailing mean over ``window`` days, counting logged days only (NaN if none)."""
    import numpy as np

    v = np.where(logged, values, 0.0)
    csum = np.concatenate(([0.0], np.cumsum(v)))
    ccount = np.concatenate(([0], np.cumsum(logged.astype(np.int64))))
    hi = np.arange(1, len(v) + 1)
    lo = np.maximum(hi - window, 0)
    total = csum[hi] - csum[lo]
    count = ccount[hi] - ccount[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


class DailySeries(NamedTuple):
    """One trackable day by day over [start, end]."""

    start: dt.date
    end: dt.date
    days: NDArray[np.datetime64]  # datetime64[D]
    amount: NDArray[np.float64]  # 0 on days without use
    logged: NDArray[np.bool_]  # the day was logged at all
    used: NDArray[np.bool_]  # some use of this trackable that day
    rolling7: NDArray[np.float64]  # trailing 7-day mean over logged days, NaN if none
    today: dt.date | None = None  # the day still in progress (None: every day is over)

    @property
    def use_free(self) -> NDArray[np.bool_]:
        """Logged days without use of this trackable."""
        return self.logged & ~self.used

    @property
    def finished(self) -> NDArray[np.bool_]:
        """Days already over: before ``today`` (all days when it is None)."""
        import numpy as np

        if self.today is None:
            return np.ones(len(self.days), dtype=bool)
        return self.days < np.datetime64(self.today, "D")

    @property
    def in_progress(self) -> NDArray[np.bool_]:
        """Today, while nothing is logged yet: "today so far", not "not logged"."""
        import numpy as np

        if self.today is None:
            return np.zeros(len(self.days), dtype=bool)
        return (self.days == np.datetime64(self.today, "D")) & ~self.logged

    @property
    def not_logged(self) -> NDArray[np.bool_]:
        """Days over with nothing logged (today and days to come are never "not logged")."""
        return ~self.logged & self.finished

    def __len__(self) -> int:
        return len(self.days)


def daily_series(db: Database, trackable_id: int, start: dt.date, end: dt.date,
                 today: dt.date | None = None) -> DailySeries:
    """Zero-filled daily amounts, logged/use masks and the 7-day rolling average.

    ``today`` (default: every day is over) is the day still in progress: not counted as
    not logged while nothing is logged on it, nor are days after it.
    """
    check_range(start, end)
    # Six days before the range feed the first rolling-average values.
    lead = start - dt.timedelta(days=6)
    amounts = daily_amounts(db, trackable_id, lead, end)
    logged = logged_mask(db, lead, end)
    used = use_mask(db, trackable_id, start, end)
    rolling = rolling_mean(amounts, logged)[6:]
    return DailySeries(start, end, day_numbers(start, end), amounts[6:], logged[6:], used,
                       rolling, today)
