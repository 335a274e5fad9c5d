"""What each chart shows, as plain data: built from the SQL aggregates and the goals.

``chart_data(db, kind, trackable_id, start, end)`` returns one frozen dataclass per
chart kind; ``charts.draw(fig, data)`` draws it and ``summary(data)`` says it in one
line of plain text (for screen readers and the PDF report). Nothing here imports
matplotlib, so the data can be computed on a worker thread cheaply.

Goal targets are plain arrays (one value per day or per week, NaN where no goal is in
force), taken from the goals service: the version in force on a day judges that day; a
week is judged by the version in force on its last day (as ``harmtrack.core.goals.store``
does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select

from harmtrack.core import stats
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.goals.store import GoalInfo
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.models import Trackable

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

KINDS: tuple[str, ...] = ("daily", "weekly", "calendar", "free-days", "urges", "triggers",
                          "timeofday", "money")

#: Plain-word titles, shown above each chart and in the kind selector.
TITLES: dict[str, str] = {
    "daily": "Day by day",
    "weekly": "Week by week",
    "calendar": "Calendar",
    "free-days": "Use-free days per week",
    "urges": "Urges",
    "triggers": "What's behind use",
    "timeofday": "Time of day",
    "money": "Money spent per week",
}

#: Kinds that can show every trackable together when none is chosen.
ALL_TRACKABLES_OK = frozenset({"triggers", "timeofday", "money"})

EMPTY_TEXT = "Nothing logged in this range yet"


@dataclass(frozen=True)
class ChartInfo:
    """What a chart is about: the trackable, its unit and the range."""

    kind: str
    trackable: str  # the trackable's name, or "" for everything
    unit: str
    start: dt.date
    end: dt.date
    first_weekday: int = 0
    today: dt.date | None = None  # the day still in progress (None: every day is over)
    currency: str = ""  # ISO 4217 code money is shown in ("" = the locale's)

    @property
    def title(self) -> str:
        base = TITLES[self.kind]
        return f"{base} — {self.trackable}" if self.trackable else base


@dataclass(frozen=True)
class Guideline:
    """A published lower-risk guideline drawn as a reference line (with its source)."""

    label: str
    per_day: float | None = None
    per_week: float | None = None


@dataclass(frozen=True)
class DailyData:
    info: ChartInfo
    series: stats.DailySeries
    target: NDArray[np.float64] | None = None  # per day, NaN where no daily goal
    taper: bool = False  # the target is a taper plan (drawn as a staircase)
    guideline: Guideline | None = None

    @property
    def is_empty(self) -> bool:
        return not bool(self.series.logged.any())


@dataclass(frozen=True)
class WeeklyData:
    info: ChartInfo
    weekly: stats.WeeklySeries
    target: NDArray[np.float64] | None = None  # per week, NaN where no weekly goal
    taper: bool = False
    guideline: Guideline | None = None

    @property
    def is_empty(self) -> bool:
        return not bool(self.weekly.logged_days.any())

    @property
    def judged(self) -> NDArray[np.bool_]:
        """Finished weeks with a goal in force and something logged (the ones a goal judges)."""
        return _judged(self.target, self.weekly)

    @property
    def met(self) -> NDArray[np.bool_]:
        """Judged weeks whose total stayed within the goal."""
        import numpy as np

        if self.target is None:
            return np.zeros(len(self.weekly), dtype=bool)
        with np.errstate(invalid="ignore"):
            return self.judged & (self.weekly.total <= self.target)


def _judged(target: NDArray[np.float64] | None, weekly: stats.WeeklySeries) -> NDArray[np.bool_]:
    # A week still in progress is not judged yet, nor one the range cuts short (partial:
    # only some of its days are counted); a week with nothing logged never is.
    import numpy as np

    if target is None:
        return np.zeros(len(weekly), dtype=bool)
    return ~np.isnan(target) & (weekly.days_finished == 7) & (weekly.logged_days > 0)


@dataclass(frozen=True)
class CalendarData:
    info: ChartInfo
    series: stats.DailySeries

    @property
    def is_empty(self) -> bool:
        return not bool(self.series.logged.any())


@dataclass(frozen=True)
class FreeDaysData:
    info: ChartInfo
    weekly: stats.WeeklySeries
    target: NDArray[np.float64] | None = None  # use-free days goal per week

    @property
    def is_empty(self) -> bool:
        return not bool(self.weekly.logged_days.any())

    @property
    def judged(self) -> NDArray[np.bool_]:
        return _judged(self.target, self.weekly)

    @property
    def met(self) -> NDArray[np.bool_]:
        """Judged weeks with at least the goal's number of use-free days."""
        import numpy as np

        if self.target is None:
            return np.zeros(len(self.weekly), dtype=bool)
        with np.errstate(invalid="ignore"):
            return self.judged & (self.weekly.use_free_days >= self.target)


