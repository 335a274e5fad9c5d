"""How each day and week went against the goal in force then; baselines and suggestions.

Everything is computed from SQL aggregates over the indexed local-day column
(``stats``), never from ORM rows. Days are the user's local days (zone + day-start hour,
decided when an entry is written); weeks start on the ``week_start`` setting.

A day is *use-free* for a trackable only when it was logged (any entry, urges too, or a
"nothing to log today" check-in) and has no use of it; a day never logged is reported as
not logged and never counts as use-free. Urge-only entries are never use.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any, NamedTuple

from harmtrack.core import stats
from harmtrack.core.goals.periods import periods
from harmtrack.core.goals.store import (
    GoalInfo,
    GoalVersionInfo,
    goals_in_force,
    list_goals,
    period_of,
    target_unit,
)
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import Settings, get_settings
from harmtrack.core.tracking import entries
from harmtrack.core.tracking.checkins import logged_days

#: How far back ``baseline`` looks for logged weeks, and how many it uses.
BASELINE_LOOKBACK_WEEKS = 12
BASELINE_MAX_WEEKS = 4
BASELINE_MIN_WEEKS = 2
#: A week counts as logged for the baseline when at least this many of its days were
#: (1: people who log only the days they use still get a baseline).
BASELINE_MIN_LOGGED_DAYS = 1


class PeriodResult(NamedTuple):
    """One goal over one period (a day or a week)."""

    goal_id: int
    trackable: str
    type: str
    unit: str  # what target and actual count
    start: dt.date
    end: dt.date
    target: float
    actual: float
    met: bool
    status: str  # "met" | "not-met" | "not-logged" | "no-use" | "in-progress" (current period)
    complete: bool  # False for the period that contains today
    share: float | None  # actual ÷ target (None when the target is 0)
    logged_days: int
    use_days: int
    use_free_days: int
    not_logged_days: int
    occasions: int | None = None  # practice goals: use occasions
    with_practice: int | None = None  # practice goals: occasions with the practice

    @property
    def counted(self) -> bool:
        """Whether the period counts in summaries (complete, logged, something to judge)."""
        return self.complete and self.status in ("met", "not-met")

    def to_json(self) -> dict[str, Any]:
        """The object ``progress --json`` prints for this period."""
        out: dict[str, Any] = {
            "goal_id": self.goal_id, "trackable": self.trackable, "type": self.type,
            "unit": self.unit, "target": self.target, "start": self.start.isoformat(),
            "end": self.end.isoformat(), "actual": self.actual, "met": self.met,
            "status": self.status, "complete": self.complete,
            "share": None if self.share is None else round(self.share, 4),
            "logged_days": self.logged_days, "use_days": self.use_days,
            "use_free_days": self.use_free_days, "not_logged_days": self.not_logged_days,
        }
        if self.occasions is not None:
            out["occasions"] = self.occasions
            out["with_practice"] = self.with_practice
        return out


def _share(actual: float, target: float) -> float | None:
    return None if target <= 0 else actual / target


def evaluate(db: Database, goal: GoalInfo, start: dt.date, end: dt.date, *,
             today: dt.date | None = None, settings: Settings | None = None,
             logged_cache: dict[tuple[dt.date, dt.date], set[dt.date]] | None = None,
             sums: stats.DaySums | None = None,
             ) -> list[PeriodResult]:
    """Every period of ``goal`` overlapping [start, end] that has begun, judged by its version then.

    Periods before the goal started and after today are left out. Weeks are whole weeks.
    ``logged_cache``: logged days by range, shared by callers judging several goals over
    the same periods (the days logged do not depend on the goal); a range in it that holds
    the periods serves them too (only their days are looked at). ``sums``: use, amounts
    and costs already read for several goals at once (used when they cover the periods).
    """
    s = settings or get_settings(db)
    today = today or entries.today(db, s)
    spans = [(a, b) for a, b in periods(goal.type, start, min(end, today), s.week_start)
             if goal.target_for_period(a, b) is not None]
    if not spans:
        return []
    lo, hi = spans[0][0], spans[-1][1]
    if logged_cache is None:
        logged = logged_days(db, lo, hi)
    else:
        if (lo, hi) not in logged_cache:  # a range read that holds this one will do
            held = next((d for (a, b), d in logged_cache.items() if a <= lo and hi <= b), None)
            logged_cache[(lo, hi)] = logged_days(db, lo, hi) if held is None else held
        logged = logged_cache[(lo, hi)]
    read = sums if sums is not None and sums.covers(lo, hi) else None
    used = read.use_days(goal.trackable_id) if read else stats.use_days(db, goal.trackable_id, lo, hi)
    totals: dict[dt.date, float] = {}
    counts: dict[dt.date, tuple[int, int]] = {}
    if goal.type in ("daily-max", "weekly-max"):
        totals = read.totals(goal.trackable_id) if read else stats.daily_totals(db, goal.trackable_id, lo, hi)
    elif goal.type == "money-weekly":
        totals = read.costs(goal.trackable_id) if read else stats.daily_costs(db, [goal.trackable_id], lo, hi)
    elif goal.type == "practice":
        counts = stats.daily_practice_counts(db, goal.trackable_id, goal.practice or "", lo, hi)
    unit = target_unit(goal.type, goal.unit)
    out = []
    for a, b in spans:
        target = goal.target_for_period(a, b)
        assert target is not None
        last_seen = min(b, today)
        days = [a + dt.timedelta(days=i) for i in range((last_seen - a).days + 1)]
        n_logged = sum(1 for d in days if d in logged)
        n_use = sum(1 for d in days if d in used)
        n_free = sum(1 for d in days if d in logged and d not in used)
        # Today is still going: it is never "not logged" (stats.not_logged_count).
        n_not_logged = sum(1 for d in days if d < today and d not in logged)
        occasions = with_practice = None
        if goal.type == "free-days":
            actual = float(n_free)
            met = actual >= target
        elif goal.type == "practice":
            occasions = sum(counts.get(d, (0, 0))[0] for d in days)
            with_practice = sum(counts.get(d, (0, 0))[1] for d in days)
            actual = round(100.0 * with_practice / occasions, 1) if occasions else 0.0
            met = occasions == 0 or actual >= target
        else:
            actual = round(sum(totals.get(d, 0.0) for d in days), 6)
            met = actual <= target
        complete = b < today
        if n_logged == 0:
            status, met = ("not-logged" if complete else "in-progress"), False
        elif goal.type == "practice" and not occasions:
            status = "no-use"
        elif not met and not complete and goal.type in ("free-days", "practice"):
            status = "in-progress"  # the week can still get there
        else:
            status = "met" if met else "not-met"
        out.append(PeriodResult(
            goal_id=goal.id, trackable=goal.trackable, type=goal.type, unit=unit, start=a, end=b,
            target=target, actual=actual, met=met, status=status, complete=complete,
            share=_share(actual, target), logged_days=n_logged, use_days=n_use,
            use_free_days=n_free, not_logged_days=n_not_logged, occasions=occasions,
            with_practice=with_practice,
        ))
    return out


def evaluate_all(db: Database, start: dt.date, end: dt.date, *, include_archived: bool = False,
                 today: dt.date | None = None) -> list[PeriodResult]:
    """``evaluate`` for every goal in force in the range (every goal with
    ``include_archived``), goal by goal, periods in order."""
    s = get_settings(db)
    out: list[PeriodResult] = []
    # The goals in force in the range (goals_in_force: a goal a taper replaced still judges
    # the weeks before the taper), as the charts and the report judge them.
    chosen = (list_goals(db, include_archived=True) if include_archived
              else goals_in_force(db, start, end))
    for goal in chosen:
        stop = min(end, goal.archived_on) if goal.archived_on else end  # not judged once archived
        if stop >= start:
            out.extend(evaluate(db, goal, start, stop, today=today, settings=s))
    return out


# --- summaries ---------------------------------------------------------------------------

class Summary(NamedTuple):
    """Periods met out of the last N judged ones, and runs of periods met."""

    met: int
    counted: int
    current_run: int
    best_run: int
    not_logged: int
    text: str


def _period_word(goal_type: str, n: int) -> str:
    word = "day" if period_of(goal_type) == "day" else "week"
    return word if n == 1 else word + "s"


def summarize(results: Sequence[PeriodResult], last: int | None = None) -> Summary:
    """E.g. "Weeks within limit: 6 of the last 8 · current run 2 · best run 4".

    Only complete, logged periods count; a period not logged neither counts nor breaks a run.
    """
    if not results:
        return Summary(0, 0, 0, 0, 0, "No finished periods yet.")
    goal_type = results[0].type
    if last is None:
        last = 8 if period_of(goal_type) == "week" else 28
    judged = [r for r in results if r.counted]
    window = judged[-last:] if last else judged
    met = sum(1 for r in window if r.met)
    best = run = 0
    for r in judged:
        run = run + 1 if r.met else 0
        best = max(best, run)
    current = 0
    for r in reversed(judged):
        if not r.met:
            break
        current += 1
    not_logged = sum(1 for r in results if r.complete and r.status == "not-logged")
    if not window:
        text = "No finished periods with entries yet."
    else:
        label = {"daily-max": "Days within limit", "weekly-max": "Weeks within limit",
                 "money-weekly": "Weeks within budget",
                 "free-days": "Weeks with enough use-free days",
                 "practice": "Weeks the practice goal was met"}[goal_type]
        text = f"{label}: {met} of the last {len(window)}"
        text += f" · current run {current} · best run {best}"
    return Summary(met, len(window), current, best, not_logged, text)


def summarize_goal(db: Database, goal: GoalInfo, *, last: int | None = None,
                   today: dt.date | None = None) -> Summary:
    """``summarize`` over the goal's whole history."""
    s = get_settings(db)
    today = today or entries.today(db, s)
    return summarize(evaluate(db, goal, goal.starts, today, today=today, settings=s), last)


