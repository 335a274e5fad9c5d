"""A thin Qt shell around a matplotlib Figure: draws chart data, reports hover and clicks.

The drawing itself is ``harmtrack.core.charts.drawing`` (the same code the PDF report uses).
matplotlib's Qt backend is imported with this module, which the charts screen imports
only when it is first opened, so the first window never waits for matplotlib.
"""

from __future__ import annotations

import datetime as dt
import logging
import warnings
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from harmtrack.core.charts import drawing as charts
from harmtrack.core.charts.data import ChartData

log = logging.getLogger(__name__)


class ChartCanvas(FigureCanvasQTAgg):
    """Shows one chart; emits the hover text and the day clicked."""

    #: Plain text for the day or week under the pointer ("" when none).
    hovered = Signal(str)
    #: A day was clicked on a chart of days (daily, calendar).
    day_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, large: bool = False) -> None:
        self.fig = Figure(figsize=(8, 4.5), layout="constrained")
        super().__init__(self.fig)
        self.setParent(parent)
        self.large = large
        self.data: ChartData | None = None
        self.theme = charts.LIGHT
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 220)
        self.setAccessibleName(self.tr("Chart"))
        self.mpl_connect("motion_notify_event", self._on_motion)
        self.mpl_connect("button_press_event", self._on_press)
        self.mpl_connect("figure_leave_event", lambda _e: self.hovered.emit(""))
        self._last_text = ""

    def show_chart(self, data: ChartData, theme_name: str = "light") -> None:
        """Draw ``data`` (in the light or dark theme) and schedule a repaint."""
        self.data = data
        self.theme = charts.theme_named(theme_name, large=self.large)
        charts.draw(self.fig, data, theme=self.theme)
        summary = charts.summary(data)
        self.setAccessibleDescription(summary)
        self.setToolTip("")
        self.draw_idle()

    def draw(self) -> None:
        # While the window is still being laid out the canvas can be tiny for a moment;
        # matplotlib warns that it cannot fit the layout then, and the next draw fits.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="constrained_layout not applied")
            super().draw()

    # --- pointer ------------------------------------------------------------------------
    def info_at(self, x_px: float, y_px: float) -> charts.PointInfo | None:
        """What is at a point given in matplotlib display pixels (origin bottom-left)."""
        if self.data is None:
            return None
        for panel, ax in enumerate(self.fig.axes):
            if ax.get_label() == "<colorbar>" or not ax.get_visible():
                continue
            if ax.bbox.contains(x_px, y_px):
                x, y = ax.transData.inverted().transform((x_px, y_px))
                return charts.point_info(self.data, float(x), float(y), panel)
        return None

    def _on_motion(self, event: Any) -> None:
        info = self.info_at(event.x, event.y)
        text = info.text if info else ""
        if text != self._last_text:
            self._last_text = text
            self.hovered.emit(text)
            if text:
                QToolTip.showText(QCursor.pos() + QPoint(12, 12), text, self)
            else:
                QToolTip.hideText()

    def _on_press(self, event: Any) -> None:
        if getattr(event, "button", None) != 1:
            return
        info = self.info_at(event.x, event.y)
        if info is not None and info.is_day:
            self.day_clicked.emit(info.day)

    def pixel_of(self, x: float, y: float, panel: int = 0) -> QPoint:
        """The widget position (logical pixels) of data point (x, y) — for tests and a11y."""
        ax = self.fig.axes[panel]
        px, py = ax.transData.transform((x, y))
        ratio = self.device_pixel_ratio or 1.0
        return QPoint(int(px / ratio), int(self.height() - py / ratio))

    @staticmethod
    def day_number(day: dt.date) -> float:
        """A day's x value on the dated charts: days since 1970-01-01, the centre of its bar
        (core/charts/drawing/parts.py centres each day's bar on its date)."""
        return float((day - dt.date(1970, 1, 1)).days)
