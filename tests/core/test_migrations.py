"""Every historical schema version opens, migrates after a backup, and keeps its data."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from harmtrack.core.goals import store as goals
from harmtrack.core.storage import engine as storage_engine
from harmtrack.core.storage import opening, revisions
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import checkins, entries


def make_old_database(path: Path, revision: str) -> None:
    """A database as HarmTrack at ``revision`` wrote it, with some data in it."""
    engine = storage_engine.make_engine(storage_engine.plain_connector(path))
    revisions.upgrade(engine, revision)
    engine.dispose()
    con = sqlite3.connect(path)
    con.executescript("""
        INSERT INTO trackables (id, name, kind, unit, colour, archived, builtin_key, sort_order, created_at)
        VALUES (1, 'Alcohol', 'substance', 'standard drinks', '#E69F00', 0, 'alcohol', 1,
                '2026-01-01 00:00:00');
        INSERT INTO entries (id, trackable_id, occurred_at, utc_offset_min, day, amount, craving, note,
                             urge_only, discuss, created_at, updated_at)
        VALUES (7, 1, '2026-01-05 20:00:00', 60, '2026-01-05', 2.5, 4, 'from the old version', 0, 1,
                '2026-01-05 20:00:00', '2026-01-05 20:00:00');
        INSERT INTO entry_tags (entry_id, kind, name, position) VALUES (7, 'trigger', 'stress', 0);
        INSERT INTO checkins (day, created_at) VALUES ('2026-01-06', '2026-01-06 21:00:00');
        INSERT INTO goals (id, trackable_id, type, archived, created_at)
        VALUES (3, 1, 'weekly-max', 0, '2026-01-01 00:00:00');
        INSERT INTO goal_versions (goal_id, effective_from, target, created_at)
        VALUES (3, '2026-01-05', 14, '2026-01-01 00:00:00');
    """)
    con.commit()
    con.close()


@pytest.mark.parametrize("revision", revisions.REVISIONS[:-1])
def test_old_database_is_backed_up_migrated_and_keeps_its_data(data_dir: Path, revision: str) -> None:
    path = data_dir / "harmtrack.sqlite3"
    make_old_database(path, revision)
    database = open_data_folder(data_dir)
    try:
        assert any(revision in n for n in database.notices)
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == revisions.HEAD
        rec = entries.get_entry(database, 7)
        assert (rec.amount, rec.note) == (2.5, "from the old version")
        assert (rec.triggers, rec.discuss) == (("stress",), True)
        assert rec.occurred_at.utcoffset().total_seconds() == 3600
        assert checkins.checked_in_days(database) == {dt.date(2026, 1, 6)}
        goal = goals.get_goal(database, 3)
        assert goal.current_target == 14 and goal.archived_on is None
    finally:
        database.close()
    backups = list((data_dir / "backups").glob(f"before-migration-{revision}-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    try:  # the copy is the database exactly as it was before the upgrade
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
        assert con.execute("SELECT note FROM entries WHERE id = 7").fetchone() == ("from the old version",)
    finally:
        con.close()


def test_archiving_records_the_day_and_ends_judging_there(db) -> None:
    from harmtrack.core.goals import progress

    goal = goals.create_goal(db, "alcohol", "daily-max", 3, start=dt.date(2026, 1, 1))
    archived = goals.archive_goal(db, goal.id)
    today = entries.today(db)
    assert archived.archived_on == today
    results = progress.evaluate_all(db, today - dt.timedelta(days=3), today + dt.timedelta(days=3),
                                    include_archived=True, today=today + dt.timedelta(days=3))
    assert max(r.end for r in results) == today
    assert goals.archive_goal(db, goal.id, archived=False).archived_on is None


def test_an_archived_goal_still_draws_its_line_until_it_was_archived(db) -> None:
    import math

    from sqlalchemy import update

    from harmtrack.core.charts.data import chart_data
    from harmtrack.core.storage.db import transaction
    from harmtrack.core.storage.schema import goals_table

    today = entries.today(db)
    start = today - dt.timedelta(days=20)
    goal = goals.create_goal(db, "alcohol", "daily-max", 3, start=start)
    goals.archive_goal(db, goal.id)
    with transaction(db) as conn:  # as if it had been archived five days ago
        conn.execute(update(goals_table).where(goals_table.c.id == goal.id)
                     .values(archived_on=today - dt.timedelta(days=5)))
    data = chart_data(db, "daily", goal.trackable_id, start, today)
    targets = list(data.target)
    assert targets[:16] == [3.0] * 16
    assert all(math.isnan(v) for v in targets[16:])


def _checks(tables) -> dict[str, list[tuple[str | None, str]]]:  # type: ignore[no-untyped-def]
    """Each table's CHECK constraints as (name, text), spaces normalised."""
    return {name: sorted((c["name"], " ".join(c["sqltext"].split())) for c in checks)
            for name, checks in tables}


def test_the_migrations_build_the_schema_that_schema_py_describes(tmp_path: Path) -> None:
    """core/storage/schema.py (what a new folder gets) and the migrations describe one schema.

    Alembic's own comparison (what ``alembic revision --autogenerate`` runs) sees tables,
    columns, types, nullability, server defaults, indexes, unique and foreign-key
    constraints; CHECK constraints it does not compare, so those are compared here as
    SQLite reports them for a new folder's file and a migrated one.
    """
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from harmtrack.core.storage.schema import metadata

    fresh = tmp_path / "fresh" / "harmtrack.sqlite3"
    opening.open_database(fresh).close()
    migrated = tmp_path / "migrated" / "harmtrack.sqlite3"
    migrated.parent.mkdir()
    checks = []
    triggers: list[list[Any]] = []
    for path in (fresh, migrated):
        engine = storage_engine.make_engine(storage_engine.plain_connector(path))
        try:
            if path == migrated:
                revisions.upgrade(engine, "head")
            with engine.connect() as conn:
                context = MigrationContext.configure(
                    conn, opts={"compare_type": True, "compare_server_default": True})
                assert compare_metadata(context, metadata) == [], path.parent.name
                insp = inspect(conn)
                checks.append(_checks((t, insp.get_check_constraints(t))
                                      for t in insp.get_table_names()))
                triggers.append(sorted(conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all()))
        finally:
            engine.dispose()
    assert checks[0] == checks[1]
    assert triggers[0] == triggers[1] and len(triggers[0]) >= 5  # the kept tag counts
    assert sum(map(len, checks[0].values())) >= 8  # the CHECKs were read, not missed


def test_a_file_stamped_older_than_its_tables_opens(data_dir: Path) -> None:
    """Stamp 0001 on a file whose tables are already 0002's: upgraded, nothing lost."""
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 2, note="kept")
    db.close()
    con = sqlite3.connect(data_dir / "harmtrack.sqlite3")
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    db = open_data_folder(data_dir)
    try:
        assert [e.note for e in entries.list_entries(db)] == ["kept"]
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == revisions.HEAD
    finally:
        db.close()


def test_a_migration_that_fails_is_refused_in_one_line_and_changes_nothing(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    from harmtrack.core.common.errors import DatabaseError

    path = data_dir / "harmtrack.sqlite3"
    make_old_database(path, "0001")

    def broken(engine, target: str = "head") -> None:  # type: ignore[no-untyped-def]
        raise OperationalError("ALTER TABLE goals", {}, Exception("duplicate column name"))

    monkeypatch.setattr(opening, "upgrade", broken)
    with pytest.raises(DatabaseError, match="cannot upgrade the database from schema 0001"):
        open_data_folder(data_dir)
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
