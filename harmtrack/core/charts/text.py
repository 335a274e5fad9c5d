"""Charts in words: a one-line summary per chart, and what is under the pointer.

The summary is what a screen reader announces for a chart and what the PDF report
prints under it; ``point_info`` gives the hover text and the day a click opens.
No matplotlib here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from harmtrack.core.charts.data import (
    EMPTY_TEXT,
    TITLES,
    CalendarData,
    ChartData,
    ChartInfo,
    DailyData,
    FreeDaysData,
    MoneyData,
    ScoresData,
    TimeOfDayData,
    TriggersData,
    UrgesData,
    WeeklyData,
)
from harmtrack.core.charts.scores import scores_point, scores_summary
from harmtrack.core.quantities import formatting
from harmtrack.core.stats import per_logged_day, week_days_in_range, week_grid

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --- one line of plain text per chart (screen readers, the report) -------------------------------

# All through harmtrack.core.quantities.formatting; charts say amounts with one decimal.
def _n(value: float) -> str:
    """A number as people write it: 12, 3.5, 1,250."""
    return formatting.number(value, 1)


def _plural(n: int, word: str) -> str:
    return formatting.plural(n, word)


def _amount(value: float, unit: str) -> str:
    """ "1 standard drink", "2.5 standard drinks"."""
    return formatting.amount(value, unit, decimals=1)


def _money(value: float, info: ChartInfo) -> str:
    return formatting.money(value, info.currency or None)


def _days(n: int) -> str:
    return formatting.count(n, "day")


def _weeks(n: int) -> str:
    return formatting.count(n, "week")


def _span(info: ChartInfo) -> str:
    who = f"{info.trackable}, " if info.trackable else ""
    if info.start.year == info.end.year:
        when = f"{info.start:%d %b} to {info.end:%d %b %Y}"
    else:
        when = f"{info.start:%d %b %Y} to {info.end:%d %b %Y}"
    return f"{who}{when.lstrip('0').replace(' 0', ' ')}"


def per_logged_day_text(total: float, logged: int, days: int) -> str:
    """"2.1 per logged day (15 of 28 days logged)": what is divided by what."""
    mean = per_logged_day(total, logged)
    shown = _n(mean) if mean >= 0.05 or mean == 0 else f"{mean:.2f}"
    return f"{shown} per logged day ({logged} of {_days(days)} logged)"


def _partial(w: Any) -> str:
    """Says which weeks the range cuts short (they count only the days inside it)."""
    n = [int(d) for d in w.days_in_range]
    parts = []
    if n and n[0] < 7:
        parts.append(f"the first week counts {_days(n[0])} of 7")
    if len(n) > 1 and n[-1] < 7:
        parts.append(f"the last week counts {_days(n[-1])} of 7")
    return f" ({', '.join(parts)}: the days in the range)" if parts else ""


def summary(data: ChartData) -> str:
    """The chart in one sentence of plain words, with its key numbers."""
    import numpy as np

    info = data.info
    head = f"{TITLES[info.kind]} ({_span(info)})"
    if isinstance(data, ScoresData):
        return (f"{head}: No questionnaires taken in this range yet." if data.is_empty
                else scores_summary(data, head))
    if data.is_empty:
        text = "No money logged in this range yet" if isinstance(data, MoneyData) else EMPTY_TEXT
        return f"{head}: {text}."
    if isinstance(data, DailyData | CalendarData):
        s = data.series
        used, free, missing = int(s.used.sum()), int(s.use_free.sum()), int(s.not_logged.sum())
        total = float(s.amount.sum())
        text = (f"{head}: {_amount(total, info.unit)} in all, use on {_days(used)}, "
                f"{free} use-free {_plural(free, 'day')}, {_days(missing)} not logged, "
                f"{per_logged_day_text(total, int(s.logged.sum()), len(s))}")
        if isinstance(data, DailyData) and data.target is not None:
            judged = ~np.isnan(data.target) & s.logged
            with np.errstate(invalid="ignore"):
                met = int((judged & (s.amount <= data.target)).sum())
            goal = "taper plan" if data.taper else "daily goal"
            text += f"; within the {goal} on {met} of {_days(int(judged.sum()))}"
        return text + "."
    if isinstance(data, WeeklyData):
        w = data.weekly
        counted = w.logged_days > 0  # a week cut short counts for its share of 7 days
        span = int(w.days_in_range[counted].sum())
        mean = float(w.total[counted].sum()) * 7 / span if span else 0.0
        text = (f"{head}: {_amount(float(w.total.sum()), info.unit)} over {_weeks(len(w))}, "
                f"{_n(mean)} a week on average{_partial(w)}")
        if data.target is not None and data.judged.any():
            goal = "weekly plan" if data.taper else "weekly goal"
            text += (f"; within the {goal} in {int(data.met.sum())} of "
                     f"{_weeks(int(data.judged.sum()))}")
        return text + "."
    if isinstance(data, FreeDaysData):
        w = data.weekly
        free = int(w.use_free_days.sum())
        text = (f"{head}: {free} use-free {_plural(free, 'day')} over {_weeks(len(w))}, "
                f"{_n(free * 7 / max(int(w.days_in_range.sum()), 1))} a week on average, "
                f"{_days(int(w.not_logged_days.sum()))} not logged{_partial(w)}")
        if data.target is not None and data.judged.any():
            text += f"; goal met in {int(data.met.sum())} of {_weeks(int(data.judged.sum()))}"
        return text + "."
    if isinstance(data, UrgesData):
        u = data.urges
        total, acted = int(u.urges.sum()), int(u.acted_on.sum())
        text = (f"{head}: {formatting.count(total, 'urge')} logged, {total - acted} not acted on and "
                f"{acted} acted on")
        if len(u.craving) >= 3 and np.ptp(u.craving) > 0 and np.ptp(u.amount) > 0:
            r = float(np.corrcoef(u.craving, u.amount)[0, 1])
            link = ("stronger cravings came with larger amounts" if r >= 0.3 else
                    "stronger cravings came with smaller amounts" if r <= -0.3 else
                    "craving and amount were not clearly linked")
            text += f"; {link}"
        return text + "."
    if isinstance(data, TriggersData):
        parts = []
        if data.triggers:
            parts.append("most frequent triggers: " + ", ".join(
                f"{c.name} ({c.total})" for c in data.triggers[:3]))
        if data.settings:
            parts.append("most frequent setting: " + f"{data.settings[0].name} "
                         f"({data.settings[0].total})")
        p = data.practices
        if p.names:
            share = float(p.counts[0].sum()) / max(int(p.occasions.sum()), 1) * 100
            parts.append(f"most used practice: {p.names[0]} ({share:.0f}% of use occasions)")
        return f"{head}: " + "; ".join(parts) + "."
    if isinstance(data, TimeOfDayData):
        g = data.grid
        wd, hh = np.unravel_index(int(np.argmax(g)), g.shape)
        day = WEEKDAYS[(info.first_weekday + int(wd)) % 7]
        hours = g.sum(axis=0)
        peak = int(np.argmax(hours))
        return (f"{head}: {formatting.count(int(g.sum()), 'time')} logged; most often around "
                f"{peak:02d}:00, busiest slot {day} {int(hh):02d}:00–{(int(hh) + 1) % 24:02d}:00 "
                f"({formatting.count(int(g[wd, hh]), 'time')}).")
    assert isinstance(data, MoneyData)
    spent = float(data.money.sum())
    span = max(int(week_days_in_range(data.weeks, info.start, info.end).sum()), 1)
    text = (f"{head}: {_money(spent, info)} spent over {_weeks(len(data.weeks))}, "
            f"{_money(spent * 7 / span, info)} a week on average")
    if data.target is not None and data.judged.any():
        judged = data.judged
        with np.errstate(invalid="ignore"):
            met = int((judged & (data.money <= data.target)).sum())
        text += f"; within the money goal in {met} of {_weeks(int(judged.sum()))}"
    return text + "."


# --- what is under the pointer (hover text, click-to-open) ------------------------------------------

@dataclass(frozen=True)
class PointInfo:
    """The day (or week) under the pointer and its exact values in words."""

    day: dt.date  # the day, or the first day of the week
    text: str
    is_day: bool  # a single day (clicking it can open that day)


def _fmt_day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _epoch_day(x: float) -> dt.date | None:
    import math

    if not math.isfinite(x):
        return None
    try:  # a day's bar is centred on its date number (parts.bar_edges)
        return dt.date(1970, 1, 1) + dt.timedelta(days=math.floor(x + 0.5))
    except OverflowError:
        return None


def _week_index(weeks: Any, x: float) -> int | None:
    day = _epoch_day(x)
    if day is None or len(weeks) == 0:
        return None
    first = dt.date.fromisoformat(str(weeks[0]))
    i = (day - first).days // 7
    return i if 0 <= i < len(weeks) else None


def point_info(data: ChartData, x: float | None, y: float | None, panel: int = 0) -> PointInfo | None:
    """Describe the day or week at data coordinates (x, y) of a chart's panel, or None.

    x is a date number (days since 1970-01-01) on the dated charts, a column on the
    calendar and time-of-day grids; ``panel`` is the axes' index in the figure.
    """
    import math

    import numpy as np

    if x is None or data.is_empty:
        return None
    info = data.info
    unit = info.unit
    if isinstance(data, ScoresData):
        found = scores_point(data, x, panel)
        return PointInfo(found[0], found[1], False) if found else None
    if isinstance(data, DailyData) and panel == 0:
        day = _epoch_day(x)
        s = data.series
        if day is None or not s.start <= day <= s.end:
            return None
        i = (day - s.start).days
        if s.in_progress[i]:
            text = f"{_fmt_day(day)}: today so far, nothing logged yet"
        elif not s.logged[i] and not s.finished[i]:
            text = f"{_fmt_day(day)}: still to come"
        elif not s.logged[i]:
            text = f"{_fmt_day(day)}: not logged"
        elif not s.used[i]:
            text = f"{_fmt_day(day)}: use-free day"
        else:
            text = f"{_fmt_day(day)}: {_amount(float(s.amount[i]), unit)}"
        extra = []
        if not math.isnan(s.rolling7[i]):
            extra.append(f"7-day average {_n(float(s.rolling7[i]))}")
        if data.target is not None and not math.isnan(data.target[i]):
            extra.append(f"{'plan' if data.taper else 'goal'} {_n(float(data.target[i]))}")
        return PointInfo(day, text + (f" ({', '.join(extra)})" if extra else ""), True)
    if isinstance(data, CalendarData):
        if y is None or x < 0 or y < 0:
            return None
        s = data.series
        first, _last = week_grid(s.start, s.end, info.first_weekday)
        day = first + dt.timedelta(days=int(x) * 7 + int(y))
        if not s.start <= day <= s.end or int(y) > 6:
            return None
        i = (day - s.start).days
        state = ("today so far, nothing logged yet" if s.in_progress[i]
                 else "still to come" if not s.logged[i] and not s.finished[i]
                 else "not logged" if not s.logged[i] else "use-free day" if not s.used[i]
                 else _amount(float(s.amount[i]), unit))
        return PointInfo(day, f"{_fmt_day(day)}: {state}", True)
    if isinstance(data, TimeOfDayData):
        if y is None or not (0 <= x < 24 and 0 <= y < 7):
            return None
        row, hour = int(y), int(x)
        name = WEEKDAYS[(info.first_weekday + row) % 7]
        n = int(data.grid[row, hour])
        return PointInfo(info.start, f"{name} {hour:02d}:00–{(hour + 1) % 24:02d}:00: "
                                     f"{formatting.count(n, 'time')}", False)
    if isinstance(data, TriggersData):
        if panel in (0, 1):
            counts = data.triggers if panel == 0 else data.settings
            shown = counts[:8][::-1]
            if y is None or not shown:
                return None
            row = int(round(y))
            if not 0 <= row < len(shown):
                return None
            c = shown[row]
            return PointInfo(info.start, f"{c.name}: {c.with_use} with use, {c.urge_only} urge only",
                             False)
        p = data.practices
        pi = _week_index(p.weeks, x)
        if pi is None or not p.names:
            return None
        week = dt.date.fromisoformat(str(p.weeks[pi]))
        if p.occasions[pi] == 0:
            return PointInfo(week, f"Week of {_fmt_day(week)}: no use", False)
        parts = [f"{name} {p.counts[k, pi]} of {p.occasions[pi]}"
                 for k, name in enumerate(p.names[:4])]
        return PointInfo(week, f"Week of {_fmt_day(week)}: " + ", ".join(parts), False)
    if isinstance(data, UrgesData) and panel == 1:
        return None
    weeks = (data.weekly.weeks if isinstance(data, WeeklyData | FreeDaysData) else
             data.urges.weeks if isinstance(data, UrgesData) else
             data.weeks if isinstance(data, MoneyData) else None)
    if weeks is None:
        return None
    wi = _week_index(weeks, x)
    if wi is None:
        return None
    i = wi
    week = dt.date.fromisoformat(str(weeks[i]))
    head = f"Week of {_fmt_day(week)}"
    target = getattr(data, "target", None)
    goal = ""
    if target is not None and not np.isnan(target[i]):
        value = float(target[i])
        goal = f"; goal {_money(value, info) if isinstance(data, MoneyData) else _n(value)}"
    if isinstance(data, WeeklyData):
        w = data.weekly
        met = " (goal met)" if data.met[i] else ""
        return PointInfo(week, f"{head}: {_amount(float(w.total[i]), unit)}{goal}{met}", False)
    if isinstance(data, FreeDaysData):
        w = data.weekly
        return PointInfo(week, f"{head}: {w.use_free_days[i]} use-free, {w.use_days[i]} with use, "
                               f"{w.not_logged_days[i]} not logged{goal}", False)
    if isinstance(data, UrgesData):
        u = data.urges
        return PointInfo(week, f"{head}: {formatting.count(int(u.urges[i]), 'urge')}, "
                               f"{u.acted_on[i]} acted on", False)
    assert isinstance(data, MoneyData)
    return PointInfo(week, f"{head}: {_money(float(data.money[i]), info)} spent{goal}", False)
