"""The main window: a sidebar of screens, created lazily when first opened."""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from harmtrack.core.storage.db import Database

from .context import AppContext

if TYPE_CHECKING:
    # Start-up speed: QCloseEvent and QMessageBox are imported where they are used (any
    # QEvent class builds the Python side of QEvent and its 179 event types, ≈3 ms).
    from PySide6.QtGui import QCloseEvent

    from harmtrack.core.storage.folder_lock import WindowClaim

log = logging.getLogger(__name__)

#: (key, title, "module:Class", shortcut). Screens whose module is not there are skipped.
SCREENS: list[tuple[str, str, str, str]] = [
    ("log", "Today", "harmtrack.ui.log_view:LogView", "Ctrl+1"),
    ("history", "History", "harmtrack.ui.history_view:HistoryView", "Ctrl+2"),
    ("goals", "Goals", "harmtrack.ui.goals_view:GoalsView", "Ctrl+3"),
    ("charts", "Charts", "harmtrack.ui.charts_view:ChartsView", "Ctrl+4"),
    ("therapists", "Therapists", "harmtrack.ui.therapists_view:TherapistsView", "Ctrl+5"),
    ("data", "Data & privacy", "harmtrack.ui.data_view:DataView", "Ctrl+6"),
    ("plans", "Plans", "harmtrack.ui.plans_view:PlansView", "Ctrl+7"),
]


#: When, after the window is shown, what logging the first entry needs is loaded.
WARM_UP_DELAY_MS = 300


def _warm_up(*, background: bool = True) -> None:
    """Load what the first entry logged needs but the first window did not.

    The undoable commands (≈1 ms) here; SQLAlchemy's ORM with the mapped classes and their
    set-up (see core/storage/db.py; ≈100 ms once PySide6's import hook reads each module's
    source) in a background thread, so the window answers the keyboard meanwhile — it
    touches no Qt object, and a first entry logged before it is done simply waits for it.
    """
    import threading

    from harmtrack.core.storage.db import prepare_orm

    from . import commands  # noqa: F401

    if background:
        threading.Thread(target=prepare_orm, name="orm-set-up", daemon=True).start()
    else:
        prepare_orm()


def _available(target: str) -> bool:
    module = target.split(":")[0]
    return importlib.util.find_spec(module) is not None


