"""Small helpers shared by tests (kept out of conftest.py so they import unambiguously)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo


def aware(y: int, m: int, d: int, hh: int = 12, mm: int = 0, tz: str = "UTC") -> dt.datetime:
    """An aware datetime in the given zone."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=ZoneInfo(tz))


def corrupt_pages(path: Path) -> None:
    """Wreck the entries table's first page (the header stays intact), as a bad sector
    would: the file still opens."""
    con = sqlite3.connect(path)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries'").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = bytearray(path.read_bytes())
    start = (root - 1) * size
    raw[start:start + size] = (b"\x0d\xff\xff" * size)[:size]
    path.write_bytes(bytes(raw))


def damaged_folder(data_dir: Path, notes: tuple[str, ...] = ("first", "second")) -> Path:
    """A data folder with one alcohol entry per note, a sound backup dated yesterday, and
    damaged pages (header intact); returns that backup."""
    import shutil

    from harmtrack.core.storage import backups
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.tracking import entries
    from harmtrack.paths import daily_backup_path

    db = open_data_folder(data_dir)
    for i, note in enumerate(notes, start=1):
        entries.log(db, "alcohol", i, note=note)
    good = backups.make_backup(db, "manual")
    db.close()
    yesterday = daily_backup_path(data_dir, dt.date.today() - dt.timedelta(days=1))
    shutil.move(good, yesterday)
    corrupt_pages(db.path)
    return yesterday


def notes_in(data_dir: Path) -> list[str | None]:
    """The notes of the folder's entries, in the order ``list_entries`` gives them."""
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.tracking import entries

    db = open_data_folder(data_dir)
    try:
        return [e.note for e in entries.list_entries(db)]
    finally:
        db.close()
