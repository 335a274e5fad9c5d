"""Sync identities, capture and materialize (issue 15, SYNC_DESIGN.md "Row identities")."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select
from sync_helpers import (
    DEVICE_A,
    DEVICE_B,
    DictMerged,
    RealMerged,
    Ticker,
    entries_json,
    populate,
    sync_pass,
    synced_contents,
)

from harmtrack.core.storage import schema
from harmtrack.core.storage.data_folder import open_data_folder
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
    return conn.execute(select(s.table_name, s.local_key, s.uuid, s.unsent, s.deleted)
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


def test_everything_can_be_sent_again_under_the_same_identities(utc_settings: Database) -> None:
    from harmtrack.core.sync.capture import mark_everything

    db = utc_settings
    entries.log(db, "alcohol", 2, note="kept")
    first = capture(db, DictMerged())
    with transaction(db) as conn:
        mark_everything(conn)
        assert pending(conn) == 3  # the time zone, Alcohol, the entry
    again = capture(db, DictMerged())  # a new folder: its merged state is empty

    def sent(out: list[Assignment]) -> set[tuple[str, str, str]]:
        return {(a.uuid, a.field, repr(a.value)) for a in out}

    assert sent(again) == sent(first) and len(again) == len(first)


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
    settings = tables.synced_table("settings")
    sent = {(a.uuid, a.field): a.value for a in out if a.table == "settings"}
    day_start = tables.natural_uuid(settings, "day_start_hour")
    assert {u for u, _f in sent} == {tables.natural_uuid(settings, "timezone"), day_start}
    assert (sent[(day_start, "key")], sent[(day_start, "value")]) == ("day_start_hour", 4)
    with db.engine.connect() as conn:  # nothing is left waiting for a pass either
        assert pending(conn) == 0


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


# --- capture → assignments → materialize into a second database ---------------------------

@pytest.fixture(params=["dict", "merge.py"])
def state(request: pytest.FixtureRequest) -> Any:
    """A device's merged state: the test's dict, or sync-engine's merge in the database."""
    return DictMerged if request.param == "dict" else RealMerged


def second_folder(tmp_path: Path) -> Database:
    folder = tmp_path / "second"
    folder.mkdir()
    return open_data_folder(folder)


def test_a_second_fresh_database_gets_the_same_data(utc_settings: Database, tmp_path: Path,
        state: Any) -> None:
    a, b = utc_settings, second_folder(tmp_path)
    try:
        populate(a)
        merged_a, merged_b = state(), state()
        sent, _ = sync_pass(a, merged_a, Ticker(DEVICE_A))
        assert {x.table for x in sent} == {t.name for t in tables.SYNCED}  # every synced table
        _, result = sync_pass(b, merged_b, Ticker(DEVICE_B), sent)
        assert result.waiting == 0 and result.notes == []
        assert result.added >= 20
        assert entries_json(b) == entries_json(a) and len(entries_json(a)) == 3
        assert synced_contents(b) == synced_contents(a)
        # What materialize wrote is not sent back, on either side.
        again_b, _ = sync_pass(b, merged_b, Ticker(DEVICE_B))
        again_a, nothing = sync_pass(a, merged_a, Ticker(DEVICE_A), again_b)
        assert again_b == [] and again_a == [] and nothing.added + nothing.changed == 0
    finally:
        b.close()


def test_edits_and_deletions_arrive(utc_settings: Database, tmp_path: Path,
        state: Any) -> None:
    a, b = utc_settings, second_folder(tmp_path)
    try:
        merged_a, merged_b = state(), state()
        ticker_a, ticker_b = Ticker(DEVICE_A), Ticker(DEVICE_B)
        first = entries.log(a, "alcohol", 2, note="one", triggers=["stress"])
        second = entries.log(a, "alcohol", 1, note="two")
        checkins.check_in(a, dt.date(2026, 2, 1))
        sync_pass(b, merged_b, ticker_b, sync_pass(a, merged_a, ticker_a)[0])
        entries.update_entry(a, first.id, note="one, edited", triggers=["party", "stress"])
        entries.delete_entry(a, second.id)
        checkins.undo_check_in(a, dt.date(2026, 2, 1))
        sent, _ = sync_pass(a, merged_a, ticker_a)
        _, result = sync_pass(b, merged_b, ticker_b, sent)
        assert (result.changed, result.removed) == (1, 2)
        with b.engine.connect() as conn:
            assert pending(conn) == 0  # materialize's own writes are not marked as edits
        assert entries_json(b) == entries_json(a)
        assert synced_contents(b) == synced_contents(a)
        assert checkins.checked_in_days(b) == set()
        # And back: an edit on the second computer reaches the first.
        (only,) = entries.list_entries(b)
        entries.update_entry(b, only.id, amount=3)
        _, back = sync_pass(a, merged_a, ticker_a, sync_pass(b, merged_b, ticker_b)[0])
        assert back.changed == 1 and entries.get_entry(a, first.id).amount == 3
    finally:
        b.close()


