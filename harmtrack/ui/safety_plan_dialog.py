"""The user's own safety plan: six short sections in their words, one click from Support now.

The plan lives in the database, so it is encrypted and locked with the rest: the lock
closes this dialog like every dialog of the main window (what was typed is saved first).
A write the database refuses loses nothing: the text stays in the dialog, and in memory
(``drafts``) when it closes, to be shown and saved the next time it opens.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.care import safety_plan
from harmtrack.core.common.errors import HarmTrackError

from . import drafts
from .context import AppContext

#: The name of this dialog's draft (see ``drafts``).
DRAFT = "safety_plan"


class SafetyPlanDialog(QDialog):
    """Write and read the plan; closing it keeps what was typed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SafetyPlanDialog")
        self.setWindowTitle(self.tr("My safety plan"))
        self.setAccessibleName(self.tr("My safety plan"))
        self.resize(600, 720)
        outer = QVBoxLayout(self)
        plan = safety_plan.get_plan(ctx.db)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("SafetyPlanIntro")
        if any(s.text for s in plan):
            self.intro.setText(self.tr(
                "Your plan, in your own words. Go through it from the top when things get hard: "
                "each step is there for when the one before is not enough."))
        else:
            self.intro.setText(self.tr(
                "<b>A safety plan is a short list, in your own words, of what helps when things "
                "get hard.</b> Write as much or as little as you like, in any order, and change it "
                "whenever you want. Many people write it with their therapist. It stays on this "
                "computer."))
        outer.addWidget(self.intro)

        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("The sections of my safety plan"))
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QPlainTextEdit] = {}
        for n, section in enumerate(plan, start=1):
            box = QGroupBox(f"{n}. {section.title}")
            box_layout = QVBoxLayout(box)
            prompt = QLabel(section.prompt)
            prompt.setWordWrap(True)
            prompt.setObjectName("Hint")
            edit = QPlainTextEdit(section.text)
            edit.setObjectName(f"SafetyPlan_{section.key}")
            edit.setAccessibleName(section.title)
            edit.setAccessibleDescription(section.prompt)
            edit.setPlaceholderText(section.example)
            edit.setTabChangesFocus(True)  # Tab moves on to the next section (no keyboard trap)
            edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it wraps
            edit.setMinimumHeight(64)
            edit.setMaximumHeight(120)
            edit.textChanged.connect(lambda e=edit: self._keep_within_limit(e))
            box_layout.addWidget(prompt)
            box_layout.addWidget(edit)
            layout.addWidget(box)
            self.edits[section.key] = edit
        src = safety_plan.source()
        self.source_label = QLabel(
            self.tr("The six steps follow the Safety Planning Intervention: {source} "
                    "<a href='{url}'>{url}</a>. The wording here is HarmTrack's own.").format(
                source=escape(src.name), url=escape(src.url)))
        self.source_label.setWordWrap(True)
        self.source_label.setObjectName("Hint")
        self.source_label.setTextFormat(Qt.TextFormat.RichText)
        self.source_label.setOpenExternalLinks(False)
        self.source_label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        layout.addWidget(self.source_label)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.message = QLabel()
        self.message.setObjectName("Error")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.setAccessibleName(self.tr("Save my safety plan"))
        self.save_button.clicked.connect(self.save)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close (what you wrote is kept)"))
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._saved = self.texts()
        #: True once the user was told that a write failed (a Close after that closes).
        self._failed = False
        draft = drafts.get(ctx.db, DRAFT)
        if draft is not None:
            for key, text in draft.items():
                if key in self.edits:
                    self.edits[key].setPlainText(text)
            self.message.setText(self.tr(
                "What you wrote earlier could not be saved yet, so it is shown here: "
                "Save to keep it."))

    def texts(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.edits.items()}

    def _keep_within_limit(self, edit: QPlainTextEdit) -> None:
        # Past the limit the core would refuse the whole plan: stop typing there instead.
        text = edit.toPlainText()
        if len(text) > safety_plan.MAX_SECTION:
            edit.setPlainText(text[:safety_plan.MAX_SECTION])
            edit.moveCursor(QTextCursor.MoveOperation.End)
            self.message.setText(self.tr("A section can hold up to {n} characters.").format(
                n=safety_plan.MAX_SECTION))

    @Slot()
    def save(self) -> bool:
        """Write what changed; True when the plan is stored."""
        texts = self.texts()
        if texts == self._saved:
            drafts.drop(self.ctx.db, DRAFT)  # a draft equal to what is stored waits for nothing
            return True
        try:
            safety_plan.set_sections(self.ctx.db, texts)
        except HarmTrackError as exc:
            drafts.keep(self.ctx.db, DRAFT, texts)
            self._failed = True
            self.message.setText(self.tr(
                "Not saved: {reason}. What you wrote is kept: Save to try again, or "
                "close and it comes back next time.").format(reason=drafts.reason(exc)))
            return False
        drafts.drop(self.ctx.db, DRAFT)
        self._saved = texts
        self._failed = False
        self.message.clear()
        self.ctx.status.emit(self.tr("Your safety plan is saved."))
        return True

    def reject(self) -> None:
        # Closing (the button, Escape, or the app locking) saves what was typed. When the
        # database refuses, the first Close keeps the dialog open with the message and the
        # text; a second Close, or the lock (never held up), closes it with the text kept
        # in memory for the next time it opens.
        told = self._failed
        if not self.save():
            if not (told or self.ctx.locking):
                return
            self.ctx.status.emit(self.tr(
                "Your safety plan is not saved yet: what you wrote is shown again when you "
                "open it (until HarmTrack quits)."))
        super().reject()
