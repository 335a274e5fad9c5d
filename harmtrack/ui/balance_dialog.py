"""Decisional balance and ideal use for one trackable, and the depressant classes a
trackable of the user's own belongs to (for the safer-use notes).

Opened from File ▸ Balance and ideal use…, What I track… and the plans screen. A write the
database refuses loses nothing: the text stays in the dialog, and in memory (``drafts``,
per trackable) when it closes, to be shown and saved the next time that trackable is shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.care import balance, combinations
from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import DatabaseError, HarmTrackError
from harmtrack.core.tracking import entries, trackables

from . import drafts
from .context import AppContext
from .locale_fmt import short_date


def _cut(text: str, limit: int = 110) -> str:
    """A side of a balance as the list shows it: "–" when empty, "…" past ``limit``."""
    if not text:
        return "–"
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class BalanceDialog(QDialog):
    """What a trackable gives and costs (dated), what I'd like my use to look like."""

    def __init__(self, ctx: AppContext, trackable_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("BalanceDialog")
        self.setWindowTitle(self.tr("Balance and ideal use"))
        self.setAccessibleName(self.tr("Balance and ideal use"))
        self.resize(640, 720)
        outer = QVBoxLayout(self)
        top = QFormLayout()
        self.trackable = QComboBox()
        self.trackable.setAccessibleName(self.tr("Which tracked thing"))
        for t in trackables.list_trackables(ctx.db):
            self.trackable.addItem(t.name, t.id)
        if trackable_id is not None and self.trackable.findData(trackable_id) >= 0:
            self.trackable.setCurrentIndex(self.trackable.findData(trackable_id))
        top.addRow(self.tr("For"), self.trackable)
        outer.addLayout(top)

        ideal_box = QGroupBox(self.tr("What I'd like my use to look like"))
        ideal_layout = QVBoxLayout(ideal_box)
        self.ideal = QPlainTextEdit()
        self.ideal.setAccessibleName(self.tr("What I'd like my use to look like"))
        self.ideal.setPlaceholderText(self.tr("e.g. only at weekends, with friends, two at most; "
                                              "never before driving"))
        self.ideal.setTabChangesFocus(True)
        self.ideal.setMaximumHeight(100)
        ideal_layout.addWidget(self.ideal)
        outer.addWidget(ideal_box)

        bal_box = QGroupBox(self.tr("Decisional balance"))
        bal = QVBoxLayout(bal_box)
        hint = QLabel(self.tr("Both sides are real. Writing them down, now and then, shows how they "
                              "change over time."))
        hint.setWordWrap(True)
        hint.setObjectName("Hint")
        bal.addWidget(hint)
        grid = QGridLayout()
        self.gives = QPlainTextEdit()
        self.gives.setAccessibleName(self.tr("What it gives me"))
        self.gives.setPlaceholderText(self.tr("e.g. it helps me relax after work"))
        self.costs = QPlainTextEdit()
        self.costs.setAccessibleName(self.tr("What it costs me"))
        self.costs.setPlaceholderText(self.tr("e.g. poor sleep, money"))
        for edit in (self.gives, self.costs, self.ideal):
            edit.setTabChangesFocus(True)  # Tab moves on (no keyboard trap)
            edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it wraps
        for edit in (self.gives, self.costs):
            edit.setMaximumHeight(110)
        grid.addWidget(QLabel(self.tr("What it gives me")), 0, 0)
        grid.addWidget(QLabel(self.tr("What it costs me")), 0, 1)
        grid.addWidget(self.gives, 1, 0)
        grid.addWidget(self.costs, 1, 1)
        bal.addLayout(grid)
        row = QHBoxLayout()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Date of this balance"))
        today = entries.today(ctx.db, ctx.settings())
        self.today = today
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.add_button = QPushButton(self.tr("&Add this balance"))
        self.add_button.setAccessibleName(self.tr("Add this balance"))
        self.add_button.clicked.connect(self.add_balance)
        row.addWidget(QLabel(self.tr("Date")))
        row.addWidget(self.date)
        row.addStretch(1)
        row.addWidget(self.add_button)
        bal.addLayout(row)
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Earlier balances, newest first"))
        self.history.setWordWrap(True)
        self.history.setMinimumHeight(90)
        bal.addWidget(self.history, 1)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected balance"))
        self.remove_button.clicked.connect(self.remove_selected)
        bal.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(bal_box, 1)

        self.class_box = QGroupBox(self.tr("Safer-use notes on combinations"))
        class_layout = QVBoxLayout(self.class_box)
        self.class_hint = QLabel()
        self.class_hint.setWordWrap(True)
        self.class_hint.setObjectName("Hint")
        class_layout.addWidget(self.class_hint)
        class_row = QHBoxLayout()
        self.class_boxes: dict[str, QCheckBox] = {}
        for c in combinations.classes():
            box = QCheckBox(c.name)
            box.setAccessibleName(self.tr("Counts as {name}").format(name=c.name))
            box.toggled.connect(lambda _on: self.save_classes())
            class_row.addWidget(box)
            self.class_boxes[c.key] = box
        class_row.addStretch(1)
        class_layout.addLayout(class_row)
        outer.addWidget(self.class_box)

        self.message = QLabel()
        self.message.setObjectName("Error")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            self.tr("Close (what you wrote is kept)"))
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._shown_id: int | None = None
        self._loading = False
        #: True once the user was told that a write failed (a Close after that closes).
        self._failed = False
        self.trackable.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def current_id(self) -> int | None:
        data = self.trackable.currentData()
        return int(data) if data is not None else None

    def load(self) -> None:
        """Show the chosen trackable's plan, balances and classes (keeping what was typed)."""
        if self._shown_id is not None and self._shown_id != self.current_id():
            self.save_ideal(self._shown_id)
        tid = self.current_id()
        self._shown_id = tid
        self._loading = True
        try:
            plan = balance.ideal_use(self.ctx.db, tid) if tid is not None else None
            self.ideal.setPlainText(plan.text if plan else "")
            self._saved_ideal = self.ideal.toPlainText()
            self._restore_draft(tid)
            self.refresh_history()
            self._load_classes(tid)
        finally:
            self._loading = False
        for w in (self.ideal, self.gives, self.costs, self.add_button, self.date):
            w.setEnabled(tid is not None)

    @staticmethod
    def _draft_name(tid: int) -> str:
        return f"balance:{tid}"

    def _restore_draft(self, tid: int | None) -> None:
        """Show again what could not be saved for ``tid`` (it is saved on the next try)."""
        draft = drafts.get(self.ctx.db, self._draft_name(tid)) if tid is not None else None
        if not draft:
            return
        if "ideal" in draft:
            self.ideal.setPlainText(draft["ideal"])
        if "gives" in draft or "costs" in draft:
            self.gives.setPlainText(draft.get("gives", ""))
            self.costs.setPlainText(draft.get("costs", ""))
        self.message.setText(self.tr("What you wrote earlier could not be saved yet, so it is "
                                     "shown here: close or add it to keep it."))

    def _keep_draft(self, tid: int, exc: HarmTrackError, **texts: str) -> None:
        """Remember ``texts`` for ``tid`` in memory and say, in one line, what happened."""
        name = self._draft_name(tid)
        drafts.keep(self.ctx.db, name, {**(drafts.get(self.ctx.db, name) or {}), **texts})
        self._failed = True
        if isinstance(exc, DatabaseError):
            self.message.setText(self.tr(
                "Not saved: {reason}. What you wrote is kept: try again, or close and it "
                "comes back next time.").format(reason=drafts.reason(exc)))
        else:
            self.message.setText(str(exc))

    def _settle_draft(self, tid: int, *fields: str) -> None:
        """``fields`` of ``tid`` are stored now: their draft goes."""
        name = self._draft_name(tid)
        left = {k: v for k, v in (drafts.get(self.ctx.db, name) or {}).items() if k not in fields}
        if left:
            drafts.keep(self.ctx.db, name, left)
        else:
            drafts.drop(self.ctx.db, name)

    def _load_classes(self, tid: int | None) -> None:
        info = trackables.get_trackable(self.ctx.db, tid) if tid is not None else None
        own: set[str] = set()
        every: set[str] = set()
        if tid is not None:
            own = set(combinations.own_classes(self.ctx.db, tid))
            every = set(combinations.trackable_classes(self.ctx.db).get(tid, frozenset()))
        fixed = every - own  # from the catalog: a built-in trackable's class is not the user's choice
        for key, box in self.class_boxes.items():
            box.setChecked(key in every)
            box.setEnabled(tid is not None and key not in fixed)
        self.class_box.setVisible(info is None or info.kind == "substance")
        if fixed:
            self.class_hint.setText(self.tr(
                "HarmTrack shows a calm note when this and another depressant are logged a few hours "
                "apart. This one's class comes from the built-in list."))
        else:
            self.class_hint.setText(self.tr(
                "Tick what this counts as, and HarmTrack will show a calm note when it and another "
                "depressant are logged a few hours apart."))

    def refresh_history(self) -> None:
        self.history.clear()
        tid = self.current_id()
        rows = balance.balances(self.ctx.db, tid) if tid is not None else []
        for b in rows:
            line = self.tr("{date} — gives: {gives}  ·  costs: {costs}")
            text = line.format(date=short_date(b.date), gives=b.gives or "–", costs=b.costs or "–")
            # A long balance is cut in the list, each side on its own, so both show; the
            # tooltip has it whole.
            item = QListWidgetItem(line.format(date=short_date(b.date), gives=_cut(b.gives),
                                               costs=_cut(b.costs)))
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            item.setToolTip(text)
            self.history.addItem(item)
        if not rows:
            item = QListWidgetItem(self.tr("No balance written yet for this one."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.history.addItem(item)
        self.remove_button.setEnabled(bool(rows))

    def _changed(self) -> None:
        self.ctx.data_changed.emit(Changes(plans=True))

    @Slot()
    def add_balance(self) -> bool:
        """Store the balance typed; True when it is stored."""
        tid = self.current_id()
        if tid is None:
            return True
        q = self.date.date()
        gives, costs = self.gives.toPlainText(), self.costs.toPlainText()
        try:
            balance.add_balance(self.ctx.db, tid, dt.date(q.year(), q.month(), q.day()),
                                gives, costs, today=self.today)
        except HarmTrackError as exc:
            if gives.strip() or costs.strip():
                self._keep_draft(tid, exc, gives=gives, costs=costs)
            else:
                self.message.setText(str(exc))
            return False
        self._settle_draft(tid, "gives", "costs")
        self._failed = False
        self.message.clear()
        self.gives.clear()
        self.costs.clear()
        self.refresh_history()
        self._changed()
        return True

    @Slot()
    def remove_selected(self) -> None:
        item = self.history.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            self.message.setText(self.tr("Select a balance to remove."))
            return
        balance.delete_balance(self.ctx.db, int(item.data(Qt.ItemDataRole.UserRole)))
        self.refresh_history()
        self._changed()

    def save_classes(self) -> None:
        tid = self.current_id()
        if self._loading or tid is None:
            return
        every = combinations.trackable_classes(self.ctx.db).get(tid, frozenset())
        fixed = set(every) - set(combinations.own_classes(self.ctx.db, tid))
        wanted = [k for k, box in self.class_boxes.items() if box.isChecked() and k not in fixed]
        try:
            combinations.set_own_classes(self.ctx.db, tid, wanted)
        except HarmTrackError as exc:
            self.message.setText(str(exc))

    def save_ideal(self, tid: int | None = None) -> bool:
        """Write the ideal-use plan if it changed; True when stored."""
        tid = self.current_id() if tid is None else tid
        text = self.ideal.toPlainText()
        if tid is None:
            return True
        if text == self._saved_ideal:
            self._settle_draft(tid, "ideal")
            return True
        try:
            balance.set_ideal_use(self.ctx.db, tid, text)
        except HarmTrackError as exc:
            self._keep_draft(tid, exc, ideal=text)
            return False
        self._settle_draft(tid, "ideal")
        self._saved_ideal = text
        self._changed()
        return True

    def reject(self) -> None:
        # Closing (or the app locking) saves what was typed: the ideal-use plan, and a
        # balance written but not yet added. When the database refuses, the first Close
        # keeps the dialog open with the message and the text; a second Close, or the lock
        # (never held up), closes it with the text kept in memory for next time.
        told = self._failed
        typed = self.gives.toPlainText().strip() or self.costs.toPlainText().strip()
        stored = self.add_balance() if typed and self.current_id() is not None else True
        stored = self.save_ideal() and stored
        if not stored:
            if not (told or self.ctx.locking):
                return
            self.ctx.status.emit(self.tr(
                "Not everything you wrote is saved yet: it is shown again when you open "
                "Balance and ideal use (until HarmTrack quits)."))
        super().reject()
