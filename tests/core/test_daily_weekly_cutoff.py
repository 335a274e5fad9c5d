"""One cut-off between day-by-day and week-by-week charts: the report and review's overview
switch on the same day, because both ask ``charts.ranges.shown_by_day``."""

from __future__ import annotations

import datetime as dt

import pytest

from harmtrack.core.charts import ranges
from harmtrack.core.charts.overview import overview_kind
from harmtrack.core.report.data import ReportOptions, gather
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking.entries import log
from tests.helpers import aware

END = dt.date(2026, 11, 15)


def report_kinds(db: Database, start: dt.date) -> set[str]:
    data = gather(db, ReportOptions(start, END))
    return {chart.info.kind for _tid, chart in data.extra["charts"]}


@pytest.mark.parametrize("cut", [ranges.DAILY_MAX_DAYS, 10])
def test_the_report_and_the_overview_switch_to_weeks_on_the_same_day(
        utc_settings: Database, monkeypatch, cut: int) -> None:
    monkeypatch.setattr(ranges, "DAILY_MAX_DAYS", cut)  # one constant moves both
    log(utc_settings, "alcohol", 2, at=aware(2026, 11, 14, 20))
    longest_daily = END - dt.timedelta(days=cut - 1)
    assert (END - longest_daily).days + 1 == cut
    assert overview_kind(longest_daily, END) == "daily"
    assert report_kinds(utc_settings, longest_daily) == {"daily"}
    one_more = longest_daily - dt.timedelta(days=1)
    assert overview_kind(one_more, END) == "weekly"
    assert report_kinds(utc_settings, one_more) == {"weekly"}


def test_the_cut_off_is_92_days() -> None:
    assert ranges.DAILY_MAX_DAYS == 92  # about three months, as docs/charts.md says
