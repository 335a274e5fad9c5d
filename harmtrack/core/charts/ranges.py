"""The one definition of a date range: presets ("last 4 weeks", "since last session"…) to days.

Every screen that offers a range — charts, review mode, the report dialog, the ``report``
and ``chart`` commands — turns a preset into days here, so the same words always mean
the same days (docs/charts.md, "Ranges").

* Ranges are inclusive local days and end today.
* "Since last session" starts **on** the session's day: what was logged later that day
  (after the session) belongs to the next one, and a range is never empty.
* A report made "since the last session" covers at least the last full week
  (``at_least_a_full_week``), so weekly goals have a finished week to judge; the range's
  ``note`` says so when it was widened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from harmtrack.core.common.days import long_date
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database

#: (key, label) of the range presets, in menu order.
PRESETS: tuple[tuple[str, str], ...] = (
    ("4w", "Last 4 weeks"),
    ("3m", "Last 3 months"),
    ("1y", "Last year"),
    ("all", "All time"),
    ("session", "Since last session"),
    ("custom", "Custom dates"),
)

NO_SESSION_NOTE = "No session recorded yet: showing the last 4 weeks."

#: Up to this many days a range is drawn day by day, longer ones week by week: the report's
#: charts and review mode's overview alike. A therapist reads a long range faster by week,
#: a year of days in a small panel is noise, and it keeps a one-year report quick to make.
DAILY_MAX_DAYS = 92


def shown_by_day(start: dt.date, end: dt.date) -> bool:
    """Whether the days from ``start`` to ``end`` are few enough to draw day by day."""
    return (end - start).days + 1 <= DAILY_MAX_DAYS


@dataclass(frozen=True)
class DateRange:
    """Days from ``start`` to ``end`` inclusive, how they were chosen, and a note for the user."""

    start: dt.date
    end: dt.date
    label: str  # "the last 4 weeks", "since the last session on 12 Nov 2026"
    note: str = ""  # explains a fallback or a widening, else ""
    key: str = "custom"  # the preset it came from
    widened_from: dt.date | None = None  # the start before it was widened to a full week

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _last_4_weeks(today: dt.date) -> DateRange:
    return DateRange(today - dt.timedelta(days=27), today, "the last 4 weeks", key="4w")


def preset_range(db: Database, key: str, today: dt.date,
                 custom: tuple[dt.date | None, dt.date | None] | None = None,
                 trackable_id: int | None = None, *, need_session: bool = False) -> DateRange:
    """The days a preset means on ``today``.

    ``custom`` gives the dates of "custom" (either may be None: the end defaults to today,
    the start to 4 weeks before the end). Without a session, "session" falls back to the
    last 4 weeks with a note — or raises ``InvalidEntry`` when ``need_session``.
    """
    if key == "4w":
        return _last_4_weeks(today)
    if key == "3m":
        return DateRange(today - dt.timedelta(days=90), today, "the last 3 months", key=key)
    if key == "1y":
        return DateRange(today - dt.timedelta(days=364), today, "the last year", key=key)
    if key == "all":
        from harmtrack.core.stats import first_day

        first = first_day(db, trackable_id) or first_day(db) or today
        return DateRange(min(first, today), today, "all time", key=key)
    if key == "session":
        from harmtrack.core.care.sessions import last_session

        last = last_session(db, before=today)
        if last is None:
            if need_session:
                raise InvalidEntry("no session is recorded yet; record one or choose dates")
            return replace(_last_4_weeks(today), note=NO_SESSION_NOTE)
        return DateRange(last.date, today, f"since the last session on {long_date(last.date)}",
                         f"Since your session on {last.date:%a} {long_date(last.date)}.",
                         key="session")
    if key != "custom":
        raise InvalidEntry(f"unknown range {key!r}")
    chosen_start, chosen_end = custom or (None, None)
    if chosen_start is None and chosen_end is None:
        return replace(_last_4_weeks(today), key="custom", label="chosen dates")
    end = chosen_end or today
    start = chosen_start or end - dt.timedelta(days=27)
    return DateRange(min(start, end), max(start, end), "chosen dates", key="custom")


def at_least_a_full_week(rng: DateRange, today: dt.date, first_weekday: int = 0) -> DateRange:
    """The range, started earlier if needed so it holds the last finished week.

    A report of one or two days judges no weekly goal and compares against a day or two
    before it; a finished week gives both something to stand on. Says so in ``note``.
    """
    from harmtrack.core.common.days import week_start

    last_full = week_start(today, first_weekday) - dt.timedelta(days=7)
    if rng.start <= last_full:
        return rng
    note = (f"Widened to start on {last_full:%a} {long_date(last_full)} so the last full week "
            f"is included (the session was on {long_date(rng.start)}).")
    return replace(rng, start=last_full, note=note, widened_from=rng.start,
                   label=f"{rng.label}, widened to the last full week")


def since_last_session(db: Database, today: dt.date, first_weekday: int = 0, *,
                       need_session: bool = False) -> DateRange:
    """"Since last session" as review mode and the report use it: from the last session's
    day, started earlier when needed so it holds the last finished week.

    The minimum is the last full week (7 to 13 days) rather than a bare 7 days: a session a
    day or two ago would otherwise leave an overview of two days and no weekly goal judged,
    and the review then shows the very days the next report covers. Without a session it
    is the last 4 weeks (with a note), or ``InvalidEntry`` when ``need_session``.
    """
    rng = preset_range(db, "session", today, need_session=need_session)
    if rng.key != "session":
        return rng
    return at_least_a_full_week(rng, today, first_weekday)
