"""The numbers a session report shows, gathered with SQL aggregates (no PDF code here).

Definitions match the rest of the app: a day is *logged* when it has any entry (urges
too) or a "nothing to log today" check-in; a *use-free day* for a trackable is a logged
day without use of it; a day never logged is *not logged* and is never counted as
use-free. Urge-only entries are never use.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import func, select

from harmtrack.core import stats
from harmtrack.core.care.balance import gather_balances
from harmtrack.core.care.plans import plans_with_counts
from harmtrack.core.care.sessions import SessionRecord, sessions_between
from harmtrack.core.care.therapists import TherapistInfo, get_my_therapist
from harmtrack.core.charts.ranges import DateRange, preset_range, shown_by_day, since_last_session
from harmtrack.core.common.days import long_date
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.goals.describe import describe_goal
from harmtrack.core.quantities import formatting
from harmtrack.core.report.measures import EntryCounts, clinical_extra, entry_counts
from harmtrack.core.report.scores import scores_extra
from harmtrack.core.report.series import ReportSeries, for_range
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import day_tag_counts_table, entries_table
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking.checkins import logged_days
from harmtrack.core.tracking.entries import EntryRecord, list_entries, today
from harmtrack.core.tracking.trackables import TrackableInfo, list_trackables

log = logging.getLogger(__name__)

RangeMode = Literal["default", "since-last-session", "last-4-weeks", "custom"]

#: A report's range is a DateRange from the one place that defines ranges.
ReportRange = DateRange


def resolve_range(db: Database, mode: RangeMode = "default", start: dt.date | None = None,
                  end: dt.date | None = None, *, now: dt.date | None = None) -> ReportRange:
    """Work out the report's days: since the last session (default when there is one),
    the last 4 weeks, or the dates given (``ranges.preset_range``).

    A range since the last session covers at least the last full week
    (``ranges.at_least_a_full_week``; its ``note`` says so when widened).
    """
    current = now or today(db)
    if mode == "custom":
        if start is None and end is None:
            raise InvalidEntry("give a first day, a last day or both")
        if start is not None and end is not None and start > end:
            raise InvalidEntry("the first day of the report is after its last day")
        if start is not None and end is None and start > current:
            raise InvalidEntry("the first day of the report is after its last day")
        return preset_range(db, "custom", current, (start, end))
    if mode not in ("default", "since-last-session", "last-4-weeks"):
        raise InvalidEntry(f"unknown report range {mode!r}")
    if mode == "last-4-weeks":
        return preset_range(db, "4w", current)
    return since_last_session(db, current, get_settings(db).week_start,
                              need_session=mode == "since-last-session")


@dataclass(frozen=True)
class ReportOptions:
    """What the client chose to put in the report and to leave out."""

    start: dt.date
    end: dt.date
    #: Trackables to include (ids); empty means every trackable with data in the range.
    trackables: tuple[int, ...] = ()
    #: Trackables the client asked to leave out; never named anywhere in the file.
    omit_trackables: tuple[int, ...] = ()
    omit_notes: bool = False
    omit_triggers: bool = False
    omit_cost: bool = False
    all_entries: bool = False
    #: Add the client's latest decisional balance and ideal-use plan per trackable.
    balance_and_ideal_use: bool = False
    omit_questionnaires: bool = False  # their scores and chart; the FHIR export's answers
    range_label: str | None = None
    #: Said on the cover under the dates, e.g. why the range was widened to a full week.
    range_note: str | None = None

    def left_out(self) -> list[str]:
        """Plain words for what was left out at the client's request."""
        parts = []
        if self.omit_notes:
            parts.append("notes")
        if self.omit_triggers:
            parts.append("triggers")
        if self.omit_cost:
            parts.append("money spent")
        if self.omit_questionnaires:
            parts.append("questionnaire scores")
        n = len(self.omit_trackables)
        if n:
            parts.append(f"{n} tracked {'thing' if n == 1 else 'things'} (not named here)")
        return parts


