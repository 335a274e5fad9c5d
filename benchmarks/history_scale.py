"""History over a big folder, as a person uses it: the longest UI-thread stall per action.

    .venv/bin/python benchmarks/history_scale.py FOLDER

FOLDER is a data folder (e.g. a *copy* of ``~/.cache/harmtrack/bench-scale/1000000/data``
that ``benchmarks/scale.py`` built). The History screen is opened offscreen with a 5 ms
heartbeat ``QTimer`` (as ``scale.py``'s GUI child does); each action prints the longest gap
between heartbeats until the event loop is quiet, the rows the model holds, and at the end
the peak RSS. Targets: each stall ≤ 100 ms, peak RSS ≤ 300 MB.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QDate, QEventLoop, QPoint, Qt, QThreadPool, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.tracking import entries
    from harmtrack.ui.context import AppContext
    from harmtrack.ui.history_view import COLUMNS, HistoryView

    db = open_data_folder(Path(sys.argv[1]), create=False, daily_backup=False)
    app = QApplication([])
    ctx = AppContext(db)
    ticks: list[float] = []
    beat = QTimer()
    beat.setInterval(5)
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start()

    def settle(seconds: float) -> None:
        loop = QEventLoop()
        t0 = time.perf_counter()

        def check() -> None:
            if time.perf_counter() - t0 >= seconds and QThreadPool.globalInstance().activeThreadCount() == 0:
                loop.quit()

        checker = QTimer()
        checker.timeout.connect(check)
        checker.start(20)
        loop.exec()
        checker.stop()

    view: list[HistoryView] = []

    def stall(what: str, action: Callable[[], object]) -> None:
        settle(0.2)
        ticks.clear()
        ticks.append(time.perf_counter())
        QTimer.singleShot(0, action)
        settle(0.6)
        ticks.append(time.perf_counter())
        worst = max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000
        rows = len(view[0].model.rows) if view else 0
        print(f"{what:<40} {worst:8.0f} ms   rows held {rows:>8,}", flush=True)

    def open_history() -> None:
        hv = HistoryView(ctx)
        hv.resize(1180, 780)
        hv.show()
        view.append(hv)

    today = entries.today(db, ctx.settings())

    def start_at(days: int) -> Callable[[], None]:
        d = today - dt.timedelta(days=days)
        return lambda: view[0].start.setDate(QDate(d.year, d.month, d.day))

    def click_header(field: str) -> Callable[[], None]:
        def click() -> None:
            header = view[0].table.horizontalHeader()
            col = [c[1] for c in COLUMNS].index(field)
            where = QPoint(header.sectionViewportPosition(col) + 5, header.height() // 2)
            QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier, where)
        return click

    def key(k: Qt.Key) -> Callable[[], None]:
        def press() -> None:
            view[0].table.setFocus()
            QTest.keyClick(view[0].table, k, Qt.KeyboardModifier.ControlModifier)
        return press

    def drag_to_bottom() -> None:
        bar = view[0].table.verticalScrollBar()
        bar.setSliderDown(True)
        for step in range(1, 11):  # a drag: the slider moves through the range
            bar.setSliderPosition(bar.maximum() * step // 10)
        bar.setSliderDown(False)

    stall("open History (28 days)", open_history)
    stall("28 days -> 1 year", start_at(364))
    stall("sort by Amount", click_header("amount"))
    stall("1 year -> all time", start_at(3653))
    stall("sort by Day", click_header("day"))
    stall("Ctrl+End (last row)", key(Qt.Key.Key_End))
    stall("sort by Amount while deep", click_header("amount"))
    stall("Ctrl+Home", key(Qt.Key.Key_Home))
    stall("drag the scrollbar to the bottom", drag_to_bottom)
    stall("sort by What while deep", click_header("trackable"))
    stall("sort by Note", click_header("note"))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    app.processEvents()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
