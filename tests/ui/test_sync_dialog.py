"""Sync between computers, as a person uses it: Data & privacy ▸ Sync between computers…,
a folder and a passphrase, the preview of the first pass, Sync now, the computers, the
values changed on both computers; and the window syncing by itself on start and on a timer.

A real sync folder in tmp_path; the other computer is a second data folder, driven through
the core's sync service directly (as the other computer's own HarmTrack would).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from pathlib import Path

import pytest
from helpers_dialogs import WhenShown, click, file_chooser, type_into
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from harmtrack.core.common.changes import Changes
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries, trackables

PASSPHRASE = "lantern orchard violet 1987 quietly"
AT = dt.datetime(2026, 11, 20, 21, 5, tzinfo=dt.UTC)


def sync_service():  # type: ignore[no-untyped-def]
    """The core's sync service (sync-pass builds it in parallel with this screen)."""
    try:
        from harmtrack.core.sync import service
    except ImportError:
        pytest.skip("harmtrack.core.sync.service is not there yet: set_folder, status, run_pass, "
                    "conflicts, dismiss_conflict (sync-pass)")
    for name in ("set_folder", "status", "run_pass", "conflicts", "dismiss_conflict", "forget_folder"):
        if not hasattr(service, name):
            pytest.skip(f"harmtrack.core.sync.service.{name} is not there yet (sync-pass)")
    return service


@pytest.fixture
def service():  # type: ignore[no-untyped-def]
    return sync_service()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The folder a sync tool keeps the same on every computer."""
    path = tmp_path / "Sync"
    path.mkdir()
    return path


@pytest.fixture
def other(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The other computer: its own data folder, with two evenings logged."""
    db = open_data_folder(tmp_path / "laptop")
    update_settings(db, timezone="UTC", first_run_done=True)
    trackables.add_builtin(db, "alcohol")
    entries.log(db, "Alcohol", 2, at=AT)
    entries.log(db, "Alcohol", 1, at=AT + dt.timedelta(days=1))
    yield db
    db.close()


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("HARMTRACK_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_sync_dialog(window, qtbot):  # type: ignore[no-untyped-def]
    """Data & privacy (Ctrl+6), then its "Sync between computers…" button."""
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    view = window.view("data")
    assert window.current_key() == "data"
    click(view.sync_button)
    dialog = view.sync_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.state is not None, timeout=10_000)  # read in the background
    return dialog


def set_up_by_typing(dialog, qtbot, folder: Path, name: str = "Desk") -> None:  # type: ignore[no-untyped-def]
    type_into(dialog.folder_edit, str(folder))
    type_into(dialog.passphrase, PASSPHRASE)
    type_into(dialog.passphrase_again, PASSPHRASE)
    type_into(dialog.device_name, name)
    click(dialog.setup_button)
    qtbot.waitUntil(lambda: dialog.preview_box.isVisible() or "color" in dialog.note.styleSheet(),
                    timeout=30_000)
    assert dialog.preview_box.isVisible(), dialog.note.text()


def wait_idle(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=30_000)
    qtbot.wait(50)  # the refresh that follows a pass, read in the background
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=30_000)


