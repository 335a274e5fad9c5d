"""Standard measures clinicians use, computed once for the report and ``harmtrack measures``.

For each included trackable, over the range and over the period of the same length just
before it: the share of logged days that were use-free, the amount per day of use, the
heaviest day, heavy-use days (``goals.heavy_days``: the user's own threshold, or for
alcohol the chosen guideline's, with its source; none when neither is set) and the weekly
totals against the weekly goal in force. Also how the data was collected: how many entries
were logged on the day they happened, how many were filled in later, and how many were
brought in by an import (``entries.source`` set), which say nothing about when they were
logged.

Definitions are the app's (``stats``): a day is *logged* when it has any entry or a
"nothing to log today" check-in; a *use-free day* is a logged day without use; a day of
*use* has an entry that is not urge-only. Only included trackables are read, so what the
client left out cannot reach these figures.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, or_, select

from harmtrack.core import stats
from harmtrack.core.goals.heavy_days import HeavyDayRule, rule_for
from harmtrack.core.report.series import ReportSeries, for_range
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import entries_table
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking.checkins import logged_days
from harmtrack.core.tracking.trackables import TrackableInfo

#: Sources of entries that were typed in HarmTrack all the same: the demo's synthetic
#: history stands for entries typed in the app, with their logging times.
TYPED_SOURCES = frozenset({"demo"})


@dataclass(frozen=True)
class PeriodMeasures:
    """One trackable's measures over one period."""

    start: dt.date
    end: dt.date
    logged_days: int  # days of the period with anything logged
    not_logged_days: int  # days already over with nothing logged
    use_days: int
    use_free_days: int  # logged days without use
    total: float
    heaviest: float | None  # the largest day's total (None without use)
    heaviest_day: dt.date | None
    heavy_days: int | None  # None when no heavy-use day is defined for the trackable

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def use_free_pct(self) -> float | None:
        """Use-free days as a share of the logged days, in % (None when nothing was logged)."""
        return 100.0 * self.use_free_days / self.logged_days if self.logged_days else None

    @property
    def per_use_day(self) -> float | None:
        """The amount on an average day of use (None without use)."""
        return self.total / self.use_days if self.use_days else None

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "days": self.days,
                "logged_days": self.logged_days, "not_logged_days": self.not_logged_days,
                "use_days": self.use_days, "use_free_days": self.use_free_days,
                "use_free_pct": _round(self.use_free_pct), "total": round(self.total, 4),
                "per_use_day": _round(self.per_use_day), "heaviest": _round(self.heaviest),
                "heaviest_day": self.heaviest_day.isoformat() if self.heaviest_day else None,
                "heavy_days": self.heavy_days}


@dataclass(frozen=True)
class WeekTotal:
    """One calendar week's total against the weekly goal then in force."""

    start: dt.date
    total: float
    target: float | None  # None when no weekly limit was in force
    days_in_range: int  # 7, or fewer for a week the range cuts
    logged_days: int


@dataclass(frozen=True)
class TrackableMeasures:
    """The measures of one trackable, for the range and the period before it."""

    info: TrackableInfo
    heavy: HeavyDayRule | None
    current: PeriodMeasures
    before: PeriodMeasures
    weeks: tuple[WeekTotal, ...]

    def to_json(self) -> dict[str, Any]:
        heavy = None
        if self.heavy is not None:
            heavy = {"at_least": self.heavy.at_least, "more_than": self.heavy.strict,
                     "words": self.heavy.words,
                     "source": self.heavy.source.citation if self.heavy.source else None}
        return {"id": self.info.id, "name": self.info.name, "unit": self.info.unit,
                "heavy_day": heavy, "range": self.current.to_json(),
                "before": self.before.to_json(),
                "weeks": [{**asdict(w), "start": w.start.isoformat(),
                           "total": round(w.total, 4)} for w in self.weeks]}


@dataclass(frozen=True)
class Collection:
    """How the range's entries were recorded: on the day they happened, or later."""

    entries: int
    same_day: int  # logged on the local day the entry counts for
    next_day: int
    later: int  # two or more days after
    days_over: int  # days of the range already over
    not_logged_days: int
    imported: int = 0  # brought in from a file; counted in ``entries``, not in the three above

    def share(self, n: int) -> float | None:
        """``n`` as a share of the entries typed in the app (imported ones have no logging time)."""
        typed = self.entries - self.imported
        return 100.0 * n / typed if typed else None

    def to_json(self) -> dict[str, Any]:
        return {"entries": self.entries, "same_day": self.same_day, "next_day": self.next_day,
                "later": self.later, "imported": self.imported,
                "same_day_pct": _round(self.share(self.same_day)),
                "days_over": self.days_over, "not_logged_days": self.not_logged_days}


@dataclass(frozen=True)
class Measures:
    """Everything ``measures`` computes for a range."""

    start: dt.date
    end: dt.date
    before_start: dt.date
    before_end: dt.date
    collection: Collection
    trackables: tuple[TrackableMeasures, ...]

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(),
                "before": {"from": self.before_start.isoformat(), "to": self.before_end.isoformat()},
                "collection": self.collection.to_json(),
                "trackables": [t.to_json() for t in self.trackables]}


