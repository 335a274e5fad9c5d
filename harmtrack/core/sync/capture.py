"""Capture: the local edits since the last pass, as assignments (SYNC_DESIGN.md).

The triggers in ``storage.sync_marks`` mark every row any writer touched (``unsent``); a
pass reads the marked rows, compares each field with the merged state and turns what
differs into assignments stamped with the edit's time. An edit back to the value the
merged state holds, or a row materialize wrote, gives nothing. Missing uuids are assigned
here (SQLite cannot make a uuid5), parents before children, so a reference always travels
as the parent's uuid.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, Integer, String, and_, bindparam, cast, delete, func, select, text, update

from harmtrack.core.storage.schema import sync_rows_table
from harmtrack.core.sync.merge import MergedView
from harmtrack.core.sync.records import DELETED, JSON, Assignment
from harmtrack.core.sync.tables import (
    PERSON_SETTINGS,
    SYNCED,
    SyncedTable,
    natural_key,
    natural_uuid,
    to_json,
)

_S = sync_rows_table.c
#: Written out, not bound: SQLite uses the partial index ``ix_sync_rows_unsent`` (only the
#: marked rows) for a literal ``unsent = 1`` only, so a pass after one edit reads one mark.
UNSENT = text("sync_rows.unsent = 1")


class Mark(NamedTuple):
    local_key: str
    uuid: str | None
    changed_ms: int
    deleted: bool


def same(a: JSON, b: JSON) -> bool:
    """Equal as they would travel (so 1 and True, or 2 and 2.0, are not the same)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def pending(conn: Connection) -> int:
    """How many rows changed since the last pass (what the next capture reads)."""
    machine = and_(_S.table_name == "settings", _S.local_key.not_in(sorted(PERSON_SETTINGS)))
    return conn.execute(select(func.count()).select_from(sync_rows_table)
                        .where(UNSENT, ~machine)).scalar_one()


def mark_everything(conn: Connection) -> None:
    """Every row here goes out again with the next pass (a new sync folder starts empty)."""
    conn.execute(update(sync_rows_table).where(_S.deleted == 0).values(unsent=1))


def uuid_maps(conn: Connection) -> Callable[[str], dict[str, str]]:
    """Each table's local key → uuid, read when first asked for (after that table's capture)."""
    maps: dict[str, dict[str, str]] = {}

    def of(table: str) -> dict[str, str]:
        if table not in maps:
            maps[table] = dict(conn.execute(select(_S.local_key, _S.uuid).where(
                _S.table_name == table, _S.uuid.is_not(None), _S.deleted == 0)).all())
        return maps[table]
    return of


def local_changes(conn: Connection, tick: Callable[[int], str], merged: MergedView) -> list[Assignment]:
    """Assignments for every marked row whose fields differ from the merged state (``merged``,
    from merge.py), stamped with ``tick(changed_ms)``; base = the field's current winner clock
    or "". Assigns missing uuids. Clears the marks it consumed. Returns [] when nothing
    changed (an echo of materialize, or an edit back to the same value)."""
    out: list[Assignment] = []
    uuids = uuid_maps(conn)
    for table in SYNCED:
        out += capture_table(conn, table, tick, merged, uuids)
    return out


def capture_table(conn: Connection, table: SyncedTable, tick: Callable[[int], str],
                  merged: MergedView, uuids: Callable[[str], dict[str, str]]) -> list[Assignment]:
    """One table's part of :func:`local_changes`."""
    name = table.name
    marks = [Mark(k, u, ms, bool(d)) for k, u, ms, d in conn.execute(
        select(_S.local_key, _S.uuid, _S.changed_ms, _S.deleted)
        .where(_S.table_name == name, UNSENT))]
    if not marks:
        return []
    out: list[Assignment] = []
    if name == "settings":  # the machine's settings stay here
        machine = [m.local_key for m in marks if m.local_key not in PERSON_SETTINGS]
        forget(conn, name, machine)
        marks = [m for m in marks if m.local_key in PERSON_SETTINGS]
    gone = [m for m in marks if m.deleted]
    tombstones: set[str] = set()
    for m in gone:
        if m.uuid is not None and merged.field_clock(name, m.uuid, DELETED) is None:
            out += stamp(table, m.uuid, {DELETED: True}, tick(m.changed_ms), merged)
            tombstones.add(m.uuid)
    forget(conn, name, [m.local_key for m in gone])
    alive = {m.local_key: m for m in marks if not m.deleted}
    if not alive:
        return out
    taken: set[str] | None = None  # the table's uuids here, read once a row needs a new one
    assigned: list[dict[str, Any]] = []
    rows, waiting = current_rows(conn, table, uuids)
    for key, fields in rows:
        mark = alive[key]
        row_uuid = mark.uuid
        if row_uuid is None:
            if taken is None:
                taken = tombstones | set(conn.execute(select(_S.uuid).where(
                    _S.table_name == name, _S.uuid.is_not(None))).scalars())
            row_uuid = new_uuid(table, fields, merged, taken)
            taken.add(row_uuid)
            assigned.append({"key": key, "uuid": row_uuid})
        known = merged.fields(name, row_uuid) or {}
        changed = {f: v for f, v in fields.items() if f not in known or not same(known[f], v)}
        if changed:
            out += stamp(table, row_uuid, changed, tick(mark.changed_ms), merged)
    if assigned:
        conn.execute(update(sync_rows_table).where(_S.table_name == name, _S.local_key == bindparam("key"))
                     .values(uuid=bindparam("uuid")), assigned)
    done = [{"key": k} for k in alive if k not in waiting]
    if done:
        conn.execute(update(sync_rows_table).where(_S.table_name == name, _S.local_key == bindparam("key"))
                     .values(unsent=0), done)
    return out


