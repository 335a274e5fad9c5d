"""Materialize: write merged rows into the real tables (SYNC_DESIGN.md).

Rows go in registry order (parents first) and, within a table, deletions first, so a
natural key a deletion frees is free for the row that takes it next. A reference arrives
as the parent's uuid and is written as its local id; a row whose parent is not here yet
waits in ``sync_waiting`` and is tried again on every later call. Rows that collide with
rows here (two copies of one entry, two trackables with one name) are settled the same way
on every device (``clashes``). Materialize's own writes go through the same triggers as
every other writer; it clears the marks they leave, so the next capture does not send
them back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.schema import sync_rows_table, sync_waiting_table
from harmtrack.core.storage.settings import read_settings, refile_days, validate
from harmtrack.core.sync.capture import same
from harmtrack.core.sync.clashes import copies_here, keep_names_apart, kept, retire
from harmtrack.core.sync.records import JSON, MergedRow
from harmtrack.core.sync.tables import BY_NAME, PERSON_SETTINGS, SYNCED, SyncedTable, from_json, to_json

_S = sync_rows_table.c
#: The settings that decide which day an entry counts for.
DAY_RULES = ("timezone", "day_start_hour")
_W = sync_waiting_table.c


class Materialized(NamedTuple):
    added: int
    changed: int
    removed: int
    waiting: int
    notes: list[str]


def materialize(conn: Connection, rows: Iterable[MergedRow]) -> Materialized:
    """Write the merged rows into the real tables (insert, update, delete), in registry
    order, mapping reference uuids to local ids; rows whose parent is not here yet wait
    (returned in ``waiting``; tried again on the next call). A unique-name clash of two
    different trackables gets the later one renamed "Name (2)" and reported. Clears the
    marks its own writes caused, so they are not captured back."""
    todo = {(r.table, r.uuid): r for r in waiting_rows(conn)}
    todo.update({(r.table, r.uuid): r for r in rows})  # a newer state replaces a waiting one
    conn.execute(delete(sync_waiting_table))
    writer = Writer(conn)
    for name in sorted({t for t, _u in todo} - set(BY_NAME)):
        writer.notes.append(f"changes to {name!r} were left out: this version does not keep it")
    for table in SYNCED:
        batch = sorted((r for r in todo.values() if r.table == table.name), key=lambda r: not r.deleted)
        writer.look_up(table.name, (r.uuid for r in batch))
        for field, parent in table.references.items():
            writer.look_up(parent, (r.fields.get(field) for r in batch))
        new: list[tuple[MergedRow, dict[str, Any]]] = []
        changed: list[tuple[MergedRow, dict[str, Any], str]] = []
        for row in batch:
            writer.apply(table, row, new, changed)
        writer.change_many(table, changed)
        writer.add_many(table, new)
    if writer.day_rules_changed:
        # Days are filed by the zone and day-start hour: entries filed here under the old
        # rules move, and are sent on as this device's edits (the same on every device).
        refile_days(conn, read_settings(conn))
    if writer.waiting:
        conn.execute(insert(sync_waiting_table), [
            {"table_name": r.table, "uuid": r.uuid, "fields": json.dumps(r.fields)} for r in writer.waiting])
    return Materialized(writer.added, writer.changed, writer.removed, len(writer.waiting), writer.notes)


def waiting_rows(conn: Connection) -> list[MergedRow]:
    """The rows an earlier call could not place yet."""
    return [MergedRow(t, u, json.loads(f), False)
            for t, u, f in conn.execute(select(_W.table_name, _W.uuid, _W.fields))]


def _items(value: JSON) -> list[list[JSON]]:
    """A child field's rows (a list of lists; anything else is no rows)."""
    return [item for item in value if isinstance(item, list)] if isinstance(value, list) else []


def chunks(keys: list[str], size: int = 500) -> list[list[str]]:
    """``keys`` in parts small enough for one ``IN (…)``."""
    return [keys[i:i + size] for i in range(0, len(keys), size)]


