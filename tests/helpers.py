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
