"""Act inside a modal dialog the way a person would: wait for it, type, click.

A dialog opened with ``exec()`` (ours, QMessageBox's and QFileDialog's static functions)
runs its own event loop; a timer polls for it there and then plays the person's part.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

_POLLING: list[WhenShown] = []


class WhenShown:
    """Run ``act(dialog)`` once, the first time a visible ``cls`` window is shown."""

    def __init__(self, cls: type, act: Callable[[Any], None], *, limit_ms: int = 20_000) -> None:
        self.cls, self.act = cls, act
        self.dialogs: list[Any] = []
        self.texts: list[str] = []  # what the dialog said, for those who record it
        self.left = limit_ms // 10
        _POLLING.append(self)  # the timer holds its callback weakly: keep this alive
        QTimer.singleShot(0, self.poll)

    def poll(self) -> None:
        for top in QApplication.topLevelWidgets():
            if isinstance(top, self.cls) and top.isVisible():
                self.dialogs.append(top)
                _POLLING.remove(self)
                self.act(top)
                return
        self.left -= 1
        if self.left > 0:  # given up after the limit: the test then fails on its asserts
            QTimer.singleShot(10, self.poll)
        else:
            _POLLING.remove(self)

    @property
    def done(self) -> bool:
        return bool(self.dialogs)


def click(button: QAbstractButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(field: QWidget, text: str) -> None:
    field.setFocus()
    QTest.keyClicks(field, text)


def choose_file(path: Path) -> WhenShown:
    """In the next file dialog: type the file's full path as its name and press Enter."""
    return WhenShown(QFileDialog, file_chooser(path))


def file_chooser(path: Path) -> Callable[[QFileDialog], None]:
    """What a person does in a file dialog to choose ``path``."""
    def act(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        # Its suggestions list pops up (after a moment, as the folder is read) and would
        # take the Enter: a person would wait for it; this test types past it instead.
        name.setCompleter(None)
        QTest.qWait(200)  # the dialog fills its name field as it reads the folder: after that
        name.clear()
        type_into(name, str(path))
        QTest.keyClick(name, Qt.Key.Key_Return)

    return act


def answer(button: QMessageBox.StandardButton) -> WhenShown:
    """In the next message box, click ``button``."""
    def act(box: QMessageBox) -> None:
        shown.texts.append(box.text())  # the box is gone once answered
        click(box.button(button))

    shown = WhenShown(QMessageBox, act)
    return shown
