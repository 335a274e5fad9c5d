"""The history screen: every entry in a date range, sortable, editable in place.

A window onto the database, not a copy of it: the model counts the range and reads its
rows a page at a time as they scroll into view; a header click sorts in SQL and starts
again from the first page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
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
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.quantities import formatting
from harmtrack.core.tracking import entries, pages, trackables
from harmtrack.core.tracking.entries import EntryRecord

from . import commands, locale_fmt
from .context import AppContext
from .entry_form import split_tags
from .widgets.when_shown import RefreshWhenShown

Index = QModelIndex | QPersistentModelIndex

#: (header, field, editable). The note comes early and narrow (cut with "…", the whole
#: text in its tooltip): last, it was the column pushed out of sight.
COLUMNS: list[tuple[str, str, bool]] = [
    ("Day", "day", True),
    ("Time", "time", True),
    ("What", "trackable", True),
    ("Amount", "amount", True),
    ("Unit", "unit", False),
    ("Note", "note", True),
    ("Craving", "craving", True),
    ("Mood", "mood", True),
    ("Triggers", "triggers", True),
    ("Safer use", "practices", True),
    ("Setting", "setting", True),
    ("Cost", "cost", True),
    ("Urge only", "urge_only", True),
    ("Discuss", "discuss", True),
]
CHECKS = {"urge_only", "discuss"}
#: The widest the note column starts (the user can drag it wider).
NOTE_WIDTH = 240
#: The entry a row shows (for the editors of Day and What).
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
#: Rows read per page as the table scrolls (a few screens' worth).
PAGE_SIZE = 200
#: Columns fit the text of this many rows (a sample: asking each cell of every row read
#: its size took ~0.4 s a reload).
FIT_SAMPLE = 50
#: Orders SQLite reads from the day index: a page of them takes milliseconds at any size,
#: so it is read on the UI thread. Any other order sorts the whole range first (seconds at
#: a million entries), so its pages are read in the background.
QUICK_SORTS = frozenset({"day", "time"})
#: At most this many rows are read again after a change (deep down, the user scrolls on).
RELOAD_ROWS = 10 * PAGE_SIZE


def moved_to(r: EntryRecord, day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The entry's instant moved to ``day`` at the same local time of day.

    The calendar date shifts by as many days as the entry's day does, so an entry at 01:30
    that counts for the evening before (a 04:00 day start) stays the night after ``day``.
    """
    local = r.occurred_at.astimezone(tz)
    return dt.datetime.combine(local.date() + (day - r.day), local.time(), tzinfo=tz)


