"""Making a share from the report dialog: where to save it and its passphrase.

The report dialog's own range and leave-out choices decide what goes in
(``exchange.share.write_share`` applies the report's rules); this module only asks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QWidget

from harmtrack.core.exchange.share import SUFFIX

from . import file_dialogs


def tr(text: str) -> str:
    return QCoreApplication.translate("ShareDialog", text)


def suggested_name(start: dt.date, end: dt.date) -> str:
    return f"harmtrack-share-{start.isoformat()}-to-{end.isoformat()}{SUFFIX}"


def choose_share_path(parent: QWidget | None, suggested: str) -> Path | None:
    """Where to save the share (None when cancelled), with the share's suffix."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, tr("Save the shared file"), str(file_dialogs.start_folder() / suggested),
        tr("HarmTrack shared files (*{suffix})").format(suffix=SUFFIX))
    if not path:
        return None
    file_dialogs.remember(path)
    chosen = Path(path)
    return chosen if chosen.suffix == SUFFIX else chosen.with_name(chosen.name + SUFFIX)


class SharePassphraseDialog(QDialog):
    """A new passphrase for one shared file, typed twice, held to the app's rule."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Passphrase for the shared file"))
        form = QFormLayout(self)
        intro = QLabel(self.tr("Your therapist needs this passphrase to open the file. Tell it to "
                               "them separately — in person or by phone, not with the file."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.new = self._field(self.tr("Passphrase for the shared file"))
        self.again = self._field(self.tr("Passphrase again"))
        form.addRow(self.tr("Passphrase:"), self.new)
        form.addRow(self.tr("Type it again:"), self.again)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #B00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(self.tr("Confirm"))
        form.addRow(buttons)

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        edit.setMinimumWidth(260)
        return edit

    def _check(self) -> None:
        from harmtrack.core.storage.passphrases import passphrase_problem

        problem = passphrase_problem(self.new.text())  # the app's one rule
        if problem is not None:
            self.error.setText(problem[0].upper() + problem[1:] + ".")
            self.adjustSize()
            return
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        self.accept()


def ask_new_share_passphrase(parent: QWidget | None) -> str | None:
    """The passphrase chosen for a new share (None when cancelled)."""
    dlg = SharePassphraseDialog(parent)
    if dlg.exec() == QDialog.DialogCode.Accepted:
        return dlg.new.text()
    return None
