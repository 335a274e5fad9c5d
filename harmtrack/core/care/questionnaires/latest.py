"""Each instrument's latest score in a range, its band, and how it changed since the last
session: the one source the report, review mode and ``questionnaire latest`` read.

The change compares the latest answer in the range with the latest answer on or before
the last held session before the range's end (an answer taken on the session day counts
as the session's). "Not on track" answers are ``trends.score_series``'s: worse than the
answer before by at least the instrument's reliable-change amount, with its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from harmtrack.core.care.questionnaires.answers import history
from harmtrack.core.care.questionnaires.instruments import Instrument
from harmtrack.core.care.questionnaires.trends import score_series
from harmtrack.core.care.sessions import last_session
from harmtrack.core.common.days import long_date
from harmtrack.core.storage.db import Database


@dataclass(frozen=True)
class LatestScore:
    """One instrument taken in the range: its latest answer and what it is compared with."""

    instrument: Instrument
    date: dt.date
    total: int
    band: str | None
    #: The last held session before the range's end (None when there is none).
    session: dt.date | None
    #: The total of the latest answer on or before ``session`` (None when there is none).
    at_session: int | None
    #: Days in the range whose answer was worse than the one before by the reliable change.
    not_on_track: tuple[dt.date, ...]

    @property
    def change(self) -> int | None:
        """Latest total minus the total at the last session (None without both, or when
        the instrument was not taken after the session)."""
        if self.session is None or self.at_session is None or self.date <= self.session:
            return None
        return self.total - self.at_session

    def total_text(self) -> str:
        """"8 of 27 (mild)"."""
        band = f" ({self.band})" if self.band else ""
        return f"{self.total} of {self.instrument.high}{band}"

    def change_text(self) -> str:
        """How the score moved since the last session, in plain words."""
        if self.session is None:
            return "no session recorded before this"
        since = long_date(self.session)
        if self.date <= self.session:
            return f"not taken since {since}"
        if self.at_session is None:
            return f"first taken since {since}"
        n = self.total - self.at_session
        if n == 0:
            return f"no change since {since} (was {self.at_session})"
        return f"{n:+d} since {since} (was {self.at_session})".replace("-", "\u2212", 1)

    def not_on_track_text(self) -> str | None:
        """The "not on track" note with the source of the amount, or None when none was."""
        ins = self.instrument
        if not self.not_on_track or ins.reliable_change is None:
            return None
        days = ", ".join(long_date(d) for d in self.not_on_track)
        return (f"Not on track on {days}: worse than the answer before by {ins.reliable_change} "
                f"points or more (the reliable change for the {ins.name}; source: "
                f"{ins.reliable_change_source}).")

    def to_json(self) -> dict[str, Any]:
        return {"key": self.instrument.key, "date": self.date.isoformat(), "total": self.total,
                "band": self.band, "session": self.session.isoformat() if self.session else None,
                "at_session": self.at_session, "change": self.change,
                "not_on_track": [d.isoformat() for d in self.not_on_track]}


def latest_scores(db: Database, start: dt.date, end: dt.date) -> list[LatestScore]:
    """Every instrument taken from ``start`` to ``end``, in the instruments' order."""
    series = score_series(db, start, end)
    if not series:
        return []
    session = last_session(db, before=end - dt.timedelta(days=1))
    at_session: dict[str, int] = {}
    if session is not None:
        for t in history(db, end=session.date):  # oldest first: the last one per key stays
            at_session[t.key] = t.total
    out = []
    for s in series:
        key = s.instrument.key
        marked = tuple(d for d, m in zip(s.dates, s.not_on_track, strict=True) if m)
        out.append(LatestScore(s.instrument, s.dates[-1], s.totals[-1], s.bands[-1],
                               session.date if session else None, at_session.get(key), marked))
    return out
