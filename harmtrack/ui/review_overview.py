"""Review mode's overview: a grid of small charts, one per trackable, over the same range.

Each small chart is a ``ChartCanvas`` used through its public ``show_chart`` only, so the
overview draws the way the charts screen does. Clicking a small chart (or Enter on it)
asks for that trackable's detailed charts.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.charts.overview import OverviewPanel

from .widgets.chart_canvas import ChartCanvas

OPEN_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


#: The narrowest a small chart may get (ChartCanvas's own minimum, plus the grid's spacing).
PANEL_WIDTH = 330


def columns_for(count: int, width: int) -> int:
    """Columns of the grid: near-square, at most 4, and as many as ``width`` pixels hold."""
    square = math.ceil(math.sqrt(max(count, 1)))
    return max(1, min(4, square, width // PANEL_WIDTH))


class Overview(QScrollArea):
    """Small multiples of every trackable; emits the trackable id asked for."""

    #: A small chart was clicked or opened with Enter: that trackable's id.
    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewOverview")
        self.setAccessibleName(self.tr("Overview of everything you track"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The arrow keys step through review mode's pages, not the scroll bars.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.inner = QWidget()
        self.grid = QGridLayout(self.inner)
        self.grid.setSpacing(8)
        self.setWidget(self.inner)
        self.canvases: list[ChartCanvas] = []
        self.ids: dict[ChartCanvas, int] = {}
        self.columns = 0  # of the grid as placed
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(self.tr("Overview message"))
        self.set_message(self.tr("Loading…"))

    def set_message(self, text: str) -> None:
        """Show a line instead of charts (loading, nothing tracked, an error)."""
        self._clear()
        self.message.setText(text)
        self.grid.addWidget(self.message, 0, 0)
        self.message.show()

    def _clear(self) -> None:
        for canvas in self.canvases:
            canvas.removeEventFilter(self)
            self.grid.removeWidget(canvas)
            canvas.setParent(None)
            canvas.deleteLater()
        self.canvases.clear()
        self.ids.clear()
        self.grid.removeWidget(self.message)
        self.message.hide()

    def show_panels(self, panels: list[OverviewPanel], theme_name: str) -> None:
        """Draw one small chart per panel, in a near-square grid."""
        if not panels:
            self.set_message(self.tr("Nothing is tracked yet. Add what you track on Today, "
                                     "and its chart appears here."))
            return
        self._clear()
        for panel in panels:
            canvas = ChartCanvas(self.inner)
            canvas.setAccessibleName(self.tr("{name}: open its charts").format(name=panel.name))
            canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            canvas.setCursor(Qt.CursorShape.PointingHandCursor)
            canvas.installEventFilter(self)
            canvas.show_chart(panel.data, theme_name)
            self.canvases.append(canvas)
            self.ids[canvas] = panel.trackable_id
        self.columns = 0
        self.place()

    def place(self) -> None:
        """Put the small charts in as many columns as the width holds (again on resizing)."""
        cols = columns_for(len(self.canvases), self.viewport().width())
        if not self.canvases or cols == self.columns:
            return
        self.columns = cols
        for canvas in self.canvases:
            self.grid.removeWidget(canvas)
        for i in range(max(self.grid.rowCount(), self.grid.columnCount())):
            self.grid.setRowStretch(i, 0)
            self.grid.setColumnStretch(i, 0)
        for i, canvas in enumerate(self.canvases):
            self.grid.addWidget(canvas, i // cols, i % cols)
        # Rows and columns share the space equally, so one chart fills the page and eight stay even.
        for row in range(math.ceil(len(self.canvases) / cols)):
            self.grid.setRowStretch(row, 1)
        for col in range(cols):
            self.grid.setColumnStretch(col, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(watched, ChartCanvas) and watched in self.ids:
            if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                    and event.button() == Qt.MouseButton.LeftButton):
                self.chosen.emit(self.ids[watched])
                return True
            if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                    and event.key() in OPEN_KEYS):
                self.chosen.emit(self.ids[watched])
                return True
        return super().eventFilter(watched, event)


class Section(QWidget):
    """A titled block of review mode's side column."""

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        self.title = QLabel(title)
        self.title.setObjectName("SectionTitle")
        layout.addWidget(self.title)
        layout.addWidget(body)


class WrappedList(QListWidget):
    """A list whose items wrap to its width in full: Qt's own estimate of a wrapped item
    with several lines falls short, and the end of a note was cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the width the items are measured for is the width they get.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    def refit(self) -> None:
        """Size each item for its wrapped text at the current width."""
        width = max(50, self.viewport().width() - 2 * self.spacing() - 12)
        metrics = QFontMetrics(self.font())
        for i in range(self.count()):
            item = self.item(i)
            box = metrics.boundingRect(QRect(0, 0, width, 100_000),
                                       int(Qt.TextFlag.TextWordWrap), item.text())
            item.setSizeHint(QSize(width, box.height() + 8))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.refit()
