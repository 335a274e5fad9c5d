"""Everyday comfort wired into the main window: theme, icons, translations, settings,
welcome, last screen and the daily reminder. Kept here so main_window.py stays small."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from . import icons, theme
from .context import AppContext

if TYPE_CHECKING:
    from .main_window import MainWindow

#: Set in the environment of a second instance opened on example data (see first_run).
EXAMPLE_ENV = "HARMTRACK_EXAMPLE_DATA"
#: QSettings key of the screen shown last, opened again on the next start.
LAST_SCREEN_KEY = "window/last_screen"


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
            ctx.status.emit(QApplication.translate("daily", "Theme changed."))

    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):  # Qt 6.5+: follow the system while on "system"
        _follow_while_alive(hints.colorSchemeChanged, reapply, ctx)
    ctx.settings_changed.connect(reapply)


def use_qt_locale() -> None:
    """The core writes numbers and money (chart texts, the glance, the PDF) in Qt's locale,
    as the screens do."""
    from PySide6.QtCore import QLocale

    from harmtrack.core.quantities import formatting

    formatting.use_locale(QLocale().name())


def _follow_while_alive(signal: Any, slot: Callable[[], None], owner: QObject) -> None:
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


def attach(window: MainWindow, *, tray: bool = True) -> None:
    """Add menus, sidebar icons, last-screen memory and the reminder to a main window."""
    ctx = window.ctx
    tr = window.tr

    settings_action = QAction(icons.icon("settings"), tr("&Settings…"), window)
    settings_action.setShortcut(QKeySequence("Ctrl+,"))
    settings_action.triggered.connect(lambda: open_settings(window))
    actions = window.file_menu.actions()
    window.file_menu.insertAction(actions[-1] if actions else None, settings_action)
    window.settings_action = settings_action

    welcome = QAction(tr("&Welcome…"), window)
    welcome.triggered.connect(lambda: open_welcome(window))
    first = window.help_menu.actions()
    window.help_menu.insertAction(first[0] if first else None, welcome)
    window.welcome_action = welcome

    def set_icons() -> None:
        for row, (key, *_rest) in enumerate(window.screens):
            name = icons.SCREEN_ICONS.get(key)
            if name:
                window.sidebar.item(row).setIcon(icons.icon(name))
        settings_action.setIcon(icons.icon("settings"))

    set_icons()
    ctx.settings_changed.connect(set_icons)
    # The sidebar grows with the system font instead of clipping long titles.
    metrics = window.sidebar.fontMetrics()
    widest = max((metrics.horizontalAdvance(window.sidebar.item(i).text())
                  for i in range(window.sidebar.count())), default=0)
    window.sidebar.setFixedWidth(max(180, widest + 3 * metrics.height() + 64))
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):  # runs after prepare()'s re-theming
        _follow_while_alive(hints.colorSchemeChanged, set_icons, window)

    # The last screen comes back on the next start (geometry is saved by the window).
    last = QSettings().value(LAST_SCREEN_KEY)
    if isinstance(last, str) and last in window.screen_keys() and last != window.current_key():
        window.open_screen(last)
    window.sidebar.currentRowChanged.connect(
        lambda row: QSettings().setValue(LAST_SCREEN_KEY, window.screen_keys()[row]) if row >= 0 else None)

    if os.environ.get(EXAMPLE_ENV):
        from pathlib import Path

        from .first_run import remove_at_exit

        example = Path(os.environ[EXAMPLE_ENV])
        if example.resolve() == ctx.db.path.parent.resolve():
            remove_at_exit(example)  # made-up data is not kept once its window is gone

        def example_title() -> None:
            window.setWindowTitle(tr("HarmTrack — example data (not yours)"))

        example_title()
        ctx.settings_changed.connect(example_title)

    from .reminder import Reminder

    window.reminder = Reminder(ctx, window, use_tray=tray)
    window.reminder.log_now_requested.connect(lambda: window.open_screen("log"))
    # Closing the window hides it to the tray while the reminder runs (MainWindow.closeEvent).
    # File ▸ Quit really quits, even while the window would otherwise hide to the tray.
    # Found by identity: where the platform has no Quit key (Windows, Qt's offscreen
    # platform) comparing shortcuts would match every action without one.
    window.quit_action.triggered.disconnect()
    window.quit_action.triggered.connect(window.reminder.quit)
    # A reminder missed while HarmTrack was closed; dropped if the reminder goes first.
    QTimer.singleShot(3000, window.reminder, window.reminder.check)


def open_settings(window: MainWindow) -> None:
    from .settings_dialog import SettingsDialog

    SettingsDialog(window.ctx, window).exec()


def open_welcome(window: MainWindow) -> None:
    from PySide6.QtWidgets import QDialog

    from .first_run import FirstRunDialog

    started = FirstRunDialog(window.ctx, window, revisit=True).exec() == QDialog.DialogCode.Accepted
    window.ctx.data_changed.emit()
    if started:  # its last page says "Press Start and the logging screen opens"
        window.open_screen("log")

