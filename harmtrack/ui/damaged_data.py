"""Damaged data: the offer to restore the newest sound backup (at start and when unlocking)."""

from __future__ import annotations

from pathlib import Path

from harmtrack.core.storage.db import Database


def offer_sound_backup(folder: Path, error: Exception,
                       passphrase: str | None = None) -> Database | None:
    """The data is damaged: say so and offer to restore the newest sound backup.

    Returns the restored database, or None when the person closes the message.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from harmtrack.core.common.errors import HarmTrackError
    from harmtrack.core.storage.data_folder import restore_damaged_folder

    def tr(text: str) -> str:
        return QCoreApplication.translate("OpenData", text)

    backup: Path = error.backup  # type: ignore[attr-defined]
    box = QMessageBox(QMessageBox.Icon.Critical, "HarmTrack",
                      tr("Your data could not be opened: {0}. Nothing was changed.")
                      .format(getattr(error, "problem", str(error))))
    box.setInformativeText(
        tr("Your newest sound backup is {0} ({1}). Restore it? The damaged file is kept "
           "among the backups.").format(backup.name, str(backup.parent)))
    restore_button = box.addButton(tr("&Restore this backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(restore_button)
    box.exec()
    if box.clickedButton() is not restore_button:
        return None
    try:
        return restore_damaged_folder(folder, backup, passphrase)
    except HarmTrackError as exc:
        QMessageBox.critical(None, "HarmTrack", str(exc))
        return None
