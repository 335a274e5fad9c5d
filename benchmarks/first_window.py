"""What the first window leaves for later, and what that buys, against budgets.

    python benchmarks/first_window.py [--runs 5] [--settle 3]

Start-up speed choices, measured and printed here instead of asserted in the test suite
(they are implementation details: which modules are imported, which Qt classes PySide6
has built, how often an icon is drawn). Each figure is printed with its budget and "ok"
or "OVER"; the script exits 1 when one is over.

1. The first paint (``harmtrack smoke``), on a first start (empty icon cache folder) and
   on the next: which of the modules and Qt classes the first screen does not need were
   loaded or built anyway (budget: none), how many it loaded in all, and whether QtSvg
   was imported (budget: on the first start only; later the icons come from the cache).
2. Icons: the time to make every icon's pixmaps with an empty cache folder (drawn from
   SVG) and with a filled one (read back), and how many were drawn again on the next
   start (budget: 0).
3. After the first paint, in the running app: what it loads while the window is idle,
   and the time of the first and second entry logged by clicking submit, right after the
   first paint and once the window has been idle for ``--settle`` seconds (budget for the
   settled first entry: ≤ 30 ms, as in benchmarks/startup.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: What the first screen does not show, so it should not load or build them.
LATER_MODULES = ("harmtrack.ui.workers", "harmtrack.ui.commands", "harmtrack.ui.history_view")
LATER_CLASSES = ("QEvent", "QCloseEvent", "QMessageBox", "QDialog", "QCompleter",
                 "QSystemTrayIcon")
FIRST_ENTRY_BUDGET_MS = 30.0

#: ``harmtrack smoke`` as the console runs it; once its first paint is done (its event
#: loop starts), what it had imported and which Qt classes PySide6 had built (PySide6
#: builds a class on its first use).
PAINT = r"""
import json, runpy, sys
from PySide6 import QtCore, QtGui, QtWidgets

real_exec = QtWidgets.QApplication.exec

def exec_with_report(*args):
    built = sorted(name for module in (QtCore, QtGui, QtWidgets) for name in vars(module))
    print("PROBE " + json.dumps({"modules": sorted(sys.modules), "built": built}), flush=True)
    return real_exec()  # static in Qt: app.exec() passes the app along

QtWidgets.QApplication.exec = exec_with_report
sys.argv = ["harmtrack", "--data-dir", sys.argv[1], "smoke"]
runpy.run_module("harmtrack", run_name="__main__", alter_sys=True)
"""

#: Every icon in three looks and three sizes, timed; whether QtSvg was needed.
ICONS = r"""
import json, sys, time
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
app = QApplication([])
from harmtrack.paths import resource
from harmtrack.ui import icons
names = sorted(p.stem for p in resource("icons").glob("*.svg"))
start = time.perf_counter()
for name in names:
    icon = icons.icon(name)
    for side in (16, 24, 32):
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Selected):
            assert not icon.pixmap(QSize(side, side), 1.0, mode).isNull()
took = time.perf_counter() - start
print("PROBE " + json.dumps({"seconds": took, "svg": "PySide6.QtSvg" in sys.modules,
                             "pixmaps": len(names) * 9}), flush=True)
"""

#: The app as a person starts it (``harmtrack``); ``settle`` seconds after its event loop
#: starts, two entries are logged by clicking submit on the logging screen, then it quits.
SETTLE = r"""
import json, runpy, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

folder, settle = sys.argv[1], float(sys.argv[2])
at_exec = set()

def probe():
    window = next(w for w in QApplication.topLevelWidgets()
                  if w.isVisible() and hasattr(w, "view"))
    loaded = sorted(m for m in set(sys.modules) - at_exec
                    if m.startswith(("harmtrack", "sqlalchemy.orm")))
    view = window.view("log")
    times = []
    for amount in (1.0, 2.0):
        rows = view.table.rowCount()
        view.form.amount.setValue(amount)
        start = time.perf_counter()
        view.form.submit.click()
        times.append(time.perf_counter() - start)
        assert view.table.rowCount() == rows + 1, "the entry was not shown"
    print("PROBE " + json.dumps({"loaded_while_idle": loaded, "entries": times}), flush=True)
    QApplication.quit()

real_exec = QApplication.exec

def exec_with_probe(*args):
    at_exec.update(sys.modules)
    QTimer.singleShot(int(settle * 1000), probe)
    return real_exec()  # static in Qt: app.exec() passes the app along

QApplication.exec = exec_with_probe
sys.argv = ["harmtrack", "--data-dir", folder]
runpy.run_module("harmtrack", run_name="__main__", alter_sys=True)
"""


def probe(code: str, *args: str, home: Path) -> dict[str, Any]:
    """Run ``code`` as its own process with its own cache and config folders."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config")}
    env.pop("HARMTRACK_PASSPHRASE", None)
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise SystemExit(f"the probe failed:\n{out.stderr}")
    line = next(x for x in reversed(out.stdout.splitlines()) if x.startswith("PROBE "))
    return json.loads(line.removeprefix("PROBE "))


