"""Therapy sessions the user records; the latest one is "last session"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.models import MyTherapist, TherapySession
from harmtrack.core.tracking.validation import check_text


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


def _record(s: TherapySession) -> SessionRecord:
    return SessionRecord(s.id, s.date, s.therapist, s.note)


def add_session(db: Database, date: dt.date, therapist: str | None = None,
                note: str | None = None, *, as_my_therapist: bool = False) -> SessionRecord:
    """Record a therapy session (it becomes "last session" if it is the latest).

    ``as_my_therapist``: the therapist named also becomes My therapist (on reports), in
    the same transaction. Someone other than the current one replaces them, without the
    contact details, which were the earlier therapist's.
    """
    if date > dt.date.today() + dt.timedelta(days=1):
        raise InvalidEntry("a session can only be recorded once it has happened")
    therapist = check_text(therapist, "therapist", 120)
    note = check_text(note, "session note")
    if as_my_therapist and not therapist:
        raise InvalidEntry("give your therapist's name to save them as your therapist")
    with db.begin() as session:
        row = TherapySession(date=date, therapist=therapist, note=note)
        session.add(row)
        if as_my_therapist and therapist:
            mine = session.scalars(select(MyTherapist).order_by(MyTherapist.id).limit(1)).first()
            if mine is None:
                session.add(MyTherapist(name=therapist))
            elif mine.name.casefold() != therapist.casefold():
                mine.name = therapist
                mine.practice = mine.phone = mine.email = mine.url = None
                mine.next_session = None
        session.flush()
        return _record(row)


def list_sessions(db: Database) -> list[SessionRecord]:
    """All recorded sessions, newest first."""
    with db.sessions() as session:
        q = select(TherapySession).order_by(TherapySession.date.desc(), TherapySession.id.desc())
        return [_record(s) for s in session.scalars(q)]


def last_session(db: Database, before: dt.date | None = None) -> SessionRecord | None:
    """The most recent session (on or before ``before`` when given), or None."""
    with db.sessions() as session:
        q = select(TherapySession).order_by(TherapySession.date.desc(), TherapySession.id.desc())
        if before is not None:
            q = q.where(TherapySession.date <= before)
        row = session.scalars(q.limit(1)).first()
        return _record(row) if row else None


def delete_session(db: Database, session_id: int) -> SessionRecord:
    """Remove a session record."""
    with db.begin() as session:
        row = session.get(TherapySession, session_id)
        if row is None:
            raise NotFound(f"no session with id {session_id}")
        rec = _record(row)
        session.delete(row)
        return rec
