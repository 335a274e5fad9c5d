"""How long goal evaluation takes over a long history (run by hand; prints figures).

    /work/venv/bin/python benchmarks/goals_bench.py [years]
    /work/venv/bin/python benchmarks/goals_bench.py --ui FOLDER [--profile]

Builds a demo history (with its goals) in a temporary folder, then times what the UI
and the report do: the logging screen's glance, the Goals screen's summaries and live
preview, and a full-history evaluation of every goal.

With ``--ui`` it copies a data folder (e.g. ``~/.cache/harmtrack/bench-scale/1000000/data``
from benchmarks/scale.py; the original is never written) and drives the real main window
offscreen: the longest UI-thread stall (5 ms heartbeat, as scale.py measures) after
submitting an entry, opening Goals, changing the editor's and the planner's trackable and
kind, and submitting again with Goals built. ``--profile`` prints what ran on the UI
thread during each action (cProfile, top 25 by cumulative time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harmtrack.core.exchange import demo
from harmtrack.core.goals import glance, progress  # noqa: E402
from harmtrack.core.goals import store as goals
from harmtrack.core.storage.data_folder import open_data_folder  # noqa: E402
from harmtrack.core.tracking import entries


def timed(label: str, fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<48} {best * 1000:8.1f} ms")
    return best


def ui_stalls(folder: Path, profile: bool) -> None:
    """Longest UI-thread stall of each Goals and logging action over a copy of ``folder``."""
    import cProfile
    import os
    import pstats
    import shutil

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from harmtrack.app import pause_collection_for_start_up, start_up_done

    pause_collection_for_start_up()  # as the app starts (see scale.py's GUI child)
    from PySide6.QtCore import QEventLoop, Qt, QThreadPool, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from harmtrack.ui.context import AppContext
    from harmtrack.ui.main_window import MainWindow
    from harmtrack.ui.shell import prepare

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("*.lock"))
        db = open_data_folder(copy, create=False, daily_backup=False)
        app = QApplication([])
        ctx = AppContext(db)
        prepare(app, ctx)
        win = MainWindow(ctx)
        win.resize(1180, 780)
        win.show()
        start_up_done()
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
                idle = QThreadPool.globalInstance().activeThreadCount() == 0
                if time.perf_counter() - t0 >= seconds and idle:
                    loop.quit()

            checker = QTimer()
            checker.timeout.connect(check)
            checker.start(20)
            loop.exec()
            checker.stop()

        def stall(label: str, action) -> None:  # type: ignore[no-untyped-def]
            settle(0.3)
            ticks.clear()
            ticks.append(time.perf_counter())
            prof = cProfile.Profile() if profile else None

            def go() -> None:
                if prof is not None:
                    prof.enable()
                action()

            QTimer.singleShot(0, go)
            settle(0.6)
            if prof is not None:
                prof.disable()
            ticks.append(time.perf_counter())
            gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
            print(f"{label:<40} {max(gaps) * 1000:8.0f} ms longest stall", flush=True)
            if prof is not None:
                pstats.Stats(prof).sort_stats("cumulative").print_stats(25)

        def next_item(combo) -> None:  # type: ignore[no-untyped-def]
            combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())

        screens = dict(zip(win.screen_keys(), win.view_menu.actions(), strict=False))
        settle(1.0)  # past the form's completers (400 ms after start)
        submit = win.view("log").form.submit
        for i in range(3):
            stall(f"log an entry ({i + 1})", lambda: QTest.mouseClick(submit, Qt.MouseButton.LeftButton))
        stall("open Goals (first time)", screens["goals"].trigger)
        view = win.view("goals")
        stall("editor: another trackable", lambda: next_item(view.editor.trackable))
        stall("editor: another kind", lambda: next_item(view.editor.type))
        stall("editor: practice goal", lambda: view.editor.type.setCurrentIndex(
            view.editor.type.findData("practice")))
        view.tabs.setCurrentIndex(1)
        stall("planner: another trackable", lambda: next_item(view.planner.trackable))
        screens["log"].trigger()
        settle(0.3)
        stall("log an entry (Goals built)", lambda: QTest.mouseClick(submit, Qt.MouseButton.LeftButton))
        stall("open Goals again", screens["goals"].trigger)
        win.close()
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("years", nargs="?", type=int, default=10, help="years of demo history (default 10)")
    parser.add_argument("--ui", type=Path, help="drive the main window over a copy of this data folder")
    parser.add_argument("--profile", action="store_true", help="with --ui: cProfile each action")
    args = parser.parse_args()
    if args.ui:
        ui_stalls(args.ui, args.profile)
        return 0
    years = args.years
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data_folder(Path(tmp))
        t0 = time.perf_counter()
        n = demo.fill(db, days=365 * years)
        print(f"demo: {n} entries over {years} years in {time.perf_counter() - t0:.1f} s")
        all_goals = goals.list_goals(db)
        today = entries.today(db)
        daily = goals.create_goal(db, "alcohol", "daily-max", 4, start=today - dt.timedelta(days=365 * years))
        first = min(g.starts for g in all_goals + [daily])
        glance_t = timed("glance (logging screen)", lambda: glance.glance(db))
        timed("summaries of every goal (Goals screen list)",
              lambda: [progress.summarize_goal(db, g) for g in goals.list_goals(db)])
        preview_t = timed("live preview, last 8 weeks", lambda: progress.preview(
            db, all_goals[0].trackable_id, "weekly-max", 10))
        full = timed(f"evaluate all goals over {years} years",
                     lambda: progress.evaluate_all(db, first, today), repeat=3)
        periods = len(progress.evaluate_all(db, first, today))
        print(f"  {periods} periods judged; {full / max(periods, 1) * 1e6:.1f} µs per period")
        print(f"glance within a 100 ms frame budget: {glance_t < 0.1} ({glance_t / 0.1:.2f} of budget)")
        print(f"preview within a 150 ms typing pause: {preview_t < 0.15} ({preview_t / 0.15:.2f} of budget)")
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
