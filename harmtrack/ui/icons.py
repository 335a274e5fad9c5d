"""SVG icons from resources/icons, tinted to the current palette, crisp at any scale."""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from harmtrack.paths import resource

log = logging.getLogger(__name__)

#: Sizes the icons say they come in (any size is drawn crisp on demand).
SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)

#: Sidebar icon for each screen key.
SCREEN_ICONS = {"log": "log", "history": "history", "goals": "goals", "charts": "charts",
                "therapists": "therapists", "data": "data", "plans": "plans"}


def text_colour() -> str:
    """The palette's text colour (so monochrome icons follow light/dark themes)."""
    app = QGuiApplication.instance()
    if app is None:
        return "#333333"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


class _SvgIconEngine(QIconEngine):
    """Draws one tinted SVG at exactly the size (and device pixel ratio) asked for.

    Start-up speed: pixmaps are rendered when an icon is first painted, one size at a
    time, instead of every size in ``SIZES`` up front (≈12 ms for the first window).
    """

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._renderer: QSvgRenderer | None = None
        self._pixmaps: dict[tuple[int, int, int], QPixmap] = {}

    def _render(self, width: int, height: int, mode: QIcon.Mode = QIcon.Mode.Normal) -> QPixmap:
        """The icon at one size; disabled greyed out, selected washed with the highlight.

        Drawn here rather than by ``QStyle.generatedIconPixmap`` (the same two looks):
        asking the style builds the Python side of QStyle, ≈5 ms of the first window.
        """
        if self._renderer is None:
            self._renderer = QSvgRenderer(QByteArray(self._svg))
        pixmap = QPixmap(width, height)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, QRectF(0, 0, width, height))
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:  # the theme's disabled text colour, as greyed-out text
            tint = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
            composition = QPainter.CompositionMode.CompositionMode_SourceIn
        elif mode == QIcon.Mode.Selected:  # a light wash of the highlight
            tint = palette.color(QPalette.ColorRole.Highlight)
            tint.setAlphaF(0.3)
            composition = QPainter.CompositionMode.CompositionMode_SourceAtop
        if mode in (QIcon.Mode.Disabled, QIcon.Mode.Selected):
            painter.setCompositionMode(composition)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)  # drawRect: fillRect's overloads build QGradient's enums
            painter.drawRect(QRectF(0, 0, width, height))
        painter.end()
        return pixmap

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        side = max(1, round(min(size.width(), size.height()) * scale))
        key = (side, side, mode.value)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._render(side, side, mode)
            self._pixmaps[key] = pixmap
        out = QPixmap(pixmap)
        out.setDevicePixelRatio(scale)
        return out

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,  # noqa: N802
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        return [QSize(s, s) for s in SIZES]

    def clone(self) -> QIconEngine:
        engine = _SvgIconEngine(self._svg)
        _ENGINES.append(engine)
        return engine

    def key(self) -> str:
        return "harmtrack-svg"


#: Engines stay referenced from Python for as long as the app runs (QIcon holds them
#: by pointer); there are only a few (icons are cached below).
_ENGINES: list[_SvgIconEngine] = []


@lru_cache(maxsize=128)
def _icon(name: str, colour: str) -> QIcon:
    path = resource("icons", f"{name}.svg")
    try:
        svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    except OSError:
        log.warning("icon %s missing", name)
        return QIcon()
    engine = _SvgIconEngine(svg.encode("utf-8"))
    _ENGINES.append(engine)
    return QIcon(engine)


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon ``name`` (file stem in resources/icons), tinted ``colour`` or the text colour."""
    return _icon(name, colour or text_colour())


def app_icon() -> QIcon:
    """The application icon (full colour)."""
    return _icon("app", "#000000")


def tray_icon() -> QIcon:
    """The small tray icon (full colour)."""
    return _icon("tray", "#000000")
