"""The taper planner: baseline to target over N weeks, steps reviewed and edited before saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.goals import guidelines, progress, taper
from harmtrack.core.quantities import formatting
from harmtrack.core.tracking import entries, trackables
from harmtrack.core.tracking.trackables import TrackableInfo

from .context import AppContext
from .goal_editor import WARNING_STYLE, safety_html
from .widgets.when_shown import RefreshWhenShown
from .workers import LatestOnly


class TaperPlanner(QWidget):
    """Plan a taper, review and edit each week's ceiling, then save it as one goal."""

    #: The taper was saved as a goal (its id): the goals screen selects it in its list.
    saved = Signal(int)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.plan: taper.TaperPlan | None = None
        self._trackables: list[TrackableInfo] = []
        self._baseline_job = LatestOnly(ctx.run_background, self)
        self._when_shown = RefreshWhenShown(self, self.refresh_baseline)
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr("A taper steps down week by week from where you are now to where you "
                               "want to be. Review each week's ceiling and change any of them "
                               "before saving."))
        intro.setWordWrap(True)
        intro.setObjectName("Hint")
        outer.addWidget(intro)
        form = QFormLayout()
        self.trackable = QComboBox()
        self.trackable.setAccessibleName(self.tr("What to taper"))
        self.type = QComboBox()
        self.type.setAccessibleName(self.tr("Ceiling per day or per week"))
        self.type.addItem(self.tr("Per week"), "weekly-max")
        self.type.addItem(self.tr("Per day"), "daily-max")
        self.baseline = QDoubleSpinBox()
        self.baseline.setRange(0, 1_000_000)
        self.baseline.setDecimals(2)
        self.baseline.setAccessibleName(self.tr("Starting level"))
        self.baseline_hint = QLabel()
        self.baseline_hint.setObjectName("Hint")
        self.baseline_hint.setWordWrap(True)
        self.target = QDoubleSpinBox()
        self.target.setRange(0, 1_000_000)
        self.target.setDecimals(2)
        self.target.setAccessibleName(self.tr("Ceiling in the last week"))
        self.weeks = QSpinBox()
        self.weeks.setRange(1, taper.MAX_WEEKS)
        self.weeks.setValue(6)
        self.weeks.setAccessibleName(self.tr("Number of weeks"))
        self.style_box = QComboBox()
        self.style_box.setAccessibleName(self.tr("Step style"))
        self.style_box.addItem(self.tr("Equal steps"), "linear")
        self.style_box.addItem(self.tr("Same percentage each week"), "percent")
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setAccessibleName(self.tr("First week starts"))
        form.addRow(self.tr("&Taper:"), self.trackable)
        form.addRow(self.tr("&Ceiling:"), self.type)
        form.addRow(self.tr("&Starting level:"), self.baseline)
        form.addRow("", self.baseline_hint)
        form.addRow(self.tr("&Reach:"), self.target)
        form.addRow(self.tr("&Over weeks:"), self.weeks)
        form.addRow(self.tr("St&eps:"), self.style_box)
        form.addRow(self.tr("First &week:"), self.start)
        for w in (self.trackable, self.type, self.baseline, self.target, self.weeks, self.style_box,
                  self.start):
            buddy = form.labelForField(w)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(w)
        outer.addLayout(form)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setAccessibleName(self.tr("Safety note"))
        outer.addWidget(self.warning)
        self.plan_button = QPushButton(self.tr("&Plan the steps"))
        self.plan_button.setAccessibleName(self.tr("Plan the steps"))
        self.plan_button.clicked.connect(self.make_plan)
        outer.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.steps = QTableWidget(0, 3)
        self.steps.setAccessibleName(self.tr("Week-by-week ceilings (editable)"))
        self.steps.setHorizontalHeaderLabels([self.tr("Week"), self.tr("From"), self.tr("At most")])
        self.steps.verticalHeader().hide()
        self.steps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        outer.addWidget(self.steps, 1)
        # What saving does to the current goal of this kind, said before saving.
        self.replaces = QLabel()
        self.replaces.setWordWrap(True)
        self.replaces.setAccessibleName(self.tr("What this plan replaces"))
        self.replaces.hide()
        outer.addWidget(self.replaces)
        row = QHBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.save = QPushButton(self.tr("Save &plan"))
        self.save.setAccessibleName(self.tr("Save the taper plan"))
        self.save.setEnabled(False)
        self.save.clicked.connect(self.submit)
        row.addWidget(self.error, 1)
        row.addWidget(self.save)
        outer.addLayout(row)
        self.trackable.currentIndexChanged.connect(self.refresh_baseline)
        self.type.currentIndexChanged.connect(self.refresh_baseline)
        self.reload()

    def reload(self) -> None:
        keep = self.trackable.currentData()
        self._trackables = trackables.list_trackables(self.ctx.db)
        self.trackable.blockSignals(True)
        self.trackable.clear()
        for t in self._trackables:
            self.trackable.addItem(t.name, t.id)
        self.trackable.setCurrentIndex(max(self.trackable.findData(keep), 0))
        self.trackable.blockSignals(False)
        s = self.ctx.settings()
        self.start.setDate(taper.default_start(entries.today(self.ctx.db, s), s.week_start))
        self.refresh_baseline()

    def refresh_baseline(self, *_args: object) -> None:
        tid = self.trackable.currentData()
        t = next((x for x in self._trackables if x.id == tid), None)
        self.plan = None
        self.steps.setRowCount(0)
        self.save.setEnabled(False)
        self.replaces.hide()
        if t is None:
            self._baseline_job.drop()
            self.plan_button.setEnabled(True)  # it says what is missing
            self.baseline_hint.setText(self.tr("Choose what to track first."))
            self.warning.hide()
            return
        note = guidelines.withdrawal_note(t.builtin_key)
        self.warning.setVisible(note is not None)
        if note is not None:
            self.warning.setText(safety_html(note))
        if not self.isVisible():  # its tab is not shown: worked out when it is
            self._when_shown.mark_stale()
            self.baseline_hint.clear()
            return
        # The baseline reads the last 12 weeks: off the UI thread, the newest request wins.
        # What the user types meanwhile is kept (the figures only fill fields left alone).
        self.baseline_hint.setText(self.tr("Working out where you are now…"))
        self.plan_button.setEnabled(False)  # the plan starts from the level being worked out
        typed = (self.baseline.value(), self.target.value())
        self._baseline_job.request(
            progress.baseline, lambda b: self._show_baseline(b, typed), self._baseline_failed,
            db=self.ctx.db, trackable_id=t.id, goal_type=str(self.type.currentData()),
            settings=self.ctx.settings())

    def _show_baseline(self, b: progress.Baseline, typed: tuple[float, float]) -> None:
        self.plan_button.setEnabled(True)
        if b.value is None:
            self.baseline_hint.setText(self.tr("Not enough history for a baseline yet: enter where "
                                               "you are now."))
            return
        self.baseline_hint.setText(b.text)
        if self.baseline.value() == typed[0]:
            self.baseline.setValue(b.value)
        if self.target.value() == typed[1] and b.value > 0:
            self.target.setValue(round(b.value / 2, 1))  # halving: a default, never 0

    def _baseline_failed(self, exc: BaseException) -> None:
        self.plan_button.setEnabled(True)
        self.baseline_hint.setText(str(exc) if isinstance(exc, HarmTrackError) else self.tr(
            "Could not work out a baseline: enter where you are now."))

    def make_plan(self) -> None:
        """Compute the steps into the table (nothing is saved yet)."""
        self.error.clear()
        tid = self.trackable.currentData()
        if tid is None:
            self.error.setText(self.tr("choose what to taper"))
            return
        try:
            self.plan = taper.preview_taper(
                self.ctx.db, int(tid), self.target.value(), self.weeks.value(),
                start=self.start.date().toPython(), style=str(self.style_box.currentData()),
                goal_type=str(self.type.currentData()), baseline=self.baseline.value())
        except HarmTrackError as exc:
            self.plan = None
            self.steps.setRowCount(0)
            self.save.setEnabled(False)
            self.replaces.hide()
            self.error.setText(str(exc))
            return
        self.replaces.setText(self.plan.replaces_text)
        self.replaces.setVisible(bool(self.plan.replaces_text))
        unit = self.plan.unit
        self.steps.setRowCount(len(self.plan.steps))
        for i, s in enumerate(self.plan.steps):
            week = QTableWidgetItem(str(s.week))
            day = QTableWidgetItem(f"{s.start:%a %-d %b %Y}")
            day.setData(Qt.ItemDataRole.UserRole, s.start.isoformat())
            for item in (week, day):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            value = QTableWidgetItem(formatting.number(s.target))
            value.setToolTip(self.tr("At most this many {unit}; double-click to change").format(unit=unit))
            self.steps.setItem(i, 0, week)
            self.steps.setItem(i, 1, day)
            self.steps.setItem(i, 2, value)
        self.save.setEnabled(True)

    def edited_steps(self) -> list[tuple[dt.date, str]]:
        """The steps as they stand in the table (the user may have changed any ceiling)."""
        out = []
        for i in range(self.steps.rowCount()):
            day_item, value_item = self.steps.item(i, 1), self.steps.item(i, 2)
            day = dt.date.fromisoformat(str(day_item.data(Qt.ItemDataRole.UserRole)))
            out.append((day, value_item.text() if value_item else ""))
        return out

    def submit(self) -> None:
        self.error.clear()
        if self.plan is None:
            self.error.setText(self.tr("plan the steps first"))
            return
        try:
            g = taper.save_taper(self.ctx.db, self.plan, self.edited_steps())
        except HarmTrackError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.status.emit(self.tr("Taper plan saved"))
        self.replaces.hide()
        self.plan = None
        self.save.setEnabled(False)
        self.ctx.data_changed.emit(Changes(goals=True))
        self.saved.emit(g.id)
