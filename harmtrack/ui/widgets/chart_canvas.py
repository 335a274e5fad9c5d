"""Shows one chart drawn off the UI thread; reports hover and clicks from the drawn figure.

The drawing itself is ``harmtrack.core.charts.drawing`` (the same code the PDF report
and ``chart --out`` use). Constrained layout and the Agg render take 0.1–1 s on long
ranges, so they run through ``ui/workers.py``; the UI thread only blits the pixels.

The handoff: each draw builds a new ``Figure`` and ``FigureCanvasAgg`` in the worker, at
the widget's pixel size and device pixel ratio, draws it and returns it with its RGBA
buffer. From then on the worker never touches that figure again; the UI thread owns it
and reads only its transforms (hover, clicks, ``pixel_of``) and artists (tests), never
draws it. So no figure is ever used by two threads at once. Draws of every canvas also
take one lock, because parts of matplotlib shared between figures (the mathtext parser
behind the ✓ markers) are not thread-safe.

One draw is in flight per canvas; a request made meanwhile waits, and a newer one
replaces it (the latest wins); a result that is no longer the newest request is dropped.
A resize shows the previous picture scaled until a debounced redraw at the new size.
matplotlib itself is first imported by that worker, so opening the charts never waits
for it on the UI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget
from shiboken6 import isValid

from harmtrack.core.charts.data import ChartData
from harmtrack.core.charts.text import PointInfo, point_info, summary
from harmtrack.core.charts.theme import Theme, theme_named

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from harmtrack.ui.workers import Job

log = logging.getLogger(__name__)

#: Figure dots per inch at a device pixel ratio of 1 (matplotlib's Qt canvas uses the same).
DPI = 100.0
#: How long a resize must pause before the chart is drawn again at the new size.
RESIZE_PAUSE_MS = 120

_draw_lock = threading.Lock()


@dataclass(frozen=True)
class Drawn:
    """One finished background draw: the figure (the UI thread's from now on) and its pixels."""

    request: int
    data: ChartData
    figure: Figure
    rgba: bytes
    width: int  # device pixels
    height: int
    ratio: float  # device pixel ratio it was drawn for

    @property
    def logical_size(self) -> tuple[int, int]:
        return round(self.width / self.ratio), round(self.height / self.ratio)


def draw_offscreen(request: int, data: ChartData, theme: Theme, width: int, height: int,
                   ratio: float) -> Drawn:
    """Draw ``data`` on a new Agg figure of ``width`` × ``height`` logical pixels (worker side)."""
    # Imported here, in the worker: the drawing code and matplotlib never load on the UI thread.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from harmtrack.core.charts import drawing as charts

    # While a window is still being laid out a canvas can be tiny for a moment; matplotlib
    # warns that it cannot fit the layout then, and the next draw fits. A filter, not
    # ``warnings.catch_warnings``, which would swap the filters of every thread meanwhile;
    # set at each draw (adding it again replaces it) since test runners reset the filters.
    warnings.filterwarnings("ignore", message="constrained_layout not applied")
    with _draw_lock:
        fig = charts.new_figure(width / DPI, height / DPI, dpi=DPI * ratio)
        canvas = FigureCanvasAgg(fig)
        charts.draw(fig, data, theme=theme)
        canvas.draw()
        buffer = canvas.buffer_rgba()
        rgba = bytes(buffer)
        h, w = buffer.shape[:2]
    return Drawn(request, data, fig, rgba, int(w), int(h), ratio)


class ChartCanvas(QWidget):
    """Shows one chart; emits the hover text and the day clicked."""

    #: Plain text for the day or week under the pointer ("" when none).
    hovered = Signal(str)
    #: A day was clicked on a chart of days (daily, calendar).
    day_clicked = Signal(object)
    #: A newly drawn picture is shown (``drawn_data`` and ``figure`` changed).
    drawn = Signal()

    def __init__(self, parent: QWidget | None = None, *, large: bool = False) -> None:
        super().__init__(parent)
        self.large = large
        #: The chart asked for last (what the picture shows once its draw is done).
        self.data: ChartData | None = None
        self.theme: Theme | None = None
        self._shown: Drawn | None = None
        self._image: QImage | None = None
        self._latest = 0  # number of the newest draw request
        self._target: tuple[int, int, float] | None = None  # its size and pixel ratio
        self._in_flight: Job | None = None
        self._waiting: dict[str, Any] | None = None  # the request after the one in flight
        self._last_text = ""
        self._resize_pause = QTimer(self)
        self._resize_pause.setSingleShot(True)
        self._resize_pause.setInterval(RESIZE_PAUSE_MS)
        self._resize_pause.timeout.connect(self._redraw_if_resized)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 220)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paintEvent fills it all
        self.setAccessibleName(self.tr("Chart"))

    def show_chart(self, data: ChartData, theme_name: str = "light") -> None:
        """Draw ``data`` (in the light or dark theme) in the background, then show it."""
        self.data = data
        self.theme = theme_named(theme_name, large=self.large)
        self.setAccessibleDescription(summary(data))
        self.setToolTip("")
        self._request_draw()

    # --- what is shown ------------------------------------------------------------------
    @property
    def figure(self) -> Figure | None:
        """The figure of the picture shown (read it; never draw it: see the module docstring)."""
        return self._shown.figure if self._shown else None

    @property
    def drawn_data(self) -> ChartData | None:
        """The chart data the picture shown was drawn from."""
        return self._shown.data if self._shown else None

    def is_current(self) -> bool:
        """Whether the picture shown is the newest chart asked for, at the widget's size."""
        shown = self._shown
        return (shown is not None and self._in_flight is None and shown.request == self._latest
                and shown.logical_size == (self.width(), self.height()))

    # --- drawing in the background ----------------------------------------------------------
    def _request_draw(self) -> None:
        if self.data is None or self.theme is None or self.width() < 2 or self.height() < 2:
            return
        ratio = self.devicePixelRatioF()
        self._latest += 1
        self._target = (self.width(), self.height(), ratio)
        request = {"request": self._latest, "data": self.data, "theme": self.theme,
                   "width": self.width(), "height": self.height(), "ratio": ratio}
        if self._in_flight is not None:
            self._waiting = request  # replaces any older waiting request: the latest wins
        else:
            self._start(request)

    def _start(self, request: dict[str, Any]) -> None:
        from harmtrack.ui import workers

        self._in_flight = workers.run_background(draw_offscreen, self._on_drawn, self._on_failed,
                                                 **request)

    def _start_waiting(self) -> None:
        request, self._waiting = self._waiting, None
        if request is not None:
            self._start(request)

    def _on_drawn(self, drawn: Drawn) -> None:
        if not isValid(self):  # the canvas was deleted while the chart was drawn
            return
        self._in_flight = None
        if drawn.request == self._latest:  # else a newer request supersedes it
            self._shown = drawn
            image = QImage(drawn.rgba, drawn.width, drawn.height, 4 * drawn.width,
                           QImage.Format.Format_RGBA8888)
            image.setDevicePixelRatio(drawn.ratio)
            self._image = image  # over drawn.rgba, which self._shown keeps alive
            self.update()
            self.drawn.emit()
        self._start_waiting()

    def _on_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        log.warning("chart could not be drawn: %s", type(exc).__name__)
        self._in_flight = None
        self._start_waiting()

    def _redraw_if_resized(self) -> None:
        if self.isVisible() and self._target != (self.width(), self.height(),
                                                 self.devicePixelRatioF()):
            self._request_draw()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.data is not None:
            self._resize_pause.start()  # restarts: one redraw once the resizing pauses

    def event(self, event: QEvent) -> bool:
        # Shown again after a resize while hidden, or moved to a screen of another pixel ratio.
        if (event.type() in (QEvent.Type.Show, QEvent.Type.DevicePixelRatioChange)
                and self.data is not None):
            self._resize_pause.start()
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        # Before the first picture: the chart's background (or the window's), never a white box.
        background = (QColor(self.theme.background) if self.theme is not None
                      else self.palette().color(QPalette.ColorRole.Window))
        painter.fillRect(self.rect(), background)
        if self._image is not None and self._shown is not None:
            if self._shown.logical_size != (self.width(), self.height()):
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self._image)
        painter.end()

    # --- pointer ------------------------------------------------------------------------
    def info_at(self, x_px: float, y_px: float) -> PointInfo | None:
        """What is at a point given in the drawn figure's display pixels (origin bottom-left)."""
        shown = self._shown
        if shown is None:
            return None
        for panel, ax in enumerate(shown.figure.axes):
            if ax.get_label() == "<colorbar>" or not ax.get_visible():
                continue
            if ax.bbox.contains(x_px, y_px):
                x, y = ax.transData.inverted().transform((x_px, y_px))
                return point_info(shown.data, float(x), float(y), panel)
        return None

    def _figure_point(self, pos: QPointF) -> tuple[float, float] | None:
        """A widget position in the drawn figure's pixels (also while it is shown scaled)."""
        shown = self._shown
        if shown is None:
            return None
        sx, sy = shown.width / max(self.width(), 1), shown.height / max(self.height(), 1)
        return pos.x() * sx, shown.height - pos.y() * sy

    def pixel_of(self, x: float, y: float, panel: int = 0) -> QPoint:
        """The widget position (logical pixels) of data point (x, y) — for tests and a11y."""
        shown = self._shown
        if shown is None:
            raise LookupError("no chart has been drawn yet")
        px, py = shown.figure.axes[panel].transData.transform((x, y))
        sx, sy = shown.width / max(self.width(), 1), shown.height / max(self.height(), 1)
        return QPoint(int(px / sx), int((shown.height - py) / sy))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        point = self._figure_point(event.position())
        info = self.info_at(*point) if point else None
        text = info.text if info else ""
        if text != self._last_text:
            self._last_text = text
            self.hovered.emit(text)
            if text:
                QToolTip.showText(event.globalPosition().toPoint() + QPoint(12, 12), text, self)
            else:
                QToolTip.hideText()

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self._last_text = ""
        self.hovered.emit("")
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = self._figure_point(event.position())
        info = self.info_at(*point) if point else None
        if info is not None and info.is_day:
            self.day_clicked.emit(info.day)

    @staticmethod
    def day_number(day: dt.date) -> float:
        """A day's x value on the dated charts: days since 1970-01-01, the centre of its bar
        (core/charts/drawing/parts.py centres each day's bar on its date)."""
        return float((day - dt.date(1970, 1, 1)).days)
