"""Logging, correcting and listing entries; "nothing to log today" check-ins.

Every write is one transaction; every value is validated before anything is written,
with a message the user can read.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import delete, func, select, update

from harmtrack.core.common import clock
from harmtrack.core.common.days import local_day, to_utc_naive
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.quantities import catalog
from harmtrack.core.quantities.validation import (
    GENERAL_MAXIMUM,
    MONEY_MAXIMUM,
    check_quantity,
    parse_number,
)
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import (
    checkins_table,
    entries_table,
    entry_tags_table,
    trackables_table,
    utcnow,
)
from harmtrack.core.storage.settings import Settings, _read
from harmtrack.core.tracking.trackables import resolve_in

if TYPE_CHECKING:  # mapped classes: imported where used (see schema.py)
    from sqlalchemy.orm import Session

    from harmtrack.core.storage.models import Entry, Trackable

MAX_NOTE = 5000
MAX_TAG = 80


@dataclass(frozen=True)
class EntryRecord:
    """One entry, detached from the database (safe to pass across threads)."""

    id: int
    trackable_id: int
    trackable: str
    unit: str
    colour: str
    occurred_at: dt.datetime  # aware, at the offset the user was at
    day: dt.date
    amount: float
    craving: int | None = None
    mood: int | None = None
    triggers: tuple[str, ...] = ()
    practices: tuple[str, ...] = ()
    setting: str | None = None
    cost: float | None = None
    note: str | None = None
    urge_only: bool = False
    discuss: bool = False
    source: str | None = None
    source_key: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON object the command line prints for an entry."""
        return {
            "id": self.id,
            "trackable": self.trackable,
            "amount": self.amount,
            "unit": self.unit,
            "occurred_at": self.occurred_at.isoformat(),
            "day": self.day.isoformat(),
            "craving": self.craving,
            "mood": self.mood,
            "triggers": list(self.triggers),
            "practices": list(self.practices),
            "setting": self.setting,
            "cost": self.cost,
            "note": self.note,
            "urge_only": self.urge_only,
            "discuss": self.discuss,
        }


def _record(e: Entry) -> EntryRecord:
    """An EntryRecord from a mapped entry (its trackable and tags loaded)."""
    row = {c.key: getattr(e, c.key) for c in entries_table.c}
    row.update(name=e.trackable.name, unit=e.trackable.unit, colour=e.trackable.colour)
    return _record_row(row, [(t.kind, t.name) for t in e.tags])


# --- validation -------------------------------------------------------------------------

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


# --- writing ----------------------------------------------------------------------------

@dataclass
class EntryInput:
    """What the user typed for one entry (units already chosen)."""

    trackable: str | int
    amount: Any
    unit: str | None = None
    at: dt.datetime | None = None
    craving: Any = None
    mood: Any = None
    triggers: Sequence[str] = ()
    practices: Sequence[str] = ()
    setting: str | None = None
    cost: Any = None
    note: str | None = None
    urge_only: bool = False
    discuss: bool = False
    source: str | None = None
    source_key: str | None = None
    extra: dict[str, Any] | None = None


def _set_tags(entry: Entry, triggers: Sequence[str], practices: Sequence[str]) -> None:
    from harmtrack.core.storage.models import EntryTag

    entry.tags = [EntryTag(kind="trigger", name=t, position=i) for i, t in enumerate(triggers)] + [
        EntryTag(kind="practice", name=p, position=i) for i, p in enumerate(practices)
    ]


def _trackable_for(session: Session, ref: str | int) -> Trackable:
    from harmtrack.core.storage.models import Trackable

    if isinstance(ref, int):
        t = session.get(Trackable, ref)
        if t is None:
            raise NotFound(f"no trackable with id {ref}")
        return t
    return resolve_in(session, ref, add_builtin=True)


