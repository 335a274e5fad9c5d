"""The plans screen: if-then plans tied to your own triggers, and alternatives that help."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.care import plans
from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.quantities import catalog
from harmtrack.core.tracking import entries, suggestions

from .context import AppContext
from .workers import LatestOnly

#: How far back "came up" looks on this screen.
RECENT_DAYS = 30


class PlansView(QWidget):
    """Write, change and put away if-then plans; keep a list of alternatives."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 10)
        title = QLabel(self.tr("Plans"))
        title.setObjectName("DayTitle")
        intro = QLabel(self.tr(
            "Decide ahead what you'll do when a situation comes up. Plans work best when they are "
            "specific: “If I'm at a party, then I'll alternate every drink with water.” When you log "
            "an entry with that trigger, your plan is shown to you."))
        intro.setWordWrap(True)
        intro.setObjectName("Hint")
        outer.addWidget(title)
        outer.addWidget(intro)

        body = QHBoxLayout()
        plan_box = QGroupBox(self.tr("If-then plans"))
        plan_layout = QVBoxLayout(plan_box)
        form = QGridLayout()
        self.trigger = QComboBox()
        self.trigger.setEditable(True)
        self.trigger.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.trigger.setMinimumContentsLength(14)
        self.trigger.setAccessibleName(self.tr("If (trigger)"))
        self.trigger.setAccessibleDescription(self.tr(
            "The situation the plan is for: pick one of your triggers or type a new one"))
        self.trigger.lineEdit().setPlaceholderText(self.tr("e.g. party"))
        self.plan_text = QLineEdit()
        self.plan_text.setPlaceholderText(self.tr("e.g. alternate every drink with water"))
        self.plan_text.setAccessibleName(self.tr("Then (what I will do)"))
        self.plan_text.setAccessibleDescription(self.tr("What you will do when the trigger comes up"))
        self.plan_text.returnPressed.connect(self.save_plan)
        if_label = QLabel(self.tr("&If"))
        if_label.setBuddy(self.trigger)
        then_label = QLabel(self.tr("&then I will"))
        then_label.setBuddy(self.plan_text)
        self.save_button = QPushButton(self.tr("&Add plan"))
        self.save_button.setAccessibleName(self.tr("Add plan"))
        self.save_button.clicked.connect(self.save_plan)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel editing the plan"))
        self.cancel_button.clicked.connect(self.clear_form)
        self.cancel_button.hide()
        form.addWidget(if_label, 0, 0)
        form.addWidget(self.trigger, 0, 1)
        form.addWidget(then_label, 1, 0)
        form.addWidget(self.plan_text, 1, 1)
        buttons = QHBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        form.addLayout(buttons, 2, 0, 1, 2)
        form.setColumnStretch(1, 1)
        plan_layout.addLayout(form)

        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Your plans"))
        self.table.setAccessibleDescription(self.tr(
            "Each plan with how often its trigger came up in the last {n} days; "
            "double-click or press Enter to change one").format(n=RECENT_DAYS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("If"), self.tr("Then"), self.tr("Came up (last {n} days)").format(n=RECENT_DAYS)])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (no keyboard trap)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.plans_empty = QLabel(self.tr(
            "No plans yet. Think of a situation that often comes before using — a trigger you log — "
            "and write what you'll do next time it happens."))
        self.plans_empty.setObjectName("EmptyState")
        self.plans_empty.setWordWrap(True)
        self.plans_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        plan_layout.addWidget(self.table, 1)
        plan_layout.addWidget(self.plans_empty)
        row = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("&Change"))
        self.edit_button.setAccessibleName(self.tr("Change selected plan"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button = QPushButton(self.tr("Put a&way"))
        self.archive_button.setAccessibleName(self.tr("Put selected plan away"))
        self.archive_button.setAccessibleDescription(self.tr(
            "Archived plans are kept and can be brought back"))
        self.archive_button.clicked.connect(self.toggle_archived)
        self.show_archived = QCheckBox(self.tr("Show put-away plans"))
        self.show_archived.setAccessibleName(self.tr("Show put-away plans"))
        self.show_archived.toggled.connect(self.refresh)
        row.addWidget(self.edit_button)
        row.addWidget(self.archive_button)
        row.addStretch(1)
        row.addWidget(self.show_archived)
        plan_layout.addLayout(row)
        body.addWidget(plan_box, 3)

        alt_box = QGroupBox(self.tr("Alternatives that help"))
        alt_layout = QVBoxLayout(alt_box)
        alt_hint = QLabel(self.tr("Things you can do instead, or first. Keep the ones that work for you."))
        alt_hint.setWordWrap(True)
        alt_hint.setObjectName("Hint")
        alt_layout.addWidget(alt_hint)
        add_row = QHBoxLayout()
        self.alt_text = QLineEdit()
        self.alt_text.setPlaceholderText(self.tr("e.g. a cup of tea, call a friend"))
        self.alt_text.setAccessibleName(self.tr("New alternative"))
        self.alt_text.returnPressed.connect(self.add_alternative)
        self.alt_add = QPushButton(self.tr("A&dd"))
        self.alt_add.setAccessibleName(self.tr("Add alternative"))
        self.alt_add.clicked.connect(self.add_alternative)
        add_row.addWidget(self.alt_text, 1)
        add_row.addWidget(self.alt_add)
        alt_layout.addLayout(add_row)
        self.alt_list = QListWidget()
        self.alt_list.setAccessibleName(self.tr("Your alternatives"))
        self.alt_list.setWordWrap(True)
        self.alt_list.itemSelectionChanged.connect(self._update_buttons)
        self.alt_empty = QLabel(self.tr("Nothing here yet. What has helped you before, even a little?"))
        self.alt_empty.setObjectName("EmptyState")
        self.alt_empty.setWordWrap(True)
        self.alt_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        alt_layout.addWidget(self.alt_list, 1)
        alt_layout.addWidget(self.alt_empty)
        self.alt_error = QLabel()
        self.alt_error.setObjectName("Error")
        self.alt_error.setWordWrap(True)
        alt_layout.addWidget(self.alt_error)
        self.alt_archive = QPushButton(self.tr("&Remove from list"))
        self.alt_archive.setAccessibleName(self.tr("Remove selected alternative"))
        self.alt_archive.setAccessibleDescription(self.tr("It is archived, not deleted"))
        self.alt_archive.clicked.connect(self.archive_alternative)
        alt_layout.addWidget(self.alt_archive, 0, Qt.AlignmentFlag.AlignRight)
        body.addWidget(alt_box, 2)
        outer.addLayout(body, 1)
        tools = QHBoxLayout()
        self.safety_plan_button = QPushButton(self.tr("My &safety plan…"))
        self.safety_plan_button.setAccessibleName(self.tr("Open my safety plan"))
        self.safety_plan_button.clicked.connect(self.open_safety_plan)
        self.balance_button = QPushButton(self.tr("&Balance and ideal use…"))
        self.balance_button.setAccessibleName(self.tr("Open balance and ideal use"))
        self.balance_button.clicked.connect(self.open_balance)
        tools.addWidget(self.safety_plan_button)
        tools.addWidget(self.balance_button)
        tools.addStretch(1)
        outer.addLayout(tools)

        self._tags: LatestOnly | None = None  # made on the first refresh (see _fill_triggers)
        ctx.data_changed.connect(self._on_changes)
        self.refresh()

    @Slot()
    def open_safety_plan(self) -> None:
        from .safety_plan_dialog import SafetyPlanDialog

        SafetyPlanDialog(self.ctx, self).exec()

    @Slot()
    def open_balance(self) -> None:
        from .balance_dialog import BalanceDialog

        BalanceDialog(self.ctx, None, self).exec()

    def _on_changes(self, changes: Changes) -> None:
        # The trigger words and "came up" counts read the entries of every trackable.
        # Hidden, nothing is read: opening the screen (activated) counts anew anyway.
        if self.isVisible() and (changes.all or changes.plans or changes.settings or changes.entries):
            self.refresh()

    # --- display ------------------------------------------------------------------------
    def _fill_triggers(self) -> None:
        """The user's own triggers (a year of tags: ≈0.25 s at a million entries) are read
        in the background; until they come, the list offers the usual ones."""
        if self._tags is None:
            self._tags = LatestOnly(self.ctx.run_background, self)
            self._show_triggers([])
        self._tags.request(suggestions.known_tags, self._show_triggers, db=self.ctx.db, kind="trigger")

    def _show_triggers(self, used: list[str]) -> None:
        text = self.trigger.currentText()
        words = list(dict.fromkeys(used + [t for t in catalog.default_triggers()
                                           if t.casefold() not in {u.casefold() for u in used}]))
        self.trigger.blockSignals(True)
        self.trigger.clear()
        self.trigger.addItems(words)
        self.trigger.setCurrentIndex(-1)
        self.trigger.setEditText(text)
        self.trigger.blockSignals(False)

    def refresh(self) -> None:
        self._fill_triggers()
        today = entries.today(self.ctx.db, self.ctx.settings())
        start = today - dt.timedelta(days=RECENT_DAYS - 1)
        rows = plans.plans_with_counts(self.ctx.db, start, today,
                                       include_archived=self.show_archived.isChecked())
        rows.sort(key=lambda c: (c.archived, c.trigger.casefold(), c.id))
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            came_up = self.came_up_text(r.times, r.days)
            if r.archived:
                came_up += " · " + self.tr("put away")
            for j, text in enumerate((r.trigger, r.plan, came_up)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                if j == 1:
                    item.setToolTip(r.plan)
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(rows))
        self.plans_empty.setVisible(not rows)

        alts = plans.list_alternatives(self.ctx.db)
        self.alt_list.clear()
        for a in alts:
            item = QListWidgetItem(a.text)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.alt_list.addItem(item)
        self.alt_list.setVisible(bool(alts))
        self.alt_empty.setVisible(not alts)
        self._update_buttons()

    def came_up_text(self, times: int, days: int) -> str:
        """"3 times on 2 days", "once", "not in this time"."""
        if times == 0:
            return self.tr("not in this time")
        if times == 1:
            return self.tr("once")
        if times == days:
            return self.tr("%n times", "", times)
        return self.tr("{times} on {days}").format(times=self.tr("%n times", "", times),
                                                   days=self.tr("%n days", "", days))

    def _update_buttons(self) -> None:
        r = self.selected_plan()
        self.edit_button.setEnabled(r is not None)
        self.archive_button.setEnabled(r is not None)
        self.archive_button.setText(self.tr("&Bring back") if r and r.archived else self.tr("Put a&way"))
        self.alt_archive.setEnabled(bool(self.alt_list.selectedItems()))

    @classmethod
    def shortcut_help(cls) -> list[tuple[str, str]]:
        """For the F1 list (read from the class, before the screen is first opened)."""
        return [(cls.tr("Save the plan / add the alternative being typed"), "Enter")]

    def activated(self) -> None:
        self.refresh()
        self.trigger.setFocus()

    # --- plans --------------------------------------------------------------------------
    def selected_plan(self) -> plans.PlanCount | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def save_plan(self) -> None:
        trigger, text = self.trigger.currentText(), self.plan_text.text()
        try:
            if self.editing is None:
                plans.add_plan(self.ctx.db, trigger, text)
                self.ctx.status.emit(self.tr("Plan added."))
            else:
                plans.update_plan(self.ctx.db, self.editing, trigger=trigger, plan=text)
                self.ctx.status.emit(self.tr("Plan changed."))
        except HarmTrackError as exc:
            self.error.setText(str(exc))
            return
        self.clear_form()
        self.ctx.data_changed.emit(Changes(plans=True))
        self.trigger.setFocus()

    def clear_form(self) -> None:
        self.editing = None
        self.trigger.setEditText("")
        self.plan_text.clear()
        self.error.clear()
        self.save_button.setText(self.tr("&Add plan"))
        self.save_button.setAccessibleName(self.tr("Add plan"))
        self.cancel_button.hide()

    def edit_selected(self) -> None:
        r = self.selected_plan()
        if r is None:
            return
        self.editing = r.id
        self.trigger.setEditText(r.trigger)
        self.plan_text.setText(r.plan)
        self.error.clear()
        self.save_button.setText(self.tr("&Save plan"))
        self.save_button.setAccessibleName(self.tr("Save plan"))
        self.cancel_button.show()
        self.plan_text.setFocus()

    def toggle_archived(self) -> None:
        r = self.selected_plan()
        if r is None:
            return
        try:
            plans.archive_plan(self.ctx.db, r.id, archived=not r.archived)
        except HarmTrackError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.status.emit(self.tr("Plan brought back.") if r.archived else self.tr(
            "Plan put away. Tick “Show put-away plans” to see it again."))
        self.ctx.data_changed.emit(Changes(plans=True))

    # --- alternatives -------------------------------------------------------------------
    def add_alternative(self) -> None:
        try:
            plans.add_alternative(self.ctx.db, self.alt_text.text())
        except HarmTrackError as exc:
            self.alt_error.setText(str(exc))
            return
        self.alt_text.clear()
        self.alt_error.clear()
        self.ctx.data_changed.emit(Changes(plans=True))

    def archive_alternative(self) -> None:
        items = self.alt_list.selectedItems()
        if not items:
            return
        plans.archive_alternative(self.ctx.db, int(items[0].data(Qt.ItemDataRole.UserRole)))
        self.ctx.data_changed.emit(Changes(plans=True))
