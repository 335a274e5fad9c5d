"""Progress at a glance for the logging screen: plain data and short, neutral sentences."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from harmtrack.core import stats
from harmtrack.core.goals.periods import periods
from harmtrack.core.goals.progress import PeriodResult, evaluate
from harmtrack.core.goals.store import GoalInfo, list_goals
from harmtrack.core.quantities import formatting
from harmtrack.core.quantities.formatting import number
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking import entries


class GlanceItem(NamedTuple):
    """One goal's current period, with a short phrase."""

    goal: GoalInfo
    result: PeriodResult
    phrase: str


class Glance(NamedTuple):
    """Progress on every active goal, as plain data and sentences."""

    items: tuple[GlanceItem, ...]
    lines: tuple[str, ...]  # one per trackable and period, e.g. "Alcohol — This week: …"

    @property
    def text(self) -> str:
        return "\n".join(self.lines) if self.lines else "No goals yet."


def _plural(n: float, one: str, many: str) -> str:
    return formatting.plural(n, one, many)


def phrase(goal: GoalInfo, r: PeriodResult, currency: str | None = None) -> str:
    """A short, neutral phrase for one goal's period, e.g. "3 use-free days, goal 2 ✓"
    (``currency``: the currency setting, for money goals)."""
    if goal.type in ("daily-max", "weekly-max"):
        text = f"{number(r.actual)} of {number(r.target)} {formatting.unit_for(r.target, goal.unit)}"
        if r.actual > r.target:
            text += ", over your limit this " + ("day" if goal.type == "daily-max" else "week")
        return text
    if goal.type == "money-weekly":
        text = f"{formatting.money(r.actual, currency)} of {formatting.money(r.target, currency)} spent"
        return text if r.actual <= r.target else text + ", over your budget this week"
    if goal.type == "free-days":
        n = int(r.actual)
        text = f"{n} {_plural(n, 'use-free day', 'use-free days')}, goal {number(r.target)}"
        return text + " ✓" if r.met else text
    occ = r.occasions or 0
    if not occ:
        return f"{goal.practice}: no occasions yet, goal {number(r.target)} %"
    text = f"{goal.practice} on {r.with_practice} of {occ} {_plural(occ, 'occasion', 'occasions')}, " \
           f"goal {number(r.target)} %"
    return text + " ✓" if r.met else text


def glance(db: Database, *, today: dt.date | None = None) -> Glance:
    """The current day/week of every active goal, e.g. "This week: 9 of 14 standard drinks · …"."""
    s = get_settings(db)
    today = today or entries.today(db, s)
    items: list[GlanceItem] = []
    upcoming: list[GoalInfo] = []
    logged: dict[tuple[dt.date, dt.date], set[dt.date]] = {}
    # Active goals, and one a taper replaced while it still judges this week (it ends the
    # day before the taper starts; a goal put aside by hand ends today and is not shown).
    goals = [g for g in list_goals(db, include_archived=True)
             if not g.archived or g.archived_on is not None and g.archived_on > today]
    # Every goal's current day or week, read in one statement rather than two per goal.
    spans = [periods(goal.type, today, today, s.week_start)[0] for goal in goals]
    sums = (stats.day_sums(db, sorted({g.trackable_id for g in goals}), min(a for a, _ in spans),
                           max(b for _, b in spans)) if goals else None)
    for goal in goals:
        results = evaluate(db, goal, today, today, today=today, settings=s, logged_cache=logged,
                           sums=sums)
        if not results:
            upcoming.append(goal)  # starts later (e.g. a taper planned from next week)
            continue
        r = results[-1]
        items.append(GlanceItem(goal, r, phrase(goal, r, s.currency)))
    groups: dict[tuple[str, str], list[str]] = {}
    for it in items:
        key = (it.goal.trackable, "Today" if it.goal.period == "day" else "This week")
        groups.setdefault(key, []).append(it.phrase)
    lines = tuple(f"{name} — {when}: " + " · ".join(parts) for (name, when), parts in groups.items())
    lines += tuple(f"{g.trackable} — from {g.starts:%a %-d %b}: {_upcoming(g, s.currency)}"
                   for g in upcoming)
    return Glance(tuple(items), lines)


def _upcoming(goal: GoalInfo, currency: str | None = None) -> str:
    value = goal.versions[0].target
    first, unit = number(value), formatting.unit_for(value, goal.unit)
    return {"daily-max": f"at most {first} {unit} a day",
            "weekly-max": f"at most {first} {unit} a week",
            "free-days": f"{first} {_plural(value, 'use-free day', 'use-free days')} a week",
            "practice": f"{goal.practice} on {first} % of occasions",
            "money-weekly": f"at most {formatting.money(value, currency)} spent a week",
            }[goal.type] + " (planned)"
