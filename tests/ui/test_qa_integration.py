"""Integration bugs found in an end-to-end pass over the merged app (one test per bug)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QSystemTrayIcon

from harmtrack.core.common.changes import Changes
from harmtrack.core.privacy import crypto
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries, trackables

PASS = "a long passphrase"


@pytest.fixture
def shell(qapp, qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    from harmtrack.ui.shell import AppShell

    QStandardPaths.setTestModeEnabled(True)
    QSettings().clear()
    db = open_data_folder(data_dir)
    update_settings(db, timezone="UTC", first_run_done=True, theme="dark")
    trackables.add_builtin(db, "alcohol")
    entries.log(db, "alcohol", 2)
    crypto.change_encryption(db, PASS).database.close()
    s = AppShell(data_dir, tray=False)
    s.open_main(open_data_folder(data_dir, passphrase=PASS))
    yield s
    for w in (s.window, s.lock_screen):
        if w is not None:
            w.close()
    s.shutdown()
    QApplication.instance().removeEventFilter(s)


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()


def _unlock(shell, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert shell.lock_screen is not None
    shell.lock_screen.passphrase.setText(PASS)
    shell.lock_screen.try_unlock()
    assert shell.window is not None


def test_system_colour_change_after_lock_and_unlock_touches_only_the_new_window(shell, qtbot) -> None:
    errors: list[BaseException] = []
    import sys

    old_hook = sys.excepthook
    import traceback

    sys.excepthook = lambda t, value, tb: errors.append("".join(traceback.format_exception(t, value, tb)))
    try:
        shell.lock()
        _flush_deletes()
        _unlock(shell, qtbot)
        _flush_deletes()
        hints = QGuiApplication.styleHints()
        if not hasattr(hints, "colorSchemeChanged"):
            pytest.skip("Qt before 6.5 has no colour-scheme signal")
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        QCoreApplication.processEvents()
    finally:
        sys.excepthook = old_hook
    assert errors == []  # the old window's sidebar was deleted: it must not be updated any more
    window = shell.window
    assert all(not window.sidebar.item(i).icon().isNull() for i in range(window.sidebar.count()))


def test_unlocked_window_is_wired_like_the_first(shell, qtbot) -> None:
    def wiring(window) -> dict[str, object]:  # type: ignore[no-untyped-def]
        return {
            "file": [a.text() for a in window.file_menu.actions()],
            "help": [a.text() for a in window.help_menu.actions()],
            "icons": [not window.sidebar.item(i).icon().isNull() for i in range(window.sidebar.count())],
            "reminder": hasattr(window, "reminder"),
            "theme": QApplication.instance().property("harmtrackTheme"),
        }

    first = wiring(shell.window)
    assert "&Settings…" in first["file"] and "&Welcome…" in first["help"]
    shell.lock()
    _unlock(shell, qtbot)
    assert wiring(shell.window) == first


def test_locking_with_a_reminder_and_tray_says_nothing_about_staying_in_the_tray(shell, qtbot) -> None:
    window = shell.window
    shell.ctx.update_settings(reminder_time="21:00", discreet=True)
    reminder = window.reminder
    reminder.tray = QSystemTrayIcon()  # stands in for a desktop tray (none offscreen)
    shown: list[str] = []
    reminder.tray.showMessage = lambda title, *_a: shown.append(title)  # type: ignore[method-assign]
    shell.lock()
    assert shown == []  # no "Still here for your reminder" naming the app while locked
    assert not reminder.timer.isActive()
    assert not window.isVisible() and shell.lock_screen is not None


def test_f1_lists_the_keys_of_screens_not_opened_yet_and_names_menus_right(window) -> None:
    from harmtrack.ui.main_window import SCREENS

    assert "charts" not in window.views and "history" not in window.views  # only Today is open
    rows = set(window.shortcut_list())
    assert ("Review with my therapist (Charts screen)", "F11") in rows
    assert ("Next / previous chart", "Alt+Right / Alt+Left") in rows
    assert ("Delete the selected entries (History)", "Delete") in rows
    assert ("Data & privacy", "Ctrl+6") in rows  # not "Data  privacy"
    assert ("Go to today", "Alt+Home") in rows and ("Today", "Ctrl+1") in rows
    # The View menu shows "Data & privacy" literally (a single & would underline the space).
    texts = [a.text() for a in window.view_menu.actions()]
    assert "Data && privacy" in texts
    assert str(len(SCREENS)) in window.sidebar.accessibleDescription()
    assert "charts" not in window.views  # listing the keys does not build screens
    window.view("log").nothing_today()  # an undoable change: the Undo action now names it
    assert window.undo_action.text() != "&Undo"
    rows = set(window.shortcut_list())
    assert ("Undo", "Ctrl+Z") in rows and not any(t.startswith("Undo ") for t, _k in rows)


def test_delete_key_removes_an_entry_only_when_the_list_has_the_focus(window, qtbot, ctx) -> None:
    from harmtrack.core.tracking import entries as entries_mod

    view = window.view("log")
    entries_mod.log(ctx.db, "alcohol", 2)
    ctx.data_changed.emit(Changes.everything())  # written from outside
    assert view.table.rowCount() == 1
    for widget in (view.form.discuss, view.form.trackable):  # a check box, a combo box of the form
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
        assert entries_mod.entry_count(ctx.db) == 1
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert entries_mod.entry_count(ctx.db) == 0
    window.undo_action.trigger()

    window.open_screen("history")
    history = window.view("history")
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=2000)
    history.table.selectRow(0)
    for widget in history.findChildren(QComboBox):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    assert entries_mod.entry_count(ctx.db) == 1
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Delete)
    assert entries_mod.entry_count(ctx.db) == 0


def test_logging_screen_follows_today_when_the_time_zone_or_day_start_moves_it(window, qtbot, ctx) -> None:
    import datetime as dt

    from harmtrack.core.tracking import entries as entries_mod

    view = window.view("log")
    before = view.day
    assert view.day_label.text().startswith("Today")
    # A zone half a world away puts "today" on another date at any hour of the day.
    zone = "Etc/GMT+12" if dt.datetime.now(dt.UTC).hour < 12 else "Pacific/Kiritimati"
    ctx.update_settings(timezone=zone)
    today = entries_mod.today(ctx.db, ctx.settings())
    assert today != before
    assert view.day == today and view.form.day == today
    assert view.day_label.text().startswith("Today")
    assert not view.next_button.isEnabled()  # no future day to move to

    # A day looked at on purpose stays: only "today" follows.
    view.go(-3)
    ctx.update_settings(day_start_hour=5)
    assert view.day == today - dt.timedelta(days=3)


@pytest.mark.parametrize("opened_with", ["welcome", "restore question", "passphrase box", "review mode"])
def test_locking_while_a_dialog_is_open_closes_it_first_without_errors(shell, qtbot, data_dir,
                                                                       monkeypatch, opened_with) -> None:
    import sys
    import traceback

    from PySide6.QtCore import QTimer

    from harmtrack.paths import backups_dir

    errors: list[str] = []
    monkeypatch.setattr(sys, "excepthook",
                        lambda t, v, tb: errors.append("".join(traceback.format_exception(t, v, tb))))
    window = shell.window
    QTimer.singleShot(200, shell.lock)  # as the idle timer would, while the dialog waits for the user
    if opened_with == "welcome":
        window.welcome_action.trigger()
    elif opened_with == "restore question":
        window.open_screen("data")
        view = window.view("data")
        view.backup_now()
        view.restore_file(sorted(backups_dir(data_dir).glob("*.sqlite3"))[0])  # asks first
    elif opened_with == "passphrase box":
        window.open_screen("data")
        window.view("data").decrypt()
    else:
        window.open_screen("charts")
        window.view("charts").open_review()
    qtbot.waitUntil(lambda: shell.window is None, timeout=3000)
    qtbot.wait(100)
    assert errors == []
    visible = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == ["LockScreen"]  # no dialog with data left on screen
    _unlock(shell, qtbot)
    assert entries.entry_count(shell.ctx.db) == 1  # nothing restored or changed by the lock
    assert shell.ctx.db.encrypted


def test_nothing_to_log_button_names_the_day_it_records(window, qtbot, ctx) -> None:
    import datetime as dt

    from harmtrack.core.tracking import checkins
    from harmtrack.core.tracking import entries as entries_mod

    view = window.view("log")
    assert view.nothing_button.text().replace("&", "") == "Nothing to log today"
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    yesterday = entries_mod.today(ctx.db, ctx.settings()) - dt.timedelta(days=1)
    assert view.day == yesterday
    assert view.nothing_button.text().replace("&", "") == "Nothing to log this day"
    qtbot.mouseClick(view.nothing_button, Qt.MouseButton.LeftButton)
    assert checkins.logged_days(ctx.db) == {yesterday}
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.nothing_button.text().replace("&", "") == "Nothing to log today"


def test_f11_opens_the_review_mode_and_f11_leaves_it(window, qtbot, ctx) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.open_screen("charts")
    view = window.view("charts")
    for inside in ("notes", "canvas"):
        qtbot.keyClick(view, Qt.Key.Key_F11)
        review = view.review
        assert review is not None and review.isVisible()
        review.activateWindow()
        qtbot.waitUntil(lambda r=review: QApplication.activeWindow() is r)
        widget = getattr(review, inside)
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_F11)
        qtbot.waitUntil(lambda: view.review is None, timeout=3000)
        assert not review.isVisible()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_a_chart_still_loading_when_the_app_locks_is_dropped_quietly(shell, qtbot, monkeypatch) -> None:
    import sys
    import threading
    import traceback

    from harmtrack.core.charts import data as chartdata

    errors: list[str] = []
    monkeypatch.setattr(sys, "excepthook",
                        lambda t, v, tb: errors.append("".join(traceback.format_exception(t, v, tb))))
    release = threading.Event()
    real = chartdata.chart_data

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)  # read while the data is still open...
        release.wait(5)  # ...and come back only after the lock
        return result

    monkeypatch.setattr(chartdata, "chart_data", slow)
    shell.window.open_screen("charts")  # starts loading the chart in the background
    shell.lock()
    assert shell.window is None
    release.set()
    qtbot.wait(500)  # the result arrives on the UI thread; the screen it was for is gone
    assert errors == []


def test_unlock_screen_at_start_gets_the_style_theme_and_icon(qapp, qtbot, data_dir, monkeypatch) -> None:
    from harmtrack.core.common.errors import PassphraseRequired
    from harmtrack.ui import shell

    db = open_data_folder(data_dir)
    update_settings(db, timezone="UTC", first_run_done=True)
    crypto.change_encryption(db, PASS).database.close()
    monkeypatch.delenv("HARMTRACK_PASSPHRASE", raising=False)
    for name in ("harmtrackTheme", "harmtrackStyle"):
        qapp.setProperty(name, None)
    qapp.setStyleSheet("")
    from PySide6.QtGui import QIcon

    qapp.setWindowIcon(QIcon())
    monkeypatch.setattr(type(qapp), "exec", lambda self: 0)  # do not wait for input
    assert shell.start(qapp, data_dir, opened=(None, PassphraseRequired("locked"))) == 0
    screens = [w for w in QApplication.topLevelWidgets() if w.objectName() == "LockScreen" and w.isVisible()]
    assert len(screens) == 1
    assert qapp.property("harmtrackTheme") in ("light", "dark")  # the system's, as elsewhere
    assert qapp.styleSheet() != ""  # the app's style sheet
    assert not qapp.windowIcon().isNull()
    screens[0].close()


def test_closing_to_the_tray_in_discreet_mode_does_not_name_the_app(ctx, qtbot) -> None:
    from harmtrack.ui.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    QSettings().clear()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.add_app_features(tray=False)
    reminder = window.reminder
    reminder.tray = QSystemTrayIcon()  # stands in for a desktop tray (none offscreen)
    shown: list[str] = []
    reminder.tray.showMessage = lambda title, text, *_a: shown.append(f"{title} {text}")  # type: ignore[method-assign]
    ctx.update_settings(reminder_time="21:00", discreet=True)
    window.show()
    assert not window.close()  # hidden to the tray
    assert len(shown) == 1 and "HarmTrack" not in shown[0] and "tray" in shown[0]
    assert window.windowTitle() == "Notes"


def test_deleting_the_entry_being_corrected_puts_the_form_back_to_a_new_entry(window, qtbot, ctx) -> None:
    from harmtrack.core.tracking import entries as entries_mod

    view = window.view("log")
    rec = entries_mod.log(ctx.db, "alcohol", 2)
    ctx.data_changed.emit(Changes.everything())  # written from outside
    view.table.selectRow(0)
    view.edit_selected()
    assert view.form.editing is not None and view.form.editing.id == rec.id
    view.delete_selected()
    assert view.form.editing is None  # no "Save changes" for an entry that is gone
    assert view.form.submit.text().replace("&", "") == "Log entry"
    window.undo_action.trigger()  # the entry is back; the form stays a new entry
    assert entries_mod.get_entry(ctx.db, rec.id).amount == 2.0

    # Deleted elsewhere (History) while corrected here: the same.
    view.table.selectRow(0)
    view.edit_selected()
    window.open_screen("history")
    history = window.view("history")
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=2000)
    history.table.selectRow(0)
    history.delete_selected()
    window.open_screen("log")
    assert view.form.editing is None and view.form.error.text() == ""
