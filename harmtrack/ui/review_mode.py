"""Review mode: the whole picture full screen, in large type, to walk through with a therapist.

Opens on an overview of every trackable (small charts of the same range, "since last
session" by ``ranges.since_last_session``), then the detailed charts of one trackable:
Left/Right (or Page Up/Down) step from the overview through the detailed charts and back,
Home returns to the overview, clicking a small chart (or Enter on it) opens its details.
Beside them: the client's agenda for this session, last session's notes, the entries
flagged "discuss in session", the plans whose triggers came up, and a short form that
records the session, which then becomes the new "last session". Esc leaves.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from harmtrack.core.care import sessions, therapists
from harmtrack.core.charts import data as chartdata
from harmtrack.core.charts import ranges
from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.quantities import formatting
from harmtrack.core.tracking import entries, trackables

from . import locale_fmt
from .context import AppContext
from .review_overview import Overview, Section, WrappedList
from .theme import chart_theme
from .widgets.chart_canvas import ChartCanvas

log = logging.getLogger(__name__)

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}
OVERVIEW_KEYS = {Qt.Key.Key_Home}


class ReviewMode(QDialog):
    """Full-screen presentation of every chart over the range since the last session."""

    closed = Signal()

    def __init__(self, ctx: AppContext, trackable_id: int | None,
                 parent: QWidget | None = None, *,
                 shared: tuple[dt.date, dt.date, str] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: A client's share (``ui.share_review``): its range and the words said above it;
        #: read-only, so the session form is not shown.
        self.shared = shared
        self.trackable_id = trackable_id
        self.kinds = list(chartdata.KINDS)
        self.index = 0
        #: "overview" (every trackable) or "detail" (one trackable's chart ``kinds[index]``).
        self.page = "overview"
        self.cache: dict[str, chartdata.ChartData] = {}
        self._request = 0
        self.setObjectName("ReviewMode")
        self.setWindowTitle(self.tr("Review"))
        self.setAccessibleName(self.tr("Review mode"))
        # Large type for a shared screen (a style sheet, because the app's style sheet
        # stops plain font inheritance).
        self.setStyleSheet("#ReviewMode QWidget { font-size: 15pt; } "
                           "#ReviewMode #ReviewHeading { font-size: 22pt; font-weight: 600; } "
                           "#ReviewMode #SectionTitle { font-weight: 600; } "
                           "#ReviewMode #Hint { font-size: 13pt; }")

        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("ReviewHeading")
        self.heading.setAccessibleName(self.tr("Chart shown"))
        self.overview_button = QPushButton(self.tr("Overview (Home)"))
        self.overview_button.setAccessibleName(self.tr("Show the overview of everything"))
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous chart"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setAccessibleName(self.tr("Next chart"))
        self.leave_button = QPushButton(self.tr("Leave review (Esc or F11)"))
        self.leave_button.setAccessibleName(self.tr("Leave review mode"))
        head.addWidget(self.heading, 1)
        for b in (self.overview_button, self.previous_button, self.next_button, self.leave_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # keep the arrows for stepping
            head.addWidget(b)
        outer.addLayout(head)
        self.shared_banner = QLabel(shared[2] if shared else "")
        self.shared_banner.setObjectName("SharedBanner")
        self.shared_banner.setWordWrap(True)
        self.shared_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.shared_banner.setAccessibleName(self.tr("Shared file, read-only"))
        self.shared_banner.setStyleSheet("#SharedBanner { font-weight: 600; padding: 6px; "
                                         "border: 1px solid palette(mid); border-radius: 4px; }")
        self.shared_banner.setVisible(shared is not None)
        outer.addWidget(self.shared_banner)
        self.range_label = QLabel()
        self.range_label.setObjectName("Hint")
        self.range_label.setWordWrap(True)
        outer.addWidget(self.range_label)

        body = QHBoxLayout()
        self.stack = QStackedWidget()
        overview_page = QWidget()
        page_layout = QVBoxLayout(overview_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.overview = Overview()
        self.overview.chosen.connect(self.open_trackable)
        page_layout.addWidget(self.overview, 1)
        # The small charts carry no legend (it would squeeze them): their marks, said once.
        self.overview_key = QLabel()
        self.overview_key.setObjectName("Hint")
        self.overview_key.setWordWrap(True)
        self.overview_key.setAccessibleName(self.tr("How to read the small charts"))
        page_layout.addWidget(self.overview_key)
        self.stack.addWidget(overview_page)
        detail = QWidget()
        left = QVBoxLayout(detail)
        left.setContentsMargins(0, 0, 0, 0)
        self.canvas = ChartCanvas(self, large=True)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # matplotlib's canvas accepts every key press itself; catch the stepping keys first.
        self.canvas.installEventFilter(self)
        left.addWidget(self.canvas, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Chart summary"))
        left.addWidget(self.summary)
        self.hover = QLabel(" ")
        self.hover.setObjectName("Hint")
        left.addWidget(self.hover)
        self.stack.addWidget(detail)
        body.addWidget(self.stack, 3)

        side_inner = QWidget()
        side = QVBoxLayout(side_inner)
        self.agenda = self._plain_label(self.tr("What the client wants to talk about"))
        side.addWidget(Section(self.tr("My agenda for this session"), self.agenda))
        self.last_notes = self._plain_label(self.tr("Last session's notes"))
        side.addWidget(Section(self.tr("Last session"), self.last_notes))
        self.discuss = WrappedList()
        self.discuss.setAccessibleName(self.tr("Entries flagged to discuss in session"))
        self.discuss.setWordWrap(True)
        self.discuss.setSpacing(4)
        self.discuss.setAlternatingRowColors(True)
        self.discuss.setMinimumHeight(120)
        side.addWidget(Section(self.tr("To discuss"), self.discuss), 1)
        self.plans = WrappedList()
        self.plans.setAccessibleName(self.tr("If-then plans whose trigger came up"))
        self.plans.setWordWrap(True)
        self.plans.setSpacing(4)
        self.plans.setMaximumHeight(200)
        side.addWidget(Section(self.tr("Plans whose trigger came up"), self.plans))
        # Each questionnaire's latest score in the range (care.questionnaires.latest, as
        # the report); hidden when none was taken.
        self.scores = self._plain_label(self.tr("Questionnaire scores"))
        self.scores_section = Section(self.tr("Questionnaire scores"), self.scores)
        self.scores_section.hide()
        side.addWidget(self.scores_section)
        # Depressants logged close together (care.combinations), with their safer-use note.
        self.combinations = self._plain_label(self.tr("Depressants logged close together"))
        self.combinations_section = Section(self.tr("Safer-use notes"), self.combinations)
        self.combinations_section.hide()
        side.addWidget(self.combinations_section)
        # The client's own decisional balance and ideal-use plan per trackable (care.balance,
        # as the report's optional section); hidden when none is written.
        self.balances = self._plain_label(self.tr("What it gives, what it costs, ideal use"))
        self.balances_section = Section(self.tr("Balance and ideal use"), self.balances)
        self.balances_section.hide()
        side.addWidget(self.balances_section)
        form_box = QGroupBox(self.tr("Record this session"))
        form = QFormLayout(form_box)
        self.session_date = QDateEdit()
        self.session_date.setCalendarPopup(True)
        self.session_date.setDisplayFormat("yyyy-MM-dd")
        self.session_date.setAccessibleName(self.tr("Session date"))
        self.therapist = QLineEdit()
        self.therapist.setAccessibleName(self.tr("Therapist"))
        # The name typed here also becomes My therapist (on reports): at once when none is
        # set, and only when asked when it would replace someone else.
        self.as_my_therapist = QCheckBox()
        self.as_my_therapist.setAccessibleName(self.tr("Also save as My therapist"))
        self.therapist.textChanged.connect(self._therapist_typed)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Session notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What you talked about, what to try next"))
        self.save_button = QPushButton(self.tr("Save session"))
        self.save_button.setAccessibleName(self.tr("Save this session"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.tr("Date"), self.session_date)
        form.addRow(self.tr("Therapist"), self.therapist)
        form.addRow("", self.as_my_therapist)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.save_button)
        form.addRow(self.message)
        side.addWidget(form_box)
        self.form_box = form_box
        form_box.setVisible(shared is None)  # a share is read-only: no session is recorded
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(side_inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(380)
        body.addWidget(scroll, 1)
        outer.addLayout(body, 1)

        self.overview_button.clicked.connect(lambda: self.show_overview())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.leave_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save_session)
        self.canvas.hovered.connect(lambda text: self.hover.setText(text or " "))

    # --- opening --------------------------------------------------------------------------
    def _plain_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the user's own words, never markup
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name)
        return label

    def start(self) -> None:
        """Load "since last session", fill the side panel, show full screen on the overview."""
        # The large type of the style sheet applies once polished; the lists size their
        # wrapped items by the font they have when filled.
        self.ensurePolished()
        settings = self.ctx.settings()
        today = entries.today(self.ctx.db, settings)
        if self.shared is not None:
            self.start_day, self.end_day = self.shared[0], self.shared[1]
            self.range_label.setText(self._shown_text())
        else:
            rng = ranges.since_last_session(self.ctx.db, today, settings.week_start)
            self.start_day, self.end_day = rng.start, rng.end
            self.range_label.setText(self.tr(rng.note) if rng.note else self._shown_text())
        self.session_date.setDate(today)
        last = sessions.last_session(self.ctx.db)
        mine = therapists.get_my_therapist(self.ctx.db)
        if not self.therapist.text():
            self.therapist.setText(mine.name if mine else (last.therapist or "") if last else "")
        self._therapist_typed()
        self.fill_agenda(last)
        self.fill_discuss()
        self.fill_plans()
        self.fill_scores()
        self.fill_combinations()
        self.fill_balances()
        self.showFullScreen()
        self.load_overview()
        self.load_detail()  # the first detailed chart is ready when it is asked for
        self.show_overview()

    def _shown_text(self) -> str:
        return self.tr("Showing {a} to {b}.").format(
            a=f"{self.start_day:%a} {self.start_day.day} {self.start_day:%b}",
            b=f"{self.end_day:%a} {self.end_day.day} {self.end_day:%b %Y}")

    def fill_agenda(self, last: sessions.SessionRecord | None) -> None:
        """The client's agenda for this session and what the last one's notes said."""
        planned = sessions.next_session(self.ctx.db)
        if planned is not None and planned.agenda:
            self.agenda.setText(planned.agenda)
        elif self.shared is not None:  # the hint below is for the client, not the reader
            self.agenda.setText(self.tr("Nothing written for this session."))
        else:
            self.agenda.setText(self.tr("Nothing written for this session. (Write it beforehand "
                                        "on Therapists, Ctrl+5: “Next session”.)"))
        if last is None:
            self.last_notes.setText(self.tr("No session recorded yet."))
            return
        when = f"{last.date:%a} {last.date.day} {last.date:%b %Y}"
        who = self.tr(" with {name}").format(name=last.therapist) if last.therapist else ""
        parts = [when + who]
        if last.agenda:
            parts.append(self.tr("Agenda: {text}").format(text=last.agenda))
        parts.append(self.tr("Notes: {text}").format(text=last.note) if last.note
                     else self.tr("No notes were written."))
        self.last_notes.setText("\n".join(parts))

    def load_overview(self) -> None:
        from harmtrack.core.charts.overview import overview

        self.overview.set_message(self.tr("Loading…"))

        def done(panels: Any) -> None:
            if not isValid(self):  # review was left while the overview was read
                return
            self.overview.show_panels(panels, chart_theme(self.ctx.settings().theme))
            self.overview_key.setText(self.overview_key_text(panels))
            for canvas in self.overview.canvases:  # the stepping keys work on a small chart too
                canvas.installEventFilter(self)
            if self.page == "overview":
                self._focus_overview()

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self.overview.set_message(str(exc))

        self.ctx.run_background(overview, done, failed, db=self.ctx.db, start=self.start_day,
                                end=self.end_day)

    def overview_key_text(self, panels: list[Any]) -> str:
        if not panels:
            return ""
        if panels[0].data.info.kind == "weekly":
            return self.tr("Each chart: bars are the total per week, the line is the weekly goal, "
                           "✓ marks a week the goal was met. Click a chart (or press Enter) for "
                           "its details.")
        return self.tr("Each chart: bars are the amount per day, green marks along the bottom are "
                       "use-free days, grey bands are days not logged, the line is the 7-day "
                       "average. Click a chart (or press Enter) for its details.")

    def _focus_overview(self) -> None:
        if self.overview.canvases:
            self.overview.canvases[0].setFocus()
        else:
            self.setFocus()

    def fill_discuss(self) -> None:
        self.discuss.clear()
        rows = entries.list_entries(self.ctx.db, self.start_day, self.end_day, discuss_only=True)
        for r in rows:
            what = (self.tr("urge") if r.urge_only
                    else formatting.amount(r.amount, r.unit, decimals=6, locale=locale_fmt.locale_name()))
            text = f"{r.day:%a} {r.day.day} {r.day:%b} · {r.trackable}: {what}"
            if r.note:
                text += f"\n{r.note}"
            item = QListWidgetItem(text)
            item.setToolTip(text)  # the whole note, where a long one is cut in the list
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.discuss.addItem(item)
        if not rows:
            item = QListWidgetItem(self.tr("Nothing flagged to discuss in this range."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.discuss.addItem(item)
        self.discuss.refit()

    def fill_plans(self) -> None:
        """The user's plans with how often each trigger came up in the range shown."""
        from harmtrack.core.care.plans import plans_with_counts

        self.plans.clear()
        every = plans_with_counts(self.ctx.db, self.start_day, self.end_day)
        rows = [p for p in every if p.times]
        for p in rows:
            came_up = self.tr("came up {n}× on %n days", "", p.days).format(n=p.times)
            item = QListWidgetItem(self.tr("If {trigger}, then {plan}").format(trigger=p.trigger, plan=p.plan)
                                   + f"\n{came_up}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.plans.addItem(item)
        quiet = [p.trigger for p in every if not p.times]
        if quiet:
            item = QListWidgetItem(self.tr("Didn't come up in this range: {triggers}").format(
                triggers=", ".join(quiet)))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.plans.addItem(item)
        if not every:
            item = QListWidgetItem(self.tr("No if-then plans in this file.") if self.shared is not None
                                   else self.tr("No if-then plans yet (Plans screen, Ctrl+7)."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.plans.addItem(item)
        self.plans.refit()

    def fill_scores(self) -> None:
        """Latest score per questionnaire in the range, its band and change since the last
        session, and any "not on track" note (the report's figures, from the core)."""
        from harmtrack.core.care.questionnaires.latest import latest_scores
        from harmtrack.core.common.days import long_date

        scores = latest_scores(self.ctx.db, self.start_day, self.end_day)
        lines = []
        for s in scores:
            line = f"{s.instrument.name}: {s.total_text()}, {s.change_text()}"
            if s.not_on_track:
                # Dated as the change beside it is (the core's words, as in the report).
                line += self.tr(" · not on track on {day}").format(day=long_date(s.not_on_track[-1]))
            lines.append(line)
        self.scores.setText("\n".join(lines))
        self.scores_section.setVisible(bool(scores))

    def fill_balances(self) -> None:
        """Each active trackable's latest balance (up to the range's end) and ideal use."""
        from harmtrack.core.care.balance import gather_balances

        rows = gather_balances(self.ctx.db, trackables.list_trackables(self.ctx.db), self.end_day)
        blocks = []
        for r in rows:
            lines = [r.trackable]
            if r.balance is not None:
                lines.append(self.tr("Gives: {text}").format(text=r.balance.gives))
                lines.append(self.tr("Costs: {text}").format(text=r.balance.costs))
            if r.ideal is not None:
                lines.append(self.tr("Ideal use: {text}").format(text=r.ideal.text))
            blocks.append("\n".join(lines))
        self.balances.setText("\n\n".join(blocks))
        self.balances_section.setVisible(bool(rows))

    def fill_combinations(self) -> None:
        """Pairs of depressants logged within a few hours in the range, calmly, with the source."""
        from harmtrack.core.care.combinations import pairs_in_range

        pairs = pairs_in_range(self.ctx.db, self.start_day, self.end_day)
        lines = [self.tr("{day}: {a} and {b}, {hours} h apart").format(
            day=locale_fmt.long_date(p.day), a=p.first_trackable, b=p.second_trackable,
            hours=f"{p.hours_apart:.1f}") for p in pairs[:8]]
        if len(pairs) > 8:
            lines.append(self.tr("and {n} more").format(n=len(pairs) - 8))
        lines.append("")
        notes = {p.note.classes: p.note for p in pairs}
        for n in notes.values():
            lines.append(n.risk + " " + self.tr("(Source: {source}.)").format(source=n.source.name))
        if notes:  # the ways to lower the risk are the same for every pair: said once
            first = next(iter(notes.values()))
            lines.append("\n" + self.tr("What lowers the risk (source: {source}):").format(
                source=first.lowering_source.name))
            lines += [f"• {way}" for way in first.lowering]
        self.combinations.setText("\n".join(lines))
        self.combinations_section.setVisible(bool(pairs))

    # --- stepping -------------------------------------------------------------------------
    def current_kind(self) -> str:
        return self.kinds[self.index]

    def step(self, by: int) -> None:
        """One page on: the overview, then each detailed chart, then the overview again."""
        if self.page == "overview":
            self.index = 0 if by > 0 else len(self.kinds) - 1
            self.show_detail()
            return
        index = self.index + by
        if 0 <= index < len(self.kinds):
            self.index = index
            self.show_detail()
        else:
            self.show_overview()

    def show_overview(self) -> None:
        self.page = "overview"
        self.stack.setCurrentIndex(0)
        self.heading.setText(self.tr("Overview · everything shared") if self.shared is not None
                             else self.tr("Overview · everything you track"))
        self._focus_overview()

    def open_trackable(self, trackable_id: int) -> None:
        """A small chart was chosen: that trackable's detailed charts, from the first."""
        if trackable_id != self.trackable_id:
            self.trackable_id = trackable_id
            self.cache.clear()
        self.index = 0
        self.show_detail()

    def show_detail(self) -> None:
        self.page = "detail"
        self.stack.setCurrentIndex(1)
        self.canvas.setFocus()
        self.load_detail()

    def show_current(self) -> None:
        """Show the current page (kept for callers that redraw after a change)."""
        if self.page == "overview":
            self.show_overview()
        else:
            self.show_detail()

    def load_detail(self) -> None:
        kind = self.current_kind()
        if self.page == "detail":
            self.heading.setText(self.tr("{n} of {total} · {title}").format(
                n=self.index + 1, total=len(self.kinds), title=self.tr(chartdata.TITLES[kind])))
        if kind in self.cache:
            self._draw(self.cache[kind])
            return
        self._request += 1
        request = self._request
        self.summary.setText(self.tr("Loading…"))
        trackable_id = self.trackable_id

        def done(data: Any) -> None:
            if not isValid(self):  # review was left while the chart was read
                return
            if trackable_id != self.trackable_id:
                return  # another trackable was chosen meanwhile
            self.cache[data.info.kind] = data
            if request == self._request:
                self._draw(data)

        def failed(exc: BaseException) -> None:
            if request == self._request and isValid(self):
                self.summary.setText(str(exc))

        self.ctx.run_background(chartdata.chart_data, done, failed, db=self.ctx.db, kind=kind,
                                trackable_id=trackable_id, start=self.start_day,
                                end=self.end_day)

    def _draw(self, data: chartdata.ChartData) -> None:
        from harmtrack.core.charts.text import summary

        # The summary first, laid out at once (the window, then the chart's page): when its
        # line count changes, the canvas takes its new size before the chart is drawn, not
        # after (which drew the chart twice).
        self.summary.setText(summary(data))
        for layout in (self.layout(), self.summary.parentWidget().layout()):
            layout.activate()
        self.canvas.show_chart(data, chart_theme(self.ctx.settings().theme))

    def _page_key(self, key: int | None) -> bool:
        """Handle a stepping key; True when it was one."""
        if key in NEXT_KEYS:
            self.step(1)
        elif key in PREVIOUS_KEYS:
            self.step(-1)
        elif key in OVERVIEW_KEYS:
            self.show_overview()
        else:
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(watched, ChartCanvas) and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if self._page_key(key):
                return True
            if key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
                self.reject()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Text fields keep their arrow keys; elsewhere the arrows step through the pages.
        focus = self.focusWidget()
        typing = isinstance(focus, QLineEdit | QPlainTextEdit | QDateEdit)
        if event.key() == Qt.Key.Key_F11:  # F11 went in; F11 comes out again
            self.reject()
        elif typing or not self._page_key(event.key()):
            super().keyPressEvent(event)

    # --- the session record -----------------------------------------------------------------
    def _therapist_typed(self) -> None:
        name = self.therapist.text().strip()
        mine = therapists.get_my_therapist(self.ctx.db)
        box = self.as_my_therapist
        if not name or (mine is not None and mine.name.casefold() == name.casefold()):
            box.hide()
            box.setChecked(False)
        elif mine is None:
            # Short texts: the side panel's width is the chart's loss.
            box.setText(self.tr("Save as My therapist"))
            box.setToolTip(self.tr("My therapist appears on your reports"))
            box.setChecked(True)
            box.show()
        else:
            box.setText(self.tr("Make this My therapist"))
            box.setToolTip(self.tr("Replaces {old} as My therapist (on your reports)").format(old=mine.name))
            box.setChecked(False)
            box.show()
        box.setAccessibleDescription(box.toolTip())

    def save_session(self) -> None:
        if self.shared is not None:
            return  # read-only (its database refuses writes as well)
        day: dt.date = self.session_date.date().toPython()  # type: ignore[assignment]
        as_mine = self.as_my_therapist.isChecked()
        try:
            rec = sessions.add_session(self.ctx.db, day, therapist=self.therapist.text() or None,
                                       note=self.notes.toPlainText() or None,
                                       as_my_therapist=as_mine)
        except HarmTrackError as exc:
            self.message.setText(str(exc))
            return
        self.notes.clear()
        self._therapist_typed()  # My therapist may be this name now
        when = f"{rec.date:%a} {rec.date.day} {rec.date:%b %Y}"
        last = sessions.last_session(self.ctx.db)
        if last is not None and last.id == rec.id:
            self.message.setText(self.tr("Saved. This is now your last session ({d}).").format(d=when))
        else:
            self.message.setText(self.tr("Saved the session of {d}.").format(d=when))
        self.show_last_session(last)
        self.ctx.status.emit(self.tr("Session saved"))
        self.ctx.data_changed.emit(Changes(sessions=True, therapists=as_mine))

    def show_last_session(self, last: sessions.SessionRecord | None) -> None:
        """The header line after a save: the charts keep the range they show (the session
        is being walked through), and the line says which session now counts as last."""
        if last is None:
            return
        self.range_label.setText(self._shown_text() + " " + self.tr(
            "Last session: {d} — the next review covers the time since.").format(
                d=f"{last.date:%a} {last.date.day} {last.date:%b %Y}"))

    def done(self, result: int) -> None:
        # Esc, the Leave button and closing the window all end here (via reject).
        super().done(result)
        self.closed.emit()
