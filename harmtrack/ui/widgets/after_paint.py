"""Work that waits for a widget's first paint, so the first window never waits for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


class AfterFirstPaint(QObject):
    """Calls ``then`` once, from the event loop, after ``widget`` has first painted.

    What grows with the history (a day of hundreds of entries, goal figures) is read after
    the window is up, so the first paint costs the same at ten entries and at a million.
    The event filter exists only until that paint.
    """

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.then = then
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if not self.done and watched is self.widget and event.type() == QEvent.Type.Paint:
            self.done = True
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)  # after this paint, not inside it
        return False
