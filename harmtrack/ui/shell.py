"""The app's frame: it starts the GUI, switches between the lock screen and the main
window, and locks on demand (Ctrl+L) and after idle minutes.

Locking closes the main window (every view, chart and cache goes with it) and the
database, so a locked app holds no user data in any widget; the lock screen shows
only a neutral title and a passphrase field. Unlocking opens the database again with
the passphrase, which is checked by SQLCipher, and builds a fresh main window.

Above the main window and the screens: nothing in ``harmtrack.ui`` imports this module
(import-linter checks it). What the boot (``harmtrack.app``) did before Qt is passed in.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from harmtrack.core.storage.db import Database

from . import icons, theme
from .damaged_data import offer_sound_backup
from .lock import LockScreen
from .main_window import LAST_SCREEN_KEY, MainWindow, follow_while_alive

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

    from harmtrack.core.storage.folder_lock import WindowClaim

    from .context import AppContext

log = logging.getLogger(__name__)

#: The data folder as the boot opened it before Qt: its database, or why it did not open.
Opened = tuple[Database | None, Exception | None]


# --- the app before any window ----------------------------------------------------------
def prepare(app: QApplication, ctx: AppContext) -> None:
    """Before any window: translations, theme (following the system), app icon.

    Once per context (the welcome on a first start and the main window share one).
    """
    from .i18n import install_translators

    if ctx.property("harmtrackPrepared"):
        return
    ctx.setProperty("harmtrackPrepared", True)

    if not app.property("harmtrackTranslators"):
        install_translators(app)
        app.setProperty("harmtrackTranslators", True)
    use_qt_locale()
    theme.apply_theme(app, ctx.settings().theme)
    app.setWindowIcon(icons.app_icon())

    def reapply() -> None:
        if theme.effective_theme(ctx.settings().theme) != app.property("harmtrackTheme"):
            theme.apply_theme(app, ctx.settings().theme)
            # "daily": the context it had in the module it came from, so translations still match.
            ctx.status.emit(QApplication.translate("daily", "Theme changed."))

    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):  # Qt 6.5+: follow the system while on "system"
        follow_while_alive(hints.colorSchemeChanged, reapply, ctx)
    ctx.settings_changed.connect(reapply)


def use_qt_locale() -> None:
    """The core writes numbers and money (chart texts, the glance, the PDF) in Qt's locale,
    as the screens do."""
    from PySide6.QtCore import QLocale

    from harmtrack.core.quantities import formatting

    formatting.use_locale(QLocale().name())


def prepare_locked(app: QApplication) -> None:
    """Before the unlock screen of an encrypted folder, whose settings cannot be read yet:
    translations, the system's light or dark look and the app icon, as the welcome and
    the main window get them."""
    from .i18n import install_translators

    if not app.property("harmtrackTranslators"):
        install_translators(app)
        app.setProperty("harmtrackTranslators", True)
    use_qt_locale()
    theme.apply_theme(app, "system")
    app.setWindowIcon(icons.app_icon())


# --- the frame: main window or lock screen ---------------------------------------------
def owned_by(widget: QWidget, window: QWidget) -> bool:
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
        self.window: MainWindow | None = None
        self.ctx: AppContext | None = None
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

        self.ctx = ctx if ctx is not None else AppContext(db)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            prepare(app, self.ctx)  # theme follows this context's settings
        self.window = MainWindow(self.ctx)
        self.window.add_app_features(tray=self.tray)  # settings, welcome, last screen, reminder
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
        sync = self.ctx.findChild(QObject, "SyncRunner")  # ui/sync_dialog.py's, when made
        if (any(getattr(v, "busy", False) for v in getattr(self.window, "views", {}).values())
                or getattr(sync, "running", False)):
            # An export, import or sync pass is writing: lock as soon as it is done, not under it.
            self.ctx.status.emit(self.tr("Locking when the current task is done…"))
            QTimer.singleShot(1000, self.lock)
            return
        self.ctx.locking = True  # dialogs close now, saved or not (see ui/drafts.py)
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
        reminder = window.reminder
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
            if not (top.isModal() or owned_by(top, window)):
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


# --- start-up ---------------------------------------------------------------------------
def open_database_for_gui(folder: Path, smoke: bool, opened: Opened) -> Database | None:
    """The data folder opened before Qt, or a clear message (printed when smoking).

    ``opened``: what ``harmtrack.app.open_before_qt`` returned. Returns None when the
    folder could not be opened.
    Raises PassphraseRequired when the folder is encrypted and no passphrase was given in
    the environment: the caller shows the unlock screen.
    """
    from harmtrack.core.common.errors import HarmTrackError, PassphraseRequired

    db, error = opened
    if isinstance(error, PassphraseRequired):
        if smoke:
            print("harmtrack: error: the data is encrypted; set HARMTRACK_PASSPHRASE", file=sys.stderr)
        raise error
    if isinstance(error, HarmTrackError):
        if smoke:
            print(f"harmtrack: error: {error}", file=sys.stderr)
        elif getattr(error, "backup", None) is not None:
            return offer_sound_backup(folder, error)
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "HarmTrack", str(error))
        return None
    return db


def start(app: QApplication, folder: Path, *, opened: Opened, smoke: bool = False,
          claim: WindowClaim | None = None, started: Callable[[], None] | None = None) -> int:
    """Show the window over the data (or the unlock screen), run.

    What the boot (``harmtrack.app``) did before Qt comes in as arguments, so nothing here
    imports back up: ``opened``, the folder opened before Qt was imported (its database,
    or the error); ``claim``, this process is the folder's one window (a second start
    raises it); ``started``, called once the first window is up.
    """
    from harmtrack.core.common.errors import PassphraseRequired

    start_up_done = started if started is not None else lambda: None
    shells: list[object] = []
    if claim is not None:
        from .single_window import RaiseWatcher, front_window

        RaiseWatcher(claim, front_window(shells), app)  # lives as long as the app

    try:
        db = open_database_for_gui(folder, smoke, opened)
    except PassphraseRequired:
        if smoke:
            return 2
        prepare_locked(app)  # style sheet, system theme, translations, icon
        shell = AppShell(folder)
        shells.append(shell)
        app.aboutToQuit.connect(shell.shutdown)
        shell.show_lock_screen()
        start_up_done()
        return app.exec()
    if db is None:
        return 2
    from .context import AppContext

    # One context from here on: the welcome (first start only) and the main window share
    # it, so settings are read and the theme applied once.
    ctx = AppContext(db)
    if not smoke and not ctx.settings().first_run_done:
        from .first_run import FirstRunDialog

        prepare(app, ctx)  # translations, theme, icons before the first dialog
        start_up_done()
        FirstRunDialog(ctx).exec()  # may turn on encryption: ctx.db is then the new one
        # Its last page says the logging screen opens: not one remembered from before.
        QSettings().remove(LAST_SCREEN_KEY)
    shell = AppShell(folder, tray=not smoke)
    shells.append(shell)
    app.aboutToQuit.connect(shell.shutdown)
    shell.open_main(ctx.db, ctx)
    start_up_done()
    window = shell.window
    assert window is not None
    if smoke:
        return smoke_run(app, window, ctx.db)
    return app.exec()


def smoke_run(app: QApplication, window: MainWindow, db: Database) -> int:
    """Render the first screen fully, check it painted, exit (never waits for input)."""
    result = {"code": 1}
    report = bool(os.environ.get("HARMTRACK_REPORT_PAINT"))  # for benchmarks/startup.py

    def check() -> None:
        # Rendering the window again into an image proves it draws; the benchmark times
        # this too, separately from the first paint.
        image = window.grab().toImage()
        ok = not image.isNull() and image.width() > 100 and window.isVisible()
        if report:
            print(f"grabbed {time.time():.6f}", flush=True)
        result["code"] = 0 if ok else 1
        app.quit()

    app.processEvents()  # lays out and paints the shown window (the first paint)
    if report:  # wall clock, and CPU time the process has used since it started
        print(f"painted {time.time():.6f} {time.process_time():.6f}", flush=True)
    QTimer.singleShot(0, check)
    app.exec()
    window.close()
    db.close()
    return result["code"]
