"""The logging screen (the app's home): quick entry, the day's entries, check-in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.quantities import formatting
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking import checkins, entries, suggestions
from harmtrack.core.tracking.entries import EntryRecord

from . import locale_fmt
from .context import AppContext
from .entry_form import EntryForm, split_tags
from .widgets.after_paint import AfterFirstPaint
from .widgets.elided_button import ElidedButton, FittingRow
from .widgets.progress_panel import ProgressPanel
from .widgets.when_shown import RefreshWhenShown

if TYPE_CHECKING:
    from .workers import LatestOnly


def describe(r: EntryRecord, currency: str | None = None) -> str:
    """A short line of an entry's details for the day list (``currency``: the setting)."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("LogView", text)

    bits: list[str] = []
    if r.craving is not None:
        bits.append(tr("craving {n}").format(n=r.craving))
    if r.triggers:
        bits.append(", ".join(r.triggers))
    if r.practices:
        bits.append("✓ " + ", ".join(r.practices))
    if r.cost is not None:
        cost = formatting.money(r.cost, currency, locale=locale_fmt.locale_name())
        bits.append(tr("cost {n}").format(n=cost))
    if r.discuss:
        bits.append(tr("discuss"))
    if r.note:
        bits.append(tr("note"))
    return " · ".join(bits)


@dataclass(frozen=True)
class DayRead:
    """What the day list shows: the day's entries, and whether it was checked in."""

    rows: list[EntryRecord]
    checked: bool


def read_day(db: Database, day: dt.date) -> DayRead:
    """The day list's data (for the background on the first fill; no widget touched)."""
    return DayRead(entries.list_entries(db, day, day),
                   day in checkins.checked_in_days(db, day, day))


