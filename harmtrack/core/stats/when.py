"""When use happens (clock hour × weekday) and the first day anything was logged."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, cast, func, select

from harmtrack.core.stats.query import CHECKIN, E, check_range, fetch, in_range
from harmtrack.core.storage.db import Database

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def time_of_day_counts(db: Database, trackable_id: int | None, start: dt.date, end: dt.date,
                       first_weekday: int = 0) -> NDArray[np.int64]:
    """Use entries as a (7 weekdays × 24 hours) count grid in local clock time.

    Rows start at ``first_weekday``; the weekday is the day the entry counts for (so with
    a 04:00 day start, 01:00 on Saturday is Friday night), the hour is the local clock
    hour when it happened, from the offset stored with each entry (right across DST).
    """
    import numpy as np

    check_range(start, end)
    seconds = cast(func.strftime("%s", E.occurred_at), Integer) + E.utc_offset_min * 60
    hour = (seconds // 3600) % 24
    weekday = (cast(func.strftime("%w", E.day), Integer) + 6) % 7  # Monday = 0
    q = in_range(select(weekday, hour, func.count()), start, end, trackable_id)
    q = q.where(E.urge_only.is_(False)).group_by(weekday, hour)
    grid = np.zeros((7, 24), dtype=np.int64)
    for wd, hh, count in fetch(db, q):
        grid[(int(wd) - first_weekday) % 7, int(hh) % 24] += int(count)
    return grid


def first_day(db: Database, trackable_id: int | None = None) -> dt.date | None:
    """The earliest logged day (of a trackable, or of anything incl. check-ins), or None."""

    def as_date(value: Any) -> dt.date | None:
        # SQLite can hand aggregate dates back as text.
        return dt.date.fromisoformat(value) if isinstance(value, str) else value

    q = in_range(select(func.min(E.day)), None, None, trackable_id)
    with db.engine.connect() as conn:
        day = as_date(conn.scalar(q))
        if trackable_id is None:
            ci = as_date(conn.scalar(select(func.min(CHECKIN.day))))
            if ci is not None and (day is None or ci < day):
                day = ci
    return day
