"""A report's wording: numbers, money, goal tables and changes said in plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from harmtrack.core.common.days import long_date
from harmtrack.core.quantities import formatting
from harmtrack.core.quantities.formatting import number
from harmtrack.core.report.data import GoalAdherence, TrackableSummary

STATUS_WORDS = {"met": "goal met", "not-met": "not met", "not-logged": "not logged",
                "in-progress": "this week so far", "no-use": "no use"}


def goal_rows(g: GoalAdherence, week_start: int = 0, currency: str | None = None) -> list[list[str]]:
    """Rows of the goal table, one per week: weekly goals as they are; daily goals as the
    days met in each week, with the targets that were in force."""
    if g.period == "week":
        pct = "%" if g.unit.startswith("%") else ""

        def value(x: float) -> str:
            return money(x, currency) if g.unit == formatting.MONEY_UNIT else number(x) + pct

        return [[long_date(r.start), value(r.target), "–" if r.actual is None else value(r.actual),
                 STATUS_WORDS.get(r.status, r.status)] for r in g.periods]
    from harmtrack.core.common.days import week_start as first_day

    weeks: dict[dt.date, list[Any]] = {}
    for r in g.periods:
        weeks.setdefault(first_day(r.start, week_start), []).append(r)
    rows = []
    for monday, days in weeks.items():
        targets = sorted({d.target for d in days})
        target = number(targets[0]) if len(targets) == 1 else f"{number(targets[0])}–{number(targets[-1])}"
        judged = [d for d in days if d.met is not None]
        met = sum(1 for d in judged if d.met)
        used = sum(d.actual or 0.0 for d in days)
        if judged:
            result = f"{met} of {formatting.count(len(judged), 'day')} met"
        else:
            result = "not logged" if all(d.status == "not-logged" for d in days) else "not judged yet"
        rows.append([long_date(monday), f"{target} a day", f"{number(used)} in the week", result])
    return rows


def times_on_days(times: int, days: int) -> str:
    """ "3 times on 2 days", with singulars where they belong."""
    return f"{formatting.count(times, 'time')} on {formatting.count(days, 'day')}"


def money(x: float, currency: str | None = None) -> str:
    """A sum of money with the currency's symbol and decimals ("$31.80")."""
    return formatting.money(x, currency or None)


def goals_cell(s: TrackableSummary) -> str:
    """Each goal the glance table judges, with how many of its finished periods were met."""
    if not s.goals:
        return "no goal"
    lines = []
    for g in s.goals:
        word = "week" if g.period == "week" else "day"
        result = (f"{g.met} of {formatting.count(g.judged, word)} met" if g.judged
                  else f"no finished {word} yet")
        lines.append(f"{g.description}: {result}")
    return "; ".join(lines)


def change_text(s: TrackableSummary) -> str:
    """The change against the previous period, in plain words."""
    if s.previous_total is None:
        return "nothing logged in the previous period"
    if s.previous_total == 0:
        return "none in the previous period" if s.total == 0 else "up from none"
    pct = s.change_pct or 0.0
    if round(pct) == 0:
        return f"about the same (previous {formatting.count(s.days, 'day')}: {number(s.previous_total)})"
    word = "down" if pct < 0 else "up"
    return f"{word} {abs(pct):.0f}% (previous {formatting.count(s.days, 'day')}: {number(s.previous_total)})"