def test_a_child_before_its_parent_waits_and_lands_on_the_next_call(utc_settings: Database,
                                                                     tmp_path: Path, state: Any) -> None:
    a, b = utc_settings, second_folder(tmp_path)
    try:
        trackables.add_custom(a, "Kratom", "g", kind="substance")
        entries.log(a, "Kratom", 2, note="child")
        sent, _ = sync_pass(a, state(), Ticker(DEVICE_A))
        parent = [x for x in sent if x.table != "entries"]
        child = [x for x in sent if x.table == "entries"]
        merged_b, ticker_b = state(), Ticker(DEVICE_B)
        _, early = sync_pass(b, merged_b, ticker_b, child)
        assert (early.added, early.waiting) == (0, 1) and entries.entry_count(b) == 0
        _, late = sync_pass(b, merged_b, ticker_b, parent)
        assert (late.added, late.waiting) == (3, 0)  # the setting, the trackable, the entry
        assert entries_json(b) == entries_json(a)
        assert sync_pass(b, merged_b, ticker_b)[0] == []
    finally:
        b.close()


def test_both_computers_adding_alcohol_and_kratom_end_with_one_of_each(utc_settings: Database,
                                                                       tmp_path: Path, state: Any) -> None:
    a, b = utc_settings, second_folder(tmp_path)
    try:
        for db in (a, b):
            trackables.add_builtin(db, "alcohol")
            trackables.add_custom(db, "Kratom", "g", kind="substance")
            entries.log(db, "Kratom", 1, note=f"on {db.path.parent.name}")
        merged_a, merged_b = state(), state()
        ticker_a, ticker_b = Ticker(DEVICE_A), Ticker(DEVICE_B)
        from_a, _ = sync_pass(a, merged_a, ticker_a)
        from_b, _ = sync_pass(b, merged_b, ticker_b, from_a)
        sync_pass(a, merged_a, ticker_a, from_b)
        for db in (a, b):
            assert sorted(t.name for t in trackables.list_trackables(db)) == ["Alcohol", "Kratom"]
            assert sorted(e.note for e in entries.list_entries(db)) == ["on data", "on second"]
        assert synced_contents(a) == synced_contents(b)
    finally:
        b.close()


def test_two_different_trackables_with_one_name_keep_both(utc_settings: Database, tmp_path: Path,
        state: Any) -> None:
    a, b = utc_settings, second_folder(tmp_path)
    try:
        merged_a, merged_b = state(), state()
        ticker_a, ticker_b = Ticker(DEVICE_A), Ticker(DEVICE_B)
        kratom = trackables.add_custom(a, "Kratom", "g", kind="substance")
        created, _ = sync_pass(a, merged_a, ticker_a)
        trackables.update_trackable(a, kratom.id, name="Kava")  # its uuid stays Kratom's
        trackables.add_custom(b, "Kava", "cups", kind="substance")
        from_a = created + sync_pass(a, merged_a, ticker_a)[0]
        from_b, on_b = sync_pass(b, merged_b, ticker_b, from_a)
        _, on_a = sync_pass(a, merged_a, ticker_a, from_b)
        assert on_a.notes and on_b.notes
        names = [sorted((t.name, t.unit) for t in trackables.list_trackables(db)) for db in (a, b)]
        assert names[0] == names[1] == [("Kava", "g"), ("Kava (2)", "cups")]
    finally:
        b.close()


