"""The history screen: every entry in a date range, sortable, editable in place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core import entries, trackables
from harmtrack.core.entries import EntryRecord
from harmtrack.core.errors import HarmTrackError

from . import commands, locale_fmt
from .context import AppContext
from .entry_form import split_tags

Index = QModelIndex | QPersistentModelIndex

#: (header, field, editable)
COLUMNS: list[tuple[str, str, bool]] = [
    ("Day", "day", False),
    ("Time", "time", True),
    ("What", "trackable", False),
    ("Amount", "amount", True),
    ("Unit", "unit", False),
    ("Craving", "craving", True),
    ("Mood", "mood", True),
    ("Triggers", "triggers", True),
    ("Safer use", "practices", True),
    ("Setting", "setting", True),
    ("Cost", "cost", True),
    ("Urge only", "urge_only", True),
    ("Discuss", "discuss", True),
    ("Note", "note", True),
]
CHECKS = {"urge_only", "discuss"}


class EntriesModel(QAbstractTableModel):
    """Entries as table rows; each edit is validated and saved in its own transaction."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[EntryRecord] = []
        self.last_error = ""

    def set_rows(self, rows: list[EntryRecord]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][0])
        return None

    def _value(self, r: EntryRecord, field: str) -> Any:
        if field == "time":
            return r.occurred_at.astimezone(self.ctx.settings().tz).strftime("%H:%M")
        if field == "day":
            return r.day.isoformat()
        if field in ("triggers", "practices"):
            return ", ".join(getattr(r, field))
        value = getattr(r, field)
        return "" if value is None else value

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        field = COLUMNS[index.column()][1]
        if field in CHECKS:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if getattr(r, field) else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self._value(r, field)
            if role == Qt.ItemDataRole.DisplayRole:  # the user's locale; edits keep HH:MM / 2.5
                if field == "day":
                    return locale_fmt.short_date(r.day)
                if field == "time":
                    return locale_fmt.time_of(r.occurred_at.astimezone(self.ctx.settings().tz))
                if isinstance(value, float):
                    return locale_fmt.number(value)
            return value
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if field in ("time", "day"):
                return r.occurred_at.timestamp()
            value = self._value(r, field)
            return value if not isinstance(value, str) else value.casefold()
        if role == Qt.ItemDataRole.ToolTipRole and field == "note" and r.note:
            return r.note
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        field, editable = COLUMNS[index.column()][1:]
        if field in CHECKS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        r = self.rows[index.row()]
        field = COLUMNS[index.column()][1]
        if field in CHECKS:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            change: dict[str, Any] = {field: Qt.CheckState(value) == Qt.CheckState.Checked}
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif field == "time":
            try:
                t = dt.time.fromisoformat(str(value).strip().zfill(5))
            except ValueError:
                self.last_error = self.tr("time must be HH:MM")
                self.ctx.status.emit(self.last_error)
                return False
            local = r.occurred_at.astimezone(self.ctx.settings().tz)
            change = {"at": local.replace(hour=t.hour, minute=t.minute, second=0, microsecond=0)}
        elif field in ("triggers", "practices"):
            change = {field: split_tags(str(value))}
        else:
            text = str(value).strip()
            change = {field: text if text or field in ("note", "setting") else None}
            if field == "amount":
                change = {"amount": text}
        try:
            command = commands.EditEntry(self.ctx, r.id, change)
        except HarmTrackError as exc:
            self.last_error = str(exc)
            self.ctx.status.emit(self.tr("Not saved: {why}").format(why=exc))
            return False
        self.last_error = ""
        self.rows[index.row()] = command.after
        # Pushing emits data_changed; the view reloads, keeping the table consistent.
        commands.push(self.ctx, command)
        return True


