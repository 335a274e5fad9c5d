"""The Therapists screen: a harm-reduction directory, your own therapist, support and reports."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.care import therapists
from harmtrack.core.care.sessions import add_session, last_session, next_session, set_agenda
from harmtrack.core.care.therapists import Therapist
from harmtrack.core.common.changes import Changes
from harmtrack.core.common.days import long_date
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.tracking.entries import today

from .context import AppContext
from .widgets.when_shown import RefreshWhenShown


class TherapistsView(QWidget):
    """Find a therapist, keep your own therapist's details, get support, make a report."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.directory = therapists.all_therapists()
        self.source = therapists.directory_source()
        self.shown: list[Therapist] = []
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        title = QLabel(self.tr("<h2>Therapists</h2>"))
        top.addWidget(title)
        top.addStretch(1)
        self.report_button = QPushButton(self.tr("Report for my therapist…"))
        self.report_button.setAccessibleName(self.tr("Make a PDF report for your therapist"))
        self.report_button.clicked.connect(self.open_report)
        self.support_button = QPushButton(self.tr("Support now"))
        self.support_button.setAccessibleName(self.tr("Support now: crisis and harm-reduction lines"))
        self.support_button.clicked.connect(self.open_support)
        top.addWidget(self.report_button)
        top.addWidget(self.support_button)
        outer.addLayout(top)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(split, 1)

        # -- left: search, filters, list
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 6, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, places, focus…"))
        self.search.setAccessibleName(self.tr("Search therapists"))
        self.search.setClearButtonEnabled(True)
        ll.addWidget(self.search)
        filters = QHBoxLayout()
        self.state_box = QComboBox()
        self.state_box.setAccessibleName(self.tr("Filter by state"))
        self.state_box.addItem(self.tr("Any state"), "")
        for s in therapists.states():
            self.state_box.addItem(s, s)
        self.profession_box = QComboBox()
        self.profession_box.setAccessibleName(self.tr("Filter by profession"))
        self.profession_box.addItem(self.tr("Any profession"), "")
        for p in therapists.professions():
            self.profession_box.addItem(p, p)
        self.focus_box = QComboBox()
        self.focus_box.setAccessibleName(self.tr("Filter by focus"))
        self.focus_box.addItem(self.tr("Any focus"), "")
        for f in therapists.focus_tags():
            self.focus_box.addItem(f, f)
        for box in (self.state_box, self.profession_box, self.focus_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            filters.addWidget(box, 1)
            box.currentIndexChanged.connect(self.apply_filters)
        ll.addLayout(filters)
        self.search.textChanged.connect(self.apply_filters)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Therapists found"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.currentRowChanged.connect(self.show_detail)
        ll.addWidget(self.list, 1)
        self.count_label = QLabel()
        ll.addWidget(self.count_label)
        src = QLabel(self.tr("From {name}, taken {day}. Summaries are HarmTrack's own short paraphrase; "
                             "check the listing for their own words.").format(
            name=escape(self.source.name), day=long_date(self.source.retrieved)))
        src.setWordWrap(True)
        src.setObjectName("SourceNote")
        ll.addWidget(src)
        self.find_more = QPushButton(self.tr("Find more harm-reduction therapists"))
        self.find_more.setAccessibleName(
            self.tr("Open the harm-reduction therapist directory in your browser"))
        self.find_more.clicked.connect(lambda: self.open_url(self.source.url))
        ll.addWidget(self.find_more)
        split.addWidget(left)

        # -- right: detail, my therapist
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        detail = QGroupBox(self.tr("Details"))
        dl = QVBoxLayout(detail)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(self.tr("Therapist details"))
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        dl.addWidget(self.detail, 1)
        row = QHBoxLayout()
        self.open_listing = QPushButton(self.tr("Open listing"))
        self.open_listing.setAccessibleName(self.tr("Open this therapist's listing in your browser"))
        self.open_listing.clicked.connect(self.open_current_listing)
        self.use_as_mine = QPushButton(self.tr("Set as my therapist"))
        self.use_as_mine.setAccessibleName(self.tr("Copy this therapist into My therapist"))
        self.use_as_mine.clicked.connect(self.copy_to_mine)
        row.addWidget(self.open_listing)
        row.addWidget(self.use_as_mine)
        row.addStretch(1)
        dl.addLayout(row)
        rl.addWidget(detail)

        mine = QGroupBox(self.tr("My therapist"))
        form = QFormLayout(mine)
        self.my_name = QLineEdit()
        self.my_practice = QLineEdit()
        self.my_phone = QLineEdit()
        self.my_email = QLineEdit()
        self.my_url = QLineEdit()
        for edit, label in ((self.my_name, self.tr("Name")), (self.my_practice, self.tr("Practice")),
                            (self.my_phone, self.tr("Phone")), (self.my_email, self.tr("Email")),
                            (self.my_url, self.tr("Profile page"))):
            edit.setAccessibleName(self.tr("Your therapist's {what}").format(what=label.lower()))
            form.addRow(label, edit)
        self.my_url.setPlaceholderText("https://")
        next_row = QHBoxLayout()
        self.has_next = QCheckBox(self.tr("Next session on"))
        self.has_next.setAccessibleName(self.tr("A next session is planned"))
        self.my_next = QDateEdit()
        self.my_next.setCalendarPopup(True)
        self.my_next.setDisplayFormat("yyyy-MM-dd")
        self.my_next.setAccessibleName(self.tr("Date of the next session"))
        self.my_next.setEnabled(False)
        self.has_next.toggled.connect(self.my_next.setEnabled)
        next_row.addWidget(self.has_next)
        next_row.addWidget(self.my_next)
        next_row.addStretch(1)
        form.addRow(next_row)
        self.last_session_label = QLabel()
        form.addRow(self.tr("Last session"), self.last_session_label)
        had_row = QHBoxLayout()
        self.session_date = QDateEdit()
        self.session_date.setCalendarPopup(True)
        self.session_date.setDisplayFormat("yyyy-MM-dd")
        self.session_date.setAccessibleName(self.tr("Date of a session you had"))
        self.record_session = QPushButton(self.tr("Record a session on this day"))
        self.record_session.setAccessibleName(self.tr("Record a therapy session on the chosen day"))
        self.record_session.clicked.connect(self.add_session)
        had_row.addWidget(self.session_date)
        had_row.addWidget(self.record_session)
        had_row.addStretch(1)
        form.addRow(self.tr("I had a session"), had_row)
        buttons = QHBoxLayout()
        self.save_mine = QPushButton(self.tr("Save"))
        self.save_mine.setAccessibleName(self.tr("Save my therapist"))
        self.save_mine.clicked.connect(self.save_my_therapist)
        self.clear_mine = QPushButton(self.tr("Remove"))
        self.clear_mine.setAccessibleName(self.tr("Remove my therapist"))
        self.clear_mine.clicked.connect(self.clear_my_therapist)
        buttons.addWidget(self.save_mine)
        buttons.addWidget(self.clear_mine)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.mine_status = QLabel()
        self.mine_status.setWordWrap(True)
        form.addRow(self.mine_status)
        rl.addWidget(mine)
        rl.addWidget(self._agenda_box())
        rl.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Therapist details and my therapist"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        split.addWidget(scroll)
        split.setSizes([420, 560])

        self._when_shown = RefreshWhenShown(self, self.load_mine)
        ctx.data_changed.connect(self._on_changes)
        self.apply_filters()
        self.load_mine()

    def _on_changes(self, changes: Changes) -> None:
        # My therapist, the last session, and "today" for the session date.
        if changes.all or changes.therapists or changes.sessions or changes.settings:
            self._when_shown.request()

    # -- directory -----------------------------------------------------------------------
    def apply_filters(self) -> None:
        self.shown = therapists.filter_therapists(
            self.directory, state=self.state_box.currentData(), profession=self.profession_box.currentData(),
            focus=self.focus_box.currentData(), query=self.search.text())
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.shown:
            where = t.location or self.tr("location not listed")
            item = QListWidgetItem(f"{t.name}\n{t.profession} · {where}")
            item.setToolTip(", ".join(t.focus))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.count_label.setText(self.tr("{n} of {total} therapists").format(
            n=len(self.shown), total=len(self.directory)))
        self.list.setCurrentRow(0 if self.shown else -1)
        self.show_detail(self.list.currentRow())

    def current(self) -> Therapist | None:
        row = self.list.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def show_detail(self, row: int) -> None:
        t = self.shown[row] if 0 <= row < len(self.shown) else None
        self.open_listing.setEnabled(t is not None)
        self.use_as_mine.setEnabled(t is not None)
        if t is None:
            self.detail.setText(self.tr("No therapist matches these filters. Try fewer filters, or use "
                                        "“Find more harm-reduction therapists”."))
            return
        where = escape(t.location) if t.location else self.tr("location not listed")
        tags = " ".join(f"<span style='background:#e3ecf7;color:#1d2433'>&nbsp;{escape(f)}&nbsp;</span>"
                        for f in t.focus)
        self.detail.setText(
            f"<h3>{escape(t.name)}</h3><p>{escape(t.profession)}<br>{where}</p>"
            f"<p>{tags}</p><p>{escape(t.summary)}</p>"
            f"<p><small>{self.tr('Listed on')} {escape(self.source.name)}</small></p>")

    def open_url(self, url: str) -> None:
        """Hand an address to the system browser; HarmTrack itself never fetches anything."""
        QDesktopServices.openUrl(QUrl(url))

    def open_current_listing(self) -> None:
        t = self.current()
        if t is not None:
            self.open_url(t.url)

    def copy_to_mine(self) -> None:
        t = self.current()
        if t is None:
            return
        self.my_name.setText(t.name)
        self.my_url.setText(t.url)
        self.mine_status.setText(self.tr("Check the details, then Save."))
        self.my_name.setFocus()

    # -- my therapist --------------------------------------------------------------------
    def load_mine(self) -> None:
        mine = therapists.get_my_therapist(self.ctx.db)
        self.my_name.setText(mine.name if mine else "")
        self.my_practice.setText(mine.practice or "" if mine else "")
        self.my_phone.setText(mine.phone or "" if mine else "")
        self.my_email.setText(mine.email or "" if mine else "")
        self.my_url.setText(mine.url or "" if mine else "")
        nxt = mine.next_session if mine else None
        self.has_next.setChecked(nxt is not None)
        day = nxt or dt.date.today() + dt.timedelta(days=7)
        self.my_next.setDate(day)
        self.clear_mine.setEnabled(mine is not None)
        session = last_session(self.ctx.db)
        if session is None:
            self.last_session_label.setText(self.tr("none recorded yet"))
        elif session.therapist:
            self.last_session_label.setText(self.tr("{day}, with {name}").format(
                day=long_date(session.date), name=session.therapist))
        else:
            self.last_session_label.setText(long_date(session.date))
        now = today(self.ctx.db)
        self.session_date.setMaximumDate(now)
        self.session_date.setDate(now)
        self.load_agenda()

    # -- the next session's agenda -----------------------------------------------------------
    def _agenda_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Next session: what I want to talk about"))
        layout = QVBoxLayout(box)
        self.agenda_edit = QPlainTextEdit()
        self.agenda_edit.setAccessibleName(self.tr("What I want to talk about at my next session"))
        self.agenda_edit.setPlaceholderText(self.tr(
            "Write it whenever it comes to mind; review mode shows it in the session."))
        self.agenda_edit.setTabChangesFocus(True)
        self.agenda_edit.setMaximumHeight(140)
        layout.addWidget(self.agenda_edit)
        row = QHBoxLayout()
        self.save_agenda_button = QPushButton(self.tr("Save agenda"))
        self.save_agenda_button.setAccessibleName(self.tr("Save what I want to talk about"))
        self.save_agenda_button.clicked.connect(lambda: self.save_agenda())
        row.addWidget(self.save_agenda_button)
        self.agenda_status = QLabel()
        self.agenda_status.setWordWrap(True)
        row.addWidget(self.agenda_status, 1)
        layout.addLayout(row)
        return box

    def load_agenda(self) -> None:
        # Text being typed and not saved yet stays as it is.
        if self.agenda_edit.document().isModified():
            return
        planned = next_session(self.ctx.db)
        self.agenda_edit.setPlainText(planned.agenda or "" if planned else "")
        self.agenda_edit.document().setModified(False)

    def save_agenda(self) -> None:
        try:
            saved = set_agenda(self.ctx.db, self.agenda_edit.toPlainText())
        except HarmTrackError as exc:
            self.agenda_status.setText(str(exc))
            return
        self.agenda_edit.document().setModified(False)
        self.agenda_status.setText(
            self.tr("Saved for your next session.") if saved else self.tr("Agenda removed."))
        self.ctx.data_changed.emit(Changes(sessions=True))

    def save_my_therapist(self) -> None:
        nxt = None
        if self.has_next.isChecked():
            q = self.my_next.date()
            nxt = dt.date(q.year(), q.month(), q.day())
        try:
            therapists.set_my_therapist(
                self.ctx.db, self.my_name.text(), practice=self.my_practice.text(),
                phone=self.my_phone.text(), email=self.my_email.text(), url=self.my_url.text(),
                next_session=nxt)
        except HarmTrackError as exc:
            self.mine_status.setText(str(exc))
            return
        self.mine_status.setText(self.tr("Saved. Your therapist appears on your reports."))
        self.clear_mine.setEnabled(True)

    def add_session(self) -> None:
        """Record a session; reports then default to "since the last session"."""
        q = self.session_date.date()
        mine = therapists.get_my_therapist(self.ctx.db)
        try:
            add_session(self.ctx.db, dt.date(q.year(), q.month(), q.day()),
                        therapist=mine.name if mine else None)
        except HarmTrackError as exc:
            self.mine_status.setText(str(exc))
            return
        self.load_mine()
        self.mine_status.setText(self.tr("Session recorded."))
        self.ctx.data_changed.emit(Changes(sessions=True))

    def clear_my_therapist(self) -> None:
        therapists.clear_my_therapist(self.ctx.db)
        self.load_mine()
        self.mine_status.setText(self.tr("Removed."))

    # -- dialogs -------------------------------------------------------------------------
    def open_support(self) -> None:
        from .support_dialog import SupportDialog

        SupportDialog(self.ctx, self).exec()

    def open_report(self) -> None:
        from .report_dialog import ReportDialog

        ReportDialog(self.ctx, self).exec()
