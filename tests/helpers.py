"""Small helpers shared by tests (kept out of conftest.py so they import unambiguously)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def aware(y: int, m: int, d: int, hh: int = 12, mm: int = 0, tz: str = "UTC") -> dt.datetime:
    """An aware datetime in the given zone."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=ZoneInfo(tz))