def test_tag_counts_stay_right_for_materialized_entries(utc_settings: Database, tmp_path: Path,
        state: Any) -> None:
    from harmtrack.core.storage.schema import DAY_TAG_COUNTS_FROM_TAGS

    def counts(db: Database) -> tuple[list[Any], list[Any]]:
        with db.engine.connect() as conn:
            kept = sorted(conn.exec_driver_sql("SELECT * FROM day_tag_counts").all())
            fresh = sorted(conn.exec_driver_sql(DAY_TAG_COUNTS_FROM_TAGS).all())
        return kept, fresh

    a, b = utc_settings, second_folder(tmp_path)
    try:
        merged_a, merged_b = state(), state()
        ticker_a, ticker_b = Ticker(DEVICE_A), Ticker(DEVICE_B)
        one = entries.log(a, "alcohol", 2, triggers=["stress", "party"], practices=["water"])
        two = entries.log(a, "alcohol", 0, urge_only=True, triggers=["stress"])
        sync_pass(b, merged_b, ticker_b, sync_pass(a, merged_a, ticker_a)[0])
        kept, fresh = counts(b)
        assert kept == fresh and len(kept) == 3
        entries.update_entry(a, one.id, triggers=["boredom"], at=one.occurred_at - dt.timedelta(days=2))
        entries.update_entry(a, two.id, urge_only=False, amount=1)
        sync_pass(b, merged_b, ticker_b, sync_pass(a, merged_a, ticker_a)[0])
        kept, fresh = counts(b)
        assert kept == fresh and kept == counts(a)[0]
        entries.delete_entry(a, one.id)
        sync_pass(b, merged_b, ticker_b, sync_pass(a, merged_a, ticker_a)[0])
        assert counts(b)[0] == counts(b)[1] == counts(a)[0]
    finally:
        b.close()


def test_the_command_line_and_an_import_mark_their_rows(data_dir: Path, tmp_path: Path) -> None:
    from harmtrack.cli import run
    from harmtrack.core.exchange import importers

    assert run(["--data-dir", str(data_dir), "log", "alcohol", "2", "--note", "from the terminal"]) == 0
    f = tmp_path / "import.csv"
    f.write_text("occurred_at,trackable,amount,triggers\n2025-01-01T10:00:00+00:00,Walk,1,tired\n",
                 encoding="utf-8")
    db = open_data_folder(data_dir)
    try:
        importers.run_import(db, f)
        out = capture(db, DictMerged())
    finally:
        db.close()
    assert "from the terminal" in [a.value for a in out if a.field == "note"]
    assert [["trigger", 0, "tired"]] in [a.value for a in out if a.field == "tags"]
    assert {a.value for a in out if a.table == "trackables" and a.field == "name"} == {"Alcohol", "Walk"}


def test_a_new_day_start_from_the_other_computer_refiles_the_entries_here(utc_settings: Database,
                                                                          tmp_path: Path, state: Any) -> None:
    a, b = utc_settings, second_folder(tmp_path)
    try:
        update_settings(b, timezone="UTC")
        merged_a, merged_b = state(), state()
        ticker_a, ticker_b = Ticker(DEVICE_A), Ticker(DEVICE_B)
        sync_pass(b, merged_b, ticker_b, sync_pass(a, merged_a, ticker_a)[0])
        sync_pass(a, merged_a, ticker_a, sync_pass(b, merged_b, ticker_b)[0])
        late = entries.log(b, "alcohol", 1, at=dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC))
        assert late.day == dt.date(2026, 3, 2)
        update_settings(a, day_start_hour=4)
        logged, _ = sync_pass(b, merged_b, ticker_b, sync_pass(a, merged_a, ticker_a)[0])
        assert entries.get_entry(b, late.id).day == dt.date(2026, 3, 1)  # 02:30 belongs to the day before
        moved, _ = sync_pass(b, merged_b, ticker_b)
        assert [(x.field, x.value) for x in moved] == [("day", "2026-03-01")]
        sync_pass(a, merged_a, ticker_a, logged + moved)
        assert entries_json(a) == entries_json(b)
        assert [e["day"] for e in entries_json(a)] == ["2026-03-01"]
    finally:
        b.close()


def test_bulk_writers_mark_as_the_triggers_would(tmp_path: Path) -> None:
    """marked_at_the_end (imports, the demo) leaves the marks the per-row triggers leave."""
    from harmtrack.core.storage.sync_marks import marked_at_the_end

    def run(folder: Path, bulk: bool) -> list[Any]:
        db = open_data_folder(folder)
        try:
            first = entries.log(db, "alcohol", 1, note="kept")
            gone = entries.log(db, "alcohol", 2, note="gone")
            capture(db, DictMerged())
            entries.delete_entry(db, gone.id)
            with transaction(db) as conn:
                block = marked_at_the_end(conn) if bulk else contextlib.nullcontext()
                with block:
                    for i in range(3):  # the first takes the deleted entry's id again
                        conn.exec_driver_sql(
                            "INSERT INTO entries (trackable_id, occurred_at, utc_offset_min, day, amount, "
                            "urge_only, discuss, created_at, updated_at) VALUES (1, '2026-01-01 10:00:00', "
                            "0, '2026-01-01', ?, 0, 0, '2026-01-01 10:00:00', '2026-01-01 10:00:00')", (i,))
                    conn.exec_driver_sql("INSERT INTO entry_tags (entry_id, kind, name, position) "
                                         "VALUES (?, 'trigger', 'late', 0)", (first.id,))
            with db.engine.connect() as conn:
                return [(t, k if not k.startswith("~") else "~", u is None, d, x)
                        for t, k, u, d, x in marks(conn) if t == "entries"]
        finally:
            db.close()

    per_row, bulk = run(tmp_path / "per-row", False), run(tmp_path / "bulk", True)
    assert bulk == per_row
    assert ("entries", "~", False, 1, 1) in bulk  # the deletion still goes out
    assert ("entries", "1", False, 1, 0) in bulk  # the older entry's new tag


