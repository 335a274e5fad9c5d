"""Start-up and logging speed, measured against a floor in the same run.

    python benchmarks/startup.py [--runs 7] [--days 3650] [--from-source] [--data-dir DIR]

1. Median wall time from spawning ``harmtrack smoke`` to the end of its first paint (the
   first ``processEvents`` after the window is shown lays it out and paints it) on a
   10-year demo data folder, against a floor: a bare QMainWindow painted the same way
   after ``import sqlalchemy.orm``. Target: ratio ≤ 1.25. Both then render their window
   again into an image (``grab``) to prove it draws; that second render is timed and
   printed too ("with a second render"), but no one waits for it. With ``--data-dir`` a
   copy of that folder is used instead of the demo (e.g. scale.py's 1M-entry folder).
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
import time
print(f"painted {time.time():.6f} {time.process_time():.6f}", flush=True)
assert not w.grab().toImage().isNull()
print(f"grabbed {time.time():.6f}", flush=True)
"""


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds from spawning the process to its first paint and to its second render, and
    the CPU seconds it had used at its first paint.

    The process prints when each was done ("painted WALL CPU", "grabbed WALL").
    """
    start = time.time()
    out = subprocess.run(cmd, cwd=ROOT, env={**env, "HARMTRACK_REPORT_PAINT": "1"}, check=True,
                         capture_output=True, text=True).stdout
    stamps = {line.split()[0]: line.split()[1:] for line in out.splitlines()
              if line.startswith(("painted ", "grabbed "))}
    painted, cpu = (float(x) for x in stamps["painted"])
    return painted - start, float(stamps["grabbed"][0]) - start, cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--from-source", action="store_true",
                        help="remove the app's compiled bytecode and measure compiling it on "
                             "every start (a source checkout with PYTHONDONTWRITEBYTECODE set)")
    parser.add_argument("--data-dir", type=Path,
                        help="start on a copy of this data folder instead of a demo one")
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
        if args.data_dir:  # a copy: the logging step below writes entries
            import shutil

            shutil.copytree(args.data_dir, folder, ignore=shutil.ignore_patterns("*.lock"))
        else:
            subprocess.run([sys.executable, "-m", "harmtrack", "--data-dir", str(folder), "demo",
                            "--days", str(args.days)], cwd=ROOT, env=env, check=True,
                           capture_output=True)
        smoke = [sys.executable, "-m", "harmtrack", "--data-dir", str(folder), "smoke"]
        floor = [sys.executable, "-c", FLOOR]
        timed(smoke, env)  # warm the file cache once for both
        timed(floor, env)
        app_times, floor_times = [], []
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            app_times.append(timed(smoke, env))
            floor_times.append(timed(floor, env))
        how = "from source" if args.from_source else "from bytecode"
        for i, what in ((0, "first painted window"), (1, "with a second render (grab)"),
                        (2, "CPU time to the first paint")):
            app_med = statistics.median(t[i] for t in app_times)
            floor_med = statistics.median(t[i] for t in floor_times)
            target = " (target ≤ 1.25)" if i == 0 else ""  # CPU: steadier on a busy machine
            data = f"copy of {args.data_dir}" if args.data_dir else f"{args.days}-day demo"
            print(f"{what}, {data} ({how}): median {app_med * 1000:.0f} ms "
                  f"(floor {floor_med * 1000:.0f} ms) ratio {app_med / floor_med:.2f}{target}")

        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, str(ROOT))
        from PySide6.QtWidgets import QApplication

        from harmtrack.core.storage.data_folder import open_data_folder
        from harmtrack.ui.context import AppContext
        from harmtrack.ui.log_view import LogView

        app = QApplication.instance() or QApplication([])
        db = open_data_folder(folder)
        view = LogView(AppContext(db))
        view.show()
        while view.pending or view.progress_panel.pending:  # the day is read after the paint
            app.processEvents()
            time.sleep(0.005)
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
