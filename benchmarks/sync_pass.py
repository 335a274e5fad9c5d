"""What a sync pass costs: a computer's first pass, another joining it, and a pass after a
few edits, with the size of the change files and of the sync state.

    python benchmarks/sync_pass.py [--entries 10000]

Entries come from the app's own import (a generated CSV), so they are marked as a real
import marks them. Prints seconds and sizes; never run in CI.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harmtrack.core.exchange import importers  # noqa: E402
from harmtrack.core.storage.data_folder import open_data_folder  # noqa: E402
from harmtrack.core.sync import service  # noqa: E402
from harmtrack.core.tracking import entries  # noqa: E402

PASS = "seven quiet wombats guard the harbour"


def write_csv(path: Path, n: int) -> None:
    rng = random.Random(1)
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["date", "time", "trackable", "amount", "note", "triggers"])
        for i in range(n):
            day = f"20{20 + i // 3650:02d}-{1 + (i // 300) % 12:02d}-{1 + (i // 10) % 28:02d}"
            w.writerow([day, f"{8 + i % 12:02d}:{i % 60:02d}", "Alcohol", rng.randint(1, 6),
                        f"note {i}", "stress" if i % 3 == 0 else ""])


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    result = fn()
    print(f"{label:<44} {time.perf_counter() - began:7.2f} s")
    return result


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def db_size(folder: Path) -> int:
    """The database and its write-ahead log (the log holds what is not checkpointed yet)."""
    return sum(p.stat().st_size for p in folder.glob("harmtrack.sqlite3*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    n = parser.parse_args().entries
    with tempfile.TemporaryDirectory(prefix="sync-pass-bench-") as tmp:
        root = Path(tmp)
        source = root / "entries.csv"
        write_csv(source, n)
        (root / "a").mkdir()
        (root / "b").mkdir()
        a = open_data_folder(root / "a", daily_backup=False)
        b = open_data_folder(root / "b", daily_backup=False)
        try:
            importers.run_import(a, source, "csv", backup=False)
            before = db_size(root / "a")
            service.set_folder(a, root / "sync", PASS, "A")
            service.set_folder(b, root / "sync", PASS, "B")
            timed(f"first pass of A ({n} entries sent)", lambda: service.run_pass(a))
            preview = timed(f"preview on B ({n} entries to add)", lambda: service.run_pass(b, dry_run=True))
            timed("first pass of B (they are added)", lambda: service.run_pass(b))
            for e in entries.list_entries(a)[:10]:
                entries.update_entry(a, e.id, amount=e.amount + 1)
            timed("A after 10 edits", lambda: service.run_pass(a))
            timed("B receives them", lambda: service.run_pass(b))
            timed("a pass with nothing new", lambda: service.run_pass(b))
            after = db_size(root / "a")
            print(f"preview counted {preview.added} rows to add")
            print(f"sync folder: {folder_size(root / 'sync') / 1e6:.1f} MB; A's database "
                  f"{before / 1e6:.1f} MB before its first pass, {after / 1e6:.1f} MB after")
        finally:
            a.close()
            b.close()


if __name__ == "__main__":
    main()
