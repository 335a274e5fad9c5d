"""Each trackable's days, read once per report and shared by every section that shows them.

The summary, the standard measures (range and period before), the calendar and the charts
all show the same daily totals and weekly series; at a million entries reading them once
per section cost more than the rest of gathering. ``ReportSeries`` reads each trackable's
daily totals over the whole span the report looks at (the range and the period before it)
in one query and keeps each chart's data, so a figure comes from one read wherever it is
shown. The numbers are those of ``stats.daily_totals`` and ``charts.data.chart_data``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from harmtrack.core import stats
from harmtrack.core.storage.db import Database


class ReportSeries:
    """Daily totals and chart data of one report, each read at most once."""

    def __init__(self, db: Database, first: dt.date, last: dt.date) -> None:
        self.db, self.first, self.last = db, first, last
        self.totals_read: dict[int, dict[dt.date, float]] = {}
        self.charts_read: dict[tuple[str, int, dt.date, dt.date], Any] = {}

    def daily_totals(self, trackable_id: int, start: dt.date, end: dt.date) -> dict[dt.date, float]:
        """``stats.daily_totals`` over [start, end]; from the one read when inside the span."""
        if start < self.first or end > self.last:
            return stats.daily_totals(self.db, trackable_id, start, end)
        whole = self.totals_read.get(trackable_id)
        if whole is None:
            whole = self.totals_read[trackable_id] = stats.daily_totals(
                self.db, trackable_id, self.first, self.last)
        if start == self.first and end == self.last:
            return dict(whole)
        return {d: v for d, v in whole.items() if start <= d <= end}

    def chart_data(self, kind: str, trackable_id: int, start: dt.date, end: dt.date) -> Any:
        """``charts.data.chart_data`` (numpy, imported on use), once per chart."""
        key = (kind, trackable_id, start, end)
        if key not in self.charts_read:
            chartdata = importlib.import_module("harmtrack.core.charts.data")
            self.charts_read[key] = chartdata.chart_data(self.db, kind, trackable_id, start, end)
        return self.charts_read[key]


def for_range(db: Database, start: dt.date, end: dt.date) -> ReportSeries:
    """The series of a report of [start, end]: the range and the period of its length before."""
    days = (end - start).days + 1
    return ReportSeries(db, start - dt.timedelta(days=days), end)
