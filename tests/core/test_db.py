"""Opening databases: fresh, migrated, too new, not ours, damaged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from harmtrack.core.common.errors import NewerSchema, NotHarmTrackDatabase
from harmtrack.core.storage import revisions
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_uses_wal_and_foreign_keys(db) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == revisions.HEAD


def test_revisions_list_matches_alembic_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(revisions.alembic_config())
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == revisions.REVISIONS


def test_newer_schema_is_refused_and_left_untouched(data_dir: Path) -> None:
    database = open_data_folder(data_dir)
    database.close()
    path = database.path
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NewerSchema, match="newer version"):
        open_data_folder(data_dir)
    assert digest(path) == before


def test_not_a_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    path = data_dir / "harmtrack.sqlite3"
    path.write_bytes(b"this is a shopping list, not a database\n" * 50)
    before = digest(path)
    with pytest.raises(NotHarmTrackDatabase):
        open_data_folder(data_dir)
    assert digest(path) == before


def test_someone_elses_sqlite_file_is_refused(data_dir: Path) -> None:
    path = data_dir / "harmtrack.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotHarmTrackDatabase, match="not a HarmTrack"):
        open_data_folder(data_dir)
    assert digest(path) == before


def test_damaged_file_is_refused(data_dir: Path) -> None:
    database = open_data_folder(data_dir)
    entries.log(database, "alcohol", 1)
    database.close()
    path = database.path
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the magic header
    path.write_bytes(bytes(raw))
    before = digest(path)
    with pytest.raises(NotHarmTrackDatabase):
        open_data_folder(data_dir)
    assert digest(path) == before


def test_data_survives_close_and_reopen(data_dir: Path) -> None:
    database = open_data_folder(data_dir)
    rec = entries.log(database, "alcohol", 3, note="still here")
    database.close()
    again = open_data_folder(data_dir)
    assert entries.get_entry(again, rec.id).note == "still here"
    again.close()
