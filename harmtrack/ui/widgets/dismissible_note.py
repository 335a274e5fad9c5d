"""The frame the logging screen's notes share: rich text, optional buttons, Dismiss.

A note is hidden until it has something to say, never blocks logging, and goes away
with one click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class DismissibleNote(QFrame):
    """A hidden note with its text, the ``buttons`` given, and a Dismiss button (each
    note names its text and its Dismiss for screen readers)."""

    def __init__(self, name: str, buttons: tuple[QPushButton, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.dismiss.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        for button in (*buttons, self.dismiss):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
