"""Checking what a person typed for an entry: amounts, craving, mood, cost, tags, text, time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from harmtrack.core.common import clock
from harmtrack.core.common.days import local_day
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.quantities import catalog
from harmtrack.core.quantities.validation import (
    GENERAL_MAXIMUM,
    MONEY_MAXIMUM,
    check_quantity,
    parse_number,
)
from harmtrack.core.storage.settings import Settings

MAX_NOTE = 5000
MAX_TAG = 80


def check_amount(value: Any, *, unit: str | None = None, builtin_key: str | None = None) -> float:
    """An amount: a finite number from 0 up to the unit's bound (the catalog's for a built-in
    trackable, ``validation.GENERAL_MAXIMUM`` otherwise)."""
    bound = catalog.max_per_entry(builtin_key, unit) if unit else None
    return check_quantity(value, "amount", maximum=bound or GENERAL_MAXIMUM, unit=unit or "")


def check_craving(value: Any) -> int | None:
    """Craving: empty, or a whole number from 0 to 10."""
    if value is None or value == "":
        return None
    n = parse_number(value, "craving")
    if n != int(n) or not 0 <= n <= 10:
        raise InvalidEntry("craving must be a whole number from 0 to 10")
    return int(n)


def check_mood(value: Any) -> int | None:
    """Mood: empty, or 1 (very low) to 5 (very good)."""
    if value is None or value == "":
        return None
    n = parse_number(value, "mood")
    if n != int(n) or not 1 <= n <= 5:
        raise InvalidEntry("mood must be a whole number from 1 (very low) to 5 (very good)")
    return int(n)


def check_cost(value: Any) -> float | None:
    """Cost: empty, or a finite amount of money, 0 or more."""
    if value is None or value == "":
        return None
    return round(check_quantity(value, "cost", maximum=MONEY_MAXIMUM), 2)


def check_tags(values: Iterable[str] | None, what: str) -> tuple[str, ...]:
    """Trim, drop empties and duplicates (case-insensitive), limit length."""
    out: dict[str, str] = {}
    for raw in values or ():
        if not isinstance(raw, str):
            raise InvalidEntry(f"each {what} must be text")
        tag = " ".join(raw.split())
        if not tag:
            continue
        if len(tag) > MAX_TAG:
            raise InvalidEntry(f"a {what} can be at most {MAX_TAG} characters")
        out.setdefault(tag.casefold(), tag)
    return tuple(out.values())


def check_text(value: str | None, what: str, limit: int = MAX_NOTE) -> str | None:
    """Optional free text: None when blank, refused past ``limit`` characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidEntry(f"{what} must be text")
    value = value.strip()
    if "\x00" in value:
        raise InvalidEntry(f"{what} contains a character that cannot be stored")
    if len(value) > limit:
        raise InvalidEntry(f"{what} can be at most {limit} characters")
    return value or None


def check_instant(value: dt.datetime | None, settings: Settings) -> dt.datetime:
    """An aware instant (naive values are taken as local time), not far in the future."""
    tz = settings.tz
    if value is None:
        return clock.now(tz)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    if value.year < 1970:
        raise InvalidEntry("the time must be in 1970 or later")
    # An entry may not count for a day that has not come yet. (Later today is allowed:
    # backfilling the evening on the same night is common, and clocks disagree.)
    now = clock.now(tz)
    future = InvalidEntry("the time is in the future; log what already happened")
    if value.year > now.year + 1:
        raise future  # and 9999-12-31 at -12:00 would not even convert to UTC
    if local_day(value, tz, settings.day_start_hour) > local_day(now, tz, settings.day_start_hour):
        raise future
    return value
