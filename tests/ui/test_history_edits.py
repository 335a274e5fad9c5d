"""History: Day and What are corrected in place like the other cells; long notes stay readable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit

from harmtrack.core.common.changes import Changes
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries, trackables
from harmtrack.ui.history_view import COLUMNS

COLUMN = {field: i for i, (_, field, _) in enumerate(COLUMNS)}


def a_day_before(today: dt.date, days: int) -> dt.date:
    """A day at least ``days`` back whose day of the month is not the 1st: the Down key on
    a date editor's day section stays within the month."""
    day = today - dt.timedelta(days=days)
    return day if day.day > 1 else day - dt.timedelta(days=1)


def open_history(window, ctx, qtbot):  # type: ignore[no-untyped-def]
    ctx.data_changed.emit(Changes.everything())  # written from outside
    window.open_screen("history")
    history = window.view("history")
    qtbot.waitUntil(lambda: history.model.rowCount() > 0, timeout=2000)
    return history


def double_click(qtbot, history, field: str):  # type: ignore[no-untyped-def]
    """Double-click the first row's cell of ``field`` and return the editor that opens."""
    index = history.model.index(0, COLUMN[field])
    history.table.scrollTo(index)
    centre = history.table.visualRect(index).center()
    qtbot.mouseClick(history.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(history.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = history.table.focusWidget()
    assert history.table.state() == history.table.State.EditingState
    return editor


def test_day_moves_the_entry_to_another_day_keeping_its_time(window, qtbot, ctx) -> None:
    day = a_day_before(entries.today(ctx.db), 1)
    evening = dt.datetime.combine(day, dt.time(21, 15), tzinfo=dt.UTC)
    rec = entries.log(ctx.db, "alcohol", 2, at=evening)
    history = open_history(window, ctx, qtbot)
    editor = double_click(qtbot, history, "day")
    assert isinstance(editor, QDateEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Home)  # the day section
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    moved = evening - dt.timedelta(days=1)
    qtbot.waitUntil(lambda: entries.get_entry(ctx.db, rec.id).occurred_at == moved, timeout=2000)
    assert entries.get_entry(ctx.db, rec.id).day == day - dt.timedelta(days=1)
    assert ctx.undo_stack.count() == 1  # its own step
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entries.get_entry(ctx.db, rec.id).day == day


def test_a_night_entry_moves_with_its_evening(window, qtbot, ctx) -> None:
    # With a 04:00 day start, 01:30 counts for the evening before; moved a day back it stays
    # the night after the new day.
    update_settings(ctx.db, day_start_hour=4)
    ctx.update_settings()
    evening = a_day_before(entries.today(ctx.db), 2)
    night = dt.datetime.combine(evening + dt.timedelta(days=1), dt.time(1, 30), tzinfo=dt.UTC)
    rec = entries.log(ctx.db, "alcohol", 1, at=night)
    assert rec.day == evening
    history = open_history(window, ctx, qtbot)
    editor = double_click(qtbot, history, "day")
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    day_before = evening - dt.timedelta(days=1)
    qtbot.waitUntil(lambda: entries.get_entry(ctx.db, rec.id).day == day_before, timeout=2000)
    assert entries.get_entry(ctx.db, rec.id).occurred_at == night - dt.timedelta(days=1)


def test_a_day_not_yet_come_cannot_be_chosen(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    rec = entries.log(ctx.db, "alcohol", 1, at=dt.datetime.combine(today, dt.time(0, 5), tzinfo=dt.UTC))
    history = open_history(window, ctx, qtbot)
    editor = double_click(qtbot, history, "day")
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: history.table.state() != history.table.State.EditingState, timeout=2000)
    assert entries.get_entry(ctx.db, rec.id).day == today
    assert ctx.undo_stack.count() == 0


def test_what_offers_the_tracked_trackables_and_moves_the_entry(window, qtbot, ctx) -> None:
    gone = trackables.add_custom(ctx.db, "Gaming", "hours")
    trackables.update_trackable(ctx.db, gone.id, archived=True)
    rec = entries.log(ctx.db, "alcohol", 2)
    history = open_history(window, ctx, qtbot)
    editor = double_click(qtbot, history, "trackable")
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == ["Alcohol", "Cannabis"]
    assert editor.currentText() == "Alcohol"
    qtbot.keyClicks(editor, "Can")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entries.get_entry(ctx.db, rec.id).trackable == "Cannabis", timeout=2000)
    qtbot.waitUntil(lambda: history.model.rows[0].trackable == "Cannabis", timeout=2000)
    unit = history.model.index(0, COLUMN["unit"]).data()
    assert unit == trackables.resolve(ctx.db, "cannabis").unit
    assert ctx.undo_stack.count() == 1
    window.undo_action.trigger()
    assert entries.get_entry(ctx.db, rec.id).trackable == "Alcohol"


def test_the_core_refuses_moving_an_entry_to_an_archived_trackable(ctx) -> None:
    from harmtrack.core.common.errors import InvalidEntry

    gone = trackables.add_custom(ctx.db, "Gaming", "hours")
    trackables.update_trackable(ctx.db, gone.id, archived=True)
    rec = entries.log(ctx.db, "alcohol", 2)
    try:
        entries.update_entry(ctx.db, rec.id, trackable=gone.id)
    except InvalidEntry as exc:
        assert "archived" in str(exc)
    else:
        raise AssertionError("moved to an archived trackable")
    assert entries.get_entry(ctx.db, rec.id).trackable == "Alcohol"


def test_a_long_note_is_cut_in_its_column_and_whole_in_the_tooltip(window, qtbot, ctx) -> None:
    note = "Talked it through with a friend afterwards.\nWant to bring up evenings alone " * 4
    entries.log(ctx.db, "alcohol", 2, note=note)
    history = open_history(window, ctx, qtbot)
    col = COLUMN["note"]
    assert col < COLUMN["craving"]  # beside what it is about, not after every other column
    index = history.model.index(0, col)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == note.strip()
    assert "\n" not in index.data()
    table = history.table
    width = table.columnWidth(col)
    assert 0 < width <= 240
    # The whole column is in view at the default window size.
    assert table.columnViewportPosition(col) + width <= table.viewport().width()
