"""Light and dark palettes (calm colours) on the Fusion style, following the system by default."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")

# Muted teal accent, soft off-white / slate backgrounds: readable, not alarming.
LIGHT = {
    "window": "#F4F6F5", "base": "#FFFFFF", "alternate": "#EEF2F0", "text": "#1E2A2D",
    "button": "#E9EEEC", "highlight": "#3F7F7A", "highlighted": "#FFFFFF", "mid": "#C9D2CF",
    "midlight": "#DFE6E3", "dark": "#9AA6A3", "placeholder": "#5F6B6E", "link": "#2C6A86",
    "tooltip": "#FFFFF2", "disabled": "#8A9497", "error": "#A8322A", "note": "#E6F1EE",
}
DARK = {
    "window": "#1B2023", "base": "#273034", "alternate": "#2D363A", "text": "#E2E7E5",
    "button": "#323B40", "highlight": "#5FA39B", "highlighted": "#0E1315", "mid": "#3A4347",
    "midlight": "#313A3E", "dark": "#0F1214", "placeholder": "#9CA8AB", "link": "#8CC3DD",
    "tooltip": "#2A3135", "disabled": "#6C777A", "error": "#F2A39B", "note": "#233330",
}


def effective_theme(choice: str | None) -> str:
    """'light' or 'dark': the choice, or what the system asks for when it is 'system'."""
    if choice in ("light", "dark"):
        return choice
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)  # Qt 6.5+
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def chart_theme(choice: str | None) -> str:
    """'light' or 'dark' for the charts: the choice, or the palette's when it follows the system."""
    if choice in ("light", "dark"):
        return choice
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else None
    return "dark" if palette is not None and palette.window().color().lightness() < 128 else "light"


def colours(name: str) -> dict[str, str]:
    return DARK if name == "dark" else LIGHT


def palette_for(name: str) -> QPalette:
    """A complete QPalette for 'light' or 'dark'."""
    c = colours(name)
    p = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: c["window"], role.WindowText: c["text"], role.Base: c["base"],
        role.AlternateBase: c["alternate"], role.Text: c["text"], role.Button: c["button"],
        role.ButtonText: c["text"], role.Highlight: c["highlight"],
        role.HighlightedText: c["highlighted"], role.Mid: c["mid"], role.Midlight: c["midlight"],
        role.Dark: c["dark"], role.Light: c["base"], role.Shadow: "#000000",
        role.PlaceholderText: c["placeholder"], role.Link: c["link"], role.LinkVisited: c["link"],
        role.ToolTipBase: c["tooltip"], role.ToolTipText: c["text"], role.BrightText: "#FFFFFF",
    }
    for r, value in pairs.items():
        p.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(c["disabled"]))
    p.setColor(disabled, role.Highlight, QColor(c["mid"]))
    return p


def extra_style(name: str) -> str:
    """Theme-dependent additions to base.qss (colours QSS cannot take from the palette)."""
    c = colours(name)
    return (f"\n#Error {{ color: {c['error']}; }}\n"
            f"#PlanNote, #CombinationNote {{ background: {c['note']}; border: 1px solid {c['highlight']}; "
            "border-radius: 8px; }\n")


def apply_theme(app: QApplication, choice: str | None) -> str:
    """Fusion style + the palette for ``choice``; returns 'light' or 'dark'."""
    from harmtrack.paths import resource

    name = effective_theme(choice)
    if app.property("harmtrackStyle") != "Fusion":
        # The same look everywhere, and palettes fully respected. (Once: with a style
        # sheet set, app.style() is a proxy whose name() is empty.)
        app.setStyle("Fusion")
        app.setProperty("harmtrackStyle", "Fusion")
    app.setPalette(palette_for(name))
    try:
        base = resource("styles", "base.qss").read_text(encoding="utf-8")
    except OSError:
        base = ""
    app.setStyleSheet(base + extra_style(name))
    app.setProperty("harmtrackTheme", name)
    return name