@dataclass(frozen=True)
class PeriodResult:
    """One day or week of a goal, judged by the target in force then."""

    start: dt.date
    end: dt.date
    target: float
    actual: float | None  # None when the period was not logged at all
    met: bool | None  # None when the period is not judged (not logged, still going, no use)
    status: str = ""  # as the goals feature says: met, not-met, not-logged, in-progress, no-use


@dataclass(frozen=True)
class GoalAdherence:
    """How a goal went over the report's range."""

    goal_id: int
    description: str
    period: str  # "day" or "week"
    unit: str  # what the target counts
    periods: tuple[PeriodResult, ...]
    met: int
    judged: int
    current_run: int
    best_run: int


@dataclass(frozen=True)
class TrackableSummary:
    """One trackable's numbers over the range and the period before it."""

    info: TrackableInfo
    days: int
    total: float
    per_day: float  # the total over the logged days (``stats.per_logged_day``)
    use_days: int
    use_free_days: int
    not_logged_days: int
    use_entries: int
    urge_only: int
    urges_acted: int  # entries with use and a craving above 0
    urge_craving_avg: float | None
    use_craving_avg: float | None
    cost: float | None  # None when cost was left out
    previous_total: float | None  # None when the previous period has nothing logged
    goals: tuple[GoalAdherence, ...] = ()
    logged_days: int = 0  # days of the range with anything logged (what per_day divides by)

    @property
    def change_pct(self) -> float | None:
        """Change of the total against the previous period of the same length, in %."""
        if self.previous_total is None or self.previous_total == 0:
            return None
        return (self.total - self.previous_total) / self.previous_total * 100.0


@dataclass(frozen=True)
class TagCount:
    """How often a trigger or practice was noted."""

    name: str
    with_use: int
    urge_only: int


@dataclass
class ReportData:
    """Everything the PDF shows, already filtered by the client's choices."""

    options: ReportOptions
    generated: dt.date
    display_name: str
    therapist: TherapistInfo | None
    week_start: int
    summaries: list[TrackableSummary]
    logged_days: set[dt.date]
    not_logged_days: int
    triggers: list[TagCount]
    practices: list[TagCount]
    discuss: list[EntryRecord]
    entries: list[EntryRecord] | None
    extra: dict[str, Any] = field(default_factory=dict)
    #: If-then plans with how often their trigger came up (empty when triggers are left out).
    plans: list[Any] = field(default_factory=list)
    currency: str = ""  # ISO 4217 code money is shown in ("" = the locale's)
    #: Sessions held in the range, with their agenda and notes (none when notes are left out).
    sessions: list[SessionRecord] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.options.end - self.options.start).days + 1


def chosen_trackables(db: Database, options: ReportOptions) -> list[TrackableInfo]:
    """The trackables a report with ``options`` covers (the ones left out never appear)."""
    every = list_trackables(db, include_archived=True)
    by_id = {t.id: t for t in every}
    for tid in (*options.trackables, *options.omit_trackables):
        if tid not in by_id:
            raise InvalidEntry(f"no trackable with id {tid}")
    if options.trackables:
        chosen = [by_id[i] for i in dict.fromkeys(options.trackables)]
    else:
        e = entries_table.c
        q = (select(e.trackable_id).distinct()
             .where(e.day >= options.start, e.day <= options.end))
        with db.engine.connect() as conn:
            with_data = set(conn.scalars(q))
        chosen = [t for t in every if t.id in with_data or (not t.archived and not with_data)]
    omitted = set(options.omit_trackables)
    return [t for t in chosen if t.id not in omitted]


def _tag_counts(db: Database, kind: str, ids: Sequence[int], start: dt.date,
                end: dt.date) -> list[TagCount]:
    counts = day_tag_counts_table.c  # a few rows per day, kept by the database
    q = (select(counts.name, func.sum(counts.uses), func.sum(counts.urges))
         .where(counts.kind == kind, counts.day >= start, counts.day <= end,
                counts.trackable_id.in_(list(ids)))
         .group_by(counts.name)
         .order_by(func.sum(counts.uses + counts.urges).desc(), counts.name))
    with db.engine.connect() as conn:
        return [TagCount(r[0], int(r[1] or 0), int(r[2] or 0)) for r in conn.execute(q)]


