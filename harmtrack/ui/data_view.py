"""Data & privacy: encryption, lock, backups, export and import (with a preview)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError

from .context import AppContext

log = logging.getLogger(__name__)


def _entries(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


def backup_when(backup: Any, today: dt.date | None = None) -> str:
    """When a backup was taken, the way a person reads it: "Today, 09:56",
    "Yesterday, 21:10" or "Monday, 23 November 2026, 08:05".

    A daily backup is named by its day alone; its time is the file's own (when the file
    was written that same day; a conversion rewrites it later, and then the day is all
    that is known).
    """
    from . import locale_fmt

    taken: dt.datetime = backup.taken
    known_time = taken.time() != dt.time(0)
    if not known_time:
        try:
            written = dt.datetime.fromtimestamp(backup.path.stat().st_mtime)
        except OSError:
            written = None
        if written is not None and written.date() == taken.date():
            taken, known_time = written, True
    today = today or dt.date.today()
    if taken.date() == today:
        day = QCoreApplication.translate("DataView", "Today")
    elif taken.date() == today - dt.timedelta(days=1):
        day = QCoreApplication.translate("DataView", "Yesterday")
    else:
        day = locale_fmt.long_date(taken.date())
    return f"{day}, {locale_fmt.time_of(taken)}" if known_time else day


class PassphraseDialog(QDialog):
    """Ask for the current passphrase and/or a new one (typed twice)."""

    def __init__(self, parent: QWidget | None, title: str, *, current: bool, new: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.current = self.new = self.again = None
        if current:
            self.current = self._field(self.tr("Current passphrase"))
            form.addRow(self.tr("Current passphrase:"), self.current)
        if new:
            self.new = self._field(self.tr("New passphrase"))
            self.again = self._field(self.tr("New passphrase again"))
            form.addRow(self.tr("New passphrase:"), self.new)
            form.addRow(self.tr("Type it again:"), self.again)
            warn = QLabel(self.tr("Without the passphrase your data cannot be opened by anyone, "
                                  "you included. Keep it somewhere safe."))
            warn.setWordWrap(True)
            form.addRow(warn)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #B00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(self.tr("Confirm"))
        form.addRow(buttons)

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        edit.setMinimumWidth(260)
        return edit

    def _check(self) -> None:
        from harmtrack.core.privacy.crypto import passphrase_problem

        if self.new is not None and self.again is not None:
            problem = passphrase_problem(self.new.text())  # the CLI's rule, in one place
            if problem is not None:
                self.error.setText(problem[0].upper() + problem[1:] + ".")
                self.adjustSize()  # the explanation takes several lines: show all of them
                return
            if self.new.text() != self.again.text():
                self.error.setText(self.tr("The two passphrases differ."))
                return
        self.accept()


class ImportPreviewDialog(QDialog):
    """What an import would add; Import runs it, Cancel writes nothing."""

    def __init__(self, parent: QWidget | None, preview: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import preview"))
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        summary = QLabel(self.tr("Nothing has been written yet. This is what the import would do:"))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.text = QPlainTextEdit("\n".join(preview.lines()))
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Import preview"))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setAccessibleName(self.tr("Import"))
        self.import_button.setEnabled(sum(preview.added.values()) > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class DataView(QWidget):
    """The Data & privacy screen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Data and privacy settings"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        title = QLabel(self.tr("Data & privacy"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        where = QLabel(self.tr("Everything you log is kept in one file on this computer: {path}. "
                               "HarmTrack never sends it anywhere; sync (below) only writes "
                               "encrypted files to a folder you choose.")
                       .format(path=ctx.db.path))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)

        # Encryption + lock
        box = QGroupBox(self.tr("Encryption and lock"))
        v = QVBoxLayout(box)
        self.crypto_status = QLabel()
        self.crypto_status.setWordWrap(True)
        v.addWidget(self.crypto_status)
        row = QHBoxLayout()
        self.encrypt_button = self._button(self.tr("Turn on encryption…"), self.encrypt)
        self.change_button = self._button(self.tr("Change passphrase…"), self.change_passphrase)
        self.decrypt_button = self._button(self.tr("Turn off encryption…"), self.decrypt)
        self.lock_button = self._button(self.tr("Lock now (Ctrl+L)"), self.lock_now)
        for b in (self.encrypt_button, self.change_button, self.decrypt_button):
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        form = QFormLayout()
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.lock_button)
        lock_row.addStretch(1)
        form.addRow(lock_row)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setMaximumWidth(120)
        self.lock_minutes.setRange(1, 240)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setAccessibleName(self.tr("Lock after idle minutes"))
        self.lock_minutes.valueChanged.connect(lambda n: self._setting(lock_minutes=int(n)))
        form.addRow(self.tr("Lock after this long without use:"), self.lock_minutes)
        self.discreet = QCheckBox(self.tr("Discreet mode: a neutral window title"))
        self.discreet.setAccessibleName(self.tr("Discreet mode"))
        self.discreet.toggled.connect(lambda on: self._setting(discreet=bool(on)))
        form.addRow(self.discreet)
        v.addLayout(form)
        layout.addWidget(box)

        # Backups
        box = QGroupBox(self.tr("Backups"))
        v = QVBoxLayout(box)
        explain = QLabel(self.tr("A copy is taken automatically on the first start of each day, "
                                 "and before every import, restore and encryption change."))
        explain.setWordWrap(True)
        v.addWidget(explain)
        row = QHBoxLayout()
        self.backup_button = self._button(self.tr("Back up now"), self.backup_now)
        self.restore_button = self._button(self.tr("Restore from a backup…"), self.restore_from)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setMaximumWidth(90)
        self.keep.setAccessibleName(self.tr("Daily backups to keep"))
        self.keep.valueChanged.connect(lambda n: self._setting(backups_keep=int(n)))
        row.addWidget(QLabel(self.tr("Keep daily backups:")))
        row.addWidget(self.keep)
        v.addLayout(row)
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName(self.tr("Backups"))
        self.backup_list.setMaximumHeight(140)
        v.addWidget(self.backup_list)
        layout.addWidget(box)

        # Export / import
        box = QGroupBox(self.tr("Export and import"))
        v = QVBoxLayout(box)
        explain = QLabel(self.tr("CSV has one row per entry for spreadsheets. JSON holds everything "
                                 "and can be imported into another HarmTrack. Imports accept "
                                 "HarmTrack JSON or CSV, PsychonautWiki Journal exports and Loop "
                                 "Habit Tracker's Checkmarks.csv; you see a preview first."))
        explain.setWordWrap(True)
        v.addWidget(explain)
        row = QHBoxLayout()
        self.export_csv_button = self._button(self.tr("Export CSV…"), lambda: self.export("csv"))
        self.export_json_button = self._button(self.tr("Export JSON…"), lambda: self.export("json"))
        self.import_button = self._button(self.tr("Import a file…"), self.import_file)
        for b in (self.export_csv_button, self.export_json_button, self.import_button):
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.export_warning = QLabel(self.tr("Exported files are not encrypted: whoever can open "
                                             "them can read them. Keep them somewhere safe."))
        self.export_warning.setWordWrap(True)
        v.addWidget(self.export_warning)
        layout.addWidget(box)

        box = QGroupBox(self.tr("Sync between computers"))
        v = QVBoxLayout(box)
        explain = QLabel(self.tr("Keep your data the same on several computers through a folder "
                                 "you already sync; what HarmTrack writes there is encrypted."))
        explain.setWordWrap(True)
        v.addWidget(explain)
        row = QHBoxLayout()
        self.sync_button = self._button(self.tr("Sync between computers…"), self.open_sync)
        row.addWidget(self.sync_button)
        row.addStretch(1)
        v.addLayout(row)
        layout.addWidget(box)
        self.sync_dialog: QDialog | None = None

        self.busy = False
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 3)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.refresh()

    def _button(self, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleName(text.replace("…", "").replace("&", ""))
        # The slots take no arguments: clicked(bool) is not passed on to them.
        b.clicked.connect(lambda _checked=False: slot())
        return b

    # --- state --------------------------------------------------------------------------
    def refresh(self) -> None:
        from harmtrack.core.storage.backups import list_backups

        enc = self.ctx.db.encrypted
        self.crypto_status.setText(
            self.tr("Your data is encrypted with your passphrase (SQLCipher, AES-256). The app "
                    "locks itself after the time below, and on Ctrl+L.") if enc else
            self.tr("Your data is not encrypted. Anyone who can read your files can read it. "
                    "Turn on encryption to protect it with a passphrase."))
        self.encrypt_button.setVisible(not enc)
        self.change_button.setVisible(enc)
        self.decrypt_button.setVisible(enc)
        self.lock_button.setEnabled(enc)
        self.export_warning.setVisible(enc)
        self.lock_button.setToolTip("" if enc else self.tr("The lock needs encryption to be on."))
        s = self.ctx.settings()
        for widget, value in ((self.lock_minutes, s.lock_minutes), (self.keep, s.backups_keep)):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        self.discreet.blockSignals(True)
        self.discreet.setChecked(s.discreet)
        self.discreet.blockSignals(False)
        self.backup_list.clear()
        backups = list_backups(self.ctx.db.path.parent)
        for b in backups[:20]:
            self.backup_list.addItem(f"{backup_when(b)}   {self.kind_name(b.kind)}   {b.path.name}")
        if not backups:
            self.backup_list.addItem(self.tr("No backups yet. One is taken automatically on the first "
                                             "start of each day; “Back up now” takes one any time."))

    def kind_name(self, kind: str) -> str:
        """A backup's kind in words ("before-import" -> "before an import")."""
        names = {"daily": self.tr("daily"), "manual": self.tr("made by you"),
                 "before-import": self.tr("before an import"),
                 "before-restore": self.tr("before a restore"),
                 "before-encryption-change": self.tr("before an encryption change"),
                 "before-sync": self.tr("before a sync"),
                 "before-migration": self.tr("before an update")}
        return names.get(kind, kind)

    def activated(self) -> None:
        self.refresh()

    def _setting(self, **changes: Any) -> None:
        try:
            self.ctx.update_settings(**changes)
        except HarmTrackError as exc:
            self.say(str(exc), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #B00020;" if error else "")
        self.message.setText(text)
        if not error:
            self.ctx.status.emit(text)

    def _replace_db(self, db: Any) -> None:
        """After a conversion or restore the database object is a new one."""
        self.ctx.use_database(db)
        self.ctx.undo_stack.clear()  # undo steps refer to the file that was replaced
        self.ctx.settings_changed.emit()
        self.ctx.data_changed.emit(Changes.everything())
        self.refresh()

    # --- encryption ---------------------------------------------------------------------
    def _convert(self, new: str | None, current: str | None) -> None:
        from harmtrack.core.privacy import crypto

        if current is not None:
            try:
                crypto.unlock(self.ctx.db.path, current)
            except HarmTrackError as exc:
                self.say(str(exc), error=True)
                return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = crypto.change_encryption(self.ctx.db, new)
        except HarmTrackError as exc:
            self.say(str(exc), error=True)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._replace_db(done.database)
        if done.backups_not_converted:
            self.say(self.tr("Done, but these backups could not be converted: {names}")
                     .format(names=", ".join(done.backups_not_converted)), error=True)
            return
        if new is None:
            self.say(self.tr("Encryption is off. Your data and backups are stored unencrypted."))
        else:
            self.say(self.tr("Your data and its backups are now encrypted ({n} rows checked).")
                     .format(n=done.rows))

    # Each button asks for what it needs in a dialog and hands it to the method below it,
    # which does the change (and is what a script or a test with known values calls).
    def encrypt(self) -> None:
        dlg = PassphraseDialog(self, self.tr("Turn on encryption"), current=False, new=True)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.new is not None:
            self.encrypt_with(dlg.new.text())

    def encrypt_with(self, passphrase: str) -> None:
        self._convert(passphrase, None)

    def change_passphrase(self) -> None:
        dlg = PassphraseDialog(self, self.tr("Change passphrase"), current=True, new=True)
        if (dlg.exec() == QDialog.DialogCode.Accepted and dlg.current is not None
                and dlg.new is not None):
            self._convert(dlg.new.text(), dlg.current.text())

    def decrypt(self) -> None:
        dlg = PassphraseDialog(self, self.tr("Turn off encryption"), current=True, new=False)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.current is not None:
            self.decrypt_with(dlg.current.text())

    def decrypt_with(self, current: str) -> None:
        self._convert(None, current)

    def lock_now(self) -> None:
        window = self.window()
        if hasattr(window, "lock_requested"):
            window.lock_requested.emit()

    # --- backups ------------------------------------------------------------------------
    def backup_now(self) -> None:
        from harmtrack.core.storage.backups import make_backup

        try:
            path = make_backup(self.ctx.db, "manual")
        except HarmTrackError as exc:
            self.say(str(exc), error=True)
            return
        self.refresh()
        self.say(self.tr("Backup written: {name}").format(name=path.name))

    def restore_from(self) -> None:
        """Choose a backup file, then restore it (after asking)."""
        from harmtrack.paths import backups_dir

        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a backup"), str(backups_dir(self.ctx.db.path.parent)),
            self.tr("HarmTrack backups (*.sqlite3);;All files (*)"))
        if chosen:
            self.restore_file(chosen)

    def restore_file(self, path: str | Path, *, confirm: bool = True) -> None:
        from harmtrack.core.storage.backups import check_backup, restore

        source = Path(path)
        try:
            check = check_backup(source, self.ctx.db)
        except HarmTrackError as exc:
            self.say(str(exc), error=True)
            return
        if confirm:
            span = (self.tr(" from {a} to {b}").format(a=check.first_day, b=check.last_day)
                    if check.first_day else "")
            answer = QMessageBox.question(
                self, self.tr("Restore this backup?"),
                self.tr("{file} holds {n}{span}. Your current data will be replaced by it "
                        "and kept as a backup first.").format(file=source.name, n=_entries(check.entries),
                                                              span=span))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            result = restore(self.ctx.db, source)
        except HarmTrackError as exc:
            self.say(str(exc), error=True)
            return
        self._replace_db(result.database)
        self.say(self.tr("Restored {file} ({n}). Your previous data is kept as {prev}.")
                 .format(n=_entries(check.entries), file=source.name, prev=result.previous.name))

    # --- sync ---------------------------------------------------------------------------
    def open_sync(self) -> None:
        """The sync dialog, not modal: a pass goes on in the background while it is open."""
        from .sync_dialog import SyncDialog

        if self.sync_dialog is not None and not self.sync_dialog.isVisible():
            self.sync_dialog.deleteLater()  # closed: a new one reads the state afresh
            self.sync_dialog = None
        if self.sync_dialog is None:
            self.sync_dialog = SyncDialog(self.ctx, self)
        self.sync_dialog.show()
        self.sync_dialog.raise_()
        self.sync_dialog.activateWindow()

    # --- export / import ----------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        """While an export or import runs in the background, its buttons wait."""
        self.busy = busy
        for b in (self.export_csv_button, self.export_json_button, self.import_button,
                  self.restore_button, self.encrypt_button, self.change_button, self.decrypt_button):
            b.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, HarmTrackError):
            self.say(str(exc), error=True)
        else:
            log.warning("data task failed: %s", type(exc).__name__)
            self.say(self.tr("That did not work ({kind}); nothing was changed.")
                     .format(kind=type(exc).__name__), error=True)

    def export(self, fmt: str, path: str | Path | None = None) -> None:
        """Write an export (in the background: ten years of data take a few seconds)."""
        from harmtrack.core.exchange.export import write_export

        if path is None:
            from .file_dialogs import remember, start_folder

            suggested = str(start_folder() / f"harmtrack-export.{fmt}")
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), suggested,
                                                    f"{fmt.upper()} (*.{fmt})")
            if not chosen:
                return
            remember(chosen)
            path = chosen

        def done(target: Path) -> None:
            self._set_busy(False)
            self.say(self.tr("Exported to {path}").format(path=target))

        self._set_busy(True)
        self.say(self.tr("Exporting…"))
        self.ctx.run_background(write_export, done, self._failed, db=self.ctx.db, fmt=fmt, out=path)

    def import_file(self) -> None:
        """Choose a file, then preview and import it."""
        from .file_dialogs import remember, start_folder

        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a file"), str(start_folder()),
            self.tr("Exports (*.json *.csv);;All files (*)"))
        if chosen:
            remember(chosen)
            self.import_path(chosen)

    def import_path(self, path: str | Path, fmt: str | None = None) -> None:
        """Preview the file (in the background), then import it if the user confirms."""
        from harmtrack.core.exchange import importers

        source = Path(path)

        def imported(result: Any) -> None:
            self._set_busy(False)
            self.ctx.data_changed.emit(Changes.everything())
            self.refresh()
            self.say(self.tr("Imported {n} from {file} ({skipped} already there, {refused} refused).")
                     .format(n=_entries(result.entries), file=source.name,
                             skipped=result.already_present, refused=len(result.refused)))

        def previewed(preview: Any) -> None:
            self._set_busy(False)
            self.preview_dialog = ImportPreviewDialog(self, preview)
            if self.preview_dialog.exec() != QDialog.DialogCode.Accepted:
                self.say(self.tr("Import cancelled; nothing was written."))
                return
            self._set_busy(True)
            self.say(self.tr("Importing…"))
            self.ctx.run_background(importers.run_import, imported, self._failed,
                                    db=self.ctx.db, path=source, fmt=fmt)

        self._set_busy(True)
        self.say(self.tr("Reading {file}…").format(file=source.name))
        self.ctx.run_background(importers.preview, previewed, self._failed,
                                db=self.ctx.db, path=source, fmt=fmt)
