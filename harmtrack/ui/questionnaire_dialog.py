"""Take a questionnaire: its items as radio buttons, the attribution its licence asks for
under it, and a reminder schedule. Scores come from the core; nothing here adds them up.

An answer above 0 to a safety item (PHQ-9 item 9) opens Support now at once, with a kind
word here; nothing is sent anywhere.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.care.questionnaires import answers, instruments, schedules
from harmtrack.core.care.questionnaires.instruments import YES_NO, Instrument
from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.tracking import entries

from .context import AppContext

#: The reminder choices offered: (label, every N weeks, "sessions" or "off").
SCHEDULES: tuple[tuple[str, int | str], ...] = (
    ("No reminder", "off"), ("Every week", 1), ("Every 2 weeks", 2), ("Every 4 weeks", 4),
    ("Before each therapy session", "sessions"))


class QuestionnaireDialog(QDialog):
    """One instrument at a time, chosen at the top; Save keeps the day's answers."""

    def __init__(self, ctx: AppContext, key: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("QuestionnaireDialog")
        self.setWindowTitle(self.tr("Take a questionnaire"))
        self.setAccessibleName(self.tr("Take a questionnaire"))
        self.resize(640, 720)
        self.instruments = instruments.all_instruments()
        self.today = entries.today(ctx.db, ctx.settings())
        self.groups: list[QButtonGroup] = []
        self.support: QDialog | None = None

        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Questionnaire"))
        for ins in self.instruments:
            self.choice.addItem(ins.title, ins.key)
        self.day = QDateEdit(self.today)
        self.day.setAccessibleName(self.tr("Day the answers are for"))
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(self.today)
        self.remind = QComboBox()
        self.remind.setAccessibleName(self.tr("Remind me"))
        for label, value in SCHEDULES:
            self.remind.addItem(self.tr(label), value)
        form.addRow(self.tr("&Questionnaire"), self.choice)
        form.addRow(self.tr("&Day"), self.day)
        form.addRow(self.tr("&Remind me"), self.remind)
        for field in (self.choice, self.day, self.remind):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        outer.addLayout(form)

        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setObjectName("QuestionnaireAbout")
        outer.addWidget(self.about)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAccessibleName(self.tr("Questions"))
        outer.addWidget(self.scroll, 1)
        self.attribution = QLabel()
        self.attribution.setObjectName("Attribution")
        self.attribution.setWordWrap(True)
        self.attribution.setAccessibleName(self.tr("Where this questionnaire comes from"))
        outer.addWidget(self.attribution)
        self.result = QLabel()
        self.result.setObjectName("QuestionnaireResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setAccessibleName(self.tr("Result"))
        self.result.hide()
        outer.addWidget(self.result)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton(self.tr("&Save answers"))
        self.save_button.setObjectName("SaveAnswers")
        self.save_button.setAccessibleName(self.tr("Save answers"))
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        outer.addWidget(buttons)

        if key is not None:
            index = self.choice.findData(instruments.instrument(key).key)
            self.choice.setCurrentIndex(max(index, 0))
        self.choice.currentIndexChanged.connect(self._on_choice)
        self.day.dateChanged.connect(self._on_day)
        self.remind.activated.connect(self._on_remind)
        self._on_choice()

    # --- building -----------------------------------------------------------------------
    @property
    def instrument(self) -> Instrument:
        return instruments.instrument(str(self.choice.currentData()))

    @Slot()
    def _on_choice(self) -> None:
        ins = self.instrument
        about = f"<b>{escape(ins.title)}</b>"
        if ins.about:
            about += f"<br>{escape(ins.about)}"
        if ins.instructions:
            about += f"<br><i>{escape(ins.instructions)}</i>"
        self.about.setText(about)
        self.attribution.setText(f"<small>{escape(ins.attribution)}</small>")
        chosen = schedules.schedules(self.ctx.db).get(ins.key)
        value: int | str = "off"
        if chosen is not None and chosen.every_weeks is not None:
            value = chosen.every_weeks
        elif chosen is not None:
            value = "sessions"
        index = self.remind.findData(value)
        if index < 0:  # a schedule set elsewhere (the command line) with another interval
            self.remind.addItem(self.tr("Every {n} weeks").format(n=value), value)
            index = self.remind.count() - 1
        self.remind.setCurrentIndex(index)
        self._build_items(ins)

    def _build_items(self, ins: Instrument) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        self.groups = []
        for item in ins.items:
            if item.number > 1:
                layout.addSpacing(8)
            question = QLabel(f"<b>{item.number}.</b> {escape(item.text)}")
            question.setWordWrap(True)
            layout.addWidget(question)
            group = QButtonGroup(body)
            group.setExclusive(True)
            values = item.values
            texts = ([self.tr("Yes"), self.tr("No")] if item.kind == YES_NO
                     else [o.text for o in item.options])
            for n, (value, text) in enumerate(zip(values, texts, strict=True)):
                radio = QRadioButton(text)
                radio.setAccessibleName(f"{item.number}. {text}")
                radio.setProperty("answer", value)
                group.addButton(radio, n)
                # As wide as its text: a click beside the words does not choose it.
                layout.addWidget(radio, 0, Qt.AlignmentFlag.AlignLeft)
            group.buttonToggled.connect(lambda *_: self._update_save())
            self.groups.append(group)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self._prefill()

    def _prefill(self) -> None:
        """The day's answers when it was already taken that day (they can be changed)."""
        ins, day = self.instrument, self.day.date().toPython()
        kept = [t for t in answers.history(self.ctx.db, ins.key, day, day)]
        if kept:
            for group, value in zip(self.groups, kept[0].answers, strict=True):
                for button in group.buttons():
                    if button.property("answer") == value:
                        button.setChecked(True)
        self.save_button.setText(self.tr("&Save changes") if kept else self.tr("&Save answers"))
        self._update_save()

    @Slot()
    def _on_day(self) -> None:
        self._build_items(self.instrument)

    def chosen_answers(self) -> list[int | str] | None:
        """Each item's answer in order, or None while one is still unanswered."""
        out = []
        for group in self.groups:
            button = group.checkedButton()
            if button is None:
                return None
            out.append(button.property("answer"))
        return out

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.chosen_answers() is not None)

    # --- actions ------------------------------------------------------------------------
    @Slot()
    def _on_remind(self) -> None:
        value = self.remind.currentData()
        try:
            schedules.set_schedule(self.ctx.db, self.instrument.key,
                                   every_weeks=value if isinstance(value, int) else None,
                                   before_sessions=value == "sessions")
        except HarmTrackError as exc:
            self.ctx.status.emit(str(exc))
            return
        self.ctx.data_changed.emit(Changes(questionnaires=True))

    @Slot()
    def save(self) -> None:
        given = self.chosen_answers()
        if given is None:
            return
        ins = self.instrument
        day: dt.date = self.day.date().toPython()
        try:
            done = answers.take(self.ctx.db, ins.key, given, day)
        except HarmTrackError as exc:
            self.result.setText(escape(str(exc)))
            self.result.show()
            return
        self.ctx.data_changed.emit(Changes(questionnaires=True))
        t = done.taken
        band = f" — {t.band}" if t.band else ""
        summary = self.tr("{name}: {total} of {high}{band}").format(
            name=ins.name, total=t.total, high=ins.high, band=band)
        self.ctx.status.emit(self.tr("Saved. {summary}").format(summary=summary))
        if not done.score.safety:
            self.accept()
            return
        # Stay open with a kind word, and Support now on top of it at once.
        self.result.setText(
            f"<p><b>{escape(summary)}</b></p><p>" + escape(self.tr(
                "Thank you for answering honestly. You said you have had thoughts of being better "
                "off dead or of hurting yourself. You don't have to carry that alone: the people "
                "in Support now are there to listen, any time. If you might act on these thoughts, "
                "please call your local emergency number now. Nothing you answered was sent "
                "anywhere.")) + "</p>")
        self.result.show()
        self.save_button.setEnabled(False)
        self.open_support()

    def open_support(self) -> None:
        from .support_dialog import SupportDialog

        self.support = SupportDialog(self.ctx, self)
        self.support.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.support.open()


def take_questionnaire(ctx: AppContext, key: str | None, parent: QWidget) -> None:
    """Open the dialog; an instrument file that cannot be read is said in one message."""
    try:
        dialog = QuestionnaireDialog(ctx, key, parent)
    except HarmTrackError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, parent.tr("Questionnaires"), str(exc))
        return
    dialog.exec()
