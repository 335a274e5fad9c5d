"""The charts screen and review mode, driven with qtbot."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from harmtrack.core.care import sessions
from harmtrack.core.report import pdf as report
from harmtrack.core.tracking import entries


def at(day: dt.date, hour: int = 20) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def open_charts(window, qtbot):  # type: ignore[no-untyped-def]
    window.open_screen("charts")
    view = window.view("charts")
    qtbot.waitUntil(lambda: view.data is not None, timeout=5000)
    return view


def wait_for(view, qtbot, kind: str, start: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Until the chart asked for is loaded and its picture, drawn in the background, is shown."""
    def ready() -> bool:
        d = view.data
        return (d is not None and d.info.kind == kind and (start is None or d.info.start == start)
                and drawn(view))

    qtbot.waitUntil(ready, timeout=5000)
    return view.data


def drawn(view) -> bool:  # type: ignore[no-untyped-def]
    """The canvas shows the screen's data, drawn at the canvas's size."""
    return view.canvas.drawn_data is view.data and view.canvas.is_current()


def gids(fig, gid: str) -> list:
    return fig.findobj(lambda a: a.get_gid() == gid)


def test_switch_charts_and_ranges(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    entries.log(ctx.db, "alcohol", 3, at=at(today - dt.timedelta(days=2)))
    entries.log(ctx.db, "alcohol", 2, at=at(today - dt.timedelta(days=40)), cost=9)
    view = open_charts(window, qtbot)
    assert view.trackable.currentText() == "Alcohol"
    data = wait_for(view, qtbot, "daily")
    assert (data.info.start, data.info.end) == (today - dt.timedelta(days=27), today)
    heights = [p.get_height() for p in gids(view.canvas.figure, "amount")]
    assert heights[-3] == 3 and sum(heights) == 3  # the 40-days-ago entry is outside 4 weeks
    assert "3 standard drinks in all" in view.summary.text()

    view.set_preset("3m")
    data = wait_for(view, qtbot, "daily", today - dt.timedelta(days=90))
    assert data.series.amount.sum() == 5
    assert not view.start.isEnabled()  # only "Custom dates" unlocks the date fields

    # Choose the weekly chart from the combo box with the keyboard.
    view.kind.setFocus()
    qtbot.keyClick(view.kind, Qt.Key.Key_Down)
    data = wait_for(view, qtbot, "weekly")
    assert [p.get_height() for p in gids(view.canvas.figure, "total") if p.get_height()] == [2, 3]

    view.set_kind("money")
    wait_for(view, qtbot, "money")
    assert "9.00 spent" in view.summary.text()

    view.set_custom_range(today - dt.timedelta(days=6), today)
    data = wait_for(view, qtbot, "money", today - dt.timedelta(days=6))
    assert view.start.isEnabled() and data.is_empty
    assert "No money logged in this range yet" in view.summary.text()


def test_range_since_last_session(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    sessions.add_session(ctx.db, today - dt.timedelta(days=10), therapist="Sam")
    view = open_charts(window, qtbot)
    view.set_preset("session")
    # One definition (core/charts/ranges.py): since the last session starts on the session's day,
    # in the charts as in the report
    wait_for(view, qtbot, "daily", today - dt.timedelta(days=10))
    assert "Since your session on" in view.note.text()
    assert report.resolve_range(ctx.db, "since-last-session").start == today - dt.timedelta(days=10)


def test_hover_shows_the_exact_value_and_click_opens_the_day(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    day = today - dt.timedelta(days=3)
    entries.log(ctx.db, "alcohol", 2.5, at=at(day))
    view = open_charts(window, qtbot)
    wait_for(view, qtbot, "daily")
    canvas = view.canvas
    pos = canvas.pixel_of(canvas.day_number(day), 1.0)
    qtbot.mouseMove(canvas, pos)
    qtbot.waitUntil(lambda: "2.5 standard drinks" in view.status.text(), timeout=3000)
    assert f"{day:%a} {day.day} {day:%b %Y}" in view.status.text()
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: window.current_key() == "log", timeout=3000)
    assert window.view("log").day == day


def test_empty_history_shows_the_empty_state(window, qtbot, ctx) -> None:
    view = open_charts(window, qtbot)
    qtbot.waitUntil(lambda: drawn(view), timeout=5000)
    texts = [t.get_text() for t in gids(view.canvas.figure, "empty")]
    assert "Nothing logged in this range yet" in texts
    assert view.canvas.accessibleDescription().endswith("Nothing logged in this range yet.")


def test_review_mode_steps_lists_and_saves_a_session(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    sessions.add_session(ctx.db, today - dt.timedelta(days=14), therapist="Sam")
    entries.log(ctx.db, "alcohol", 4, at=at(today - dt.timedelta(days=20)), note="old", discuss=True)
    entries.log(ctx.db, "alcohol", 2, at=at(today - dt.timedelta(days=5)), note="hard evening",
                discuss=True)
    entries.log(ctx.db, "alcohol", 1, at=at(today - dt.timedelta(days=4)), note="not flagged")
    view = open_charts(window, qtbot)
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    review = view.review
    assert review is not None and review.isVisible() and review.isFullScreen()
    qtbot.waitUntil(lambda: "daily" in review.cache, timeout=5000)
    assert review.start_day == today - dt.timedelta(days=14)  # opens on "since last session"
    assert review.therapist.text() == "Sam"
    listed = [review.discuss.item(i).text() for i in range(review.discuss.count())]
    assert len(listed) == 1 and "hard evening" in listed[0]

    # It opens on the overview; Right steps into the detailed charts and on through them.
    assert review.page == "overview" and review.stack.currentIndex() == 0
    review.canvas.setFocus()
    qtbot.keyClick(review.canvas, Qt.Key.Key_Right)
    assert (review.page, review.current_kind()) == ("detail", "daily")
    qtbot.keyClick(review.canvas, Qt.Key.Key_Right)
    assert review.current_kind() == "weekly"
    qtbot.waitUntil(lambda: "weekly" in review.cache, timeout=5000)
    assert review.heading.text().startswith("2 of 9")
    qtbot.waitUntil(lambda: review.canvas.drawn_data is review.cache["weekly"]
                    and review.canvas.is_current(), timeout=5000)
    assert gids(review.canvas.figure, "total")  # the weekly chart's bars are what is shown
    qtbot.keyClick(review.canvas, Qt.Key.Key_Left)
    qtbot.keyClick(review.canvas, Qt.Key.Key_Left)
    assert review.page == "overview" and review.heading.text().startswith("Overview")
    qtbot.keyClick(review.focusWidget(), Qt.Key.Key_Left)
    assert (review.page, review.current_kind()) == ("detail", "scores")  # the questionnaires come last
    qtbot.keyClick(review.focusWidget(), Qt.Key.Key_Left)
    assert review.current_kind() == "money"

    qtbot.keyClicks(review.notes, "talked about evenings")
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    last = sessions.last_session(ctx.db)
    assert last is not None and last.date == today
    assert (last.therapist, last.note) == ("Sam", "talked about evenings")
    assert "now your last session" in review.message.text()

    qtbot.keyClick(review.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.review is None, timeout=3000)
    assert not review.isVisible()
    view.set_preset("session")  # the new session is now "last session"
    qtbot.waitUntil(lambda: view.data is not None and view.data.info.start == today, timeout=5000)


def test_choose_a_guideline_line(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    entries.log(ctx.db, "alcohol", 3, at=at(today - dt.timedelta(days=2)))
    ctx.update_settings(country="US")
    view = open_charts(window, qtbot)
    labels = [view.guideline.itemText(i) for i in range(view.guideline.count())]
    assert labels[0] == "None" and any("NIAAA" in label for label in labels)
    view.guideline.setCurrentIndex(view.guideline.findData("niaaa-men"))
    assert ctx.settings().guideline == "niaaa-men"
    qtbot.waitUntil(lambda: view.data is not None and view.data.guideline is not None
                    and drawn(view), timeout=5000)
    lines = gids(view.canvas.figure, "guideline")
    assert len(lines) == 1 and lines[0].get_ydata()[0] == 4
    view.trackable.setCurrentIndex(view.trackable.findText("Cannabis"))
    assert not any("NIAAA" in view.guideline.itemText(i) for i in range(view.guideline.count()))


def test_review_mode_lists_the_plans_whose_trigger_came_up(window, qtbot, ctx) -> None:
    from harmtrack.core.care.plans import add_plan

    today = entries.today(ctx.db)
    add_plan(ctx.db, "after work", "walk home the long way first")
    add_plan(ctx.db, "boredom", "call a friend")
    for days_ago in (2, 3):
        entries.log(ctx.db, "alcohol", 1, at=at(today - dt.timedelta(days=days_ago)), triggers=["after work"])
    view = open_charts(window, qtbot)
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    review = view.review
    listed = [review.plans.item(i).text() for i in range(review.plans.count())]
    # Only the plans whose trigger came up are listed in full; the others are named once.
    assert listed == ["If after work, then walk home the long way first\ncame up 2× on 2 days",
                      "Didn't come up in this range: boredom"]
    qtbot.keyClick(review.canvas, Qt.Key.Key_Escape)


def test_a_chart_worked_out_after_its_screen_is_gone_is_dropped(window, qtbot, ctx, monkeypatch) -> None:
    """Closing the window while a chart's data is read leaves nothing to show it on: the
    result is dropped quietly, not set on deleted labels (seen once in a full run)."""
    import threading

    import shiboken6
    from PySide6.QtCore import QThreadPool

    from harmtrack.core.charts import data as chartdata

    view = open_charts(window, qtbot)
    wait_for(view, qtbot, "daily")
    release, started = threading.Event(), threading.Event()
    real = chartdata.chart_data

    def held(**kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(5)
        return real(**kwargs)

    monkeypatch.setattr(chartdata, "chart_data", held)
    view.set_kind("weekly")  # a new chart is read in the background
    assert started.wait(5)
    view.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(view))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(200)  # the result's signal is delivered now: pytest-qt fails on an exception
