"""The other screens' modules, imported a slice at a time once the app is idle.

Opening a screen for the first time imports its module (and the core it uses), which is
part of what the user waits for: tens of milliseconds from bytecode, more where Python
compiles from source. After the first window is up, a timer imports one module per tick
on the UI thread (imports must not race the UI thread's own), so each pause is one
module's, short, and the screen opens later without it.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

#: How long after the first paint the first module is imported (the user looks first).
START_AFTER_MS = 1500

#: The pause between two modules, so input and painting come in between.
SLICE_EVERY_MS = 120


class ImportWarmer(QObject):
    """Imports ``modules`` one per tick from ``start()``; stops by itself when done."""

    def __init__(self, modules: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.left = list(modules)
        self.timer = QTimer(self)
        self.timer.setInterval(SLICE_EVERY_MS)
        self.timer.timeout.connect(self.step)

    def start(self, after_ms: int = START_AFTER_MS) -> None:
        QTimer.singleShot(after_ms, self, self.timer.start)

    def step(self) -> None:
        """Import the next module not imported yet (one per call)."""
        while self.left:
            name = self.left.pop(0)
            if name in sys.modules:
                continue
            try:
                importlib.import_module(name)
            except Exception as exc:  # noqa: BLE001 - opening the screen will say what is wrong
                log.info("warming %s failed: %s", name, type(exc).__name__)
            break
        if not self.left:
            self.timer.stop()
