"""Act like a person who clicks everything: every screen (reached through the sidebar),
every visible enabled button (a real mouse click), every menu and toolbar action
(``QAction.trigger``), once on example data and once on a fresh folder.

Fails on an exception raised in any slot, on a "…" control that opens no dialog, on a
button that a mouse click does not reach, and on a mnemonic (Alt+letter) used twice in
one window or menu. Dialogs, modal ones included, are recorded and dismissed by timers
that run inside their event loops. Screens, buttons and actions are discovered by walking
the widget tree, so a new screen or button is covered without editing this file.
"""

from __future__ import annotations

import faulthandler
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QTabBar,
    QWidget,
)

from harmtrack.core.exchange import demo
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import update_settings

#: Longer than the whole test takes: a dialog that nothing dismisses ends the run with
#: every thread's traceback instead of hanging it.
HANG_LIMIT_S = 600


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a text ("Sa&ve" -> "v"; "Data && privacy" has none)."""
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def clashes(texts: list[str]) -> dict[str, list[str]]:
    """Mnemonics used more than once among ``texts``."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        letter = mnemonic(text)
        if letter:
            by_letter[letter].append(text)
    return {k: v for k, v in by_letter.items() if len(v) > 1}


def window_texts(window: QWidget) -> list[str]:
    """Everything that Alt+letter can reach in ``window`` as it is now: the menu bar's
    titles, buttons, labels with a buddy, group boxes and tabs that are visible."""
    texts: list[str] = []
    if isinstance(window, QMainWindow):
        texts += [a.text() for a in window.menuBar().actions() if a.isVisible()]
    for w in window.findChildren(QWidget):
        if w.window() is not window or not w.isVisible():
            continue
        if isinstance(w, QAbstractButton) or isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count()) if w.isTabVisible(i)]
    return texts


def menu_actions(menu: QMenu) -> list[QAction]:
    """Every action of a menu and of its submenus."""
    out: list[QAction] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            out += menu_actions(sub)
        else:
            out.append(action)
    return out


def menus_of(window: QMainWindow) -> list[QMenu]:
    found: list[QMenu] = []

    def walk(menu: QMenu) -> None:
        found.append(menu)
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub)

    for action in window.menuBar().actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            walk(sub)
    return found


