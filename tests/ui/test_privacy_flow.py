"""Unlock, auto-lock, Ctrl+L, discreet title, backup/restore, import preview, no network."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLabel, QWidget

from harmtrack.core import backups, crypto, entries, trackables
from harmtrack.core.settings import update_settings
from harmtrack.core.storage import open_data_folder

PASS = "a long passphrase"
SECRET_NOTE = "OtterSecretNote"
FIXTURE = Path("/work/shared/fixtures/psychonautwiki-journal/SampleData.json")


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
    from harmtrack.ui.lock import AppShell

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
    from harmtrack.ui.lock import AppShell

    shell = AppShell(ctx.db.path.parent)
    try:
        shell.open_main(ctx.db)
        shell.lock()
        assert shell.window is not None  # plain data: nothing to lock with
        assert not shell.idle.isActive()
        shell.window.close()
    finally:
        QApplication.instance().removeEventFilter(shell)


def test_data_screen_backup_restore_and_encrypt(window, qtbot, ctx, tmp_path) -> None:
    view = window.view("data")
    window.open_screen("data")
    entries.log(ctx.db, "alcohol", 1, note="kept")
    qtbot.mouseClick(view.backup_button, Qt.MouseButton.LeftButton)
    manual = [b for b in backups.list_backups(ctx.db.path.parent) if b.kind == "manual"]
    assert len(manual) == 1 and "manual" in view.backup_list.item(0).text()
    entries.log(ctx.db, "alcohol", 9, note="later")
    view.restore_from(manual[0].path, confirm=False)
    assert [e.note for e in entries.list_entries(ctx.db)] == ["kept"]
    assert "(1 entry)" in view.message.text()
    shot(window, "data-screen-plain", tmp_path)
    view.encrypt(PASS)
    assert ctx.db.encrypted and view.change_button.isVisible() and not view.encrypt_button.isVisible()
    assert [e.note for e in entries.list_entries(ctx.db)] == ["kept"]
    shot(window, "data-screen-encrypted", tmp_path)
    view.change_passphrase("wrong current", "another passphrase")
    assert "does not open" in view.message.text()
    view.change_passphrase(PASS, "another passphrase")
    view.decrypt("another passphrase")
    assert not ctx.db.encrypted
    shot(window, "data-screen", tmp_path)


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
    view.import_file(FIXTURE)
    qtbot.waitUntil(lambda: "nothing was written" in view.message.text(), timeout=10_000)
    assert "48 entries" in seen[0] and "taken by someone else" in seen[0]
    assert entries.entry_count(ctx.db) == 0
    monkeypatch.setattr(data_view.ImportPreviewDialog, "exec", look_then(QDialog.DialogCode.Accepted))
    view.import_file(FIXTURE)
    qtbot.waitUntil(lambda: "Imported 48 entries" in view.message.text(), timeout=10_000)
    assert entries.entry_count(ctx.db) == 48 and not view.busy
    assert any(b.kind == "before-import" for b in backups.list_backups(ctx.db.path.parent))
    view.import_file(FIXTURE)  # the same file again: the preview says there is nothing new
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=10_000)
    assert "nothing new" in seen[2] and not view.preview_dialog.import_button.isEnabled()


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
    for key in window._keys():  # every screen that exists, charts included when present
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
    from harmtrack.core import therapists
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
