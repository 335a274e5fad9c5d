"""Sync between computers: the dialog (Data & privacy ▸ Sync between computers…) and the
runner that syncs in the background, on start, every five minutes and on demand.

Everything runs through ``ui/workers.py``: the core's sync service reads and writes the
sync folder and the database off the UI thread, and its results come back here.
The first pass on this computer is always previewed (``run_pass(dry_run=True)``) and runs
only when the person presses Sync; after that the runner keeps the computers in step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import platform
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError

from .context import AppContext

log = logging.getLogger(__name__)

#: How often the runner syncs while the window is open and a folder is set.
INTERVAL_MS = 5 * 60_000
#: The pass on start waits this long, so the first window is painted and usable first.
START_DELAY_MS = 2_000
#: The runner's object name: the app shell finds it by name (it does not import this module)
#: to wait for a running pass before it locks and closes the database.
RUNNER_NAME = "SyncRunner"


def sync_pass(db: Any, *, dry_run: bool, progress: Any, token: Any) -> Any:
    """One pass of the core's sync service, reporting progress as a fraction (background)."""
    from harmtrack.core.sync import service

    def report(done: int, total: int) -> None:
        progress(done / total if total > 0 else 0.0, "")

    return service.run_pass(db, dry_run=dry_run, progress=report, cancelled=lambda: token.cancelled)


def automatic_pass(db: Any, *, progress: Any, token: Any) -> Any:
    """A pass when a folder is set and its first pass was confirmed; None otherwise."""
    from harmtrack.core.sync import service

    state = service.status(db)
    if state.folder is None or state.last_sync is None:
        return None
    return sync_pass(db, dry_run=False, progress=progress, token=token)


def read_state(db: Any) -> tuple[Any, list[Any]]:
    """What the dialog shows: the status and the conflicts (background)."""
    from harmtrack.core.sync import service

    state = service.status(db)
    return state, (service.conflicts(db) if state.folder is not None else [])


def set_up(db: Any, *, folder: Path, passphrase: str, device_name: str | None,
           progress: Any, token: Any) -> Any:
    """Set the sync folder (deriving its key takes a moment), then preview the first pass."""
    from harmtrack.core.sync import service

    service.set_folder(db, folder, passphrase, device_name)
    return sync_pass(db, dry_run=True, progress=progress, token=token)


def error_text(exc: BaseException) -> str:
    """One line for a failed pass: the core's message, or what kind of error it was."""
    if isinstance(exc, HarmTrackError):
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, OSError):
        return f"{exc.strerror or type(exc).__name__}: {exc.filename}" if exc.filename else str(exc)
    return type(exc).__name__


def stopped_by_person(exc: BaseException) -> bool:
    """The pass ended because Stop was pressed (the core raises SyncCancelled then)."""
    try:
        from harmtrack.core.sync.service import SyncCancelled
    except ImportError:
        return False
    return isinstance(exc, SyncCancelled)