@dataclass(frozen=True)
class UrgesData:
    info: ChartInfo
    urges: stats.UrgeStats

    @property
    def is_empty(self) -> bool:
        return not bool(self.urges.urges.any()) and len(self.urges.craving) == 0


@dataclass(frozen=True)
class TriggersData:
    info: ChartInfo
    triggers: list[stats.TagCount]
    settings: list[stats.TagCount]
    practices: stats.PracticeShares
    #: A practice goal: (practice name, per-week target in %, NaN where not in force).
    practice_goal: tuple[str, NDArray[np.float64]] | None = None

    @property
    def is_empty(self) -> bool:
        return not self.triggers and not self.settings and not self.practices.names


@dataclass(frozen=True)
class TimeOfDayData:
    info: ChartInfo
    grid: NDArray[np.int64]  # (7, 24), rows from the first weekday

    @property
    def is_empty(self) -> bool:
        return not bool(self.grid.any())


@dataclass(frozen=True)
class MoneyData:
    info: ChartInfo
    weeks: NDArray[np.datetime64]
    money: NDArray[np.float64]
    target: NDArray[np.float64] | None = None  # money-per-week goal

    @property
    def is_empty(self) -> bool:
        return not bool(self.money.any())

    @property
    def judged(self) -> NDArray[np.bool_]:
        """Weeks a money goal judges: a target in force, wholly in the range and over (as
        the other weekly charts and ``progress`` judge them)."""
        import numpy as np

        if self.target is None:
            return np.zeros(len(self.weeks), dtype=bool)
        whole = stats.week_days_in_range(self.weeks, self.info.start, self.info.end) == 7
        today = self.info.today
        over = (self.weeks + 6 < np.datetime64(today, "D") if today is not None
                else np.ones(len(self.weeks), dtype=bool))
        return ~np.isnan(self.target) & whole & over


ChartData = (DailyData | WeeklyData | CalendarData | FreeDaysData | UrgesData | TriggersData
             | TimeOfDayData | MoneyData)


# --- goals as plain target arrays ---------------------------------------------------------------

def _goals(db: Database, trackable_id: int) -> list[GoalInfo]:
    """The trackable's goals, active ones first, newest first.

    An archived goal still draws its line up to the day it was archived, so past weeks
    keep showing what they were judged against.
    """
    from harmtrack.core.goals.store import list_goals

    goals = [g for g in list_goals(db, trackable_id=trackable_id, include_archived=True)
             if not g.archived or g.archived_on is not None]
    return sorted(goals, key=lambda g: (g.archived, -g.id))


