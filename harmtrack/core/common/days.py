"""Local days and weeks: which day an instant counts for, in the user's zone.

A day runs from the day-start hour to the same hour the next calendar day, so with a
04:00 start a drink at 01:30 counts for the evening before.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def system_zone_name() -> str:
    """The IANA name of this machine's time zone (TZ, then /etc/localtime), else UTC."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        try:
            ZoneInfo(tz)
            return tz
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        target = Path("/etc/localtime").resolve()
        parts = target.parts
        if "zoneinfo" in parts:
            name = "/".join(parts[parts.index("zoneinfo") + 1 :])
            ZoneInfo(name)
            return name
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    try:
        name = Path("/etc/timezone").read_text().strip()
        ZoneInfo(name)
        return name
    except (OSError, ZoneInfoNotFoundError, ValueError):
        return "UTC"


def zone(name: str | None) -> ZoneInfo:
    """A ZoneInfo for a name, the system zone when None or unknown."""
    try:
        return ZoneInfo(name or system_zone_name())
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def to_utc_naive(instant: dt.datetime) -> dt.datetime:
    """An aware datetime as the naive UTC value we store."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    return instant.astimezone(dt.UTC).replace(tzinfo=None)


def local_day(instant: dt.datetime, tz: ZoneInfo, day_start_hour: int = 0) -> dt.date:
    """The local day an aware instant counts for."""
    local = instant.astimezone(tz)
    return (local - dt.timedelta(hours=day_start_hour)).date()


def day_bounds(day: dt.date, tz: ZoneInfo, day_start_hour: int = 0) -> tuple[dt.datetime, dt.datetime]:
    """The aware [start, end) instants of a local day (23 or 25 hours across DST)."""
    start = dt.datetime.combine(day, dt.time(day_start_hour), tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(day_start_hour), tzinfo=tz)
    return start, end


def week_start(day: dt.date, first_weekday: int = 0) -> dt.date:
    """The first day of the week containing ``day`` (0 = Monday … 6 = Sunday)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def parse_when(text: str, tz: ZoneInfo, now: dt.datetime | None = None,
               day_start_hour: int = 0) -> dt.datetime:
    """Parse ISO 8601 (with or without offset; without = local) or HH:MM[:SS] today.

    "Today" is the user's current local day: with a day-start hour of 04:00, at 01:00
    "23:30" is last night (the day still running), "02:00" is an hour from now.
    Raises ValueError with a readable message.
    """
    text = text.strip()
    now = now or dt.datetime.now(tz)
    if ":" in text and len(text) <= 8 and "-" not in text and "T" not in text:
        try:
            t = dt.time.fromisoformat(text.zfill(8 if text.count(":") == 2 else 5))
        except ValueError:
            raise ValueError(f"{text!r} is not a time (use HH:MM)") from None
        today = local_day(now, tz, day_start_hour)
        on = today if t.hour >= day_start_hour else today + dt.timedelta(days=1)
        return dt.datetime.combine(on, t, tzinfo=tz)
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time (use YYYY-MM-DDTHH:MM or HH:MM)") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value


def parse_day(text: str) -> dt.date:
    """Parse YYYY-MM-DD, raising ValueError with a readable message."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a real date (use YYYY-MM-DD)") from None


def long_date(day: dt.date) -> str:
    """"26 Nov 2026" — unambiguous in every country."""
    return f"{day.day} {day:%b %Y}"
