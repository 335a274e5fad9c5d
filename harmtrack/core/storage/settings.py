"""User settings, stored as JSON values in the ``settings`` table.

Each entry's local day is stored with it (``entries.day``), filed by the zone and the
day-start hour; a change of either re-files every entry in the same transaction, so the
stored days never disagree with the settings that define them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select, update

from harmtrack.core.common.days import local_day, zone
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import entries_table, settings_table

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True)
class Settings:
    """Every setting with its default. Zero/abstinence is never assumed anywhere."""

    timezone: str | None = None  # IANA name; None follows the system
    day_start_hour: int = 0  # a day runs from this hour to the same hour next day
    week_start: int = 0  # 0 = Monday … 6 = Sunday
    country: str = "US"  # standard-drink definition
    first_run_done: bool = False
    display_name: str = ""  # shown on reports only if the user sets one
    theme: str = "system"  # system | light | dark
    discreet: bool = False  # neutral window title and tray text
    reminder_time: str | None = None  # "HH:MM" or None for no reminder
    lock_minutes: int = 10  # auto-lock after idle minutes (with encryption on)
    backups_keep: int = 7
    last_auto_backup: str | None = None  # ISO date of the last daily backup
    guideline: str | None = None  # overlay key from resources/guidelines.json
    currency: str | None = None  # ISO 4217 code for costs and money goals; None follows the locale
    #: The user's own heavy-use day per trackable, by trackable name (case-folded, as the
    #: import matches trackables by name): a day's total at or above it counts as heavy.
    heavy_day_amounts: dict[str, float] = field(default_factory=dict)
    #: Whose screening cut-offs to use where published ones differ by sex (AUDIT-C's screen,
    #: NIAAA's heavy drinking day): "male", "female", or None to show both (never assumed).
    sex: str | None = None

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.timezone)


_FIELDS = {f.name: f for f in fields(Settings)}


def read_settings(conn: Connection) -> Settings:
    """The settings as stored, read inside the caller's transaction."""
    values: dict[str, Any] = {}
    for key, value in conn.execute(select(settings_table.c.key, settings_table.c.value)):
        if key in _FIELDS:
            values[key] = json.loads(value)
    return Settings(**values)


def get_settings(db: Database) -> Settings:
    """The current settings (defaults for anything never set)."""
    with db.engine.connect() as conn:  # Core: on the start-up path (see schema.py)
        return read_settings(conn)


def validate(changes: dict[str, Any]) -> None:
    """Raise InvalidEntry for an unknown key or a value out of range."""
    for key, value in changes.items():
        if key not in _FIELDS:
            raise InvalidEntry(f"unknown setting {key!r}")
        if key == "day_start_hour" and not (isinstance(value, int) and 0 <= value <= 23):
            raise InvalidEntry("the day-start hour must be a whole hour from 0 to 23")
        if key == "week_start" and not (isinstance(value, int) and 0 <= value <= 6):
            raise InvalidEntry("the first day of the week must be 0 (Monday) to 6 (Sunday)")
        if key == "timezone" and value is not None:
            from zoneinfo import ZoneInfo

            try:
                ZoneInfo(value)
            except Exception:
                raise InvalidEntry(f"unknown time zone {value!r}") from None
        if key == "theme" and value not in ("system", "light", "dark"):
            raise InvalidEntry("the theme must be system, light or dark")
        if key == "reminder_time" and value is not None:
            import re

            if not (isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value)):
                raise InvalidEntry("the reminder time must be HH:MM, from 00:00 to 23:59")
        if key == "display_name" and not (isinstance(value, str) and len(value) <= 80):
            raise InvalidEntry("the display name can be at most 80 characters")
        if key == "currency" and value is not None:
            from harmtrack.core.quantities.formatting import check_currency

            check_currency(value)
        if key == "heavy_day_amounts" and not (
                isinstance(value, dict) and all(
                    isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
                    and 0 < v < 1e9 for k, v in value.items())):
            raise InvalidEntry("a heavy-use day threshold must be a number above 0")
        if key == "sex" and value not in (None, "male", "female"):
            raise InvalidEntry("the screening cut-offs are for men (male), for women (female), "
                               "or both shown (none)")
        if key in ("lock_minutes", "backups_keep") and not (isinstance(value, int) and value >= 1):
            raise InvalidEntry(f"{key.replace('_', ' ')} must be a whole number, 1 or more")


def write_settings(conn: Connection, **changes: Any) -> None:
    """Store settings inside the caller's transaction (validated first)."""
    from sqlalchemy.dialects.sqlite import insert

    validate(changes)
    for key, value in changes.items():
        text = json.dumps(value)
        conn.execute(insert(settings_table).values(key=key, value=text)
                     .on_conflict_do_update(index_elements=[settings_table.c.key], set_={"value": text}))


def refile_days(conn: Connection, settings: Settings) -> int:
    """Recompute every entry's local day after the zone or day-start hour changed."""
    e = entries_table.c
    tz, hour = settings.tz, settings.day_start_hour
    moved = []
    for entry_id, occurred, day in conn.execute(select(e.id, e.occurred_at, e.day)):
        new_day = local_day(occurred.replace(tzinfo=dt.UTC), tz, hour)
        if new_day != day:
            moved.append({"entry": entry_id, "new_day": new_day})
    if moved:  # one statement, executed for every moved entry
        conn.execute(update(entries_table).where(e.id == bindparam("entry"))
                     .values(day=bindparam("new_day")), moved)
    return len(moved)


def update_settings(db: Database, **changes: Any) -> Settings:
    """Change settings in one transaction; moving the day boundary re-files entries."""
    validate(changes)
    with transaction(db) as conn:
        before = read_settings(conn)
        write_settings(conn, **changes)
        after = dataclasses.replace(before, **changes)
        if (before.timezone, before.day_start_hour) != (after.timezone, after.day_start_hour):
            refile_days(conn, after)
    return after
