"""The calendar summary's data: each month of the range as a grid of days with their amount
and state (use, use-free, not logged, heavy), the way clinicians review daily use.

Same definitions as the measures (``report.measures``): a use-free day is a logged day
without use; a day with nothing logged is *not logged*; today and days to come are neither.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from harmtrack.core.goals.heavy_days import HeavyDayRule
from harmtrack.core.report.series import ReportSeries, for_range
from harmtrack.core.storage.db import Database

DayState = Literal["use", "heavy", "use-free", "not-logged", "not-over", "outside"]


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    state: DayState
    amount: float | None  # the day's total on a day of use


@dataclass(frozen=True)
class CalendarMonth:
    """One month as weeks of seven days (days outside the month or range are "outside")."""

    first: dt.date  # the 1st of the month
    weeks: tuple[tuple[CalendarDay, ...], ...]

    @property
    def title(self) -> str:
        return f"{stdlib_calendar.month_name[self.first.month]} {self.first.year}"


def weekday_letters(week_start: int) -> list[str]:
    """Column heads for a week starting on ``week_start`` (0 = Monday)."""
    names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    return names[week_start:] + names[:week_start]


def day_state(day: dt.date, totals: dict[dt.date, float], logged: set[dt.date],
              heavy: HeavyDayRule | None, today: dt.date | None) -> DayState:
    """What a day of the range was for one trackable."""
    if day in totals:
        return "heavy" if heavy is not None and heavy.is_heavy(totals[day]) else "use"
    if day in logged:
        return "use-free"
    if today is not None and day >= today:
        return "not-over"
    return "not-logged"


def calendar_months(db: Database, trackable_id: int, start: dt.date, end: dt.date,
                    logged: set[dt.date], heavy: HeavyDayRule | None, today: dt.date | None,
                    week_start: int = 0, series: ReportSeries | None = None) -> list[CalendarMonth]:
    """The months [start, end] touches, each day with its state and amount."""
    totals = (series or for_range(db, start, end)).daily_totals(trackable_id, start, end)
    cal = stdlib_calendar.Calendar(firstweekday=week_start)
    months = []
    first = start.replace(day=1)
    while first <= end:
        weeks = []
        for week in cal.monthdatescalendar(first.year, first.month):
            row = []
            for d in week:
                if d.month != first.month or not start <= d <= end:
                    row.append(CalendarDay(d, "outside", None))
                else:
                    row.append(CalendarDay(d, day_state(d, totals, logged, heavy, today), totals.get(d)))
            weeks.append(tuple(row))
        # Weeks wholly outside the range (a range starting mid-month) are not drawn.
        kept = tuple(w for w in weeks if any(c.state != "outside" for c in w))
        months.append(CalendarMonth(first, kept))
        first = (first + dt.timedelta(days=32)).replace(day=1)
    return months
