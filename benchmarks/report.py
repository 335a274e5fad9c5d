"""How long a one-year PDF report of the 10-year demo data takes.

    python benchmarks/report.py [--days 3650] [--runs 3] [--data-dir DIR]

Makes (or reuses) a demo data folder with ``harmtrack demo --days N``, then times the
report for the last 365 days: once cold in a fresh interpreter (imports of reportlab and
matplotlib included, as the command line pays them), then warm in this process, split
into gathering the numbers and laying out the PDF. Also times the report with every
entry in a table. Target: the cold one-year report in ≤ 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_S = 2.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=3650)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data-dir", type=Path)
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="ht-bench-report-")
    folder = args.data_dir or Path(tmp.name) / "data"
    if not (folder / "harmtrack.sqlite3").exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "harmtrack", "--data-dir", str(folder), "demo",
                        "--days", str(args.days)], cwd=ROOT, check=True)
        print(f"demo data: {args.days} days in {time.perf_counter() - t:.1f} s")

    from harmtrack.core.report import pdf as report
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.tracking.entries import entry_count, today

    db = open_data_folder(folder)
    end = today(db)
    start = end - dt.timedelta(days=364)
    print(f"entries in the folder: {entry_count(db)}; report range {start} to {end} "
          f"({(end - start).days + 1} days)")
    out = Path(tmp.name) / "report.pdf"

    # Cold: a fresh interpreter, as `harmtrack report` runs it.
    cold = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "harmtrack", "--data-dir", str(folder), "report",
                        "--from", start.isoformat(), "--to", end.isoformat(), "--out", str(out)],
                       cwd=ROOT, check=True, capture_output=True)
        cold.append(time.perf_counter() - t)

    warm, gather_t, entries_t = [], [], []
    opts = report.ReportOptions(start, end)
    for _ in range(args.runs):
        t = time.perf_counter()
        report.gather(db, opts)
        gather_t.append(time.perf_counter() - t)
        result = report.write_report(db, opts, out)
        warm.append(result.seconds)
    pages, size = result.pages, out.stat().st_size
    all_opts = report.ReportOptions(start, end, all_entries=True)
    for _ in range(max(1, args.runs // 2)):
        r2 = report.write_report(db, all_opts, out)
        entries_t.append(r2.seconds)
    db.close()

    med = statistics.median
    print(f"one-year report, whole command (cold process): median {med(cold):.2f} s "
          f"(runs: {', '.join(f'{x:.2f}' for x in cold)}) — target ≤ {TARGET_S:.1f} s, "
          f"ratio {med(cold) / TARGET_S:.2f}")
    print(f"  warm in-process: {med(warm):.2f} s, of which gathering numbers {med(gather_t):.2f} s; "
          f"{pages} pages, {size / 1024:.0f} KiB")
    print(f"  with every entry in a table: {med(entries_t):.2f} s, {r2.pages} pages")
    return 0 if med(cold) <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
