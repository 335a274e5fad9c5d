"""What sync's row marks cost: the triggers on a bulk import, the backfill, capture, materialize.

    python benchmarks/sync_store.py [--entries 100000] [--runs 3]

1. ``import``: a generated CSV of N entries (with 0-2 tags each) through the app's own
   import into a fresh folder, with the sync triggers (as shipped) and with them dropped
   (the code before issue 15). Medians of ``--runs``.
2. ``backfill``: the folder from (1) taken back to revision 0006, then migration 0008
   alone (sync_rows for every row, the triggers).
3. ``capture``: the first pass's capture of all N rows (uuids assigned, every field
   compared with an empty merged state).
4. ``materialize``: those rows merged (a dict-backed view) and written into a fresh folder,
   then every entry changed once more (a note edited on the other computer).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TRIGGERS = ("stress", "friends", "boredom", "work", "party", "tired")


def write_csv(path: Path, n: int) -> None:
    first = dt.datetime(2016, 1, 1)
    with path.open("w", encoding="utf-8") as f:
        f.write("occurred_at,trackable,amount,triggers\n")
        for i in range(n):
            at = first + dt.timedelta(minutes=50 * i)
            tags = ";".join(TRIGGERS[(i + k) % len(TRIGGERS)] for k in range(i % 3))
            f.write(f"{at.isoformat()},{('alcohol', 'cannabis')[i % 2]},{1 + i % 3},{tags}\n")


def fresh(folder: Path, *, triggers: bool) -> None:
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.storage.db import transaction
    from harmtrack.core.storage.settings import update_settings
    from harmtrack.core.storage.sync_marks import SYNC_MARK_TRIGGERS, trigger_name

    db = open_data_folder(folder, daily_backup=False)
    update_settings(db, timezone="UTC", first_run_done=True)
    if not triggers:
        with transaction(db) as conn:
            for s in SYNC_MARK_TRIGGERS:
                conn.exec_driver_sql(f"DROP TRIGGER {trigger_name(s)}")
    db.close()


def timed_import(folder: Path, csv_path: Path) -> float:
    from harmtrack.core.exchange import importers
    from harmtrack.core.storage.data_folder import open_data_folder

    db = open_data_folder(folder, daily_backup=False)
    try:
        start = time.perf_counter()
        importers.run_import(db, csv_path, backup=False)
        return time.perf_counter() - start
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    n = args.entries
    work = Path(tempfile.mkdtemp(prefix="sync-store-bench-"))
    try:
        csv_path = work / "entries.csv"
        write_csv(csv_path, n)
        times: dict[bool, list[float]] = {True: [], False: []}
        for run in range(args.runs):
            for triggers in (False, True):
                folder = work / f"import-{triggers}-{run}"
                fresh(folder, triggers=triggers)
                times[triggers].append(timed_import(folder, csv_path))
        without, with_ = statistics.median(times[False]), statistics.median(times[True])
        print(f"import {n:,} entries: {without:.2f} s without the sync triggers, {with_:.2f} s with "
              f"({with_ / without:.2f}×)")
        backfill(work / "import-True-0", n)
        capture_and_materialize(work / "import-True-0", work / "second", n)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def backfill(folder: Path, n: int) -> None:
    from alembic import command

    from harmtrack.core.storage import engine as storage_engine
    from harmtrack.core.storage import revisions

    path = folder / "harmtrack.sqlite3"
    engine = storage_engine.make_engine(storage_engine.plain_connector(path))
    cfg = revisions.alembic_config()
    with storage_engine.write_engine(engine).begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    start = time.perf_counter()
    revisions.upgrade(engine, "0008")
    print(f"migration 0008 on {n:,} entries (backfill and triggers): {time.perf_counter() - start:.2f} s")
    revisions.upgrade(engine, "head")
    engine.dispose()


def capture_and_materialize(folder: Path, second: Path, n: int) -> None:
    from sync_helpers import DEVICE_A, DictMerged, Ticker

    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.storage.db import transaction
    from harmtrack.core.sync.capture import local_changes
    from harmtrack.core.sync.materialize import materialize

    db = open_data_folder(folder, daily_backup=False)
    merged = DictMerged()
    start = time.perf_counter()
    with transaction(db) as conn:
        out = local_changes(conn, Ticker(DEVICE_A), merged)
    print(f"capture of {n:,} new entries: {time.perf_counter() - start:.2f} s, "
          f"{len(out):,} assignments")
    db.close()
    rows = merged.merge(out)
    other = open_data_folder(second, daily_backup=False)
    start = time.perf_counter()
    with transaction(other) as conn:
        result = materialize(conn, rows)
    print(f"materialize {len(rows):,} rows into a fresh folder: {time.perf_counter() - start:.2f} s "
          f"(added {result.added:,})")
    edited = [r._replace(fields={**r.fields, "note": "edited elsewhere"})
              for r in rows if r.table == "entries"]
    start = time.perf_counter()
    with transaction(other) as conn:
        result = materialize(conn, edited)
    print(f"materialize {len(edited):,} edited entries: {time.perf_counter() - start:.2f} s "
          f"(changed {result.changed:,})")
    other.close()


if __name__ == "__main__":
    main()
