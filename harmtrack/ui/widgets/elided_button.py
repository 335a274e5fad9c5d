"""A push button for a name of any length: it shows all of it when there is room, and
ends it in "…" at the width the layout really gives it (not at a count of characters).

The row that holds such buttons is a ``FittingRow``: it fits their text each time it lays
them out. (No resizeEvent override: that would build Qt's event classes while the first
window paints, which tests/ui/test_startup_paths.py keeps off the start-up path.)"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

#: Characters of a name a squeezed button still shows before the "…".
SHORTEST = 12


class ElidedButton(QPushButton):
    """``name`` is shortened when it does not fit; ``suffix`` (an amount: " +2") always
    shows whole. Give it a tooltip with the whole name: a shortened one hides the rest."""

    def __init__(self, name: str, suffix: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name, self.suffix = name, suffix
        # Preferred: the layout may give it less than the whole name needs (Minimum, a
        # push button's own policy, would make the window wider instead).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._show(name)

    def sizeHint(self) -> QSize:
        return self._size_for(self.name + self.suffix)

    def minimumSizeHint(self) -> QSize:
        if len(self.name) <= SHORTEST:
            return self.sizeHint()
        return self._size_for(self.name[:SHORTEST] + "…" + self.suffix)

    def fit(self, width: int) -> None:
        """Show as much of the name as ``width`` pixels hold (the button's width)."""
        metrics = self.fontMetrics()
        room = width - self._chrome() - metrics.horizontalAdvance(self.suffix)
        self._show(metrics.elidedText(self.name, Qt.TextElideMode.ElideRight, max(room, 0)))

    def _show(self, name: str) -> None:
        text = (name + self.suffix).replace("&", "&&")
        if text != self.text():  # a new text asks the row to lay out again
            self.setText(text)
        # "&&" above: a name with "&" ("Tea & coffee") is text, not a keyboard shortcut.

    def _size_for(self, text: str) -> QSize:
        if text == self.text().replace("&&", "&"):
            return QPushButton.sizeHint(self)  # the style's own answer for what it shows
        return QSize(self._chrome() + self.fontMetrics().horizontalAdvance(text),
                     QPushButton.sizeHint(self).height())

    def _chrome(self) -> int:
        """The button's frame and margins around its text, in pixels, from a plain button
        with a wide text (around a short one, styles widen a button to a minimum, 80 px in
        Fusion). Measured on a probe rather than through QStyle: building PySide's QStyle
        class costs a few milliseconds the first paint would otherwise pay."""
        key = self.font().key()
        if key not in _CHROME:
            probe = QPushButton("M" * 40)
            probe.setFont(self.font())
            _CHROME[key] = probe.sizeHint().width() - probe.fontMetrics().horizontalAdvance(probe.text())
            probe.deleteLater()
        return _CHROME[key]


#: Chrome width per font (``QFont.key()``): the style is the application's, one per run.
_CHROME: dict[str, int] = {}


class FittingRow(QHBoxLayout):
    """A row of widgets that fits each ElidedButton's text to the width it was given."""

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        for i in range(self.count()):
            button = self.itemAt(i).widget()
            if isinstance(button, ElidedButton):
                button.fit(button.width())
