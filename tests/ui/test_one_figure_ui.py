"""The same range gives the same numbers on every screen, as a person sees them."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt

from harmtrack.core.care import sessions
from harmtrack.core.common.days import week_start
from harmtrack.core.goals import store as goals
from harmtrack.core.report import pdf as report
from harmtrack.core.tracking import entries


def at(day: dt.date, hour: int = 20) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def use_free_and_not_logged(text: str) -> tuple[int, int]:
    free = re.search(r"(\d+) use-free days?", text)
    missing = re.search(r"(\d+) days? not logged", text)
    assert free and missing, text
    return int(free.group(1)), int(missing.group(1))


def test_charts_review_panel_and_report_agree(window, qtbot, ctx) -> None:
    db = ctx.db
    today = entries.today(db)
    session = today - dt.timedelta(days=17)
    sessions.add_session(db, session, therapist="Sam")
    for back in range(1, 45):
        day = today - dt.timedelta(days=back)
        if back % 5 == 0:
            continue  # not logged
        if back % 3 == 0:
            entries.log(db, "alcohol", 2, at=at(day), craving=6)
        else:
            entries.log(db, "alcohol", 0, urge_only=True, craving=3, at=at(day))
    alcohol = entries.list_entries(db, today - dt.timedelta(days=2), today)[0].trackable_id
    goals.create_goal(db, alcohol, "free-days", 3, start=today - dt.timedelta(days=60))

    window.open_screen("charts")
    view = window.view("charts")
    qtbot.waitUntil(lambda: view.data is not None, timeout=5000)

    def show(kind: str, preset: str) -> str:
        view.kind.setCurrentIndex(view.kind.findData(kind))
        view.range.setCurrentIndex(view.range.findData(preset))
        qtbot.waitUntil(lambda: view.data is not None and view.data.info.kind == kind
                        and view.summary.text().startswith(view.data.info.title.split(" — ")[0]),
                        timeout=5000)
        return view.summary.text()

    start4 = today - dt.timedelta(days=27)
    (four,) = report.gather(db, report.ReportOptions(start4, today, trackables=(alcohol,))).summaries
    day_text = show("daily", "4w")
    week_text = show("free-days", "4w")
    assert use_free_and_not_logged(day_text) == (four.use_free_days, four.not_logged_days)
    assert use_free_and_not_logged(week_text) == (four.use_free_days, four.not_logged_days)
    urge_text = show("urges", "4w")
    assert f"{four.urge_only + four.urges_acted} urges logged" in urge_text

    # review mode opens on the session day, like the report's "since the last session"
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    review = view.review
    assert review is not None
    qtbot.waitUntil(lambda: "daily" in review.cache, timeout=5000)
    assert review.start_day == session == report.resolve_range(db, "since-last-session").start
    (since,) = report.gather(db, report.ReportOptions(session, today, trackables=(alcohol,))).summaries
    assert use_free_and_not_logged(review.summary.text()) == (since.use_free_days,
                                                              since.not_logged_days)
    qtbot.keyClick(review.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.review is None, timeout=3000)

    # the progress panel's week says what the charts say for this week
    window.open_screen("log")
    panel = window.view("log").progress_panel
    panel.refresh()
    monday = week_start(today, ctx.settings().week_start)
    (week,) = report.gather(db, report.ReportOptions(monday, today, trackables=(alcohol,))).summaries
    qtbot.waitUntil(lambda: not panel.pending, timeout=2000)
    assert f"{week.use_free_days} use-free day" in panel.text()