def cached_icons(home: Path) -> dict[str, int]:
    """The cache folder's files and when each was written."""
    return {p.name: p.stat().st_mtime_ns for p in (home / "cache").glob("*/icons/*")}


def make_folder(folder: Path) -> None:
    """A data folder with one entry and the first-run questions answered."""
    sys.path.insert(0, str(ROOT))
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.storage.settings import update_settings
    from harmtrack.core.tracking import entries

    db = open_data_folder(folder)
    update_settings(db, first_run_done=True)
    entries.log(db, "alcohol", 1, triggers=["after work"])
    db.close()


class Budgets:
    def __init__(self) -> None:
        self.over = 0

    def check(self, what: str, ok: bool, figure: str, budget: str) -> None:
        self.over += not ok
        print(f"{'ok  ' if ok else 'OVER'} {what}: {figure} (budget: {budget})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="timed runs (medians are printed)")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds the window is idle before the settled entries")
    args = parser.parse_args()
    budgets = Budgets()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "data"
        make_folder(folder)

        # 1. The first paint, on a first start and on the next.
        home = tmp / "paint"
        for start in ("first", "next"):
            got = probe(PAINT, str(folder), home=home)
            modules, built = set(got["modules"]), set(got["built"])
            own = sorted(m for m in modules if m.startswith("harmtrack"))
            print(f"     first paint, {start} start: {len(own)} harmtrack modules, "
                  f"{len(modules)} modules in all, {len(built)} Qt names built")
            budgets.check(f"{start} start: modules for later loaded", "harmtrack.ui.log_view" in modules
                          and not modules & set(LATER_MODULES),
                          str(sorted(modules & set(LATER_MODULES))), "none, and log_view loaded")
            budgets.check(f"{start} start: Qt classes for later built",
                          not built & set(LATER_CLASSES),
                          str(sorted(built & set(LATER_CLASSES))), "none")
            svg = "PySide6.QtSvg" in modules
            budgets.check(f"{start} start: QtSvg imported", svg == (start == "first"),
                          "yes" if svg else "no", "first start only")

        # 2. Icons drawn from SVG, then read back from the cache folder.
        drawn_times, read_times, drawn_again = [], [], []
        for run in range(args.runs):
            home = tmp / f"icons-{run}"
            first = probe(ICONS, home=home)
            written = cached_icons(home)
            nxt = probe(ICONS, home=home)
            drawn_again.append(sum(cached_icons(home).get(k) != v for k, v in written.items()))
            drawn_times.append(first["seconds"])
            read_times.append(nxt["seconds"])
            assert first["svg"] and len(written) == first["pixmaps"], (first, len(written))
        drawn, read = statistics.median(drawn_times), statistics.median(read_times)
        print(f"     icons, {first['pixmaps']} pixmaps: drawn {drawn * 1000:.1f} ms, read back "
              f"{read * 1000:.1f} ms (median of {args.runs}), ratio {read / drawn:.2f}")
        budgets.check("icons drawn again on the next start", not any(drawn_again),
                      str(max(drawn_again)), "0")
        budgets.check("QtSvg imported on the next start", not nxt["svg"],
                      "yes" if nxt["svg"] else "no", "no")

        # 3. The running app: entries right after the first paint and once it is idle.
        for settle in (0.0, args.settle):
            runs = [probe(SETTLE, str(folder), str(settle), home=tmp / "app")
                    for _ in range(args.runs)]
            first_ms = statistics.median(r["entries"][0] for r in runs) * 1000
            second_ms = statistics.median(r["entries"][1] for r in runs) * 1000
            loaded = runs[-1]["loaded_while_idle"]
            orm = [m for m in loaded if m.startswith("sqlalchemy.orm")]
            named = [m for m in loaded if m not in orm] + ([f"sqlalchemy.orm ({len(orm)} modules)"]
                                                         if orm else [])
            print(f"     {settle:.1f} s after the event loop started, loaded meanwhile: "
                  f"{', '.join(named) or 'nothing'}")
            what = f"first entry by click, {settle:.1f} s after start"
            figure = f"{first_ms:.1f} ms (second {second_ms:.1f} ms, ratio {first_ms / second_ms:.1f})"
            if settle:
                budgets.check(what, first_ms <= FIRST_ENTRY_BUDGET_MS, figure,
                              f"≤ {FIRST_ENTRY_BUDGET_MS:.0f} ms")
            else:
                print(f"     {what}: {figure}")
    return 1 if budgets.over else 0


if __name__ == "__main__":
    raise SystemExit(main())
