"""The unlock screen: a neutral title, a passphrase field, and the support lines.

It holds no user data; the app shell (``harmtrack.ui.shell``) shows it when the app
locks and builds a fresh main window over the database it opens.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.storage.db import Database

#: A window title that says nothing about what the app is for.
NEUTRAL_TITLE = "Notes"


class LockScreen(QWidget):
    """A passphrase field and an Unlock button; nothing else."""

    unlocked = Signal(object)  # the opened Database

    def __init__(self, folder: Path, *, discreet: bool = False) -> None:
        super().__init__()
        self.folder = folder
        self.setObjectName("LockScreen")
        self.setWindowTitle(NEUTRAL_TITLE if discreet else self.tr("HarmTrack — locked"))
        self.resize(520, 360)
        outer = QHBoxLayout(self)
        column = QWidget()
        column.setFixedWidth(380)
        outer.addStretch(1)
        outer.addWidget(column)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setSpacing(10)
        layout.addStretch(1)
        heading = QLabel(self.tr("Locked"))
        heading.setObjectName("LockHeading")
        heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        hint = QLabel(self.tr("Enter your passphrase to open your data."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.passphrase)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.error = QLabel("")
        self.error.setObjectName("LockError")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.error.setAccessibleName(self.tr("Unlock message"))
        self.error.setStyleSheet("color: #B00020;")
        self.error.setMinimumHeight(48)
        layout.addWidget(self.error)
        # Crisis lines never wait for a passphrase.
        self.support_button = QPushButton(self.tr("&Support now"))
        self.support_button.setAccessibleName(self.tr("Support now"))
        self.support_button.setToolTip(self.tr("Crisis and harm-reduction lines (Ctrl+Shift+S)"))
        self.support_button.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.support_button.clicked.connect(self.show_support)
        layout.addWidget(self.support_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.passphrase.setFocus()

    def show_support(self) -> None:
        """The support lines, without the data (your own numbers are in it)."""
        from .support_dialog import SupportDialog

        dialog = SupportDialog(None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def try_unlock(self) -> None:
        """Open the data with the typed passphrase; a wrong one gets a message."""
        from harmtrack.core.common.errors import HarmTrackError
        from harmtrack.core.storage.data_folder import open_data_folder

        secret = self.passphrase.text()
        if not secret:
            self.error.setText(self.tr("Type your passphrase first."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            db = open_data_folder(self.folder, passphrase=secret)
        except HarmTrackError as exc:
            restored = self.offer_backup(exc, secret)
            if restored is None:
                self.error.setText(str(exc))
                self.passphrase.selectAll()
                return
            db = restored
        finally:
            QApplication.restoreOverrideCursor()
            secret = ""
        self.passphrase.clear()
        self.error.clear()
        self.unlocked.emit(db)

    def offer_backup(self, error: Exception, secret: str) -> Database | None:
        """Damaged data behind the right passphrase: offer the newest sound backup."""
        if getattr(error, "backup", None) is None:
            return None
        from .damaged_data import offer_sound_backup

        QApplication.restoreOverrideCursor()  # the question waits for the person
        return offer_sound_backup(self.folder, error, passphrase=secret)
