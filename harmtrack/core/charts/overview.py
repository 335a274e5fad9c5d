"""Review mode's overview: one small chart per trackable, all over the same range.

Small multiples of the same kind and days let a client and therapist see the whole
picture at once before going into one trackable's detailed charts. The data is the
Charts feature's own (``chart_data``), so each small panel says what its detailed chart
says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from harmtrack.core.charts.data import ChartData, chart_data
from harmtrack.core.charts.ranges import shown_by_day
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking.trackables import list_trackables


@dataclass(frozen=True)
class OverviewPanel:
    """One trackable's small chart."""

    trackable_id: int
    name: str
    data: ChartData


def overview_kind(start: dt.date, end: dt.date) -> str:
    """The chart kind the overview uses for a range: "daily", or "weekly" when it is long
    (``ranges.shown_by_day``, the report's rule too)."""
    return "daily" if shown_by_day(start, end) else "weekly"


def overview(db: Database, start: dt.date, end: dt.date) -> list[OverviewPanel]:
    """A small chart of every active trackable, in display order (safe off the UI thread)."""
    kind = overview_kind(start, end)
    out = []
    for t in list_trackables(db):
        data = chart_data(db, kind, t.id, start, end)
        out.append(OverviewPanel(t.id, t.name, replace(data, info=replace(data.info, compact=True))))
    return out