# --- baseline and suggestion --------------------------------------------------------------

class Baseline(NamedTuple):
    """The user's recent level for a goal type, from their last logged weeks."""

    value: float | None  # None: not enough logged weeks
    weeks: int  # how many logged weeks it is based on
    start: dt.date | None
    end: dt.date | None
    suggestion: float | None  # a modest next step (never 0 by default)
    text: str


def _nice_step(baseline: float) -> float:
    if baseline >= 50:
        return 5.0
    if baseline >= 10:
        return 1.0
    return 0.5


def suggest(goal_type: str, baseline: float | None) -> float | None:
    """A modest step from the baseline: 10–25 % less (more, for free days/practices); never 0.

    Returns None when there is nothing to suggest (no baseline, or no use to reduce).
    """
    if baseline is None:
        return None
    if goal_type == "free-days":
        return float(min(7, math.floor(baseline + 1e-9) + 1))
    if goal_type == "practice":
        return float(min(100, 5 * math.ceil((baseline + 10) / 5)))
    if baseline <= 0:
        return None
    lo, hi, aim = 0.75 * baseline - 1e-9, 0.9 * baseline + 1e-9, 0.85 * baseline
    coarse = _nice_step(baseline)
    # The most readable number in the 10–25 % band: whole or half units first, finer if needed.
    for q in (coarse, coarse / 2, 0.1, 0.01):
        for nice in (math.floor(aim / q + 0.5) * q, math.floor(hi / q) * q, math.ceil(lo / q) * q):
            if lo <= nice <= hi and nice > 0:
                return round(nice, 2)
    return round(aim, 2)


