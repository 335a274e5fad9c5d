"""The main window: a sidebar of screens, created lazily when first opened.

Below the app shell (``harmtrack.ui.shell``), which builds it; above the screens, which
never import it (import-linter checks both).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from harmtrack.paths import EXAMPLE_ENV

from . import icons
from .context import AppContext

if TYPE_CHECKING:
    # Start-up speed: QCloseEvent and QMessageBox are imported where they are used (any
    # QEvent class builds the Python side of QEvent and its 179 event types, ≈3 ms).
    from PySide6.QtGui import QCloseEvent

    from .reminder import Reminder

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

#: QSettings key of the screen shown last, opened again on the next start.
LAST_SCREEN_KEY = "window/last_screen"


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
        #: The daily reminder and its tray icon, once the app's features are added.
        self.reminder: Reminder | None = None
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
        self._add_care_tool_actions()
        self.statusBar().setObjectName("StatusBar")
        ctx.status.connect(self.show_status)  # a method, so it goes with the window
        ctx.navigate_requested.connect(self.open_screen)
        ctx.settings_changed.connect(self._update_title)
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)
        # The other screens' modules are imported a slice at a time once the window is up
        # (ui/warm_up.py), so a screen's first open does not wait for them.
        from .warm_up import ImportWarmer
        from .widgets.after_paint import AfterFirstPaint

        self.warmer = ImportWarmer([target.split(":")[0] for _k, _t, target, _s in self.screens], self)
        AfterFirstPaint(self, self.warmer.start)

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
        self.quit_action = quit_action  # add_app_features rewires it to really quit

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
        take = QAction(self.tr("&Take a questionnaire…"), self)
        take.setObjectName("TakeQuestionnaireAction")
        take.triggered.connect(lambda: self.take_questionnaire())  # not the checked flag
        self.file_menu.insertAction(self.file_menu.actions()[1], take)
        self.questionnaire_action = take

    def take_questionnaire(self) -> None:
        from .questionnaire_dialog import take_questionnaire

        take_questionnaire(self.ctx, None, self)

    def _add_care_tool_actions(self) -> None:
        """The safety plan beside Support now; balance and ideal use beside what I track."""
        plan = QAction(self.tr("My &safety plan…"), self)
        plan.setObjectName("SafetyPlanAction")
        plan.triggered.connect(self.show_safety_plan)
        self.help_menu.insertAction(self.help_menu.actions()[1], plan)
        self.safety_plan_action = plan
        balance = QAction(self.tr("&Balance and ideal use…"), self)
        balance.setObjectName("BalanceAction")
        balance.triggered.connect(lambda _checked=False: self.show_balance())
        self.file_menu.insertAction(self.lock_action, balance)
        self.balance_action = balance
        shared = QAction(self.tr("&Open a shared file…"), self)
        shared.setObjectName("OpenSharedFileAction")
        shared.setToolTip(self.tr("Open a file a client shared with you, read-only, in review mode"))
        shared.triggered.connect(lambda _checked=False: self.open_shared_file())
        self.file_menu.insertAction(self.lock_action, shared)
        self.open_shared_action = shared

    def open_shared_file(self) -> None:
        from .share_review import open_shared_file

        open_shared_file(self)

    def show_safety_plan(self) -> None:
        from .safety_plan_dialog import SafetyPlanDialog

        SafetyPlanDialog(self.ctx, self).exec()

    def show_balance(self, trackable_id: int | None = None) -> None:
        from .balance_dialog import BalanceDialog

        BalanceDialog(self.ctx, trackable_id, self).exec()

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

    # --- what the running app adds ------------------------------------------------------
    def add_app_features(self, *, tray: bool = True) -> None:
        """What the app's window has beyond the frame the screens' tests use: Settings and
        Welcome in the menus, sidebar icons sized to the font, the screen shown last, the
        example-data title, and the daily reminder (with its tray icon when ``tray``)."""
        ctx = self.ctx

        settings_action = QAction(icons.icon("settings"), self.tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        actions = self.file_menu.actions()
        self.file_menu.insertAction(actions[-1] if actions else None, settings_action)
        self.settings_action = settings_action

        welcome = QAction(self.tr("&Welcome…"), self)
        welcome.triggered.connect(self.open_welcome)
        first = self.help_menu.actions()
        self.help_menu.insertAction(first[0] if first else None, welcome)
        self.welcome_action = welcome

        self._set_icons()
        ctx.settings_changed.connect(self._set_icons)
        # The sidebar grows with the system font instead of clipping long titles.
        metrics = self.sidebar.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.sidebar.item(i).text())
                      for i in range(self.sidebar.count())), default=0)
        self.sidebar.setFixedWidth(max(180, widest + 3 * metrics.height() + 64))
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # runs after the shell's re-theming
            follow_while_alive(hints.colorSchemeChanged, self._set_icons, self)

        # The last screen comes back on the next start (geometry is saved by the window).
        last = QSettings().value(LAST_SCREEN_KEY)
        if isinstance(last, str) and last in self.screen_keys() and last != self.current_key():
            self.open_screen(last)
        self.sidebar.currentRowChanged.connect(self._remember_screen)

        if os.environ.get(EXAMPLE_ENV):
            from pathlib import Path

            from .example_data import remove_at_exit

            example = Path(os.environ[EXAMPLE_ENV])
            if example.resolve() == ctx.db.path.parent.resolve():
                remove_at_exit(example)  # made-up data is not kept once its window is gone
            self._example_title()
            ctx.settings_changed.connect(self._example_title)

        from .reminder import Reminder

        self.reminder = reminder = Reminder(ctx, self, use_tray=tray)
        reminder.log_now_requested.connect(lambda: self.open_screen("log"))
        # Closing the window hides it to the tray while the reminder runs (closeEvent).
        # File ▸ Quit really quits, even while the window would otherwise hide to the tray.
        # Found by identity: where the platform has no Quit key (Windows, Qt's offscreen
        # platform) comparing shortcuts would match every action without one.
        self.quit_action.triggered.disconnect()
        self.quit_action.triggered.connect(reminder.quit)
        # A reminder missed while HarmTrack was closed; dropped if the reminder goes first.
        QTimer.singleShot(3000, reminder, reminder.check)
        # Sync on start and every five minutes while a sync folder is set, in the background
        # (ui/sync_dialog.py); its module is imported once the window is up.
        from .widgets.after_paint import AfterFirstPaint

        AfterFirstPaint(self, self._start_sync)

    def _start_sync(self) -> None:
        from .sync_dialog import SyncRunner

        SyncRunner.of(self.ctx).start_automatic()

    def _set_icons(self) -> None:
        for row, (key, *_rest) in enumerate(self.screens):
            name = icons.SCREEN_ICONS.get(key)
            if name:
                self.sidebar.item(row).setIcon(icons.icon(name))
        self.settings_action.setIcon(icons.icon("settings"))

    def _remember_screen(self, row: int) -> None:
        if row >= 0:
            QSettings().setValue(LAST_SCREEN_KEY, self.screen_keys()[row])

    def _example_title(self) -> None:
        self.setWindowTitle(self.tr("HarmTrack — example data (not yours)"))

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def open_welcome(self) -> None:
        from PySide6.QtWidgets import QDialog

        from harmtrack.core.common.changes import Changes

        from .first_run import FirstRunDialog

        started = FirstRunDialog(self.ctx, self, revisit=True).exec() == QDialog.DialogCode.Accepted
        self.ctx.data_changed.emit(Changes.everything())
        if started:  # its last page says "Press Start and the logging screen opens"
            self.open_screen("log")

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
        reminder = self.reminder
        if reminder is not None and reminder.hide_to_tray():
            event.ignore()
            return
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)


def follow_while_alive(signal: Any, slot: Callable[[], None], owner: QObject) -> None:
    """Connect an app-wide signal to ``slot`` for as long as ``owner`` lives.

    Locking throws the main window and its context away and unlocking builds new ones;
    a plain lambda would keep calling into the old (deleted) window and closed database.
    """
    import shiboken6

    def forget() -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect(handler)

    def handler(*_args: object) -> None:
        if shiboken6.isValid(owner):
            slot()
        else:  # deleted without a destroyed signal reaching Python (e.g. at garbage collection)
            forget()

    signal.connect(handler)
    owner.destroyed.connect(forget)
