"""Therapy sessions the user records; the latest one is "last session"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from harmtrack.core.common import clock
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import my_therapist_table, sessions_table
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking.validation import check_text

_S = sessions_table.c
_COLUMNS = (_S.id, _S.date, _S.therapist, _S.note)
#: Newest first; on one day, the one recorded last first.
_NEWEST = (_S.date.desc(), _S.id.desc())


@dataclass(frozen=True)
class SessionRecord:
    """A therapy session as the app shows it."""

    id: int
    date: dt.date
    therapist: str | None
    note: str | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "date": self.date.isoformat(), "therapist": self.therapist,
                "note": self.note}


def add_session(db: Database, date: dt.date, therapist: str | None = None,
                note: str | None = None, *, as_my_therapist: bool = False) -> SessionRecord:
    """Record a therapy session (it becomes "last session" if it is the latest).

    ``as_my_therapist``: the therapist named also becomes My therapist (on reports), in
    the same transaction. Someone other than the current one replaces them, without the
    contact details, which were the earlier therapist's.
    """
    if date > clock.now(get_settings(db).tz).date() + dt.timedelta(days=1):
        raise InvalidEntry("a session can only be recorded once it has happened")
    therapist = check_text(therapist, "therapist", 120)
    note = check_text(note, "session note")
    if as_my_therapist and not therapist:
        raise InvalidEntry("give your therapist's name to save them as your therapist")
    with transaction(db) as conn:
        new_id = conn.execute(insert(sessions_table).values(
            date=date, therapist=therapist, note=note)).lastrowid
        if as_my_therapist and therapist:
            m = my_therapist_table.c
            mine = conn.execute(select(m.id, m.name).order_by(m.id).limit(1)).first()
            if mine is None:
                conn.execute(insert(my_therapist_table).values(name=therapist))
            elif mine.name.casefold() != therapist.casefold():
                conn.execute(update(my_therapist_table).where(m.id == mine.id).values(
                    name=therapist, practice=None, phone=None, email=None, url=None,
                    next_session=None))
        return SessionRecord(new_id, date, therapist, note)


def list_sessions(db: Database) -> list[SessionRecord]:
    """All recorded sessions, newest first."""
    with db.engine.connect() as conn:
        return [SessionRecord(*row) for row in conn.execute(select(*_COLUMNS).order_by(*_NEWEST))]


def last_session(db: Database, before: dt.date | None = None) -> SessionRecord | None:
    """The most recent session (on or before ``before`` when given), or None."""
    q = select(*_COLUMNS).order_by(*_NEWEST)
    if before is not None:
        q = q.where(_S.date <= before)
    with db.engine.connect() as conn:
        row = conn.execute(q.limit(1)).first()
    return SessionRecord(*row) if row else None


def delete_session(db: Database, session_id: int) -> SessionRecord:
    """Remove a session record."""
    with transaction(db) as conn:
        row = conn.execute(select(*_COLUMNS).where(_S.id == session_id)).first()
        if row is None:
            raise NotFound(f"no session with id {session_id}")
        conn.execute(delete(sessions_table).where(_S.id == session_id))
        return SessionRecord(*row)