def add_entry_in(session: Session, data: EntryInput, settings: Settings) -> Entry:
    """Validate and add one entry inside an open transaction."""
    from harmtrack.core.storage.models import Entry

    amount = check_quantity(data.amount, "amount", maximum=math.inf)  # bounded once the unit is known
    craving = check_craving(data.craving)
    mood = check_mood(data.mood)
    cost = check_cost(data.cost)
    triggers = check_tags(data.triggers, "trigger")
    practices = check_tags(data.practices, "practice")
    note = check_text(data.note, "note")
    where = check_text(data.setting, "setting", 120)
    at = check_instant(data.at, settings)
    t = _trackable_for(session, data.trackable)
    if data.unit and data.unit.strip():
        amount = catalog.convert(amount, data.unit, t.unit, country=settings.country)
    amount = check_amount(amount, unit=t.unit, builtin_key=t.builtin_key)
    offset = at.utcoffset() or dt.timedelta(0)
    entry = Entry(
        trackable=t, occurred_at=to_utc_naive(at), utc_offset_min=int(offset.total_seconds() // 60),
        day=local_day(at, settings.tz, settings.day_start_hour), amount=round(amount, 6),
        craving=craving, mood=mood, setting=where, cost=cost, note=note,
        urge_only=bool(data.urge_only), discuss=bool(data.discuss), source=data.source,
        source_key=data.source_key, extra=json.dumps(data.extra) if data.extra else None,
    )
    _set_tags(entry, triggers, practices)
    session.add(entry)
    session.flush()
    return entry


def add_entry(db: Database, data: EntryInput) -> EntryRecord:
    """Store one entry in its own transaction and return it as stored."""
    with db.begin() as session:
        settings = _read(session)
        entry = add_entry_in(session, data, settings)
        return _record(entry)


def log(db: Database, trackable: str | int, amount: Any, **fields: Any) -> EntryRecord:
    """Shorthand for ``add_entry(db, EntryInput(trackable, amount, **fields))``."""
    return add_entry(db, EntryInput(trackable=trackable, amount=amount, **fields))


EDITABLE = {"trackable", "amount", "at", "craving", "mood", "triggers", "practices", "setting",
            "cost", "note", "urge_only", "discuss"}


def update_entry(db: Database, entry_id: int, **changes: Any) -> EntryRecord:
    """Change fields of one entry in its own transaction (all validated first)."""
    from sqlalchemy.orm import selectinload

    from harmtrack.core.storage.models import Entry

    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidEntry(f"cannot change {', '.join(sorted(unknown))}")
    with db.begin() as session:
        settings = _read(session)
        e = session.get(Entry, entry_id, options=[selectinload(Entry.tags)])
        if e is None:
            raise NotFound(f"no entry with id {entry_id}")
        if "amount" in changes:
            e.amount = check_quantity(changes["amount"], "amount", maximum=math.inf)  # bounded below
        if "craving" in changes:
            e.craving = check_craving(changes["craving"])
        if "mood" in changes:
            e.mood = check_mood(changes["mood"])
        if "cost" in changes:
            e.cost = check_cost(changes["cost"])
        if "note" in changes:
            e.note = check_text(changes["note"], "note")
        if "setting" in changes:
            e.setting = check_text(changes["setting"], "setting", 120)
        if "urge_only" in changes:
            e.urge_only = bool(changes["urge_only"])
        if "discuss" in changes:
            e.discuss = bool(changes["discuss"])
        if "trackable" in changes:
            target = _trackable_for(session, changes["trackable"])
            if target.archived and target.id != e.trackable_id:
                raise InvalidEntry(f"{target.name} is archived; bring it back before moving entries to it")
            e.trackable = target
        if "amount" in changes or "trackable" in changes:
            check_amount(e.amount, unit=e.trackable.unit, builtin_key=e.trackable.builtin_key)
        if "at" in changes:
            at = check_instant(changes["at"], settings)
            e.occurred_at = to_utc_naive(at)
            e.utc_offset_min = int((at.utcoffset() or dt.timedelta(0)).total_seconds() // 60)
            e.day = local_day(at, settings.tz, settings.day_start_hour)
        if "triggers" in changes or "practices" in changes:
            current = _record(e)
            triggers = check_tags(changes.get("triggers", current.triggers), "trigger")
            practices = check_tags(changes.get("practices", current.practices), "practice")
            _set_tags(e, triggers, practices)
        e.updated_at = utcnow()
        session.flush()
        return _record(e)


def delete_entry(db: Database, entry_id: int) -> EntryRecord:
    """Delete one entry; returns it as it was, so the UI can undo."""
    from sqlalchemy.orm import selectinload

    from harmtrack.core.storage.models import Entry

    with db.begin() as session:
        e = session.get(Entry, entry_id, options=[selectinload(Entry.tags)])
        if e is None:
            raise NotFound(f"no entry with id {entry_id}")
        record = _record(e)
        session.delete(e)
        return record


def restore_entry(db: Database, record: EntryRecord) -> EntryRecord:
    """Put back an entry exactly as it was (undo of delete or edit)."""
    from sqlalchemy.orm import selectinload

    from harmtrack.core.storage.models import Entry

    with db.begin() as session:
        e = session.get(Entry, record.id, options=[selectinload(Entry.tags)])
        if e is None:
            e = Entry(id=record.id)
            session.add(e)
        e.trackable_id = record.trackable_id
        e.occurred_at = to_utc_naive(record.occurred_at)
        e.utc_offset_min = int((record.occurred_at.utcoffset() or dt.timedelta(0)).total_seconds() // 60)
        e.day = record.day
        e.amount = record.amount
        e.craving, e.mood, e.setting = record.craving, record.mood, record.setting
        e.cost, e.note = record.cost, record.note
        e.urge_only, e.discuss = record.urge_only, record.discuss
        e.source, e.source_key = record.source, record.source_key
        e.extra = json.dumps(record.extra) if record.extra else None
        if record.created_at:
            e.created_at = record.created_at
        e.updated_at = record.updated_at or utcnow()
        _set_tags(e, record.triggers, record.practices)
        session.flush()
        session.refresh(e)
        return _record(e)


def get_entry(db: Database, entry_id: int) -> EntryRecord:
    """One entry by id."""
    from sqlalchemy.orm import selectinload

    from harmtrack.core.storage.models import Entry

    with db.sessions() as session:
        e = session.get(Entry, entry_id, options=[selectinload(Entry.tags), selectinload(Entry.trackable)])
        if e is None:
            raise NotFound(f"no entry with id {entry_id}")
        return _record(e)


def list_entries(db: Database, start: dt.date | None = None, end: dt.date | None = None,
                 trackable_ids: Sequence[int] | None = None, *,
                 discuss_only: bool = False) -> list[EntryRecord]:
    """Entries whose local day is in [start, end] (inclusive), oldest first.

    Read in SQLAlchemy Core (the logging screen shows the day's entries before the
    first window appears; see schema.py): the entries with their trackable in one
    statement, their tags in a second.
    """
    e, t, tag = entries_table.c, trackables_table.c, entry_tags_table.c
    q = (select(entries_table, t.name, t.unit, t.colour).join(trackables_table, t.id == e.trackable_id)
         .order_by(e.occurred_at, e.id))
    if start is not None:
        q = q.where(e.day >= start)
    if end is not None:
        q = q.where(e.day <= end)
    if trackable_ids:
        q = q.where(e.trackable_id.in_(list(trackable_ids)))
    if discuss_only:
        q = q.where(e.discuss.is_(True))
    with db.engine.connect() as conn:
        rows = conn.execute(q).mappings().all()
        tags: dict[int, list[tuple[str, str]]] = {}
        if rows:
            ids = [row["id"] for row in rows]
            tag_q = select(tag.entry_id, tag.kind, tag.name).order_by(tag.entry_id, tag.position, tag.name)
            # One statement for a day's few entries; for long ranges the same filter as
            # the entries (an IN list of thousands of ids would be slower).
            if len(ids) <= 500:
                tag_q = tag_q.where(tag.entry_id.in_(ids))
            else:
                tag_q = tag_q.where(tag.entry_id.in_(q.with_only_columns(e.id).order_by(None)))
            for entry_id, kind, name in conn.execute(tag_q):
                tags.setdefault(entry_id, []).append((kind, name))
    return [_record_row(row, tags.get(row["id"], ())) for row in rows]


def _record_row(row: Any, tags: Sequence[tuple[str, str]]) -> EntryRecord:
    """An EntryRecord from a row of ``entries`` with its trackable's ``name``, ``unit`` and
    ``colour`` (a Core row mapping, or the same built from a mapped entry), and its tags
    as (kind, name) in order."""
    offset = dt.timezone(dt.timedelta(minutes=row["utc_offset_min"]))
    occurred = row["occurred_at"].replace(tzinfo=dt.UTC).astimezone(offset)
    return EntryRecord(
        id=row["id"], trackable_id=row["trackable_id"], trackable=row["name"], unit=row["unit"],
        colour=row["colour"], occurred_at=occurred, day=row["day"], amount=row["amount"],
        craving=row["craving"], mood=row["mood"],
        triggers=tuple(name for kind, name in tags if kind == "trigger"),
        practices=tuple(name for kind, name in tags if kind == "practice"),
        setting=row["setting"], cost=row["cost"], note=row["note"], urge_only=bool(row["urge_only"]),
        discuss=bool(row["discuss"]), source=row["source"], source_key=row["source_key"],
        extra=json.loads(row["extra"]) if row["extra"] else {},
        created_at=row["created_at"], updated_at=row["updated_at"],
    )


def refile_days(session: Session, settings: Settings) -> int:
    """Recompute every entry's local day after the zone or day-start hour changed."""
    from harmtrack.core.storage.models import Entry

    tz, hour = settings.tz, settings.day_start_hour
    changed = 0
    rows = session.execute(select(Entry.id, Entry.occurred_at, Entry.day)).all()
    for entry_id, occurred, day in rows:
        new_day = local_day(occurred.replace(tzinfo=dt.UTC), tz, hour)
        if new_day != day:
            session.execute(update(Entry).where(Entry.id == entry_id).values(day=new_day))
            changed += 1
    return changed


# --- check-ins and day state -------------------------------------------------------------

def check_in(db: Database, day: dt.date) -> bool:
    """Record "nothing to log today" for a day; False if it was already recorded.

    Only today or a day gone by: a check-in ahead of time would make days still to come
    count as logged and use-free.
    """
    from harmtrack.core.storage.models import CheckIn

    if day > today(db):
        raise InvalidEntry(f"{day.isoformat()} has not come yet: check in for today or a day gone by")
    with db.begin() as session:
        if session.get(CheckIn, day) is not None:
            return False
        session.add(CheckIn(day=day))
        return True


def undo_check_in(db: Database, day: dt.date) -> None:
    """Remove a day's check-in."""
    from harmtrack.core.storage.models import CheckIn

    with db.begin() as session:
        session.execute(delete(CheckIn).where(CheckIn.day == day))


def checked_in_days(db: Database, start: dt.date | None = None,
                    end: dt.date | None = None) -> set[dt.date]:
    """Days with a "nothing to log today" check-in."""
    day = checkins_table.c.day  # Core: on the start-up path (see schema.py)
    q = select(day)
    if start is not None:
        q = q.where(day >= start)
    if end is not None:
        q = q.where(day <= end)
    with db.engine.connect() as conn:
        return set(conn.scalars(q))


def logged_days(db: Database, start: dt.date | None = None,
                end: dt.date | None = None) -> set[dt.date]:
    """Days the user logged anything: any entry (any trackable, urges too) or a check-in."""
    day = entries_table.c.day
    q = select(day).distinct()
    if start is not None:
        q = q.where(day >= start)
    if end is not None:
        q = q.where(day <= end)
    with db.engine.connect() as conn:
        days = set(conn.scalars(q))
    return days | checked_in_days(db, start, end)


def today(db: Database, settings: Settings | None = None, *, now: dt.datetime | None = None) -> dt.date:
    """The user's current local day (respecting the day-start hour); ``now``: an aware
    instant to take instead of the clock's (the reminder runs on a clock of its own)."""
    from harmtrack.core.storage.settings import get_settings

    s = settings or get_settings(db)
    return local_day(now or clock.now(s.tz), s.tz, s.day_start_hour)


class QuickLog(NamedTuple):
    """A frequent entry the user can repeat with one click."""

    trackable_id: int
    trackable: str
    amount: float
    unit: str
    uses: int


def frequent_entries(db: Database, limit: int = 6, since_days: int = 90) -> list[QuickLog]:
    """The user's most frequent (trackable, amount) pairs, for quick-log buttons."""
    cutoff = dt.date.today() - dt.timedelta(days=since_days)
    e, t = entries_table.c, trackables_table.c  # Core: on the start-up path (see schema.py)
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(e.trackable_id, t.name, e.amount, t.unit, func.count().label("n"))
            .join(trackables_table, t.id == e.trackable_id)
            .where(e.day >= cutoff, e.urge_only.is_(False), t.archived.is_(False), e.amount > 0)
            # "+ 0": grouping by the bare column would make SQLite walk the whole
            # (trackable, day) index instead of the recent days only (10× slower on
            # ten years of entries).
            .group_by(e.trackable_id + 0, e.amount)
            .order_by(func.count().desc(), t.sort_order)
            .limit(limit)
        ).all()
    return [QuickLog(r[0], r[1], float(r[2]), r[3], int(r[4])) for r in rows]


def known_tags(db: Database, kind: str, since_days: int = 365) -> list[str]:
    """Tags of a kind the user has used lately, most used first (for pickers)."""
    from harmtrack.core.storage.models import Entry, EntryTag

    cutoff = dt.date.today() - dt.timedelta(days=since_days)
    with db.sessions() as session:
        rows = session.execute(
            select(EntryTag.name, func.count().label("n")).join(Entry, Entry.id == EntryTag.entry_id)
            # '|| ""' keeps SQLite from starting at every tag of that kind through the
            # (kind, name) index: starting from the recent days is 10× faster on a long
            # history.
            .where(EntryTag.kind + "" == kind, Entry.day >= cutoff)
            .group_by(EntryTag.name).order_by(func.count().desc(), EntryTag.name)
        ).all()
    return [r[0] for r in rows]


def entry_count(db: Database) -> int:
    """How many entries there are in all."""
    from harmtrack.core.storage.models import Entry

    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Entry)) or 0)


def as_dict(record: EntryRecord) -> dict[str, Any]:
    """A plain dict of every field (for undo stacks and exports)."""
    return asdict(record)
