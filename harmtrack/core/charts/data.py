"""What each chart shows, as plain data: built from the SQL aggregates and the goals.

``chart_data(db, kind, trackable_id, start, end)`` returns one frozen dataclass per
chart kind; ``charts.draw(fig, data)`` draws it and ``summary(data)`` says it in one
line of plain text (for screen readers and the PDF report). Nothing here imports
matplotlib, so the data can be computed on a worker thread cheaply.

Goal targets are plain arrays (``targets``: one value per day or per week, NaN where no
goal is in force), taken from the goals service: the version in force on a day judges that day; a
week is judged by the version in force on its last day (as ``harmtrack.core.goals.store``
does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from harmtrack.core import stats
from harmtrack.core.charts.targets import (
    Guideline,
    chart_goals,
    daily_targets,
    goal_line,
    guideline_for,
    weekly_targets,
)
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import trackables_table

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from harmtrack.core.care.questionnaires.trends import ScoreSeries

KINDS: tuple[str, ...] = ("daily", "weekly", "calendar", "free-days", "urges", "triggers",
                          "timeofday", "money", "scores")

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
    "scores": "Questionnaire scores",
}

#: Kinds that can show every trackable together when none is chosen.
ALL_TRACKABLES_OK = frozenset({"triggers", "timeofday", "money"})
#: Kinds about the user, not about a trackable: the trackable chosen does not change them.
NO_TRACKABLE = frozenset({"scores"})

EMPTY_TEXT = "Nothing logged in this range yet"

T = trackables_table.c


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
    #: A small multiple (review mode's overview): titled by the trackable, no legend.
    compact: bool = False

    @property
    def title(self) -> str:
        base = TITLES[self.kind]
        return f"{base} — {self.trackable}" if self.trackable else base


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


@dataclass(frozen=True)
class ScoresData:
    """Each questionnaire's totals in the range, its bands and its "not on track" answers."""

    info: ChartInfo
    series: tuple[ScoreSeries, ...]

    @property
    def is_empty(self) -> bool:
        return not self.series


ChartData = (DailyData | WeeklyData | CalendarData | FreeDaysData | UrgesData | TriggersData
             | TimeOfDayData | MoneyData | ScoresData)


# --- building -------------------------------------------------------------------------------------

def _trackable(db: Database, trackable_id: int | None, kind: str) -> tuple[int | None, str, str]:
    with db.engine.connect() as conn:
        if trackable_id is None:
            if kind in ALL_TRACKABLES_OK:
                return None, "", ""
            row = conn.execute(select(T.id, T.name, T.unit).where(T.archived.is_(False))
                               .order_by(T.sort_order, T.id).limit(1)).first()
        else:
            row = conn.execute(select(T.id, T.name, T.unit).where(T.id == trackable_id)).first()
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
    if kind in NO_TRACKABLE:
        from harmtrack.core.care.questionnaires.trends import score_series

        info = ChartInfo(kind, "", "", start, end, fw, today, settings.currency or "")
        return ScoresData(info, tuple(score_series(db, start, end)))
    tid, name, unit = _trackable(db, trackable_id, kind)
    info = ChartInfo(kind, name, unit, start, end, fw, today, settings.currency or "")
    if tid is None and kind not in ALL_TRACKABLES_OK:
        # No trackable at all yet: an empty chart of the right kind.
        return _empty(info)
    goals = chart_goals(db, tid) if tid is not None else []
    if kind == "daily":
        goal = goal_line(goals, "daily-max")
        return DailyData(info, stats.daily_series(db, tid, start, end, today),  # type: ignore[arg-type]
                         daily_targets(goal, start, end), bool(goal and goal.taper_in(start, end)),
                         guideline_for(db, tid))
    if kind == "weekly":
        weekly = stats.weekly_series(db, tid, start, end, fw, today)  # type: ignore[arg-type]
        goal = goal_line(goals, "weekly-max")
        return WeeklyData(info, weekly, weekly_targets(goal, weekly.weeks),
                          bool(goal and goal.taper_in(start, end)), guideline_for(db, tid))
    if kind == "calendar":
        return CalendarData(info, stats.daily_series(db, tid, start, end, today))  # type: ignore[arg-type]
    if kind == "free-days":
        weekly = stats.weekly_series(db, tid, start, end, fw, today)  # type: ignore[arg-type]
        return FreeDaysData(info, weekly, weekly_targets(goal_line(goals, "free-days"), weekly.weeks))
    if kind == "urges":
        return UrgesData(info, stats.urge_stats(db, tid, start, end, fw))  # type: ignore[arg-type]
    if kind == "triggers":
        shares = stats.practice_shares(db, tid, start, end, fw)
        pgoal = goal_line(goals, "practice")
        ptarget = weekly_targets(pgoal, shares.weeks)
        return TriggersData(info, stats.trigger_counts(db, tid, start, end),
                            stats.setting_counts(db, tid, start, end), shares,
                            (pgoal.practice or "", ptarget) if pgoal and ptarget is not None
                            else None)
    if kind == "timeofday":
        return TimeOfDayData(info, stats.time_of_day_counts(db, tid, start, end, fw))
    weeks, money = stats.weekly_money(db, tid, start, end, fw)
    target = weekly_targets(goal_line(goals, "money-weekly"), weeks) if goals else None
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