class DialogRecorder:
    """Records every window that opens and dismisses it (as Escape or Cancel would).

    Several timers with the same slot: a modal loop started while one of them is in its
    slot (a dialog whose dismissal opens another) is served by the others.
    """

    def __init__(self, keep_open: list[QWidget], *, explore: bool = True) -> None:
        self.keep_open = keep_open  # the main window, the lock screen
        self.explore = explore  # press the buttons of HarmTrack's own dialogs first
        self.explored: set[str] = set()
        self.problems: list[str] = []
        self.seen: list[dict[str, Any]] = []
        self.handling: set[int] = set()
        self.timers = []
        for _ in range(3):
            timer = QTimer()
            timer.setInterval(15)
            timer.timeout.connect(self.sweep)
            timer.start()
            self.timers.append(timer)

    def stop(self) -> None:
        for timer in self.timers:
            timer.stop()

    def mark(self) -> int:
        return len(self.seen)

    def since(self, mark: int) -> list[dict[str, Any]]:
        return self.seen[mark:]

    def sweep(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for top in QApplication.topLevelWidgets():
            if (not shiboken6.isValid(top) or not top.isVisible() or id(top) in self.handling
                    or any(top is k for k in self.keep_open)):
                continue
            if not isinstance(top, QDialog) and top.windowType() not in (
                    Qt.WindowType.Window, Qt.WindowType.Dialog):
                continue  # tooltips, combo box lists
            self.handling.add(id(top))
            try:
                self.seen.append({"class": type(top).__name__, "title": top.windowTitle(),
                                  "clashes": clashes(window_texts(top))})
                if (self.explore and type(top).__module__.startswith("harmtrack.")
                        and type(top).__name__ not in self.explored):
                    self.explored.add(type(top).__name__)
                    self.press_buttons_of(top)
                if shiboken6.isValid(top) and top.isVisible():
                    self.dismiss(top)
            finally:
                self.handling.discard(id(top))

    def press_buttons_of(self, dialog: QWidget) -> None:
        """Click each button of one of our dialogs (once per dialog class), except the
        ones that close it; what they open is recorded and dismissed by a nested recorder."""
        inner = DialogRecorder([*self.keep_open, dialog], explore=False)
        pressed: set[tuple[str, str, str]] = set()
        try:
            for _round in range(3):
                if not shiboken6.isValid(dialog) or not dialog.isVisible():
                    return
                fresh = [b for b in dialog.findChildren(QAbstractButton)
                         if b.isVisible() and b.isEnabled() and b.window() is dialog
                         and key(b) not in pressed and not isinstance(b.parentWidget(), QDialogButtonBox)]
                if not fresh:
                    return
                for button in fresh:
                    if not shiboken6.isValid(dialog) or not dialog.isVisible():
                        return
                    if not shiboken6.isValid(button) or not button.isVisible() or not button.isEnabled():
                        continue
                    pressed.add(key(button))
                    # Either recorder may get to what opens first (this one's other timers
                    # run in the new dialog's loop too).
                    mark, outer_mark = inner.mark(), self.mark()
                    x = 8 if isinstance(button, QCheckBox | QRadioButton) else button.width() // 2
                    name = f"dialog {dialog.windowTitle()!r} ▸ button {label(button)}"
                    try:
                        # Inside this timer's slot, an exception in the button's slot comes
                        # back here (PySide re-raises it when the call returns to Python).
                        QTest.mouseClick(button, Qt.MouseButton.LeftButton,
                                         Qt.KeyboardModifier.NoModifier, QPoint(x, button.height() // 2))
                        QTest.qWait(30)
                    except Exception as exc:  # noqa: BLE001 - every kind is a finding
                        self.problems.append(f"{name}: {type(exc).__name__}: {exc}")
                    opened = inner.since(mark) or self.since(outer_mark)
                    if plain(button.text()).endswith(("…", "...")) and not opened:
                        self.problems.append(f"{name}: ends in “…” but opened no dialog")
        finally:
            inner.stop()
            self.seen += inner.seen
            self.problems += inner.problems

    @staticmethod
    def dismiss(top: QWidget) -> None:
        if isinstance(top, QMessageBox):
            escape = top.escapeButton()
            if escape is not None:
                escape.click()
                return
            for button in top.buttons():
                if top.buttonRole(button) in (QMessageBox.ButtonRole.RejectRole,
                                              QMessageBox.ButtonRole.NoRole):
                    button.click()
                    return
        if isinstance(top, QDialog):
            top.reject()
        else:
            top.close()


class Session:
    """The app as a person has it: the shell, its main window, the lock screen."""

    def __init__(self, folder: Path, qtbot: Any) -> None:
        from harmtrack.ui.shell import AppShell

        self.folder = folder
        self.qtbot = qtbot
        self.shell = AppShell(folder, tray=False)
        self.shell.open_main(open_data_folder(folder))
        self.recorder = DialogRecorder([])
        self.problems: list[str] = []
        self.mnemonic_clashes: dict[str, str] = {}  # clash -> where first seen
        self._track_windows()

    def _track_windows(self) -> None:
        self.recorder.keep_open[:] = [w for w in (self.shell.window, self.shell.lock_screen)
                                      if w is not None]

    @property
    def window(self) -> Any:
        return self.shell.window

    def ensure_open(self) -> None:
        """After a control that quit or locked the app: open it again as a person would."""
        shell = self.shell
        if shell.window is not None and shiboken6.isValid(shell.window) and shell.window.isVisible():
            return
        if shell.window is None and shell.lock_screen is not None:
            raise AssertionError("locked; this test never sets a passphrase")
        if shell.window is not None:  # closed (File ▸ Quit): start again on the same data
            old, ctx = shell.window, shell.ctx
            shell.window = None
            old.deleteLater()
            shell.open_main(ctx.db, ctx)
        self._track_windows()
        self.qtbot.waitExposed(shell.window)

    def settle(self) -> None:
        """Let timers, redraws and background work (export, import, report) finish."""
        QTest.qWait(30)
        window = self.window
        if window is None or not shiboken6.isValid(window):
            return

        def idle() -> bool:
            views = getattr(self.window, "views", {}) if self.window is not None else {}
            return not any(getattr(v, "busy", False) for v in views.values())

        self.qtbot.waitUntil(idle, timeout=20_000)

    def act(self, name: str, do: Any, *, ellipsis: bool) -> None:
        """Do one thing (a click, a trigger); note exceptions and a "…" that opens nothing."""
        mark = self.recorder.mark()
        with self.qtbot.capture_exceptions() as exceptions:
            do()
            self.settle()
        for _type, value, _tb in exceptions:
            self.problems.append(f"{name}: {type(value).__name__}: {value}")
        if ellipsis and not self.recorder.since(mark):
            self.problems.append(f"{name}: ends in “…” but opened no dialog")
        if self.window is not None and shiboken6.isValid(self.window) and self.window.isVisible():
            self.check_mnemonics(f"the window after {name}")  # e.g. a form in edit mode
        for dialog in self.recorder.since(mark):
            self.note_clashes(f"dialog {dialog['title']!r} ({dialog['class']})", dialog["clashes"])

    # --- screens ------------------------------------------------------------------------
    def screen_count(self) -> int:
        return int(self.window.sidebar.count())

    def open_screen(self, row: int) -> QWidget:
        """Click the screen's row in the sidebar."""
        self.ensure_open()
        sidebar = self.window.sidebar
        item = sidebar.item(row)
        sidebar.scrollToItem(item)
        QTest.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         sidebar.visualItemRect(item).center())
        QTest.qWait(10)
        assert sidebar.currentRow() == row, f"clicking {item.text()!r} in the sidebar did not open it"
        return self.window.stack.currentWidget()

    def check_mnemonics(self, where: str) -> None:
        self.note_clashes(where, clashes(window_texts(self.window)))

    def note_clashes(self, where: str, found: dict[str, list[str]]) -> None:
        """Each clash once, with the first place it was seen."""
        for letter, texts in found.items():
            self.mnemonic_clashes.setdefault(f"Alt+{letter.upper()} used by {sorted(texts)}", where)

    def buttons(self, screen: QWidget) -> list[QAbstractButton]:
        return [b for b in screen.findChildren(QAbstractButton)
                if b.isVisible() and b.isEnabled() and b.window() is self.window]

    def click(self, button: QAbstractButton) -> None:
        """A real left click at the button's centre, scrolled into view first."""
        parent = button.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(button)
            parent = parent.parentWidget()
        arrived: list[bool] = []
        button.pressed.connect(lambda: arrived.append(True))
        # Check boxes and radio buttons take clicks on their box and text, not on the
        # empty width a layout may give them.
        x = 8 if isinstance(button, QCheckBox | QRadioButton) else button.width() // 2
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(x, button.height() // 2))
        if not arrived:
            self.problems.append(f"{label(button)}: a mouse click on it does not reach it")

    def press_every_button(self, row: int) -> int:
        """Press each button of the screen once (new ones that appear too)."""
        pressed: set[tuple[str, str, str]] = set()
        count = 0
        for _round in range(6):
            screen = self.open_screen(row)
            fresh = [b for b in self.buttons(screen) if key(b) not in pressed]
            if not fresh:
                break
            for button in fresh:
                screen = self.open_screen(row)  # a button may have gone to another screen
                if not shiboken6.isValid(button) or not button.isVisible() or not button.isEnabled():
                    continue
                pressed.add(key(button))
                count += 1
                text = plain(button.text())
                where = self.window.sidebar.item(row).text()
                self.act(f"{where} ▸ button {label(button)}", lambda b=button: self.click(b),
                         ellipsis=text.endswith(("…", "...")))
        return count

    def actions(self) -> list[QAction]:
        """The window's menu and toolbar actions (found again after the window changed)."""
        found = [a for m in self.window.menuBar().actions() if isinstance(m.menu(), QMenu)
                 for a in menu_actions(m.menu())]
        return found + [a for a in self.window.toolbar.actions() if not a.isSeparator()]

    def trigger_every_action(self) -> int:
        self.ensure_open()
        done: set[str] = set()
        while True:
            todo = [a for a in self.actions() if a.text() not in done and a.isEnabled()]
            if not todo:
                return len(done)
            action = todo[0]
            done.add(action.text())
            text = plain(action.text())
            self.act(f"action {text!r}", action.trigger, ellipsis=text.endswith(("…", "...")))
            self.ensure_open()  # File ▸ Quit closes the window: open it again

    def close(self) -> None:
        self.recorder.stop()
        shell = self.shell
        for w in (shell.window, shell.lock_screen):
            if w is not None and shiboken6.isValid(w):
                reminder = getattr(w, "reminder", None)
                if reminder is not None:
                    reminder.quitting = True
                    reminder.stop()
                w.close()
        shell.shutdown()
        QApplication.instance().removeEventFilter(shell)


def key(button: QAbstractButton) -> tuple[str, str, str]:
    return (type(button).__name__, button.text(), button.accessibleName())


def label(button: QAbstractButton) -> str:
    return repr(plain(button.text()) or button.accessibleName() or button.toolTip() or type(button).__name__)


def example_folder(folder: Path) -> Path:
    db = open_data_folder(folder)
    try:
        update_settings(db, timezone="UTC", first_run_done=True)
        demo.fill(db, days=60)
    finally:
        db.close()
    return folder


def fresh_folder(folder: Path) -> Path:
    db = open_data_folder(folder)
    try:
        update_settings(db, timezone="UTC", first_run_done=True)
    finally:
        db.close()
    return folder


@pytest.mark.parametrize("make_folder", [example_folder, fresh_folder], ids=["example", "fresh"])
def test_click_everything(make_folder, data_dir, qapp, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    faulthandler.dump_traceback_later(HANG_LIMIT_S, exit=True)
    # "Explore with example data…" really starts a process: a harmless one, not a second
    # HarmTrack that would outlive the test.
    monkeypatch.setattr(sys, "executable", "/bin/true")
    monkeypatch.setattr(tempfile, "tempdir", str(data_dir.parent))  # its example folder too
    session = Session(make_folder(data_dir), qtbot)
    try:
        qtbot.waitExposed(session.window)
        screens = session.screen_count()
        assert screens >= 7
        for menu in menus_of(session.window):
            session.note_clashes(f"menu {plain(menu.title())!r}",
                                 clashes([a.text() for a in menu.actions() if a.isVisible()]))
        pressed = 0
        for row in range(screens):
            session.open_screen(row)
            session.check_mnemonics(f"screen {session.window.sidebar.item(row).text()!r}")
            pressed += session.press_every_button(row)
        triggered = session.trigger_every_action()
        # Afterwards (undo steps, goals, backups exist now): every screen still opens.
        for row in range(screens):
            session.act(f"reopen screen {row}", lambda r=row: session.open_screen(r), ellipsis=False)
        assert pressed > screens and triggered > 10  # the test reached the controls
        assert session.recorder.seen, "no dialog was opened at all"
        problems = session.problems + session.recorder.problems + [f"mnemonic {clash} in {where}"
                                       for clash, where in session.mnemonic_clashes.items()]
        assert not problems, "\n" + "\n".join(problems)
    finally:
        faulthandler.cancel_dump_traceback_later()
        session.close()


def test_the_recorder_sees_a_modal_message_box_and_a_file_dialog(qapp, qtbot) -> None:
    """The test's own machinery: a modal loop started from a slot is recorded and ended."""
    recorder = DialogRecorder([])
    try:
        answer = QMessageBox.question(None, "Sure?", "Really?")
        path, _ = QFileDialog.getSaveFileName(None, "Save", "", "PDF (*.pdf)")
        box = QDialogButtonBox()
        dialog = QDialog()
        dialog.setWindowTitle("Plain")
        assert dialog.exec() == QDialog.DialogCode.Rejected
        box.deleteLater()
    finally:
        recorder.stop()
    assert answer == QMessageBox.StandardButton.No and path == ""
    assert [d["title"] for d in recorder.seen] == ["Sure?", "Save", "Plain"]
    assert mnemonic("Sa&ve") == "v" and mnemonic("Data && privacy") is None
    assert clashes(["&Edit", "&Edit entry", "&View"]) == {"e": ["&Edit", "&Edit entry"]}