def _summary(db: Database, t: TrackableInfo, options: ReportOptions, logged: set[dt.date],
             logged_before: set[dt.date],
             counts: EntryCounts,
             current: dt.date | None, series: ReportSeries,
             logged_cache: dict[tuple[dt.date, dt.date], set[dt.date]]) -> TrackableSummary:
    start, end = options.start, options.end
    days = (end - start).days + 1
    totals = series.daily_totals(t.id, start, end)
    total = sum(totals.values())
    use = set(totals)  # days with any use entry, even of amount 0
    in_range = set(stats.date_range(start, end))
    logged_here = logged & in_range
    prev_start, prev_end = start - dt.timedelta(days=days), start - dt.timedelta(days=1)
    previous = sum(series.daily_totals(t.id, prev_start, prev_end).values()) if logged_before else None
    n_use, n_urge, urge_crav, use_crav, cost, acted = counts.get(t.id, (0, 0, None, None, 0.0, 0))
    return TrackableSummary(
        info=t, days=days, total=total, per_day=stats.per_logged_day(total, len(logged_here)),
        logged_days=len(logged_here), use_days=len(use), use_free_days=len(logged_here - use),
        not_logged_days=stats.not_logged_count(logged_here, start, end, current),
        use_entries=n_use, urge_only=n_urge, urges_acted=acted,
        urge_craving_avg=float(urge_crav) if urge_crav is not None else None,
        use_craving_avg=float(use_crav) if use_crav is not None else None,
        cost=None if options.omit_cost else cost, previous_total=previous,
        goals=tuple(goal_adherence(db, t, start, end, omit_cost=options.omit_cost,
                                   logged_cache=logged_cache)),
    )


def goal_adherence(db: Database, t: TrackableInfo, start: dt.date, end: dt.date, *,
                   omit_cost: bool = False,
                   logged_cache: dict[tuple[dt.date, dt.date], set[dt.date]] | None = None,
                   ) -> list[GoalAdherence]:
    """Per goal of the trackable: each period in the range judged by the target then in force
    (``logged_cache``: ``progress.evaluate``'s, the logged days the report has read).

    Uses the goals module when it is present (it owns the definitions); without it the
    report simply has no goal section.
    """
    try:  # by name: the goals feature may not be installed alongside this module
        goals = importlib.import_module("harmtrack.core.goals.store")
        progress = importlib.import_module("harmtrack.core.goals.progress")
    except ImportError:  # the goals feature is not there yet
        return []
    out = []
    for goal in goals.list_goals(db, trackable_id=t.id, include_archived=True):
        if omit_cost and goal.type == "money-weekly":
            continue  # a money goal would show what the client chose to leave out
        archived_on = getattr(goal, "archived_on", None)
        stop = min(end, archived_on) if archived_on else end  # not judged once archived
        if goal.archived and archived_on is None or stop < start:
            continue
        results = progress.evaluate(db, goal, start, stop, logged_cache=logged_cache)
        if not results:
            continue
        summary = progress.summarize(results, last=0)
        periods = []
        for r in results:
            # A week still going is "so far", even while it is within the limit.
            status = "in-progress" if not r.complete and r.status == "met" else r.status
            periods.append(PeriodResult(
                r.start, r.end, r.target, None if status == "not-logged" else r.actual,
                r.met if status in ("met", "not-met") else None, status))
        words = describe_goal(goal, stop, currency=get_settings(db).currency)
        if archived_on:
            words += f" (put aside on {long_date(archived_on)})"
        out.append(GoalAdherence(goal.id, words, goal.period, goal.target_unit(),
                                 tuple(periods), summary.met, summary.counted, summary.current_run,
                                 summary.best_run))
    return out


