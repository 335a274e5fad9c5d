"""The app's one source of "now": tests set the time here instead of sleeping."""

from __future__ import annotations

import datetime as dt


def now(tz: dt.tzinfo) -> dt.datetime:
    """The current instant, as an aware datetime in ``tz``."""
    return dt.datetime.now(tz)