class EntryDelegate(QStyledItemDelegate):
    """A date editor for Day and a choice of tracked trackables for What; text elsewhere."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                     index: Index) -> QWidget:
        field = COLUMNS[index.column()][1]
        if field == "day":
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat(locale_fmt.short_date_format())
            today = entries.today(self.ctx.db, self.ctx.settings())
            editor.setMaximumDate(today)
            editor.setAccessibleName(self.tr("Day of the entry"))
            return editor
        if field == "trackable":
            combo = QComboBox(parent)
            combo.setAccessibleName(self.tr("What the entry is about"))
            for t in trackables.list_trackables(self.ctx.db):
                combo.addItem(t.name, t.id)
            return combo
        return super().createEditor(parent, option, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                             index: Index) -> None:
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QDateEdit | QComboBox):
            # Columns fit their text; the editor (arrow, four-digit year) is wider than that,
            # and may lie over the next cell while it is open.
            hint = editor.sizeHint()
            rect = editor.geometry()
            editor.resize(max(rect.width(), hint.width()), max(rect.height(), hint.height()))

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt override
        r = index.data(RECORD_ROLE)
        if isinstance(editor, QDateEdit) and isinstance(r, EntryRecord):
            editor.setDate(r.day)
        elif isinstance(editor, QComboBox) and isinstance(r, EntryRecord):
            if editor.findData(r.trackable_id) < 0:  # archived since: shown, so nothing jumps
                editor.insertItem(0, r.trackable, r.trackable_id)
            editor.setCurrentIndex(editor.findData(r.trackable_id))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802 - Qt override
                     index: Index) -> None:
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date().toPython(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class EntriesModel(QAbstractTableModel):
    """The entries of a range as table rows, read a page at a time in the order of the
    sorted column; each edit is validated and saved in its own transaction.

    A next page is read from where the last one ended (``pages.read_page(after=…)``), so it
    costs the same deep down as at the top. The range is counted off the UI thread, and
    only when its first page is full (``counted`` says when the count is in)."""

    #: The entries of the range were counted (``total`` holds the number).
    counted = Signal()
    #: The first rows of a load are in (at once, or later for a sort read in the background).
    loaded = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[EntryRecord] = []  # the pages read so far
        self.total: int | None = 0  # the entries in the range, read or not; None until counted
        self.last: tuple[Any, ...] | None = None  # where the last row read stands in the order
        self.more = False  # the last page read was full: there may be more
        self._loads = 0  # which load a count or a page coming back belongs to
        self.reading = False  # a page is being read in the background
        self.last_error = ""
        self.range: tuple[dt.date, dt.date, list[int] | None] | None = None
        self.sort_field = "day"
        self.descending = True
        # Resolved once per load, not once per cell (the zone reads /etc/localtime).
        self.tz: dt.tzinfo = dt.UTC
        self.currency = ""

    def load(self, start: dt.date, end: dt.date, trackable_ids: list[int] | None, *,
             keep: int = 0) -> None:
        """Count the range and read its first page (or the first ``keep`` rows, so a
        reload after a change keeps what was scrolled to)."""
        settings = self.ctx.settings()
        self.tz, self.currency = settings.tz, settings.currency
        self.range = (start, end, trackable_ids)
        self._loads += 1
        self.reading = False  # a read still going belongs to an earlier load: it is dropped
        load, limit = self._loads, max(PAGE_SIZE, keep)
        if self.sort_field in QUICK_SORTS:
            self._show_first(load, limit, self._read_now(limit, None))
        else:  # the rows shown stay until the sorted ones are in
            self._read_later(limit, None, lambda page: self._show_first(load, limit, page))

    def _show_first(self, load: int, limit: int, page: pages.Page) -> None:
        if load != self._loads or self.range is None:
            return  # a later load, or a clear, came first
        start, end, trackable_ids = self.range
        self.beginResetModel()
        self.rows, self.last = page.records, page.last
        self.more = len(page.records) == limit
        self.total = None if self.more else len(self.rows)
        self.endResetModel()
        self.loaded.emit()
        if self.total is None:  # a full first page: count the rest off the UI thread

            def done(n: int) -> None:
                if load == self._loads:
                    self.total = max(int(n), len(self.rows))
                    self.counted.emit()

            self.ctx.run_background(pages.count_entries, done, db=self.ctx.db, start=start,
                                    end=end, trackable_ids=trackable_ids)

    def clear(self) -> None:
        self._loads += 1
        self.beginResetModel()
        self.range, self.rows, self.total, self.last, self.more = None, [], 0, None, False
        self.reading = False
        self.endResetModel()

    def _page_args(self, limit: int, after: tuple[Any, ...] | None) -> dict[str, Any]:
        assert self.range is not None
        start, end, tids = self.range
        return dict(db=self.ctx.db, start=start, end=end, trackable_ids=tids, sort=self.sort_field,
                    descending=self.descending, limit=limit, after=after)

    def _read_now(self, limit: int, after: tuple[Any, ...] | None) -> pages.Page:
        return pages.read_page(**self._page_args(limit, after))

    def _read_later(self, limit: int, after: tuple[Any, ...] | None,
                    then: Any) -> None:
        load = self._loads
        self.reading = True

        def done(page: pages.Page) -> None:
            if load == self._loads:
                self.reading = False
                then(page)

        def failed(exc: BaseException) -> None:
            if load == self._loads:
                self.reading = False
                self.ctx.status.emit(self.tr("The entries could not be read: {why}").format(
                    why=type(exc).__name__))

        self.ctx.run_background(pages.read_page, done, failed, **self._page_args(limit, after))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self.more and not self.reading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or not self.more or self.reading or self.range is None:
            return
        if self.sort_field in QUICK_SORTS:
            self._append(self._read_now(PAGE_SIZE, self.last))
        else:
            self._read_later(PAGE_SIZE, self.last, self._append)

    def _append(self, page: pages.Page) -> None:
        self.more = len(page.records) == PAGE_SIZE
        if not page.records:
            return
        self.last = page.last
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.records) - 1)
        self.rows.extend(page.records)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by SQLite: read again from the first page in the new order."""
        self.sort_field = COLUMNS[column][1]
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.range is not None:
            self.load(*self.range)

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
            return r.occurred_at.astimezone(self.tz).strftime("%H:%M")
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
                if field == "note":
                    return " ".join(str(value).split())  # one line in the cell; all of it in the tooltip
                if field == "day":
                    return locale_fmt.short_date(r.day)
                if field == "time":
                    return locale_fmt.time_of(r.occurred_at.astimezone(self.tz))
                if field == "cost" and isinstance(value, float):
                    return formatting.money(value, self.currency, locale=locale_fmt.locale_name())
                if isinstance(value, float):
                    return formatting.number(value, 6, locale=locale_fmt.locale_name())
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field == "note" and r.note:
            return r.note
        if role == RECORD_ROLE:
            return r
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
        elif field == "day":
            day = value.toPython() if isinstance(value, QDate) else value
            if not isinstance(day, dt.date):
                return False
            if day == r.day:
                return True  # nothing changed: no undo step
            change = {"at": moved_to(r, day, self.ctx.settings().tz)}
        elif field == "trackable":
            if value is None or value == r.trackable_id:
                return value is not None
            change = {"trackable": int(value)}
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
        self.start.setDate(first)
        self.end.setDate(today)
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
        self.model.counted.connect(self._show_count)
        self.model.loaded.connect(self._after_load)
        self._restore: tuple[set[int], tuple[int, int] | None, int] = (set(), None, 0)
        self._shown_range: tuple[dt.date, dt.date, int | None] | None = None
        # Columns are fitted once rows are there, and again after a change of settings or
        # names, not on every reload (that would also undo widths the user dragged).
        self._fit_pending = True
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Entries"))
        self.table.setAccessibleDescription(self.tr("Double-click or press F2 to correct a value"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setItemDelegate(EntryDelegate(ctx, self.table))
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (no keyboard trap)
        self.table.setWordWrap(False)  # a long note is cut with "…", not wrapped out of sight
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        # Widths from the first page (see _fit_columns): ResizeToContents would ask every
        # row read for every cell's size on each layout.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(FIT_SAMPLE)
        header.setStretchLastSection(True)
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
        self._when_shown = RefreshWhenShown(self, self._refresh_timer.start)
        ctx.data_changed.connect(self._on_changes)
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

    def _on_changes(self, changes: Changes) -> None:
        """Reload when an entry of the dates and trackable shown changed (names, formats: any)."""
        tid = self.filter.currentData()
        shown = changes.touches_days(self.start.date().toPython(), self.end.date().toPython()) and (
            changes.all or tid in changes.trackables or (tid is None and bool(changes.trackables)))
        if changes.all or changes.settings or changes.catalog:
            self._fit_pending = True
        if shown or changes.all or changes.settings or changes.catalog:
            self._when_shown.request()

    def set_range(self, start: dt.date, end: dt.date) -> None:
        self.start.setDate(start)
        self.end.setDate(end)

    def refresh(self) -> None:
        if self.filter.count() != len(trackables.list_trackables(self.ctx.db, include_archived=True)) + 1:
            self._fill_filter()
        start = self.start.date().toPython()
        end = self.end.date().toPython()
        if start > end:
            self.summary.setText(self.tr("The start date is after the end date."))
            self.model.clear()
            self._shown_range = None
            return
        tid = self.filter.currentData()
        same = self._shown_range == (start, end, tid)
        selected, current, scrolled = self._where_the_user_is() if same else (set(), None, 0)
        keep = min(len(self.model.rows), RELOAD_ROWS) if same else 0
        self._shown_range = (start, end, tid)
        self._restore = (selected, current, scrolled)
        self.model.load(start, end, [tid] if tid else None, keep=keep)

    def _after_load(self) -> None:
        """Once the first rows are in: fit the columns if due, select again what was
        selected before a reload, and say how many entries there are."""
        if self._fit_pending and self.model.rows:
            self._fit_columns()
            self._fit_pending = False
        selected, current, scrolled = self._restore
        self._restore = (set(), None, 0)  # a sort starts from the top, with nothing selected
        self._put_back(selected, current, scrolled)
        self._show_count()

    def _show_count(self) -> None:
        start = self.start.date().toPython()
        end = self.end.date().toPython()
        total = self.model.total
        if total is None:
            self.summary.setText(self.tr("Counting the entries from {a} to {b}…").format(
                a=locale_fmt.short_date(start), b=locale_fmt.short_date(end)))
        elif total:
            self.summary.setText(self.tr("%n entries from {a} to {b}. Double-click a cell to correct it; "
                                         "Ctrl+Z undoes.", "", total).format(
                a=locale_fmt.short_date(start), b=locale_fmt.short_date(end)))
        else:
            self.summary.setText(self.tr("No entries in this range. Widen the dates or choose “Everything”."))

    def _where_the_user_is(self) -> tuple[set[int], tuple[int, int] | None, int]:
        """The selected entries' ids, the current cell (entry id, column) and the scroll."""
        rows = self.model.rows
        selected = {rows[i.row()].id for i in self.table.selectionModel().selectedRows()
                    if i.row() < len(rows)}
        index = self.table.currentIndex()
        current = None
        if index.isValid() and index.row() < len(rows):
            current = (rows[index.row()].id, index.column())
        return selected, current, self.table.verticalScrollBar().value()

    def _put_back(self, selected: set[int], current: tuple[int, int] | None, scrolled: int) -> None:
        """Select again the entries still among the rows read, after a reload."""
        if not (selected or current):
            return
        row_of = {r.id: i for i, r in enumerate(self.model.rows)}
        choice = QItemSelection()
        for entry_id in selected & row_of.keys():
            row = row_of[entry_id]
            choice.select(self.model.index(row, 0), self.model.index(row, len(COLUMNS) - 1))
        flags = QItemSelectionModel.SelectionFlag
        model = self.table.selectionModel()
        if current and current[0] in row_of:
            model.setCurrentIndex(self.model.index(row_of[current[0]], current[1]), flags.NoUpdate)
        model.select(choice, flags.ClearAndSelect)
        self.table.verticalScrollBar().setValue(scrolled)

    def _fit_columns(self) -> None:
        """Every column as wide as its text in the rows read (the first page: a sample,
        not the whole range); the note at most NOTE_WIDTH."""
        self.table.resizeColumnsToContents()
        self._fit_note()

    def _fit_note(self) -> None:
        """The note column as wide as its text, at most NOTE_WIDTH (longer text is cut)."""
        note = [c[1] for c in COLUMNS].index("note")
        hint = self.table.sizeHintForColumn(note)
        header = self.table.horizontalHeader().sectionSizeHint(note)
        self.table.setColumnWidth(note, min(max(hint, header), NOTE_WIDTH))

    @classmethod
    def shortcut_help(cls) -> list[tuple[str, str]]:
        """For the F1 list (read from the class, before the screen is first opened)."""
        return [(cls.tr("Delete the selected entries (History)"), "Delete")]

    def delete_selected(self) -> None:
        ids = sorted({self.model.rows[i.row()].id
                      for i in self.table.selectionModel().selectedRows()})
        if not ids:
            return
        try:
            command = commands.DeleteEntries(self.ctx, ids)
        except HarmTrackError as exc:
            self.ctx.status.emit(self.tr("Not deleted: {why}").format(why=exc))
            return
        n = len(command.records)
        command.setText(self.tr("delete %n entries", "", n))
        self.ctx.undo_stack.push(command)
        message = self.tr("Deleted %n entries. Ctrl+Z undoes.", "", n)
        if command.error:
            message += " " + self.tr("The others were kept: {why}").format(why=command.error)
        self.ctx.status.emit(message)
