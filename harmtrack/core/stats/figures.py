"""Aggregates computed in SQL over the indexed local-day column.

Statistics never load ORM objects: a GROUP BY over ``entries.day`` is an order of
magnitude faster than materialising rows. Urge-only entries are never counted as use.

The series functions return plain records (named tuples) holding numpy arrays, one value
per day (zero-filled) or per week, ready for drawing. numpy is imported inside the
functions, not at module level, because this module is reachable from the start-up
path (the logging screen's progress line) and numpy costs ~60 ms to import.

Definitions shared with the goals:

* a day is *logged* when it has any entry (any trackable, urge-only too) or a
  "nothing to log today" check-in (``checkins.logged_days``);
* a day is *use-free* for a trackable when it is logged and has no use of it;
* an *urge* is an urge-only entry (noticed, not acted on) or a use entry that carries
  a craving rating of 1 or more (an urge that was acted on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Integer, String, case, cast, func, select, type_coerce, union

from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import checkins_table, entries_table, entry_tags_table

#: Columns of the tables read here: Core, not the mapped classes (see schema.py).
E, TAG, CHECKIN = entries_table.c, entry_tags_table.c, checkins_table.c

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

EPOCH = dt.date(1970, 1, 1)


# --- the original dict-returning helpers (kept: other modules use them) -------------------

def daily_totals(db: Database, trackable_id: int, start: dt.date | None = None,
                 end: dt.date | None = None) -> dict[dt.date, float]:
    """Total amount used per local day (days without use are absent)."""
    q = (select(E.day, func.sum(E.amount))
         .where(E.trackable_id == trackable_id, E.urge_only.is_(False))
         .group_by(E.day))
    if start is not None:
        q = q.where(E.day >= start)
    if end is not None:
        q = q.where(E.day <= end)
    with db.engine.connect() as conn:
        return {day: float(total) for day, total in conn.execute(q)}


def use_days(db: Database, trackable_id: int, start: dt.date | None = None,
             end: dt.date | None = None) -> set[dt.date]:
    """Days with any use (an entry that is not urge-only) of the trackable."""
    q = (select(E.day).distinct()
         .where(E.trackable_id == trackable_id, E.urge_only.is_(False)))
    if start is not None:
        q = q.where(E.day >= start)
    if end is not None:
        q = q.where(E.day <= end)
    with db.engine.connect() as conn:
        return set(conn.scalars(q))


def daily_costs(db: Database, trackable_ids: Sequence[int] | None = None,
                start: dt.date | None = None, end: dt.date | None = None) -> dict[dt.date, float]:
    """Money spent per local day (entries with a cost), optionally for some trackables."""
    q = select(E.day, func.sum(E.cost)).where(E.cost.is_not(None)).group_by(E.day)
    if trackable_ids:
        q = q.where(E.trackable_id.in_(list(trackable_ids)))
    if start is not None:
        q = q.where(E.day >= start)
    if end is not None:
        q = q.where(E.day <= end)
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
    q = (select(E.trackable_id, E.day, func.max(case((use, 1), else_=0)),
                func.sum(case((use, E.amount), else_=0.0)), func.sum(E.cost))
         .where(E.trackable_id.in_(list(trackable_ids)), E.day >= start, E.day <= end)
         .group_by(E.trackable_id, E.day))
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


def date_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every day from start to end, inclusive."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def daily_practice_counts(db: Database, trackable_id: int, practice: str,
                          start: dt.date | None = None,
                          end: dt.date | None = None) -> dict[dt.date, tuple[int, int]]:
    """Per local day: (use occasions, occasions tagged with the practice), case-insensitive.

    A use occasion is an entry that is not urge-only; days without use are absent.
    """
    from sqlalchemy import and_, exists

    tagged = exists().where(and_(TAG.entry_id == E.id, TAG.kind == "practice",
                                 func.lower(TAG.name) == practice.strip().lower()))
    q = (select(E.day, func.count(), func.sum(case((tagged, 1), else_=0)))
         .where(E.trackable_id == trackable_id, E.urge_only.is_(False))
         .group_by(E.day))
    if start is not None:
        q = q.where(E.day >= start)
    if end is not None:
        q = q.where(E.day <= end)
    with db.engine.connect() as conn:
        return {day: (int(n), int(k or 0)) for day, n, k in conn.execute(q)}


# --- helpers ----------------------------------------------------------------------------------

def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        from harmtrack.core.common.errors import InvalidEntry

        raise InvalidEntry("the start of the range is after its end")


def day_numbers(start: dt.date, end: dt.date) -> NDArray[np.datetime64]:
    """Every day from start to end inclusive, as a numpy datetime64[D] array."""
    import numpy as np

    return np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)


# The day column is read as its ISO text (type_coerce skips SQLAlchemy's per-row date
# parsing); numpy turns the whole column into offsets in one vectorised call.
_DAY_TEXT = type_coerce(E.day, String)


def _scatter(rows: Sequence[Any], start: dt.date, n: int, columns: int = 1,
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


def _in_range(q: Any, start: dt.date, end: dt.date, trackable_id: int | None) -> Any:
    # Any: Select is variadic-generic in SQLAlchemy 2.1 and each query has its own columns.
    q = q.where(E.day >= start, E.day <= end)
    if trackable_id is not None:
        q = q.where(E.trackable_id == trackable_id)
    return q


def _fetch(db: Database, q: Any) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.execute(q))


def _week_grid(start: dt.date, end: dt.date, first_weekday: int) -> tuple[dt.date, dt.date]:
    """The range widened to whole weeks (first_weekday 0 = Monday … 6 = Sunday)."""
    from harmtrack.core.common.days import week_start

    first = week_start(start, first_weekday)
    last = week_start(end, first_weekday) + dt.timedelta(days=6)
    return first, last


def _per_week(values: NDArray[Any]) -> NDArray[Any]:
    """Sum a whole-weeks daily array (length a multiple of 7) per week."""
    return values.reshape(-1, 7).sum(axis=1)


# --- daily ----------------------------------------------------------------------------------

def daily_amounts(db: Database, trackable_id: int, start: dt.date,
                  end: dt.date) -> NDArray[np.float64]:
    """Amount used on each day of [start, end], zero-filled (one SQL GROUP BY)."""
    _check_range(start, end)
    q = _in_range(select(_DAY_TEXT, func.sum(E.amount)), start, end, trackable_id)
    q = q.where(E.urge_only.is_(False)).group_by(E.day)
    return _scatter(_fetch(db, q), start, (end - start).days + 1)[0]


def logged_mask(db: Database, start: dt.date, end: dt.date) -> NDArray[np.bool_]:
    """True on each day of [start, end] that was logged (any entry, or a check-in)."""
    import numpy as np

    _check_range(start, end)
    days_q = union(
        select(_DAY_TEXT).where(E.day >= start, E.day <= end),
        select(type_coerce(CHECKIN.day, String)).where(CHECKIN.day >= start, CHECKIN.day <= end),
    )
    rows = _fetch(db, days_q)
    mask = np.zeros((end - start).days + 1, dtype=bool)
    if rows:
        idx = np.array([r[0] for r in rows], dtype="datetime64[D]") - np.datetime64(start, "D")
        mask[idx.astype(np.int64)] = True
    return mask


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


def _use_mask(db: Database, trackable_id: int, start: dt.date, end: dt.date) -> NDArray[np.bool_]:
    q = _in_range(select(_DAY_TEXT, func.count()), start, end, trackable_id)
    q = q.where(E.urge_only.is_(False)).group_by(E.day)
    return _scatter(_fetch(db, q), start, (end - start).days + 1, dtype="int64")[0] > 0


def daily_series(db: Database, trackable_id: int, start: dt.date, end: dt.date,
                 today: dt.date | None = None) -> DailySeries:
    """Zero-filled daily amounts, logged/use masks and the 7-day rolling average.

    ``today`` (default: every day is over) is the day still in progress: not counted as
    not logged while nothing is logged on it, nor are days after it.
    """
    _check_range(start, end)
    # Six days before the range feed the first rolling-average values.
    lead = start - dt.timedelta(days=6)
    amounts = daily_amounts(db, trackable_id, lead, end)
    logged = logged_mask(db, lead, end)
    used = _use_mask(db, trackable_id, start, end)
    rolling = rolling_mean(amounts, logged)[6:]
    return DailySeries(start, end, day_numbers(start, end), amounts[6:], logged[6:], used,
                       rolling, today)


# --- weekly ---------------------------------------------------------------------------------

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

    _check_range(start, end)
    first, last = _week_grid(start, end, first_weekday)
    days = day_numbers(first, last)
    inside = in_range_mask(days, start, end)
    amounts = np.where(inside, daily_amounts(db, trackable_id, first, last), 0.0)
    logged = logged_mask(db, first, last) & inside
    used = _use_mask(db, trackable_id, first, last) & inside
    finished = inside & ((days < np.datetime64(today, "D")) if today is not None
                         else np.ones(len(days), bool))
    return WeeklySeries(
        weeks=days[::7],
        total=_per_week(amounts),
        use_free_days=_per_week((logged & ~used).astype(np.int64)),
        use_days=_per_week(used.astype(np.int64)),
        logged_days=_per_week(logged.astype(np.int64)),
        days_finished=_per_week(finished.astype(np.int64)),
        days_in_range=_per_week(inside.astype(np.int64)),
        not_logged_days=_per_week((finished & ~logged).astype(np.int64)),
    )


def weekly_money(db: Database, trackable_id: int | None, start: dt.date, end: dt.date,
                 first_weekday: int = 0) -> tuple[NDArray[np.datetime64], NDArray[np.float64]]:
    """Money spent per calendar week of the range, days in the range only (one trackable,
    or all when None)."""
    _check_range(start, end)
    first, last = _week_grid(start, end, first_weekday)
    q = _in_range(select(_DAY_TEXT, func.sum(E.cost)), start, end, trackable_id)
    q = q.where(E.cost.is_not(None)).group_by(E.day)
    daily = _scatter(_fetch(db, q), first, (last - first).days + 1)[0]
    return day_numbers(first, last)[::7], _per_week(daily)


# --- urges ----------------------------------------------------------------------------------

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

    _check_range(start, end)
    first, last = _week_grid(start, end, first_weekday)
    craved = E.craving.is_not(None) & (E.craving > 0)
    urge = case((E.urge_only.is_(True), 1), (craved, 1), else_=0)
    acted = case((E.urge_only.is_(False) & craved, 1), else_=0)
    q = _in_range(select(_DAY_TEXT, func.sum(urge), func.sum(acted)), start, end, trackable_id)
    per_day = _scatter(_fetch(db, q.group_by(E.day)), first, (last - first).days + 1,
                       columns=2, dtype="int64")  # days outside the range are not read
    used_amount = func.sum(case((E.urge_only.is_(False), E.amount), else_=0.0))
    q2 = _in_range(select(_DAY_TEXT, func.max(E.craving), used_amount), start, end,
                   trackable_id)
    rows = _fetch(db, q2.group_by(E.day).having(func.max(E.craving).is_not(None)))
    return UrgeStats(
        weeks=day_numbers(first, last)[::7],
        urges=_per_week(per_day[0]),
        acted_on=_per_week(per_day[1]),
        craving_days=np.array([r[0] for r in rows], dtype="datetime64[D]"),
        craving=np.array([int(r[1]) for r in rows], dtype=np.int64),
        amount=np.array([float(r[2] or 0) for r in rows], dtype=np.float64),
    )


# --- what's behind use ----------------------------------------------------------------------

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
    _check_range(start, end)
    is_urge = cast(E.urge_only, Integer)
    q = _in_range(
        select(func.min(TAG.name), func.sum(1 - is_urge), func.sum(is_urge))
        .join(entries_table, E.id == TAG.entry_id).where(TAG.kind == "trigger"),
        start, end, trackable_id).group_by(func.lower(TAG.name))
    return _sorted_counts(_fetch(db, q))


def setting_counts(db: Database, trackable_id: int | None, start: dt.date,
                   end: dt.date) -> list[TagCount]:
    """Entries per setting ("where / with whom"), most frequent first."""
    _check_range(start, end)
    is_urge = cast(E.urge_only, Integer)
    q = _in_range(select(func.min(E.setting), func.sum(1 - is_urge), func.sum(is_urge)),
                  start, end, trackable_id)
    q = q.where(E.setting.is_not(None)).group_by(func.lower(E.setting))
    return _sorted_counts(_fetch(db, q))


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

    _check_range(start, end)
    first, last = _week_grid(start, end, first_weekday)
    n = (last - first).days + 1
    # Only days in the range count, so a week the range cuts holds just those days.
    q = _in_range(select(_DAY_TEXT, func.count()), start, end, trackable_id)
    occasions = _per_week(_scatter(_fetch(db, q.where(E.urge_only.is_(False))
                                         .group_by(E.day)), first, n, dtype="int64")[0])
    q2 = _in_range(
        select(func.min(TAG.name), _DAY_TEXT, func.count())
        .join(entries_table, E.id == TAG.entry_id)
        .where(TAG.kind == "practice", E.urge_only.is_(False)),
        start, end, trackable_id).group_by(func.lower(TAG.name), E.day)
    by_name: dict[str, list[Any]] = {}
    display: dict[str, str] = {}
    for name, day, count in _fetch(db, q2):
        key = name.casefold()
        display.setdefault(key, name)
        by_name.setdefault(key, []).append((day, count))
    keys = sorted(by_name, key=lambda k: (-sum(c for _, c in by_name[k]), k))
    counts = np.zeros((len(keys), len(occasions)), dtype=np.int64)
    for i, key in enumerate(keys):
        counts[i] = _per_week(_scatter(by_name[key], first, n, dtype="int64")[0])
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(occasions > 0, counts / np.maximum(occasions, 1), np.nan)
    return PracticeShares(day_numbers(first, last)[::7], occasions,
                          tuple(display[k] for k in keys), shares.reshape(counts.shape), counts)


# --- when -----------------------------------------------------------------------------------

def time_of_day_counts(db: Database, trackable_id: int | None, start: dt.date, end: dt.date,
                       first_weekday: int = 0) -> NDArray[np.int64]:
    """Use entries as a (7 weekdays × 24 hours) count grid in local clock time.

    Rows start at ``first_weekday``; the weekday is the day the entry counts for (so with
    a 04:00 day start, 01:00 on Saturday is Friday night), the hour is the local clock
    hour when it happened, from the offset stored with each entry (right across DST).
    """
    import numpy as np

    _check_range(start, end)
    seconds = cast(func.strftime("%s", E.occurred_at), Integer) + E.utc_offset_min * 60
    hour = (seconds // 3600) % 24
    weekday = (cast(func.strftime("%w", E.day), Integer) + 6) % 7  # Monday = 0
    q = _in_range(select(weekday, hour, func.count()), start, end, trackable_id)
    q = q.where(E.urge_only.is_(False)).group_by(weekday, hour)
    grid = np.zeros((7, 24), dtype=np.int64)
    for wd, hh, count in _fetch(db, q):
        grid[(int(wd) - first_weekday) % 7, int(hh) % 24] += int(count)
    return grid


def first_day(db: Database, trackable_id: int | None = None) -> dt.date | None:
    """The earliest logged day (of a trackable, or of anything incl. check-ins), or None."""

    def as_date(value: Any) -> dt.date | None:
        # SQLite can hand aggregate dates back as text.
        return dt.date.fromisoformat(value) if isinstance(value, str) else value

    q = select(func.min(E.day))
    if trackable_id is not None:
        q = q.where(E.trackable_id == trackable_id)
    with db.engine.connect() as conn:
        day = as_date(conn.scalar(q))
        if trackable_id is None:
            ci = as_date(conn.scalar(select(func.min(CHECKIN.day))))
            if ci is not None and (day is None or ci < day):
                day = ci
    return day