def baseline(db: Database, trackable_id: int, goal_type: str, practice: str | None = None, *,
             today: dt.date | None = None, settings: Settings | None = None) -> Baseline:
    """Average over the last 2–4 finished weeks that were logged (weeks never logged are skipped).

    Weekly types: the average week. ``daily-max``: the average amount on days with use.
    ``practice``: the share of occasions with the practice.
    """
    s = settings or get_settings(db)
    today = today or entries.today(db, s)
    from harmtrack.core.common.days import week_start

    this_week = week_start(today, s.week_start)
    lo = this_week - dt.timedelta(weeks=BASELINE_LOOKBACK_WEEKS)
    hi = this_week - dt.timedelta(days=1)
    logged = logged_days(db, lo, hi)
    weeks: list[tuple[dt.date, dt.date]] = []
    for i in range(1, BASELINE_LOOKBACK_WEEKS + 1):
        a = this_week - dt.timedelta(weeks=i)
        b = a + dt.timedelta(days=6)
        if sum(1 for k in range(7) if a + dt.timedelta(days=k) in logged) >= BASELINE_MIN_LOGGED_DAYS:
            weeks.append((a, b))
        if len(weeks) == BASELINE_MAX_WEEKS:
            break
    if len(weeks) < BASELINE_MIN_WEEKS:
        return Baseline(None, len(weeks), None, None, None,
                        "Not enough history yet for a baseline (it needs 2 weeks with entries).")
    weeks.sort()
    probe_type = "weekly-max" if goal_type == "daily-max" else goal_type
    probe = GoalInfo(id=0, trackable_id=trackable_id, trackable="", unit="", type=probe_type,
                     practice=practice, taper_style=None, archived=False,
                     versions=(GoalVersionInfo(weeks[0][0], 0.0),))
    results = [r for r in evaluate(db, probe, weeks[0][0], weeks[-1][1], today=today, settings=s)
               if (r.start, r.end) in weeks]
    value: float
    if goal_type == "daily-max":
        totals = stats.daily_totals(db, trackable_id, weeks[0][0], weeks[-1][1])
        amounts = [v for d, v in totals.items() if any(a <= d <= b for a, b in weeks)]
        value = sum(amounts) / len(amounts) if amounts else 0.0
    elif goal_type == "practice":
        occ = sum(r.occasions or 0 for r in results)
        value = 100.0 * sum(r.with_practice or 0 for r in results) / occ if occ else 0.0
    else:
        value = sum(r.actual for r in results) / len(results)
    value = round(value, 2)
    tip = suggest(goal_type, value)
    span = f"the last {len(weeks)} logged weeks ({weeks[0][0]:%d %b} – {weeks[-1][1]:%d %b})"
    what = {"daily-max": "on days with use, about", "weekly-max": "about",
            "money-weekly": "about", "free-days": "about", "practice": "about"}[goal_type]
    from harmtrack.core.quantities.formatting import money, number, plural, unit_for
    from harmtrack.core.tracking.trackables import get_trackable

    unit = unit_for(value, get_trackable(db, trackable_id).unit)
    per = {"daily-max": f" {unit}", "weekly-max": f" {unit} a week", "money-weekly": " spent a week",
           "free-days": f" use-free {plural(value, 'day')} a week", "practice": " % of occasions"}[goal_type]

    def shown(x: float) -> str:
        return money(x, s.currency) if goal_type == "money-weekly" else number(x)

    text = f"In {span}: {what} {shown(value)}{per}."
    if tip is not None:
        text += f" A modest next step: {shown(tip)}."
    return Baseline(value, len(weeks), weeks[0][0], weeks[-1][1], tip, text)


