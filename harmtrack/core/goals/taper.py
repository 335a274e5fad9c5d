"""Taper plans: from the user's baseline down to a target over N weeks, week by week.

``plan_taper`` only computes the steps, so the user can review and edit them before
``save_taper`` stores them as one goal whose dated versions form the staircase.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from harmtrack.core.common.days import week_start
from harmtrack.core.common.errors import InvalidEntry, NoBaseline
from harmtrack.core.goals.describe import describe_goal
from harmtrack.core.goals.store import (
    TAPER_STYLES,
    GoalInfo,
    check_target,
    create_goal,
    replaceable_goals,
)
from harmtrack.core.quantities import formatting
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking import entries
from harmtrack.core.tracking.validation import check_day, parse_number

MAX_WEEKS = 104
TAPER_TYPES = ("weekly-max", "daily-max")


@dataclass(frozen=True)
class TaperStep:
    """One week of a plan: its ceiling from ``start`` on."""

    week: int  # 1-based
    start: dt.date
    target: float

    def to_json(self) -> dict[str, Any]:
        return {"week": self.week, "from": self.start.isoformat(), "target": self.target}


@dataclass(frozen=True)
class TaperPlan:
    """A plan ready to review: steps, the baseline they start from, and a safety note."""

    trackable_id: int
    trackable: str
    unit: str
    goal_type: str
    style: str
    baseline: float
    baseline_text: str
    target: float
    steps: tuple[TaperStep, ...]
    warning: Any = None  # guidelines.SafetyNote for alcohol and benzodiazepines
    #: The active goals of this kind the plan replaces from its first week (``save_taper``).
    replaces: tuple[GoalInfo, ...] = ()

    @property
    def replaces_text(self) -> str:
        """What saving does to the current goal, in plain words ("" when there is none)."""
        if not self.replaces or not self.steps:
            return ""
        first = self.steps[0].start
        last = first - dt.timedelta(days=1)
        old = "; ".join(describe_goal(g, last) for g in self.replaces)
        return (f"This plan replaces your current goal ({old}) from {first:%a} {first.day} "
                f"{first:%b %Y}. That goal still counts until {last:%a} {last.day} {last:%b} and "
                "is kept with its history in the archived goals.")

    def to_json(self) -> dict[str, Any]:
        return {
            "trackable": self.trackable, "unit": self.unit, "type": self.goal_type,
            "style": self.style, "baseline": self.baseline, "target": self.target,
            "steps": [s.to_json() for s in self.steps],
            "warning": None if self.warning is None else self.warning.text,
            "replaces": [g.id for g in self.replaces],
        }


def _quantum(baseline: float) -> float:
    if baseline >= 100:
        return 5.0
    if baseline >= 20:
        return 1.0
    if baseline >= 2:
        return 0.5
    return 0.1


def check_weeks(weeks: Any) -> int:
    """A whole number of weeks from 1 to 104."""
    number = parse_number(weeks, "weeks")
    if number != int(number):
        raise InvalidEntry("weeks must be a whole number")
    n = int(number)
    if not 1 <= n <= MAX_WEEKS:
        raise InvalidEntry(f"a taper runs over 1 to {MAX_WEEKS} weeks")
    return n


def taper_values(baseline: float, target: float, weeks: int, style: str = "linear") -> list[float]:
    """The ceilings for weeks 1..N, ending exactly at ``target``.

    Linear: equal steps. Percent: the same share less each week (smaller cuts as the amount
    gets lower); towards 0 it goes down by percent to baseline/N, then to 0 in the last week.
    """
    if style not in TAPER_STYLES:
        raise InvalidEntry(f"taper style must be one of: {', '.join(TAPER_STYLES)}")
    weeks = check_weeks(weeks)
    if not (math.isfinite(baseline) and baseline > 0):
        raise InvalidEntry("a taper needs a baseline above 0")
    if target >= baseline:
        from harmtrack.core.quantities.formatting import number

        raise InvalidEntry(f"the target must be below the starting level of {number(baseline)}")
    if style == "linear":
        raw = [baseline + (target - baseline) * i / weeks for i in range(1, weeks + 1)]
    elif target > 0:
        ratio = (target / baseline) ** (1 / weeks)
        raw = [baseline * ratio ** i for i in range(1, weeks + 1)]
    elif weeks == 1:
        raw = [0.0]
    else:
        floor = baseline / weeks
        ratio = (floor / baseline) ** (1 / (weeks - 1))
        raw = [baseline * ratio ** i for i in range(1, weeks)] + [0.0]
    # Round to a step that reads well (whole cigarettes, half drinks…) but no coarser than
    # the average weekly cut, so rounding never flattens the plan into repeated weeks.
    step = (baseline - target) / weeks
    q = next((c for c in (5.0, 1.0, 0.5, 0.25, 0.1, 0.05) if c <= _quantum(baseline) and c <= step), 0.01)
    out: list[float] = []
    prev = baseline
    for i, v in enumerate(raw):
        if i == weeks - 1:
            value = target
        else:
            value = round(math.floor(v / q + 0.5) * q, 4)
            if value >= prev:  # rounding up would undo the cut: round down instead
                value = round(math.floor(v / q) * q, 4)
            value = min(max(target, value), prev)
        out.append(value)
        prev = value
    return out


def plan_taper(baseline: float, target: float, weeks: int, start: dt.date, style: str = "linear",
               first_weekday: int = 0) -> list[TaperStep]:
    """Week-by-week steps from ``start`` (moved back to its week's first day)."""
    first = week_start(start, first_weekday)
    values = taper_values(baseline, target, weeks, style)
    return [TaperStep(i + 1, first + dt.timedelta(weeks=i), v) for i, v in enumerate(values)]


def default_start(today: dt.date, first_weekday: int = 0) -> dt.date:
    """Today if a week starts today, else the first day of next week."""
    first = week_start(today, first_weekday)
    return first if first == today else first + dt.timedelta(weeks=1)


def preview_taper(db: Database, trackable: str | int, target: Any, weeks: Any, *,
                  start: dt.date | str | None = None, style: str = "linear",
                  goal_type: str = "weekly-max", baseline: Any = None) -> TaperPlan:
    """A plan to review (nothing is written): baseline from history unless given."""
    from harmtrack.core.goals import progress
    from harmtrack.core.goals.guidelines import withdrawal_note

    if goal_type not in TAPER_TYPES:
        raise InvalidEntry(f"a taper is a {' or '.join(TAPER_TYPES)} goal")
    if style not in TAPER_STYLES:
        raise InvalidEntry(f"taper style must be one of: {', '.join(TAPER_STYLES)}")
    n = check_weeks(weeks)
    goal_target = check_target(goal_type, target)
    begin = check_day(start, "start date")
    trackable_id, name, unit, key = _trackable(db, trackable)
    s = get_settings(db)
    if baseline is not None and baseline != "":
        base = check_target(goal_type, baseline)
        text = f"Starting level you gave: {formatting.number(base)} {unit}."
    else:
        b = (progress.baseline(db, trackable_id, goal_type, settings=s) if trackable_id
             else progress.Baseline(None, 0, None, None, None, ""))
        if b.value is None:
            raise NoBaseline("not enough history for a baseline yet: give the starting level")
        base, text = b.value, b.text
    if begin is None:
        begin = default_start(entries.today(db, s), s.week_start)
    steps = plan_taper(base, goal_target, n, begin, style, s.week_start)
    replaces = tuple(replaceable_goals(db, trackable_id, goal_type)) if trackable_id else ()
    return TaperPlan(trackable_id=trackable_id, trackable=name, unit=unit, goal_type=goal_type,
                     style=style, baseline=base, baseline_text=text, target=goal_target,
                     steps=tuple(steps), warning=withdrawal_note(key), replaces=replaces)


def _trackable(db: Database, ref: str | int) -> tuple[int, str, str, str | None]:
    """(id, name, unit, catalog key) of a trackable; id 0 for a built-in not tracked yet."""
    from harmtrack.core.common.errors import UnknownTrackable
    from harmtrack.core.quantities import catalog
    from harmtrack.core.tracking.trackables import get_trackable, resolve

    if isinstance(ref, int):
        t = get_trackable(db, ref)
        return t.id, t.name, t.unit, t.builtin_key
    try:
        t = resolve(db, ref)
    except UnknownTrackable:
        item = catalog.find(ref)
        if item is None:
            raise
        return 0, item.name, item.unit, item.key  # added when the plan is saved
    return t.id, t.name, t.unit, t.builtin_key


def save_taper(db: Database, plan: TaperPlan, steps: Sequence[tuple[dt.date, Any]] | None = None) -> GoalInfo:
    """Store a plan (or the user's edited steps) as one goal with dated versions.

    The plan replaces the trackable's current goal of the same kind from its first week:
    that goal ends the day before (archived then, never deleted; ``plan.replaces_text``
    says so before saving), so one goal of a kind judges each day.
    """
    chosen = list(steps) if steps is not None else [(s.start, s.target) for s in plan.steps]
    ref: str | int = plan.trackable_id or plan.trackable
    return create_goal(db, ref, plan.goal_type, steps=chosen, taper_style=plan.style, replace=True)
