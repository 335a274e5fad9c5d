"""Therapy sessions the user records; the latest one is "last session".

The next session's agenda ("what I want to talk about") is written before it happens, so
it lives in one *planned* row; recording the session turns that row into the held session,
and the agenda stays with it (review mode, the next report and the export read it there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update

from harmtrack.core.common import clock
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import my_therapist_table, sessions_table
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking.validation import check_text

_S = sessions_table.c
_COLUMNS = (_S.id, _S.date, _S.therapist, _S.note, _S.agenda, _S.planned)
_HELD = _S.planned.is_(False)
#: Newest first; on one day, the one recorded last first.
_NEWEST = (_S.date.desc(), _S.id.desc())


@dataclass(frozen=True)
class SessionRecord:
    """A therapy session as the app shows it."""

    id: int
    date: dt.date
    therapist: str | None
    note: str | None
    agenda: str | None = None
    #: True for the next session's row, which holds its agenda until the session happens.
    planned: bool = False

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "date": self.date.isoformat(), "therapist": self.therapist,
                "note": self.note, "agenda": self.agenda}


def _record(row: Any) -> SessionRecord:
    return SessionRecord(row.id, row.date, row.therapist, row.note, row.agenda, bool(row.planned))


def _today(db: Database) -> dt.date:
    return clock.now(get_settings(db).tz).date()


def add_session(db: Database, date: dt.date, therapist: str | None = None,
                note: str | None = None, *, as_my_therapist: bool = False,
                agenda: str | None = None) -> SessionRecord:
    """Record a therapy session (it becomes "last session" if it is the latest).

    An agenda written for the next session on or before ``date`` belongs to this session:
    its planned row becomes this session (``agenda``, when given, replaces its text).
    ``as_my_therapist``: the therapist named also becomes My therapist (on reports), in
    the same transaction. Someone other than the current one replaces them, without the
    contact details, which were the earlier therapist's.
    """
    if date > _today(db) + dt.timedelta(days=1):
        raise InvalidEntry("a session can only be recorded once it has happened")
    therapist = check_text(therapist, "therapist", 120)
    note = check_text(note, "session note")
    agenda = check_text(agenda, "agenda")
    if as_my_therapist and not therapist:
        raise InvalidEntry("give your therapist's name to save them as your therapist")
    with transaction(db) as conn:
        planned = conn.execute(select(*_COLUMNS).where(_S.planned.is_(True), _S.date <= date)
                               .order_by(_S.id).limit(1)).first()
        if planned is not None:
            new_id = planned.id
            agenda = agenda or planned.agenda
            conn.execute(update(sessions_table).where(_S.id == new_id).values(
                date=date, therapist=therapist, note=note, agenda=agenda, planned=False))
        else:
            new_id = conn.execute(insert(sessions_table).values(
                date=date, therapist=therapist, note=note, agenda=agenda)).lastrowid
        if as_my_therapist and therapist:
            m = my_therapist_table.c
            mine = conn.execute(select(m.id, m.name).order_by(m.id).limit(1)).first()
            if mine is None:
                conn.execute(insert(my_therapist_table).values(name=therapist))
            elif mine.name.casefold() != therapist.casefold():
                conn.execute(update(my_therapist_table).where(m.id == mine.id).values(
                    name=therapist, practice=None, phone=None, email=None, url=None,
                    next_session=None))
        return SessionRecord(new_id, date, therapist, note, agenda)


def list_sessions(db: Database) -> list[SessionRecord]:
    """All recorded (held) sessions, newest first."""
    with db.engine.connect() as conn:
        return [_record(row) for row in
                conn.execute(select(*_COLUMNS).where(_HELD).order_by(*_NEWEST))]


def sessions_between(db: Database, start: dt.date, end: dt.date) -> list[SessionRecord]:
    """Held sessions from ``start`` to ``end`` inclusive, oldest first (for the report)."""
    q = select(*_COLUMNS).where(_HELD, _S.date >= start, _S.date <= end)
    with db.engine.connect() as conn:
        return [_record(row) for row in conn.execute(q.order_by(_S.date, _S.id))]


def last_session(db: Database, before: dt.date | None = None) -> SessionRecord | None:
    """The most recent held session (on or before ``before`` when given), or None."""
    q = select(*_COLUMNS).where(_HELD).order_by(*_NEWEST)
    if before is not None:
        q = q.where(_S.date <= before)
    with db.engine.connect() as conn:
        row = conn.execute(q.limit(1)).first()
    return _record(row) if row else None


def next_session(db: Database) -> SessionRecord | None:
    """The next session's planned row (its agenda), or None when nothing is written yet."""
    q = select(*_COLUMNS).where(_S.planned.is_(True)).order_by(_S.id).limit(1)
    with db.engine.connect() as conn:
        row = conn.execute(q).first()
    return _record(row) if row else None


def set_agenda(db: Database, text: str | None) -> SessionRecord | None:
    """Write what the user wants to talk about at the next session (empty text removes it).

    The planned row is dated the day the agenda was last written: a session recorded on
    or after that day takes it over (``add_session``).
    """
    agenda = check_text(text, "agenda")
    today = _today(db)
    with transaction(db) as conn:
        planned = conn.scalar(select(_S.id).where(_S.planned.is_(True)).order_by(_S.id).limit(1))
        if not agenda:
            if planned is not None:
                conn.execute(delete(sessions_table).where(_S.id == planned))
            return None
        if planned is None:
            planned = conn.execute(insert(sessions_table).values(
                date=today, agenda=agenda, planned=True)).lastrowid
        else:
            conn.execute(update(sessions_table).where(_S.id == planned).values(
                date=today, agenda=agenda))
        return SessionRecord(planned, today, None, None, agenda, True)


def delete_session(db: Database, session_id: int) -> SessionRecord:
    """Remove a session record."""
    with transaction(db) as conn:
        row = conn.execute(select(*_COLUMNS).where(_S.id == session_id)).first()
        if row is None:
            raise NotFound(f"no session with id {session_id}")
        conn.execute(delete(sessions_table).where(_S.id == session_id))
        return _record(row)
