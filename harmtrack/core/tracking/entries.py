"""Logging, correcting and reading entries.

Every write is one transaction; every value is validated before anything is written,
with a message the user can read. Reads and writes are SQLAlchemy Core on the tables in
``schema`` (the logging screen reads before the first window appears).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from harmtrack.core.common import clock
from harmtrack.core.common.days import local_day, to_utc_naive
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.quantities import catalog
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import entries_table, entry_tags_table, trackables_table, utcnow
from harmtrack.core.storage.settings import Settings, read_settings
from harmtrack.core.tracking.trackables import TrackableInfo, get_trackable_in, resolve_in
from harmtrack.core.tracking.validation import (
    check_amount,
    check_cost,
    check_craving,
    check_instant,
    check_mood,
    check_quantity,
    check_tags,
    check_text,
)


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


def _set_tags(conn: Connection, entry_id: int, triggers: Sequence[str],
              practices: Sequence[str]) -> None:
    """Replace an entry's tags, in the order given."""
    conn.execute(delete(entry_tags_table).where(entry_tags_table.c.entry_id == entry_id))
    _add_tags(conn, entry_id, triggers, practices)


def _add_tags(conn: Connection, entry_id: int, triggers: Sequence[str],
              practices: Sequence[str]) -> None:
    rows = [dict(entry_id=entry_id, kind="trigger", name=t, position=i) for i, t in enumerate(triggers)]
    rows += [dict(entry_id=entry_id, kind="practice", name=p, position=i) for i, p in enumerate(practices)]
    if rows:
        conn.execute(insert(entry_tags_table), rows)


def _trackable_for(conn: Connection, ref: str | int) -> TrackableInfo:
    if isinstance(ref, int):
        return get_trackable_in(conn, ref)
    return resolve_in(conn, ref, add_builtin=True)


