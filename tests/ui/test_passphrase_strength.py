"""The passphrase dialogs refuse what the command line refuses: easy-to-guess passphrases."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from harmtrack.ui.data_view import PassphraseDialog


def _dialog(qtbot, text: str) -> PassphraseDialog:  # type: ignore[no-untyped-def]
    dlg = PassphraseDialog(None, "Turn on encryption", current=False, new=True)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.new is not None and dlg.again is not None
    for field in (dlg.new, dlg.again):
        if "\t" in text:  # Tab moves the focus: a person pastes tabs (Ctrl+V)
            QApplication.clipboard().setText(text)
            qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        else:
            qtbot.keyClicks(field, text)
    return dlg


@pytest.mark.parametrize("weak", ["        ", "\t" * 8, "12345678"])
def test_a_weak_passphrase_is_explained_and_not_accepted(qtbot, weak: str) -> None:  # type: ignore[no-untyped-def]
    dlg = _dialog(qtbot, weak)
    assert dlg.new is not None and dlg.new.text() == weak  # typed as a person would
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.result() != 1
    assert "words" in dlg.error.text() and dlg.error.text()[0].isupper()


def test_several_words_are_accepted(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = _dialog(qtbot, "otter lantern gravel mosaic")
    with qtbot.waitSignal(dlg.accepted, timeout=2000):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.error.text() == ""
    assert isinstance(dlg.findChild(QDialogButtonBox), QDialogButtonBox)
