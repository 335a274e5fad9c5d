"""This device's sync state, kept in the data database (table ``sync_state``): its id and
name, its clock, the sync folder, the key derived for it (the database is as protected as
the data it protects), the next change file's number and the last pass; and which change
files of other devices were applied or skipped.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from harmtrack.core.storage.schema import sync_files_table, sync_state_table
from harmtrack.core.sync.clock import Clock, new_device_id

KEYS = ("device", "device_name", "clock", "folder", "key", "next_seq", "last_sync", "last_change",
        "outbox")


class SyncState(NamedTuple):
    device: str            # "" until ``ensure_device``
    device_name: str
    clock: str             # the greatest clock ticked or seen ("" before any)
    folder: Path | None    # None: no sync folder set
    key: bytes | None      # the folder's derived key, None with no folder
    next_seq: int          # the number of this device's next change file
    last_sync: dt.datetime | None  # UTC, aware
    #: When this device's newest change sent was made ("" before any); for its device record.
    last_change: str = ""
    #: A change file committed but not written yet (``sync.outbox``), None when none is due.
    outbox: dict[str, Any] | None = None


def load_state(conn: Connection) -> SyncState:
    """The stored state (defaults where nothing is stored yet)."""
    s = sync_state_table.c
    raw = {k: json.loads(v) for k, v in conn.execute(select(s.key, s.value))}
    last = raw.get("last_sync")
    return SyncState(
        device=raw.get("device", ""), device_name=raw.get("device_name", ""),
        clock=raw.get("clock", ""),
        folder=Path(raw["folder"]) if raw.get("folder") else None,
        key=base64.b64decode(raw["key"]) if raw.get("key") else None,
        next_seq=int(raw.get("next_seq", 1)),
        last_sync=dt.datetime.fromisoformat(last) if last else None,
        last_change=raw.get("last_change", ""), outbox=raw.get("outbox"),
    )


def save_state(conn: Connection, **values: object) -> None:
    """Store the given fields of SyncState (same names); None removes a field."""
    unknown = set(values) - set(KEYS)
    if unknown:
        raise TypeError(f"not sync state: {sorted(unknown)}")
    s = sync_state_table.c
    for name, value in values.items():
        if value is None:
            conn.execute(sync_state_table.delete().where(s.key == name))
            continue
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        elif isinstance(value, Path):
            value = str(value)
        elif isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).isoformat()
        stmt = insert(sync_state_table).values(key=name, value=json.dumps(value))
        conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}))


def ensure_device(conn: Connection, name: str = "") -> str:
    """This device's id, made (with ``name``) the first time."""
    state = load_state(conn)
    if state.device:
        return state.device
    device = new_device_id()
    save_state(conn, device=device, device_name=name or state.device_name)
    return device


def load_clock(conn: Connection) -> Clock:
    """This device's clock, carrying on from the last one stored (``ensure_device`` first)."""
    state = load_state(conn)
    return Clock(state.device, state.clock)


def save_clock(conn: Connection, clock: Clock) -> None:
    save_state(conn, clock=clock.last or None)


def applied_files(conn: Connection) -> set[tuple[str, str]]:
    """``(device, name)`` of every change file merged already."""
    f = sync_files_table.c
    return {(d, n) for d, n in conn.execute(select(f.device, f.name).where(f.reason.is_(None)))}


def mark_applied(conn: Connection, device: str, name: str) -> None:
    """Record a change file as merged (and no longer skipped)."""
    stmt = insert(sync_files_table).values(device=device, name=name, reason=None)
    conn.execute(stmt.on_conflict_do_update(index_elements=["device", "name"], set_={"reason": None}))


def skipped_files(conn: Connection) -> dict[tuple[str, str], str]:
    """``(device, name)`` → why, for the change files that could not be read last time."""
    f = sync_files_table.c
    query = select(f.device, f.name, f.reason).where(f.reason.is_not(None))
    return {(d, n): r for d, n, r in conn.execute(query)}


def mark_skipped(conn: Connection, device: str, name: str, reason: str) -> None:
    """Record why a change file could not be read (it is tried again next pass)."""
    stmt = insert(sync_files_table).values(device=device, name=name, reason=reason)
    conn.execute(stmt.on_conflict_do_update(index_elements=["device", "name"],
                                            set_={"reason": stmt.excluded.reason}))
