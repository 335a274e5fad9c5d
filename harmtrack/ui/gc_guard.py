"""Python's cyclic garbage collector runs only on the UI thread.

A collection starts in whichever thread happens to allocate. If that is a worker thread
(a report or chart being made) and the garbage holds a cycle with Qt widgets in it, Qt
destroys them off the UI thread and the process crashes (seen as a segfault with
"Garbage-collecting" in a worker). So automatic collection is switched off and a timer on
the UI thread collects instead, with the interpreter's own thresholds — the approach
pyqtgraph and other Qt-for-Python apps take.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer


class MainThreadCollector(QObject):
    """Collects garbage from a UI-thread timer; automatic collection stays off."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.modules = len(sys.modules)  # how many were loaded at the last full collection
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; returns objects freed."""
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = self.threshold
        if c0 <= t0:
            return 0
        generation = 2 if c2 > t2 and c1 > t1 else 1 if c1 > t1 else 0
        if generation == 2 and len(sys.modules) > self.modules:
            # Modules came in since the last full collection (a screen's first imports:
            # matplotlib for Charts). Their objects live as long as the app, so they are
            # frozen out of collections rather than scanned in a full one on the UI thread
            # (≈200 ms once matplotlib is in); the young generations are collected first.
            self.modules = len(sys.modules)
            freed = gc.collect(1)
            gc.freeze()
            return freed
        return gc.collect(generation)


_collector: MainThreadCollector | None = None


def install() -> MainThreadCollector:
    """Turn automatic collection off and collect on the UI thread from now on (idempotent)."""
    global _collector
    if _collector is None:
        _collector = MainThreadCollector(QCoreApplication.instance())
    return _collector
