"""Each screen reloads only when a change touches what it shows; a hidden one when shown.

The screens' reload methods are counted by a spy put on the class before the window is
made (the screens connect their bound methods when they are built); what a person sees
after switching screens is checked as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox

from harmtrack.core.tracking import checkins, entries
from harmtrack.ui.charts_view import ChartsView
from harmtrack.ui.history_view import HistoryView
from harmtrack.ui.log_view import LogView

CTRL = Qt.KeyboardModifier.ControlModifier


def count_calls(monkeypatch: pytest.MonkeyPatch, cls: type, name: str) -> list[object]:
    """Every call of ``cls.name`` from now on (on screens built after this)."""
    calls: list[object] = []
    original: Callable[..., Any] = getattr(cls, name)

    def spy(self: object, *args: Any, **kwargs: Any) -> Any:
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, spy)
    return calls


def press(window, qtbot, key: Qt.Key, modifiers=CTRL) -> None:  # type: ignore[no-untyped-def]
    """A key of the window's menus (Ctrl+1 Today, Ctrl+2 History, Ctrl+4 Charts, Ctrl+Z undo)."""
    window.activateWindow()  # shortcuts go to the active window (a dialog may have been it)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, key, modifiers)
    QCoreApplication.processEvents()  # deferred reloads (timers of 0 ms) have their turn


def log_by_typing(window, qtbot, name: str, amount: str, cost: str = "") -> None:  # type: ignore[no-untyped-def]
    form = window.view("log").form
    form.trackable.setCurrentIndex(form.trackable.findText(name))
    form.amount.clear()
    qtbot.keyClicks(form.amount, amount)
    if cost:
        qtbot.keyClicks(form.cost, cost)
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    QCoreApplication.processEvents()


def history_cells(history: HistoryView) -> list[list[str]]:
    model = history.model
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_logging_one_trackable_leaves_the_chart_of_another_alone(request, monkeypatch, qtbot, ctx) -> None:
    refreshes = count_calls(monkeypatch, ChartsView, "refresh")
    window = request.getfixturevalue("window")
    press(window, qtbot, Qt.Key.Key_4)
    charts = window.view("charts")
    assert window.current_key() == "charts"
    charts.trackable.setCurrentIndex(charts.trackable.findText("Cannabis"))
    qtbot.waitUntil(lambda: charts.data is not None and charts.data.info.trackable == "Cannabis",
                    timeout=5000)
    assert "(Cannabis, " in charts.summary.text() and "Nothing logged" in charts.summary.text()
    drawn = len(refreshes)

    press(window, qtbot, Qt.Key.Key_1)
    log_by_typing(window, qtbot, "Alcohol", "3")
    press(window, qtbot, Qt.Key.Key_4)
    assert len(refreshes) == drawn  # the Cannabis chart was not computed again
    assert charts.trackable.currentText() == "Cannabis" and "Nothing logged" in charts.summary.text()

    press(window, qtbot, Qt.Key.Key_1)
    log_by_typing(window, qtbot, "Cannabis", "2")
    assert len(refreshes) == drawn  # hidden: it waits until it is shown
    press(window, qtbot, Qt.Key.Key_4)
    assert len(refreshes) == drawn + 1
    qtbot.waitUntil(lambda: "2 sessions in all" in charts.summary.text(), timeout=5000)
    assert "(Cannabis, " in charts.summary.text()


def test_a_hidden_history_reads_nothing_until_shown_then_shows_the_new_entry(
        request, monkeypatch, qtbot, ctx) -> None:
    refreshes = count_calls(monkeypatch, HistoryView, "refresh")
    window = request.getfixturevalue("window")
    press(window, qtbot, Qt.Key.Key_2)
    history = window.view("history")
    assert window.current_key() == "history" and history.model.rowCount() == 0
    press(window, qtbot, Qt.Key.Key_1)
    assert window.current_key() == "log"
    shown = len(refreshes)

    log_by_typing(window, qtbot, "Alcohol", "3")
    log_by_typing(window, qtbot, "Cannabis", "1")
    assert window.view("log").table.rowCount() == 2  # the screen in front shows them at once
    assert len(refreshes) == shown  # History is hidden: nothing read for it

    press(window, qtbot, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=2000)
    assert sorted(row[2] for row in history_cells(history)) == ["Alcohol", "Cannabis"]
    assert len(refreshes) == shown + 1  # once for both entries


