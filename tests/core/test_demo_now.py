"""Example data never holds entries later than the moment it was made."""

from __future__ import annotations

import datetime as dt

from harmtrack.core.exchange import demo
from harmtrack.core.tracking import entries


def test_demo_history_has_no_entries_after_now(utc_settings) -> None:
    demo.fill(utc_settings, days=30)
    rows = entries.list_entries(utc_settings)
    assert rows  # a month of history
    latest = max(r.occurred_at for r in rows)
    assert latest <= dt.datetime.now(dt.UTC)
