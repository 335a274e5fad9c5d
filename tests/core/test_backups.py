"""Daily rotating backups, manual backup, checked restore."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from harmtrack.core.common.errors import NewerSchema, NotHarmTrackDatabase
from harmtrack.core.privacy import crypto
from harmtrack.core.storage import backups
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import get_settings, update_settings
from harmtrack.core.tracking import entries


def test_first_open_of_the_day_takes_one_backup(data_dir: Path) -> None:
    db = open_data_folder(data_dir)
    assert backups.list_backups(data_dir) == []  # a brand-new folder has nothing to keep yet
    entries.log(db, "alcohol", 2)
    db.close()
    db = open_data_folder(data_dir)
    db.close()
    db = open_data_folder(data_dir)
    daily = [b for b in backups.list_backups(data_dir) if b.kind == "daily"]
    assert [b.path.name for b in daily] == [f"daily-{dt.date.today().isoformat()}.sqlite3"]
    assert get_settings(db).last_auto_backup == dt.date.today().isoformat()
    con = sqlite3.connect(daily[0].path)
    assert con.execute("SELECT count(*) FROM entries").fetchone() == (1,)
    con.close()
    db.close()


def test_daily_backups_rotate_to_the_last_n(db) -> None:
    update_settings(db, backups_keep=3)
    entries.log(db, "alcohol", 1)
    start = dt.date(2026, 1, 1)
    for i in range(6):
        assert backups.daily_backup(db, today=start + dt.timedelta(days=i)) is not None
    assert backups.daily_backup(db, today=start + dt.timedelta(days=5)) is None  # already done
    names = sorted(b.path.name for b in backups.list_backups(db.path.parent) if b.kind == "daily")
    assert names == ["daily-2026-01-04.sqlite3", "daily-2026-01-05.sqlite3", "daily-2026-01-06.sqlite3"]


def test_restore_brings_back_the_backup_and_keeps_the_current_data(db) -> None:
    entries.log(db, "alcohol", 1, note="before")
    saved = backups.make_backup(db, "manual")
    entries.log(db, "alcohol", 5, note="after")
    result = backups.restore(db, saved)
    assert result.check.entries == 1
    restored = result.database
    assert [e.note for e in entries.list_entries(restored)] == ["before"]
    con = sqlite3.connect(result.previous)
    assert con.execute("SELECT count(*) FROM entries").fetchone() == (2,)
    con.close()
    restored.close()


def test_restore_refuses_a_damaged_or_foreign_or_newer_file(db, tmp_path: Path) -> None:
    entries.log(db, "alcohol", 1)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(NotHarmTrackDatabase):
        backups.restore(db, junk)
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE songs (t)")
    con.commit()
    con.close()
    with pytest.raises(NotHarmTrackDatabase, match="not a HarmTrack"):
        backups.restore(db, other)
    newer = backups.make_backup(db, "manual", out=tmp_path / "newer.sqlite3")
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(NewerSchema, match="newer version"):
        backups.restore(db, newer)
    # Nothing was replaced, and no "before-restore" copy was needed.
    assert len(entries.list_entries(db)) == 1
    assert not [b for b in backups.list_backups(db.path.parent) if b.kind == "before-restore"]


def test_restore_into_an_encrypted_folder_writes_it_encrypted(data_dir: Path, tmp_path: Path) -> None:
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1, note="PlainBackupNote")
    plain = backups.make_backup(db, "manual", out=tmp_path / "plain.sqlite3")
    db = crypto.change_encryption(db, "a long passphrase").database
    entries.log(db, "alcohol", 2)
    result = backups.restore(db, plain)
    db = result.database
    assert db.encrypted and [e.note for e in entries.list_entries(db)] == ["PlainBackupNote"]
    db.close()
    assert b"PlainBackupNote" not in (data_dir / "harmtrack.sqlite3").read_bytes()
