"""SVG icons from resources/icons, tinted to the current palette, crisp at any scale."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QRectF, QSize, Qt, qVersion
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)

from harmtrack.paths import icon_cache_dir, resource

log = logging.getLogger(__name__)

#: Sizes the icons say they come in (any size is drawn crisp on demand).
SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)

#: Sidebar icon for each screen key.
SCREEN_ICONS = {"log": "log", "history": "history", "goals": "goals", "charts": "charts",
                "therapists": "therapists", "data": "data", "plans": "plans"}

#: Bumped when the way icons are drawn changes, so older drawings on disk are not used.
DRAWING_VERSION = 2


def text_colour() -> str:
    """The palette's text colour (so monochrome icons follow light/dark themes)."""
    app = QGuiApplication.instance()
    if app is None:
        return "#333333"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


def cache_dir() -> Path | None:
    """Where drawn icons are kept between starts (see ``harmtrack.paths``)."""
    return icon_cache_dir()


class _SvgIconEngine(QIconEngine):
    """Draws one tinted SVG at exactly the size (and device pixel ratio) asked for.

    Start-up speed: pixmaps are made when an icon is first painted, one size at a time,
    instead of every size in ``SIZES`` up front (≈12 ms for the first window); and a
    pixmap drawn once is read back from the cache folder on later starts, so the first
    window needs neither QtSvg nor any drawing (≈4 ms).
    """

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._renderer: Any = None  # a QSvgRenderer, made on the first drawing
        self._pixmaps: dict[tuple[int, int, int], QPixmap] = {}

    def _render(self, width: int, height: int, mode: QIcon.Mode = QIcon.Mode.Normal) -> QPixmap:
        """The icon at one size; disabled and selected ones in their colour (see ``_tint``).

        Drawn here rather than by ``QStyle.generatedIconPixmap`` (the same two looks):
        asking the style builds the Python side of QStyle, ≈5 ms of the first window.
        """
        if self._renderer is None:
            from PySide6.QtCore import QByteArray
            from PySide6.QtSvg import QSvgRenderer  # loaded only when an icon is drawn

            self._renderer = QSvgRenderer(QByteArray(self._svg))
        pixmap = QPixmap(width, height)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, QRectF(0, 0, width, height))
        tint = _tint(mode)
        if tint is not None:
            # Drawn again in one colour, keeping its shape (and its anti-aliased edges).
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)  # drawRect: fillRect's overloads build QGradient's enums
            painter.drawRect(QRectF(0, 0, width, height))
        painter.end()
        return pixmap

    def _drawn(self, side: int, mode: QIcon.Mode) -> QPixmap:
        """The pixmap from the cache folder, or drawn now (and kept there for next time)."""
        tint = _tint(mode)
        key = hashlib.sha1(self._svg, usedforsecurity=False)
        key.update(f"|{DRAWING_VERSION}|{qVersion()}|{sys.byteorder}|{side}|{mode.value}|"
                   f"{tint.rgba() if tint is not None else ''}".encode())
        folder = cache_dir()
        path = folder / key.hexdigest() if folder is not None else None
        if path is not None:
            pixmap = _read(path, side)
            if pixmap is not None:
                return pixmap
        pixmap = self._render(side, side, mode)
        if path is not None:
            _keep(pixmap, path)
        return pixmap

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        side = max(1, round(min(size.width(), size.height()) * scale))
        key = (side, side, mode.value)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._drawn(side, mode)
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


def _tint(mode: QIcon.Mode) -> QColor | None:
    """The colour a disabled icon (as disabled text) or a selected one (as selected text,
    so it reads on the highlight like its label) is drawn in; None for the other looks."""
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return None


#: The cache holds the pixels themselves, exactly as drawn (reading them back is quicker
#: than decoding a PNG, and nothing is rounded on the way).
_FORMAT = QImage.Format.Format_ARGB32_Premultiplied


def _read(path: Path, side: int) -> QPixmap | None:
    """A drawn icon from the cache folder; None when missing or not whole."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) != side * side * 4:
        return None
    return QPixmap.fromImage(QImage(data, side, side, side * 4, _FORMAT).copy())


def _keep(pixmap: QPixmap, path: Path) -> None:
    """Write a drawn icon to the cache folder (whole or not at all; if it cannot, no matter)."""
    image = pixmap.toImage().convertToFormat(_FORMAT)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(bytes(image.constBits())[:image.sizeInBytes()])
        os.replace(part, path)
    except OSError:
        log.debug("icon cache not written", exc_info=True)
        part.unlink(missing_ok=True)


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
