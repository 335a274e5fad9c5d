"""When the user chose to take each instrument, and when it is next due.

Every N weeks: due N weeks after it was last taken (from the day the schedule was set
when it never was). Before each session: due from the day after the last recorded
session until it is taken again (from the day the schedule was set when no session is
recorded yet); once taken, it waits for the next session to be recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert

from harmtrack.core.care.questionnaires.answers import last_taken
from harmtrack.core.care.questionnaires.instruments import all_instruments, instrument
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import questionnaire_schedules_table, sessions_table

_S = questionnaire_schedules_table.c
MAX_WEEKS = 52


@dataclass(frozen=True)
class Schedule:
    key: str
    every_weeks: int | None  # None: before each session
    before_sessions: bool
    since: dt.date

    @property
    def text(self) -> str:
        if self.before_sessions:
            return "before each session"
        return "every week" if self.every_weeks == 1 else f"every {self.every_weeks} weeks"

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "every_weeks": self.every_weeks,
                "before_sessions": self.before_sessions, "since": self.since.isoformat()}


def check_weeks(value: Any) -> int:
    """A number of weeks between takings: a whole number from 1 to 52."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WEEKS:
        raise InvalidEntry(f"every how many weeks: a whole number from 1 to {MAX_WEEKS}")
    return value


def set_schedule_in(conn: Connection, key: str, since: dt.date, *, every_weeks: int | None = None,
                    before_sessions: bool = False) -> Schedule | None:
    """Set (or, with neither choice, switch off) an instrument's schedule in a transaction."""
    if every_weeks is not None and before_sessions:
        raise InvalidEntry("choose every N weeks or before each session, not both")
    if every_weeks is None and not before_sessions:
        conn.execute(delete(questionnaire_schedules_table).where(_S.key == key))
        return None
    weeks = check_weeks(every_weeks) if every_weeks is not None else None
    values = dict(every_weeks=weeks, before_sessions=before_sessions, since=since)
    conn.execute(insert(questionnaire_schedules_table).values(key=key, **values)
                 .on_conflict_do_update(index_elements=[_S.key], set_=values))
    return Schedule(key, weeks, before_sessions, since)


def set_schedule(db: Database, key: str, *, every_weeks: int | None = None,
                 before_sessions: bool = False) -> Schedule | None:
    """Choose how often to take an instrument; neither choice switches its schedule off."""
    from harmtrack.core.tracking.entries import today

    ins = instrument(key)
    if every_weeks is not None:
        check_weeks(every_weeks)
    with transaction(db) as conn:
        return set_schedule_in(conn, ins.key, today(db), every_weeks=every_weeks,
                               before_sessions=before_sessions)


def schedules(db: Database) -> dict[str, Schedule]:
    """Every schedule set, by instrument key."""
    with db.engine.connect() as conn:
        return {r.key: Schedule(r.key, r.every_weeks, bool(r.before_sessions), r.since)
                for r in conn.execute(select(questionnaire_schedules_table).order_by(_S.key))}


def due_in(conn: Connection, schedule: Schedule | None) -> dt.date | None:
    """The day an instrument is next due under ``schedule`` (None: not scheduled, or waiting
    for the next session)."""
    if schedule is None:
        return None
    taken = last_taken(conn, schedule.key)
    if schedule.every_weeks is not None:
        return schedule.since if taken is None else taken + dt.timedelta(weeks=schedule.every_weeks)
    session = conn.scalar(select(sessions_table.c.date).order_by(sessions_table.c.date.desc()).limit(1))
    start = schedule.since if session is None else max(schedule.since, session + dt.timedelta(days=1))
    return start if taken is None or taken < start else None


def due(db: Database, key: str) -> dt.date | None:
    """The day ``key`` is next due, or None."""
    ins = instrument(key)
    with db.engine.connect() as conn:
        return due_in(conn, schedules(db).get(ins.key))


def due_dates(db: Database) -> dict[str, dt.date | None]:
    """Every instrument's next due day (None where none), by key in the instruments' order."""
    chosen = schedules(db)
    with db.engine.connect() as conn:
        return {ins.key: due_in(conn, chosen.get(ins.key)) for ins in all_instruments()}


def due_now(db: Database, today: dt.date) -> list[str]:
    """Keys of the instruments due on or before ``today`` (for the gentle reminder)."""
    return [key for key, day in due_dates(db).items() if day is not None and day <= today]
