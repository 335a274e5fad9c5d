"""Opening a client's shared file: File ▸ Open a shared file…, and ``harmtrack open-share``.

The file is opened by ``exchange.share.open_share`` into a temporary data folder whose
database refuses writes; review mode shows it with the share's own range, without the
session form, under "Shared by your client — read-only". Closing the window removes the
temporary folder (so does quitting the app).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.exchange.share import SUFFIX, OpenShare, open_share

from . import file_dialogs
from .context import AppContext

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("ShareReview", text)


def choose_share_file(parent: QWidget | None) -> str:
    """The file the user picks in an open dialog ("" when cancelled)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, tr("Open a shared file"), str(file_dialogs.start_folder()),
        tr("HarmTrack shared files (*{suffix});;All files (*)").format(suffix=SUFFIX))
    if path:
        file_dialogs.remember(path)
    return path


def ask_share_passphrase(parent: QWidget | None, name: str) -> str | None:
    """The passphrase the client gave with the file (None when cancelled)."""
    text, ok = QInputDialog.getText(
        parent, tr("Passphrase"),
        tr("The passphrase your client gave you for {name}:").format(name=name),
        QLineEdit.EchoMode.Password)
    return text if ok and text else None


def banner_text(share: OpenShare) -> str:
    """What the review says above everything: whose file, read-only, and what was left out."""
    text = tr("Shared by your client — read-only.")
    if share.left_out:
        text += " " + tr("They left out: {what}.").format(what=", ".join(share.left_out))
    return text


class SharedReview(QObject):
    """A share shown in review mode; owns the temporary folder until the window closes."""

    def __init__(self, share: OpenShare, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .review_mode import ReviewMode

        self.share = share
        self.ctx = AppContext(share.db, self)
        self.review = ReviewMode(self.ctx, None, parent,
                                 shared=(share.start, share.end, banner_text(share)))
        self.review.setWindowTitle(tr("Review · shared file (read-only)"))
        self.review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review.closed.connect(self.close)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)  # the app may quit with the window open

    def start(self) -> None:
        self.review.start()

    def close(self) -> None:
        """Forget the share: no result may come back for it, and its folder goes."""
        self.ctx.closed = True
        self.share.close()
        self.deleteLater()


def open_shared_file(parent: QWidget | None) -> None:
    """Ask for a shared file and its passphrase, then show it read-only once it is open.

    Opening (the key, then the import of what may be years of entries) runs on the
    background helper, under a busy indicator; a wrong passphrase or a damaged file is
    said in a message box, and nothing of it is left anywhere."""
    path = choose_share_file(parent)
    if not path:
        return
    passphrase = ask_share_passphrase(parent, Path(path).name)
    if passphrase is None:
        return
    from PySide6.QtWidgets import QProgressDialog

    from .workers import run_background

    busy = QProgressDialog(tr("Opening the shared file…"), "", 0, 0, parent)
    busy.setWindowTitle(tr("Open a shared file"))
    busy.setCancelButton(None)  # seconds at most; the file opens whole or not at all
    busy.setMinimumDuration(0)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.show()

    def done(share: OpenShare) -> None:
        busy.close()
        try:
            SharedReview(share, parent).start()
        except RuntimeError:  # the window it was asked from is gone (the app locked)
            share.close()

    def failed(exc: BaseException) -> None:
        busy.close()
        if isinstance(exc, HarmTrackError | OSError):
            text = str(exc)
        else:
            log.warning("opening a shared file went wrong: %s", type(exc).__name__)
            text = tr("The file could not be opened.")
        QMessageBox.warning(parent, tr("Open a shared file"), text)

    run_background(open_share, done, failed, path=path, passphrase=passphrase)


def review_share(share: OpenShare) -> SharedReview:
    """``harmtrack open-share``: the share in review mode as the app's only window."""
    shown = SharedReview(share)
    shown.start()
    return shown
