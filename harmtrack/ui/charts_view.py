"""The charts screen: pick what, when and which chart; hover for exact values.

Chart data is computed on a worker thread (``ctx.run_background``), and the canvas
draws it on another (``widgets/chart_canvas.py``), so switching charts or ranges never
freezes the window; results of a request that was superseded are dropped.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.charts import data as chartdata
from harmtrack.core.charts import ranges
from harmtrack.core.common.changes import Changes
from harmtrack.core.tracking import entries, trackables

from .context import AppContext
from .theme import chart_theme
from .widgets.when_shown import RefreshWhenShown

log = logging.getLogger(__name__)

#: (key, label) of the range presets, in menu order (defined once, in the core).
PRESETS: list[tuple[str, str]] = list(ranges.PRESETS)


class ChartsView(QWidget):
    """Trackable, range and chart selectors over one chart canvas."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Imported here: matplotlib's Qt backend loads only when charts are first opened.
        from .widgets.chart_canvas import ChartCanvas

        self.ctx = ctx
        self.data: chartdata.ChartData | None = None
        from .workers import LatestOnly

        # The newest choice's data only, and none once this screen is gone (the window
        # closed while a chart was being worked out).
        self.loading = LatestOnly(ctx.run_background, owner=self)
        self._when_shown = RefreshWhenShown(self, self._reload)
        self.review: QWidget | None = None

        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.trackable = QComboBox()
        self.trackable.setAccessibleName(self.tr("What to chart"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Chart"))
        for key in chartdata.KINDS:
            self.kind.addItem(self.tr(chartdata.TITLES[key]), key)
        self.range = QComboBox()
        self.range.setAccessibleName(self.tr("Date range"))
        for key, label in PRESETS:
            self.range.addItem(self.tr(label), key)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, self.tr("From")), (self.end, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.guideline = QComboBox()
        self.guideline.setAccessibleName(self.tr("Guideline line"))
        self.guideline.setToolTip(self.tr("Draw a published lower-risk guideline for context"))
        self._builtin: dict[int, str | None] = {}
        self.review_button = QPushButton(self.tr("Review with my therapist…"))
        self.review_button.setAccessibleName(self.tr("Start review mode"))
        self.review_button.setToolTip(self.tr("Full-screen charts since your last session (F11)"))
        labels = [(self.tr("&Show"), self.trackable), (self.tr("&Chart"), self.kind),
                  (self.tr("&Range"), self.range)]
        for text, widget in labels:
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.start)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.end)
        bar.addStretch(1)
        outer.addLayout(bar)
        bar2 = QHBoxLayout()
        guide_label = QLabel(self.tr("&Guideline"))
        guide_label.setBuddy(self.guideline)
        bar2.addWidget(guide_label)
        bar2.addWidget(self.guideline)
        bar2.addStretch(1)
        bar2.addWidget(self.review_button)
        outer.addLayout(bar2)
        # Long trackable or guideline names must not widen the window.
        for combo in (self.trackable, self.guideline):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)

        self.note = QLabel()
        self.note.setObjectName("Hint")
        outer.addWidget(self.note)
        self.canvas = ChartCanvas(self)
        outer.addWidget(self.canvas, 1)
        self.status = QLabel(" ")
        self.status.setObjectName("Hint")
        self.status.setAccessibleName(self.tr("Value under the pointer"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Chart summary"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status)
        outer.addWidget(self.summary)

        self.reload_trackables()
        self._set_range_edits()
        self.reload_guidelines()
        self.guideline.currentIndexChanged.connect(self._on_guideline)
        self.trackable.currentIndexChanged.connect(self._on_trackable)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.range.currentIndexChanged.connect(self._on_range)
        self.start.dateChanged.connect(self._on_dates)
        self.end.dateChanged.connect(self._on_dates)
        self.review_button.clicked.connect(self.open_review)
        self.canvas.hovered.connect(self._on_hover)
        self.canvas.day_clicked.connect(self._open_day)
        ctx.data_changed.connect(self._on_data_changed)  # settings changes arrive here too
        QShortcut(QKeySequence("F11"), self, self.open_review)
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.step_kind(1))
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.step_kind(-1))
        self.refresh()

    # --- choices ------------------------------------------------------------------------
    @classmethod
    def shortcut_help(cls) -> list[tuple[str, str]]:
        """For the F1 list (read from the class, before the screen is first opened)."""
        return [(cls.tr("Next / previous chart"), "Alt+Right / Alt+Left"),
                (cls.tr("Review with my therapist (Charts screen)"), "F11"),
                (cls.tr("Review: back to the overview of everything (it opens there)"), "Home"),
                (cls.tr("Review: step from the overview through the charts and back"),
                 "Right / Left, Page Down / Page Up"),
                (cls.tr("Review: open the small chart that has the focus"), "Enter"),
                (cls.tr("Review: leave"), "Esc / F11")]

    def reload_trackables(self) -> None:
        current = self.trackable.currentData()
        self.trackable.blockSignals(True)
        self.trackable.clear()
        self.trackable.addItem(self.tr("All together (triggers, time of day, money)"), None)
        for t in trackables.list_trackables(self.ctx.db):
            self.trackable.addItem(t.name, t.id)
            self._builtin[t.id] = t.builtin_key
        index = self.trackable.findData(current) if current is not None else -1
        self.trackable.setCurrentIndex(index if index >= 0 else min(1, self.trackable.count() - 1))
        self.trackable.blockSignals(False)

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def current_trackable(self) -> int | None:
        value = self.trackable.currentData()
        return int(value) if value is not None else None

    def current_range(self) -> tuple[dt.date, dt.date, str]:
        custom = (self.start.date().toPython(), self.end.date().toPython())
        today = entries.today(self.ctx.db, self.ctx.settings())
        rng = ranges.preset_range(self.ctx.db, str(self.range.currentData()), today,
                                  custom, self.current_trackable())
        return rng.start, rng.end, rng.note

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def set_preset(self, key: str) -> None:
        self.range.setCurrentIndex(self.range.findData(key))

    def set_custom_range(self, start: dt.date, end: dt.date) -> None:
        for widget, apply in ((self.range, lambda: self.range.setCurrentIndex(
                                  self.range.findData("custom"))),
                              (self.start, lambda: self.start.setDate(start)),
                              (self.end, lambda: self.end.setDate(end))):
            widget.blockSignals(True)
            apply()
            widget.blockSignals(False)
        self._set_range_edits()
        self.refresh()

    def step_kind(self, step: int) -> None:
        self.kind.setCurrentIndex((self.kind.currentIndex() + step) % self.kind.count())

    def _set_range_edits(self) -> None:
        custom = self.range.currentData() == "custom"
        if not custom:
            start, end, _note = self.current_range()
            for edit, day in ((self.start, start), (self.end, end)):
                edit.blockSignals(True)
                edit.setDate(day)
                edit.blockSignals(False)
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)

    def reload_guidelines(self) -> None:
        """Guidelines published for the chosen trackable (alcohol, cannabis, gambling)."""
        from harmtrack.core.goals import guidelines

        tid = self.current_trackable()
        key = self._builtin.get(tid) if tid is not None else None
        chosen = self.ctx.settings().guideline
        self.guideline.blockSignals(True)
        self.guideline.clear()
        self.guideline.addItem(self.tr("None"), None)
        for g in guidelines.guidelines(key) if key else []:
            if guidelines.limits_for(g, self.trackable_unit(), self.ctx.settings().country):
                self.guideline.addItem(g.label, g.key)
        index = self.guideline.findData(chosen) if chosen else 0
        self.guideline.setCurrentIndex(max(index, 0))
        self.guideline.setEnabled(self.guideline.count() > 1)
        self.guideline.blockSignals(False)

    def trackable_unit(self) -> str:
        tid = self.current_trackable()
        for t in trackables.list_trackables(self.ctx.db):
            if t.id == tid:
                return t.unit
        return ""

    def _on_guideline(self) -> None:
        key = self.guideline.currentData()
        if key != self.ctx.settings().guideline:
            self.ctx.update_settings(guideline=key)  # emits data_changed → redraw

    def _on_trackable(self) -> None:
        self.reload_guidelines()
        self._set_range_edits()
        self.refresh()

    def _on_kind(self) -> None:
        # The scores are about the user, not a trackable: the choice would do nothing.
        self.trackable.setEnabled(self.current_kind() not in chartdata.NO_TRACKABLE)
        self.refresh()

    def _on_range(self) -> None:
        self._set_range_edits()
        self.refresh()

    def _on_dates(self) -> None:
        if self.range.currentData() == "custom":
            self.refresh()

    def _on_data_changed(self, changes: Changes) -> None:
        if self.shows(changes):
            self._when_shown.request()

    def shows(self, changes: Changes) -> bool:
        """Whether ``changes`` touch the chart shown (its entries, goal line, range, names)."""
        if changes.all or changes.settings or changes.catalog or changes.goals or changes.sessions:
            return True
        if self.current_kind() in chartdata.NO_TRACKABLE:  # the scores: not about a trackable
            return changes.questionnaires
        # "All time" of a trackable not logged yet starts at the first entry of any.
        if self.range.currentData() == "all" and changes.entries:
            return True
        return changes.touches_trackable(self.current_trackable())

    def _reload(self) -> None:
        self.reload_trackables()
        self.reload_guidelines()
        self._set_range_edits()
        self.refresh()

    def activated(self) -> None:
        self.kind.setFocus()

    # --- loading and drawing ------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the chosen chart's data off the UI thread, then draw it."""
        start, end, note = self.current_range()
        self.note.setText(self.tr(note) if note else "")
        kind, tid = self.current_kind(), self.current_trackable()
        self.status.setText(self.tr("Loading…"))
        self.loading.request(chartdata.chart_data, self.show_data,
                             lambda exc: self.status.setText(str(exc)), db=self.ctx.db, kind=kind,
                             trackable_id=tid, start=start, end=end)

    def show_data(self, data: chartdata.ChartData) -> None:
        from harmtrack.core.charts.text import summary

        self.data = data
        self.summary.setText(summary(data))
        self.status.setText(self.tr("Point at a day or week to see its exact value; "
                                    "click a day to open it.") if not data.is_empty else " ")
        # The summary's lines set the canvas's height: lay out now, so the chart is drawn
        # once at its final size rather than again after the layout catches up.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.canvas.show_chart(data, chart_theme(self.ctx.settings().theme))

    def _on_hover(self, text: str) -> None:
        if text:
            self.status.setText(text)

    def _open_day(self, day: dt.date) -> None:
        self.ctx.navigate("log", day)

    # --- review mode --------------------------------------------------------------------
    def open_review(self) -> None:
        """Full-screen review with the therapist, opening on "since last session"."""
        from .review_mode import ReviewMode

        self.review = ReviewMode(self.ctx, self.current_trackable(), parent=self.window())
        self.review.closed.connect(self._review_closed)
        self.review.start()

    def _review_closed(self) -> None:
        self.review = None
        self.refresh()
