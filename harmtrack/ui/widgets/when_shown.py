"""Refresh a screen now while it is shown, or once when it is next shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


class RefreshWhenShown(QObject):
    """A hidden screen does not reload after a change: it remembers it is stale.

    The screen calls ``request()`` when a change touches what it shows. While stale, an
    event filter waits for the widget's next show (switching screens, or the window back
    from the tray) and refreshes then. The filter, rather than a ``showEvent`` override,
    because it exists only while stale: an override on the first screen would build
    PySide's QEvent classes before the first paint (≈3 ms, see tests/ui/test_startup_paths.py).
    """

    def __init__(self, widget: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.refresh = refresh
        self.stale = False

    def request(self) -> None:
        if self.widget.isVisible():
            self.refresh()
        else:
            self.mark_stale()

    def mark_stale(self) -> None:
        if not self.stale:
            self.stale = True
            self.widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if watched is self.widget and event.type() == QEvent.Type.Show:
            self.stale = False
            self.widget.removeEventFilter(self)
            self.refresh()
        return False
