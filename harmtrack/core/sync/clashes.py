"""Rows from another computer that collide with rows here: copies of one entry, and two
trackables with one name.

**Copies.**
Before a first sync a person may have brought their history to the second computer with
an export and an import: every entry is then on both computers under two uuids (an
imported entry without a source key gets a random one), and a sync would show each twice.
An incoming entry that is, field for field, an entry here under another uuid (only the
time each copy was written may differ) is a copy. The copy with the smaller uuid stays on
every device; the other one's identity is retired with a deletion, sent by the next pass,
so every device ends with the same one entry whichever way the copies met.

**Names.** A trackable's name is unique. Two different trackables called the same (say one
was renamed to what the other computer had just added) both stay; the one added later — by
``(created_at, uuid)``, the same on every device — is renamed "Name (2)".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, text, update

from harmtrack.core.storage.schema import sync_rows_table, trackables_table
from harmtrack.core.sync.capture import same
from harmtrack.core.sync.records import MergedRow
from harmtrack.core.sync.tables import BY_NAME, SyncedTable, to_json

_S = sync_rows_table.c

#: When the copy was written, not what it says.
NOT_COMPARED = frozenset({"created_at"})

RETIRE = text("INSERT INTO sync_rows (table_name, local_key, uuid, changed_ms, unsent, deleted) "
              "VALUES (:table, '~' || :uuid, :uuid, "
              "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 1, 1) ON CONFLICT DO NOTHING")


def copies_here(conn: Connection, table: SyncedTable, new: list[tuple[MergedRow, dict[str, Any]]],
                children: Any) -> dict[str, tuple[str, str]]:
    """For each new row that is a copy of a row here: its uuid → (the local key, the uuid here).

    ``children(table, field, keys)`` reads the child fields of rows here (materialize's).
    """
    t = table.table
    probe = ("trackable_id", "day", "occurred_at")
    wanted = {tuple(values.get(c) for c in probe): (row, values) for row, values in new}
    days: dict[Any, set[Any]] = {}
    for trackable, day, _at in wanted:
        days.setdefault(trackable, set()).add(day)
    candidates: dict[str, Any] = {}
    for trackable, some in days.items():  # "trackable_id = ? AND day IN (…)" reads the index
        ordered = sorted(some)
        for i in range(0, len(ordered), 500):
            query = select(t).where(t.c.trackable_id == trackable, t.c.day.in_(ordered[i:i + 500]))
            candidates.update({str(r.id): r._mapping for r in conn.execute(query)
                               if (r.trackable_id, r.day, r.occurred_at) in wanted})
    if not candidates:
        return {}
    uuids = {k: u for k, u in conn.execute(select(_S.local_key, _S.uuid).where(
        _S.table_name == table.name, _S.local_key.in_(list(candidates)), _S.deleted == 0))}
    kids = {field: children(table, field, list(candidates)) for field in table.children}
    found: dict[str, tuple[str, str]] = {}
    for key, here in candidates.items():
        row, values = wanted.get(tuple(here[c] for c in probe), (None, None))
        if row is None or values is None or uuids.get(key) in (None, row.uuid):
            continue
        fields_same = all(same(to_json(f, table, here[f]), to_json(f, table, values.get(f)))
                          for f in table.fields if f not in NOT_COMPARED)
        kids_same = all(same(row.fields.get(f), kids[f].get(key, [])) for f in table.children)
        if fields_same and kids_same:
            found[row.uuid] = (key, str(uuids[key]))
    return found


def retire(conn: Connection, table: str, row_uuid: str) -> None:
    """Mark an identity that is not kept here as deleted, for the next pass to send."""
    conn.execute(RETIRE, {"table": table, "uuid": row_uuid})


def kept(incoming: str, here: str) -> str:
    """Which of two copies stays (the same on every device)."""
    return min(incoming, here)


def keep_names_apart(conn: Connection, row: MergedRow, values: dict[str, Any],
                     here: str | None) -> str | None:
    """Before ``values`` are written: if another trackable has their name, the later of the
    two gets a free "Name (n)" (``values`` or the row here changes). Returns the note."""
    name = values.get("name")
    if name is None:
        return None
    t = trackables_table.c
    query = select(t.id, t.created_at).where(t.name == name)
    if here is not None:
        query = query.where(t.id != int(here))
    other = conn.execute(query).first()
    if other is None:
        return None
    mark = (_S.table_name == "trackables", _S.local_key == str(other.id))
    other_uuid, was = conn.execute(select(_S.uuid, _S.unsent).where(*mark)).first() or ("", 0)
    mine = (str(row.fields.get("created_at") or ""), row.uuid)
    theirs = (str(to_json("created_at", BY_NAME["trackables"], other.created_at)), other_uuid or "")
    free = free_name(conn, str(name))
    if mine > theirs:
        values["name"] = free
    else:  # the one here is the later: it moves, and its mark stays as it was
        conn.execute(update(trackables_table).where(t.id == other.id).values(name=free))
        conn.execute(update(sync_rows_table).where(*mark).values(unsent=was))
    return f"two different trackables were both called {name!r}; the one added later is now {free!r}"


def free_name(conn: Connection, name: str) -> str:
    """The first of "Name (2)", "Name (3)"… no trackable has."""
    n = 2
    while conn.execute(select(trackables_table.c.id).where(
            trackables_table.c.name == f"{name} ({n})")).first() is not None:
        n += 1
    return f"{name} ({n})"