class SyncRunner(QObject):
    """Runs sync passes in the background, one at a time, for one open data folder.

    A child of the app context (``SyncRunner.of(ctx)``): the dialog and the main window's
    timer share it, so two passes never overlap, and it goes when the app locks.
    """

    #: A pass started (True: a preview).
    started = Signal(bool)
    #: How far the running pass is, 0 to 1.
    progressed = Signal(float)
    #: A pass ended: (SyncSummary or None when nothing ran, dry_run).
    finished = Signal(object, bool)
    #: A pass failed: one line saying why.
    failed = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.setObjectName(RUNNER_NAME)
        self.ctx = ctx
        self.job: Any = None
        self.job_is_preview = False
        #: Why the last pass did not work, shown when the dialog opens (cleared by a pass that works).
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.run_automatic)

    @classmethod
    def of(cls, ctx: AppContext) -> SyncRunner:
        """The context's runner, made on first use."""
        found = ctx.findChild(SyncRunner, RUNNER_NAME)
        return found if isinstance(found, SyncRunner) else cls(ctx)

    @property
    def running(self) -> bool:
        return self.job is not None

    def start_automatic(self) -> None:
        """Sync soon after start and then every five minutes (when a folder is set)."""
        QTimer.singleShot(START_DELAY_MS, self, self.run_automatic)
        self.timer.start()

    @Slot()
    def run_automatic(self) -> None:
        if self.running or self.ctx.closed:
            return
        self._start(automatic_pass, dry_run=False)

    def run(self, *, dry_run: bool = False) -> bool:
        """Start a pass now; False (and nothing started) while one is running."""
        if self.running or self.ctx.closed:
            return False
        self._start(sync_pass, dry_run=dry_run, kwargs={"dry_run": dry_run})
        return True

    def set_up(self, folder: Path, passphrase: str, device_name: str | None) -> bool:
        """Set the folder and preview the first pass; False while a pass is running."""
        if self.running or self.ctx.closed:
            return False
        self._start(set_up, dry_run=True,
                    kwargs={"folder": folder, "passphrase": passphrase, "device_name": device_name})
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _start(self, fn: Any, *, dry_run: bool, kwargs: dict[str, Any] | None = None) -> None:
        self.job_is_preview = dry_run
        self.job = self.ctx.run_background(fn, self._done, self._failed, db=self.ctx.db,
                                           on_progress=self._progress, with_progress=True,
                                           **(kwargs or {}))
        self.started.emit(dry_run)

    def _progress(self, fraction: float, _text: str) -> None:
        self.progressed.emit(fraction)

    def _done(self, summary: Any) -> None:
        self.job = None
        dry_run = self.job_is_preview
        if summary is not None:
            self.last_error = ""
        if summary is not None and not dry_run and summary.added + summary.changed + summary.removed:
            # The summary counts rows of every synced table; any screen may show one.
            self.ctx.data_changed.emit(Changes.everything())
        if summary is not None and not dry_run and (summary.conflicts or summary.skipped_files):
            # What a person may want to look at after a pass nobody watched (the timer's).
            self.ctx.status.emit(self.tr(
                "Sync: changed on both computers: {conflicts}; files not readable yet: {files} "
                "(Data & privacy ▸ Sync between computers)").format(
                    conflicts=summary.conflicts, files=len(summary.skipped_files)))
        self.finished.emit(summary, dry_run)

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        if stopped_by_person(exc):  # Stop was pressed: nothing to report as an error
            self.finished.emit(None, self.job_is_preview)
            self.ctx.status.emit(error_text(exc)[:1].upper() + error_text(exc)[1:])
            return
        if not isinstance(exc, HarmTrackError | OSError):
            log.warning("sync pass failed: %s", type(exc).__name__)
        self.last_error = self.tr("Sync did not work: {why}").format(why=error_text(exc))
        if not self.ctx.closed:
            # A line in the status bar, never a message box: the timer may fail every five
            # minutes (a folder on an unplugged stick) and must not stack up dialogs.
            self.ctx.status.emit(self.last_error)
        self.failed.emit(self.last_error)


