"""The SQL pieces every figure shares: the range filter, the day column as text, day grids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, literal, type_coerce

from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import checkins_table, entries_table, entry_tags_table

#: Columns of the tables read here: Core, not the mapped classes (see schema.py).
E, TAG, CHECKIN = entries_table.c, entry_tags_table.c, checkins_table.c

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def in_range(q: Any, start: dt.date | None, end: dt.date | None,
             trackable_id: int | None = None, *, day: Any = E.day) -> Any:
    """``q`` limited to the days of [start, end] (an open end when None) and one trackable."""
    # Any: Select is variadic-generic in SQLAlchemy 2.1 and each query has its own columns.
    if start is not None:
        q = q.where(day >= start)
    if end is not None:
        q = q.where(day <= end)
    if trackable_id is not None:
        q = q.where(E.trackable_id == trackable_id)
    return q


def tags_of_kind(kind: str) -> tuple[Any, Any]:
    """(FROM clause, WHERE term) for entries with their tags of one kind, entries first.

    ``kind || ''`` keeps SQLite off ``ix_entry_tags_kind_name``: a range-bounded count then
    starts from the day index and reaches each entry's tags by the primary key (entry_id
    first), instead of walking every tag of that kind in the whole history.
    """
    tagged = entries_table.join(entry_tags_table, TAG.entry_id == E.id)
    return tagged, TAG.kind.concat(literal("", String)) == kind


def check_range(start: dt.date, end: dt.date) -> None:
    """Refuse a range whose start is after its end."""
    if end < start:
        from harmtrack.core.common.errors import InvalidEntry

        raise InvalidEntry("the start of the range is after its end")


def fetch(db: Database, q: Any) -> list[Any]:
    """Every row of ``q``."""
    with db.engine.connect() as conn:
        return list(conn.execute(q))


def date_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every day from start to end, inclusive."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def day_numbers(start: dt.date, end: dt.date) -> NDArray[np.datetime64]:
    """Every day from start to end inclusive, as a numpy datetime64[D] array."""
    import numpy as np

    return np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)


#: The day column read as its ISO text: type_coerce skips SQLAlchemy's per-row date
#: parsing, and numpy turns the whole column into offsets in one vectorised call.
DAY_TEXT = type_coerce(E.day, String)


def scatter(rows: Sequence[Any], start: dt.date, n: int, columns: int = 1,
            dtype: str = "float64") -> NDArray[Any]:
    """Rows of (day text, v1, v2…) spread onto a zero-filled (columns, n) day grid."""
    import numpy as np

    out = np.zeros((columns, n), dtype=dtype)
    if not rows:
        return out
    cols = list(zip(*rows, strict=True))
    idx = (np.array(cols[0], dtype="datetime64[D]") - np.datetime64(start, "D")).astype(np.int64)
    for c in range(columns):
        out[c, idx] = np.array([v if v is not None else 0 for v in cols[c + 1]], dtype=dtype)
    return out


def week_grid(start: dt.date, end: dt.date, first_weekday: int) -> tuple[dt.date, dt.date]:
    """The range widened to whole weeks (first_weekday 0 = Monday … 6 = Sunday)."""
    from harmtrack.core.common.days import week_start

    first = week_start(start, first_weekday)
    last = week_start(end, first_weekday) + dt.timedelta(days=6)
    return first, last


def per_week(values: NDArray[Any]) -> NDArray[Any]:
    """Sum a whole-weeks daily array (length a multiple of 7) per week."""
    return values.reshape(-1, 7).sum(axis=1)
