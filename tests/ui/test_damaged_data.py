"""Damaged data at start-up: the window says so and offers the newest sound backup."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from helpers import damaged_folder
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from harmtrack.core.storage import backups
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries
from harmtrack.paths import daily_backup_path


def _answer(qtbot, label: str, seen: dict) -> None:  # type: ignore[no-untyped-def]
    """Click ``label`` on the message box once it is up, as a person would."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen["text"] = box.text() + " " + box.informativeText()
        button = next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == label)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


def test_damage_is_named_and_the_sound_backup_restored_on_request(data_dir: Path, qtbot) -> None:
    from harmtrack.app import open_before_qt
    from harmtrack.ui.shell import open_database_for_gui

    good = damaged_folder(data_dir, ("kept safe",))
    seen: dict = {}
    _answer(qtbot, "Restore this backup", seen)
    db = open_database_for_gui(data_dir, False, open_before_qt(data_dir))
    assert "damaged" in seen["text"] and good.name in seen["text"]
    assert db is not None
    try:
        assert [e.note for e in entries.list_entries(db)] == ["kept safe"]
    finally:
        db.close()
    assert any(b.kind == "before-restore" for b in backups.list_backups(data_dir))


def test_closing_the_message_changes_nothing(data_dir: Path, qtbot) -> None:
    from harmtrack.app import open_before_qt
    from harmtrack.ui.shell import open_database_for_gui

    damaged_folder(data_dir, ("kept safe",))
    before = sorted(p.name for p in data_dir.rglob("*"))
    seen: dict = {}
    _answer(qtbot, "Close", seen)
    assert open_database_for_gui(data_dir, False, open_before_qt(data_dir)) is None
    assert sorted(p.name for p in data_dir.rglob("*")) == before


def test_the_unlock_screen_offers_the_sound_backup_of_damaged_encrypted_data(
        data_dir: Path, qtbot) -> None:
    from harmtrack.core.privacy import crypto
    from harmtrack.core.storage.settings import update_settings
    from harmtrack.ui.shell import AppShell

    passphrase = "a long passphrase of words"
    db = open_data_folder(data_dir)
    update_settings(db, timezone="UTC", first_run_done=True)
    entries.log(db, "alcohol", 1, note="kept safe")
    db = crypto.change_encryption(db, passphrase).database
    good = backups.make_backup(db, "manual")
    with db.engine.connect() as conn:
        root = conn.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'entries'").scalar()
        size = conn.exec_driver_sql("PRAGMA page_size").scalar()
    db.close()
    yesterday = daily_backup_path(data_dir, dt.date.today() - dt.timedelta(days=1))
    shutil.move(good, yesterday)
    raw = bytearray(db.path.read_bytes())
    root, size = int(root), int(size)
    raw[(root - 1) * size:root * size] = b"\xa5" * size  # a bad sector inside the cipher text
    db.path.write_bytes(bytes(raw))

    shell = AppShell(data_dir)
    try:
        screen = shell.show_lock_screen()
        qtbot.waitExposed(screen)
        qtbot.keyClicks(screen.passphrase, passphrase)
        seen: dict = {}
        _answer(qtbot, "Restore this backup", seen)
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
        assert "damaged" in seen["text"]
        assert shell.window is not None and shell.ctx.db.encrypted
        assert [e.note for e in entries.list_entries(shell.ctx.db)] == ["kept safe"]
    finally:
        for w in (shell.window, shell.lock_screen):
            if w is not None:
                w.close()
        shell.shutdown()
        QApplication.instance().removeEventFilter(shell)