def gather(db: Database, options: ReportOptions, *,
           charts_ready: Callable[[list[tuple[int, Any]]], None] | None = None) -> ReportData:
    """Collect every number and row the report needs, honouring the client's omissions.

    ``charts_ready`` gets each trackable's charts' data as soon as it is read, before the
    rest (the command line's chart child starts drawing them meanwhile)."""
    if options.start > options.end:
        raise InvalidEntry("the first day of the report is after its last day")
    settings = get_settings(db)
    chosen = chosen_trackables(db, options)
    ids = [t.id for t in chosen]
    days = (options.end - options.start).days + 1
    series = for_range(db, options.start, options.end)  # each trackable's days, read once
    # The chart child waits for the charts' data, so it is read first; only a short range's
    # urges chart needs the entry counts before it (a long range's charts are weekly).
    by_day = shown_by_day(options.start, options.end)
    counts, sums = entry_counts(db, ids, options.start, options.end) if by_day else ({}, (0, 0, 0, 0))
    charts = chart_data_for(db, options, chosen, counts, series)
    if charts_ready is not None:
        charts_ready(charts)
    if not by_day:
        counts, sums = entry_counts(db, ids, options.start, options.end)
    # The range and the period of its length before, read once: the summaries, measures
    # and goals all look at these days.
    around = logged_days(db, options.start - dt.timedelta(days=days), options.end)
    logged = {d for d in around if d >= options.start}
    logged_before = around - logged
    logged_cache = {(options.start - dt.timedelta(days=days), options.end): around}
    current = today(db, settings)
    summaries = [_summary(db, t, options, logged, logged_before, counts, current, series,
                          logged_cache) for t in chosen]
    triggers = [] if options.omit_triggers or not ids else _tag_counts(
        db, "trigger", ids, options.start, options.end)
    practices = _tag_counts(db, "practice", ids, options.start, options.end) if ids else []
    discuss = list_entries(db, options.start, options.end, ids, discuss_only=True) if ids else []
    # A plan names its trigger, so plans go when the client leaves triggers out.
    plans = [] if options.omit_triggers or not ids else plans_with_counts(
        db, options.start, options.end, trackable_ids=ids)
    entries = None
    if options.all_entries:
        entries = list_entries(db, options.start, options.end, ids) if ids else []
    return ReportData(
        options=options, generated=current, display_name=settings.display_name.strip(),
        therapist=get_my_therapist(db), week_start=settings.week_start, summaries=summaries,
        currency=formatting.currency_code(settings.currency),
        logged_days=logged,
        not_logged_days=stats.not_logged_count(logged, options.start, options.end, current),
        triggers=triggers,
        practices=practices, discuss=discuss, entries=entries,
        extra={"charts": charts, **clinical_extra(db, chosen, options.start, options.end, logged,
                                                  current, settings.week_start, series, sums,
                                                  around),
               "balances": gather_balances(db, chosen, options.end)
               if options.balance_and_ideal_use else [], **scores_extra(db, options, ids)},
        plans=plans,
        sessions=[] if options.omit_notes else sessions_between(db, options.start, options.end),
    )


def chart_data_for(db: Database, options: ReportOptions, chosen: Sequence[TrackableInfo],
                   counts: EntryCounts,
                   series: ReportSeries) -> list[tuple[int, Any]]:
    """(trackable id, chart data) for each report chart, from the Charts feature's own data
    code when it is installed. Only included trackables are asked for; an urges chart only
    when there were urges. Nothing else (triggers, money) is drawn, so no omission can leak
    through a chart."""
    # A session's worth of days gets day-by-day amounts and the urges chart; a long range
    # gets the weekly chart (its urges are in the numbers), which keeps a year quick to make.
    kinds = ("daily", "urges") if shown_by_day(options.start, options.end) else ("weekly",)
    try:  # by name: the charts feature may not be installed alongside this module
        importlib.import_module("harmtrack.core.charts.data")
    except ImportError:
        return []
    out: list[tuple[int, Any]] = []
    for t in chosen:
        _, urge_only, _, _, _, acted = counts.get(t.id, (0, 0, None, None, 0.0, 0))
        for kind in kinds:
            if kind == "urges" and not (urge_only or acted):
                continue
            try:
                out.append((t.id, series.chart_data(kind, t.id, options.start, options.end)))
            except Exception as exc:  # a chart must never sink the report; the numbers are there
                log.warning("chart data for the report failed: %s", type(exc).__name__)
    return out

