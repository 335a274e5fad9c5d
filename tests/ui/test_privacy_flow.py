"""Unlock, auto-lock, Ctrl+L, discreet title, backup/restore, import preview, no network."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from harmtrack.core.privacy import crypto
from harmtrack.core.storage import backups, sqlcipher
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries, trackables

PASS = "a long passphrase"
SECRET_NOTE = "OtterSecretNote"
#: ../shared beside the repository (the project's shared files; skipped when absent).
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FIXTURE = SHARED / "fixtures" / "psychonautwiki-journal" / "SampleData.json"


def shot(widget: QWidget, name: str, tmp_path: Path) -> Path:
    """Render a widget to PNG (also into $HARMTRACK_SHOTS when set, to look at)."""
    target = Path(os.environ.get("HARMTRACK_SHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


@pytest.fixture
def encrypted_folder(data_dir: Path) -> Path:
    db = open_data_folder(data_dir)
    update_settings(db, timezone="UTC", first_run_done=True, lock_minutes=5)
    trackables.add_builtin(db, "alcohol")
    entries.log(db, "alcohol", 2, note=SECRET_NOTE)
    crypto.change_encryption(db, PASS).database.close()
    return data_dir


@pytest.fixture
def shell(qapp, qtbot, encrypted_folder):  # type: ignore[no-untyped-def]
    from harmtrack.ui.shell import AppShell

    s = AppShell(encrypted_folder)
    yield s
    for w in (s.window, s.lock_screen):
        if w is not None:
            w.close()
    s.shutdown()
    QApplication.instance().removeEventFilter(s)


def _visible_text() -> str:
    """Every piece of text in every visible window (what someone at the screen could read)."""
    parts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        parts.append(top.windowTitle())
        for view in top.findChildren(QAbstractItemView):
            model = view.model()
            if model is None:
                continue
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # list models keep it private: one column
                columns = 1
            for r in range(model.rowCount(QModelIndex())):
                for c in range(columns):
                    parts.append(str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole)))
        for child in top.findChildren(QWidget):
            for attr in ("text", "toPlainText"):
                fn = getattr(child, attr, None)
                if callable(fn):
                    with contextlib.suppress(TypeError):  # a method needing arguments
                        parts.append(str(fn()))
    return "\n".join(parts)


def test_unlock_screen_wrong_then_right_passphrase(shell, qtbot, tmp_path) -> None:
    screen = shell.show_lock_screen()
    qtbot.waitExposed(screen)
    qtbot.keyClicks(screen.passphrase, "not it at all")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert "does not open" in screen.error.text()
    assert shell.window is None
    shot(screen, "lock-screen-wrong", tmp_path)
    screen.passphrase.clear()
    qtbot.keyClicks(screen.passphrase, PASS)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert shell.window is not None and shell.ctx.db.encrypted
    assert [e.note for e in entries.list_entries(shell.ctx.db)] == [SECRET_NOTE]
    assert shell.lock_screen is None


def test_idle_timer_locks_and_locked_window_shows_no_data(shell, qtbot, tmp_path) -> None:
    shell.open_main(open_data_folder(shell.folder, passphrase=PASS))
    window = shell.window
    qtbot.waitExposed(window)
    window.open_screen("history")
    QApplication.processEvents()
    assert SECRET_NOTE in _visible_text()
    assert shell.idle.isActive() and shell.idle.interval() == 5 * 60_000
    # Input restarts the countdown; then we let it run out (driven directly, no sleeping).
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert shell.idle.isActive()
    shell.idle.timeout.emit()
    QApplication.processEvents()
    assert shell.window is None and shell.ctx is None
    assert shell.lock_screen is not None and shell.lock_screen.isVisible()
    text = _visible_text()
    assert SECRET_NOTE not in text and "Alcohol" not in text
    assert shell.lock_screen.windowTitle() == "HarmTrack — locked"
    shot(shell.lock_screen, "locked", tmp_path)


def test_ctrl_l_locks_and_discreet_title_is_neutral(shell, qtbot) -> None:
    db = open_data_folder(shell.folder, passphrase=PASS)
    update_settings(db, discreet=True)
    shell.open_main(db)
    window = shell.window
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Notes"
    window.activateWindow()
    window.lock_action.trigger()  # the Ctrl+L action
    assert shell.window is None
    assert shell.lock_screen.windowTitle() == "Notes"  # discreet even when locked


def test_ctrl_l_key_press(shell, qtbot) -> None:
    shell.open_main(open_data_folder(shell.folder, passphrase=PASS))
    window = shell.window
    qtbot.waitExposed(window)
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.sidebar.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert shell.window is None


def test_lock_needs_encryption(qapp, qtbot, ctx) -> None:
    from harmtrack.ui.shell import AppShell

    shell = AppShell(ctx.db.path.parent)
    try:
        shell.open_main(ctx.db)
        shell.lock()
        assert shell.window is not None  # plain data: nothing to lock with
        assert not shell.idle.isActive()
        shell.window.close()
    finally:
        QApplication.instance().removeEventFilter(shell)


def _header(path: Path) -> bytes:
    return path.read_bytes()[:16]


def test_data_screen_encryption_on_and_off_by_clicks(window, qtbot, ctx, tmp_path) -> None:
    """Turn on encryption, change the passphrase, turn it off: buttons, typing, OK."""
    from helpers_dialogs import WhenShown, click, type_into

    from harmtrack.ui.data_view import PassphraseDialog

    entries.log(ctx.db, "alcohol", 1, note="kept")
    folder = ctx.db.path.parent
    window.open_screen("data")
    view = window.view("data")

    def fill(*texts: str, after: list[str] | None = None):  # type: ignore[no-untyped-def]
        def act(dialog: PassphraseDialog) -> None:
            fields = [f for f in (dialog.current, dialog.new, dialog.again) if f is not None]
            for field, text in zip(fields, texts, strict=True):
                type_into(field, text)
            shot(dialog, f"passphrase-{dialog.windowTitle()}", tmp_path)
            click(dialog.ok_button)
            if after is not None:
                after.append(dialog.error.text())
                if dialog.isVisible():
                    dialog.reject()
        return WhenShown(PassphraseDialog, act)

    # Too short first: the dialog says why and stays open; nothing changes.
    errors: list[str] = []
    shown = fill("short", "short", after=errors)
    click(view.encrypt_button)
    assert shown.done and "at least 8 characters" in errors[0]
    assert not ctx.db.encrypted and _header(ctx.db.path).startswith(b"SQLite format 3")

    shown = fill(PASS, PASS)
    click(view.encrypt_button)
    assert shown.done and ctx.db.encrypted
    assert not _header(ctx.db.path).startswith(b"SQLite format 3")
    assert (folder / sqlcipher.MARKER).exists()
    assert view.change_button.isVisible() and view.decrypt_button.isVisible()
    assert not view.encrypt_button.isVisible()
    assert "now encrypted" in view.message.text()
    shot(window, "data-screen-encrypted", tmp_path)
    reopened = open_data_folder(folder, passphrase=PASS)
    assert [e.note for e in entries.list_entries(reopened)] == ["kept"]
    reopened.close()

    shown = fill("wrong current", "another passphrase", "another passphrase")
    click(view.change_button)
    assert shown.done and "does not open" in view.message.text() and ctx.db.encrypted
    shown = fill(PASS, "another passphrase", "another passphrase")
    click(view.change_button)
    assert shown.done
    open_data_folder(folder, passphrase="another passphrase").close()

    shown = fill("another passphrase")
    click(view.decrypt_button)
    assert shown.done and not ctx.db.encrypted
    assert _header(ctx.db.path).startswith(b"SQLite format 3")
    assert all(_header(b.path).startswith(b"SQLite format 3") for b in backups.list_backups(folder))
    assert view.encrypt_button.isVisible() and "Encryption is off" in view.message.text()
    plain_db = open_data_folder(folder)
    assert entries.entry_count(plain_db) == 1
    plain_db.close()


def test_data_screen_back_up_and_restore_by_clicks(window, qtbot, ctx, tmp_path) -> None:
    """Back up now, log more, Restore from a backup…: the file dialog, the question, Yes."""
    from helpers_dialogs import answer, choose_file, click

    window.open_screen("data")
    view = window.view("data")
    entries.log(ctx.db, "alcohol", 1, note="kept")
    click(view.backup_button)
    manual = [b for b in backups.list_backups(ctx.db.path.parent) if b.kind == "manual"]
    assert len(manual) == 1 and manual[0].path.name in view.backup_list.item(0).text()
    entries.log(ctx.db, "alcohol", 9, note="later")
    picked = choose_file(manual[0].path)
    asked = answer(QMessageBox.StandardButton.Yes)
    click(view.restore_button)
    assert picked.done and asked.done
    assert "holds 1 entry" in asked.texts[0]
    assert [e.note for e in entries.list_entries(ctx.db)] == ["kept"]
    assert "(1 entry)" in view.message.text()
    kinds = {b.kind for b in backups.list_backups(ctx.db.path.parent)}
    assert "before-restore" in kinds  # what was replaced is kept
    shot(window, "data-screen-restored", tmp_path)


def test_backups_are_listed_with_a_readable_date_and_time(window, qtbot, ctx, tmp_path) -> None:
    """A daily backup (named by its day alone) shows the time it was written, not 00:00."""
    import datetime as dt

    from harmtrack.core.storage.backups import daily_backup
    from harmtrack.ui import locale_fmt

    daily_backup(ctx.db)
    window.open_screen("data")
    view = window.view("data")
    view.refresh()
    text = view.backup_list.item(0).text()
    written = dt.datetime.fromtimestamp(backups.list_backups(ctx.db.path.parent)[0].path.stat().st_mtime)
    assert text.startswith(f"Today, {locale_fmt.time_of(written)}"), text
    assert "daily" in text
    shot(view, "data-screen-backups", tmp_path)


def _export_of_another_folder(tmp_path: Path, n: int) -> Path:
    from harmtrack.core.exchange.export import write_export

    other = open_data_folder(tmp_path / "other")
    try:
        update_settings(other, timezone="UTC", first_run_done=True)
        trackables.add_builtin(other, "alcohol")
        for i in range(n):
            entries.log(other, "alcohol", i + 1, note=f"imported {i}")
        return write_export(other, "json", tmp_path / "from-elsewhere.json")
    finally:
        other.close()


def test_import_a_file_by_clicks_with_its_preview(window, qtbot, ctx, tmp_path) -> None:
    """Import a file…: pick it, read the preview, Cancel writes nothing, Import adds it."""
    from helpers_dialogs import WhenShown, choose_file, click

    from harmtrack.ui.data_view import ImportPreviewDialog

    source = _export_of_another_folder(tmp_path, 3)
    window.open_screen("data")
    view = window.view("data")
    seen: list[str] = []

    def look_then(button_of):  # type: ignore[no-untyped-def]
        def act(dialog: ImportPreviewDialog) -> None:
            seen.append(dialog.text.toPlainText())
            shot(dialog, f"import-preview-{len(seen)}", tmp_path)
            click(button_of(dialog))
        return act

    from PySide6.QtWidgets import QDialogButtonBox

    def cancel_button(dialog: ImportPreviewDialog):  # type: ignore[no-untyped-def]
        return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)

    picked = choose_file(source)
    WhenShown(ImportPreviewDialog, look_then(cancel_button))
    click(view.import_button)
    qtbot.waitUntil(lambda: "nothing was written" in view.message.text(), timeout=10_000)
    assert picked.done and "3 entries" in seen[0]
    assert entries.entry_count(ctx.db) == 0

    choose_file(source)
    WhenShown(ImportPreviewDialog, look_then(lambda d: d.import_button))
    click(view.import_button)
    qtbot.waitUntil(lambda: "Imported 3 entries" in view.message.text(), timeout=10_000)
    assert entries.entry_count(ctx.db) == 3 and not view.busy
    assert sorted(e.note for e in entries.list_entries(ctx.db)) == [f"imported {i}" for i in range(3)]
    assert any(b.kind == "before-import" for b in backups.list_backups(ctx.db.path.parent))


@pytest.mark.skipif(not FIXTURE.exists(), reason="PsychonautWiki Journal fixtures not present")
def test_import_preview_then_confirm(window, qtbot, ctx, tmp_path, monkeypatch) -> None:
    from harmtrack.ui import data_view

    view = window.view("data")
    seen: list[str] = []

    def look_then(answer):  # type: ignore[no-untyped-def]
        def exec_(self):  # type: ignore[no-untyped-def]
            self.show()
            qtbot.waitExposed(self)
            seen.append(self.text.toPlainText())
            shot(self, f"import-preview-{len(seen)}", tmp_path)
            self.close()
            return answer
        return exec_

    monkeypatch.setattr(data_view.ImportPreviewDialog, "exec", look_then(QDialog.DialogCode.Rejected))
    view.import_path(FIXTURE)
    qtbot.waitUntil(lambda: "nothing was written" in view.message.text(), timeout=10_000)
    assert "48 entries" in seen[0] and "taken by someone else" in seen[0]
    assert entries.entry_count(ctx.db) == 0
    monkeypatch.setattr(data_view.ImportPreviewDialog, "exec", look_then(QDialog.DialogCode.Accepted))
    view.import_path(FIXTURE)
    qtbot.waitUntil(lambda: "Imported 48 entries" in view.message.text(), timeout=10_000)
    assert entries.entry_count(ctx.db) == 48 and not view.busy
    assert any(b.kind == "before-import" for b in backups.list_backups(ctx.db.path.parent))
    view.import_path(FIXTURE)  # the same file again: the preview says there is nothing new
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=10_000)
    assert "nothing new" in seen[2] and not view.preview_dialog.import_button.isEnabled()


def test_report_export_by_clicks_writes_the_pdf_where_chosen(window, qtbot, ctx, tmp_path) -> None:
    """File ▸ Report for my therapist…, Export PDF…, a name typed in the save dialog."""
    from helpers_dialogs import WhenShown, click, file_chooser

    from harmtrack.ui.file_dialogs import start_folder
    from harmtrack.ui.report_dialog import ReportDialog

    entries.log(ctx.db, "alcohol", 2)
    chosen = tmp_path / "reports"
    chosen.mkdir()
    target = chosen / "for-my-session.pdf"
    opened_in: list[str] = []

    def export(dialog: ReportDialog) -> None:
        def name_it(file_dialog):  # type: ignore[no-untyped-def]
            opened_in.append(file_dialog.directory().absolutePath())
            file_chooser(target)(file_dialog)

        WhenShown(QFileDialog, name_it)
        click(dialog.export_button)
        qtbot.waitUntil(lambda: dialog.result is not None or bool(dialog.last_error), timeout=30_000)
        shot(dialog, "report-dialog-saved", tmp_path)
        click(dialog.close_button)

    shown = WhenShown(ReportDialog, export)
    window.report_action.trigger()
    assert shown.done
    assert target.read_bytes().startswith(b"%PDF")
    assert opened_in and Path(opened_in[0]) != Path.cwd()
    assert start_folder() == chosen  # the next save dialog opens where this one saved


def test_gui_session_opens_no_network_socket(window, qtbot, ctx, tmp_path, monkeypatch) -> None:
    calls: list[tuple] = []
    real_connect = socket.socket.connect

    def record_connect(self, address):  # type: ignore[no-untyped-def]
        if self.family != socket.AF_UNIX:
            calls.append(("connect", address))
        return real_connect(self, address)

    def record(name):  # type: ignore[no-untyped-def]
        def fn(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append((name, args))
            raise OSError("network use is not allowed in this test")
        return fn

    monkeypatch.setattr(socket.socket, "connect", record_connect)
    monkeypatch.setattr(socket, "create_connection", record("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", record("getaddrinfo"))

    form = window.view("log").form
    form.trackable.setCurrentIndex(form.trackable.findText("Alcohol"))
    form.amount.clear()
    qtbot.keyClicks(form.amount, "2")
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    assert entries.entry_count(ctx.db) == 1
    for key in window.screen_keys():  # every screen that exists, charts included when present
        window.open_screen(key)
        QApplication.processEvents()
    data = window.view("data")
    data.export("json", tmp_path / "all.json")
    qtbot.waitUntil(lambda: "Exported to" in data.message.text(), timeout=10_000)
    data.export("csv", tmp_path / "all.csv")
    qtbot.waitUntil(lambda: (tmp_path / "all.csv").exists() and not data.busy, timeout=10_000)
    assert json.loads((tmp_path / "all.json").read_text())["entries"][0]["amount"] == 2
    assert calls == []


def test_lock_screen_has_no_data_labels(shell, qtbot) -> None:
    screen = shell.show_lock_screen()
    labels = [w.text() for w in screen.findChildren(QLabel)]
    assert all(SECRET_NOTE not in t for t in labels)
    assert screen.passphrase.accessibleName() == "Passphrase"


def test_lock_waits_for_a_running_import(shell, qtbot) -> None:
    shell.open_main(open_data_folder(shell.folder, passphrase=PASS))
    data = shell.window.view("data")
    data.busy = True
    shell.lock()
    assert shell.window is not None  # not under a running task
    data.busy = False
    qtbot.waitUntil(lambda: shell.window is None, timeout=3000)


def test_support_lines_are_one_keystroke_away_on_the_lock_screen(shell, qtbot, tmp_path) -> None:
    """Crisis lines never wait for a passphrase; the user's own numbers stay locked."""
    from harmtrack.core.care import therapists
    from harmtrack.ui.support_dialog import SupportDialog

    db = open_data_folder(shell.folder, passphrase=PASS)
    therapists.add_support_contact(db, "My sister", "555 0100", "")
    db.close()
    screen = shell.show_lock_screen()
    qtbot.waitExposed(screen)
    screen.raise_()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    assert screen.support_button.accessibleName() == "Support now"
    qtbot.keyClick(screen, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    # A button's shortcut presses it visibly, then clicks (≈0.1 s later).
    qtbot.waitUntil(lambda: any(w.isVisible() for w in screen.findChildren(SupportDialog)))
    dialogs = [w for w in screen.findChildren(SupportDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    shot(dialog, "lock-screen-support", tmp_path)
    lines = "\n".join(label.text() for label in dialog.line_labels)
    assert "988" in lines  # the bundled lines, with their sources
    visible = _visible_text()
    assert "My sister" not in visible and "555 0100" not in visible and SECRET_NOTE not in visible
    assert "unlock to see or add them" in visible
    dialog.close()
    qtbot.keyClicks(screen.passphrase, PASS)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert shell.window is not None