# --- what-if preview (live, while editing) ------------------------------------------------

def preview(db: Database, trackable_id: int, goal_type: str, target: float, practice: str | None = None,
            *, weeks: int = 8, today: dt.date | None = None,
            settings: Settings | None = None) -> tuple[list[PeriodResult], Summary]:
    """How the last ``weeks`` finished weeks would have scored under a goal being edited."""
    s = settings or get_settings(db)
    today = today or entries.today(db, s)
    from harmtrack.core.common.days import week_start

    end = week_start(today, s.week_start) - dt.timedelta(days=1)
    start = end - dt.timedelta(days=7 * weeks - 1)
    probe = GoalInfo(id=0, trackable_id=trackable_id, trackable="", unit="", type=goal_type,
                     practice=practice, taper_style=None, archived=False,
                     versions=(GoalVersionInfo(start, float(target)),))
    results = evaluate(db, probe, start, end, today=today, settings=s)
    return results, summarize(results, last=None)


def weekly_digest(results: Sequence[PeriodResult], first_weekday: int = 0) -> list[tuple[dt.date, int, int]]:
    """Daily results grouped by week: (week start, days met, days judged)."""
    from harmtrack.core.common.days import week_start

    out: dict[dt.date, list[int]] = {}
    for r in results:
        cell = out.setdefault(week_start(r.start, first_weekday), [0, 0])
        if r.status in ("met", "not-met"):
            cell[1] += 1
            cell[0] += int(r.met)
    return [(k, v[0], v[1]) for k, v in sorted(out.items())]
