"""Nothing heavy on the UI thread in Goals and after logging: baselines, previews and the
progress panel are worked out in the background, the newest request wins, and a new
entry re-judges only its own week."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.days import week_start
from harmtrack.core.goals import progress
from harmtrack.core.goals import store as goals
from harmtrack.core.tracking import entries


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def this_monday(db: Any) -> dt.date:
    return week_start(entries.today(db), 0)


@pytest.fixture
def history(ctx):  # type: ignore[no-untyped-def]
    """Six finished weeks of alcohol (4 a week) and cannabis (1 a week)."""
    for week in range(1, 7):
        day = this_monday(ctx.db) - dt.timedelta(weeks=week) + dt.timedelta(days=2)
        entries.log(ctx.db, "alcohol", 4, at=at(day))
        entries.log(ctx.db, "cannabis", 1, at=at(day))
    return ctx


def record_threads(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """The thread of every call of ``progress.<name>`` from now on."""
    threads: list[int] = []
    real = getattr(progress, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(progress, name, spy)
    return threads


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every background job done and its result delivered to the UI thread."""
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=5000)
    qtbot.wait(300)  # past the preview's typing pause (150 ms)


def test_the_editor_and_the_planner_never_call_baseline_or_preview_on_the_ui_thread(
        history, window, qtbot, monkeypatch) -> None:
    baselines = record_threads(monkeypatch, "baseline")
    previews = record_threads(monkeypatch, "preview")
    window.open_screen("goals")
    view = window.view("goals")
    editor, planner = view.editor, view.planner
    editor.trackable.setFocus()
    qtbot.keyClick(editor.trackable, Qt.Key.Key_Down)  # another trackable, from the keyboard
    qtbot.waitUntil(lambda: "A modest next step" in editor.baseline_label.text(), timeout=3000)
    qtbot.waitUntil(lambda: editor.preview_table.isEnabled() and editor.preview_table.rowCount() > 0,
                    timeout=3000)
    view.tabs.setCurrentIndex(1)
    planner.trackable.setFocus()
    qtbot.keyClick(planner.trackable, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "about" in planner.baseline_hint.text(), timeout=3000)
    settle(qtbot)
    ui = threading.get_ident()
    assert baselines and previews
    assert ui not in baselines and ui not in previews


def test_the_editor_says_it_is_working_until_the_baseline_arrives(history, window, qtbot,
                                                                 monkeypatch) -> None:
    window.open_screen("goals")
    editor = window.view("goals").editor
    settle(qtbot)
    release = threading.Event()
    real = progress.baseline

    def slow(*args: Any, **kwargs: Any) -> progress.Baseline:
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(progress, "baseline", slow)
    editor.trackable.setCurrentIndex(editor.trackable.findText("Alcohol"))
    editor.type.setCurrentIndex(editor.type.findData("weekly-max"))
    qtbot.wait(100)  # the event loop runs on; the baseline has not come
    assert editor.baseline_label.text() == "Working out your recent level…"
    assert not editor.use_suggestion.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: "about 4 standard drinks a week" in editor.baseline_label.text(), timeout=3000)
    assert editor.use_suggestion.isEnabled()
    assert editor.target.value() == 3.5  # the suggestion fills the target left alone


def test_a_quick_change_of_trackable_drops_the_stale_baseline(history, window, qtbot,
                                                              monkeypatch) -> None:
    window.open_screen("goals")
    editor = window.view("goals").editor
    editor.type.setCurrentIndex(editor.type.findData("weekly-max"))
    editor.trackable.setCurrentIndex(editor.trackable.findText("Cannabis"))
    settle(qtbot)
    alcohol = editor.trackable.itemData(editor.trackable.findText("Alcohol"))
    release = threading.Event()
    real = progress.baseline

    def slow_for_alcohol(db: Any, trackable_id: int, *args: Any, **kwargs: Any) -> progress.Baseline:
        if trackable_id == alcohol:
            release.wait(5)
        return real(db, trackable_id, *args, **kwargs)

    monkeypatch.setattr(progress, "baseline", slow_for_alcohol)
    editor.trackable.setCurrentIndex(editor.trackable.findText("Alcohol"))
    qtbot.wait(50)
    assert editor.baseline_label.text() == "Working out your recent level…"
    editor.trackable.setCurrentIndex(editor.trackable.findText("Cannabis"))  # changed its mind
    qtbot.waitUntil(lambda: "about 1 session a week" in editor.baseline_label.text(), timeout=3000)
    release.set()  # Alcohol's baseline comes back last …
    settle(qtbot)
    assert "about 1 session a week" in editor.baseline_label.text()  # … and is not shown
    assert editor.current_trackable() is not None and editor.current_trackable().name == "Cannabis"


