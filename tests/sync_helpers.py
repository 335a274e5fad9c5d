"""A tiny merged state for the sync-store tests, and the clocks they stamp with.

``DictMerged`` keeps each field's winning assignment (greatest clock, then value) in a
dict: what merge.py keeps in the database, without conflicts or superseded values. The
store's tests use it so capture and materialize are tested on their own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from harmtrack.core.storage.db import transaction
from harmtrack.core.sync.capture import local_changes
from harmtrack.core.sync.materialize import Materialized, materialize
from harmtrack.core.sync.records import DELETED, JSON, Assignment, MergedRow
from harmtrack.core.sync.tables import PERSON_SETTINGS

DEVICE_A = "a" * 32
DEVICE_B = "b" * 32


class Ticker:
    """A plain increasing clock in the design's text format (what clock.Clock makes)."""

    def __init__(self, device: str) -> None:
        self.device, self.ms, self.counter = device, 0, 0

    def __call__(self, physical_ms: int) -> str:
        if physical_ms > self.ms:
            self.ms, self.counter = physical_ms, 0
        else:
            self.counter += 1
        return f"{self.ms:013d}.{self.counter:05d}.{self.device}"


class DictMerged:
    """Winners by (table, uuid) → field → assignment."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict[str, Assignment]] = {}

    def field_clock(self, table: str, uuid: str, field: str) -> str | None:
        a = self.rows.get((table, uuid), {}).get(field)
        return None if a is None else a.clock

    def fields(self, table: str, uuid: str) -> dict[str, JSON] | None:
        row = self.rows.get((table, uuid))
        return None if row is None else {f: a.value for f, a in row.items()}

    def merge(self, assignments: Iterable[Assignment]) -> list[MergedRow]:
        """Add assignments; the rows whose winners changed, as materialize takes them."""
        changed: dict[tuple[str, str], None] = {}
        for a in assignments:
            row = self.rows.setdefault((a.table, a.uuid), {})
            current = row.get(a.field)
            if current is None or (a.clock, json.dumps(a.value)) > (current.clock, json.dumps(current.value)):
                row[a.field] = a
                changed[(a.table, a.uuid)] = None
        return [self.merged_row(t, u) for t, u in changed]

    def merged_row(self, table: str, uuid: str) -> MergedRow:
        row = self.rows[(table, uuid)]
        return MergedRow(table, uuid, {f: a.value for f, a in row.items() if f != DELETED}, DELETED in row)

    def all_rows(self) -> list[MergedRow]:
        return [self.merged_row(t, u) for t, u in self.rows]

    def view(self, _conn: Any) -> DictMerged:
        return self

    def merge_in(self, _conn: Any, assignments: Iterable[Assignment]) -> list[MergedRow]:
        return self.merge(assignments)


class RealMerged:
    """sync-engine's merged state (merge.py), kept in the device's own database."""

    def view(self, conn: Any) -> Any:
        from harmtrack.core.sync.merge import merged_view

        return merged_view(conn)

    def merge_in(self, conn: Any, assignments: Iterable[Assignment]) -> list[MergedRow]:
        from harmtrack.core.sync.merge import merge

        return merge(conn, assignments).rows


def sync_pass(db: Any, merged: DictMerged | RealMerged, ticker: Ticker,
              incoming: Iterable[Assignment] = ()) -> tuple[list[Assignment], Materialized]:
    """One pass as SYNC_DESIGN.md has it, in one transaction: capture, merge, materialize."""
    with transaction(db) as conn:
        local = local_changes(conn, ticker, merged.view(conn))
        merged.merge_in(conn, local)
        result = materialize(conn, merged.merge_in(conn, incoming))
    return local, result


def populate(db: Any) -> None:
    """Something in every synced table, through the services the app uses."""
    from harmtrack.core.care import balance, combinations, safety_plan, sessions, therapists
    from harmtrack.core.care.plans import add_alternative, add_plan
    from harmtrack.core.care.questionnaires import answers, schedules
    from harmtrack.core.goals import store as goals
    from harmtrack.core.storage.settings import update_settings
    from harmtrack.core.tracking import checkins, entries, trackables

    update_settings(db, timezone="Europe/Berlin", day_start_hour=4, country="GB", display_name="Sam")
    gaming = trackables.add_custom(db, "Gaming", "hours", kind="behaviour", colour="#123456")
    entries.log(db, "alcohol", 2.5, at=dt.datetime(2025, 3, 29, 22, 30, tzinfo=dt.UTC), craving=6, mood=2,
                triggers=["stress", "party"], practices=["ate beforehand"], setting="at home",
                cost=12.4, note="Ünïcode note\nnewline", discuss=True)
    entries.log(db, "alcohol", 0, at=dt.datetime(2025, 3, 30, 0, 30, tzinfo=dt.UTC), urge_only=True,
                craving=8, triggers=["stress"])
    entries.log(db, "Gaming", 1.5, at=dt.datetime(2025, 3, 31, 18, 0, tzinfo=dt.UTC),
                extra={"drink": {"ml": 500, "abv": 5}})
    checkins.check_in(db, dt.date(2025, 4, 1))
    goal = goals.create_goal(db, "alcohol", "weekly-max", 14, start=dt.date(2025, 3, 1))
    goals.replace_future_versions(db, goal.id, [(dt.date(2025, 4, 1), 10.5)])
    sessions.add_session(db, dt.date(2025, 3, 20), therapist="Dr. K", note="talked about weekends")
    therapists.set_my_therapist(db, "Dr. K", phone="+44 1234")
    therapists.add_support_contact(db, "Local line", "0800 000", note="evenings")
    add_plan(db, "stress", "walk around the block first")
    add_alternative(db, "call a friend")
    answers.take(db, "phq-9", [1, 1, 0, 0, 0, 0, 0, 0, 0], dt.date(2025, 3, 25))
    schedules.set_schedule(db, "phq-9", every_weeks=4)
    safety_plan.set_section(db, "people_to_ask", "Sam, 555 0100")
    combinations.set_own_classes(db, gaming.id, ["gabapentinoids"])
    balance.add_balance(db, gaming.id, dt.date(2025, 3, 1), "unwinding", "sleep", today=dt.date(2025, 4, 1))
    balance.set_ideal_use(db, gaming.id, "weekends, two hours at most")


def synced_contents(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table (and its child tables) as sorted rows: local ids replaced by the
    rows' uuids, ``updated_at`` left out (each device keeps its own)."""
    from sqlalchemy import select

    from harmtrack.core.storage.schema import sync_rows_table
    from harmtrack.core.sync.tables import SYNCED

    s = sync_rows_table.c
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        uuids = {(t, k): u for t, k, u in conn.execute(select(s.table_name, s.local_key, s.uuid))}
        for table in SYNCED:
            rows = []
            for row in conn.execute(select(table.table)):
                m = row._mapping
                values = [uuids.get((table.name, str(m[table.key])))]
                for f in table.fields:
                    v = m[f]
                    values.append(uuids.get((table.references[f], str(v))) if f in table.references else v)
                if table.name == "settings" and m["key"] not in PERSON_SETTINGS:
                    continue
                rows.append(tuple(values))
            out[table.name] = sorted(rows, key=repr)
            for child in table.children.values():
                c = child.table
                out[c.name] = sorted(((uuids.get((table.name, str(r._mapping[child.parent_column]))),
                                       *(r._mapping[col] for col in child.columns))
                                      for r in conn.execute(select(c))), key=repr)
    return out


def entries_json(db: Any) -> list[dict[str, Any]]:
    """What ``entries --json`` prints (exchange.export's entry_json), without ``updated_at``:
    the time this device last wrote the row."""
    from harmtrack.core.exchange.export import entry_json, iter_entries

    with db.engine.connect() as conn:
        rows = [entry_json(e) for e in iter_entries(conn)]
    for r in rows:
        del r["updated_at"]
    return rows
