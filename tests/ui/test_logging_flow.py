"""Type an entry into the logging screen, correct it in history, undo a delete."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from harmtrack.core.common.changes import Changes
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import checkins, entries
from harmtrack.ui.history_view import COLUMNS


def test_type_and_click_an_entry(window, qtbot, ctx) -> None:
    view = window.view("log")
    form = view.form
    form.trackable.setCurrentIndex(form.trackable.findText("Alcohol"))
    form.amount.clear()
    qtbot.keyClicks(form.amount, "3")
    qtbot.keyClicks(form.triggers, "stress, party")
    qtbot.keyClicks(form.practices, "alternated with water")
    qtbot.keyClicks(form.note, "birthday")
    form.craving.setValue(6)
    qtbot.mouseClick(form.discuss, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    rows = entries.list_entries(ctx.db)
    assert len(rows) == 1
    r = rows[0]
    assert (r.trackable, r.amount, r.craving, r.note, r.discuss) == ("Alcohol", 3.0, 6, "birthday", True)
    assert r.triggers == ("stress", "party") and r.practices == ("alternated with water",)
    assert view.table.rowCount() == 1 and view.table.item(0, 1).text() == "Alcohol"
    assert form.note.toPlainText() == ""  # ready for the next one


def test_bad_input_shows_a_message_and_stores_nothing(window, qtbot, ctx) -> None:
    form = window.view("log").form
    qtbot.keyClicks(form.cost, "-4")
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    assert "cost must be 0 or more" in form.error.text()
    assert entries.entry_count(ctx.db) == 0


def test_edit_in_history_and_undo_delete(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    rec = entries.log(ctx.db, "alcohol", 2, at=dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC))
    ctx.data_changed.emit(Changes.everything())  # written from outside
    window.open_screen("history")
    history = window.view("history")
    assert history.model.rowCount() == 1
    col = [c[1] for c in COLUMNS].index("amount")
    index = history.model.index(0, col)
    history.table.setCurrentIndex(index)
    history.table.edit(index)
    editor = history.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: entries.get_entry(ctx.db, rec.id).amount == 5.0, timeout=2000)

    # A bad value is refused with a message and leaves the entry as it was.
    assert history.model.setData(history.model.index(0, col), "-1") is False
    assert "0 or more" in history.model.last_error
    assert entries.get_entry(ctx.db, rec.id).amount == 5.0

    qtbot.waitUntil(lambda: history.model.rows[0].amount == 5.0, timeout=2000)
    history.table.selectRow(0)
    history.delete_selected()
    assert entries.entry_count(ctx.db) == 0
    window.undo_action.trigger()
    assert entries.get_entry(ctx.db, rec.id).amount == 5.0
    window.undo_action.trigger()  # and the edit before it
    assert entries.get_entry(ctx.db, rec.id).amount == 2.0


def test_delete_on_logging_screen_is_undoable(window, qtbot, ctx) -> None:
    view = window.view("log")
    qtbot.mouseClick(view.form.submit, Qt.MouseButton.LeftButton)
    assert entries.entry_count(ctx.db) == 1
    view.table.selectRow(0)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert entries.entry_count(ctx.db) == 0 and view.table.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entries.entry_count(ctx.db) == 1


def test_nothing_today_records_a_logged_day(window, qtbot, ctx) -> None:
    view = window.view("log")
    qtbot.mouseClick(view.nothing_button, Qt.MouseButton.LeftButton)
    assert checkins.logged_days(ctx.db) == {view.day}
    assert not view.nothing_button.isEnabled()
    window.undo_action.trigger()
    assert checkins.logged_days(ctx.db) == set()


def test_day_navigation_and_backfill(window, qtbot, ctx) -> None:
    view = window.view("log")
    today = view.day
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.day == today - dt.timedelta(days=1)
    qtbot.mouseClick(view.form.submit, Qt.MouseButton.LeftButton)
    assert [r.day for r in entries.list_entries(ctx.db)] == [today - dt.timedelta(days=1)]
    view.go(5)
    assert view.day == today  # never past today


def test_restart_keeps_everything(db, data_dir, qtbot, qapp) -> None:
    from harmtrack.core.storage.settings import update_settings
    from harmtrack.core.tracking import trackables
    from harmtrack.ui.context import AppContext
    from harmtrack.ui.main_window import MainWindow

    update_settings(db, first_run_done=True)
    trackables.add_builtin(db, "alcohol")
    first = MainWindow(AppContext(db))
    qtbot.addWidget(first)
    view = first.view("log")
    form = view.form
    form.trackable.setCurrentIndex(form.trackable.findText("Alcohol"))
    form.amount.clear()
    qtbot.keyClicks(form.amount, "2")
    qtbot.keyClicks(form.note, "still here tomorrow")
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    assert form.error.text() == ""
    first.close()
    db.close()

    again = open_data_folder(data_dir)
    second = MainWindow(AppContext(again))
    qtbot.addWidget(second)
    second.show()  # the day is read once the window has painted
    qtbot.waitUntil(lambda: second.view("log").filled, timeout=5000)
    assert [(r.trackable, r.amount, r.note) for r in entries.list_entries(again)] == [
        ("Alcohol", 2.0, "still here tomorrow")]
    table = second.view("log").table
    assert table.rowCount() == 1 and table.item(0, 1).text() == "Alcohol"
    again.close()


def test_a_long_name_in_a_narrow_window_leaves_every_column_of_the_day_in_view(ctx, qtbot) -> None:
    from harmtrack.core.tracking import trackables
    from harmtrack.ui.log_view import LogView

    name = "A very long name for my own trackable that goes on and on"
    trackables.add_custom(ctx.db, name, "episodes")
    entries.log(ctx.db, name, 2, triggers=["a long trigger name here"])
    view = LogView(ctx)
    qtbot.addWidget(view)
    for width in (820, 1400):
        view.resize(width, 700)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda: view.filled, timeout=5000)
        table = view.table
        room = table.viewport().width()
        details = table.columnViewportPosition(3)
        assert details > 0 and details + 40 < room, (width, details, room)  # Details is there
        assert table.columnWidth(1) <= 170 and table.columnWidth(2) <= 150