def test_setting_up_previews_and_sync_brings_the_other_computers_entries(
        window, qtbot, ctx, service, folder, other, tmp_path) -> None:
    service.set_folder(other, folder, PASSPHRASE, "Laptop")
    service.run_pass(other)
    seen: list[Changes] = []
    ctx.data_changed.connect(seen.append)

    dialog = open_sync_dialog(window, qtbot)
    assert dialog.setup_box.isVisible() and not dialog.status_box.isVisible()
    assert dialog.grab().save(str(shots(tmp_path) / "sync-empty.png"))
    set_up_by_typing(dialog, qtbot, folder)
    preview = dialog.preview_text.text()
    assert "New: " in preview and "New: 0" not in preview, preview
    assert dialog.grab().save(str(shots(tmp_path) / "sync-preview.png"))
    assert entries.entry_count(ctx.db) == 0  # the preview changed nothing
    assert service.status(ctx.db).last_sync is None

    click(dialog.preview_sync)
    wait_idle(dialog, qtbot)
    qtbot.waitUntil(lambda: dialog.devices.topLevelItemCount() == 2, timeout=10_000)
    assert entries.entry_count(ctx.db) == 2
    assert "Synced." in dialog.note.text()
    assert any(c.all for c in seen)  # every screen reloads what the pass brought
    rows = {dialog.devices.topLevelItem(i).text(0): dialog.devices.topLevelItem(i).text(2)
            for i in range(2)}
    assert rows == {"Desk": "this computer", "Laptop": ""}
    assert dialog.last_sync_label.text() != "Not yet on this computer"
    assert not dialog.passphrase.text()  # not kept in the window once the folder is set
    assert dialog.pending_label.text() == "None; everything is synced"

    # An entry logged while the dialog is open waits for the next pass.
    logged = entries.log(ctx.db, "Alcohol", 1, at=AT + dt.timedelta(days=3))
    ctx.data_changed.emit(Changes.of_entries([logged]))  # as the logging screen's command does
    qtbot.waitUntil(lambda: dialog.pending_label.text() == "1", timeout=10_000)
    assert dialog.grab().save(str(shots(tmp_path) / "sync-two-computers.png"))


def test_cancel_in_the_preview_changes_nothing(window, qtbot, ctx, service, folder, other) -> None:
    service.set_folder(other, folder, PASSPHRASE, "Laptop")
    service.run_pass(other)
    dialog = open_sync_dialog(window, qtbot)
    set_up_by_typing(dialog, qtbot, folder)
    click(dialog.preview_cancel)
    qtbot.waitUntil(lambda: "nothing was changed" in dialog.note.text(), timeout=5000)
    assert not dialog.preview_box.isVisible()
    assert entries.entry_count(ctx.db) == 0
    assert service.status(ctx.db).last_sync is None

    # The next "Sync now" shows the preview again: the first pass is still to be confirmed.
    qtbot.waitUntil(dialog.sync_button.isEnabled, timeout=5000)
    click(dialog.sync_button)
    qtbot.waitUntil(dialog.preview_box.isVisible, timeout=30_000)
    assert entries.entry_count(ctx.db) == 0


def test_choose_opens_a_folder_dialog_and_fills_in_the_folder(window, qtbot, folder) -> None:
    from harmtrack.ui.sync_dialog import SyncDialog

    dialog = SyncDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    chooser = WhenShown(QFileDialog, file_chooser(folder))
    click(dialog.choose_button)
    assert chooser.done
    assert Path(dialog.folder_edit.text()) == folder


def test_a_weak_passphrase_for_a_new_folder_is_refused_in_one_line(window, qtbot, ctx, folder) -> None:
    from harmtrack.ui.sync_dialog import SyncDialog

    dialog = SyncDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.folder_edit, str(folder))
    type_into(dialog.passphrase, "abc")
    type_into(dialog.passphrase_again, "abc")
    click(dialog.setup_button)
    assert "passphrase" in dialog.note.text() and "\n" not in dialog.note.text()
    assert not dialog.runner.running
    assert not any(folder.iterdir())  # nothing written into the sync folder
    (folder / ".stfolder").mkdir()  # Syncthing's marker: the folder is still a new one
    click(dialog.setup_button)
    assert "passphrase" in dialog.note.text() and not dialog.runner.running
    type_into(dialog.passphrase_again, "d")
    click(dialog.setup_button)
    assert dialog.note.text() == "The two passphrases differ."


