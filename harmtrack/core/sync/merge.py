"""The merge: add assignments to the merged state so that every device, given the same
set of assignments in any order, any number of times, ends with the same winners and the
same conflicts (SYNC_DESIGN.md, "The model").

An assignment is known by ``(table, uuid, field, clock)``; should two ever share that
(no device makes two values at one clock) the greater ``(value_json, base)`` is kept, so
the state stays a function of the set. A field's winner is its greatest clock; the others are kept
as superseded, never pruned. A row with a ``DELETED`` assignment is gone for good, and its
conflicts with it. A conflict is an assignment L beside the winner W of its field with
another device, another value, and ``L.clock > W.base`` (W was written without seeing L).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import NamedTuple, Protocol

from sqlalchemy import Connection, and_, false, select
from sqlalchemy.dialects.sqlite import insert

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.schema import (
    sync_conflicts_table,
    sync_merged_table,
    sync_superseded_table,
)
from harmtrack.core.sync.records import DELETED, JSON, Assignment, MergedRow

#: Assignments handled per step: bounds memory on a first sync of a large history.
BATCH = 20_000
#: Rows per ``IN (…)`` query (SQLite's default limit is 32,766 parameters).
KEYS_PER_QUERY = 400


CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def value_json(value: JSON) -> str:
    """The canonical JSON text of a value: what winners are compared and stored by."""
    return CANONICAL.encode(value)


class Known(NamedTuple):
    """One stored assignment of a field (its table, row and field are where it is kept)."""

    value_json: str
    clock: str
    base: str
    device: str
    value: JSON = None  # the value itself, where it was at hand (winners), to spare decoding


class MergeOutcome(NamedTuple):
    rows: list[MergedRow]
    new_conflicts: int


class ConflictRecord(NamedTuple):
    id: int
    table: str
    uuid: str
    field: str
    kept: JSON
    other: JSON
    other_device: str
    other_clock: str


class MergedView(Protocol):
    """What capture reads of the merged state."""

    def field_clock(self, table: str, uuid: str, field: str) -> str | None: ...

    def fields(self, table: str, uuid: str) -> dict[str, JSON] | None: ...


RowKey = tuple[str, str]


def encode_winners(winners: dict[str, Known]) -> str:
    """A row's winners as stored: ``[[clock, base, {field: value, …}(, device)], …]``, one
    item per stamp, so fields written together share it; the device is left out when it
    is the clock's own. A row costs little more than its values."""
    stamps: dict[tuple[str, str, str], dict[str, JSON]] = {}
    for f, k in winners.items():
        stamps.setdefault((k.clock, k.base, k.device), {})[f] = k.value
    doc = [[c, b, v] if d == c[-32:] else [c, b, v, d] for (c, b, d), v in sorted(stamps.items())]
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def decode_winners(text: str) -> dict[str, Known]:
    known = {}
    for stamp in json.loads(text):
        clock, base, values = stamp[0], stamp[1], stamp[2]
        device = stamp[3] if len(stamp) > 3 else clock[-32:]
        for f, v in values.items():
            known[f] = Known(value_json(v), clock, base, device, v)
    return known


class SqlMergedView:
    """The merged state as stored, read one row at a time (a few rows cached: capture asks
    for each field of a row in turn). Make a new view after a merge."""

    CACHED = 1024

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.cache: dict[RowKey, dict[str, Known] | None] = {}

    def winners(self, table: str, uuid: str) -> dict[str, Known] | None:
        key = (table, uuid)
        if key not in self.cache:
            if len(self.cache) >= self.CACHED:
                self.cache.clear()
            # Plain SQL: capture asks once per row, and building the statement each time
            # cost more than the lookup.
            text = self.conn.exec_driver_sql(
                "SELECT fields FROM sync_merged WHERE table_name = ? AND uuid = ?", (table, uuid)).scalar()
            self.cache[key] = None if text is None else decode_winners(text)
        return self.cache[key]

    def field_clock(self, table: str, uuid: str, field: str) -> str | None:
        """The clock of the field's winner, None if nothing was assigned to it."""
        known = (self.winners(table, uuid) or {}).get(field)
        return None if known is None else known.clock

    def fields(self, table: str, uuid: str) -> dict[str, JSON] | None:
        """The row's winning values (``DELETED`` among them if it is deleted), None if unknown."""
        winners = self.winners(table, uuid)
        if winners is None:
            return None
        return {f: k.value for f, k in winners.items()}