class SyncDialog(QDialog):
    """Choose the sync folder, preview and run passes, see devices and conflicts."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = SyncRunner.of(ctx)
        self.state: Any = None
        self.conflict_rows: list[Any] = []
        self.setWindowTitle(self.tr("Sync between computers"))
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Keep HarmTrack the same on your computers through a folder you already sync "
            "(Syncthing, Nextcloud, a USB stick…). Everything HarmTrack writes there is "
            "encrypted with the sync passphrase; HarmTrack itself never goes online."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._build_setup())
        layout.addWidget(self._build_status())
        layout.addWidget(self._build_conflicts(), 1)
        layout.addWidget(self._build_preview())
        # The forms sit at the top, not spread over the height (the conflicts take it when listed).
        self.filler = QWidget()
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)

        busy = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.stop_button = self._button(self.tr("Stop"), self.stop)
        self.stopping = False
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.stop_button)
        layout.addLayout(busy)
        self.note = QLabel("")
        self.note.setWordWrap(True)  # a long folder path must not widen the dialog
        self.note.setAccessibleName(self.tr("Sync result"))
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.sync_button = buttons.addButton(self.tr("Sync &now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.clicked.connect(lambda _checked=False: self.sync_now())
        self.forget_button = buttons.addButton(self.tr("Stop syncing with this folder…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.forget_button.setAccessibleName(self.tr("Stop syncing with this folder"))
        self.forget_button.clicked.connect(lambda _checked=False: self.forget())
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.runner.started.connect(self._started)
        self.runner.progressed.connect(self._progressed)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        ctx.data_changed.connect(self._data_changed)  # an edit here adds to what waits
        self._show_running(self.runner.running)
        if self.runner.last_error:
            self.say(self.runner.last_error, error=True)
        self.setup_box.setVisible(False)
        self.status_box.setVisible(False)
        self.conflict_box.setVisible(False)
        self.preview_box.setVisible(False)
        self.sync_button.setVisible(False)
        self.forget_button.setVisible(False)
        self.refresh()

    # --- building -----------------------------------------------------------------------
    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("…", "").replace("&", ""))
        button.clicked.connect(lambda _checked=False: slot())  # not the checked flag
        return button

    def _password(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    def _build_setup(self) -> QGroupBox:
        box = self.setup_box = QGroupBox(self.tr("Set up"))
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(self.tr("Sync folder"))
        self.folder_edit.setPlaceholderText(self.tr("A folder your sync tool keeps the same everywhere"))
        self.choose_button = self._button(self.tr("Choose…"), self.choose_folder)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        form.addRow(self.tr("Sync folder:"), row)
        self.passphrase = self._password(self.tr("Sync passphrase"))
        self.passphrase_again = self._password(self.tr("Sync passphrase again"))
        form.addRow(self.tr("Sync passphrase:"), self.passphrase)
        form.addRow(self.tr("Type it again:"), self.passphrase_again)
        self.device_name = QLineEdit()
        self.device_name.setAccessibleName(self.tr("Name of this computer"))
        self.device_name.setPlaceholderText(platform.node())
        form.addRow(self.tr("Name of this computer:"), self.device_name)
        hint = QLabel(self.tr(
            "Use the same folder and passphrase on every computer. Without the passphrase "
            "nobody can read the folder, you included. Nothing changes before you have "
            "seen what the first sync would do."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.setup_button = self._button(self.tr("Set up and preview"), self.set_up)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.setup_button)
        form.addRow(buttons)
        return box

    def _tree(self, name: str, headers: list[str], stretch: tuple[int, ...] = (0,)) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setAccessibleName(name)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = tree.header()
        header.setStretchLastSection(False)
        # Long names and values share the width and are cut short (their tooltip has all).
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return tree

    def _build_status(self) -> QGroupBox:
        box = self.status_box = QGroupBox(self.tr("This computer and the others"))
        v = QVBoxLayout(box)
        form = QFormLayout()
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_sync_label = QLabel()
        self.pending_label = QLabel()
        form.addRow(self.tr("Sync folder:"), self.folder_label)
        form.addRow(self.tr("Last sync:"), self.last_sync_label)
        form.addRow(self.tr("Changes not synced yet:"), self.pending_label)
        v.addLayout(form)
        self.devices = self._tree(self.tr("Computers"),
                                  [self.tr("Computer"), self.tr("Last change"), ""])
        self.devices.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        rows = self.devices.fontMetrics().lineSpacing()
        self.devices.setMaximumHeight(rows * 9)  # room for several computers, then it scrolls
        v.addWidget(self.devices, 1)
        return box

    def _build_conflicts(self) -> QGroupBox:
        box = self.conflict_box = QGroupBox(self.tr("Changed on both computers"))
        v = QVBoxLayout(box)
        explain = QLabel(self.tr(
            "These were changed on two computers before they synced. The later change was "
            "kept everywhere; the other value is shown so that you can put it back by hand "
            "if it was the right one."))
        explain.setWordWrap(True)
        v.addWidget(explain)
        self.conflicts = self._tree(self.tr("Changed on both computers"),
                                    [self.tr("What"), self.tr("Kept"), self.tr("Other value"),
                                     self.tr("From")])
        self.conflicts.itemSelectionChanged.connect(self._conflict_selected)
        v.addWidget(self.conflicts, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.dismiss_button = self._button(self.tr("Dismiss"), self.dismiss)
        self.dismiss_button.setEnabled(False)
        row.addWidget(self.dismiss_button)
        v.addLayout(row)
        return box

    def _build_preview(self) -> QFrame:
        box = self.preview_box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(box)
        title = QLabel(self.tr("Nothing has been changed yet. This is what the first sync on "
                               "this computer would do:"))
        title.setWordWrap(True)
        v.addWidget(title)
        self.preview_text = QLabel()
        self.preview_text.setAccessibleName(self.tr("Sync preview"))
        self.preview_text.setWordWrap(True)
        v.addWidget(self.preview_text)
        self.preview_skipped = QLabel()
        self.preview_skipped.setWordWrap(True)
        v.addWidget(self.preview_skipped)
        row = QHBoxLayout()
        row.addStretch(1)
        self.preview_sync = self._button(self.tr("Sync"), self.confirm_preview)
        self.preview_cancel = self._button(self.tr("Cancel"), self.cancel_preview)
        row.addWidget(self.preview_sync)
        row.addWidget(self.preview_cancel)
        v.addLayout(row)
        return box

    # --- state --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the status and conflicts in the background, then show them."""
        self.in_background(read_state, self._show_state, self._state_failed, db=self.ctx.db)

    def in_background(self, fn: Any, on_done: Any, on_error: Any, **kwargs: Any) -> None:
        """``ctx.run_background``, with results dropped once this dialog is gone (closed
        while the folder was being read)."""
        import shiboken6

        def alive(callback: Any) -> Any:
            return lambda value: callback(value) if shiboken6.isValid(self) else None

        self.ctx.run_background(fn, alive(on_done), alive(on_error), **kwargs)

    def _state_failed(self, exc: BaseException) -> None:
        self.say(self.tr("Could not read the sync state: {why}").format(why=error_text(exc)), error=True)
        self.forget_button.setVisible(True)  # a folder that went away can still be let go

    def _show_state(self, result: tuple[Any, list[Any]]) -> None:
        state, conflicts = result
        self.state = state
        has_folder = state.folder is not None
        self.setup_box.setVisible(not has_folder)
        self.filler.setVisible(not (has_folder and conflicts))
        self.status_box.setVisible(has_folder)
        self.conflict_box.setVisible(has_folder and bool(conflicts))
        self.forget_button.setVisible(has_folder)
        self.sync_button.setVisible(has_folder)
        self.sync_button.setEnabled(has_folder and not self.runner.running)
        if not has_folder:
            self.preview_box.setVisible(False)
            return
        self.folder_label.setText(str(state.folder))
        self.last_sync_label.setText(when_text(state.last_sync, self.ctx) if state.last_sync
                                     else self.tr("Not yet on this computer"))
        self.pending_label.setText(str(state.pending) if state.pending
                                   else self.tr("None; everything is synced"))
        self.devices.clear()
        for device in state.devices:
            item = QTreeWidgetItem([
                device.name or device.id[:8],
                when_text(device.last_change, self.ctx) if device.last_change else self.tr("No changes yet"),
                self.tr("this computer") if device.this_device else ""])
            item.setToolTip(0, f"{device.name} ({device.id})")
            if device.this_device:
                font = item.font(0)
                font.setBold(True)
                for column in range(3):
                    item.setFont(column, font)
            self.devices.addTopLevelItem(item)
        self.conflict_rows = list(conflicts)
        self.conflicts.clear()
        for conflict in conflicts:
            what = f"{conflict.what}, {conflict.field}" if conflict.field else conflict.what
            cells = [what, conflict.kept, conflict.other, self.device_name_of(conflict.other_device)]
            item = QTreeWidgetItem(cells)
            for column, text in enumerate(cells):
                item.setToolTip(column, text)
            self.conflicts.addTopLevelItem(item)
        for column in (1, 2, 3):  # short values take their width, long ones a fair share
            self.conflicts.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.conflicts.resizeColumnToContents(column)
            self.conflicts.setColumnWidth(column, min(self.conflicts.columnWidth(column), 180))
        self.dismiss_button.setEnabled(False)

    def _data_changed(self, _changes: object) -> None:
        if not self.runner.running:  # a pass refreshes when it ends
            self.refresh()

    def device_name_of(self, device: str) -> str:
        """The computer's name for a device id (text that is no known id is shown as it is)."""
        for known in getattr(self.state, "devices", []):
            if known.id == device:
                return known.name or device[:8]
        return device

    def say(self, text: str, *, error: bool = False) -> None:
        """One line under the lists; the whole text in its tooltip."""
        self.note.setStyleSheet("color: #B00020;" if error else "")
        first = text.splitlines()[0] if text else ""
        self.note.setText(first)
        self.note.setToolTip(text)

    # --- what the person does -----------------------------------------------------------
    def choose_folder(self) -> None:
        from .file_dialogs import remember, start_folder

        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the sync folder"),
                                                  self.folder_edit.text() or str(start_folder()))
        if chosen:
            remember(chosen)  # the next dialog starts beside it
            self.folder_edit.setText(chosen)

    def set_up(self) -> None:
        from harmtrack.core.privacy.crypto import passphrase_problem
        from harmtrack.core.sync.folder import SETUP_NAME

        folder_text = self.folder_edit.text().strip()
        passphrase = self.passphrase.text()
        if not folder_text:
            self.say(self.tr("Choose the folder to sync through first."), error=True)
            return
        folder = Path(folder_text).expanduser()
        if not folder.is_dir():
            self.say(self.tr("There is no folder {path}.").format(path=folder), error=True)
            return
        if passphrase != self.passphrase_again.text():
            self.say(self.tr("The two passphrases differ."), error=True)
            return
        problem = passphrase_problem(passphrase)
        if problem is not None and not (folder / SETUP_NAME).exists():
            # A new sync folder gets a passphrase as strong as the data folder's must be;
            # joining a folder set up elsewhere takes the passphrase chosen there.
            self.say(problem[0].upper() + problem[1:] + ".", error=True)
            return
        if not passphrase:
            self.say(self.tr("Type the sync passphrase."), error=True)
            return
        name = self.device_name.text().strip() or None
        if self.runner.set_up(folder, passphrase, name):
            self.say(self.tr("Setting up the sync folder…"))

    def sync_now(self) -> None:
        """Sync; the first pass on this computer is previewed first."""
        first = self.state is not None and self.state.last_sync is None
        if self.runner.run(dry_run=first):
            self.say(self.tr("Looking at what the first sync would do…") if first else self.tr("Syncing…"))

    def stop(self) -> None:
        self.stopping = True
        self.runner.cancel()

    def confirm_preview(self) -> None:
        self.preview_box.setVisible(False)
        if self.runner.run(dry_run=False):
            self.say(self.tr("Syncing…"))

    def cancel_preview(self) -> None:
        self.preview_box.setVisible(False)
        self.say(self.tr("Sync cancelled; nothing was changed."))
        self.refresh()

    def forget(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Stop syncing with this folder?"),
            self.tr("This computer stops syncing. Your data here and the folder stay as they are; "
                    "you can set up sync again at any time."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        from harmtrack.core.sync import service

        self.in_background(service.forget_folder, lambda _none: self._forgotten(),
                                self._failed_exc, db=self.ctx.db)

    def _forgotten(self) -> None:
        self.say(self.tr("This computer no longer syncs."))
        self.refresh()

    def _conflict_selected(self) -> None:
        self.dismiss_button.setEnabled(bool(self.conflicts.selectedItems()))

    def dismiss(self) -> None:
        from harmtrack.core.sync import service

        row = self.conflicts.indexOfTopLevelItem(self.conflicts.currentItem())
        if not 0 <= row < len(self.conflict_rows):
            return
        self.dismiss_button.setEnabled(False)
        self.in_background(service.dismiss_conflict, lambda _none: self.refresh(), self._failed_exc,
                                db=self.ctx.db, conflict_id=self.conflict_rows[row].id)

    def _failed_exc(self, exc: BaseException) -> None:
        self.say(error_text(exc), error=True)

    # --- the runner's news --------------------------------------------------------------
    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.stop_button.setVisible(running)
        self.sync_button.setEnabled(not running and self.state is not None and self.state.folder is not None)
        self.setup_button.setEnabled(not running)
        self.preview_sync.setEnabled(not running)

    def _started(self, _dry_run: bool) -> None:
        self.progress.setValue(0)
        self._show_running(True)

    def _progressed(self, fraction: float) -> None:
        self.progress.setValue(round(max(0.0, min(1.0, fraction)) * 1000))

    def _finished(self, summary: Any, dry_run: bool) -> None:
        stopped = self.stopping
        self.stopping = False
        self._show_running(False)
        if summary is None:
            if stopped:
                self.say(self.tr("Sync stopped; nothing was changed."))
            self.refresh()
            return
        if dry_run:
            self.passphrase.clear()  # the key is kept by the core; the passphrase is not
            self.passphrase_again.clear()
            self.show_preview(summary)
            self.say("")
        else:
            self.say(self.summary_text(summary))
        self.refresh()

    def _failed(self, text: str) -> None:
        self._show_running(False)
        self.say(text, error=True)
        self.refresh()

    def show_preview(self, summary: Any) -> None:
        self.preview_text.setText(self.tr(
            "New: {added}    Changed: {changed}    Removed: {removed}    "
            "Changed on both computers: {conflicts}").format(
                added=summary.added, changed=summary.changed, removed=summary.removed,
                conflicts=summary.conflicts))
        self.preview_skipped.setText(self.skipped_text(summary))
        self.preview_skipped.setVisible(bool(summary.skipped_files))
        self.preview_box.setVisible(True)
        self.preview_sync.setFocus()

    def summary_text(self, summary: Any) -> str:
        text = self.tr("Synced. New: {added}, changed: {changed}, removed: {removed}, "
                       "changed on both computers: {conflicts}.").format(
            added=summary.added, changed=summary.changed, removed=summary.removed,
            conflicts=summary.conflicts)
        # What the pass had to adjust (a trackable renamed "Name (2)"), then unreadable files.
        more = [*getattr(summary, "notes", ()), self.skipped_text(summary)]
        return " ".join([text, *(m for m in more if m)])

    def skipped_text(self, summary: Any) -> str:
        """The files that could not be read: how many, then each with its reason."""
        files = list(summary.skipped_files)
        if not files:
            return ""
        lines = [self.tr("Files that could not be read (tried again next time): {n}").format(n=len(files))]
        lines += [f"{Path(f.path).name}: {f.reason}" for f in files]
        return "\n".join(lines)

    # --- lifetime -----------------------------------------------------------------------
    def is_running(self) -> bool:
        """The app shell waits for a running pass before it locks."""
        return self.runner.running

    def done(self, result: int) -> None:  # noqa: D102 - Qt override
        for signal, slot in ((self.runner.started, self._started), (self.runner.progressed, self._progressed),
                             (self.runner.finished, self._finished), (self.runner.failed, self._failed),
                             (self.ctx.data_changed, self._data_changed)):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        super().done(result)


def when_text(moment: dt.datetime, ctx: AppContext) -> str:
    """An instant the way a person reads it, in their zone: "Today, 09:56" or a long date."""
    from PySide6.QtCore import QCoreApplication

    from harmtrack.core.common import clock

    from . import locale_fmt

    local = moment.astimezone(ctx.settings().tz) if moment.tzinfo else moment
    today = clock.now(ctx.settings().tz).date()
    if local.date() == today:
        day = QCoreApplication.translate("SyncDialog", "Today")
    elif local.date() == today - dt.timedelta(days=1):
        day = QCoreApplication.translate("SyncDialog", "Yesterday")
    else:
        day = locale_fmt.long_date(local.date())
    return f"{day}, {locale_fmt.time_of(local)}"
