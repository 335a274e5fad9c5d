"""Export a PDF report for a therapy session: range, what to include, what to leave out.

The report is made off the UI thread (``ctx.run_background``) with progress and a cancel
button; the core writes to a temporary file and renames it only when complete, so a
cancelled export leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.care.sessions import last_session
from harmtrack.core.common.days import long_date
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.report import pdf as report
from harmtrack.core.tracking import trackables
from harmtrack.core.tracking.entries import today

from .context import AppContext


def make_report(db: Any, options: report.ReportOptions, out: Path, progress: Any,
                token: Any) -> report.ReportResult:
    """Runs on a worker thread: plain data in, a plain result out, no widgets."""
    return report.write_report(db, options, out, progress=progress, cancel=lambda: token.cancelled)


class ReportDialog(QDialog):
    """Choose the range and contents, pick a file, watch progress, open the result."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Any = None
        self.result: report.ReportResult | None = None
        self.shared_path: Path | None = None  # the last share written from here
        self.making_share = False
        self.last_error = ""
        self.setObjectName("ReportDialog")
        self.setWindowTitle(self.tr("Report for your therapist"))
        self.setAccessibleName(self.tr("Report for your therapist"))
        self.resize(520, 620)
        layout = QVBoxLayout(self)
        now = today(ctx.db)
        self.today = now
        session = last_session(ctx.db, before=now)

        # -- range
        box = QGroupBox(self.tr("Days to cover"))
        rl = QVBoxLayout(box)
        self.since_session = QRadioButton(
            self.tr("Since the last session ({day})").format(day=long_date(session.date))
            if session else self.tr("Since the last session (none recorded yet)"))
        self.since_session.setAccessibleName(self.tr("Since the last session"))
        self.since_session.setEnabled(session is not None)
        self.last4 = QRadioButton(self.tr("The last 4 weeks"))
        self.last4.setAccessibleName(self.tr("The last 4 weeks"))
        self.custom = QRadioButton(self.tr("These dates:"))
        self.custom.setAccessibleName(self.tr("Chosen dates"))
        self.range_group = QButtonGroup(self)
        for b in (self.since_session, self.last4, self.custom):
            self.range_group.addButton(b)
            rl.addWidget(b)
        dates = QHBoxLayout()
        self.start_edit = QDateEdit(now - dt.timedelta(days=27))
        self.end_edit = QDateEdit(now)
        for edit, name in ((self.start_edit, self.tr("First day")), (self.end_edit, self.tr("Last day"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setMaximumDate(now)
            edit.dateChanged.connect(lambda _d: self.custom.setChecked(True))
        dates.addWidget(QLabel(self.tr("from")))
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        rl.addLayout(dates)
        (self.since_session if session else self.last4).setChecked(True)
        layout.addWidget(box)

        # -- contents
        box = QGroupBox(self.tr("What to include"))
        cl = QVBoxLayout(box)
        hint = QLabel(self.tr("Untick anything you would rather keep to yourself. The report says that "
                              "something was left out at your request, without naming it."))
        hint.setWordWrap(True)
        cl.addWidget(hint)
        self.trackable_list = QListWidget()
        self.trackable_list.setAccessibleName(self.tr("Tracked things to include"))
        for t in trackables.list_trackables(ctx.db):
            item = QListWidgetItem(t.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.trackable_list.addItem(item)
        self.trackable_list.setMaximumHeight(130)
        cl.addWidget(self.trackable_list)
        self.omit_notes = QCheckBox(self.tr("Leave out my notes"))
        self.omit_triggers = QCheckBox(self.tr("Leave out triggers"))
        self.omit_cost = QCheckBox(self.tr("Leave out money spent"))
        self.omit_questionnaires = QCheckBox(self.tr("Leave out questionnaire scores"))
        self.all_entries = QCheckBox(self.tr("Add a table of every entry"))
        self.balance = QCheckBox(self.tr("Add my decisional balance and ideal-use plans"))
        for cb in (self.omit_notes, self.omit_triggers, self.omit_cost, self.omit_questionnaires,
                   self.all_entries, self.balance):
            cb.setAccessibleName(cb.text())
            cl.addWidget(cb)
        layout.addWidget(box)

        # -- progress and result
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress of the export"))
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Export status"))
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        done_row = QHBoxLayout()
        self.open_file_button = QPushButton(self.tr("Open report"))
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        for b in (self.open_file_button, self.open_folder_button):
            b.setAccessibleName(b.text())
            b.setVisible(False)
            done_row.addWidget(b)
        done_row.addStretch(1)
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button.clicked.connect(self.open_folder)
        layout.addLayout(done_row)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.setAccessibleName(self.tr("Export the PDF report"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        # The same choices, as one encrypted file the therapist opens read-only (docs/share.md).
        self.share_button = QPushButton(self.tr("Share as encrypted file…"))
        self.share_button.setAccessibleName(self.tr("Share these days as an encrypted, read-only file"))
        self.share_button.clicked.connect(lambda: self.share())
        self.cancel_button = QPushButton(self.tr("Cancel export"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the export"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        for b in (self.share_button, self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

    # -- choices -------------------------------------------------------------------------
    def options(self) -> report.ReportOptions:
        """The options as chosen (raises HarmTrackError for impossible choices)."""
        if self.since_session.isChecked():
            rng = report.resolve_range(self.ctx.db, "since-last-session", now=self.today)
        elif self.last4.isChecked():
            rng = report.resolve_range(self.ctx.db, "last-4-weeks", now=self.today)
        else:
            rng = report.resolve_range(self.ctx.db, "custom", self.start_edit.date().toPython(),
                                       self.end_edit.date().toPython(), now=self.today)
        keep, leave = [], []
        for i in range(self.trackable_list.count()):
            item = self.trackable_list.item(i)
            tid = int(item.data(Qt.ItemDataRole.UserRole))
            (keep if item.checkState() == Qt.CheckState.Checked else leave).append(tid)
        if not keep and self.trackable_list.count():
            raise HarmTrackError(self.tr("Tick at least one thing to include."))
        return report.ReportOptions(
            start=rng.start, end=rng.end, range_label=rng.label, range_note=rng.note or None,
            trackables=tuple(keep),
            omit_trackables=tuple(leave), omit_notes=self.omit_notes.isChecked(),
            omit_triggers=self.omit_triggers.isChecked(), omit_cost=self.omit_cost.isChecked(),
            omit_questionnaires=self.omit_questionnaires.isChecked(),
            all_entries=self.all_entries.isChecked(), balance_and_ideal_use=self.balance.isChecked())

    def choose_path(self, suggested: str) -> Path | None:
        """Ask where to save (tests replace this)."""
        from .file_dialogs import remember, start_folder

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), str(start_folder() / suggested),
                                              self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        remember(path)
        return Path(path)

    def choose_share_path(self, suggested: str) -> Path | None:
        """Ask where to save the shared file (tests replace this)."""
        from .share_dialog import choose_share_path

        return choose_share_path(self, suggested)

    def ask_share_passphrase(self) -> str | None:
        """Ask for the shared file's new passphrase, twice (tests replace this)."""
        from .share_dialog import ask_new_share_passphrase

        return ask_new_share_passphrase(self)

    # -- running -------------------------------------------------------------------------
    def share(self) -> None:
        """Write the chosen days as a share (exchange.share), off the UI thread."""
        from harmtrack.core.exchange.share import write_share

        from .share_dialog import suggested_name

        try:
            options = self.options()
        except HarmTrackError as exc:
            self.status.setText(str(exc))
            return
        path = self.choose_share_path(suggested_name(options.start, options.end))
        if path is None:
            return
        passphrase = self.ask_share_passphrase()
        if passphrase is None:
            return
        self.result = None
        self.last_error = ""
        self._set_running(True)
        self.progress.setRange(0, 0)  # no steps to count: busy until it is written
        self.cancel_button.setEnabled(False)  # seconds at most; the file appears whole or not at all
        self.status.setText(self.tr("Making your shared file…"))
        self.making_share = True
        self.job = self.ctx.run_background(write_share, self._shared, self._failed, db=self.ctx.db,
                                           options=options, passphrase=passphrase, out=path)

    def _shared(self, result: Any) -> None:
        self.job = None
        self._set_running(False)
        self.progress.setRange(0, 100)
        self.progress.setValue(100)
        from harmtrack.core.quantities.formatting import count

        self.status.setText(self.tr(
            "Saved {name} ({n}). Tell your therapist the passphrase separately — "
            "not with the file.").format(name=result.path.name,
                                         n=count(result.entries, "entry", "entries")))
        self.open_folder_button.setVisible(True)
        self.shared_path = result.path

    def export(self) -> None:
        try:
            options = self.options()
        except HarmTrackError as exc:
            self.status.setText(str(exc))
            return
        path = self.choose_path(report.suggested_filename(options.start, options.end))
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.result = None
        self.last_error = ""
        self._set_running(True)
        self.status.setText(self.tr("Making your report…"))
        self.making_share = False
        self.job = self.ctx.run_background(
            make_report, self._done, self._failed, on_progress=self._progress, with_progress=True,
            db=self.ctx.db, options=options, out=path)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(True)
        self.progress.setValue(0 if running else self.progress.value())
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        for b in (self.open_file_button, self.open_folder_button):
            b.setVisible(False)

    def _progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(round(fraction * 100)))
        if text:
            self.status.setText(self.tr(text))

    def _done(self, result: report.ReportResult) -> None:
        self.job = None
        self.result = result
        self._set_running(False)
        self.progress.setValue(100)
        self.status.setText(self.tr("Saved {name} ({pages} pages).").format(
            name=result.path.name, pages=result.pages))
        for b in (self.open_file_button, self.open_folder_button):
            b.setVisible(True)
        self.open_file_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self._set_running(False)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        if isinstance(exc, report.ReportCancelled):
            self.status.setText(self.tr("Export cancelled. No file was written."))
        elif isinstance(exc, HarmTrackError | OSError):
            self.last_error = str(exc)
            self.status.setText((self.tr("The shared file could not be saved: {e}") if self.making_share
                                 else self.tr("The report could not be saved: {e}")).format(e=exc))
        else:
            self.last_error = type(exc).__name__
            self.status.setText(self.tr("Something went wrong while making the report."))

    def cancel_export(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def is_running(self) -> bool:
        return self.job is not None

    def open_file(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path)))

    def open_folder(self) -> None:
        path = self.result.path if self.result is not None else self.shared_path
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def reject(self) -> None:
        if self.job is not None:  # closing while running cancels; nothing is left behind
            self.job.cancel()
        super().reject()
