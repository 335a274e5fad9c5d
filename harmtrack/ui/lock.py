"""App lock: the unlock screen, locking on demand (Ctrl+L) and after idle minutes.

Locking closes the main window (every view, chart and cache goes with it) and the
database, so a locked app holds no user data in any widget; the lock screen shows
only a neutral title and a passphrase field. Unlocking opens the database again with
the passphrase, which is checked by SQLCipher, and builds a fresh main window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
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

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

    from .context import AppContext

log = logging.getLogger(__name__)

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
        from .main_window import offer_sound_backup

        QApplication.restoreOverrideCursor()  # the question waits for the person
        return offer_sound_backup(self.folder, error, passphrase=secret)


def _owned_by(widget: QWidget, window: QWidget) -> bool:
    """True when ``window`` is among the parents of ``widget`` (across dialog windows)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False


class AppShell(QObject):
    """Owns the main window and the lock screen and switches between them."""

    locked = Signal()

    def __init__(self, folder: Path, *, tray: bool = True) -> None:
        super().__init__()
        self.folder = folder
        self.tray = tray
        self.window = None  # type: ignore[var-annotated]
        self.ctx = None  # type: ignore[var-annotated]
        self.lock_screen: LockScreen | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.idle_timeout)
        #: The app-wide activity filter is installed only while the lock can be used
        #: (encryption on). Start-up speed: every event of every widget would otherwise
        #: pass through Python while the first window is built (≈25 ms).
        self._watching = False

    # --- switching ----------------------------------------------------------------------
    def show_lock_screen(self, discreet: bool = False) -> LockScreen:
        screen = LockScreen(self.folder, discreet=discreet)
        screen.unlocked.connect(self.open_main)
        screen.show()
        self.lock_screen = screen
        return screen

    def open_main(self, db: Database, ctx: AppContext | None = None) -> None:
        """Build the context (unless given one over ``db``) and the main window."""
        from .context import AppContext
        from .daily import attach, prepare
        from .main_window import MainWindow

        self.ctx = ctx if ctx is not None else AppContext(db)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            prepare(app, self.ctx)  # theme follows this context's settings
        self.window = MainWindow(self.ctx)
        attach(self.window, tray=self.tray)  # settings, welcome, last screen, reminder
        self.window.lock_requested.connect(self.lock)
        # Encryption turned on or off, or new lock minutes: (re)start or stop the countdown.
        self.ctx.settings_changed.connect(self.restart_idle)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        if self.lock_screen is not None:
            self.lock_screen.close()
            self.lock_screen.deleteLater()
            self.lock_screen = None
        self.restart_idle()

    def can_lock(self) -> bool:
        return self.ctx is not None and self.ctx.db.encrypted

    def lock(self) -> None:
        """Close every view and the database; show the lock screen."""
        if self.ctx is None or self.window is None:
            return
        if not self.ctx.db.encrypted:
            self.ctx.status.emit(self.tr("Turn on encryption (Data & privacy) to use the lock."))
            return
        if any(getattr(v, "busy", False) for v in getattr(self.window, "views", {}).values()):
            # An export or import is writing: lock as soon as it is done, not under it.
            self.ctx.status.emit(self.tr("Locking when the current task is done…"))
            QTimer.singleShot(1000, self.lock)
            return
        if self._close_dialogs():
            # A dialog's own event loop was running (a question, the welcome, a passphrase
            # box…): let it end first, then lock from the main loop. Deleting the window
            # under a running dialog would crash or call into a closed database.
            QTimer.singleShot(50, self.lock)
            return
        discreet = self.ctx.settings().discreet
        self.idle.stop()
        self._watch(False)
        screen = self.show_lock_screen(discreet)  # first, so closing the window does not quit
        window, ctx = self.window, self.ctx
        self.window, self.ctx = None, None
        reminder = getattr(window, "reminder", None)
        if reminder is not None:
            # The window really goes (with its tray icon): no "still here in the tray" message,
            # which would name the app even in discreet mode.
            reminder.quitting = True
            reminder.stop()
        ctx.closed = True  # background results still on their way are dropped
        window.close()
        window.deleteLater()
        ctx.undo_stack.clear()
        ctx.db.close()
        ctx.deleteLater()
        screen.raise_()
        screen.activateWindow()
        log.info("locked")
        self.locked.emit()

    def _close_dialogs(self) -> bool:
        """Cancel every dialog of the main window; True while one is open or still working."""
        from PySide6.QtWidgets import QDialog  # here: ≈1 ms of the first window otherwise

        window = self.window
        if window is None:
            return False
        pending = False
        for top in QApplication.topLevelWidgets():
            if not isinstance(top, QDialog) or top is self.lock_screen:
                continue
            if not (top.isModal() or _owned_by(top, window)):
                continue
            running = getattr(top, "is_running", None)
            if callable(running) and running():
                pending = True  # a report being written: cancelled below, lock once it stops
            if top.isVisible():
                pending = True
                top.reject()
        return pending

    def shutdown(self) -> None:
        if self.ctx is not None:
            self.ctx.db.close()

    # --- idle timer ---------------------------------------------------------------------
    def restart_idle(self) -> None:
        if self.can_lock():
            assert self.ctx is not None
            self.idle.start(max(1, self.ctx.settings().lock_minutes) * 60_000)
            self._watch(True)
        else:
            self.idle.stop()
            self._watch(False)

    def _watch(self, on: bool) -> None:
        """Watch keyboard and mouse activity in the whole app (or stop watching)."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def idle_timeout(self) -> None:
        if self.can_lock():
            self.lock()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Imported here: only an encrypted folder has this filter (see ``_watching``), and
        # QEvent costs the first window ≈3 ms (see main_window.py).
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                            QEvent.Type.MouseMove, QEvent.Type.Wheel) and self.can_lock():
            self.restart_idle()
        return False