def _offset_min(at: dt.datetime) -> int:
    return int((at.utcoffset() or dt.timedelta(0)).total_seconds() // 60)


def add_entry_in(conn: Connection, data: EntryInput, settings: Settings) -> EntryRecord:
    """Validate and add one entry inside an open transaction."""
    amount = check_quantity(data.amount, "amount", maximum=math.inf)  # bounded once the unit is known
    craving = check_craving(data.craving)
    mood = check_mood(data.mood)
    cost = check_cost(data.cost)
    triggers = check_tags(data.triggers, "trigger")
    practices = check_tags(data.practices, "practice")
    note = check_text(data.note, "note")
    where = check_text(data.setting, "setting", 120)
    at = check_instant(data.at, settings)
    t = _trackable_for(conn, data.trackable)
    if data.unit and data.unit.strip():
        amount = catalog.convert(amount, data.unit, t.unit, country=settings.country)
    amount = check_amount(amount, unit=t.unit, builtin_key=t.builtin_key)
    now = utcnow()
    row: dict[str, Any] = dict(
        trackable_id=t.id, occurred_at=to_utc_naive(at), utc_offset_min=_offset_min(at),
        day=local_day(at, settings.tz, settings.day_start_hour), amount=round(amount, 6),
        craving=craving, mood=mood, setting=where, cost=cost, note=note,
        urge_only=bool(data.urge_only), discuss=bool(data.discuss), source=data.source,
        source_key=data.source_key, extra=json.dumps(data.extra) if data.extra else None,
        created_at=now, updated_at=now,
    )
    row["id"] = conn.execute(insert(entries_table).values(**row)).lastrowid
    _add_tags(conn, row["id"], triggers, practices)
    tags = [("trigger", x) for x in triggers] + [("practice", x) for x in practices]
    return record_from_row({**row, "name": t.name, "unit": t.unit, "colour": t.colour}, tags)


def add_entry(db: Database, data: EntryInput) -> EntryRecord:
    """Store one entry in its own transaction and return it as stored."""
    with transaction(db) as conn:
        return add_entry_in(conn, data, read_settings(conn))


def log(db: Database, trackable: str | int, amount: Any, **fields: Any) -> EntryRecord:
    """Shorthand for ``add_entry(db, EntryInput(trackable, amount, **fields))``."""
    return add_entry(db, EntryInput(trackable=trackable, amount=amount, **fields))


EDITABLE = {"trackable", "amount", "at", "craving", "mood", "triggers", "practices", "setting",
            "cost", "note", "urge_only", "discuss"}


def update_entry(db: Database, entry_id: int, **changes: Any) -> EntryRecord:
    """Change fields of one entry in its own transaction (all validated first)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidEntry(f"cannot change {', '.join(sorted(unknown))}")
    with transaction(db) as conn:
        settings = read_settings(conn)
        current = load_entry(conn, entry_id)
        values: dict[str, Any] = {}
        if "amount" in changes:  # bounded below, once the unit is known
            values["amount"] = check_quantity(changes["amount"], "amount", maximum=math.inf)
        for key, check in (("craving", check_craving), ("mood", check_mood), ("cost", check_cost)):
            if key in changes:
                values[key] = check(changes[key])
        if "note" in changes:
            values["note"] = check_text(changes["note"], "note")
        if "setting" in changes:
            values["setting"] = check_text(changes["setting"], "setting", 120)
        for key in ("urge_only", "discuss"):
            if key in changes:
                values[key] = bool(changes[key])
        if "trackable" in changes:
            target = _trackable_for(conn, changes["trackable"])
            if target.archived and target.id != current.trackable_id:
                raise InvalidEntry(f"{target.name} is archived; bring it back before moving entries to it")
            values["trackable_id"] = target.id
        else:
            target = get_trackable_in(conn, current.trackable_id)
        if "amount" in changes or "trackable" in changes:
            check_amount(values.get("amount", current.amount), unit=target.unit,
                         builtin_key=target.builtin_key)
        if "at" in changes:
            at = check_instant(changes["at"], settings)
            values.update(occurred_at=to_utc_naive(at), utc_offset_min=_offset_min(at),
                          day=local_day(at, settings.tz, settings.day_start_hour))
        if "triggers" in changes or "practices" in changes:
            triggers = check_tags(changes.get("triggers", current.triggers), "trigger")
            practices = check_tags(changes.get("practices", current.practices), "practice")
            _set_tags(conn, entry_id, triggers, practices)
        values["updated_at"] = utcnow()
        conn.execute(update(entries_table).where(entries_table.c.id == entry_id).values(**values))
        return load_entry(conn, entry_id)


def delete_entry(db: Database, entry_id: int) -> EntryRecord:
    """Delete one entry; returns it as it was, so the UI can undo."""
    with transaction(db) as conn:
        record = load_entry(conn, entry_id)
        conn.execute(delete(entry_tags_table).where(entry_tags_table.c.entry_id == entry_id))
        conn.execute(delete(entries_table).where(entries_table.c.id == entry_id))
        return record


def restore_entry(db: Database, record: EntryRecord) -> EntryRecord:
    """Put back an entry exactly as it was (undo of delete or edit)."""
    e = entries_table.c
    values: dict[str, Any] = dict(
        trackable_id=record.trackable_id, occurred_at=to_utc_naive(record.occurred_at),
        utc_offset_min=_offset_min(record.occurred_at), day=record.day, amount=record.amount,
        craving=record.craving, mood=record.mood, setting=record.setting, cost=record.cost,
        note=record.note, urge_only=record.urge_only, discuss=record.discuss,
        source=record.source, source_key=record.source_key,
        extra=json.dumps(record.extra) if record.extra else None,
        updated_at=record.updated_at or utcnow(),
    )
    if record.created_at:
        values["created_at"] = record.created_at
    with transaction(db) as conn:
        if conn.scalar(select(e.id).where(e.id == record.id)) is None:
            conn.execute(insert(entries_table).values(id=record.id, **values))
        else:
            conn.execute(update(entries_table).where(e.id == record.id).values(**values))
        _set_tags(conn, record.id, record.triggers, record.practices)
        return load_entry(conn, record.id)


# --- reading ----------------------------------------------------------------------------

def load_entry(conn: Connection, entry_id: int) -> EntryRecord:
    """One entry by id with its trackable and tags, inside an open connection."""
    e, t, tag = entries_table.c, trackables_table.c, entry_tags_table.c
    row = conn.execute(select(entries_table, t.name, t.unit, t.colour)
                       .join(trackables_table, t.id == e.trackable_id)
                       .where(e.id == entry_id)).mappings().first()
    if row is None:
        raise NotFound(f"no entry with id {entry_id}")
    tags = conn.execute(select(tag.kind, tag.name).where(tag.entry_id == entry_id)
                        .order_by(tag.position, tag.name)).all()
    return record_from_row(row, [(kind, name) for kind, name in tags])


def get_entry(db: Database, entry_id: int) -> EntryRecord:
    """One entry by id."""
    with db.engine.connect() as conn:
        return load_entry(conn, entry_id)


def list_entries(db: Database, start: dt.date | None = None, end: dt.date | None = None,
                 trackable_ids: Sequence[int] | None = None, *,
                 discuss_only: bool = False) -> list[EntryRecord]:
    """Entries whose local day is in [start, end] (inclusive), oldest first.

    Read in SQLAlchemy Core (the logging screen shows the day's entries before the
    first window appears; see schema.py): the entries with their trackable in one
    statement, their tags in a second.
    """
    e, tag = entries_table.c, entry_tags_table.c
    q = _entries_query(start, end, trackable_ids, discuss_only)
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
    return [record_from_row(row, tags.get(row["id"], ())) for row in rows]


def _entries_query(start: dt.date | None, end: dt.date | None,
                   trackable_ids: Sequence[int] | None, discuss_only: bool) -> Any:
    """The entries (with their trackable's name, unit, colour) of a day range, oldest first."""
    e, t = entries_table.c, trackables_table.c
    q = (select(entries_table, t.name, t.unit, t.colour).join(trackables_table, t.id == e.trackable_id)
         .order_by(e.occurred_at, e.id))
    if start is not None:
        q = q.where(e.day >= start)
    if end is not None:
        q = q.where(e.day <= end)
    if trackable_ids:
        # ``+ 0`` keeps SQLite off the trackable indexes when only the few entries marked
        # to discuss are wanted: it reads them from their own index, ix_entries_discuss.
        chosen = e.trackable_id + 0 if discuss_only else e.trackable_id
        q = q.where(chosen.in_(list(trackable_ids)))
    if discuss_only:
        q = q.where(e.discuss.is_(True))
    return q


def iter_entries(db: Database, start: dt.date | None = None, end: dt.date | None = None,
                 trackable_ids: Sequence[int] | None = None, *, batch: int = 2000) -> Iterator[EntryRecord]:
    """The entries of :func:`list_entries`, read through a cursor ``batch`` at a time, so a
    caller that writes them out as they come (``entries --json``) holds one batch."""
    tag = entry_tags_table.c
    with db.engine.connect() as conn:
        result = conn.execution_options(yield_per=batch).execute(
            _entries_query(start, end, trackable_ids, False)).mappings()
        for rows in result.partitions():
            tags: dict[int, list[tuple[str, str]]] = {}
            for entry_id, kind, name in conn.execute(
                    select(tag.entry_id, tag.kind, tag.name).where(tag.entry_id.in_([r["id"] for r in rows]))
                    .order_by(tag.entry_id, tag.position, tag.name)):
                tags.setdefault(entry_id, []).append((kind, name))
            for row in rows:
                yield record_from_row(row, tags.get(row["id"], ()))


def record_from_row(row: Any, tags: Sequence[tuple[str, str]]) -> EntryRecord:
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


def today(db: Database, settings: Settings | None = None, *, now: dt.datetime | None = None) -> dt.date:
    """The user's current local day (respecting the day-start hour); ``now``: an aware
    instant to take instead of the clock's (the reminder runs on a clock of its own)."""
    from harmtrack.core.storage.settings import get_settings

    s = settings or get_settings(db)
    return local_day(now or clock.now(s.tz), s.tz, s.day_start_hour)


def entry_count(db: Database) -> int:
    """How many entries there are in all."""
    with db.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(entries_table)) or 0)


def as_dict(record: EntryRecord) -> dict[str, Any]:
    """A plain dict of every field (for undo stacks and exports)."""
    return asdict(record)