def _round(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


def period_measures(db: Database, t: TrackableInfo, start: dt.date, end: dt.date,
                    logged: set[dt.date], heavy: HeavyDayRule | None,
                    today: dt.date | None, series: ReportSeries | None = None) -> PeriodMeasures:
    """One trackable's measures over [start, end]; ``logged``: the logged days (any range
    covering it)."""
    totals = (series or for_range(db, start, end)).daily_totals(t.id, start, end)
    logged_here = {d for d in logged if start <= d <= end}
    heaviest_day = max(totals, key=lambda d: (totals[d], d)) if totals else None
    return PeriodMeasures(
        start=start, end=end, logged_days=len(logged_here),
        not_logged_days=stats.not_logged_count(logged_here, start, end, today),
        use_days=len(totals), use_free_days=len(logged_here - set(totals)),
        total=sum(totals.values()),
        heaviest=totals[heaviest_day] if heaviest_day else None, heaviest_day=heaviest_day,
        heavy_days=None if heavy is None else sum(1 for v in totals.values() if heavy.is_heavy(v)),
    )


def week_totals(db: Database, t: TrackableInfo, start: dt.date, end: dt.date,
                series: ReportSeries | None = None) -> tuple[WeekTotal, ...]:
    """Calendar weeks of the range with their totals and the weekly limit in force (the
    same figures the Week-by-week chart draws, from the same read)."""
    data = (series or for_range(db, start, end)).chart_data("weekly", t.id, start, end)
    w = data.weekly
    out = []
    for i in range(len(w)):
        target = None if data.target is None else float(data.target[i])
        out.append(WeekTotal(w.weeks[i].astype(dt.date), float(w.total[i]),
                             None if target is None or math.isnan(target) else target,
                             int(w.days_in_range[i]), int(w.logged_days[i])))
    return tuple(out)


def clock_shifts(tz: ZoneInfo, day_start_hour: int, lo: dt.date,
                 hi: dt.date) -> list[tuple[dt.datetime | None, int]]:
    """(naive UTC instant it ends at, or None for the last; seconds it adds) for each span of
    [lo, hi] with one UTC offset: a naive UTC time plus its span's seconds reads, as a date, as
    the local day it counts for (``days.local_day``). The first and last spans reach past lo
    and hi, where an offset off by an hour cannot change a day two days away."""
    def shift(at: dt.datetime) -> int:
        offset = at.astimezone(tz).utcoffset() or dt.timedelta(0)
        return int(offset.total_seconds()) - day_start_hour * 3600

    at = dt.datetime.combine(lo, dt.time(), tzinfo=dt.UTC)
    stop = dt.datetime.combine(hi + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    spans: list[tuple[dt.datetime | None, int]] = []
    current = shift(at)
    while at < stop:
        step = at + dt.timedelta(days=1)
        if shift(step) != current:  # a change within this day: find its second
            a, b = at, step
            while b - a > dt.timedelta(seconds=1):
                mid = a + (b - a) / 2
                a, b = (mid, b) if shift(mid) == current else (a, mid)
            spans.append((b.replace(tzinfo=None), current))
            current = shift(b)
        at = step
    spans.append((None, current))
    return spans


#: Per trackable id: use entries, urge-only entries, mean craving of each, money spent and
#: urges acted on (``entry_counts``).
EntryCounts = dict[int, tuple[int, int, float | None, float | None, float, int]]
#: How the entries were logged: typed in HarmTrack, of them on their day and after the next
#: day, and imported (``collection_sums``).
CollectionSums = tuple[int, int, int, int]


def collection_sums(db: Database, start: dt.date, end: dt.date) -> tuple[Any, ...]:
    """The SQL sums behind ``Collection`` over the entries a query reads.

    Counted by SQLite from each row: each entry's creation time is moved to the user's day
    clock by the UTC offset in force then (a few spans a year), so no row reaches Python.
    """
    settings = get_settings(db)
    e = entries_table.c
    spans = clock_shifts(settings.tz, settings.day_start_hour, start - dt.timedelta(days=2),
                         end + dt.timedelta(days=3))
    *changes, (_, last) = spans
    made: Any = func.date(e.created_at, f"{last:+d} seconds")
    if changes:
        made = case(*[(e.created_at < until, func.date(e.created_at, f"{s:+d} seconds"))
                      for until, s in changes], else_=made)
    # ISO dates compare as text: on or before its day, the next day, or later.
    same_day, after_next = made <= e.day, made > func.date(e.day, "+1 day")
    # An imported entry's created_at is the import's time, not when it was logged.
    typed = or_(e.source.is_(None), e.source.in_(sorted(TYPED_SOURCES)))
    return (func.coalesce(func.sum(case((typed, 1), else_=0)), 0),
            func.coalesce(func.sum(case((and_(typed, same_day), 1), else_=0)), 0),
            func.coalesce(func.sum(case((and_(typed, after_next), 1), else_=0)), 0),
            func.coalesce(func.sum(case((typed, 0), else_=1)), 0))


def entry_counts(db: Database, ids: Sequence[int], start: dt.date,
                 end: dt.date) -> tuple[EntryCounts, CollectionSums]:
    """Per trackable: use entries, urge-only entries, mean craving of each, money spent, and
    urges acted on (use with a craving above 0, as the Urges chart counts them); and over
    them all, how the entries were logged. One pass over the range's entries for both."""
    e = entries_table.c
    urge = e.urge_only.is_(True)
    acted = e.urge_only.is_(False) & e.craving.is_not(None) & (e.craving > 0)
    q = (select(e.trackable_id,
                func.sum(case((urge, 0), else_=1)),
                func.sum(case((urge, 1), else_=0)),
                func.avg(case((urge, e.craving), else_=None)),
                func.avg(case((urge, None), else_=e.craving)),
                func.coalesce(func.sum(e.cost), 0.0),
                func.sum(case((acted, 1), else_=0)),
                *collection_sums(db, start, end))
         .where(e.day >= start, e.day <= end, e.trackable_id.in_(list(ids)))
         .group_by(e.trackable_id))
    counts: EntryCounts = {}
    sums = [0, 0, 0, 0]
    if ids:
        with db.engine.connect() as conn:
            for r in conn.execute(q):
                counts[r[0]] = (int(r[1] or 0), int(r[2] or 0), r[3], r[4], float(r[5] or 0.0),
                                int(r[6] or 0))
                sums = [a + int(b) for a, b in zip(sums, r[7:], strict=True)]
    return counts, (sums[0], sums[1], sums[2], sums[3])


def collection(db: Database, ids: Sequence[int], start: dt.date, end: dt.date,
               logged: set[dt.date], today: dt.date | None,
               sums: CollectionSums | None = None) -> Collection:
    """Entries of the range logged on their own day, the next day, or later.

    ``sums`` are ``entry_counts``' when the caller has them; without them they are read.
    """
    if sums is None:
        e = entries_table.c
        q = (select(*collection_sums(db, start, end))
             .where(e.day >= start, e.day <= end, e.trackable_id.in_(list(ids))))
        sums = (0, 0, 0, 0)
        if ids:
            with db.engine.connect() as conn:
                row = conn.execute(q).one()
            sums = (int(row[0]), int(row[1]), int(row[2]), int(row[3]))
    n, same, later, imported = sums
    nxt = n - same - later
    stop = end if today is None else min(end, today - dt.timedelta(days=1))
    days_over = max(0, (stop - start).days + 1)
    return Collection(same + nxt + later + imported, same, nxt, later, days_over,
                      stats.not_logged_count({d for d in logged if start <= d <= end}, start, end, today),
                      imported)


def measures(db: Database, trackables: Sequence[TrackableInfo], start: dt.date, end: dt.date,
             today: dt.date | None = None, series: ReportSeries | None = None,
             sums: CollectionSums | None = None,
             logged_around: set[dt.date] | None = None) -> Measures:
    """The standard measures of ``trackables`` over [start, end] and the period before it
    (``sums``: ``entry_counts``' for the collection, ``logged_around``: the logged days of
    both periods, when the caller read them)."""
    from harmtrack.core.tracking.entries import today as current_day

    settings = get_settings(db)
    now = today or current_day(db, settings)
    days = (end - start).days + 1
    before_start, before_end = start - dt.timedelta(days=days), start - dt.timedelta(days=1)
    logged = logged_days(db, before_start, end) if logged_around is None else logged_around
    series = series or for_range(db, start, end)
    out = []
    for t in trackables:
        heavy = rule_for(t, settings)
        out.append(TrackableMeasures(
            info=t, heavy=heavy,
            current=period_measures(db, t, start, end, logged, heavy, now, series),
            before=period_measures(db, t, before_start, before_end, logged, heavy, now, series),
            weeks=week_totals(db, t, start, end, series)))
    return Measures(start, end, before_start, before_end,
                    collection(db, [t.id for t in trackables], start, end, logged, now, sums),
                    tuple(out))


def clinical_extra(db: Database, chosen: Sequence[TrackableInfo], start: dt.date, end: dt.date,
                   logged: set[dt.date], today: dt.date, week_start: int,
                   series: ReportSeries | None = None,
                   sums: CollectionSums | None = None,
                   logged_around: set[dt.date] | None = None) -> dict[str, Any]:
    """What the report's clinical sections show: the measures and each trackable's months."""
    from harmtrack.core.report.calendar import calendar_months

    series = series or for_range(db, start, end)
    m = measures(db, chosen, start, end, today, series, sums, logged_around)
    calendars = {t.info.id: calendar_months(db, t.info.id, start, end, logged, t.heavy, today,
                                            week_start, series) for t in m.trackables}
    return {"measures": m, "calendars": calendars}