def forget(conn: Connection, table: str, keys: Sequence[str]) -> None:
    """Drop the marks of rows that are not synced (any more)."""
    if keys:
        conn.execute(delete(sync_rows_table).where(_S.table_name == table, _S.local_key == bindparam("k")),
                     [{"k": k} for k in keys])


def stamp(table: SyncedTable, row_uuid: str, fields: dict[str, JSON], clock: str,
          merged: MergedView) -> list[Assignment]:
    """One row's changed fields as assignments at one clock."""
    device = clock.rsplit(".", 1)[-1]
    return [Assignment(table.name, row_uuid, f, v, clock, merged.field_clock(table.name, row_uuid, f) or "",
                       device) for f, v in fields.items()]


def new_uuid(table: SyncedTable, fields: dict[str, JSON], merged: MergedView, taken: set[str]) -> str:
    """A new row's uuid: from its natural key (the first generation not deleted or used by
    another row here), else random."""
    key = natural_key(table, fields)
    if key is None:
        return str(uuidlib.uuid4())
    generation = 1
    while True:
        candidate = natural_uuid(table, key, generation)
        if candidate not in taken and merged.field_clock(table.name, candidate, DELETED) is None:
            return candidate
        generation += 1


def current_rows(conn: Connection, table: SyncedTable, uuids: Callable[[str], dict[str, str]],
                 ) -> tuple[list[tuple[str, dict[str, JSON]]], set[str]]:
    """The marked rows' synced fields as they travel, by local key (references as uuids),
    and the keys of rows whose parent has no uuid yet (parents are captured first, so only
    a damaged file has them): those stay marked."""
    t = table.table
    local_key = cast(t.c[table.key], String)
    # The row found from its mark (the key as stored, so the primary key's index serves).
    pk = t.c[table.key]
    stored = cast(_S.local_key, Integer) if isinstance(pk.type, Integer) else _S.local_key
    joined = t.join(sync_rows_table, and_(_S.table_name == table.name, pk == stored))
    children: dict[str, dict[str, list[list[JSON]]]] = {}
    for field, child in table.children.items():
        c = child.table
        parent = c.c[child.parent_column] == cast(_S.local_key, Integer)
        query = (select(_S.local_key, *(c.c[col] for col in child.columns))
                 .select_from(sync_rows_table.join(c, parent))
                 .where(_S.table_name == table.name, UNSENT, _S.deleted == 0)
                 .order_by(*(c.c[col] for col in child.columns)))
        by_parent: dict[str, list[list[JSON]]] = {}
        for key, *values in conn.execute(query):
            by_parent.setdefault(key, []).append(list(values))
        children[field] = by_parent
    rows, waiting = [], set()
    query = select(local_key, *(t.c[f] for f in table.fields)).select_from(joined).where(
        UNSENT, _S.deleted == 0)
    for key, *values in conn.execute(query):
        fields = {f: to_json(f, table, v) for f, v in zip(table.fields, values, strict=True)}
        missing = False
        for field, parent_table in table.references.items():
            if fields[field] is not None:
                parent_uuid = uuids(parent_table).get(str(values[table.fields.index(field)]))
                missing = missing or parent_uuid is None
                fields[field] = parent_uuid
        if missing:
            waiting.add(key)
            continue
        for field, by_parent in children.items():
            fields[field] = by_parent.get(key, [])  # type: ignore[assignment]
        rows.append((key, fields))
    return rows, waiting