class GoalLine(NamedTuple):
    """Every goal of one kind for a trackable, read as one line: on each day the first
    of them in force judges (a taper and the goal it replaced follow one another)."""

    goals: tuple[GoalInfo, ...]

    def taper_in(self, start: dt.date, end: dt.date) -> bool:
        """Whether a taper plan is in force on some day of [start, end] (drawn as a staircase)."""
        return any(g.taper_style and g.versions and g.starts <= end
                   and (g.archived_on is None or g.archived_on >= start) for g in self.goals)

    @property
    def practice(self) -> str | None:
        return next((g.practice for g in self.goals if g.practice), None)

    def target_on(self, day: dt.date) -> float | None:
        return next((v for g in self.goals if (v := g.target_on(day)) is not None), None)

    def target_for_period(self, start: dt.date, end: dt.date) -> float | None:
        return next((v for g in self.goals if (v := g.target_for_period(start, end)) is not None),
                    None)


def _goal_of(goals: list[GoalInfo], goal_type: str) -> GoalLine | None:
    mine = tuple(g for g in goals if g.type == goal_type)
    if goal_type == "practice" and mine:  # one practice per line: the newest goal's
        name = (mine[0].practice or "").casefold()
        mine = tuple(g for g in mine if (g.practice or "").casefold() == name)
    return GoalLine(mine) if mine else None


def daily_targets(goal: GoalInfo | GoalLine | None, start: dt.date,
                  end: dt.date) -> NDArray[np.float64] | None:
    """The goal's target on each day of [start, end] (NaN before it began), or None."""
    import numpy as np

    if goal is None:
        return None
    values = [goal.target_on(d) for d in stats.date_range(start, end)]
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def weekly_targets(goal: GoalInfo | GoalLine | None,
                   weeks: NDArray[np.datetime64]) -> NDArray[np.float64] | None:
    """The target judging each week (the version in force on its last day), or None."""
    import numpy as np

    if goal is None:
        return None
    out = []
    for w in weeks:
        first = dt.date.fromisoformat(str(w))
        v = goal.target_for_period(first, first + dt.timedelta(days=6))
        out.append(np.nan if v is None else v)
    return np.array(out, dtype=np.float64)


# --- guidelines -----------------------------------------------------------------------------------

def guideline_for(db: Database, trackable_id: int | None) -> Guideline | None:
    """The guideline overlay the user chose (the ``guideline`` setting), in the trackable's unit.

    None when no guideline is chosen or the chosen one is not about this trackable.
    """
    from harmtrack.core.goals import guidelines
    from harmtrack.core.storage.settings import get_settings

    settings = get_settings(db)
    if not settings.guideline or trackable_id is None:
        return None
    with db.sessions() as s:
        row = s.execute(select(Trackable.builtin_key, Trackable.unit)
                        .where(Trackable.id == trackable_id)).first()
    if row is None or not row[0]:
        return None
    for g, limits in guidelines.overlay_for(row[0], row[1], settings.country, settings.guideline):
        if g.key == settings.guideline:
            return Guideline(g.label, limits.get("day"), limits.get("week"))
    return None


# --- building -------------------------------------------------------------------------------------

def _trackable(db: Database, trackable_id: int | None, kind: str) -> tuple[int | None, str, str]:
    with db.sessions() as s:
        if trackable_id is None:
            if kind in ALL_TRACKABLES_OK:
                return None, "", ""
            row = s.execute(select(Trackable.id, Trackable.name, Trackable.unit)
                            .where(Trackable.archived.is_(False))
                            .order_by(Trackable.sort_order, Trackable.id).limit(1)).first()
        else:
            row = s.execute(select(Trackable.id, Trackable.name, Trackable.unit)
                            .where(Trackable.id == trackable_id)).first()
            if row is None:
                from harmtrack.core.common.errors import NotFound

                raise NotFound(f"no trackable with id {trackable_id}")
    if row is None:
        return None, "", ""
    return int(row[0]), str(row[1]), str(row[2])