class LogView(QWidget):
    """Log what happened today (or any day), keyboard first."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = entries.today(ctx.db, ctx.settings())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 10)

        nav = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.prev_button.setAccessibleName(self.tr("Previous day"))
        self.prev_button.setToolTip(self.tr("Previous day (Alt+Left)"))
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.day_label = QLabel()
        self.day_label.setObjectName("DayTitle")
        self.day_label.setAccessibleName(self.tr("Day shown"))
        self.next_button = QPushButton("▶")
        self.next_button.setAccessibleName(self.tr("Next day"))
        self.next_button.setToolTip(self.tr("Next day (Alt+Right)"))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setAccessibleName(self.tr("Go to today"))
        self.today_button.setToolTip(self.tr("Go to today (Alt+Home)"))
        self.today_button.clicked.connect(self.go_today)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.day_label, 1)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        outer.addLayout(nav)

        # The user's own if-then plan, shown gently after logging with its trigger.
        from .widgets.plan_note import PlanNote

        self.plan_note = PlanNote(ctx)
        outer.addWidget(self.plan_note)
        # A calm safer-use note when a saved entry and another are two depressants close together.
        from .widgets.combination_note import CombinationNote

        self.combination_note = CombinationNote(ctx)
        outer.addWidget(self.combination_note)

        # A questionnaire the user scheduled, when it is due (widgets/questionnaire_due.py).
        from .widgets.questionnaire_due import QuestionnaireDue

        self.questionnaire_due = QuestionnaireDue(ctx)
        self.questionnaire_due.take_requested.connect(self.take_questionnaire)
        outer.addWidget(self.questionnaire_due)

        #: Goal progress at a glance goes here (see widgets/progress_panel.py).
        self.progress_area = QVBoxLayout()
        outer.addLayout(self.progress_area)
        self.progress_panel = ProgressPanel(ctx)
        self.progress_area.addWidget(self.progress_panel)

        self.quick_box = FittingRow()  # long names end in "…" at the width they get
        self.quick_label = QLabel(self.tr("Quick log:"))
        self.quick_box.addWidget(self.quick_label)
        self.quick_label.hide()  # until the buttons come (see _refresh_quick)
        self.quick_box.addStretch(1)
        outer.addLayout(self.quick_box)

        body = QHBoxLayout()
        # Made inside their parents, not moved there by the layouts (see MainWindow.view).
        form_box = QGroupBox(self.tr("Log an entry"), self)
        form_layout = QVBoxLayout(form_box)
        self.form = EntryForm(ctx, form_box)
        form_layout.addWidget(self.form)
        form_layout.addStretch(1)
        self.form.submitted.connect(self.submit)
        self.form.cancelled.connect(lambda: self.form.reset(self.day))
        body.addWidget(form_box, 3)

        day_box = QGroupBox(self.tr("This day"), self)
        day_layout = QVBoxLayout(day_box)
        self.table = QTableWidget(0, 4, day_box)
        self.table.setAccessibleName(self.tr("Entries of the day shown"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("What"), self.tr("Amount"),
                                              self.tr("Details")])
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (no keyboard trap)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # Long names are cut with "…" (full text in the tooltip) rather than pushing the
        # details out of sight behind a horizontal scroll bar.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Details stretches with the table: when it changes, What and Amount are fitted again.
        self._fitting = False
        header.sectionResized.connect(self._section_resized)
        self.table.doubleClicked.connect(self.edit_selected)
        self.empty = QLabel()
        self.empty.setObjectName("EmptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        day_layout.addWidget(self.table, 1)
        day_layout.addWidget(self.empty, 1)
        row = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setAccessibleName(self.tr("Edit selected entry"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete selected entry"))
        self.delete_button.setToolTip(self.tr("Delete (undo with Ctrl+Z)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.nothing_button = QPushButton(self.tr("Nothing to log toda&y"))
        self.nothing_button.setAccessibleName(self.tr("Nothing to log this day"))
        self.nothing_button.setAccessibleDescription(
            self.tr("Records that this day had nothing to log, which is different from a day not logged"))
        self.nothing_button.clicked.connect(self.nothing_today)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.nothing_button)
        day_layout.addLayout(row)
        self.day_state = QLabel()
        self.day_state.setObjectName("Hint")
        day_layout.addWidget(self.day_state)
        body.addWidget(day_box, 2)
        outer.addLayout(body, 1)

        for keys, slot in (("Alt+Left", lambda: self.go(-1)), ("Alt+Right", lambda: self.go(1)),
                           ("Alt+Home", self.go_today), ("Ctrl+Return", self.submit),
                           ("Ctrl+Enter", self.submit), ("Ctrl+N", self.new_entry)):
            QShortcut(QKeySequence(keys), self, slot)
        # Only while the list has the focus: Delete on a check box or a combo box of the
        # form must not remove an entry.
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_key.activated.connect(self.delete_selected)
        self._when_shown = RefreshWhenShown(self, self.refresh)
        self._quick_job: LatestOnly | None = None  # see _refresh_quick
        ctx.data_changed.connect(self._on_changes)
        ctx.settings_changed.connect(self._settings_changed)
        self._showing_today = True
        self.form.reset(self.day)
        self.records: list[EntryRecord] = []
        # Start-up speed: the day's entries (hundreds a day in a long history) and the quick
        # buttons are read in the background once the window has painted, not before.
        self.filled = False  # the day's list shows the day (not "reading…")
        self._first_read: LatestOnly | None = None
        self._show_title()
        self._show_reading()
        AfterFirstPaint(self, self._first_fill)

    # --- navigation ---------------------------------------------------------------------
    @classmethod
    def shortcut_help(cls) -> list[tuple[str, str]]:
        """For the F1 list (read from the class, before the screen is first opened)."""
        return [(cls.tr("Previous / next day"), "Alt+Left / Alt+Right"), (cls.tr("Go to today"), "Alt+Home"),
                (cls.tr("Log the entry"), "Ctrl+Enter"), (cls.tr("New entry"), "Ctrl+N"),
                (cls.tr("Delete the selected entry (Today)"), "Delete")]

    def go(self, step: int) -> None:
        self.set_day(self.day + dt.timedelta(days=step))

    def go_today(self) -> None:
        self.set_day(entries.today(self.ctx.db, self.ctx.settings()))

    def open_payload(self, payload: object) -> None:
        if isinstance(payload, dt.date):
            self.set_day(payload)

    def set_day(self, day: dt.date) -> None:
        today = entries.today(self.ctx.db, self.ctx.settings())
        self.day = min(day, today)
        self.ctx.current_day = self.day
        if self.form.editing is None:
            self.form.reset(self.day)
        self.refresh()

    def new_entry(self) -> None:
        self.form.reset(self.day)
        self.form.trackable.setFocus()

    def take_questionnaire(self, key: str) -> None:
        from .questionnaire_dialog import take_questionnaire

        take_questionnaire(self.ctx, key, self)

    def activated(self) -> None:
        self.form.keep_up_with_now()  # back on Today after a while: the time it is now
        self.form.trackable.setFocus()

    def _settings_changed(self) -> None:
        """A new day-start hour or time zone can move "today": stay on it if it was shown."""
        today = entries.today(self.ctx.db, self.ctx.settings())
        if (self._showing_today or self.day > today) and self.day != today and self.form.editing is None:
            self.set_day(today)

    # --- display ------------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        """Reload the day shown when a change touches it (or the entry being corrected)."""
        editing = self.form.editing
        if (changes.all or changes.settings or changes.catalog or self.day in changes.days
                or (editing is not None and editing.day in changes.days)):
            self._when_shown.request()
        elif changes.entries:  # another day: only the quick buttons (the most frequent entries)
            if self.isVisible():
                self._refresh_quick()
            else:
                self._when_shown.mark_stale()

    def _show_title(self) -> dt.date:
        """The day's title and the next-day button; returns today."""
        today = entries.today(self.ctx.db, self.ctx.settings())
        self._showing_today = self.day == today
        self.next_button.setEnabled(self.day < today)
        label = locale_fmt.long_date(self.day)
        if self.day == today:
            label = self.tr("Today · {d}").format(d=label)
        elif self.day == today - dt.timedelta(days=1):
            label = self.tr("Yesterday · {d}").format(d=label)
        self.day_label.setText(label)
        return today

    def _show_reading(self) -> None:
        """A calm placeholder while the day's entries are read (the first fill)."""
        self.table.hide()
        self.empty.setText(self.tr("Reading this day's entries…"))
        self.empty.show()
        for button in (self.edit_button, self.delete_button, self.nothing_button):
            button.setEnabled(False)

    @property
    def pending(self) -> bool:
        """Something this screen shows is still being read (the first fill, quick buttons)."""
        return not self.filled or (self._quick_job is not None and self._quick_job.pending)

    def _first_fill(self) -> None:
        """After the first paint: the day's entries and the quick buttons, from the background."""
        if self.filled:
            return  # a change or another day was shown meanwhile
        from .workers import LatestOnly

        self._first_read = LatestOnly(self.ctx.run_background, self)
        self._first_read.request(read_day, self._first_arrived, db=self.ctx.db, day=self.day)
        self._refresh_quick()

    def _first_arrived(self, read: DayRead) -> None:
        if not self.filled:
            self._show_day(self._show_title(), read)

    def refresh(self, *, trackables: bool = True) -> None:
        today = self._show_title()
        if self.form.editing is not None and not self._still_there(self.form.editing.id):
            # The entry being corrected was deleted (here, in History or by an undo):
            # back to a new entry rather than a Save that can only fail.
            self.form.reset(self.day)
        if trackables and (self.form.trackable.count() == 0 or self.form.editing is None):
            self.form.reload_trackables()
        if self._first_read is not None:
            self._first_read.drop()  # this read is newer than the first one
        self._show_day(today, read_day(self.ctx.db, self.day))
        self._refresh_quick()

    def _show_day(self, today: dt.date, read: DayRead) -> None:
        self.filled = True
        rows = read.rows
        self.records = rows
        # Time fits its text (ResizeToContents), which Qt works out again over every row
        # after each item set: ≈0.3 s for a day of 273 entries. Fitted once, after the fill.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setRowCount(len(rows))
        tz, currency = self.ctx.settings().tz, self.ctx.settings().currency
        for i, r in enumerate(rows):
            amount = self.tr("urge only") if r.urge_only else formatting.amount(
                r.amount, r.unit, decimals=6, currency=currency, locale=locale_fmt.locale_name())
            cells = [locale_fmt.time_of(r.occurred_at.astimezone(tz)), r.trackable, amount,
                     describe(r, currency)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setToolTip(r.note if j == 3 and r.note else text)
                self.table.setItem(i, j, item)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._fit_columns()
        checked = read.checked
        has_rows = bool(rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if not self.form.tracked:
            self.empty.setText(self.tr("You're not tracking anything yet. Choose what to track "
                                       "with File ▸ What I track…"))
        elif checked:
            self.empty.setText(self.tr("Nothing to log this day — recorded. ✓"))
        else:
            self.empty.setText(self.tr("Nothing logged for this day yet.\nLog an entry, or mark it "
                                       "“nothing to log” so it counts as a logged day."))
        # It records the day shown, which is not always today.
        self.nothing_button.setText(self.tr("Nothing to log toda&y") if self.day == today
                                    else self.tr("Nothing to log this da&y"))
        self.nothing_button.setEnabled(not checked and not has_rows)
        self.edit_button.setEnabled(has_rows)
        self.delete_button.setEnabled(has_rows)
        self.day_state.setText(self.tr("Checked in: nothing to log.") if checked and not has_rows else "")

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == 3:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """What and Amount as wide as their text, but never so wide that Details (which
        stretches) is pushed out of a narrow window: long text is cut with "…" instead."""
        if self._fitting:
            return
        self._fitting = True
        try:
            # The header spans the visible width (viewport() would make PySide build the
            # Python class of every widget type to find the viewport's, ≈3 ms at start-up).
            room = self.table.horizontalHeader().width()
            for column, widest, share in ((1, 170, 0.3), (2, 150, 0.25)):
                cap = min(widest, max(48, int(room * share)))
                self.table.setColumnWidth(column, min(self.table.sizeHintForColumn(column), cap))
        finally:
            self._fitting = False

    def _still_there(self, entry_id: int) -> bool:
        from harmtrack.core.common.errors import NotFound

        try:
            entries.get_entry(self.ctx.db, entry_id)
        except NotFound:
            return False
        return True

    def _refresh_quick(self) -> None:
        """The quick buttons: the most frequent entries of the last 90 days (tens of
        milliseconds at a million entries), read in the background; the old buttons stay
        until the new ones come."""
        if self._quick_job is None:
            from .workers import LatestOnly

            self._quick_job = LatestOnly(self.ctx.run_background, self)
        self._quick_job.request(suggestions.frequent_entries, self._show_quick, db=self.ctx.db, limit=5)

    def _show_quick(self, quick: list[suggestions.QuickLog]) -> None:
        while self.quick_box.count() > 2:
            item = self.quick_box.takeAt(1)
            if item.widget():
                item.widget().deleteLater()
        self.quick_label.setVisible(bool(quick))
        for i, q in enumerate(quick):
            here = locale_fmt.locale_name()
            button = ElidedButton(q.trackable, f" +{formatting.number(q.amount, 6, locale=here)}")
            amount = formatting.amount(q.amount, q.unit, decimals=6, locale=here)
            button.setToolTip(self.tr("Log {amount} of {name} now").format(
                amount=amount, name=q.trackable))
            button.setAccessibleName(self.tr("Quick log {amount} of {name}").format(
                amount=amount, name=q.trackable))
            button.clicked.connect(lambda _=False, q=q: self.quick_log(q))
            self.quick_box.insertWidget(1 + i, button)

    # --- actions ------------------------------------------------------------------------
    # The undoable commands are imported on the first change, not with the screen (≈1 ms
    # of the first window).
    def submit(self) -> None:
        from . import commands

        if self.form.editing is None and self.form.trackable.count() == 0:
            self.offer_to_choose_trackables()
            return
        triggers = split_tags(self.form.triggers.text())
        practices = split_tags(self.form.practices.text())
        try:
            if self.form.editing is not None:
                values = self.form.values()
                saved_id = self.form.editing.id
                commands.push(self.ctx, commands.EditEntry(self.ctx, saved_id, values))
            else:
                added = commands.AddEntry(self.ctx, self.form.entry_input())
                saved_id = added.record.id
                commands.push(self.ctx, added)
        except HarmTrackError as exc:
            self.form.show_error(str(exc))
            return
        keep = self.form.trackable.currentData()
        self.form.reset(self.day)
        index = self.form.trackable.findData(keep)
        if index >= 0:
            self.form.trackable.setCurrentIndex(index)
        self.form.remember_tags(triggers, practices)
        self.form.trackable.setFocus()
        self.plan_note.show_for(triggers)
        self.combination_note.show_for_entry(saved_id)

    def offer_to_choose_trackables(self) -> None:
        """Nothing is tracked yet, so nothing can be logged: say so, offer the choice."""
        from PySide6.QtWidgets import QMessageBox

        self.form.show_error(self.tr("Choose what to track first (File ▸ What I track…)."))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Nothing to log yet"), self.tr(
            "You're not tracking anything yet, so there is nothing to log an entry for. "
            "Choose what you'd like to track now?"), QMessageBox.StandardButton.NoButton, self)
        choose = box.addButton(self.tr("Choose what to track…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(choose)
        box.exec()
        if box.clickedButton() is choose:
            from .trackables_dialog import TrackablesDialog

            TrackablesDialog(self.ctx, self).exec()
            if self.form.trackable.count():
                self.form.show_error("")
                self.form.trackable.setFocus()

    def quick_log(self, q: suggestions.QuickLog) -> None:
        from . import commands

        form = self.form
        at = form.instant() if self.day != entries.today(self.ctx.db, self.ctx.settings()) else None
        try:
            added = commands.AddEntry(self.ctx, entries.EntryInput(
                trackable=q.trackable_id, amount=q.amount, at=at))
            commands.push(self.ctx, added)
        except HarmTrackError as exc:
            self.form.show_error(str(exc))
            return
        self.combination_note.show_for_entry(added.record.id)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else (0 if self.table.rowCount() == 1 else -1)
        if row < 0 or row >= len(self.records):
            return None
        return self.records[row].id

    def edit_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        self.form.load(entries.get_entry(self.ctx.db, entry_id))

    def delete_selected(self) -> None:
        from . import commands

        entry_id = self.selected_id()
        if entry_id is None:
            return
        try:
            commands.push(self.ctx, commands.DeleteEntry(self.ctx, entry_id))
        except HarmTrackError as exc:
            self.form.show_error(str(exc))

    def nothing_today(self) -> None:
        from . import commands

        try:
            commands.push(self.ctx, commands.CheckIn(self.ctx, self.day))
        except HarmTrackError as exc:
            self.form.show_error(str(exc))
