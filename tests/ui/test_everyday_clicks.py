"""Clicks a new user makes on the first day: the welcome's example, the File menu, a first
entry with nothing tracked yet, the screen that opens after the welcome."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers_dialogs import WhenShown, answer, click
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries


def test_explore_example_starts_a_real_second_instance(ctx, qtbot, monkeypatch) -> None:
    """The real launcher (QProcess.startDetached), with a harmless program as Python."""
    from harmtrack.ui import example_data, first_run

    monkeypatch.setattr(sys, "executable", "/bin/true")
    dialog = first_run.FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    click(dialog.example_button)
    assert "second HarmTrack window" in dialog.example_note.text()
    folder = dialog.example_folder
    assert folder is not None and example_data.is_example_folder(folder)
    assert entries.entry_count(ctx.db) == 0  # the user's own data is not touched
    assert example_data.remove_example_folder(folder) and not folder.exists()


def test_the_example_instance_removes_its_folder_when_it_ends(qapp, qtbot, monkeypatch, tmp_path) -> None:
    import atexit

    from harmtrack.paths import EXAMPLE_ENV
    from harmtrack.ui import example_data
    from harmtrack.ui.shell import AppShell

    folder = example_data.make_example_folder(days=7)
    registered: list[tuple] = []
    monkeypatch.setattr(atexit, "register", lambda fn, *args: registered.append((fn, args)))
    monkeypatch.setenv(EXAMPLE_ENV, str(folder))
    shell = AppShell(folder, tray=False)
    shell.open_main(open_data_folder(folder))
    try:
        assert "example data" in shell.window.windowTitle()
        assert registered == [(example_data.remove_example_folder, (folder,))]
    finally:
        _close(shell)
        shell.shutdown()
    fn, args = registered[0]
    fn(*args)
    assert not folder.exists()
    # Never a folder of the user's, whatever the environment says.
    own = tmp_path / "own"
    own.mkdir()
    assert not example_data.remove_example_folder(own) and own.exists()


def _chooser(dialog):  # type: ignore[no-untyped-def]
    from harmtrack.ui.trackables_dialog import TrackableChooser

    return dialog.findChild(TrackableChooser)


def _shell(ctx):  # type: ignore[no-untyped-def]
    from harmtrack.ui.shell import AppShell

    shell = AppShell(ctx.db.path.parent, tray=False)
    shell.open_main(ctx.db, ctx)
    return shell


def _close(shell) -> None:  # type: ignore[no-untyped-def]
    """Close the window and let it go before the test's database is closed."""
    window = shell.window
    window.reminder.quitting = True
    window.reminder.stop()
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    # processEvents leaves deferred deletes alone: without this the window and its timers
    # (the missed-reminder check reads the database) outlive the test's folder.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.instance().removeEventFilter(shell)


def test_file_menu_actions_without_a_shortcut_do_their_own_thing(ctx, qtbot) -> None:
    """File ▸ What I track… opens its dialog (it was rewired to Quit where Quit has no key)."""
    from harmtrack.ui.trackables_dialog import TrackablesDialog

    shell = _shell(ctx)
    try:
        window = shell.window
        track = next(a for a in window.file_menu.actions() if a.text() == "&What I track…")
        shown = WhenShown(TrackablesDialog, lambda d: d.reject())
        track.trigger()
        assert shown.done and window.isVisible()
    finally:
        _close(shell)


def test_log_entry_with_nothing_tracked_says_so_and_offers_the_choice(db, qapp, qtbot) -> None:
    from harmtrack.ui.context import AppContext
    from harmtrack.ui.trackables_dialog import TrackablesDialog

    update_settings(db, timezone="UTC", first_run_done=True)
    ctx = AppContext(db)
    shell = _shell(ctx)
    try:
        view = shell.window.view("log")
        said: list[str] = []

        def choose(box: QMessageBox) -> None:
            said.append(box.text())
            click(next(b for b in box.buttons() if b.text() == "Choose what to track…"))

        def pick_alcohol(dialog: TrackablesDialog) -> None:
            from PySide6.QtCore import QPoint, Qt
            from PySide6.QtTest import QTest
            from PySide6.QtWidgets import QDialogButtonBox

            check = next(c for c in (pair[0] for pair in _chooser(dialog).checks.values())
                         if c.accessibleName() == "Alcohol")
            QTest.mouseClick(check, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             QPoint(8, check.height() // 2))
            assert check.isChecked()
            click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))

        asked = WhenShown(QMessageBox, choose)
        chooser = WhenShown(TrackablesDialog, pick_alcohol)
        click(view.form.submit)
        assert asked.done and "not tracking anything yet" in said[0]
        assert chooser.done and view.form.trackable.count() == 1
        click(view.form.submit)
        assert entries.entry_count(db) == 1
        assert "What I track" not in view.form.error.text()  # the reason goes once it is solved
    finally:
        _close(shell)


def test_after_the_welcome_the_logging_screen_opens(db, qapp, qtbot, monkeypatch) -> None:
    """Even when another screen was remembered from before (the welcome says so)."""
    from harmtrack.app import open_before_qt
    from harmtrack.ui import first_run, shell
    from harmtrack.ui.main_window import MainWindow

    QSettings().setValue("window/last_screen", "data")

    def start_at_the_end(dialog: first_run.FirstRunDialog) -> None:
        while dialog.isVisible():
            click(dialog.next)  # Next, Next, Next, Start

    welcome = WhenShown(first_run.FirstRunDialog, start_at_the_end)
    app = QApplication.instance()
    monkeypatch.setattr(type(app), "exec", lambda self: 0)
    db.close()
    folder = Path(db.path.parent)
    assert shell.start(app, folder, opened=open_before_qt(folder)) == 0
    assert welcome.done
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    try:
        assert window.current_key() == "log"
    finally:
        window.reminder.quitting = True
        window.reminder.stop()
        window.close()
        window.ctx.db.close()


def test_no_backup_question_is_left_open(qapp, qtbot) -> None:
    """The helpers answer a message box by its button (the machinery the tests above use)."""
    asked = answer(QMessageBox.StandardButton.No)
    assert QMessageBox.question(None, "Sure?", "Really?") == QMessageBox.StandardButton.No
    assert asked.texts == ["Really?"]
