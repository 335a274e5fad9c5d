"""Create, change and archive a goal and plan a taper through the Goals screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt

from harmtrack.core.common.changes import Changes
from harmtrack.core.goals import store as goals
from harmtrack.core.tracking import entries


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def test_create_a_goal_then_change_it_and_see_it_on_the_logging_screen(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    monday = today - dt.timedelta(days=today.weekday())
    entries.log(ctx.db, "alcohol", 3, at=at(monday, 0))  # this week, never in the future
    window.open_screen("goals")
    view = window.view("goals")
    editor = view.editor
    assert view.empty.isVisible()
    editor.trackable.setCurrentIndex(editor.trackable.findText("Alcohol"))
    editor.type.setCurrentIndex(editor.type.findData("weekly-max"))
    assert editor.warning.isVisible() and "doctor" in editor.warning.text()
    editor.target.clear()
    qtbot.keyClicks(editor.target, "12")
    editor.start.setDate(qdate(monday - dt.timedelta(weeks=3)))
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert editor.error.text() == ""
    (g,) = goals.list_goals(ctx.db)
    assert (g.trackable, g.type, g.current_target, g.starts) == (
        "Alcohol", "weekly-max", 12.0, monday - dt.timedelta(weeks=3))
    assert view.goal_list.count() == 1
    assert "at most 12 standard drinks a week" in view.goal_list.item(0).text()

    panel = window.view("log").progress_panel

    def on_the_logging_screen(says: Callable[[], bool]) -> None:
        window.open_screen("log")  # a hidden screen catches up when it is shown
        qtbot.waitUntil(says, timeout=2000)
        window.open_screen("goals")

    on_the_logging_screen(lambda: panel.text() == "Alcohol — This week: 3 of 12 standard drinks")

    # Change the target from this week on: a new version, the earlier weeks keep 12.
    assert view.selected_id() == g.id and editor.goal is not None
    editor.target.clear()
    qtbot.keyClicks(editor.target, "8")
    editor.start.setDate(qdate(monday))
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    g = goals.get_goal(ctx.db, g.id)
    assert [(v.effective_from, v.target) for v in g.versions] == [
        (monday - dt.timedelta(weeks=3), 12.0), (monday, 8.0)]
    on_the_logging_screen(lambda: panel.text() == "Alcohol — This week: 3 of 8 standard drinks")

    # Archive: it leaves the list and the panel, and stays stored.
    view.select_goal(g.id)
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert view.goal_list.count() == 0
    assert goals.get_goal(ctx.db, g.id).archived
    on_the_logging_screen(lambda: "No goals yet" in panel.text())


def test_a_bad_target_shows_a_message_and_stores_nothing(window, qtbot, ctx) -> None:
    window.open_screen("goals")
    editor = window.view("goals").editor
    editor.type.setCurrentIndex(editor.type.findData("practice"))
    editor.practice.setEditText("")
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert "needs the practice" in editor.error.text()
    assert goals.list_goals(ctx.db, include_archived=True) == []


def test_live_preview_scores_the_last_eight_weeks(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    this_monday = today - dt.timedelta(days=today.weekday())
    for i in range(8):  # 3, 6, 3, 6 … drinks in the 8 finished weeks
        day = this_monday - dt.timedelta(weeks=8 - i) + dt.timedelta(days=2)
        entries.log(ctx.db, "alcohol", 3 if i % 2 == 0 else 6, at=at(day))
    window.open_screen("goals")
    editor = window.view("goals").editor
    editor.trackable.setCurrentIndex(editor.trackable.findText("Alcohol"))
    editor.type.setCurrentIndex(editor.type.findData("weekly-max"))
    qtbot.waitUntil(lambda: "about 4.5 standard drinks a week. A modest next step: 4."
                    in editor.baseline_label.text(), timeout=2000)
    assert editor.target.value() == 4.0  # the suggested modest step, never 0
    qtbot.waitUntil(lambda: editor.preview_summary.text()
                    == "Weeks within limit: 4 of the last 8 · current run 0 · best run 1", timeout=2000)
    assert editor.preview_table.rowCount() == 8
    assert editor.preview_table.item(1, 3).text() == "over the limit"
    editor.target.setValue(6)
    qtbot.waitUntil(lambda: editor.preview_summary.text().startswith("Weeks within limit: 8 of the last 8"),
                    timeout=2000)
    assert goals.list_goals(ctx.db) == []  # a preview writes nothing


def test_plan_edit_and_save_a_taper(window, qtbot, ctx) -> None:
    window.open_screen("goals")
    view = window.view("goals")
    planner = view.planner
    view.tabs.setCurrentIndex(1)
    planner.trackable.setCurrentIndex(planner.trackable.findText("Alcohol"))
    qtbot.waitUntil(lambda: "Not enough history" in planner.baseline_hint.text(), timeout=2000)
    assert planner.warning.isVisible() and "withdrawal" in planner.warning.text()
    planner.baseline.setValue(20)
    planner.target.setValue(10)
    planner.weeks.setValue(4)
    planner.start.setDate(QDate(2026, 3, 4))  # a Wednesday: the plan starts on its Monday
    qtbot.mouseClick(planner.plan_button, Qt.MouseButton.LeftButton)
    assert [planner.steps.item(i, 2).text() for i in range(4)] == ["18", "15", "13", "10"]
    assert goals.list_goals(ctx.db) == []  # reviewing writes nothing
    planner.steps.item(1, 2).setText("16")  # the user softens week 2
    qtbot.mouseClick(planner.save, Qt.MouseButton.LeftButton)
    assert planner.error.text() == ""
    (g,) = goals.list_goals(ctx.db)
    assert (g.type, g.taper_style) == ("weekly-max", "linear")
    assert [(v.effective_from.isoformat(), v.target) for v in g.versions] == [
        ("2026-03-02", 18.0), ("2026-03-09", 16.0), ("2026-03-16", 13.0), ("2026-03-23", 10.0)]
    assert view.goal_list.count() == 1 and "(taper to 10 from 23 Mar)" in view.goal_list.item(0).text()
    assert view.selected_id() == g.id  # the saved taper is chosen in the list


def test_a_taper_target_above_the_start_is_refused(window, qtbot, ctx) -> None:
    window.open_screen("goals")
    planner = window.view("goals").planner
    planner.trackable.setCurrentIndex(planner.trackable.findText("Cannabis"))
    assert not planner.warning.isVisible()
    qtbot.waitUntil(planner.plan_button.isEnabled, timeout=2000)  # the baseline was worked out
    planner.baseline.setValue(5)
    planner.target.setValue(7)
    qtbot.mouseClick(planner.plan_button, Qt.MouseButton.LeftButton)
    assert "below the starting level" in planner.error.text()
    assert not planner.save.isEnabled()
    planner.target.setValue(2)
    qtbot.mouseClick(planner.plan_button, Qt.MouseButton.LeftButton)
    planner.steps.item(0, 2).setText("-1")
    qtbot.mouseClick(planner.save, Qt.MouseButton.LeftButton)
    assert "0 or more" in planner.error.text()
    assert goals.list_goals(ctx.db, include_archived=True) == []


def test_a_practice_goal_and_a_goal_added_elsewhere_show_when_the_screen_opens(window, qtbot, ctx) -> None:
    window.open_screen("goals")
    view = window.view("goals")
    editor = view.editor
    editor.trackable.setCurrentIndex(editor.trackable.findText("Alcohol"))
    editor.type.setCurrentIndex(editor.type.findData("practice"))
    assert editor.practice.isVisible() and editor.practice.currentText() == "alternated with water"
    editor.target.setValue(60)
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    (g,) = goals.list_goals(ctx.db)
    assert (g.type, g.practice, g.current_target) == ("practice", "alternated with water", 60.0)

    window.open_screen("log")
    goals.create_goal(ctx.db, "cannabis", "free-days", 3)  # e.g. from the command line
    ctx.data_changed.emit(Changes.everything())  # written from outside
    panel = window.view("log").progress_panel
    qtbot.waitUntil(lambda: "Cannabis — This week: 0 use-free days, goal 3" in panel.text(), timeout=2000)
    window.open_screen("goals")
    assert view.goal_list.count() == 2
    assert "Cannabis: 3 use-free days a week" in view.goal_list.item(1).text()


def test_save_change_is_in_view_at_the_default_window_size(window, qtbot, ctx) -> None:
    # The longest editor: alcohol, with the guideline context and the withdrawal note.
    today = entries.today(ctx.db)
    monday = today - dt.timedelta(days=today.weekday())
    for week in range(1, 9):
        entries.log(ctx.db, "alcohol", 8, at=at(monday - dt.timedelta(weeks=week)))
    g = goals.create_goal(ctx.db, "alcohol", "weekly-max", 10, start=monday - dt.timedelta(weeks=8))
    assert (window.width(), window.height()) == (1180, 780)  # MainWindow's default size
    window.open_screen("goals")
    view = window.view("goals")
    item = view.goal_list.item(0)
    qtbot.mouseClick(view.goal_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.goal_list.visualItemRect(item).center())
    editor = view.editor
    assert editor.goal is not None and editor.goal.id == g.id
    assert editor.warning.isVisible()
    qtbot.waitUntil(lambda: editor.preview_table.rowCount() == 8, timeout=2000)
    # Every pixel of the button is on screen, with nothing to scroll first (once the
    # layout has taken in the new text of the button).
    assert editor.save.text() == "&Save change"
    qtbot.waitUntil(lambda: editor.save.visibleRegion().boundingRect().size() == editor.save.size(),
                    timeout=2000)
    editor.target.selectAll()
    qtbot.keyClicks(editor.target, "9")
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert goals.get_goal(ctx.db, g.id).versions[-1].target == 9.0


def test_a_taper_says_it_replaces_the_weekly_goal_and_every_screen_agrees(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    old = goals.create_goal(ctx.db, "alcohol", "weekly-max", 20, start=today - dt.timedelta(days=60))
    for back in range(1, 30):
        entries.log(ctx.db, "alcohol", 2, at=at(today - dt.timedelta(days=back)))
    window.open_screen("goals")
    view = window.view("goals")
    planner = view.planner
    view.tabs.setCurrentIndex(1)
    planner.trackable.setCurrentIndex(planner.trackable.findText("Alcohol"))
    planner.target.setValue(6)
    planner.weeks.setValue(4)
    qtbot.waitUntil(planner.plan_button.isEnabled, timeout=2000)  # the baseline was worked out
    qtbot.mouseClick(planner.plan_button, Qt.MouseButton.LeftButton)
    # said before saving, in plain words
    assert planner.replaces.isVisible()
    assert "replaces your current goal (at most 20 standard drinks a week)" in planner.replaces.text()
    first = dt.date.fromisoformat(planner.steps.item(0, 1).data(Qt.ItemDataRole.UserRole))
    qtbot.mouseClick(planner.save, Qt.MouseButton.LeftButton)
    assert not planner.replaces.isVisible()
    (new,) = goals.list_goals(ctx.db)  # one weekly goal in force; the old one is kept
    kept = goals.get_goal(ctx.db, old.id)
    assert kept.archived and kept.archived_on == first - dt.timedelta(days=1)
    # the goal editor offers changes from the taper's start, not from today
    view.select_goal(new.id)
    assert view.editor.start.date().toPython() == max(today, first)


def test_the_goal_list_says_judging_until_the_summary_comes_from_the_background(
        window, qtbot, ctx, monkeypatch) -> None:
    import threading

    from harmtrack.core.goals import progress

    today = entries.today(ctx.db)
    monday = today - dt.timedelta(days=today.weekday())
    for week in range(1, 9):
        entries.log(ctx.db, "alcohol", 8, at=at(monday - dt.timedelta(weeks=week)))
    g = goals.create_goal(ctx.db, "alcohol", "weekly-max", 10, start=monday - dt.timedelta(weeks=8))
    summary = progress.summarize_goal(ctx.db, g).text
    assert summary == "Weeks within limit: 8 of the last 8 · current run 8 · best run 8"
    judged: list[tuple[bool, dt.date]] = []  # per judging of the goal: on the UI thread? from
    real = progress.evaluate

    def spy(db, goal, start, *args, **kwargs):  # type: ignore[no-untyped-def]
        if goal.id == g.id:  # not the editor's preview of a goal being edited (id 0)
            judged.append((threading.current_thread() is threading.main_thread(), start))
        return real(db, goal, start, *args, **kwargs)

    monkeypatch.setattr(progress, "evaluate", spy)
    window.open_screen("goals")
    view = window.view("goals")
    assert view.goal_list.item(0).text().endswith("\nJudging…")
    qtbot.waitUntil(lambda: view.goal_list.item(0).text().endswith("\n" + summary), timeout=5000)
    assert "at most 10 standard drinks a week" in view.goal_list.item(0).text()
    # The history was judged off the UI thread (only the logging screen's glance at this
    # week alone runs on it).
    assert any(start < monday for _, start in judged)
    assert all(not on_ui for on_ui, start in judged if start < monday)

    # A new entry this week: only this week is judged again, and the list still agrees
    # with judging the whole history.
    qtbot.waitUntil(lambda: len(window.view("goals").editor.history.text()) > 0
                    and "Judging" not in view.editor.history.text(), timeout=5000)
    judged.clear()
    record = entries.log(ctx.db, "alcohol", 3, at=at(monday, 0))
    ctx.data_changed.emit(Changes.of_entries([record]))
    qtbot.waitUntil(lambda: any(not on_ui for on_ui, _ in judged), timeout=5000)
    qtbot.waitUntil(lambda: view.goal_list.item(0).text().endswith("\n" + summary), timeout=5000)
    assert {start for _, start in judged} == {monday}
