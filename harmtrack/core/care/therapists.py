"""Harm-reduction therapists from a public listing, the user's own therapist and support lines.

The directory and the support lines are bundled data with their sources
(``resources/therapists.json``, ``resources/support_lines.json``); nothing is fetched.
The user's own therapist and their own support numbers live in the database.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, insert, select, update

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import my_therapist_table, support_contacts_table
from harmtrack.core.tracking.validation import check_text
from harmtrack.paths import resource


@dataclass(frozen=True)
class Therapist:
    """One therapist as the directory listing shows them."""

    name: str
    profession: str
    city: str | None
    state: str | None
    focus: tuple[str, ...]
    summary: str
    url: str

    @property
    def location(self) -> str:
        """"City, ST", or just the part the listing gives."""
        return ", ".join(p for p in (self.city, self.state) if p)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "profession": self.profession, "city": self.city,
                "state": self.state, "focus": list(self.focus), "summary": self.summary,
                "url": self.url}


@dataclass(frozen=True)
class DirectorySource:
    """Where the directory data came from and when it was taken."""

    name: str
    url: str
    retrieved: dt.date


@dataclass(frozen=True)
class SupportLine:
    """A published crisis or harm-reduction line with its source."""

    key: str
    name: str
    country: str
    phone: str
    how: str
    kind: str
    source: str


@dataclass(frozen=True)
class TherapistInfo:
    """The user's own therapist, shown on reports."""

    name: str
    practice: str | None = None
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    next_session: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "practice": self.practice, "phone": self.phone,
                "email": self.email, "url": self.url,
                "next_session": self.next_session.isoformat() if self.next_session else None}


@dataclass(frozen=True)
class SupportContactInfo:
    """A support number the user added themselves."""

    id: int
    name: str
    phone: str | None
    note: str | None


# --- the bundled directory ----------------------------------------------------------------

