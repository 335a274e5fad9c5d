"""Local days and weeks: which day an instant counts for, in the user's zone.

A day runs from the day-start hour to the same hour the next calendar day, so with a
04:00 start a drink at 01:30 counts for the evening before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: How long the machine's zone is trusted before it is looked up again: a laptop that
#: travels changes zone while HarmTrack runs, and ``Settings.tz`` asks often (a look-up
#: costs ≈2 ms, the cached answer ≈1 µs). A changed TZ variable is seen at once.
ZONE_RECHECK_S = 60.0
_zone_seen: tuple[float, str | None, str] | None = None  # (when, TZ then, zone name)


def system_zone_name() -> str:
    """The IANA name of this machine's time zone ("Europe/Berlin"), else "UTC".

    tzlocal reads it the way each system keeps it: the TZ variable, then /etc/timezone,
    /etc/localtime and the like on Linux and macOS, the registry on Windows.
    """
    global _zone_seen
    now, tz_variable = time.monotonic(), os.environ.get("TZ")
    seen = _zone_seen
    if seen is None or seen[1] != tz_variable or now - seen[0] > ZONE_RECHECK_S:
        seen = _zone_seen = (now, tz_variable, _look_up_zone_name(again=seen is not None))
    return seen[2]


def _look_up_zone_name(*, again: bool) -> str:
    import tzlocal  # here: only a user who set no zone of their own needs it

    # tzlocal keeps its first answer; a recheck (``again``) wants a new one (the first look
    # needs no reload: reloading reads the system's setting twice more). A TZ zoneinfo
    # cannot open ("CET-1CEST") is refused here, after the name was read from the system.
    if again:
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError, OSError):
            tzlocal.reload_localzone()
    try:
        name = tzlocal.get_localzone_name()
        if name:
            ZoneInfo(name)  # a name zoneinfo cannot open is no use to the caller
            return name
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
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
