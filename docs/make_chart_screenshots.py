"""Render the charts (and the charts screen and review mode) with demo data.

Run: ``python docs/make_chart_screenshots.py`` (offscreen; needs no display). Writes
``docs/screenshots/chart-*.png``: a 400-day demo history with a taper plan, a weekly
goal and a use-free days goal, so the goal lines and the staircase show.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def add_goals(db, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    """A daily taper (weekly steps), a weekly limit and a use-free days goal for alcohol."""
    from harmtrack.core.goals import store as goals

    monday = today - dt.timedelta(days=today.weekday())
    taper_start = monday - dt.timedelta(weeks=7)
    steps = [5, 4.5, 4, 3.5, 3, 3, 2.5, 2, 2, 2]
    goals.create_goal(db, 1, "daily-max", taper_style="linear", steps=[
        (taper_start + dt.timedelta(weeks=i), t) for i, t in enumerate(steps)])
    goals.create_goal(db, 1, "weekly-max", steps=[(today - dt.timedelta(days=300), 14),
                                                  (today - dt.timedelta(days=120), 10)])
    goals.create_goal(db, 1, "free-days", 3, start=today - dt.timedelta(days=200))


def main() -> int:
    from harmtrack.core.charts import drawing as charts
    from harmtrack.core.exchange import demo
    from harmtrack.core.tracking import entries
    from harmtrack.core.storage.data_folder import open_data_folder

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data_folder(Path(tmp))
        demo.fill(db, days=400)
        today = entries.today(db)
        add_goals(db, today)

        def ago(n: int) -> dt.date:
            return today - dt.timedelta(days=n)

        for name, kind, tid, start, theme in [
            ("chart-daily-taper", "daily", 1, ago(69), charts.LIGHT),
            ("chart-weekly-dark", "weekly", 1, ago(180), charts.DARK),
            ("chart-calendar", "calendar", 1, ago(364), charts.LIGHT),
            ("chart-free-days", "free-days", 1, ago(180), charts.LIGHT),
            ("chart-timeofday-dark", "timeofday", None, ago(364), charts.DARK),
            ("chart-triggers", "triggers", 1, ago(180), charts.LIGHT),
        ]:
            data = charts.chart_data(db, kind, tid, start, today)
            charts.save_chart(data, OUT / f"{name}.png", theme=theme, dpi=90)
            print(OUT / f"{name}.png")

        from PySide6.QtWidgets import QApplication

        from harmtrack.ui.context import AppContext
        from harmtrack.ui.main_window import MainWindow
        from harmtrack.ui.shell import prepare

        app = QApplication.instance() or QApplication([])
        app.setApplicationName("HarmTrack-screenshots")
        ctx = AppContext(db)
        prepare(app, ctx)
        window = MainWindow(ctx)
        window.resize(1200, 760)
        window.show()

        def settle() -> None:  # let the background chart data arrive and draw
            for _ in range(80):
                app.processEvents()
                time.sleep(0.02)

        window.open_screen("charts")
        view = window.view("charts")
        view.set_preset("3m")
        settle()
        window.grab().save(str(OUT / "chart-screen.png"))
        view.set_preset("4w")
        view.open_review()
        settle()
        view.review.resize(1300, 800)
        settle()
        view.review.grab().save(str(OUT / "chart-review-mode.png"))
        print(OUT / "chart-screen.png", OUT / "chart-review-mode.png")
        view.review.reject()
        settle()
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone()  # no chart job may outlive the database
        window.close()
        db.close()
    return 0


if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(description=__doc__).parse_args()  # --help only, before writing
    raise SystemExit(main())
