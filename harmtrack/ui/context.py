"""What every screen gets: the open database, settings, shared signals, undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from harmtrack.core.common.changes import Changes
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import Settings, get_settings

if TYPE_CHECKING:
    from .workers import Job


class AppContext(QObject):
    """Shared state for the UI. Views call core services through ``ctx.db``."""

    #: Something was written; carries a ``Changes`` saying what, and each view refreshes
    #: only when it touches what the view shows (a hidden view: when it is next shown).
    data_changed = Signal(object)
    settings_changed = Signal()
    #: Ask the main window to show a screen: (key, payload such as a date).
    navigate_requested = Signal(str, object)
    #: A short message for the status bar.
    status = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self._settings: Settings | None = None
        self.current_day: dt.date | None = None
        #: Set when the app locks: the database is closed and every screen goes.
        self.closed = False
        #: Set while the app locks and closes its dialogs: a dialog must close then, even
        #: when it could not save (it keeps what was typed in memory instead).
        self.locking = False

    def settings(self) -> Settings:
        """The current settings (cached until they change)."""
        if self._settings is None:
            self._settings = get_settings(self.db)
        return self._settings

    def use_database(self, db: Database) -> None:
        """Work on ``db`` from now on (an encryption change or a restore opens the file
        anew); its settings are read again when next asked for."""
        self.db = db
        self._settings = None

    def update_settings(self, **changes: Any) -> Settings:
        """Change settings through the core and tell every view."""
        from harmtrack.core.storage.settings import update_settings

        self._settings = update_settings(self.db, **changes)
        self.settings_changed.emit()
        self.data_changed.emit(Changes(settings=True))
        return self._settings

    def navigate(self, key: str, payload: object = None) -> None:
        self.navigate_requested.emit(key, payload)

    def run_background(self, fn: Callable[..., Any], on_done: Callable[[Any], None] | None = None,
                       on_error: Callable[[BaseException], None] | None = None,
                       **kwargs: Any) -> Job:
        """Run core work off the UI thread (see ``workers.run_background``).

        Results that come back after the context was closed (the app locked while the
        work ran) are dropped: the screens they were for are gone.
        """
        # Imported on first use: nothing on the first screen works in the background, and
        # the module (with threading) costs the first window ≈2 ms.
        from . import workers

        def alive(callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
            if callback is None:
                return None

            def call(value: Any) -> None:
                if not self.closed:
                    callback(value)

            return call

        return workers.run_background(fn, alive(on_done), alive(on_error), **kwargs)