def test_values_this_version_cannot_use_are_left_out_and_the_rest_lands(utc_settings: Database) -> None:
    from harmtrack.core.sync.materialize import materialize
    from harmtrack.core.sync.records import MergedRow

    alcohol = trackables.add_builtin(utc_settings, "alcohol")
    capture(utc_settings, DictMerged())
    with utc_settings.engine.connect() as conn:
        alcohol_uuid = conn.execute(select(schema.sync_rows_table.c.uuid).where(
            schema.sync_rows_table.c.local_key == str(alcohol.id),
            schema.sync_rows_table.c.table_name == "trackables")).scalar_one()
    good = {"trackable_id": alcohol_uuid, "occurred_at": "2026-01-02 10:00:00", "utc_offset_min": 0,
            "day": "2026-01-02", "amount": 1.0, "urge_only": False, "discuss": False, "tags": [],
            "created_at": "2026-01-02 10:00:00"}
    settings = tables.synced_table("settings")
    rows = [
        MergedRow("entries", "e-good", good, False),
        MergedRow("entries", "e-words", {**good, "amount": "lots"}, False),
        MergedRow("entries", "e-mood", {**good, "mood": 9}, False),  # the table's CHECK refuses it
        MergedRow("settings", tables.natural_uuid(settings, "day_start_hour"),
                  {"key": "day_start_hour", "value": 99}, False),
        MergedRow("settings", tables.natural_uuid(settings, "theme"), {"key": "theme", "value": "dark"},
                  False),
        MergedRow("future_table", "x", {"a": 1}, False),
    ]
    with transaction(utc_settings) as conn:
        result = materialize(conn, rows)
    assert result.added == 1 and result.waiting == 1 and len(result.notes) == 4
    assert [e.amount for e in entries.list_entries(utc_settings)] == [1.0]
    from harmtrack.core.storage.settings import get_settings

    assert (get_settings(utc_settings).day_start_hour, get_settings(utc_settings).theme) == (0, "system")


def test_history_brought_over_by_an_export_is_kept_once_after_syncing(utc_settings: Database,
                                                                      tmp_path: Path, state: Any) -> None:
    """Export on one computer, import on the other, then sync: no entry twice, either side."""
    from harmtrack.core.exchange import export, importers

    a, b = utc_settings, second_folder(tmp_path)
    try:
        update_settings(b, timezone="UTC")
        entries.log(a, "alcohol", 2, note="first", triggers=["stress"])
        entries.log(a, "alcohol", 1, note="second")
        importers.run_import(b, export.write_export(a, "json", tmp_path / "history.json"))
        entries.log(b, "alcohol", 1, note="second")  # the same words, a different occasion
        merged_a, merged_b = state(), state()
        ticker_a, ticker_b = Ticker(DEVICE_A), Ticker(DEVICE_B)
        from_a, _ = sync_pass(a, merged_a, ticker_a)
        from_b, on_b = sync_pass(b, merged_b, ticker_b, from_a)
        _, on_a = sync_pass(a, merged_a, ticker_a, from_b)
        # The retired copies' deletions go out with the next passes.
        retired_b, _ = sync_pass(b, merged_b, ticker_b)
        retired_a, _ = sync_pass(a, merged_a, ticker_a, retired_b)
        sync_pass(b, merged_b, ticker_b, retired_a)
        assert any("kept once" in n for n in on_a.notes + on_b.notes)
        for db in (a, b):
            assert sorted(e.note for e in entries.list_entries(db)) == ["first", "second", "second"]
        assert entries_json(a) == entries_json(b)
        assert synced_contents(a) == synced_contents(b)
    finally:
        b.close()
