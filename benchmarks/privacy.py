"""Cost of the privacy features on a 10-year demo history.

    python benchmarks/privacy.py [--days 3650] [--runs 5]

Prints, each as a median of ``--runs``:
1. opening the data folder when today's backup exists (every start but the first of
   the day) against a bare ``open_database``: what the backup check and the write
   probe add to start-up (target: ≤ 5 ms added; the whole GUI start is ~1 s);
2. the first open of a day, which writes the daily backup (target: ≤ 150 ms);
3. opening an encrypted folder with its passphrase (the key derivation dominates);
4. logging one entry, plain against encrypted (ratio);
5. JSON export, and import of that export into an empty folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harmtrack.core.exchange import demo, export, importers  # noqa: E402
from harmtrack.core.privacy import crypto  # noqa: E402
from harmtrack.core.storage.data_folder import open_data_folder  # noqa: E402
from harmtrack.core.storage.opening import open_database  # noqa: E402
from harmtrack.core.tracking import entries  # noqa: E402

PASS = "benchmark passphrase"


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=3650)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="ht-bench-"))
    plain = base / "plain"
    db = open_data_folder(plain)
    demo.fill(db, days=args.days)
    n = entries.entry_count(db)
    db.close()
    size = (plain / "harmtrack.sqlite3").stat().st_size / 1e6
    print(f"data: {n} entries over {args.days} days, {size:.1f} MB")

    def bare() -> None:
        open_database(plain / "harmtrack.sqlite3").close()

    def folder() -> None:
        open_data_folder(plain).close()

    open_data_folder(plain).close()  # today's backup now exists
    t_bare, t_folder = median_ms(bare, args.runs), median_ms(folder, args.runs)
    print(f"open, backup already done today: {t_folder:.1f} ms vs bare open {t_bare:.1f} ms "
          f"(adds {t_folder - t_bare:.1f} ms, target ≤ 5 ms)")

    def first_of_day() -> None:
        shutil.rmtree(plain / "backups", ignore_errors=True)
        open_data_folder(plain).close()

    print(f"first open of the day (writes the daily backup): {median_ms(first_of_day, args.runs):.1f} ms "
          "(target ≤ 150 ms)")

    enc = base / "enc"
    shutil.copytree(plain, enc)
    crypto.change_encryption(open_data_folder(enc), PASS).database.close()
    open_data_folder(enc, passphrase=PASS).close()
    t_enc = median_ms(lambda: open_data_folder(enc, passphrase=PASS).close(), args.runs)
    print(f"open encrypted folder with passphrase: {t_enc:.1f} ms")

    for label, folder_, kw in (("plain", plain, {}), ("encrypted", enc, {"passphrase": PASS})):
        d = open_data_folder(folder_, **kw)
        t = median_ms(lambda d=d: entries.log(d, "alcohol", 1), args.runs * 4)
        print(f"log one entry ({label}): {t:.2f} ms")
        d.close()

    d = open_data_folder(plain)
    out = base / "all.json"
    t_exp = median_ms(lambda: export.write_export(d, "json", out), max(1, args.runs // 2))
    d.close()
    print(f"JSON export: {t_exp:.0f} ms ({out.stat().st_size / 1e6:.1f} MB)")
    empty = open_data_folder(base / "empty")
    t = time.perf_counter()
    importers.run_import(empty, out)
    print(f"JSON import into an empty folder: {(time.perf_counter() - t) * 1000:.0f} ms")
    empty.close()
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
