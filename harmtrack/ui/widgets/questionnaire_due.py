"""A gentle note on the logging screen when a questionnaire the user scheduled is due."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from harmtrack.core.care.questionnaires import instruments, schedules
from harmtrack.core.common.changes import Changes
from harmtrack.core.tracking import entries

from ..context import AppContext


class QuestionnaireDue(QFrame):
    """Hidden unless something is due; "Not now" hides it until the next change or day."""

    #: The key of the questionnaire to take now.
    take_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("QuestionnaireDue")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("Questionnaire reminder"))
        self.take = QPushButton(self.tr("Take it now"))
        self.take.setObjectName("TakeDueQuestionnaire")
        self.take.setAccessibleName(self.tr("Take the questionnaire that is due"))
        self.take.clicked.connect(self._take)
        self.later = QPushButton(self.tr("Not now"))
        self.later.setAccessibleName(self.tr("Hide the questionnaire reminder"))
        self.later.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.take, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.later, 0, Qt.AlignmentFlag.AlignTop)
        self.due: list[str] = []
        ctx.data_changed.connect(self._on_changes)
        self.hide()
        # After the first paint: reading the instrument files is not on the start-up path.
        QTimer.singleShot(0, self, self.refresh)

    def refresh(self) -> None:
        """Show the note when one or more questionnaires are due today or earlier."""
        try:
            self.due = schedules.due_now(self.ctx.db, entries.today(self.ctx.db, self.ctx.settings()))
        except instruments.InstrumentError:
            self.due = []  # a broken instrument file must not break the logging screen
        if not self.due:
            self.hide()
            return
        names = [instruments.instrument(k).name for k in self.due]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + self.tr(" and ") + names[-1]
        self.text.setText(self.tr("{names}: due for your check-in. It takes a few minutes, "
                                  "whenever suits you.").format(names=listed))
        self.setVisible(True)

    def _on_changes(self, changes: Changes) -> None:
        if changes.all or changes.questionnaires or changes.sessions or changes.settings:
            self.refresh()

    @Slot()
    def _take(self) -> None:
        if self.due:
            self.take_requested.emit(self.due[0])
