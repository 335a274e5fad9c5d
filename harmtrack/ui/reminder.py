"""The daily check-in reminder: a tray icon and one quiet notification at the chosen time.

Driven by an injectable clock so tests can set the time; no network, no sleeping. When
there is no system tray (headless, some desktops) it degrades silently: the ``due``
signal still fires and the window's status bar says it, nothing else.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from harmtrack.core.common import clock as core_clock
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.tracking import checkins, entries

from .context import AppContext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

log = logging.getLogger(__name__)

#: Milliseconds after the reminder is made (with the main window) before its tray icon is:
#: the icon is not part of the window, so the window is painted first.
TRAY_AFTER_MS = 300

Clock = Callable[[], dt.datetime]


def reminder_instant(day: dt.date, hhmm: str, tz: dt.tzinfo, day_start_hour: int) -> dt.datetime:
    """When the reminder for local ``day`` is due (times before the day start fall after midnight)."""
    hh, mm = (int(x) for x in hhmm.split(":"))
    on = day + dt.timedelta(days=1) if hh < day_start_hour else day
    return dt.datetime.combine(on, dt.time(hh, mm), tzinfo=tz)


class Reminder(QObject):
    """Checks once a minute (and on demand) whether today's reminder is due."""

    #: Emitted with the local day when a reminder is shown.
    due = Signal(object)
    #: The user chose "Log now": the window should come up on the logging screen.
    log_now_requested = Signal()

    def __init__(self, ctx: AppContext, window: QWidget | None = None, *,
                 clock: Clock | None = None, interval_ms: int = 30_000,
                 use_tray: bool = True) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.clock: Clock = clock or (lambda: core_clock.now(ctx.settings().tz))
        self.last_reminded: dt.date | None = None
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        if use_tray:
            QTimer.singleShot(TRAY_AFTER_MS, self, self._make_tray)  # dropped if this goes first

    # --- tray ---------------------------------------------------------------------------
    def _make_tray(self) -> None:
        """The tray icon and its menu, when the desktop has a tray (and not after ``stop``)."""
        from PySide6.QtWidgets import QSystemTrayIcon

        from .icons import tray_icon

        if self.tray is not None or not self.timer.isActive() or self.quitting:
            return
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(tray_icon(), self)
        self.tray.setToolTip(self.tr("Daily check-in"))
        menu = QMenu(self.window)
        self.menu = menu
        self.log_now_action = QAction(self.tr("Log now"), self)
        self.log_now_action.triggered.connect(self.log_now)
        self.nothing_action = QAction(self.tr("Nothing today"), self)
        self.nothing_action.triggered.connect(self.nothing_today)
        menu.addAction(self.log_now_action)
        menu.addAction(self.nothing_action)
        menu.addSeparator()
        open_action = QAction(self.tr("Open HarmTrack"), self)
        open_action.triggered.connect(self.show_window)
        quit_action = QAction(self.tr("Quit HarmTrack"), self)
        quit_action.triggered.connect(self.quit)
        menu.addAction(open_action)
        menu.addAction(quit_action)
        self.tray.setContextMenu(menu)
        self.tray.messageClicked.connect(self.log_now)
        self.tray.activated.connect(self._activated)
        self.tray.show()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.log_now()

    # --- logic --------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        now = self.clock()
        return now if now.tzinfo else now.replace(tzinfo=self.ctx.settings().tz)

    def is_due(self) -> bool:
        """A reminder time is set, it has passed today, today is not logged, not yet reminded."""
        s = self.ctx.settings()
        if not s.reminder_time:
            return False
        now = self.now()
        day = entries.today(self.ctx.db, s, now=now)
        if self.last_reminded == day:
            return False
        if now < reminder_instant(day, s.reminder_time, s.tz, s.day_start_hour):
            return False
        return day not in checkins.logged_days(self.ctx.db, day, day)

    def check(self) -> bool:
        """Show the reminder if it is due; True when shown."""
        try:
            if not self.is_due():
                return False
        except Exception:  # a reminder must never break the app
            log.exception("reminder check failed")
            return False
        day = entries.today(self.ctx.db, self.ctx.settings(), now=self.now())
        self.last_reminded = day
        title = self.tr("Daily check-in")
        text = self.tr("Nothing logged today yet. Log what happened, or mark "
                       "“nothing today” from the tray menu.")
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(title, text, self.tray.icon(), 15_000)
        else:
            self.ctx.status.emit(text)
        log.info("daily reminder shown")
        self.due.emit(day)
        return True

    def show_window(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def log_now(self) -> None:
        """Bring the window up on today's logging screen."""
        self.log_now_requested.emit()
        self.show_window()
        self.ctx.navigate("log", entries.today(self.ctx.db, self.ctx.settings(), now=self.now()))

    def nothing_today(self) -> None:
        """Record "nothing to log" for today, right from the tray."""
        day = entries.today(self.ctx.db, self.ctx.settings(), now=self.now())
        if day in checkins.logged_days(self.ctx.db, day, day):
            text = self.tr("Today is already logged; nothing changed.")
        else:
            from . import commands

            try:
                commands.push(self.ctx, commands.CheckIn(self.ctx, day))  # undoable like the button
            except HarmTrackError as exc:
                text = str(exc)
            else:
                text = self.tr("Recorded: nothing to log today. Thank you for checking in.")
        self.ctx.status.emit(text)
        if self.tray is not None:
            self.tray.showMessage(self.tr("Daily check-in"), text, self.tray.icon(), 4000)

    # --- staying in the tray ------------------------------------------------------------
    def keeps_running(self) -> bool:
        """Closing the window hides it to the tray while a reminder is set and a tray exists."""
        return self.tray is not None and bool(self.ctx.settings().reminder_time) and not self.quitting

    quitting = False
    told_about_tray = False

    def hide_to_tray(self) -> bool:
        """Asked by the main window when it is being closed (its ``closeEvent``): hide it
        to the tray instead while the reminder keeps running; True when hidden.

        Not an event filter on the window: that would pass every event of the window
        through Python from its first paint on (≈3 ms of the first window with the
        QEvent classes it builds).
        """
        if self.window is None or not self.keeps_running():
            return False
        QSettings().setValue("window/geometry", self.window.saveGeometry())
        self.window.hide()
        if not self.told_about_tray and self.tray is not None:
            self.told_about_tray = True
            if self.ctx.settings().discreet:  # a notice that names nothing
                text = self.tr("Still running in the tray for your reminder. Quit from the "
                               "tray menu or with File ▸ Quit.")
            else:
                text = self.tr("HarmTrack keeps running in the tray so it can remind you. "
                               "Quit it from the tray menu or with File ▸ Quit.")
            self.tray.showMessage(self.tr("Still here for your reminder"), text,
                                  self.tray.icon(), 6000)
        return True

    def quit(self) -> None:
        """Really quit (from the tray menu or File ▸ Quit)."""
        self.quitting = True
        if self.window is not None:
            self.window.close()
        QApplication.quit()

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
