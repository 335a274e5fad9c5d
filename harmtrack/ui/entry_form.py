"""The keyboard-first entry form used on the logging screen (new entry and edit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from harmtrack.core.common import clock
from harmtrack.core.common.days import local_day
from harmtrack.core.quantities import catalog, formatting
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking import entries, suggestions
from harmtrack.core.tracking.entries import EntryInput, EntryRecord
from harmtrack.core.tracking.trackables import TrackableInfo, list_trackables

from .context import AppContext

#: Milliseconds after the form is built before the tag completers are filled.
COMPLETERS_AFTER_MS = 400

#: How often a field that follows the clock is brought up to date (it shows minutes).
NOW_TICK_MS = 15_000

def known_words(db: Database) -> dict[str, list[str]]:
    """What the tag completers offer: the user's triggers and practices, most used first."""
    return {"trigger": list(dict.fromkeys(suggestions.known_tags(db, "trigger")
                                          + catalog.default_triggers())),
            "practice": suggestions.known_tags(db, "practice")}


MOODS = ["", "1 · very low", "2 · low", "3 · okay", "4 · good", "5 · very good"]


def split_tags(text: str) -> list[str]:
    """Comma-separated tags as typed into a field."""
    return [t.strip() for t in text.split(",") if t.strip()]


class EntryForm(QWidget):
    """Fields for one entry. Emits ``submitted`` with an EntryInput-like dict."""

    submitted = Signal()
    cancelled = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing: EntryRecord | None = None
        self.day = entries.today(ctx.db, ctx.settings())
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.trackable = QComboBox()
        self.trackable.setAccessibleName(self.tr("What"))
        self.trackable.setAccessibleDescription(self.tr("The substance or behaviour this entry is about"))
        self.trackable.currentIndexChanged.connect(self._trackable_changed)
        form.addRow(self.tr("&What"), self.trackable)

        amount_row = QHBoxLayout()
        self.amount = QDoubleSpinBox()
        self.amount.setDecimals(2)
        self.amount.setRange(0, 1_000_000)
        self.amount.setValue(1)
        self.amount.setAccessibleName(self.tr("Amount"))
        self.amount.setAccessibleDescription(self.tr("How much, in the unit shown beside it"))
        self.unit = QLabel()
        self.unit.setObjectName("UnitLabel")
        self.calculator = QPushButton(self.tr("Drin&k calculator…"))
        self.calculator.setAccessibleName(self.tr("Drink calculator"))
        self.calculator.setAccessibleDescription(self.tr("Work out standard drinks from volume and strength"))
        self.calculator.clicked.connect(self._open_calculator)
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.unit)
        amount_row.addWidget(self.calculator)
        form.addRow(self._buddy(self.tr("&Amount"), self.amount), amount_row)

        time_row = QHBoxLayout()
        self.time = QTimeEdit()
        self.time.setDisplayFormat(QLocale().timeFormat(QLocale.FormatType.ShortFormat))
        self.time.setAccessibleName(self.tr("Time"))
        self.time.setAccessibleDescription(self.tr("When it happened on the day shown"))
        # "Now" is the moment of saving, not the moment the form was last cleared: until
        # the user changes the time, the field keeps up with the clock and the entry gets
        # the instant Log is pressed. A time the user set stays until the form is reset.
        self.follows_now = False
        self._setting_time = False
        self.time.timeChanged.connect(self._time_edited)
        self.now_hint = QLabel(self.tr("now"))
        self.now_hint.setObjectName("Hint")
        self.now_hint.setToolTip(self.tr("The time follows the clock until you change it"))
        self.use_now = QPushButton(self.tr("Use now"))
        self.use_now.setAccessibleName(self.tr("Use the current time"))
        self.use_now.setToolTip(self.tr("Log it at the moment you save"))
        self.use_now.clicked.connect(lambda: self.follow_now())
        time_row.addWidget(self.time)
        time_row.addWidget(self.now_hint)
        time_row.addWidget(self.use_now)
        time_row.addStretch(1)
        form.addRow(self._buddy(self.tr("&Time"), self.time), time_row)
        self.now_timer = QTimer(self)
        self.now_timer.setInterval(NOW_TICK_MS)
        self.now_timer.timeout.connect(self.keep_up_with_now)

        feel = QHBoxLayout()
        self.craving = QSpinBox()
        self.craving.setRange(-1, 10)
        self.craving.setSpecialValueText(self.tr("not set"))
        self.craving.setValue(-1)
        self.craving.setAccessibleName(self.tr("Craving"))
        self.craving.setAccessibleDescription(self.tr("How strong the craving was, 0 to 10"))
        self.mood = QComboBox()
        self.mood.addItems([self.tr("not set")] + [self.tr(m) for m in MOODS[1:]])
        self.mood.setAccessibleName(self.tr("Mood"))
        craving_label = QLabel(self.tr("&Craving (0–10)"))
        craving_label.setBuddy(self.craving)
        mood_label = QLabel(self.tr("&Mood"))
        mood_label.setBuddy(self.mood)
        feel.addWidget(craving_label)
        feel.addWidget(self.craving)
        feel.addSpacing(12)
        feel.addWidget(mood_label)
        feel.addWidget(self.mood, 1)
        form.addRow(feel)

        self.triggers = QLineEdit()
        self.triggers.setPlaceholderText(self.tr("e.g. stress, party — separate with commas"))
        self.triggers.setAccessibleName(self.tr("Triggers"))
        self.triggers.setAccessibleDescription(self.tr("What was going on; separate several with commas"))
        form.addRow(self.tr("T&riggers"), self.triggers)

        self.practices = QLineEdit()
        self.practices.setPlaceholderText(self.tr("e.g. alternated with water, didn't use alone"))
        self.practices.setAccessibleName(self.tr("Safer-use practices"))
        self.practices.setAccessibleDescription(self.tr("Safer-use practices you did; separate with commas"))
        self.practice_hints = QLabel()
        self.practice_hints.setObjectName("Hint")
        self.practice_hints.setWordWrap(True)
        self.practice_hints.setTextFormat(Qt.TextFormat.RichText)
        self.practice_hints.linkActivated.connect(self._add_practice)
        form.addRow(self.tr("&Safer use"), self.practices)
        form.addRow("", self.practice_hints)

        where = QHBoxLayout()
        self.setting = QComboBox()
        self.setting.setEditable(True)
        self.setting.addItems([""] + catalog.default_settings())
        self.setting.setAccessibleName(self.tr("Setting"))
        self.setting.setAccessibleDescription(self.tr("Where, or with whom"))
        self.cost = QLineEdit()
        self.cost.setPlaceholderText(self.tr("optional"))
        self.cost.setAccessibleName(self.tr("Cost"))
        self.cost.setMaximumWidth(110)
        cost_label = QLabel(self.tr("C&ost"))
        cost_label.setBuddy(self.cost)
        where.addWidget(self.setting, 1)
        where.addSpacing(12)
        where.addWidget(cost_label)
        where.addWidget(self.cost)
        form.addRow(self._buddy(self.tr("Sett&ing"), self.setting), where)

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Anything you want to remember (stays on this computer)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(58)
        form.addRow(self.tr("&Note"), self.note)

        flags = QHBoxLayout()
        self.urge_only = QCheckBox(self.tr("&Urge only (noticed, didn't use)"))
        self.urge_only.setAccessibleName(self.tr("Urge only"))
        self.urge_only.toggled.connect(lambda on: self.amount.setEnabled(not on))
        self.discuss = QCheckBox(self.tr("&Discuss in session"))
        self.discuss.setAccessibleName(self.tr("Discuss in session"))
        flags.addWidget(self.urge_only)
        flags.addWidget(self.discuss)
        flags.addStretch(1)
        form.addRow(flags)

        buttons = QHBoxLayout()
        self.submit = QPushButton(self.tr("&Log entry"))
        self.submit.setDefault(True)
        self.submit.setAccessibleName(self.tr("Log entry"))
        self.submit.setToolTip(self.tr("Ctrl+Enter"))
        self.submit.clicked.connect(self.submitted)
        self.cancel = QPushButton(self.tr("Cancel edit"))
        self.cancel.setAccessibleName(self.tr("Cancel edit"))
        self.cancel.clicked.connect(self.cancelled)
        self.cancel.hide()
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Message"))
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.submit)
        form.addRow(buttons)
        self.reload_trackables()
        # Start-up speed: completers need a look through a year of history, so they are
        # filled a moment after the window is up, or at once if typing starts before that.
        self._words: dict[str, list[str]] | None = None
        for field_ in (self.triggers, self.practices):
            field_.textEdited.connect(self._ensure_completers)
        QTimer.singleShot(COMPLETERS_AFTER_MS, self, self._read_completers)  # dropped with the form

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    # --- data ---------------------------------------------------------------------------
    def reload_trackables(self) -> None:
        current = self.trackable.currentData()
        self.trackable.blockSignals(True)
        self.trackable.clear()
        self.tracked: list[TrackableInfo] = list_trackables(self.ctx.db)
        for t in self.tracked:
            self.trackable.addItem(t.name, t.id)
        if current is not None:
            index = self.trackable.findData(current)
            if index >= 0:
                self.trackable.setCurrentIndex(index)
        self.trackable.blockSignals(False)
        self._trackable_changed()

    def _ensure_completers(self, *_: object) -> None:
        if self._words is None:
            self.refresh_completers()

    def _read_completers(self) -> None:
        """Fill the completers from the background (a year of tags: ≈0.25 s at a million
        entries); typing before they arrive fills them at once instead."""
        if self._words is not None:
            return
        from .workers import LatestOnly  # after the first paint, not with the first screen

        def arrived(words: dict[str, list[str]]) -> None:
            if self._words is None:
                self._words = words
                self._set_completers()

        LatestOnly(self.ctx.run_background, self).request(known_words, arrived, db=self.ctx.db)

    def refresh_completers(self) -> None:
        """Offer the user's own triggers and practices (most used first) while typing."""
        self._words = known_words(self.ctx.db)
        self._set_completers()

    def _set_completers(self) -> None:
        from PySide6.QtWidgets import QCompleter  # with the completers, after the first paint

        assert self._words is not None
        for field_, kind in ((self.triggers, "trigger"), (self.practices, "practice")):
            completer = QCompleter(self._words[kind])
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            field_.setCompleter(completer)

    def remember_tags(self, triggers: list[str], practices: list[str]) -> None:
        """Add tags just used to the completers without another look through the history."""
        words = self._words
        if words is None:
            return  # not filled yet: when they are, they come from the data, these included
        known = {kind: {w.casefold() for w in ws} for kind, ws in words.items()}
        new = [("trigger", t) for t in triggers if t.casefold() not in known["trigger"]]
        new += [("practice", p) for p in practices if p.casefold() not in known["practice"]]
        if new:
            for kind, word in new:
                words[kind].append(word)
            self._set_completers()

    def current_trackable(self) -> TrackableInfo | None:
        tid = self.trackable.currentData()
        return next((t for t in self.tracked if t.id == tid), None)

    def _trackable_changed(self) -> None:
        t = self.current_trackable()
        self.unit.setText(t.unit if t else "")
        self.calculator.setVisible(bool(t and t.builtin_key == "alcohol"))
        hints: list[str] = []
        if t and t.builtin_key and (item := catalog.find(t.builtin_key)):
            hints = list(item.practices)
        self.practice_hints.setText(
            " · ".join(f'<a href="{h}">{h}</a>' for h in hints) if hints else "")

    def _add_practice(self, text: str) -> None:
        current = split_tags(self.practices.text())
        if text not in current:
            current.append(text)
        self.practices.setText(", ".join(current))

    def _open_calculator(self) -> None:
        from .drink_calculator import DrinkCalculator

        dialog = DrinkCalculator(self.ctx.settings().country, self)
        if dialog.exec():
            self.amount.setValue(dialog.standard_drinks())

    # --- the time: now, or what the user set ----------------------------------------------
    def _set_time(self, t: QTime) -> None:
        self._setting_time = True
        try:
            self.time.setTime(t)
        finally:
            self._setting_time = False

    def _time_edited(self) -> None:
        if not self._setting_time and self.follows_now:
            self.follows_now = False
            self._show_time_mode()

    def _now(self) -> dt.datetime:
        return clock.now(self.ctx.settings().tz)

    def _is_today(self) -> bool:
        s = self.ctx.settings()
        return local_day(self._now(), s.tz, s.day_start_hour) == self.day

    def follow_now(self) -> None:
        """Let the time follow the clock again (the entry gets the moment of saving)."""
        self.follows_now = True
        self.keep_up_with_now()
        self._show_time_mode()

    def keep_up_with_now(self) -> None:
        """Show the current time if the field follows the clock."""
        if self.follows_now:
            now = self._now()
            self._set_time(QTime(now.hour, now.minute))

    def _show_time_mode(self) -> None:
        self.now_hint.setVisible(self.follows_now)
        self.use_now.setVisible(not self.follows_now and self.editing is None and self._is_today())
        # (No show/hide event overrides: they would make PySide build QEvent's wrapper
        # for the first window. A tick on a hidden form costs next to nothing.)
        if self.follows_now:
            self.now_timer.start()
        else:
            self.now_timer.stop()

    # --- values -------------------------------------------------------------------------
    def instant(self) -> dt.datetime:
        """The aware instant: now if the time follows the clock, else the day shown and the
        time set (before the day-start hour: the night after)."""
        s = self.ctx.settings()
        if self.follows_now:
            return self._now().replace(microsecond=0)
        t = self.time.time().toPython()
        if self.editing is not None:
            before = self.editing.occurred_at.astimezone(s.tz)
            if (before.hour, before.minute) == (t.hour, t.minute) and self.editing.day == self.day:
                return self.editing.occurred_at  # time untouched: keep its seconds and offset
        day = self.day
        if t.hour < s.day_start_hour:
            day = day + dt.timedelta(days=1)  # 01:30 on a day that starts at 04:00
        return dt.datetime.combine(day, t, tzinfo=s.tz)

    def values(self) -> dict[str, Any]:
        """The typed values as keyword arguments for the core services."""
        t = self.current_trackable()
        return dict(
            trackable=t.id if t else "",
            amount=0.0 if self.urge_only.isChecked() else self.amount.value(),
            at=self.instant(),
            craving=None if self.craving.value() < 0 else self.craving.value(),
            mood=self.mood.currentIndex() or None,
            triggers=split_tags(self.triggers.text()),
            practices=split_tags(self.practices.text()),
            setting=self.setting.currentText() or None,
            cost=self.cost.text().strip() or None,
            note=self.note.toPlainText() or None,
            urge_only=self.urge_only.isChecked(),
            discuss=self.discuss.isChecked(),
        )

    def entry_input(self) -> EntryInput:
        return EntryInput(**self.values())

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def reset(self, day: dt.date, keep_trackable: bool = True) -> None:
        """Clear for a new entry on ``day`` (time: now if today, else evening)."""
        self.editing = None
        self.day = day
        if self._is_today():
            self.follow_now()
        else:
            self.follows_now = False
            self._set_time(QTime(20, 0))
            self._show_time_mode()
        self.amount.setValue(1)
        self.craving.setValue(-1)
        self.mood.setCurrentIndex(0)
        for w in (self.triggers, self.practices, self.cost):
            w.clear()
        self.setting.setCurrentIndex(0)
        self.note.clear()
        self.urge_only.setChecked(False)
        self.discuss.setChecked(False)
        self.error.clear()
        self.submit.setText(self.tr("&Log entry"))
        self.cancel.hide()

    def load(self, record: EntryRecord) -> None:
        """Fill the form with an entry to edit it."""
        self.reset(record.day)
        self.editing = record
        index = self.trackable.findData(record.trackable_id)
        if index < 0:
            self.reload_trackables()
            index = self.trackable.findData(record.trackable_id)
        self.trackable.setCurrentIndex(max(index, 0))
        local = record.occurred_at.astimezone(self.ctx.settings().tz)
        self.follows_now = False  # a correction keeps the entry's own time
        self._set_time(QTime(local.hour, local.minute))
        self._show_time_mode()
        self.amount.setValue(record.amount)
        self.craving.setValue(-1 if record.craving is None else record.craving)
        self.mood.setCurrentIndex(record.mood or 0)
        self.triggers.setText(", ".join(record.triggers))
        self.practices.setText(", ".join(record.practices))
        self.setting.setCurrentText(record.setting or "")
        # Plain digits, as typed: "1,250" would come back as ambiguous.
        self.cost.setText("" if record.cost is None else formatting.number(
            record.cost, 6, locale=formatting.FALLBACK_LOCALE, grouping=False))
        self.note.setPlainText(record.note or "")
        self.urge_only.setChecked(record.urge_only)
        self.discuss.setChecked(record.discuss)
        self.submit.setText(self.tr("Save changes"))
        self.cancel.show()
        self.amount.setFocus()
        self.amount.selectAll()


