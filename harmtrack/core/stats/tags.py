"""What comes up with use: trigger and setting counts, safer-use practice shares per week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Integer, cast, func, select

from harmtrack.core.stats.query import (
    DAY_TEXT,
    TAG,
    E,
    check_range,
    day_numbers,
    fetch,
    in_range,
    per_week,
    scatter,
    tags_of_kind,
    week_grid,
)
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import day_tag_counts_table

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


#: Tag counts per day, kept by the database (see ``storage.schema``).
COUNTS = day_tag_counts_table.c


class TagCount(NamedTuple):
    """How often a trigger (or a setting) came up: with use, and with urges only."""

    name: str
    with_use: int
    urge_only: int

    @property
    def total(self) -> int:
        return self.with_use + self.urge_only


def trigger_counts(db: Database, trackable_id: int | None, start: dt.date,
                   end: dt.date) -> list[TagCount]:
    """Entries per trigger over the range, most frequent first (names case-folded together)."""
    check_range(start, end)
    q = select(func.min(COUNTS.name), func.sum(COUNTS.uses), func.sum(COUNTS.urges)).where(
        COUNTS.kind == "trigger", COUNTS.day >= start, COUNTS.day <= end)
    if trackable_id is not None:
        q = q.where(COUNTS.trackable_id == trackable_id)
    return _sorted_counts(fetch(db, q.group_by(func.lower(COUNTS.name))))


def setting_counts(db: Database, trackable_id: int | None, start: dt.date,
                   end: dt.date) -> list[TagCount]:
    """Entries per setting ("where / with whom"), most frequent first."""
    check_range(start, end)
    is_urge = cast(E.urge_only, Integer)
    q = in_range(select(func.min(E.setting), func.sum(1 - is_urge), func.sum(is_urge)),
                 start, end, trackable_id)
    q = q.where(E.setting.is_not(None)).group_by(func.lower(E.setting))
    return _sorted_counts(fetch(db, q))


def _sorted_counts(rows: Sequence[Any]) -> list[TagCount]:
    counts = [TagCount(str(name), int(u or 0), int(o or 0)) for name, u, o in rows]
    return sorted(counts, key=lambda c: (-c.total, c.name.casefold()))


class PracticeShares(NamedTuple):
    """Per whole week: use occasions, and the share of them with each practice."""

    weeks: NDArray[np.datetime64]
    occasions: NDArray[np.int64]  # use entries per week
    names: tuple[str, ...]  # most used first
    shares: NDArray[np.float64]  # (len(names), weeks): 0..1, NaN in weeks without use
    counts: NDArray[np.int64]  # (len(names), weeks): occasions with the practice


def practice_shares(db: Database, trackable_id: int | None, start: dt.date, end: dt.date,
                    first_weekday: int = 0) -> PracticeShares:
    """How often each safer-use practice was part of a use occasion, week by week."""
    import numpy as np

    check_range(start, end)
    first, last = week_grid(start, end, first_weekday)
    n = (last - first).days + 1
    # Only days in the range count, so a week the range cuts holds just those days.
    q = in_range(select(DAY_TEXT, func.count()), start, end, trackable_id)
    occasions = per_week(scatter(fetch(db, q.where(E.urge_only.is_(False))
                                         .group_by(E.day)), first, n, dtype="int64")[0])
    tagged, is_practice = tags_of_kind("practice")
    q2 = in_range(
        select(func.min(TAG.name), DAY_TEXT, func.count())
        .select_from(tagged).where(is_practice, E.urge_only.is_(False)),
        start, end, trackable_id).group_by(func.lower(TAG.name), E.day)
    by_name: dict[str, list[Any]] = {}
    display: dict[str, str] = {}
    for name, day, count in fetch(db, q2):
        key = name.casefold()
        display.setdefault(key, name)
        by_name.setdefault(key, []).append((day, count))
    keys = sorted(by_name, key=lambda k: (-sum(c for _, c in by_name[k]), k))
    counts = np.zeros((len(keys), len(occasions)), dtype=np.int64)
    for i, key in enumerate(keys):
        counts[i] = per_week(scatter(by_name[key], first, n, dtype="int64")[0])
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(occasions > 0, counts / np.maximum(occasions, 1), np.nan)
    return PracticeShares(day_numbers(first, last)[::7], occasions,
                          tuple(display[k] for k in keys), shares.reshape(counts.shape), counts)
