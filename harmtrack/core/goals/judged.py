"""Judged periods kept between reads: a screen judges again only the periods a change touched.

A finished period's result depends on the goal (its versions included), the week-start
setting and the entries and check-ins of its days, so it is kept until a ``Changes``
touches one of those. The period containing today is always judged afresh.
"""

from __future__ import annotations

import datetime as dt
import threading

from harmtrack.core.common.changes import Changes
from harmtrack.core.goals import progress
from harmtrack.core.goals.periods import periods
from harmtrack.core.goals.store import GoalInfo
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import Settings, get_settings
from harmtrack.core.tracking import entries

Span = tuple[dt.date, dt.date]


class JudgedPeriods:
    """Finished periods of each goal, judged once and kept until a change touches them.

    Safe to read on a worker thread while the UI thread forgets: a judging that started
    before a change does not store what it found.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._periods: dict[GoalInfo, dict[Span, progress.PeriodResult]] = {}
        self._generation = 0

    def forget(self, changes: Changes) -> None:
        """Drop what ``changes`` may have changed."""
        with self._lock:
            self._generation += 1
            if changes.all or changes.goals or changes.settings or changes.catalog:
                self._periods.clear()
                return
            # A cheap bound first: a daily goal keeps thousands of days, a change a few.
            lo, hi = (min(changes.days), max(changes.days)) if changes.days else (None, None)
            for goal, judged in self._periods.items():
                if changes.trackables and not changes.days and goal.trackable_id in changes.trackables:
                    judged.clear()
                    continue
                # Any entry or check-in on a day makes it logged for every goal, so a changed
                # day re-judges its period whichever trackable it was for.
                if lo is None or hi is None:
                    continue
                for span in [s for s in judged if s[0] <= hi and lo <= s[1] and changes.touches_days(*s)]:
                    del judged[span]

    def evaluate(self, db: Database, goal: GoalInfo, start: dt.date, end: dt.date, *,
                 today: dt.date, settings: Settings) -> list[progress.PeriodResult]:
        """``progress.evaluate``, judging only the periods not kept from an earlier call."""
        with self._lock:
            generation = self._generation
            known = dict(self._periods.get(goal, {}))
        spans = [(a, b) for a, b in periods(goal.type, start, min(end, today), settings.week_start)
                 if goal.target_for_period(a, b) is not None]
        found: dict[Span, progress.PeriodResult] = {}
        run: list[Span] = []
        for span in [*spans, None]:  # None closes the last run of periods to judge
            if span is not None and span not in known:
                run.append(span)
                continue
            if run:  # one call per run of consecutive periods: the sums are read once each
                for r in progress.evaluate(db, goal, run[0][0], run[-1][1], today=today,
                                           settings=settings):
                    found[(r.start, r.end)] = r
                run = []
        with self._lock:
            if generation == self._generation:
                kept = self._periods.setdefault(goal, {})
                kept.update((s, r) for s, r in found.items() if r.complete)
        return [known[s] if s in known else found[s] for s in spans if s in known or s in found]


def summarize_goal(db: Database, goal: GoalInfo, judged: JudgedPeriods, *,
                   today: dt.date | None = None) -> progress.Summary:
    """``progress.summarize_goal``, with the finished periods kept in ``judged``."""
    s = get_settings(db)
    today = today or entries.today(db, s)
    return progress.summarize(judged.evaluate(db, goal, goal.starts, today, today=today, settings=s))


def summarize_goals(db: Database, goals: list[GoalInfo], judged: JudgedPeriods, *,
                    today: dt.date) -> dict[int, str]:
    """Goal id -> its summary text, for a list of goals (what the Goals screen shows)."""
    return {g.id: summarize_goal(db, g, judged, today=today).text for g in goals}
