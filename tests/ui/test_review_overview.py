"""Review mode's whole picture: the overview of every trackable, the agenda, notes, flags and
plans beside it, "since last session" by default, and the agenda in the next report."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt

from harmtrack.core.care import plans, sessions
from harmtrack.core.charts import ranges
from harmtrack.core.common.days import week_start
from harmtrack.core.report import pdf as report
from harmtrack.core.tracking import entries, trackables


def at(day: dt.date, hour: int = 20) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def open_review(window, qtbot):  # type: ignore[no-untyped-def]
    window.open_screen("charts")
    view = window.view("charts")
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    review = view.review
    assert review is not None and review.isVisible()
    return review


def leave(review, qtbot) -> None:  # type: ignore[no-untyped-def]
    review.canvas.setFocus()
    qtbot.keyClick(review.canvas, Qt.Key.Key_Escape)


def test_the_overview_shows_every_trackable_and_a_click_opens_its_details(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    trackables.add_custom(ctx.db, "Evening gaming", "hours")
    entries.log(ctx.db, "alcohol", 2, at=at(today - dt.timedelta(days=3)))
    entries.log(ctx.db, "Evening gaming", 3, at=at(today - dt.timedelta(days=2)))
    review = open_review(window, qtbot)
    assert review.page == "overview" and review.heading.text().startswith("Overview")
    qtbot.waitUntil(lambda: len(review.overview.canvases) == 3, timeout=5000)
    shown = [c.data.info.trackable for c in review.overview.canvases]
    assert shown == [t.name for t in trackables.list_trackables(ctx.db)]
    assert all(c.data.info.start == review.start_day for c in review.overview.canvases)

    gaming = review.overview.canvases[shown.index("Evening gaming")]
    qtbot.mouseClick(gaming, Qt.MouseButton.LeftButton)
    assert review.page == "detail" and review.stack.currentIndex() == 1
    qtbot.waitUntil(lambda: review.canvas.data is not None
                    and review.canvas.data.info.trackable == "Evening gaming", timeout=5000)
    assert review.current_kind() == "daily" and review.heading.text().startswith("1 of 9")

    qtbot.keyClick(review.canvas, Qt.Key.Key_Home)  # back to the whole picture
    assert review.page == "overview"
    first = review.focusWidget()
    assert first is review.overview.canvases[0]
    qtbot.keyClick(first, Qt.Key.Key_Return)  # Enter on a small chart opens it too
    qtbot.waitUntil(lambda: review.canvas.data is not None
                    and review.canvas.data.info.trackable == shown[0], timeout=5000)
    qtbot.keyClick(review.canvas, Qt.Key.Key_Left)
    assert review.page == "overview"
    leave(review, qtbot)


def test_no_trackables_say_so_instead_of_an_empty_grid(window, qtbot, ctx) -> None:
    for t in trackables.list_trackables(ctx.db):
        trackables.update_trackable(ctx.db, t.id, archived=True)
    review = open_review(window, qtbot)
    qtbot.waitUntil(lambda: "Nothing is tracked yet" in review.overview.message.text(), timeout=5000)
    assert review.overview.canvases == []
    assert review.last_notes.text() == "No session recorded yet."
    leave(review, qtbot)


def test_the_range_is_since_last_session_and_at_least_the_last_full_week(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    sessions.add_session(ctx.db, today - dt.timedelta(days=1), note="yesterday's")
    review = open_review(window, qtbot)
    last_full = week_start(today, ctx.settings().week_start) - dt.timedelta(days=7)
    assert review.start_day == last_full and review.end_day == today
    assert (review.end_day - review.start_day).days + 1 >= 7
    assert "Widened" in review.range_label.text()
    # The same days the report "since the last session" covers: one function for both.
    assert review.start_day == report.resolve_range(ctx.db, "since-last-session").start
    leave(review, qtbot)

    sessions.add_session(ctx.db, today - dt.timedelta(days=20))
    sessions.delete_session(ctx.db, sessions.list_sessions(ctx.db)[0].id)  # yesterday's
    review = open_review(window, qtbot)
    assert review.start_day == today - dt.timedelta(days=20)
    assert review.start_day == ranges.since_last_session(ctx.db, today).start
    leave(review, qtbot)


def test_agenda_written_beforehand_is_shown_in_review_and_in_the_next_report(
        window, qtbot, ctx, tmp_path: Path) -> None:
    today = entries.today(ctx.db)
    sessions.add_session(ctx.db, today - dt.timedelta(days=14), therapist="Sam",
                         note="Try a walk after work")
    entries.log(ctx.db, "alcohol", 3, at=at(today - dt.timedelta(days=4)), discuss=True,
                note="the wedding", triggers=["after work"])
    entries.log(ctx.db, "alcohol", 1, at=at(today - dt.timedelta(days=3)), triggers=["after work"])
    plans.add_plan(ctx.db, "after work", "walk home the long way")
    plans.add_plan(ctx.db, "boredom", "call a friend")

    window.open_screen("therapists")
    screen = window.view("therapists")
    qtbot.keyClicks(screen.agenda_edit, "The wedding weekend")
    qtbot.mouseClick(screen.save_agenda_button, Qt.MouseButton.LeftButton)
    assert sessions.next_session(ctx.db).agenda == "The wedding weekend"

    review = open_review(window, qtbot)
    assert review.agenda.text() == "The wedding weekend"
    assert "Sam" in review.last_notes.text() and "Try a walk after work" in review.last_notes.text()
    flagged = [review.discuss.item(i).text() for i in range(review.discuss.count())]
    assert len(flagged) == 1 and "the wedding" in flagged[0]
    listed = [review.plans.item(i).text() for i in range(review.plans.count())]
    assert listed == ["If after work, then walk home the long way\ncame up 2× on 2 days",
                      "Didn't come up in this range: boredom"]
    assert not review.scores_section.isVisible()  # no questionnaire scores exist to show

    qtbot.keyClicks(review.notes, "Plan for the party")
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    held = sessions.last_session(ctx.db)
    assert (held.date, held.agenda, held.note) == (today, "The wedding weekend", "Plan for the party")
    assert sessions.next_session(ctx.db) is None
    leave(review, qtbot)

    rng = report.resolve_range(ctx.db, "since-last-session")
    out = report.write_report(ctx.db, report.ReportOptions(rng.start, rng.end), tmp_path / "r.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out.path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Sessions" in text and "The wedding weekend" in text and "Plan for the party" in text
    window.open_screen("therapists")
    assert screen.agenda_edit.toPlainText() == ""  # used: the next agenda starts empty


def hold(monkeypatch, module, name):  # type: ignore[no-untyped-def]
    """Replace ``module.name`` by one that waits for ``release`` before doing the real work."""
    import threading

    release, started = threading.Event(), threading.Event()
    real = getattr(module, name)

    def held(**kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(5)
        return real(**kwargs)

    monkeypatch.setattr(module, name, held)
    return started, release


def close_while_reading(review, qtbot, started, release) -> None:  # type: ignore[no-untyped-def]
    import shiboken6
    from PySide6.QtCore import QThreadPool

    assert started.wait(5)
    review.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(review))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(200)  # the result's signal is delivered now: pytest-qt fails on an exception


def test_an_overview_read_after_review_is_gone_is_dropped(window, qtbot, ctx, monkeypatch) -> None:
    """Leaving review while the overview is read leaves no label to show it on: the result
    is dropped quietly, not set on a deleted QLabel (the Charts screen had the same bug)."""
    import importlib

    module = importlib.import_module("harmtrack.core.charts.overview")
    started, release = hold(monkeypatch, module, "overview")
    review = open_review(window, qtbot)
    close_while_reading(review, qtbot, started, release)


def test_a_detail_read_after_review_is_gone_is_dropped(window, qtbot, ctx, monkeypatch) -> None:
    from harmtrack.core.charts import data as chartdata

    entries.log(ctx.db, "alcohol", 2, at=at(entries.today(ctx.db) - dt.timedelta(days=1)))
    review = open_review(window, qtbot)
    qtbot.waitUntil(lambda: len(review.overview.canvases) > 0, timeout=5000)
    qtbot.mouseClick(review.overview.canvases[0], Qt.MouseButton.LeftButton)
    assert review.page == "detail"
    qtbot.waitUntil(lambda: review.canvas.data is not None, timeout=5000)
    started, release = hold(monkeypatch, chartdata, "chart_data")
    qtbot.keyClick(review.canvas, Qt.Key.Key_Right)  # the next chart is read in the background
    close_while_reading(review, qtbot, started, release)