def merged_view(conn: Connection) -> MergedView:
    """The merged state in ``conn``'s database, for capture."""
    return SqlMergedView(conn)


def batches(assignments: Iterable[Assignment], size: int) -> Iterator[list[Assignment]]:
    it = iter(assignments)
    while batch := list(islice(it, size)):
        yield batch


def check(a: Assignment) -> str:
    """The assignment's value as canonical JSON; InvalidEntry for a deletion that is not ``true``."""
    if a.field == DELETED and a.value is not True:
        raise InvalidEntry(f"a deletion of a {a.table} row carries {a.value!r}, not true")
    try:
        return value_json(a.value)
    except (TypeError, ValueError):
        raise InvalidEntry(f"a {a.table} value is not JSON") from None


class RowState:
    """One row's stored state while a batch is merged into it."""

    def __init__(self, winners: dict[str, Known] | None) -> None:
        self.was_deleted = winners is not None and DELETED in winners
        self.winners: dict[str, Known] = dict(winners or {})
        self.superseded: dict[str, dict[str, Known]] = {}   # field → clock → assignment
        self.new_superseded: dict[tuple[str, str], Known] = {}
        self.winners_changed = False
        self.touched: set[str] = set()

    def supersede(self, field: str, known: Known) -> None:
        by_clock = self.superseded.setdefault(field, {})
        current = by_clock.get(known.clock)
        if current is None or (known.value_json, known.base) > (current.value_json, current.base):
            by_clock[known.clock] = known
            self.new_superseded[(field, known.clock)] = known
            self.touched.add(field)

    def add(self, a: Assignment, vj: str) -> None:
        new = Known(vj, a.clock, a.base, a.device, a.value)
        current = self.winners.get(a.field)
        if current is None or (a.clock, vj, a.base) > (current.clock, current.value_json, current.base):
            if current is not None and current.clock != a.clock:
                self.supersede(a.field, current)
            self.winners[a.field] = new
            self.winners_changed = True
            self.touched.add(a.field)
        elif a.clock != current.clock:
            self.supersede(a.field, new)

    @property
    def deleted(self) -> bool:
        return DELETED in self.winners

    def conflict_pairs(self, field: str) -> set[str]:
        """The clocks of the field's assignments that conflict with its winner."""
        if self.deleted or field not in self.winners:
            return set()
        w = self.winners[field]
        return {k.clock for k in self.superseded.get(field, {}).values()
                if k.device != w.device and k.value_json != w.value_json and k.clock > w.base}


def load_rows(conn: Connection, keys: list[RowKey]) -> dict[RowKey, RowState]:
    """The stored state of ``keys``' rows: winners, superseded assignments."""
    states = {key: RowState(None) for key in keys}
    m, s = sync_merged_table.c, sync_superseded_table.c
    for table, uuids in chunks(keys):
        query = select(m.uuid, m.fields).where(m.table_name == table, m.uuid.in_(uuids))
        for uuid, text in conn.execute(query):
            states[(table, uuid)] = RowState(decode_winners(text))
        query = select(s.uuid, s.field, s.value, s.clock, s.base, s.device).where(
            s.table_name == table, s.uuid.in_(uuids))
        for r in conn.execute(query):
            states[(table, r.uuid)].superseded.setdefault(r.field, {})[r.clock] = Known(
                r.value, r.clock, r.base, r.device)
    return states


def chunks(keys: list[RowKey]) -> Iterator[tuple[str, list[str]]]:
    """``(table, uuids)`` in pieces for ``table_name = ? AND uuid IN (…)``, which SQLite
    answers from the primary key (a row-value ``IN`` would scan the whole table)."""
    by_table: dict[str, list[str]] = {}
    for table, uuid in keys:
        by_table.setdefault(table, []).append(uuid)
    for table, uuids in by_table.items():
        for start in range(0, len(uuids), KEYS_PER_QUERY):
            yield table, uuids[start:start + KEYS_PER_QUERY]


def store_rows(conn: Connection, states: dict[RowKey, RowState]) -> int:
    """Write back the rows that changed; returns the number of conflicts added."""
    merged = [{"table_name": t, "uuid": u, "deleted": st.deleted, "fields": encode_winners(st.winners)}
              for (t, u), st in states.items() if st.winners_changed]
    if merged:
        stmt = insert(sync_merged_table)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["table_name", "uuid"],
            set_={"deleted": stmt.excluded.deleted, "fields": stmt.excluded.fields}), merged)
    superseded = [{"table_name": t, "uuid": u, "field": f, "clock": c, "base": k.base,
                   "device": k.device, "value": k.value_json}
                  for (t, u), st in states.items() for (f, c), k in st.new_superseded.items()]
    if superseded:
        stmt = insert(sync_superseded_table)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["table_name", "uuid", "field", "clock"],
            set_={"value": stmt.excluded.value, "base": stmt.excluded.base,
                  "device": stmt.excluded.device}), superseded)
    return store_conflicts(conn, {key: st for key, st in states.items() if st.touched})


