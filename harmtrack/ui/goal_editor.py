"""The goal editor: create a goal, or change a goal's target from a date on, with a live preview."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.goals import guidelines, judged, progress
from harmtrack.core.goals import store as goals
from harmtrack.core.goals.store import GoalInfo
from harmtrack.core.quantities import catalog, formatting
from harmtrack.core.tracking import entries, suggestions, trackables
from harmtrack.core.tracking.trackables import TrackableInfo

from . import locale_fmt
from .context import AppContext
from .workers import LatestOnly

WARNING_STYLE = ("QLabel { background: #FFF4D6; color: #4A3500; border: 1px solid #E0B94F;"
                 " border-radius: 6px; padding: 8px; }")


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalEditor", text)




def describe_goal(g: GoalInfo, today: dt.date | None = None, currency: str | None = None) -> str:
    """A plain sentence for a goal, e.g. "Alcohol: at most 10 standard drinks a week"
    (``currency``: the currency setting, for a money goal)."""
    value = g.current_target if today is None else g.target_now(today)
    t = (formatting.money(value, currency, locale=locale_fmt.locale_name()) if g.type == "money-weekly"
         else formatting.number(value, 2, locale=locale_fmt.locale_name()))
    pattern = {
        "daily-max": _tr("at most {t} {unit} a day"),
        "weekly-max": _tr("at most {t} {unit} a week"),
        "free-days": formatting.count(value, "use-free day") + _tr(" a week"),
        "practice": _tr("{practice} on {t} % of occasions"),
        "money-weekly": _tr("spend at most {t} a week"),
    }[g.type]
    text = pattern.format(t=t, unit=formatting.unit_for(value, g.unit), practice=g.practice)
    if g.taper_style:
        last = g.versions[-1]
        text += _tr(" (taper to {t} from {day})").format(t=formatting.number(last.target),
                                                        day=f"{last.effective_from:%-d %b}")
    return f"{g.trackable}: {text}"


def safety_html(note: guidelines.SafetyNote) -> str:
    """The withdrawal note with its sources, as rich text for a label."""
    # The note keeps its warm light background in both themes, so its links get a dark
    # colour of their own rather than the palette's (light blue in the dark theme).
    links = "; ".join(f'<a style="color:#5A3E00" href="{s.url}">{s.title}</a>' for s in note.sources)
    return f"<b>{note.title}.</b> {note.text}<br><small>{_tr('Sources:')} {links}</small>"


def guideline_context(t: TrackableInfo, goal_type: str, country: str) -> str:
    """Published guidelines for this trackable in its unit, for context (empty if none)."""
    if not t.builtin_key:
        return ""
    parts = []
    for g in guidelines.guidelines(t.builtin_key):
        limits = guidelines.limits_for(g, t.unit, country)
        if goal_type == "daily-max" and "day" in limits:
            parts.append(_tr("{label}: at most {n} a day").format(label=g.label,
                                                                 n=formatting.number(limits["day"])))
        elif goal_type == "weekly-max" and "week" in limits:
            parts.append(_tr("{label}: at most {n} a week").format(label=g.label,
                                                                  n=formatting.number(limits["week"])))
        elif not limits and not g.unit and goal_type in ("free-days", "weekly-max", "money-weekly"):
            parts.append(f"{g.label}: {g.summary}")
    if not parts:
        return ""
    unit = t.unit if goal_type in ("daily-max", "weekly-max") else ""
    head = _tr("For context (in your {unit}): ").format(unit=unit) if unit else _tr("For context: ")
    return head + " · ".join(parts)


class GoalEditor(QWidget):
    """Create a goal, or change a chosen goal's target from a date on."""

    #: A goal was saved (its id): the goals screen selects it in its list.
    saved = Signal(int)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.goal: GoalInfo | None = None
        #: Judged weeks, shared with the goal list (GoalsView hands it its own).
        self.judged = judged.JudgedPeriods()
        self._trackables: list[TrackableInfo] = []
        self._suggestion: float | None = None
        # The baseline and the preview read weeks of history: worked out off the UI
        # thread, and only the newest request's result is shown (workers.LatestOnly).
        self._baseline = LatestOnly(ctx.run_background, self)
        self._preview = LatestOnly(ctx.run_background, self)
        self._practices = LatestOnly(ctx.run_background, self)
        # The fields scroll; the row with "Save" stays below them, in view at any height
        # (at the default window size it was below the fold of one long scrolling page).
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        fields = QWidget()
        outer = QVBoxLayout(fields)
        self.fields_scroll = QScrollArea()
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_scroll.setAccessibleName(self.tr("Goal details"))
        self.fields_scroll.setWidget(fields)
        page.addWidget(self.fields_scroll, 1)
        self.mode_label = QLabel()
        self.mode_label.setStyleSheet("QLabel { font-size: 12pt; font-weight: 600; }")
        self.mode_label.setWordWrap(True)
        outer.addWidget(self.mode_label)

        form = QFormLayout()
        self.trackable = QComboBox()
        self.trackable.setAccessibleName(self.tr("What the goal is for"))
        self.type = QComboBox()
        self.type.setAccessibleName(self.tr("Kind of goal"))
        for key, label in goals.TYPE_LABELS.items():
            self.type.addItem(self.tr(label), key)
        self.practice = QComboBox()
        self.practice.setEditable(True)
        self.practice.setAccessibleName(self.tr("Safer-use practice"))
        self.practice_label = QLabel(self.tr("&Practice:"))
        self.practice_label.setBuddy(self.practice)
        target_row = QHBoxLayout()
        self.target = QDoubleSpinBox()
        self.target.setAccessibleName(self.tr("Target"))
        self.target.setMaximum(1_000_000)
        self.target_unit = QLabel()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.target_unit, 1)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setAccessibleName(self.tr("In force from"))
        form.addRow(self.tr("F&or:"), self.trackable)
        form.addRow(self.tr("&Kind:"), self.type)
        form.addRow(self.practice_label, self.practice)
        target_label = QLabel(self.tr("&Target:"))
        target_label.setBuddy(self.target)
        form.addRow(target_label, target_row)
        form.addRow(self.tr("In force fro&m:"), self.start)
        for w in (self.trackable, self.type, self.start):
            buddy = form.labelForField(w)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(w)
        outer.addLayout(form)

        self.history = QLabel()
        self.history.setObjectName("Hint")
        self.history.setWordWrap(True)
        outer.addWidget(self.history)
        base_row = QHBoxLayout()
        self.baseline_label = QLabel()
        self.baseline_label.setWordWrap(True)
        self.use_suggestion = QPushButton(self.tr("&Use suggestion"))
        self.use_suggestion.setAccessibleName(self.tr("Use the suggested target"))
        self.use_suggestion.clicked.connect(self.apply_suggestion)
        base_row.addWidget(self.baseline_label, 1)
        base_row.addWidget(self.use_suggestion, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(base_row)
        self.context_label = QLabel()
        self.context_label.setObjectName("Hint")
        self.context_label.setWordWrap(True)
        outer.addWidget(self.context_label)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setOpenExternalLinks(False)
        self.warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setAccessibleName(self.tr("Safety note"))
        outer.addWidget(self.warning)

        box = QGroupBox(self.tr("How the last 8 weeks would have gone with this goal"))
        box_layout = QVBoxLayout(box)
        self.preview_table = QTableWidget(0, 4)
        self.preview_table.setAccessibleName(self.tr("Preview of the last 8 weeks"))
        self.preview_table.setTabKeyNavigation(False)  # Tab leaves the table (no keyboard trap)
        self.preview_table.setHorizontalHeaderLabels(
            [self.tr("Week of"), self.tr("Actual"), self.tr("Goal"), self.tr("Result")])
        self.preview_table.verticalHeader().hide()
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview_table.verticalHeader().setDefaultSectionSize(22)
        self.preview_table.setFixedHeight(8 * 22 + 34)  # all 8 weeks visible without scrolling
        self.preview_summary = QLabel()
        self.preview_summary.setWordWrap(True)
        box_layout.addWidget(self.preview_table)
        box_layout.addWidget(self.preview_summary)
        outer.addWidget(box)
        outer.addStretch(1)

        buttons = QHBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.save = QPushButton(self.tr("&Save goal"))
        self.save.setAccessibleName(self.tr("Save goal"))
        self.save.setDefault(True)
        self.save.clicked.connect(self.submit)
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.save)
        buttons.setContentsMargins(9, 4, 9, 6)
        page.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_preview)
        self.trackable.currentIndexChanged.connect(self._inputs_changed)
        self.type.currentIndexChanged.connect(self._inputs_changed)
        self.practice.currentTextChanged.connect(self._practice_changed)
        self.target.valueChanged.connect(lambda _v: self._timer.start())
        self.reload_trackables()
        self.new_goal()

    # --- state --------------------------------------------------------------------------
    def reload_trackables(self) -> None:
        keep = self.trackable.currentData()
        self._trackables = trackables.list_trackables(self.ctx.db)
        self.trackable.blockSignals(True)
        self.trackable.clear()
        for t in self._trackables:
            self.trackable.addItem(t.name, t.id)
        index = self.trackable.findData(keep)
        self.trackable.setCurrentIndex(max(index, 0))
        self.trackable.blockSignals(False)

    def current_trackable(self) -> TrackableInfo | None:
        tid = self.trackable.currentData()
        return next((t for t in self._trackables if t.id == tid), None)

    def goal_type(self) -> str:
        return str(self.type.currentData())

    def new_goal(self) -> None:
        """Switch to creating a new goal."""
        self.goal = None
        self.mode_label.setText(self.tr("New goal"))
        for w in (self.trackable, self.type, self.practice):
            w.setEnabled(True)
        self.history.setText(self.tr("Small, reachable steps work best; you can change a goal at any "
                                     "time and earlier weeks keep the goal they had."))
        self.save.setText(self.tr("&Save goal"))
        self.save.setMinimumWidth(self.save.sizeHint().width())
        self.start.setDate(entries.today(self.ctx.db, self.ctx.settings()))
        self.error.clear()
        self._inputs_changed(apply_default=True)

    def load_goal(self, g: GoalInfo) -> None:
        """Show a goal for changing its target (a new version from the chosen date)."""
        self.goal = g
        today = entries.today(self.ctx.db, self.ctx.settings())
        self.mode_label.setText(self.tr("Change goal — {what}").format(
            what=describe_goal(g, today, self.ctx.settings().currency)))
        self.reload_trackables()
        for combo, value in ((self.trackable, g.trackable_id), (self.type, g.type)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.practice.blockSignals(True)
        self.practice.setEditText(g.practice or "")
        self.practice.blockSignals(False)
        for w in (self.trackable, self.type, self.practice):
            w.setEnabled(False)
        steps = "; ".join(f"{formatting.number(v.target)} from {v.effective_from:%-d %b %Y}"
                          for v in g.versions)
        history = self.tr("Targets so far: {steps}.\n{summary}")
        self.history.setText(history.format(steps=steps, summary=self.tr("Judging…")))

        def judged_history(summary: progress.Summary) -> None:
            if self.goal == g:  # still the goal shown
                self.history.setText(history.format(steps=steps, summary=summary.text))

        # The whole history is judged off the UI thread, as the goal list does.
        self.ctx.run_background(judged.summarize_goal, judged_history, db=self.ctx.db, goal=g,
                                judged=self.judged, today=today)
        self.save.setText(self.tr("&Save change"))
        self.save.setMinimumWidth(self.save.sizeHint().width())
        # A change can start no earlier than the goal (a taper may start next week).
        self.start.setDate(max(entries.today(self.ctx.db, self.ctx.settings()), g.starts))
        self.error.clear()
        self._inputs_changed(apply_default=False)
        self.target.setValue(g.target_now(entries.today(self.ctx.db, self.ctx.settings())))
        self.update_preview()

    def _configure_target(self) -> None:
        kind = self.goal_type()
        t = self.current_trackable()
        unit = goals.target_unit(kind, t.unit if t else "")
        if kind == "free-days":
            self.target.setDecimals(0)
            self.target.setRange(0, 7)
            self.target.setSingleStep(1)
        elif kind == "practice":
            self.target.setDecimals(0)
            self.target.setRange(0, 100)
            self.target.setSingleStep(5)
            unit = self.tr("% of occasions")
        else:
            self.target.setDecimals(2)
            self.target.setRange(0, 1_000_000)
            self.target.setSingleStep(5 if kind == "money-weekly" else 1)
        if kind == "money-weekly":  # in the currency setting, with its decimals (0 for JPY)
            unit = formatting.currency_code(self.ctx.settings().currency, locale_fmt.locale_name())
            self.target.setDecimals(formatting.money_decimals(unit))
        per = {"daily-max": self.tr(" a day"), "weekly-max": self.tr(" a week"),
               "money-weekly": self.tr(" a week"), "free-days": self.tr(" a week")}.get(kind, "")
        self.target_unit.setText(unit + per)

    def _inputs_changed(self, *_args: object, apply_default: bool = True) -> None:
        kind = self.goal_type()
        t = self.current_trackable()
        practice_goal = kind == "practice"
        self.practice.setVisible(practice_goal)
        self.practice_label.setVisible(practice_goal)
        if practice_goal and self.goal is None and t is not None:
            item = catalog.find(t.builtin_key) if t.builtin_key else None
            builtin = list(item.practices) if item else []
            self._set_practices(builtin)
            # The user's own practices come from a year of tags: added when they arrive.
            self._practices.request(suggestions.known_tags,
                                    lambda used: self._set_practices(builtin + used),
                                    self._background_failed, db=self.ctx.db, kind="practice")
        self._configure_target()
        self._refresh_baseline(apply_default)

    def _set_practices(self, names: list[str]) -> None:
        """Offer these practices, keeping what is typed (the first one when nothing is)."""
        names = list(dict.fromkeys(names))
        text = self.practice.currentText()
        self.practice.blockSignals(True)
        self.practice.clear()
        self.practice.addItems(names)
        self.practice.setEditText(text if text else (names[0] if names else ""))
        self.practice.blockSignals(False)

    def _practice_changed(self, _text: str) -> None:
        self._refresh_baseline(apply_default=False)

    def _refresh_baseline(self, apply_default: bool) -> None:
        kind = self.goal_type()
        t = self.current_trackable()
        practice_goal = kind == "practice"
        self._suggestion = None
        self.use_suggestion.setEnabled(False)
        if t is None:
            self._baseline.drop()
            self.baseline_label.setText(self.tr("Choose what to track first (File ▸ What I track…)."))
            self.warning.hide()
            self.context_label.clear()
            return
        if apply_default and self.goal is None:
            # A default at once; the suggestion replaces it when the baseline arrives,
            # unless the user has typed a target by then.
            self.target.setValue({"free-days": 2.0, "practice": 50.0}.get(kind, 1.0))
        note = guidelines.withdrawal_note(t.builtin_key) if kind in ("daily-max", "weekly-max") else None
        self.warning.setVisible(note is not None)
        if note is not None:
            self.warning.setText(safety_html(note))
        self.context_label.setText(guideline_context(t, kind, self.ctx.settings().country))
        # The baseline reads the last 12 weeks: off the UI thread, latest request wins.
        self.baseline_label.setText(self.tr("Working out your recent level…"))
        practice = self.practice.currentText() if practice_goal else None
        default_target = self.target.value()

        def arrived(b: progress.Baseline) -> None:
            self._suggestion = b.suggestion
            self.baseline_label.setText(b.text)
            self.use_suggestion.setEnabled(b.suggestion is not None)
            if (apply_default and self.goal is None and b.suggestion is not None
                    and self.target.value() == default_target):
                self.target.setValue(b.suggestion)

        self._baseline.request(progress.baseline, arrived, self._background_failed, db=self.ctx.db,
                               trackable_id=t.id, goal_type=kind, practice=practice,
                               settings=self.ctx.settings())
        self._timer.start()

    def _background_failed(self, exc: BaseException) -> None:
        self.error.setText(str(exc) if isinstance(exc, HarmTrackError)
                           else self.tr("Could not work this out: {why}").format(why=type(exc).__name__))

    def apply_suggestion(self) -> None:
        if self._suggestion is not None:
            self.target.setValue(self._suggestion)

    # --- preview ------------------------------------------------------------------------
    def update_preview(self) -> None:
        """Score the last 8 finished weeks under the goal as it stands in the form.

        Worked out off the UI thread; the table is greyed with "Working out…" below it
        until the newest request's weeks arrive (an older request's are dropped).
        """
        t = self.current_trackable()
        if t is None:
            self._preview.drop()
            self.preview_table.setRowCount(0)
            self.preview_summary.clear()
            return
        kind = self.goal_type()
        practice = self.practice.currentText().strip() if kind == "practice" else None
        if kind == "practice" and not practice:
            self._preview.drop()
            self.preview_table.setRowCount(0)
            self.preview_summary.setText(self.tr("Name the practice to see a preview."))
            return
        target = self.target.value()
        self.preview_table.setEnabled(False)
        self.preview_summary.setText(self.tr("Working out…"))
        self._preview.request(
            progress.preview, lambda got: self._show_preview(kind, target, *got),
            self._background_failed, db=self.ctx.db, trackable_id=t.id, goal_type=kind,
            target=target, practice=practice, settings=self.ctx.settings())

    def _show_preview(self, kind: str, target: float, results: list[progress.PeriodResult],
                      summary: progress.Summary) -> None:
        rows: list[tuple[str, str, str, str]] = []
        if kind == "daily-max":
            goal_text = self.tr("≤ {t} a day").format(t=formatting.number(target))
            for week, met, judged in progress.weekly_digest(results, self.ctx.settings().week_start):
                if not judged:
                    actual, result = "", self.tr("not logged")
                else:
                    actual = self.tr("{m} of %n days ✓", "", judged).format(m=met)
                    result = ("✓ " + self.tr("goal met") if met == judged
                              else self.tr("%n days over", "", judged - met))
                rows.append((f"{week:%-d %b}", actual, goal_text, result))
        else:
            currency = self.ctx.settings().currency
            for r in results:
                result = {"met": "✓ " + self.tr("goal met"), "not-met": self.tr("not this week"),
                          "not-logged": self.tr("not logged"), "no-use": self.tr("no use")}.get(r.status, "")
                if r.status == "not-met" and kind in ("weekly-max", "money-weekly"):
                    result = self.tr("over the limit")
                shown = (formatting.number if kind != "money-weekly"
                         else lambda x: formatting.money(x, currency, locale=locale_fmt.locale_name()))
                actual = shown(r.actual) + (" %" if kind == "practice" else "")
                rows.append((f"{r.start:%-d %b}", actual, shown(r.target), result))
        self.preview_table.setEnabled(True)
        self.preview_table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.preview_table.setItem(i, j, QTableWidgetItem(text))
        self.preview_summary.setText(summary.text if results else self.tr("No finished weeks to score yet."))

    # --- saving -------------------------------------------------------------------------
    def submit(self) -> None:
        self.error.clear()
        t = self.current_trackable()
        try:
            if self.goal is not None:
                g = goals.edit_goal(self.ctx.db, self.goal.id, self.target.value(),
                                    self.start.date().toPython())
                self.ctx.status.emit(self.tr("Goal changed from {d}").format(d=self.start.date().toPython()))
            else:
                if t is None:
                    raise HarmTrackError(self.tr("choose what the goal is for"))
                practice = self.practice.currentText() if self.goal_type() == "practice" else None
                g = goals.create_goal(self.ctx.db, t.id, self.goal_type(), self.target.value(),
                                      practice=practice, start=self.start.date().toPython())
                self.ctx.status.emit(self.tr("Goal saved"))
        except HarmTrackError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.data_changed.emit(Changes(goals=True))
        self.saved.emit(g.id)
