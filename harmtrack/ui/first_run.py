"""First start: say what HarmTrack is, and let the user pick what to track."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .context import AppContext
from .trackables_dialog import TrackableChooser


class FirstRunDialog(QDialog):
    """Welcome + what to track (nothing preselected). Skippable."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Welcome to HarmTrack"))
        layout = QVBoxLayout(self)
        welcome = QLabel(self.tr(
            "<h2>Welcome</h2><p>HarmTrack helps you keep an honest, private record of what you use "
            "or do, set small steps that make things safer for you, and bring a clear picture to "
            "your therapist if you have one.</p><p><b>Everything stays on this computer.</b> "
            "Nothing is sent anywhere.</p>"))
        welcome.setWordWrap(True)
        layout.addWidget(welcome)
        self.chooser = TrackableChooser(ctx, self)
        layout.addWidget(self.chooser)
        buttons = QDialogButtonBox()
        self.start = buttons.addButton(self.tr("&Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip = buttons.addButton(self.tr("S&kip for now"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.chooser.apply()
        self.ctx.update_settings(first_run_done=True)
        super().accept()

    def reject(self) -> None:
        self.ctx.update_settings(first_run_done=True)
        super().reject()
