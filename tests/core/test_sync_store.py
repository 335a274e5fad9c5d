"""Sync identities, capture and materialize (issue 15, SYNC_DESIGN.md "Row identities")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select
from sync_helpers import DEVICE_A, DictMerged, Ticker

from harmtrack.core.storage import schema
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.sync import tables
from harmtrack.core.sync.capture import local_changes, pending
from harmtrack.core.sync.records import DELETED, Assignment
from harmtrack.core.tracking import checkins, entries, trackables


def capture(db: Database, merged: DictMerged, ticker: Ticker | None = None) -> list[Assignment]:
    """One capture, merged into ``merged`` (as a pass does with its own edits)."""
    with transaction(db) as conn:
        out = local_changes(conn, ticker or Ticker(DEVICE_A), merged)
    merged.merge(out)
    return out


def marks(conn: Connection) -> list[Any]:
    s = schema.sync_rows_table.c
    return conn.execute(select(s.table_name, s.local_key, s.uuid, s.dirty, s.deleted)
                        .order_by(s.table_name, s.local_key)).all()


def test_every_table_is_synced_or_says_why_not() -> None:
    from harmtrack.core.storage.sync_marks import CHILD_TABLES, MARKED_TABLES

    named = {t.name for t in tables.SYNCED} | set(tables.NOT_SYNCED)
    sync_engine_tables = {n for n in schema.metadata.tables if n.startswith("sync_")}
    assert set(schema.metadata.tables) - sync_engine_tables - named == set()
    assert [(t.name, t.key) for t in tables.SYNCED] == list(MARKED_TABLES)
    assert {(c.table.name, t.name, c.parent_column) for t in tables.SYNCED
            for c in t.children.values()} == set(CHILD_TABLES)


def test_parents_come_before_the_tables_that_refer_to_them() -> None:
    order = [t.name for t in tables.SYNCED]
    for t in tables.SYNCED:
        for parent in t.references.values():
            assert order.index(parent) < order.index(t.name)


def test_tables_with_a_unique_constraint_have_a_natural_key() -> None:
    from sqlalchemy import UniqueConstraint

    for t in tables.SYNCED:
        uniques = [c for c in t.table.constraints if isinstance(c, UniqueConstraint)]
        uniques += [c for c in t.table.columns if c.unique]  # type: ignore[misc]
        natural_pk = not t.local_id
        assert not (uniques or natural_pk) or t.natural_key, t.name


def test_a_new_entry_is_captured_once_with_every_field(utc_settings: Database) -> None:
    db = utc_settings
    merged = DictMerged()
    capture(db, merged)  # what the folder had already (settings)
    e = entries.log(db, "alcohol", 2, note="after work", triggers=["stress"], practices=["water"])
    out = capture(db, merged)
    by_table = {a.table for a in out}
    assert by_table == {"trackables", "entries"}
    entry = {a.field: a.value for a in out if a.table == "entries"}
    assert entry["note"] == "after work" and entry["amount"] == 2.0
    assert entry["tags"] == [["practice", 0, "water"], ["trigger", 0, "stress"]]
    alcohol = next(a.uuid for a in out if a.table == "trackables")
    assert entry["trackable_id"] == alcohol  # a reference travels as the parent's uuid
    assert alcohol == tables.natural_uuid(tables.synced_table("trackables"), "builtin:alcohol")
    assert "updated_at" not in entry and "id" not in entry
    assert len({a.clock for a in out if a.table == "entries"}) == 1
    assert capture(db, merged) == []  # nothing changed since
    with db.engine.connect() as conn:
        assert pending(conn) == 0
    entries.update_entry(db, e.id, note="late")
    changed = capture(db, merged)
    assert [(a.field, a.value) for a in changed] == [("note", "late")]
    assert changed[0].base == next(a.clock for a in out if a.field == "note")


def test_an_edit_back_to_the_same_value_captures_nothing(utc_settings: Database) -> None:
    db = utc_settings
    merged = DictMerged()
    e = entries.log(db, "alcohol", 2, note="same", triggers=["stress"])
    capture(db, merged)
    entries.update_entry(db, e.id, note="other")
    entries.update_entry(db, e.id, note="same", triggers=["stress"])
    with db.engine.connect() as conn:
        assert pending(conn) == 1
    assert capture(db, merged) == []


def test_a_deletion_is_a_tombstone_even_when_the_id_is_used_again(utc_settings: Database) -> None:
    db = utc_settings
    merged = DictMerged()
    e = entries.log(db, "alcohol", 2, note="first")
    capture(db, merged)
    first = next(u for (t, u) in merged.rows if t == "entries")
    entries.delete_entry(db, e.id)
    again = entries.log(db, "alcohol", 3, note="second")
    assert again.id == e.id  # SQLite gives the highest id again
    out = capture(db, merged)
    assert (first, DELETED, True) in [(a.uuid, a.field, a.value) for a in out]
    second = {a.uuid for a in out if a.table == "entries" and a.field == "note"}
    assert len(second) == 1 and first not in second


def test_a_row_added_and_deleted_between_passes_tells_nothing(utc_settings: Database) -> None:
    db = utc_settings
    merged = DictMerged()
    capture(db, merged)
    checkins.check_in(db, dt.date(2026, 3, 1))
    checkins.undo_check_in(db, dt.date(2026, 3, 1))
    assert capture(db, merged) == []
    with db.engine.connect() as conn:
        assert [m for m in marks(conn) if m.table_name == "checkins"] == []


def test_the_machines_settings_stay_on_the_machine(utc_settings: Database) -> None:
    db = utc_settings
    merged = DictMerged()
    update_settings(db, theme="dark", day_start_hour=4, reminder_time="21:00")
    out = capture(db, merged)
    keys = {a.uuid: a for a in out if a.table == "settings"}
    settings = tables.synced_table("settings")
    assert set(keys) == {tables.natural_uuid(settings, k) for k in ("timezone", "day_start_hour")}
    assert keys[tables.natural_uuid(settings, "day_start_hour")].value in ("day_start_hour", 4)
    values = {a.value for a in out if a.table == "settings" and a.field == "value"}
    assert values == {"UTC", 4}


def test_a_check_in_again_after_deleting_it_is_a_new_generation(utc_settings: Database) -> None:
    db = utc_settings
    merged = DictMerged()
    day = dt.date(2026, 3, 1)
    checkins.check_in(db, day)
    first = {a.uuid for a in capture(db, merged) if a.table == "checkins"}
    checkins.undo_check_in(db, day)
    capture(db, merged)
    checkins.check_in(db, day)
    second = {a.uuid for a in capture(db, merged) if a.table == "checkins"}
    t = tables.synced_table("checkins")
    assert first == {tables.natural_uuid(t, "2026-03-01")}
    assert second == {tables.natural_uuid(t, "2026-03-01", 2)}


def test_every_writer_marks_its_rows(utc_settings: Database) -> None:
    """Services, a raw SQL writer and the importers all go through the triggers."""
    db = utc_settings
    merged = DictMerged()
    capture(db, merged)
    kratom = trackables.add_custom(db, "Kratom", "g", kind="substance")
    with transaction(db) as conn:  # as a tool outside the services would
        conn.exec_driver_sql("INSERT INTO entries (trackable_id, occurred_at, utc_offset_min, day, amount, "
                             "urge_only, discuss, created_at, updated_at) VALUES (?, '2026-01-01 10:00:00', "
                             "0, '2026-01-01', 1, 0, 0, '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
                             (kratom.id,))
    out = capture(db, merged)
    assert {a.table for a in out} == {"trackables", "entries"}
