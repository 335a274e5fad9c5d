"""Undo only ever holds changes that happened, and its messages say what is true now."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import DatabaseError
from harmtrack.core.tracking import checkins, entries

LOCKED = "the database is locked by another program (is HarmTrack already open?); nothing was saved"


def refuse(*_args: object, **_kwargs: object) -> None:
    raise DatabaseError(LOCKED)


def log_today(ctx, n: int = 1) -> list[int]:  # type: ignore[no-untyped-def]
    today = entries.today(ctx.db)
    at = [dt.datetime.combine(today, dt.time(9, i), tzinfo=dt.UTC) for i in range(n)]
    ids = [entries.log(ctx.db, "alcohol", i + 1, at=when).id for i, when in enumerate(at)]
    ctx.data_changed.emit(Changes.everything())  # written from outside
    return ids


def test_a_refused_delete_on_today_adds_nothing_to_undo(window, qtbot, ctx, monkeypatch) -> None:
    log_today(ctx)
    view = window.view("log")
    view.table.selectRow(0)
    monkeypatch.setattr(entries, "delete_entry", refuse)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert ctx.undo_stack.count() == 0
    assert view.form.error.text() == LOCKED
    assert entries.entry_count(ctx.db) == 1


def test_a_refused_check_in_adds_nothing_to_undo(window, qtbot, ctx, monkeypatch) -> None:
    view = window.view("log")
    monkeypatch.setattr(checkins, "check_in", refuse)
    qtbot.mouseClick(view.nothing_button, Qt.MouseButton.LeftButton)
    assert ctx.undo_stack.count() == 0
    assert view.form.error.text() == LOCKED
    assert checkins.logged_days(ctx.db) == set()


def test_a_check_in_already_recorded_elsewhere_is_not_an_undo_step(window, qtbot, ctx) -> None:
    view = window.view("log")
    checkins.check_in(ctx.db, view.day)  # the command line did it while the window was open
    qtbot.mouseClick(view.nothing_button, Qt.MouseButton.LeftButton)
    assert ctx.undo_stack.count() == 0
    window.undo_action.trigger()
    assert checkins.logged_days(ctx.db) == {view.day}  # undo did not take away what it never added


def test_a_refused_edit_on_today_adds_nothing_to_undo(window, qtbot, ctx, monkeypatch) -> None:
    log_today(ctx)
    view = window.view("log")
    view.table.selectRow(0)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(entries, "update_entry", refuse)
    qtbot.keyClick(view.form.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ctx.undo_stack.count() == 0
    assert view.form.error.text() == LOCKED


def test_a_refused_log_adds_nothing_to_undo(window, qtbot, ctx, monkeypatch) -> None:
    view = window.view("log")
    monkeypatch.setattr(entries, "add_entry", refuse)
    qtbot.mouseClick(view.form.submit, Qt.MouseButton.LeftButton)
    assert ctx.undo_stack.count() == 0
    assert view.form.error.text() == LOCKED


def test_a_refused_delete_in_history_adds_nothing_to_undo(window, qtbot, ctx, monkeypatch) -> None:
    log_today(ctx, 3)
    window.open_screen("history")
    history = window.view("history")
    history.table.selectAll()
    history.table.setFocus()
    monkeypatch.setattr(entries, "delete_entry", refuse)
    qtbot.keyClick(history.table, Qt.Key.Key_Delete)
    assert ctx.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == f"Not deleted: {LOCKED}"
    assert entries.entry_count(ctx.db) == 3


def test_a_delete_refused_part_way_keeps_what_happened_as_one_step(window, qtbot, ctx, monkeypatch) -> None:
    ids = log_today(ctx, 3)
    window.open_screen("history")
    history = window.view("history")
    history.table.selectAll()
    real_delete = entries.delete_entry

    def second_refused(db, entry_id):  # type: ignore[no-untyped-def]
        if entry_id == ids[1]:
            refuse()
        return real_delete(db, entry_id)

    monkeypatch.setattr(entries, "delete_entry", second_refused)
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    assert entries.entry_count(ctx.db) == 2
    assert ctx.undo_stack.count() == 1
    message = window.statusBar().currentMessage()
    assert message.startswith("Deleted 1 entry.") and LOCKED in message
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entries.entry_count(ctx.db) == 3


def test_the_delete_message_goes_when_the_delete_is_undone(window, qtbot, ctx) -> None:
    log_today(ctx, 3)
    window.open_screen("history")
    history = window.view("history")
    history.table.selectAll()
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage().startswith("Deleted 3 entries")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entries.entry_count(ctx.db) == 3
    assert window.statusBar().currentMessage() == "Undone: delete 3 entries."
    window.redo_action.trigger()
    assert entries.entry_count(ctx.db) == 0
    assert window.statusBar().currentMessage() == "Redone: delete 3 entries."


@pytest.mark.parametrize("step", ["undo", "redo"])
def test_a_refused_undo_or_redo_leaves_the_stack_and_says_why(window, qtbot, ctx, monkeypatch, step) -> None:
    view = window.view("log")
    qtbot.mouseClick(view.form.submit, Qt.MouseButton.LeftButton)
    assert ctx.undo_stack.count() == 1
    if step == "redo":
        window.undo_action.trigger()
        monkeypatch.setattr(entries, "restore_entry", refuse)
        window.redo_action.trigger()
    else:
        monkeypatch.setattr(entries, "delete_entry", refuse)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ctx.undo_stack.count() == 0  # Ctrl+Z no longer offers a step that is not there
    assert window.statusBar().currentMessage() == f"Could not {step} log Alcohol: {LOCKED}"
    assert entries.entry_count(ctx.db) == (1 if step == "undo" else 0)
