"""How long a first sync's capture + merge takes and how much the merged state adds to the
database file, for N entries (default 20,000): prints seconds and bytes per entry.

    .venv/bin/python benchmarks/sync_merge.py [N]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.db import transaction
from harmtrack.core.sync import merge, state
from harmtrack.core.sync.capture import local_changes
from harmtrack.core.tracking import trackables


def used_bytes(db) -> int:  # type: ignore[no-untyped-def]
    """Bytes of pages in use (the file less its free pages), after a checkpoint."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        free = conn.exec_driver_sql("PRAGMA freelist_count").scalar()
        return int((pages - free) * conn.exec_driver_sql("PRAGMA page_size").scalar())


def main(n: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sync-merge-"))
    db = open_data_folder(folder)
    trackable = trackables.list_trackables(db)[0] if trackables.list_trackables(db) else None
    with transaction(db) as conn:
        if trackable is None:
            conn.exec_driver_sql(
                "INSERT INTO trackables (name, kind, unit, colour, archived, sort_order, created_at) "
                "VALUES ('Alcohol', 'substance', 'standard drinks', '#E69F00', 0, 1, '2026-01-01')")
        tid = conn.exec_driver_sql("SELECT min(id) FROM trackables").scalar()
        conn.exec_driver_sql(
            "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?) "
            "INSERT INTO entries (trackable_id, occurred_at, utc_offset_min, day, amount, craving, "
            "note, urge_only, discuss, created_at, updated_at) "
            "SELECT ?, datetime('2020-01-01', '+' || i || ' hours'), 60, "
            "date('2020-01-01', '+' || (i / 24) || ' days'), i % 5, i % 10, "
            "'a note of some length, number ' || i, 0, 0, '2026-01-01', '2026-01-01' FROM k",
            (n, tid))
    db.close()
    db = open_data_folder(folder)
    before = used_bytes(db)
    started = time.perf_counter()
    with transaction(db) as conn:
        state.ensure_device(conn, "bench")
        clock = state.load_clock(conn)
        changes = local_changes(conn, clock.tick, merge.merged_view(conn))
        captured = time.perf_counter()
        outcome = merge.merge(conn, changes)
        state.save_clock(conn, clock)
    merged = time.perf_counter()
    with transaction(db) as conn:  # the same files read again: every lookup finds its row
        assert merge.merge(conn, changes).rows == []
    again = time.perf_counter() - merged
    after = used_bytes(db)
    print(f"{n} entries: {len(changes)} assignments, {len(outcome.rows)} rows; "
          f"capture {captured - started:.1f} s, merge {merged - captured:.1f} s, "
          f"again {again:.1f} s; "
          f"file {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB "
          f"({(after - before) / n:.0f} bytes per entry)")
    db.close()
    if not os.environ.get("KEEP"):
        shutil.rmtree(folder)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
