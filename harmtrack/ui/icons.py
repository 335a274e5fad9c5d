"""SVG icons from resources/icons, tinted to the current palette, crisp at any scale."""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from harmtrack.paths import resource

log = logging.getLogger(__name__)

#: Rendered sizes; QIcon picks the nearest one at or above size × device pixel ratio.
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


@lru_cache(maxsize=128)
def _icon(name: str, colour: str) -> QIcon:
    path = resource("icons", f"{name}.svg")
    try:
        svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    except OSError:
        log.warning("icon %s missing", name)
        return QIcon()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon ``name`` (file stem in resources/icons), tinted ``colour`` or the text colour."""
    return _icon(name, colour or text_colour())


def app_icon() -> QIcon:
    """The application icon (full colour)."""
    return _icon("app", "#000000")


def tray_icon() -> QIcon:
    """The small tray icon (full colour)."""
    return _icon("tray", "#000000")
