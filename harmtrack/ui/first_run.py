"""The welcome: what HarmTrack is, what to track, your days, an optional passphrase.

Short, skippable at every step, and revisitable from Help ▸ Welcome…. Nothing is
preselected. "Explore with example data" opens a second HarmTrack on a separate
temporary folder, so the user's own data stays empty until they choose.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError

from .context import AppContext
from .example_data import launch_instance, make_example_folder, remove_example_folder
from .settings_dialog import SettingsForm
from .trackables_dialog import TrackableChooser

log = logging.getLogger(__name__)

DAY_FIELDS = ("country", "week_start", "day_start_hour", "reminder_time")


def crypto_available() -> bool:
    """True when the encryption service (issue 6, ``harmtrack.core.privacy.crypto``) is present."""
    if importlib.util.find_spec("harmtrack.core.privacy.crypto") is None:
        return False
    from harmtrack.core.privacy import crypto

    return hasattr(crypto, "change_encryption")


def _page(title: str, text: str) -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    heading = QLabel(f"<h2>{title}</h2>")
    layout.addWidget(heading)
    if text:
        body = QLabel(text)
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(body)
    return page, layout


class FirstRunDialog(QDialog):
    """Welcome in four short steps. Skip at any point; nothing is chosen for the user."""

    #: Replaced in tests: how a second instance is started on the example folder.
    launcher: Callable[[Path], bool] = staticmethod(launch_instance)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, revisit: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.revisit = revisit
        self.example_folder: Path | None = None
        self.setWindowTitle(self.tr("Welcome to HarmTrack"))
        self.setMinimumWidth(620)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 14)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        # 1. What it is, and that it stays here.
        page, layout = _page(self.tr("Welcome"), self.tr(
            "<p>HarmTrack helps you keep an honest, private record of what you use or do, set small "
            "steps that make things safer for you, and bring a clear picture to your therapist if "
            "you have one.</p><p><b>Everything stays on this computer.</b> Nothing is sent anywhere: "
            "no account, no cloud, no tracking.</p><p>This takes about a minute. You can skip any "
            "step and come back later from the Help menu.</p>"))
        layout.addSpacing(8)
        example_row = QHBoxLayout()
        # No "…": it asks nothing more, it opens a second HarmTrack (another process).
        self.example_button = QPushButton(self.tr("E&xplore with example data first"))
        self.example_button.setAccessibleName(self.tr("Explore with example data"))
        self.example_button.setAccessibleDescription(self.tr(
            "Opens a second HarmTrack window with made-up entries in a separate folder; "
            "your own data is not touched"))
        self.example_button.clicked.connect(self.explore_example)
        example_row.addWidget(self.example_button)
        example_row.addStretch(1)
        layout.addLayout(example_row)
        self.example_note = QLabel()
        self.example_note.setObjectName("Hint")
        self.example_note.setWordWrap(True)
        layout.addWidget(self.example_note)
        layout.addStretch(1)
        self.pages.addWidget(page)

        # 2. What to track (nothing preselected).
        page, layout = _page(self.tr("What would you like to track?"), "")
        self.chooser = TrackableChooser(ctx, page)
        layout.addWidget(self.chooser)
        layout.addStretch(1)
        self.pages.addWidget(page)

        # 3. Your days.
        page, layout = _page(self.tr("Your days"), self.tr(
            "Pick the standard-drink definition for your country, when your week starts, and when "
            "your day ends — if you're often up after midnight, a 4:00 start keeps late evenings "
            "with the day they belong to. A daily reminder is optional."))
        self.day_form = SettingsForm(ctx.settings(), DAY_FIELDS, page)
        layout.addWidget(self.day_form)
        layout.addStretch(1)
        self.pages.addWidget(page)

        # 4. Passphrase (optional).
        page, layout = _page(self.tr("Protect with a passphrase (optional)"), "")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again.setAccessibleName(self.tr("Passphrase again"))
        self.offer_passphrase = crypto_available() and not revisit
        pass_text = QLabel()
        pass_text.setWordWrap(True)
        layout.addWidget(pass_text)
        if self.offer_passphrase:
            pass_text.setText(self.tr(
                "If others use this computer, you can lock your data with a passphrase. It is never "
                "stored, and it cannot be recovered if you forget it. Leave both fields empty to "
                "skip; you can add one later in Data & privacy."))
            form = QFormLayout()
            form.addRow(self._buddy(self.tr("&Passphrase"), self.passphrase), self.passphrase)
            form.addRow(self._buddy(self.tr("&Again"), self.passphrase_again), self.passphrase_again)
            layout.addLayout(form)
        else:
            # HOOK (issue 6): when harmtrack.core.privacy.crypto with change_encryption() is on main,
            # the fields above are offered here on the first run.
            pass_text.setText(self.tr(
                "You can protect your data with a passphrase at any time in Data & privacy."))
            self.passphrase.hide()
            self.passphrase_again.hide()
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addSpacing(18)
        done = QLabel(self.tr(
            "<h3>That's all</h3><p>Press <b>Start</b> and the logging screen opens. Log in a few "
            "keystrokes (Ctrl+N for a new entry, Ctrl+Enter to save), or mark a day with nothing "
            "to log. F1 lists every keyboard shortcut.</p><p>Go at your own pace — any record, "
            "however small, is useful.</p>"))
        done.setWordWrap(True)
        layout.addWidget(done)
        layout.addStretch(1)
        self.pages.addWidget(page)

        buttons = QHBoxLayout()
        self.step = QLabel()
        self.step.setObjectName("Hint")
        self.skip = QPushButton(self.tr("S&kip for now"))
        self.skip.setAccessibleName(self.tr("Skip the welcome"))
        self.skip.clicked.connect(self.reject)
        self.back = QPushButton(self.tr("&Back"))
        self.back.setAccessibleName(self.tr("Back"))
        self.back.clicked.connect(lambda: self.go(-1))
        self.next = QPushButton(self.tr("&Next"))
        self.next.setAccessibleName(self.tr("Next"))
        self.next.setDefault(True)
        self.next.clicked.connect(self.forward)
        buttons.addWidget(self.step)
        buttons.addStretch(1)
        buttons.addWidget(self.skip)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        outer.addLayout(buttons)
        self.go(0)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    # --- steps --------------------------------------------------------------------------
    def go(self, step: int) -> None:
        index = max(0, min(self.pages.count() - 1, self.pages.currentIndex() + step))
        self.pages.setCurrentIndex(index)
        last = index == self.pages.count() - 1
        self.back.setEnabled(index > 0)
        self.next.setText(self.tr("&Start") if last else self.tr("&Next"))
        self.next.setAccessibleName(self.tr("Start using HarmTrack") if last else self.tr("Next"))
        self.step.setText(self.tr("Step {i} of {n}").format(i=index + 1, n=self.pages.count()))
        self.next.setFocus()

    def forward(self) -> None:
        if self.pages.currentIndex() < self.pages.count() - 1:
            self.go(1)
        else:
            self.accept()

    # --- example data -------------------------------------------------------------------
    def explore_example(self) -> None:
        folder: Path | None = None
        try:
            folder = make_example_folder()
            started = type(self).launcher(folder)
        except (HarmTrackError, OSError) as exc:
            if folder is not None:
                remove_example_folder(folder)
            self.example_note.setText(self.tr("Couldn't prepare the example: {why}").format(why=exc))
            return
        self.example_folder = folder
        if started:
            self.example_note.setText(self.tr(
                "A second HarmTrack window opened with made-up data from a separate folder. Look "
                "around, then close it and come back here; nothing there is saved with your data."))
        else:
            self.example_note.setText(self.tr(
                "Couldn't open a second window. You can open the example yourself with:\n"
                "harmtrack --data-dir {folder}\nIt is a temporary folder: your system clears "
                "it, and you can delete it any time.").format(folder=folder))

    # --- finish -------------------------------------------------------------------------
    def accept(self) -> None:
        pw, again = self.passphrase.text(), self.passphrase_again.text()
        if self.offer_passphrase and (pw or again) and pw != again:
            self.error.setText(self.tr("The two passphrases are different."))
            self.pages.setCurrentIndex(self.pages.count() - 1)
            return
        try:
            self.chooser.apply()
            self.ctx.update_settings(first_run_done=True, **self.day_form.changes())
            if self.offer_passphrase and pw:
                self._encrypt(pw)
        except HarmTrackError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.data_changed.emit(Changes.everything())  # maybe a new (encrypted) file
        super().accept()

    def _encrypt(self, passphrase: str) -> None:
        """Encrypt the data folder (issue 6's service); the context gets the reopened database."""
        from harmtrack.core.privacy import crypto

        conversion = crypto.change_encryption(self.ctx.db, passphrase)
        self.ctx.use_database(conversion.database)
        log.info("data folder encrypted at first run")

    def reject(self) -> None:
        if not self.ctx.settings().first_run_done:
            self.ctx.update_settings(first_run_done=True)
        super().reject()