def test_values_changed_on_both_computers_are_listed_and_can_be_dismissed(
        window, qtbot, ctx, service, folder, other, tmp_path) -> None:
    service.set_folder(other, folder, PASSPHRASE, "Laptop")
    service.run_pass(other)
    dialog = open_sync_dialog(window, qtbot)
    set_up_by_typing(dialog, qtbot, folder)
    click(dialog.preview_sync)
    wait_idle(dialog, qtbot)
    assert entries.entry_count(ctx.db) == 2

    # The same evening's amount changed on both computers before they synced again.
    mine = next(e for e in entries.list_entries(ctx.db) if e.day == AT.date())
    theirs = next(e for e in entries.list_entries(other) if e.day == AT.date())
    entries.update_entry(ctx.db, mine.id, amount=3)
    entries.update_entry(other, theirs.id, amount=4)
    service.run_pass(other)
    click(dialog.sync_button)
    wait_idle(dialog, qtbot)
    qtbot.waitUntil(lambda: dialog.conflicts.topLevelItemCount() == 1, timeout=10_000)
    service.run_pass(other)  # the laptop learns of the conflict too
    assert dialog.conflict_box.isVisible()
    row = dialog.conflicts.topLevelItem(0)
    cells = [row.text(i) for i in range(4)]
    kept = entries.get_entry(ctx.db, mine.id).amount  # the later change, on both computers
    assert kept == entries.get_entry(other, theirs.id).amount
    assert f"{kept:g}" in cells[1] and f"{7 - kept:g}" in cells[2], cells
    assert cells[3] == ("Laptop" if kept == 3 else "Desk"), cells  # where the other value came from
    assert dialog.grab().save(str(shots(tmp_path) / "sync-conflict.png"))

    assert not dialog.dismiss_button.isEnabled()
    rect = dialog.conflicts.visualItemRect(row)
    QTest.mouseClick(dialog.conflicts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.dismiss_button.isEnabled()
    click(dialog.dismiss_button)
    qtbot.waitUntil(lambda: dialog.conflicts.topLevelItemCount() == 0, timeout=10_000)
    assert service.conflicts(ctx.db) == []
    assert not dialog.conflict_box.isVisible()


def test_a_failed_pass_is_one_line_in_the_dialog_and_no_message_box(
        window, qtbot, ctx, service, folder, tmp_path) -> None:
    dialog = open_sync_dialog(window, qtbot)
    set_up_by_typing(dialog, qtbot, folder)
    click(dialog.preview_sync)
    wait_idle(dialog, qtbot)
    statuses: list[str] = []
    ctx.status.connect(statuses.append)

    shutil.rmtree(folder)  # the stick was unplugged
    boxes: list[QMessageBox] = []
    watcher = WhenShown(QMessageBox, boxes.append, limit_ms=3000)
    click(dialog.sync_button)
    qtbot.waitUntil(lambda: "Sync did not work" in dialog.note.text(), timeout=30_000)
    assert "\n" not in dialog.note.text()
    assert statuses and statuses[-1] == dialog.note.text()  # the window's status bar too
    qtbot.waitUntil(lambda: watcher.left <= 0 or watcher.done, timeout=5000)
    assert not boxes
    assert dialog.grab().save(str(shots(tmp_path) / "sync-failed.png"))


def test_the_window_syncs_on_start_and_on_its_timer(qtbot, ctx, service, folder, other) -> None:
    from harmtrack.ui.main_window import MainWindow
    from harmtrack.ui.sync_dialog import INTERVAL_MS, SyncRunner

    service.set_folder(other, folder, PASSPHRASE, "Laptop")
    service.run_pass(other)
    service.set_folder(ctx.db, folder, PASSPHRASE, "Desk")
    service.run_pass(ctx.db)  # the first pass was confirmed on this computer earlier
    assert entries.entry_count(ctx.db) == 2
    entries.log(other, "Alcohol", 1, at=AT + dt.timedelta(days=2))
    service.run_pass(other)
    seen: list[Changes] = []
    ctx.data_changed.connect(seen.append)

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.add_app_features(tray=False)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: entries.entry_count(ctx.db) == 3, timeout=30_000)  # on start
    runner = SyncRunner.of(ctx)
    qtbot.waitUntil(lambda: not runner.running, timeout=30_000)
    assert any(c.all for c in seen)
    assert runner.timer.isActive() and runner.timer.interval() == INTERVAL_MS == 5 * 60_000

    entries.log(other, "Alcohol", 2, at=AT + dt.timedelta(days=3))
    service.run_pass(other)
    with qtbot.waitSignal(runner.finished, timeout=30_000):
        runner.timer.timeout.emit()  # five minutes later
    assert entries.entry_count(ctx.db) == 4