def chart_data(db: Database, kind: str, trackable_id: int | None, start: dt.date,
               end: dt.date, *, today: dt.date | None = None) -> ChartData:
    """Everything one chart needs, computed in SQL (safe to call off the UI thread).

    ``today`` (default: the user's current day) is the day still in progress.
    """
    import numpy as np

    from harmtrack.core.storage.settings import get_settings

    if kind not in KINDS:
        raise InvalidEntry(f"unknown chart {kind!r}; choose one of: {', '.join(KINDS)}")
    if end < start:
        raise InvalidEntry("the start of the range is after its end")
    from harmtrack.core.tracking.entries import today as today_of

    settings = get_settings(db)
    fw = settings.week_start
    today = today or today_of(db, settings)
    tid, name, unit = _trackable(db, trackable_id, kind)
    info = ChartInfo(kind, name, unit, start, end, fw, today, settings.currency or "")
    if tid is None and kind not in ALL_TRACKABLES_OK:
        # No trackable at all yet: an empty chart of the right kind.
        return _empty(info)
    goals = _goals(db, tid) if tid is not None else []
    if kind == "daily":
        goal = _goal_of(goals, "daily-max")
        return DailyData(info, stats.daily_series(db, tid, start, end, today),  # type: ignore[arg-type]
                         daily_targets(goal, start, end), bool(goal and goal.taper_in(start, end)),
                         guideline_for(db, tid))
    if kind == "weekly":
        weekly = stats.weekly_series(db, tid, start, end, fw, today)  # type: ignore[arg-type]
        goal = _goal_of(goals, "weekly-max")
        return WeeklyData(info, weekly, weekly_targets(goal, weekly.weeks),
                          bool(goal and goal.taper_in(start, end)), guideline_for(db, tid))
    if kind == "calendar":
        return CalendarData(info, stats.daily_series(db, tid, start, end, today))  # type: ignore[arg-type]
    if kind == "free-days":
        weekly = stats.weekly_series(db, tid, start, end, fw, today)  # type: ignore[arg-type]
        return FreeDaysData(info, weekly, weekly_targets(_goal_of(goals, "free-days"), weekly.weeks))
    if kind == "urges":
        return UrgesData(info, stats.urge_stats(db, tid, start, end, fw))  # type: ignore[arg-type]
    if kind == "triggers":
        shares = stats.practice_shares(db, tid, start, end, fw)
        pgoal = _goal_of(goals, "practice")
        ptarget = weekly_targets(pgoal, shares.weeks)
        return TriggersData(info, stats.trigger_counts(db, tid, start, end),
                            stats.setting_counts(db, tid, start, end), shares,
                            (pgoal.practice or "", ptarget) if pgoal and ptarget is not None
                            else None)
    if kind == "timeofday":
        return TimeOfDayData(info, stats.time_of_day_counts(db, tid, start, end, fw))
    weeks, money = stats.weekly_money(db, tid, start, end, fw)
    target = weekly_targets(_goal_of(goals, "money-weekly"), weeks) if goals else None
    return MoneyData(info, weeks, np.asarray(money), target)


def _empty(info: ChartInfo) -> ChartData:
    import numpy as np

    start, end = info.start, info.end
    n = (end - start).days + 1
    zeros = np.zeros(n)
    series = stats.DailySeries(start, end, stats.day_numbers(start, end), zeros,
                               np.zeros(n, bool), np.zeros(n, bool), np.full(n, np.nan))
    first, last = stats.week_grid(start, end, info.first_weekday)
    weeks = stats.day_numbers(first, last)[::7]
    w0 = np.zeros(len(weeks), dtype=np.int64)
    weekly = stats.WeeklySeries(weeks, w0.astype(float), w0, w0, w0, w0 + 7, w0 + 7, w0)
    if info.kind == "daily":
        return DailyData(info, series)
    if info.kind == "weekly":
        return WeeklyData(info, weekly)
    if info.kind == "calendar":
        return CalendarData(info, series)
    if info.kind == "free-days":
        return FreeDaysData(info, weekly)
    empty = np.zeros(0)
    return UrgesData(info, stats.UrgeStats(weeks, w0, w0, empty.astype("datetime64[D]"),
                                           empty.astype(np.int64), empty))
