"""A goal in plain words ("at most 14 standard drinks a week"), for the report, the taper and the CLI."""

from __future__ import annotations

import datetime as dt

from harmtrack.core.common.days import long_date
from harmtrack.core.goals.store import GoalInfo
from harmtrack.core.quantities import formatting


def describe_goal(goal: GoalInfo, on: dt.date | None = None, *, currency: str | None = None) -> str:
    """The goal as it stood on a day (its latest target by default), in plain words:
    "at most 14 standard drinks a week"; a taper says where it is heading. ``currency``:
    the currency setting, for a money goal."""
    value = goal.target_on(on) if on is not None else None
    if value is None:
        value = goal.current_target
    target = formatting.money(value, currency) if goal.type == "money-weekly" else formatting.number(value)
    if getattr(goal, "taper_style", None) and len(goal.versions) > 1:
        last = goal.versions[-1]
        first = goal.versions[0]
        plan = (f" (a taper plan: {formatting.number(first.target)} to "
                f"{formatting.number(last.target)} by {long_date(last.effective_from)})")
        return describe_goal_plain(goal, target, value) + plan
    return describe_goal_plain(goal, target, value)


def describe_goal_plain(goal: GoalInfo, target: str, value: float | None = None) -> str:
    """The goal's words for a given target (``value``, when given, picks singular nouns)."""
    one = value is not None and formatting.is_one(value)
    unit = formatting.unit_singular(goal.unit) if one else goal.unit
    if goal.type == "daily-max":
        return f"at most {target} {unit} a day"
    if goal.type == "weekly-max":
        return f"at most {target} {unit} a week"
    if goal.type == "free-days":
        return f"at least {target} use-free {'day' if one else 'days'} a week"
    if goal.type == "practice":
        return f"“{goal.practice}” on at least {target}% of occasions, each week"
    if goal.type == "money-weekly":
        return f"spend at most {target} a week"
    return f"{goal.type}: {target}"