def local_key_of(value: Any) -> str:
    """A primary key as ``sync_rows.local_key`` holds it (the triggers' CAST AS TEXT)."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def key_value(table: SyncedTable, local_key: str) -> Any:
    return int(local_key) if table.local_id else from_json(table.key, table, local_key)


class Writer:
    """One call's writes, counts and the uuid → local key maps it keeps up to date."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.added = self.changed = self.removed = 0
        self.notes: list[str] = []
        self.waiting: list[MergedRow] = []
        self.maps: dict[str, dict[str, str]] = {}
        self.day_rules_changed = False

    def local(self, table: str) -> dict[str, str]:
        """uuid → local key of the rows of ``table`` looked up so far (see :meth:`look_up`)."""
        return self.maps.setdefault(table, {})

    def look_up(self, table: str, uuids: Iterable[JSON]) -> None:
        """Read the local keys of these rows (a pass touches a few rows of a large table)."""
        known = self.local(table)
        wanted = sorted({u for u in uuids if isinstance(u, str) and u not in known})
        for part in chunks(wanted):
            known.update({u: k for k, u in self.conn.execute(select(_S.local_key, _S.uuid).where(
                _S.table_name == table, _S.uuid.in_(part), _S.deleted == 0))})

    def apply(self, table: SyncedTable, row: MergedRow, new: list[tuple[MergedRow, dict[str, Any]]],
              changed: list[tuple[MergedRow, dict[str, Any], str]]) -> None:
        """Delete the row here, or queue it: new rows go to ``new``, rows here to ``changed``
        (written a table at a time, see :meth:`add_many` and :meth:`change_many`)."""
        here = self.local(table.name).get(row.uuid)
        if row.deleted:
            if here is not None:
                self.remove(table, row.uuid, here)
            return
        if table.name == "settings" and row.fields.get("key") not in PERSON_SETTINGS:
            return  # another machine's own setting (only a damaged change file has one)
        try:
            values = self.resolve(table, row.fields)
            if table.name == "settings" and values is not None:
                validate({str(values["key"]): row.fields.get("value")})
        except (ValueError, TypeError, OverflowError, KeyError, InvalidEntry):
            self.notes.append(f"a {table.name} row from another computer holds a value this version "
                              "cannot use; it was left out")
            return
        if values is None:
            self.waiting.append(row)
            return
        if table.name == "trackables":  # names are kept apart one row at a time
            self.apply_one(table, row, values, here)
        elif here is None:
            new.append((row, values))
        else:
            changed.append((row, values, here))

    def apply_one(self, table: SyncedTable, row: MergedRow, values: dict[str, Any], here: str | None) -> None:
        try:
            with self.conn.begin_nested():
                if table.name == "trackables" and (note := keep_names_apart(self.conn, row, values, here)):
                    self.notes.append(note)
                if here is None:
                    self.add(table, row, values)
                else:
                    self.change(table, row, values, here)
        except IntegrityError:
            self.waiting.append(row)
            self.notes.append(f"a {table.name} row from another computer does not fit here yet "
                              "(it clashes with a row here); it is tried again at the next sync")

    def resolve(self, table: SyncedTable, fields: dict[str, JSON]) -> dict[str, Any] | None:
        """The row's column values, references as local ids; None while a parent is missing."""
        values: dict[str, Any] = {}
        for f in table.fields:
            if f not in fields:
                continue
            value = fields[f]
            if f in table.references and value is not None:
                parent = self.local(table.references[f]).get(str(value))
                if parent is None:
                    return None
                values[f] = from_json(f, table, parent)
            else:
                values[f] = from_json(f, table, value)
        return values

    def remove(self, table: SyncedTable, row_uuid: str, here: str) -> None:
        self.conn.execute(delete(table.table).where(table.table.c[table.key] == key_value(table, here)))
        self.conn.execute(delete(sync_rows_table).where(_S.table_name == table.name, _S.local_key == here))
        del self.local(table.name)[row_uuid]
        self.removed += 1

    def add(self, table: SyncedTable, row: MergedRow, values: dict[str, Any]) -> None:
        result = self.conn.execute(insert(table.table).values(**values))
        inserted = result.inserted_primary_key
        key = str(inserted[0]) if table.local_id and inserted else local_key_of(values[table.key])
        self.write_children(table, row, key, replace=False)
        self.conn.execute(update(sync_rows_table).where(_S.table_name == table.name, _S.local_key == key)
                          .values(uuid=row.uuid, unsent=0))
        self.local(table.name)[row.uuid] = key
        self.added += 1
        self.note_day_rules(table, values)

    def add_many(self, table: SyncedTable, new: list[tuple[MergedRow, dict[str, Any]]]) -> None:
        """Insert new rows a few statements at a time (a first sync brings every entry);
        if one of them clashes, they go in one by one so only that one waits."""
        if table.name == "entries":
            new = self.fold_copies(table, new)
        if not new:
            return
        t = table.table
        if table.local_id:  # ids given here: the pass holds the write lock
            first = (self.conn.execute(select(func.max(t.c[table.key]))).scalar() or 0) + 1
            for i, (_row, values) in enumerate(new):
                values[table.key] = first + i
        keys = [local_key_of(values[table.key]) for _row, values in new]
        try:
            with self.conn.begin_nested():
                by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
                for _row, values in new:
                    by_columns.setdefault(tuple(sorted(values)), []).append(values)
                for group in by_columns.values():
                    self.conn.execute(insert(t), group)
                for field, child in table.children.items():
                    items = [{child.parent_column: int(key), **dict(zip(child.columns, item, strict=True))}
                             for (row, _v), key in zip(new, keys, strict=True)
                             for item in _items(row.fields.get(field))]
                    if items:
                        self.conn.execute(insert(child.table), items)
                self.conn.execute(update(sync_rows_table).where(
                    _S.table_name == table.name, _S.local_key == bindparam("key")).values(
                    uuid=bindparam("row_uuid"), unsent=0),
                    [{"key": k, "row_uuid": row.uuid} for (row, _v), k in zip(new, keys, strict=True)])
        except IntegrityError:
            for row, values in new:
                if table.local_id:
                    del values[table.key]
                self.apply_one(table, row, values, None)
            return
        self.local(table.name).update({row.uuid: k for (row, _v), k in zip(new, keys, strict=True)})
        self.added += len(new)
        for _row, values in new:
            self.note_day_rules(table, values)

    def note_day_rules(self, table: SyncedTable, values: dict[str, Any]) -> None:
        if table.name == "settings" and values.get("key") in DAY_RULES:
            self.day_rules_changed = True

    def fold_copies(self, table: SyncedTable, new: list[tuple[MergedRow, dict[str, Any]]],
                    ) -> list[tuple[MergedRow, dict[str, Any]]]:
        """New rows that are copies of rows here are kept once (see ``copies``)."""
        found = copies_here(self.conn, table, new, self.children_of)
        if not found:
            return new
        out = []
        for row, values in new:
            if row.uuid not in found:
                out.append((row, values))
                continue
            here, here_uuid = found[row.uuid]
            if kept(row.uuid, here_uuid) == here_uuid:
                retire(self.conn, table.name, row.uuid)
            else:  # the copy here goes (its mark sends the deletion); the incoming one lands
                self.conn.execute(delete(table.table).where(table.table.c[table.key] == int(here)))
                self.local(table.name).pop(here_uuid, None)
                out.append((row, values))
        self.notes.append(f"{len(found)} entries were on both computers as separate copies; "
                          "each is now kept once")
        return out

    def change_many(self, table: SyncedTable, changed: list[tuple[MergedRow, dict[str, Any], str]]) -> None:
        """Update the rows here that differ, a few statements for the whole table (a zone
        change elsewhere refiles every entry); one at a time if one of them clashes."""
        if not changed:
            return
        t, keys = table.table, [here for _r, _v, here in changed]
        current = {local_key_of(r._mapping[table.key]): r._mapping for part in chunks(keys)
                   for r in self.conn.execute(select(t).where(t.c[table.key].in_(
                       [key_value(table, k) for k in part])))}
        kids = {field: self.children_of(table, field, keys) for field in table.children}
        was = {k: d for part in chunks(keys) for k, d in self.conn.execute(
            select(_S.local_key, _S.unsent).where(_S.table_name == table.name, _S.local_key.in_(part)))}
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        replaced: dict[str, list[tuple[str, JSON]]] = {}
        done = []
        for row, values, here in changed:
            now = current.get(here)
            if now is None:
                continue
            differ = {f: v for f, v in values.items()
                      if not same(to_json(f, table, now[f]), to_json(f, table, v))}
            new_kids = [f for f in table.children
                        if f in row.fields and not same(row.fields[f], kids[f].get(here, []))]
            if not differ and not new_kids:
                continue
            self.note_day_rules(table, values)
            updates.setdefault(tuple(sorted(differ)), []).append(
                {"key_": key_value(table, here), **{f"v_{f}": v for f, v in differ.items()}})
            for f in new_kids:
                replaced.setdefault(f, []).append((here, row.fields[f]))
            done.append(here)
        try:
            with self.conn.begin_nested():
                for columns, params in updates.items():
                    if columns:
                        self.conn.execute(update(t).where(t.c[table.key] == bindparam("key_")).values(
                            {c: bindparam(f"v_{c}") for c in columns}), params)
                for field, items in replaced.items():
                    self.replace_children(table, field, items)
                marks = [{"key": k, "was": was.get(k, 0)} for k in done]
                if marks:  # the marks as they were before these writes
                    self.conn.execute(update(sync_rows_table).where(
                        _S.table_name == table.name, _S.local_key == bindparam("key")).values(
                        unsent=bindparam("was")), marks)
        except IntegrityError:
            for row, values, here in changed:
                self.apply_one(table, row, values, here)
            return
        self.changed += len(done)

    def replace_children(self, table: SyncedTable, field: str, items: list[tuple[str, JSON]]) -> None:
        child = table.children[field]
        c = child.table.c
        self.conn.execute(delete(child.table).where(c[child.parent_column] == bindparam("parent")),
                          [{"parent": int(here)} for here, _v in items])
        rows = [{child.parent_column: int(here), **dict(zip(child.columns, item, strict=True))}
                for here, value in items for item in _items(value)]
        if rows:
            self.conn.execute(insert(child.table), rows)

    def change(self, table: SyncedTable, row: MergedRow, values: dict[str, Any], here: str) -> None:
        t = table.table
        pk = t.c[table.key] == key_value(table, here)
        current = self.conn.execute(select(*(t.c[f] for f in values)).where(pk)).one()._asdict()
        differ = {f: v for f, v in values.items()
                  if not same(to_json(f, table, current[f]), to_json(f, table, v))}
        children = {f: row.fields[f] for f in table.children if f in row.fields
                    and not same(row.fields[f], self.children_of(table, f, [here]).get(here, []))}
        if not differ and not children:
            return
        self.note_day_rules(table, values)
        was = self.unsent(table.name, here)
        if differ:
            self.conn.execute(update(t).where(pk).values(**differ))
        self.write_children(table, row, here, replace=True, only=set(children))
        self.set_unsent(table.name, here, was)
        self.changed += 1

    def children_of(self, table: SyncedTable, field: str, keys: list[str]) -> dict[str, JSON]:
        """A child field's current value for each of the rows ``keys``, as it travels."""
        child = table.children[field]
        c = child.table.c
        out: dict[str, list[JSON]] = {}
        for part in chunks(keys):
            query = (select(c[child.parent_column], *(c[col] for col in child.columns))
                     .where(c[child.parent_column].in_([int(k) for k in part]))
                     .order_by(*(c[col] for col in child.columns)))
            for parent, *values in self.conn.execute(query):
                out.setdefault(str(parent), []).append(values)
        return out  # type: ignore[return-value]

    def write_children(self, table: SyncedTable, row: MergedRow, here: str, *, replace: bool,
                       only: set[str] | None = None) -> None:
        for field, child in table.children.items():
            if field not in row.fields or (only is not None and field not in only):
                continue
            c = child.table.c
            if replace:
                self.conn.execute(delete(child.table).where(c[child.parent_column] == int(here)))
            items = _items(row.fields[field])
            if items:
                self.conn.execute(insert(child.table), [
                    {child.parent_column: int(here), **dict(zip(child.columns, item, strict=True))}
                    for item in items])

    def unsent(self, table: str, here: str) -> int:
        return self.conn.execute(select(_S.unsent).where(_S.table_name == table, _S.local_key == here)
                                 ).scalar_one_or_none() or 0

    def set_unsent(self, table: str, here: str, unsent: int) -> None:
        self.conn.execute(update(sync_rows_table).where(_S.table_name == table, _S.local_key == here)
                          .values(unsent=unsent))