def test_undo_and_redo_with_the_keys_refresh_what_is_shown_and_the_rest_when_opened(
        request, monkeypatch, qtbot, ctx) -> None:
    day_reloads = count_calls(monkeypatch, LogView, "refresh")
    window = request.getfixturevalue("window")
    log = window.view("log")
    log_by_typing(window, qtbot, "Alcohol", "2")
    assert log.table.rowCount() == 1
    press(window, qtbot, Qt.Key.Key_2)
    history = window.view("history")
    assert history.model.rowCount() == 1
    before = len(day_reloads)

    press(window, qtbot, Qt.Key.Key_Z)  # undo
    qtbot.waitUntil(lambda: history.model.rowCount() == 0, timeout=2000)
    assert entries.entry_count(ctx.db) == 0
    assert len(day_reloads) == before  # Today is hidden

    press(window, qtbot, Qt.Key.Key_1)
    assert log.table.rowCount() == 0 and log.empty.isVisible()
    assert "Nothing logged for this day yet" in log.empty.text()
    assert len(day_reloads) == before + 1

    window.redo_action.trigger()  # its key differs between platforms
    assert log.table.rowCount() == 1 and log.table.item(0, 1).text() == "Alcohol"
    press(window, qtbot, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=2000)


def test_a_change_on_another_day_keeps_the_day_shown_and_updates_the_quick_buttons(
        request, monkeypatch, qtbot, ctx) -> None:
    day_reloads = count_calls(monkeypatch, LogView, "refresh")
    window = request.getfixturevalue("window")
    log = window.view("log")
    qtbot.mouseClick(log.prev_button, Qt.MouseButton.LeftButton)  # yesterday
    log_by_typing(window, qtbot, "Alcohol", "2")
    assert log.table.rowCount() == 1
    qtbot.mouseClick(log.next_button, Qt.MouseButton.LeftButton)  # back to today
    assert log.table.rowCount() == 0
    qtbot.waitUntil(log.quick_label.isVisible, timeout=2000)  # "Alcohol +2", read in the background
    before = len(day_reloads)
    ctx.undo_stack.undo()  # the entry of yesterday goes
    assert len(day_reloads) == before  # today's list is not read again for it
    qtbot.waitUntil(lambda: not log.quick_label.isVisible(), timeout=2000)  # nothing logged: no buttons


def test_a_settings_change_reaches_every_screen_that_shows_it(request, monkeypatch, qtbot, ctx) -> None:
    from harmtrack.ui.settings_dialog import SettingsDialog

    history_reloads = count_calls(monkeypatch, HistoryView, "refresh")
    window = request.getfixturevalue("window")
    log_by_typing(window, qtbot, "Alcohol", "1", "31.8")
    press(window, qtbot, Qt.Key.Key_2)
    history = window.view("history")
    assert any("$31.80" in cell for cell in history_cells(history)[0])
    press(window, qtbot, Qt.Key.Key_1)
    before = len(history_reloads)

    dialog = SettingsDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.form.currency
    combo.setFocus()
    for _ in range(combo.findData("EUR") - combo.currentIndex()):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    QCoreApplication.processEvents()
    assert ctx.settings().currency == "EUR"
    assert "cost €31.80" in window.view("log").table.item(0, 3).text()  # shown: at once
    assert len(history_reloads) == before  # hidden: later

    press(window, qtbot, Qt.Key.Key_2)
    assert window.current_key() == "history"
    assert any("€31.80" in cell for cell in history_cells(history)[0])
    assert len(history_reloads) == before + 1


def test_the_window_back_from_the_tray_shows_a_check_in_made_from_the_tray(
        request, monkeypatch, qtbot, ctx) -> None:
    from harmtrack.ui.reminder import Reminder

    day_reloads = count_calls(monkeypatch, LogView, "refresh")
    window = request.getfixturevalue("window")
    log = window.view("log")
    assert log.nothing_button.isEnabled()
    reminder = Reminder(ctx, window, use_tray=False)
    window.hide()  # as closing does while the reminder runs
    before = len(day_reloads)
    reminder.nothing_today()  # the tray menu's "Nothing today"
    assert checkins.checked_in_days(ctx.db) == {entries.today(ctx.db)}
    assert len(day_reloads) == before  # nothing is drawn for a hidden window
    reminder.show_window()  # the tray's "Open HarmTrack"
    qtbot.waitExposed(window)
    assert len(day_reloads) == before + 1
    assert log.empty.text() == "Nothing to log this day — recorded. ✓"
    assert not log.nothing_button.isEnabled()