class HistoryView(QWidget):
    """Browse and correct past entries."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        bar = QHBoxLayout()
        today = entries.today(ctx.db, ctx.settings())
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(locale_fmt.short_date_format())
        self.start.setAccessibleName(self.tr("From date"))
        self.end = QDateEdit()
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat(locale_fmt.short_date_format())
        self.end.setAccessibleName(self.tr("To date"))
        first = today - dt.timedelta(days=27)
        self.start.setDate(QDate(first.year, first.month, first.day))
        self.end.setDate(QDate(today.year, today.month, today.day))
        self.filter = QComboBox()
        self.filter.setAccessibleName(self.tr("Show trackable"))
        from_label = QLabel(self.tr("Fro&m"))
        from_label.setBuddy(self.start)
        to_label = QLabel(self.tr("&to"))
        to_label.setBuddy(self.end)
        bar.addWidget(from_label)
        bar.addWidget(self.start)
        bar.addWidget(to_label)
        bar.addWidget(self.end)
        bar.addSpacing(16)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        self.delete_button = QPushButton(self.tr("De&lete selected"))
        self.delete_button.setAccessibleName(self.tr("Delete selected entries"))
        self.delete_button.clicked.connect(self.delete_selected)
        bar.addWidget(self.delete_button)
        layout.addLayout(bar)

        self.model = EntriesModel(ctx)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Entries"))
        self.table.setAccessibleDescription(self.tr("Double-click or press F2 to correct a value"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (no keyboard trap)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setObjectName("Hint")
        layout.addWidget(self.summary)
        # Only while the list has the focus: Delete on a check box or a combo box of the
        # form must not remove an entry.
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_key.activated.connect(self.delete_selected)

        self.start.dateChanged.connect(self.refresh)
        self.end.dateChanged.connect(self.refresh)
        self.filter.currentIndexChanged.connect(self.refresh)
        # Deferred: an in-place edit emits data_changed from inside the delegate's commit,
        # and resetting the model there would pull the editor away mid-commit.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        ctx.data_changed.connect(self._refresh_timer.start)
        self._fill_filter()
        self.refresh()

    def _fill_filter(self) -> None:
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("Everything"), None)
        for t in trackables.list_trackables(self.ctx.db, include_archived=True):
            self.filter.addItem(t.name, t.id)
        index = self.filter.findData(current)
        self.filter.setCurrentIndex(max(index, 0))
        self.filter.blockSignals(False)

    def set_range(self, start: dt.date, end: dt.date) -> None:
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def refresh(self) -> None:
        if self.filter.count() != len(trackables.list_trackables(self.ctx.db, include_archived=True)) + 1:
            self._fill_filter()
        start = self.start.date().toPython()
        end = self.end.date().toPython()
        if start > end:
            self.summary.setText(self.tr("The start date is after the end date."))
            self.model.set_rows([])
            return
        tid = self.filter.currentData()
        rows = entries.list_entries(self.ctx.db, start, end, [tid] if tid else None)
        self.model.set_rows(rows)
        if rows:
            self.summary.setText(self.tr("{n} entries from {a} to {b}. Double-click a cell to correct it; "
                                         "Ctrl+Z undoes.").format(
                n=len(rows), a=locale_fmt.short_date(start), b=locale_fmt.short_date(end)))
        else:
            self.summary.setText(self.tr("No entries in this range. Widen the dates or choose “Everything”."))

    @classmethod
    def shortcut_help(cls) -> list[tuple[str, str]]:
        """For the F1 list (read from the class, before the screen is first opened)."""
        return [(cls.tr("Delete the selected entries (History)"), "Delete")]

    def delete_selected(self) -> None:
        ids = sorted({self.model.rows[self.proxy.mapToSource(i).row()].id
                      for i in self.table.selectionModel().selectedRows()})
        if not ids:
            return
        self.ctx.undo_stack.beginMacro(self.tr("delete {n} entries").format(n=len(ids)))
        try:
            for entry_id in ids:
                self.ctx.undo_stack.push(commands.DeleteEntry(self.ctx, entry_id))
        finally:
            self.ctx.undo_stack.endMacro()
        self.ctx.status.emit(self.tr("Deleted {n} entries. Ctrl+Z undoes.").format(n=len(ids)))
