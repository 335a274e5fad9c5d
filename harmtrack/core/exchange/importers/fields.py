"""Type and range checks for values read from an import file.

A file is written by someone else (or damaged on the way), so every value is checked for
its type and range before it reaches the database: a list where text belongs, a number
too big for any float, ``"archived": "yes"``, a time past the year 9999 once converted to
UTC. Each check raises :class:`InvalidEntry` with a reason a person can read; the
importer puts it in the preview beside the row's line or item number.

The meaning of a value (an amount's bounds, a goal's target, a real date) stays with the
core's own checks (``tracking.validation.check_*``, ``goals.check_*``); these only make sure such a
check gets a value of the kind it expects.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from harmtrack.core.common.errors import InvalidEntry

#: Instants and days an import may hold (the goals' date range; the UTC conversion of
#: anything in it, at any offset, stays inside what ``datetime`` can hold).
FIRST_YEAR, LAST_YEAR = 1970, 2200
#: Beyond this a whole number cannot be stored exactly as a float (2**53 ≈ 9.007e15).
MAX_EXACT = 2**53
#: How deep the kept extra fields of an entry may nest (real files: 3 or 4).
MAX_DEPTH = 32
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


def kind_of(value: Any) -> str:
    """What a JSON value is, in words ("a list", "text"…)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "an unknown value"


def text(value: Any, what: str, limit: int | None = None) -> str | None:
    """Optional text (None stays None)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidEntry(f"{what} must be text, not {kind_of(value)}")
    if "\x00" in value:
        raise InvalidEntry(f"{what} contains a character that cannot be stored")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidEntry(f"{what} contains a broken character (a lone surrogate)") from None
    if limit is not None and len(value) > limit:
        raise InvalidEntry(f"{what} can be at most {limit} characters")
    return value


def flag(value: Any, what: str) -> bool:
    """true or false (missing: false). Text such as "yes" is refused, not guessed."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidEntry(f"{what} must be true or false, not {kind_of(value)}")
    return value


def whole(value: Any, what: str, low: int, high: int) -> int | None:
    """An optional whole number from ``low`` to ``high``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidEntry(f"{what} must be a whole number, not {kind_of(value)}")
    if not low <= value <= high:
        raise InvalidEntry(f"{what} must be from {low} to {high}")
    return value


def number(value: Any, what: str) -> Any:
    """A JSON number fit for the core's checks: finite and within what a float holds exactly.

    Text passes through (the core parses it); None stays None.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidEntry(f"{what} must be a number, not {kind_of(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidEntry(f"{what} must be a finite number")
    if abs(value) > MAX_EXACT:
        raise InvalidEntry(f"{what} is too large")
    return value


def colour(value: Any, what: str = "colour") -> str | None:
    """An optional #RGB, #RRGGBB or #AARRGGBB colour."""
    out = text(value, what)
    if out is not None and not COLOUR.fullmatch(out):
        raise InvalidEntry(f"{what} must be a colour such as #1F77B4")
    return out


def in_range(value: dt.datetime, what: str) -> dt.datetime:
    """An aware instant whose UTC and local forms exist and lie in the years we accept."""
    try:
        utc = value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise InvalidEntry(f"{what} is out of range") from None
    if not FIRST_YEAR <= utc.year <= LAST_YEAR:
        raise InvalidEntry(f"{what} must be between {FIRST_YEAR} and {LAST_YEAR}")
    return value


def instant(value: Any, what: str, *, offset_needed: bool = True) -> dt.datetime:
    """An ISO 8601 time (with its UTC offset when ``offset_needed``) in range."""
    if not isinstance(value, str):
        raise InvalidEntry(f"{what} must be an ISO 8601 time, not {kind_of(value)}")
    try:
        out = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidEntry(f"{what} {value[:40]!r} is not an ISO 8601 time") from None
    if out.tzinfo is None:
        if offset_needed:
            raise InvalidEntry(f"{what} must include its UTC offset")
        return in_range(out.replace(tzinfo=dt.UTC), what).replace(tzinfo=None)
    return in_range(out, what)


def stamp(value: Any, what: str) -> dt.datetime | None:
    """An optional record time (created_at…) as naive UTC; a time without offset is UTC."""
    if value is None or value == "":
        return None
    out = instant(value, what, offset_needed=False)
    if out.tzinfo is not None:
        out = out.astimezone(dt.UTC).replace(tzinfo=None)
    return out


def day(value: Any, what: str) -> dt.date | None:
    """An optional YYYY-MM-DD day in range (the goals' own date check)."""
    from harmtrack.core.tracking.validation import check_day

    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidEntry(f"{what} must be a date (YYYY-MM-DD), not {kind_of(value)}")
    return check_day(value, what)


def sound_json(value: Any, what: str) -> Any:
    """A JSON value that can be written back as strict JSON: finite numbers, shallow."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidEntry(f"{what} is nested too deeply")
        if isinstance(node, float) and not math.isfinite(node):
            raise InvalidEntry(f"{what} holds a number that is not finite")
        if isinstance(node, int) and abs(node) > 2**63:
            raise InvalidEntry(f"{what} holds a number too large to keep")
        if isinstance(node, str):
            text(node, what)
        elif isinstance(node, dict):
            for k, v in node.items():
                text(k, what)
                stack.append((v, depth + 1))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return value
