"""Every focusable control on every screen has a name a screen reader can say, and Tab reaches it.

Re-run after merging other screens: it opens everything registered in SCREENS.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QTabBar,
    QWidget,
)

from harmtrack.core.care import plans
from harmtrack.core.exchange import demo
from harmtrack.ui.context import AppContext
from harmtrack.ui.main_window import SCREENS, MainWindow, _available


def takes_tab_focus(w: QWidget, root: QWidget) -> bool:
    return (bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isVisibleTo(root) and w.isEnabled()
            and w.focusProxy() is None)


def owner(w: QWidget) -> QWidget:
    """The control a screen reader announces: an editable combo or spin box for its line edit."""
    parent = w.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return w


def label_for(w: QWidget, root: QWidget) -> str:
    """Accessible name, else a buddy label's text, else the control's own visible text."""
    if w.accessibleName().strip():
        return w.accessibleName()
    for label in root.findChildren(QLabel):
        if label.buddy() is w and label.text().strip():
            return label.text()
    if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
        return w.text()
    if isinstance(w, QTabBar) and w.count() and all(w.tabText(i).strip() for i in range(w.count())):
        return " / ".join(w.tabText(i) for i in range(w.count()))  # each tab says its own name
    return ""


def focusables(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if takes_tab_focus(w, root)]


def tab_walk(window: QWidget, start: QWidget) -> set[QWidget]:
    """Widgets visited by following the Tab focus chain from ``start`` until it wraps."""
    seen: set[QWidget] = set()
    w = start
    for _ in range(5000):
        w = w.nextInFocusChain()
        if w is start:
            break
        if takes_tab_focus(w, window) and w.window() is window:
            seen.add(w)
    return seen


def audit(window: QWidget, root: QWidget) -> list[str]:
    """Problems for the focusable widgets under ``root`` inside ``window``."""
    problems: list[str] = []
    controls = focusables(root)
    assert controls, f"nothing focusable in {root.objectName()}"
    reached = tab_walk(window, window)
    for w in controls:
        if isinstance(w, QAbstractItemView) and w.tabKeyNavigation():
            problems.append(f"{root.objectName()}: {w.accessibleName()!r} traps Tab inside its cells")
        name = label_for(owner(w), window)
        where = f"{root.objectName()}: {type(w).__name__} {w.objectName()!r}"
        if not name:
            problems.append(f"{where} has no accessible name")
        if w not in reached:
            problems.append(f"{where} ({name}) is not reachable by Tab")
    return problems


@pytest.fixture
def window(utc_settings, qtbot) -> MainWindow:
    QStandardPaths.setTestModeEnabled(True)
    QSettings().clear()  # no remembered screen from an earlier test
    demo.fill(utc_settings, days=30)
    plans.add_plan(utc_settings, "party", "alternate with water")
    plans.add_alternative(utc_settings, "a cup of tea")
    ctx = AppContext(utc_settings)

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.add_app_features(tray=False)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("key", [s[0] for s in SCREENS if _available(s[2])])
def test_every_control_on_every_screen_is_named_and_tab_reachable(window, key) -> None:
    window.open_screen(key)
    QApplication.processEvents()
    view = window.view(key)
    assert audit(window, view) == []


def test_sidebar_is_named_and_reachable(window) -> None:
    assert audit(window, window.sidebar.parentWidget()) == []


def test_tab_really_moves_focus_through_the_logging_screen(window, qtbot) -> None:
    """Press Tab from the first field: focus visits the main controls in reading order."""
    window.open_screen("log")
    window.activateWindow()
    view = window.view("log")
    view.form.trackable.setFocus()
    order: list[QWidget] = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    form = view.form
    expected = [form.amount, form.time, form.craving, form.mood, form.triggers, form.practices,
                form.note, form.submit]
    positions = [next(i for i, w in enumerate(order) if owner(w) is e) for e in expected]
    assert positions == sorted(positions)


def test_dialogs_are_named_too(window, qtbot) -> None:
    from harmtrack.ui.first_run import FirstRunDialog
    from harmtrack.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(window.ctx, window)
    qtbot.addWidget(settings)
    settings.show()
    assert audit(settings, settings) == []
    welcome = FirstRunDialog(window.ctx, window)
    qtbot.addWidget(welcome)
    welcome.show()
    for step in range(welcome.pages.count()):
        welcome.pages.setCurrentIndex(step)
        assert audit(welcome, welcome) == [], f"welcome step {step + 1}"


def test_shortcuts_help_lists_settings_and_plans(window) -> None:
    rows = dict(window.shortcut_list())
    assert rows.get("Settings…") == "Ctrl+,"
    assert rows.get("Plans") == "Ctrl+7"


def test_style_sheet_sizes_text_in_points_so_it_follows_the_system_font() -> None:
    import re

    from harmtrack.paths import resource

    qss = resource("styles", "base.qss").read_text(encoding="utf-8")
    assert re.findall(r"font-size:\s*\d+px", qss) == []
    assert "pt" in qss


def test_last_screen_comes_back_on_the_next_start(window, qtbot) -> None:

    window.open_screen("plans")
    again = MainWindow(window.ctx)
    qtbot.addWidget(again)
    again.add_app_features(tray=False)
    assert again.current_key() == "plans"