def store_conflicts(conn: Connection, states: dict[RowKey, RowState]) -> int:
    """Bring the stored conflicts of the touched fields in line with the rule; "seen" marks
    of pairs that still conflict are kept. Returns the number of pairs added."""
    c = sync_conflicts_table.c
    keys = list(states)
    stored: dict[RowKey, dict[str, dict[tuple[str, str], int]]] = {}
    for table, uuids in chunks(keys):
        query = select(c.id, c.uuid, c.field, c.kept_clock, c.other_clock).where(
            c.table_name == table, c.uuid.in_(uuids))
        for cid, uuid, field, kept, other in conn.execute(query):
            stored.setdefault((table, uuid), {}).setdefault(field, {})[(kept, other)] = cid
    stale: list[int] = []
    added: list[dict[str, object]] = []
    for (table, uuid), st in states.items():
        row_stored = stored.get((table, uuid), {})
        if not st.superseded and not row_stored:
            continue  # one assignment per field and nothing stored: nothing can conflict
        fields = set(st.touched)
        if st.deleted:  # a deleted row's conflicts go with it
            fields |= set(row_stored)
        for field in fields:
            have = row_stored.get(field, {})
            kept = st.winners[field].clock if field in st.winners else ""
            want = {(kept, other) for other in st.conflict_pairs(field)}
            stale.extend(cid for pair, cid in have.items() if pair not in want)
            added.extend({"table_name": table, "uuid": uuid, "field": field, "kept_clock": k,
                          "other_clock": o, "seen": False} for k, o in sorted(want - set(have)))
    for start in range(0, len(stale), KEYS_PER_QUERY):
        conn.execute(sync_conflicts_table.delete().where(c.id.in_(stale[start:start + KEYS_PER_QUERY])))
    if added:
        conn.execute(sync_conflicts_table.insert(), added)
    return len(added)


def merge(conn: Connection, assignments: Iterable[Assignment]) -> MergeOutcome:
    """Add assignments (already-known ones are no-ops); returns the rows whose winners
    changed (for materialize) and the number of new conflicts."""
    changed: dict[RowKey, MergedRow] = {}
    new_conflicts = 0
    for batch in batches(assignments, BATCH):
        checked = [(a, check(a)) for a in batch]
        states = load_rows(conn, list(dict.fromkeys((a.table, a.uuid) for a, _ in checked)))
        for a, vj in checked:
            states[(a.table, a.uuid)].add(a, vj)
        new_conflicts += store_rows(conn, states)
        for (table, uuid), st in states.items():
            if st.winners_changed and not st.was_deleted:
                fields = {f: k.value for f, k in st.winners.items() if f != DELETED}
                changed[(table, uuid)] = MergedRow(table, uuid, fields, st.deleted)
    return MergeOutcome(list(changed.values()), new_conflicts)


def conflicts(conn: Connection) -> list[ConflictRecord]:
    """The conflicts not yet dismissed on this device, oldest first."""
    c, s = sync_conflicts_table.c, sync_superseded_table.c
    query = (select(c.id, c.table_name, c.uuid, c.field, s.value, s.device, s.clock)
             .join(sync_superseded_table, and_(s.table_name == c.table_name, s.uuid == c.uuid,
                                               s.field == c.field, s.clock == c.other_clock))
             .where(c.seen.is_(false()))
             .order_by(c.id))
    view = SqlMergedView(conn)
    records = []
    for cid, table, uuid, field, other, device, clock in conn.execute(query).all():
        kept = (view.fields(table, uuid) or {}).get(field)
        records.append(ConflictRecord(cid, table, uuid, field, kept, json.loads(other), device, clock))
    return records


def dismiss_conflict(conn: Connection, conflict_id: int) -> None:
    """Mark a conflict seen on this device (the mark is never synced)."""
    c = sync_conflicts_table.c
    done = conn.execute(sync_conflicts_table.update().where(c.id == conflict_id).values(seen=True))
    if not done.rowcount:
        raise NotFound(f"no conflict number {conflict_id}")