class MainWindow(QMainWindow):
    """Sidebar navigation, a stack of screens, menus with the frequent shortcuts."""

    #: Ctrl+L: the app shell closes this window and shows the lock screen.
    lock_requested = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.screens = [s for s in SCREENS if _available(s[2])]
        self.views: dict[str, QWidget] = {}
        self._update_title()
        self.resize(1180, 780)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = QListWidget(central)
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setAccessibleName(self.tr("Screens"))
        self.sidebar.setAccessibleDescription(
            self.tr("Choose a screen; Ctrl+1 to Ctrl+{n} jump directly").format(n=len(self.screens)))
        self.sidebar.setFixedWidth(180)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(central)
        for key, title, _target, shortcut in self.screens:
            item = QListWidgetItem(self.tr(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{self.tr(title)} ({shortcut})")
            self.sidebar.addItem(item)
            placeholder = QWidget()
            placeholder.setObjectName(f"placeholder-{key}")
            self.stack.addWidget(placeholder)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._show_row)

        self.toolbar = QToolBar(self.tr("Main"), self)
        self.toolbar.setObjectName("MainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self._build_menus()
        self._add_support_actions()
        self.statusBar().setObjectName("StatusBar")
        ctx.status.connect(self.show_status)  # a method, so it goes with the window
        ctx.navigate_requested.connect(self.open_screen)
        ctx.settings_changed.connect(self._update_title)
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    # --- screens ------------------------------------------------------------------------
    def screen_keys(self) -> list[str]:
        """The screens' keys in sidebar order ("log", "history"…)."""
        return [s[0] for s in self.screens]

    def view(self, key: str) -> QWidget:
        """The screen for ``key``, created on first use (lazy import keeps start-up fast)."""
        if key not in self.views:
            index = self.screen_keys().index(key)
            module_name, cls_name = self.screens[index][2].split(":")
            cls = getattr(importlib.import_module(module_name), cls_name)
            # Made inside the stack rather than moved into it when built: moving a whole
            # screen re-resolves the style sheet, fonts and palette of every widget in it
            # (as do the group boxes of the logging screen, made inside it for the same reason).
            widget = cls(self.ctx, self.stack)
            widget.setObjectName(f"screen-{key}")
            old = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.views[key] = widget
        return self.views[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.screen_keys()[row]
        widget = self.view(key)
        self.stack.setCurrentWidget(widget)
        if hasattr(widget, "activated"):
            widget.activated()

    def open_screen(self, key: str, payload: Any = None) -> None:
        """Show a screen, passing it an optional payload (e.g. a day to open)."""
        if key not in self.screen_keys():
            return
        self.sidebar.setCurrentRow(self.screen_keys().index(key))
        widget = self.view(key)
        if payload is not None and hasattr(widget, "open_payload"):
            widget.open_payload(payload)

    def current_key(self) -> str:
        return self.screen_keys()[self.sidebar.currentRow()]

    # --- menus --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.file_menu = file_menu
        track = QAction(self.tr("&What I track…"), self)
        track.triggered.connect(self.choose_trackables)
        file_menu.addAction(track)
        lock = QAction(self.tr("&Lock"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_requested.emit)
        file_menu.addAction(lock)
        self.lock_action = lock
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.quit_action = quit_action  # daily.attach rewires it to really quit

        edit_menu = menu.addMenu(self.tr("&Edit"))
        self.edit_menu = edit_menu
        undo = self.ctx.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctx.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo

        view_menu = menu.addMenu(self.tr("&View"))
        self.view_menu = view_menu
        for key, title, _t, shortcut in self.screens:
            action = QAction(self.tr(title).replace("&", "&&"), self)  # "Data & privacy": no mnemonic
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, k=key: self.open_screen(k))
            view_menu.addAction(action)

        help_menu = menu.addMenu(self.tr("&Help"))
        self.help_menu = help_menu
        keys = QAction(self.tr("&Keyboard shortcuts"), self)
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        about = QAction(self.tr("&About HarmTrack"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _add_support_actions(self) -> None:
        """Support now is one click (toolbar) or one shortcut away from every screen."""
        support = QAction(self.tr("Support now"), self)
        support.setObjectName("SupportNowAction")
        support.setShortcut(QKeySequence("Ctrl+Shift+S"))
        support.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        support.setToolTip(self.tr("Crisis and harm-reduction lines, and your own numbers (Ctrl+Shift+S)"))
        support.triggered.connect(self.show_support)
        self.toolbar.addAction(support)
        self.help_menu.insertAction(self.help_menu.actions()[0], support)
        self.support_action = support
        export = QAction(self.tr("&Report for my therapist…"), self)
        export.setObjectName("ExportReportAction")
        export.setShortcut(QKeySequence("Ctrl+Shift+R"))
        export.triggered.connect(self.export_report)
        self.file_menu.insertAction(self.file_menu.actions()[0], export)
        self.report_action = export

    def show_support(self) -> None:
        from .support_dialog import SupportDialog

        SupportDialog(self.ctx, self).exec()

    def export_report(self) -> None:
        from .report_dialog import ReportDialog

        ReportDialog(self.ctx, self).exec()

    def choose_trackables(self) -> None:
        from .trackables_dialog import TrackablesDialog

        TrackablesDialog(self.ctx, self).exec()

    def shortcut_list(self) -> list[tuple[str, str]]:
        """Every action with a shortcut, for the help dialog."""
        rows: list[tuple[str, str]] = []
        for action in self.findChildren(QAction):
            seq = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            # "&Lock" -> "Lock", "Data && privacy" -> "Data & privacy"
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if action is self.undo_action or action is self.redo_action:
                # Their text names the last change ("Undo delete 3 entries"): list the key itself.
                text = self.tr("Undo") if action is self.undo_action else self.tr("Redo")
            if seq and text and (text, seq) not in rows:
                rows.append((text, seq))
        # Every screen's own keys, also of screens not opened yet (read from the class).
        for key, _title, target, _shortcut in self.screens:
            owner: Any = self.views.get(key)
            if owner is None:
                module_name, cls_name = target.split(":")
                owner = getattr(importlib.import_module(module_name), cls_name)
            for row in getattr(owner, "shortcut_help", lambda: [])():
                if row not in rows:
                    rows.append(row)
        return rows

    def show_shortcuts(self) -> None:
        from html import escape

        from PySide6.QtWidgets import QMessageBox

        rows = "".join(f"<tr><td>{escape(t)}</td><td>&nbsp;&nbsp;<b>{escape(k)}</b></td></tr>"
                       for t, k in sorted(set(self.shortcut_list())))
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{rows}</table>")

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from harmtrack import __version__

        QMessageBox.about(self, self.tr("About HarmTrack"), self.tr(
            "<b>HarmTrack {v}</b><p>Private harm-reduction self-tracking. Everything you log "
            "stays in one file on this computer: {path}</p>").format(v=__version__, path=self.ctx.db.path))

    # --- window state -------------------------------------------------------------------
    def _update_title(self) -> None:
        from .lock import NEUTRAL_TITLE

        # Discreet mode: a title that says nothing about what is tracked.
        self.setWindowTitle(NEUTRAL_TITLE if self.ctx.settings().discreet else "HarmTrack")

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        reminder = getattr(self, "reminder", None)  # see daily.attach
        if reminder is not None and reminder.hide_to_tray():
            event.ignore()
            return
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)


def open_database_for_gui(folder: Path, smoke: bool,
                          opened: tuple[Database | None, Exception | None] | None = None) -> Database | None:
    """Open the data folder, showing a clear message (or printing it when smoking).

    ``opened``: the result of ``harmtrack.app.open_before_qt`` when the folder was
    already opened (before Qt was imported). Returns None when it could not be opened.
    Raises PassphraseRequired when the folder is encrypted and no passphrase was given in
    the environment: the caller shows the unlock screen.
    """
    from harmtrack.core.common.errors import HarmTrackError, PassphraseRequired

    if opened is None:
        from harmtrack.app import open_before_qt

        opened = open_before_qt(folder)
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


def start(app: QApplication, folder: Path, *, smoke: bool = False,
          opened: tuple[Database | None, Exception | None] | None = None,
          claim: WindowClaim | None = None) -> int:
    """Open the data (or the unlock screen), show the window, run.

    ``opened``: the folder already opened before Qt was imported (see ``harmtrack.app``).
    ``claim``: this process is the folder's one window; a second start raises it.
    """
    from harmtrack.app import start_up_done
    from harmtrack.core.common.errors import PassphraseRequired

    from .lock import AppShell

    shells: list[object] = []
    if claim is not None:
        from .single_window import RaiseWatcher, front_window

        RaiseWatcher(claim, front_window(shells), app)  # lives as long as the app

    try:
        db = open_database_for_gui(folder, smoke, opened)
    except PassphraseRequired:
        if smoke:
            return 2
        from .daily import prepare_locked

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
        from .daily import LAST_SCREEN_KEY, prepare
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
        return _smoke(app, window, ctx.db)
    QTimer.singleShot(WARM_UP_DELAY_MS, _warm_up)  # after the first paint
    return app.exec()


def _smoke(app: QApplication, window: MainWindow, db: Database) -> int:
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
