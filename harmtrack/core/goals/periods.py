"""The periods a goal is judged over (days or whole weeks) and the target in force in each."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from harmtrack.core.common.days import week_start
from harmtrack.core.goals.store import GoalInfo, get_goal, period_of
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import get_settings


class TargetSpan(NamedTuple):
    """The target that judges one period (a day or a week)."""

    start: dt.date
    end: dt.date
    target: float


def period_bounds(goal_type: str, day: dt.date, first_weekday: int = 0) -> tuple[dt.date, dt.date]:
    """The first and last day of the period (day or week) containing ``day``."""
    if period_of(goal_type) == "day":
        return day, day
    first = week_start(day, first_weekday)
    return first, first + dt.timedelta(days=6)


def periods(goal_type: str, start: dt.date, end: dt.date,
            first_weekday: int = 0) -> list[tuple[dt.date, dt.date]]:
    """Every period (day or whole week) that overlaps [start, end], in order."""
    if end < start:
        return []
    out = []
    p_start, p_end = period_bounds(goal_type, start, first_weekday)
    while p_start <= end:
        out.append((p_start, p_end))
        p_start = p_end + dt.timedelta(days=1)
        p_end = period_bounds(goal_type, p_start, first_weekday)[1]
    return out


def target_spans(goal: GoalInfo, start: dt.date, end: dt.date, first_weekday: int = 0) -> list[TargetSpan]:
    """The target in force for each day/week of a range (periods before the goal are left out).

    Charts draw goal lines and a taper's staircase from this.
    """
    out = []
    for p_start, p_end in periods(goal.type, start, end, first_weekday):
        target = goal.target_for_period(p_start, p_end)
        if target is not None:
            out.append(TargetSpan(p_start, p_end, target))
    return out


def goal_targets(db: Database, goal_id: int, start: dt.date, end: dt.date) -> list[TargetSpan]:
    """``target_spans`` for a stored goal, with weeks starting on the user's week-start setting."""
    return target_spans(get_goal(db, goal_id), start, end, get_settings(db).week_start)
