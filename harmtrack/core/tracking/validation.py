"""The one place what a person typed, or a file brought in, is checked: numbers, amounts,
dates, instants, ratings, tags and text.

Entries (amounts, costs), goal targets, taper baselines and imported values all go through
``parse_number`` and ``check_quantity``, so "1,000" or "inf" means the same thing, or is
refused with the same message, wherever it is typed; dates through ``check_day``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

from harmtrack.core.common import clock
from harmtrack.core.common.days import local_day
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.quantities import catalog, formatting
from harmtrack.core.storage.settings import Settings

#: Characters that separate groups of three digits: the comma and point of the two common
#: conventions, and the apostrophe and (narrow) no-break space some locales use (de-CH, fr).
_GROUP = ",.' \u00a0\u202f"
_PLAIN = re.compile(r"(\d*)(?:([.,])(\d*))?")
_GROUPED = re.compile(r"([1-9]\d{0,2})((?:([,.' \u00a0\u202f])\d{3})(?:\3\d{3})*)(?:([.,])(\d+))?")
_EXPONENT = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+")
_WORDS = {"inf", "infinity", "nan"}

#: Largest amount of a user-defined unit in one entry, and of money: generous (room for
#: currencies with large numbers, e.g. 1 000 000 IDR is about 60 USD) while still
#: printable in the report's columns.
GENERAL_MAXIMUM = 1_000_000.0
MONEY_MAXIMUM = 1_000_000_000.0


def parse_number(value: Any, what: str) -> float:
    """A finite number from a number or from text, or InvalidEntry saying why not.

    Rules for text (they do not depend on the locale, so a number means the same thing
    on every machine, e.g. a CSV made by a German spreadsheet opened on an English system):

    - spaces around it are ignored; a leading ``+`` or ``-`` is kept (ranges are checked
      by the caller, so "-1" gets "must be 0 or more");
    - one decimal mark, a point or a comma: ``2.5``, ``2,5``, ``0,125``, ``12.50``, ``.5``;
    - groups of three digits, all separated by the same mark (comma, point, apostrophe or
      a space), optionally followed by the *other* decimal mark: ``1,234,567``,
      ``1.234.567,5``, ``1 000``, ``1'234.5``;
    - refused as ambiguous: a single comma or point after 1 to 3 digits (not starting
      with 0) followed by exactly three digits, e.g. ``1,000`` or ``1.250``: it is 1000
      in one convention and 1 in the other, and storing the wrong one is off by 1000;
      the message says how to write either meaning;
    - scientific notation with a decimal point (``1e3``, ``2.5E-1``) is accepted;
    - refused: underscores (``1_000``: Python accepts them, people do not mean them),
      ``inf``, ``nan``, anything else that is not one of the forms above, and numbers too
      large for a float (``1e400``).
    """
    if isinstance(value, bool):
        raise InvalidEntry(f"{what} must be a number")
    if isinstance(value, str):
        number = _parse_text(value, what)
        if math.isinf(number):  # more digits than a float holds
            raise InvalidEntry(f"{what} {value.strip()[:20]} is too large")
    else:
        try:
            number = float(value)
        except OverflowError:
            raise InvalidEntry(f"{what} is too large") from None
        except (TypeError, ValueError):
            raise InvalidEntry(f"{what} must be a number") from None
    if not math.isfinite(number):
        raise InvalidEntry(f"{what} must be a finite number")
    return number


def _parse_text(value: str, what: str) -> float:
    text = value.strip()
    if not text:
        raise InvalidEntry(f"{what} must be a number")
    sign, body = "", text
    if body[0] in "+-\u2212":  # U+2212 is the minus sign of typeset text
        sign, body = ("" if body[0] == "+" else "-"), body[1:]
    if body.casefold() in _WORDS:
        raise InvalidEntry(f"{what} must be a finite number")
    if "_" in body:
        raise InvalidEntry(f"{what}: write {value.strip()!r} without '_' (e.g. 1000)")
    if _EXPONENT.fullmatch(body):
        number = float(body)
        return -number if sign else number
    plain = _PLAIN.fullmatch(body)
    if plain and any(ch.isdigit() for ch in body):
        whole, mark, fraction = plain.group(1), plain.group(2), plain.group(3) or ""
        if mark and len(fraction) == 3 and re.fullmatch(r"[1-9]\d{0,2}", whole):
            raise InvalidEntry(_ambiguous(what, value.strip(), sign, whole, mark, fraction))
        return float(f"{sign}{whole or '0'}.{fraction or '0'}")
    grouped = _GROUPED.fullmatch(body)
    if grouped and grouped.group(4) != grouped.group(3):
        digits = grouped.group(1) + "".join(ch for ch in grouped.group(2) if ch not in _GROUP)
        return float(f"{sign}{digits}.{grouped.group(5) or '0'}")
    raise InvalidEntry(f"{what} must be a number, not {value.strip()!r}")


def _ambiguous(what: str, text: str, sign: str, whole: str, mark: str, fraction: str) -> str:
    grouped = f"{sign}{whole}{fraction}"
    decimal = fraction.rstrip("0")
    meant = f"{sign}{whole}{mark}{decimal}" if decimal else f"{sign}{whole}"
    # The decimal meaning with all three digits needs a fourth to be unambiguous.
    write = meant if len(decimal) < 3 else f"{meant}0"
    return (f"{what} {text!r} could mean {grouped} or {meant}: "
            f"write {grouped} or {write} so it cannot be misread")


def check_quantity(value: Any, what: str, *, maximum: float = GENERAL_MAXIMUM, unit: str = "",
                   per: str = "for one entry") -> float:
    """A finite number from 0 to ``maximum``; beyond it the message names the unit and the bound.

    E.g. "1000000000 standard drinks is more than HarmTrack accepts for one entry (at most 100)".
    """
    number = parse_number(value, what)
    if number < 0:
        raise InvalidEntry(f"{what} must be 0 or more")
    if number > maximum:
        # Messages are English: plain digits (no "1,000" to misread), the same in every locale.
        def plain(x: float) -> str:
            return formatting.number(x, locale=formatting.FALLBACK_LOCALE, grouping=False)

        shown = f"{plain(number)} {unit}" if unit else f"{what} {plain(number)}"
        raise InvalidEntry(f"{shown} is more than HarmTrack accepts {per} (at most {plain(maximum)})")
    return number


def check_day(value: dt.date | str | None, what: str = "date") -> dt.date | None:
    """A date (or YYYY-MM-DD text) from 1970 on, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidEntry(f"{what}: {value!r} is not a real date (use YYYY-MM-DD)") from None
    if isinstance(value, dt.datetime):
        value = value.date()
    if value.year < 1970 or value.year > 2200:
        raise InvalidEntry(f"{what} must be between 1970 and 2200")
    return value


# --- an entry's fields ---------------------------------------------------------------

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
