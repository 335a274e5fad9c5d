"""A compact "progress at a glance" panel for the logging screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from harmtrack.core.common.changes import Changes
from harmtrack.core.goals import glance as glance_mod

from ..context import AppContext
from .after_paint import AfterFirstPaint
from .when_shown import RefreshWhenShown

if TYPE_CHECKING:
    from ..workers import LatestOnly

#: How long new figures may take before the panel says it is working them out.
PENDING_AFTER_MS = 300


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
        # Said only when the figures are slow to come (a change is usually judged in a few
        # milliseconds; a flash of "working out…" after every entry would be noise).
        self.pending_label = QLabel(self.tr("Working out your progress…"))
        self.pending_label.setObjectName("Hint")
        self.pending_label.hide()
        outer.insertWidget(1, self.pending_label, 0, Qt.AlignmentFlag.AlignTop)
        self._pending_after = QTimer(self)
        self._pending_after.setSingleShot(True)
        self._pending_after.setInterval(PENDING_AFTER_MS)
        self._pending_after.timeout.connect(self.pending_label.show)
        self._judging: LatestOnly | None = None  # made on the first change (see refresh)
        self._when_shown = RefreshWhenShown(self, self.refresh)
        ctx.data_changed.connect(self._on_changes)
        # The first figures (they read the goals' periods, longer with a long history) are
        # worked out once the window has painted: until then the panel says so.
        self.pending_label.show()
        AfterFirstPaint(self, self.refresh)

    def _on_changes(self, changes: Changes) -> None:
        # Every goal's progress reads its trackable's entries, its name and the settings.
        if changes.entries or changes.goals or changes.catalog or changes.settings:
            self._when_shown.request()

    @property
    def pending(self) -> bool:
        """New figures are being worked out (the lines shown are the ones before the change)."""
        return self._judging is not None and self._judging.pending

    def text(self) -> str:
        """Everything the panel says, one line per row (what a screen reader reads)."""
        return "\n".join(label.text() for label in self.labels)

    def refresh(self) -> None:
        """Judge every goal's current period again, off the UI thread; the newest request wins."""
        if self._judging is None:
            from ..workers import LatestOnly  # on the first change, not with the first screen

            self._judging = LatestOnly(self.ctx.run_background, self)
        self._pending_after.start()
        self._judging.request(glance_mod.glance, self._show, self._failed, db=self.ctx.db)

    def _failed(self, exc: BaseException) -> None:
        self._pending_after.stop()
        self.pending_label.setText(self.tr("Could not work out your progress: {why}").format(
            why=str(exc) or type(exc).__name__))
        self.pending_label.show()

    def _show(self, glance: glance_mod.Glance) -> None:
        self._pending_after.stop()
        self.pending_label.hide()
        self.glance = glance
        for label in self.labels:
            self.lines_box.removeWidget(label)
            label.deleteLater()
        self.labels = []
        lines = list(glance.lines) or [
            self.tr("No goals yet. Small steps count: set one on the Goals screen.")]
        for line in lines:
            label = QLabel(line)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if not glance.lines:
                label.setObjectName("Hint")
            self.lines_box.addWidget(label)
            self.labels.append(label)
        self.setAccessibleDescription(self.text())