def test_a_new_entry_in_an_earlier_week_re_judges_only_that_week(history, window, qtbot,
                                                                  monkeypatch) -> None:
    ctx = history
    first = this_monday(ctx.db) - dt.timedelta(weeks=6)
    goal = goals.create_goal(ctx.db, "alcohol", "weekly-max", 10, start=first)
    judged: list[dt.date] = []
    real = progress.evaluate

    def spy(db: Any, g: goals.GoalInfo, *args: Any, **kwargs: Any) -> list[progress.PeriodResult]:
        results = real(db, g, *args, **kwargs)
        if g.id == goal.id:  # not a preview's or a baseline's probe
            judged.extend(r.start for r in results)
        return results

    monkeypatch.setattr(progress, "evaluate", spy)
    window.open_screen("goals")
    view = window.view("goals")
    qtbot.waitUntil(lambda: "Weeks within limit: 6 of the last 6" in view.goal_list.item(0).text(),
                    timeout=3000)
    settle(qtbot)
    assert set(judged) == {first + dt.timedelta(weeks=i) for i in range(7)}  # every week, once

    # Log 8 more on a day three weeks back, through the form (Alt+Left to the day).
    window.open_screen("log")
    log = window.view("log")
    back = entries.today(ctx.db) - (this_monday(ctx.db) - dt.timedelta(weeks=3) + dt.timedelta(days=1))
    for _ in range(back.days):
        qtbot.mouseClick(log.prev_button, Qt.MouseButton.LeftButton)
    form = log.form
    form.trackable.setCurrentIndex(form.trackable.findText("Alcohol"))
    form.amount.clear()
    qtbot.keyClicks(form.amount, "8")
    judged.clear()
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    window.open_screen("goals")
    qtbot.waitUntil(lambda: "Weeks within limit: 5 of the last 6" in view.goal_list.item(0).text(),
                    timeout=3000)
    settle(qtbot)
    # The week of the entry, and the week in progress (always judged afresh); no other.
    assert set(judged) == {this_monday(ctx.db) - dt.timedelta(weeks=3), this_monday(ctx.db)}


def test_logging_through_the_form_shows_the_entry_and_the_new_figures(history, window, qtbot) -> None:
    ctx = history
    goals.create_goal(ctx.db, "alcohol", "weekly-max", 10, start=this_monday(ctx.db) - dt.timedelta(weeks=1))
    ctx.data_changed.emit(Changes(goals=True))  # written from outside
    log = window.view("log")
    panel = log.progress_panel
    qtbot.waitUntil(lambda: panel.text() == "Alcohol — This week: 0 of 10 standard drinks", timeout=3000)
    form = log.form
    form.trackable.setCurrentIndex(form.trackable.findText("Alcohol"))
    form.amount.clear()
    qtbot.keyClicks(form.amount, "3")
    rows = log.table.rowCount() if log.table.isVisible() else 0
    qtbot.keyClick(form.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter logs
    assert log.table.rowCount() == rows + 1 and log.table.isVisible()  # the entry at once
    assert "Alcohol" in [log.table.item(r, 1).text() for r in range(log.table.rowCount())]
    qtbot.waitUntil(lambda: panel.text() == "Alcohol — This week: 3 of 10 standard drinks", timeout=3000)
    assert not panel.pending and not panel.pending_label.isVisible()
    qtbot.waitUntil(log.quick_label.isVisible, timeout=3000)  # "Alcohol +3" from the background


def test_a_practice_goal_offers_the_users_own_practices_read_in_the_background(
        history, window, qtbot, monkeypatch) -> None:
    from harmtrack.core.tracking import suggestions

    ctx = history
    entries.log(ctx.db, "alcohol", 1, at=at(this_monday(ctx.db) - dt.timedelta(days=3)),
                practices=["ate first"])
    threads: list[int] = []
    real = suggestions.known_tags

    def spy(*args: Any, **kwargs: Any) -> list[str]:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(suggestions, "known_tags", spy)  # the logging form's completers too
    qtbot.waitUntil(lambda: window.view("log").form.practices.completer() is not None, timeout=3000)
    window.open_screen("goals")
    editor = window.view("goals").editor
    editor.trackable.setCurrentIndex(editor.trackable.findText("Alcohol"))
    editor.type.setCurrentIndex(editor.type.findData("practice"))
    assert editor.practice.currentText() == "alternated with water"  # the catalog's, at once
    qtbot.waitUntil(lambda: editor.practice.findText("ate first") >= 0, timeout=3000)
    assert editor.practice.currentText() == "alternated with water"  # what was chosen stays
    settle(qtbot)
    assert threads and threading.get_ident() not in threads