@lru_cache(maxsize=1)
def _directory() -> dict[str, Any]:
    with resource("therapists.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def directory_source() -> DirectorySource:
    """The listing the directory was built from, and the date it was taken."""
    src = _directory()["source"]
    return DirectorySource(src["name"], src["url"], dt.date.fromisoformat(src["retrieved"]))


def all_therapists() -> list[Therapist]:
    """Every therapist in the bundled directory, in listing order."""
    return [Therapist(name=t["name"], profession=t["profession"], city=t.get("city"),
                      state=t.get("state"), focus=tuple(t.get("focus", ())),
                      summary=t.get("summary", ""), url=t["url"])
            for t in _directory()["therapists"]]


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def filter_therapists(therapists: list[Therapist] | None = None, *, state: str | None = None,
                      profession: str | None = None, focus: str | None = None,
                      query: str | None = None) -> list[Therapist]:
    """Therapists matching every filter given (case-insensitive; query searches all text)."""
    rows = all_therapists() if therapists is None else therapists
    if state:
        rows = [t for t in rows if (t.state or "").casefold() == state.strip().casefold()]
    if profession:
        want = _fold(profession)
        rows = [t for t in rows if want in _fold(t.profession)]
    if focus:
        want = _fold(focus)
        rows = [t for t in rows if any(_fold(f) == want for f in t.focus)]
    if query and query.strip():
        words = _fold(query).split()

        def text(t: Therapist) -> str:
            return _fold(" ".join([t.name, t.profession, t.location, t.summary, *t.focus]))

        rows = [t for t in rows if all(w in text(t) for w in words)]
    return rows


def states() -> list[str]:
    """States present in the directory, sorted."""
    return sorted({t.state for t in all_therapists() if t.state})


def professions() -> list[str]:
    """Professions present in the directory, sorted."""
    return sorted({t.profession for t in all_therapists()})


def focus_tags() -> list[str]:
    """Every focus tag in the directory, most common first then by name."""
    counts: dict[str, int] = {}
    for t in all_therapists():
        for f in t.focus:
            counts[f] = counts.get(f, 0) + 1
    return sorted(counts, key=lambda f: (-counts[f], f.casefold()))


# --- support lines ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _support() -> dict[str, Any]:
    with resource("support_lines.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def support_lines() -> list[SupportLine]:
    """The bundled crisis and harm-reduction lines, each with its source."""
    return [SupportLine(key=s["key"], name=s["name"], country=s["country"], phone=s["phone"],
                        how=s["how"], kind=s["kind"], source=s["source"])
            for s in _support()["lines"]]


def list_support_contacts(db: Database) -> list[SupportContactInfo]:
    """The user's own support numbers, in the order they were added."""
    c = support_contacts_table.c
    with db.engine.connect() as conn:
        rows = conn.execute(select(c.id, c.name, c.phone, c.note).order_by(c.id))
        return [SupportContactInfo(*row) for row in rows]


_PHONE = re.compile(r"^[0-9+()#*.\-\s]{2,60}$")


def add_support_contact(db: Database, name: str, phone: str | None = None,
                        note: str | None = None) -> SupportContactInfo:
    """Add one of the user's own support numbers (a name and a phone number or a note)."""
    clean_name = check_text(name, "name", 120)
    if not clean_name:
        raise InvalidEntry("a support contact needs a name")
    clean_phone = check_text(phone, "phone number", 60)
    if clean_phone and not _PHONE.match(clean_phone):
        raise InvalidEntry("a phone number can hold digits, spaces and + - ( ) . * # only")
    clean_note = check_text(note, "note", 500)
    if not clean_phone and not clean_note:
        raise InvalidEntry("give a phone number or a note for how to reach them")
    with transaction(db) as conn:
        new_id = conn.execute(insert(support_contacts_table).values(
            name=clean_name, phone=clean_phone, note=clean_note)).lastrowid
        return SupportContactInfo(new_id, clean_name, clean_phone, clean_note)


def remove_support_contact(db: Database, contact_id: int) -> SupportContactInfo:
    """Remove one of the user's own support numbers; returns it as it was."""
    c = support_contacts_table.c
    with transaction(db) as conn:
        row = conn.execute(select(c.id, c.name, c.phone, c.note).where(c.id == contact_id)).first()
        if row is None:
            raise NotFound(f"no support contact with id {contact_id}")
        conn.execute(delete(support_contacts_table).where(c.id == contact_id))
        return SupportContactInfo(*row)


# --- the user's own therapist -------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def get_my_therapist(db: Database) -> TherapistInfo | None:
    """The user's own therapist, or None if they have not added one."""
    m = my_therapist_table.c
    with db.engine.connect() as conn:
        row = conn.execute(select(m.name, m.practice, m.phone, m.email, m.url, m.next_session)
                           .order_by(m.id).limit(1)).first()
    return None if row is None else TherapistInfo(*row)


def set_my_therapist(db: Database, name: str, *, practice: str | None = None,
                     phone: str | None = None, email: str | None = None, url: str | None = None,
                     next_session: dt.date | None = None) -> TherapistInfo:
    """Save the user's own therapist (replacing any earlier one); every field is checked first."""
    clean_name = check_text(name, "therapist's name", 120)
    if not clean_name:
        raise InvalidEntry("your therapist needs a name")
    clean_practice = check_text(practice, "practice", 120)
    clean_phone = check_text(phone, "phone number", 40)
    if clean_phone and not _PHONE.match(clean_phone):
        raise InvalidEntry("a phone number can hold digits, spaces and + - ( ) . * # only")
    clean_email = check_text(email, "email", 120)
    if clean_email and not _EMAIL.match(clean_email):
        raise InvalidEntry(f"{clean_email!r} does not look like an email address")
    clean_url = check_text(url, "profile address", 300)
    if clean_url and not clean_url.lower().startswith(("https://", "http://")):
        raise InvalidEntry("a profile address must start with https:// or http://")
    if next_session is not None and not isinstance(next_session, dt.date):
        raise InvalidEntry("the next session must be a date")
    m = my_therapist_table.c
    values = dict(name=clean_name, practice=clean_practice, phone=clean_phone, email=clean_email,
                  url=clean_url, next_session=next_session)
    with transaction(db) as conn:
        first = conn.scalar(select(m.id).order_by(m.id).limit(1))
        if first is None:
            conn.execute(insert(my_therapist_table).values(**values))
        else:
            conn.execute(update(my_therapist_table).where(m.id == first).values(**values))
    return TherapistInfo(clean_name, clean_practice, clean_phone, clean_email, clean_url, next_session)


def clear_my_therapist(db: Database) -> bool:
    """Forget the user's own therapist; False if none was set."""
    with transaction(db) as conn:
        return bool(conn.execute(delete(my_therapist_table)).rowcount)