def test_the_window_does_not_sync_by_itself_before_the_first_pass_is_confirmed(
        qtbot, ctx, service, folder, other) -> None:
    from harmtrack.ui.main_window import MainWindow
    from harmtrack.ui.sync_dialog import SyncRunner

    service.set_folder(other, folder, PASSPHRASE, "Laptop")
    service.run_pass(other)
    service.set_folder(ctx.db, folder, PASSPHRASE, "Desk")  # set, but no pass yet
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.add_app_features(tray=False)
    win.show()
    qtbot.waitExposed(win)
    runner = SyncRunner.of(ctx)
    with qtbot.waitSignal(runner.finished, timeout=30_000) as finished:
        runner.timer.timeout.emit()
    assert finished.args[0] is None  # nothing ran
    assert entries.entry_count(ctx.db) == 0


def test_passes_run_off_the_ui_thread_and_report_progress(
        window, qtbot, ctx, service, folder, other, monkeypatch) -> None:
    service.set_folder(other, folder, PASSPHRASE, "Laptop")
    service.run_pass(other)
    threads: list[threading.Thread] = []
    real = service.run_pass

    def recording(db, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(db, **kwargs)

    monkeypatch.setattr(service, "run_pass", recording)
    dialog = open_sync_dialog(window, qtbot)
    fractions: list[float] = []
    dialog.runner.progressed.connect(fractions.append)
    set_up_by_typing(dialog, qtbot, folder)
    click(dialog.preview_sync)
    wait_idle(dialog, qtbot)
    assert entries.entry_count(ctx.db) == 2
    assert len(threads) == 2 and all(t is not threading.main_thread() for t in threads)
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert not dialog.progress.isVisible()  # gone once the pass is done


def test_the_dialog_shows_three_computers_with_long_names(window, qtbot, ctx, service, folder,
                                                          tmp_path) -> None:
    names = ["Sam's desktop computer in the study upstairs, the one by the window",
             "ThinkPad X1 Carbon (work laptop — please remember to charge it)", "Old Mac mini"]
    others = []
    for i, name in enumerate(names[1:]):
        db = open_data_folder(tmp_path / f"other-{i}")
        update_settings(db, timezone="UTC")
        service.set_folder(db, folder, PASSPHRASE, name)
        entries.log(db, trackables.add_builtin(db, "alcohol").id, 1, at=AT)
        service.run_pass(db)
        others.append(db)
    try:
        dialog = open_sync_dialog(window, qtbot)
        set_up_by_typing(dialog, qtbot, folder, names[0])
        click(dialog.preview_sync)
        wait_idle(dialog, qtbot)
        qtbot.waitUntil(lambda: dialog.devices.topLevelItemCount() == 3, timeout=10_000)
        shown = {dialog.devices.topLevelItem(i).text(0) for i in range(3)}
        assert shown == set(names)
        assert dialog.grab().save(str(shots(tmp_path) / "sync-three-computers.png"))
    finally:
        for db in others:
            db.close()


def test_stop_during_a_long_pass_changes_nothing(window, qtbot, ctx, service, folder, other,
                                                 monkeypatch) -> None:
    service.set_folder(other, folder, PASSPHRASE, "Laptop")
    service.run_pass(other)
    gate = threading.Event()
    real = service.run_pass

    def long_pass(db, **kwargs):  # type: ignore[no-untyped-def]
        if not kwargs.get("dry_run"):
            gate.wait(20)  # a pass over years of another computer's changes
        return real(db, **kwargs)

    monkeypatch.setattr(service, "run_pass", long_pass)
    dialog = open_sync_dialog(window, qtbot)
    set_up_by_typing(dialog, qtbot, folder)
    click(dialog.preview_sync)
    qtbot.waitUntil(dialog.stop_button.isVisible, timeout=5000)
    assert dialog.progress.isVisible()
    click(dialog.stop_button)
    gate.set()
    qtbot.waitUntil(lambda: "stopped" in dialog.note.text(), timeout=30_000)
    assert "color" not in dialog.note.styleSheet()  # not shown as an error
    assert entries.entry_count(ctx.db) == 0
    assert service.status(ctx.db).last_sync is None


def test_lock_waits_for_a_running_sync_pass(qapp, qtbot, service, data_dir, folder, other,
                                            monkeypatch) -> None:
    """Ctrl+L during a timer's pass closes the database only once the pass is done."""
    from harmtrack.core.privacy import crypto
    from harmtrack.ui.shell import AppShell
    from harmtrack.ui.sync_dialog import SyncRunner

    secret = "a long passphrase for the lock"
    db = open_data_folder(data_dir)
    update_settings(db, timezone="UTC", first_run_done=True)
    db = crypto.change_encryption(db, secret).database
    service.set_folder(other, folder, PASSPHRASE, "Laptop")
    service.run_pass(other)
    service.set_folder(db, folder, PASSPHRASE, "Desk")
    service.run_pass(db)
    db.close()
    entries.log(other, "Alcohol", 3, at=AT + dt.timedelta(days=5))
    service.run_pass(other)
    gate = threading.Event()
    real = service.run_pass

    def long_pass(db, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(20)
        return real(db, **kwargs)

    monkeypatch.setattr(service, "run_pass", long_pass)
    shell = AppShell(data_dir)
    try:
        shell.open_main(open_data_folder(data_dir, passphrase=secret))
        runner = SyncRunner.of(shell.ctx)
        qtbot.waitUntil(lambda: runner.running, timeout=10_000)  # the pass on start
        shell.window.lock_action.trigger()
        assert shell.window is not None  # not under the running pass
        gate.set()
        qtbot.waitUntil(lambda: shell.window is None, timeout=10_000)
        check = open_data_folder(data_dir, passphrase=secret)
        assert entries.entry_count(check) == 3  # the pass finished and committed first
        check.close()
    finally:
        gate.set()
        for w in (shell.window, shell.lock_screen):
            if w is not None:
                w.close()
        shell.shutdown()
        qapp.removeEventFilter(shell)


def test_stop_syncing_with_the_folder_after_asking(window, qtbot, ctx, service, folder) -> None:
    from helpers_dialogs import answer

    dialog = open_sync_dialog(window, qtbot)
    set_up_by_typing(dialog, qtbot, folder)
    click(dialog.preview_sync)
    wait_idle(dialog, qtbot)
    qtbot.waitUntil(dialog.forget_button.isVisible, timeout=10_000)

    asked = answer(QMessageBox.StandardButton.No)
    click(dialog.forget_button)
    assert asked.done and service.status(ctx.db).folder == folder.absolute()

    asked = answer(QMessageBox.StandardButton.Yes)
    click(dialog.forget_button)
    assert asked.done
    qtbot.waitUntil(lambda: dialog.setup_box.isVisible() or "color" in dialog.note.styleSheet(),
                    timeout=10_000)
    assert dialog.setup_box.isVisible(), dialog.note.toolTip()
    assert service.status(ctx.db).folder is None
    assert "no longer syncs" in dialog.note.text()
    assert (folder / "harmtrack-sync.json").exists()  # the folder stays for the other computers
