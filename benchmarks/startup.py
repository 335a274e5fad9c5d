"""Start-up and logging speed, measured against a floor in the same run.

    python benchmarks/startup.py [--runs 7] [--days 3650] [--from-source]

1. Median wall time of ``harmtrack smoke`` (start, open the database, paint the first
   screen, exit) on a 10-year demo data folder, against a floor: a bare QMainWindow
   painted after ``import sqlalchemy.orm``. Target: ratio ≤ 1.25.
2. Logging one entry on that data: from submit to stored and shown on the logging
   screen. Target: ≤ 30 ms.

The app's bytecode is compiled first, as an installed copy has it (pip compiles it at
install time) and as the floor's libraries have it. Without that, a machine that sets
PYTHONDONTWRITEBYTECODE compiles every module of the app from source on every start
(≈40 ms on a 2-core machine); ``--from-source`` measures that case.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = """
import sqlalchemy.orm
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("floor")); w.resize(1180, 780); w.show()
app.processEvents()
assert not w.grab().toImage().isNull()
import time
print(f"painted {time.time():.6f}", flush=True)
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the process to its first painted window (it prints when)."""
    start = time.time()
    out = subprocess.run(cmd, cwd=ROOT, env={**env, "HARMTRACK_REPORT_PAINT": "1"}, check=True,
                         capture_output=True, text=True).stdout
    painted = float(next(line.split()[1] for line in out.splitlines() if line.startswith("painted ")))
    return painted - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--from-source", action="store_true",
                        help="remove the app's compiled bytecode and measure compiling it on "
                             "every start (a source checkout with PYTHONDONTWRITEBYTECODE set)")
    args = parser.parse_args()
    if args.from_source:  # caches only: Python writes them again whenever it may
        for cached in (ROOT / "harmtrack").rglob("__pycache__/*.pyc"):
            cached.unlink()
    else:
        import compileall

        compileall.compile_dir(str(ROOT / "harmtrack"), quiet=1)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "harmtrack", "--data-dir", str(folder), "demo",
                        "--days", str(args.days)], cwd=ROOT, env=env, check=True, capture_output=True)
        smoke = [sys.executable, "-m", "harmtrack", "--data-dir", str(folder), "smoke"]
        floor = [sys.executable, "-c", FLOOR]
        timed(smoke, env)  # warm the file cache once for both
        timed(floor, env)
        app_times, floor_times = [], []
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            app_times.append(timed(smoke, env))
            floor_times.append(timed(floor, env))
        app_med, floor_med = statistics.median(app_times), statistics.median(floor_times)
        how = "from source" if args.from_source else "from bytecode"
        print(f"first painted window, {args.days}-day demo ({how}): median {app_med * 1000:.0f} ms "
              f"(floor {floor_med * 1000:.0f} ms) ratio {app_med / floor_med:.2f} (target ≤ 1.25)")

        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, str(ROOT))
        from PySide6.QtWidgets import QApplication

        from harmtrack.core.storage import open_data_folder
        from harmtrack.ui.context import AppContext
        from harmtrack.ui.log_view import LogView

        app = QApplication.instance() or QApplication([])
        db = open_data_folder(folder)
        from harmtrack.core.db import prepare_orm

        prepare_orm()  # as the app does once its first window is painted
        view = LogView(AppContext(db))
        view.show()
        app.processEvents()
        samples = []
        for _ in range(20):
            before = view.table.rowCount()
            start = time.perf_counter()
            view.submit()
            samples.append(time.perf_counter() - start)
            assert view.table.rowCount() == before + 1
        view.close()
        view.deleteLater()
        app.processEvents()
        db.close()
        print(f"log one entry (submit → stored → shown): median {statistics.median(samples) * 1000:.1f} ms, "
              f"max {max(samples) * 1000:.1f} ms (target ≤ 30 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
