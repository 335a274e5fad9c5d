"""One window per data folder: a second start brings the running window to the front.

The second process finds ``harmtrack-window.lock`` taken (``core.storage.folder_lock``), writes
``harmtrack-window.request`` into the data folder and waits for it to disappear. This
side watches the folder (inotify through QFileSystemWatcher, plus a slow poll for file
systems that send no notices), takes the request and raises its window. A file and
not QLocalServer: HarmTrack opens no sockets of any kind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from harmtrack.core.storage.folder_lock import WindowClaim

log = logging.getLogger(__name__)

POLL_MS = 1000


class RaiseWatcher(QObject):
    """Raises ``target()`` (the main window or the lock screen) when another start asks."""

    raised = Signal()

    def __init__(self, claim: WindowClaim, target: Callable[[], QWidget | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.claim = claim
        self.target = target
        self.requests = 0
        self.watcher = QFileSystemWatcher([str(claim.folder)], self)
        self.watcher.directoryChanged.connect(lambda _path: self.check())
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.check)
        self.poll.start()
        log.info("this window answers a second start on its data folder")

    def check(self) -> None:
        """Take a waiting request, if any, and bring the window to the front."""
        if not self.claim.take_raise_request():
            return
        self.requests += 1
        # A dialog running its own loop (the welcome, a question) is what the user must see.
        widget = QApplication.activeModalWidget() or self.target()
        if widget is None:
            return
        state = widget.windowState() & ~Qt.WindowState.WindowMinimized
        widget.setWindowState(state | Qt.WindowState.WindowActive)
        widget.show()  # also when it was hidden to the tray
        widget.raise_()
        widget.activateWindow()
        log.info("window brought to the front for a second start")
        self.raised.emit()


def front_window(shells: list[object]) -> Callable[[], QWidget | None]:
    """The shell's window (the main window, or the lock screen while locked), once the
    shell exists (it is appended to ``shells`` later in start-up)."""

    def pick() -> QWidget | None:
        if not shells:
            return None
        return getattr(shells[0], "window", None) or getattr(shells[0], "lock_screen", None)

    return pick
