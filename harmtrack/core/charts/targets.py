"""What a chart measures against: goal targets as plain arrays, and the guideline line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select

from harmtrack.core import stats
from harmtrack.core.goals.store import GoalInfo
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import trackables_table

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

T = trackables_table.c


@dataclass(frozen=True)
class Guideline:
    """A published lower-risk guideline drawn as a reference line (with its source)."""

    label: str
    per_day: float | None = None
    per_week: float | None = None

# --- goals as plain target arrays ---------------------------------------------------------------

def chart_goals(db: Database, trackable_id: int) -> list[GoalInfo]:
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


def goal_line(goals: list[GoalInfo], goal_type: str) -> GoalLine | None:
    """The goals of one type as one line (for practice goals: the newest goal's practice)."""
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
    with db.engine.connect() as conn:
        row = conn.execute(select(T.builtin_key, T.unit).where(T.id == trackable_id)).first()
    if row is None or not row[0]:
        return None
    for g, limits in guidelines.overlay_for(row[0], row[1], settings.country, settings.guideline):
        if g.key == settings.guideline:
            return Guideline(g.label, limits.get("day"), limits.get("week"))
    return None
