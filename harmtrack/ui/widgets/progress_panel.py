"""A compact "progress at a glance" panel for the logging screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from harmtrack.core.common.changes import Changes
from harmtrack.core.goals import glance as glance_mod

from ..context import AppContext
from .when_shown import RefreshWhenShown


class ProgressPanel(QFrame):
    """One line per trackable and period, e.g. "Alcohol — This week: 9 of 14 standard drinks"."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("ProgressPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Progress on your goals"))
        outer = QHBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 6)
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(2)
        outer.addLayout(self.lines_box, 1)
        # It goes to a screen, it asks nothing: no "…" (which promises a dialog).
        self.goals_button = QPushButton(self.tr("Open &goals"))
        self.goals_button.setAccessibleName(self.tr("Open the Goals screen"))
        self.goals_button.setToolTip(self.tr("The Goals screen (Ctrl+3)"))
        self.goals_button.clicked.connect(lambda: self.ctx.navigate("goals"))
        outer.addWidget(self.goals_button, 0, Qt.AlignmentFlag.AlignTop)
        self.labels: list[QLabel] = []
        self.glance: glance_mod.Glance | None = None
        # Judging every goal takes tens of milliseconds on a long history: after a change
        # the new entry is shown first and the panel catches up on the next turn.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.refresh)
        self._when_shown = RefreshWhenShown(self, self._later.start)
        ctx.data_changed.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        # Every goal's progress reads its trackable's entries, its name and the settings.
        if changes.entries or changes.goals or changes.catalog or changes.settings:
            self._when_shown.request()

    def text(self) -> str:
        """Everything the panel says, one line per row (what a screen reader reads)."""
        return "\n".join(label.text() for label in self.labels)

    def refresh(self) -> None:
        self.glance = glance_mod.glance(self.ctx.db)
        for label in self.labels:
            self.lines_box.removeWidget(label)
            label.deleteLater()
        self.labels = []
        lines = list(self.glance.lines) or [
            self.tr("No goals yet. Small steps count: set one on the Goals screen.")]
        for line in lines:
            label = QLabel(line)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if not self.glance.lines:
                label.setObjectName("Hint")
            self.lines_box.addWidget(label)
            self.labels.append(label)
        self.setAccessibleDescription(self.text())
