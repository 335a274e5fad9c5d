"""Support now: crisis and harm-reduction lines with their sources, and the user's own numbers."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.care import therapists
from harmtrack.core.common.errors import HarmTrackError

from .context import AppContext


class SupportDialog(QDialog):
    """Lines to call right now, each with where the number comes from; add your own."""

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None) -> None:
        """``ctx`` None: from the lock screen, the lines only (your own numbers are kept
        with your data, which stays locked)."""
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SupportDialog")
        self.setWindowTitle(self.tr("Support now"))
        self.setAccessibleName(self.tr("Support now"))
        self.resize(560, 640)
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "<b>If you are in danger or need help now, you can reach someone any time.</b> "
            "In an emergency call your local emergency number."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.safety_plan_dialog: QDialog | None = None
        self.plan_button = QPushButton()
        self.plan_button.setObjectName("SafetyPlanButton")
        self.plan_button.clicked.connect(self.open_safety_plan)
        outer.addWidget(self.plan_button)
        self._label_plan_button()

        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Support lines and your own numbers"))
        scroll.setWidgetResizable(True)
        # Everything in it wraps to the width: only ever scrolled up and down.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line_labels: list[QLabel] = []
        for line in therapists.support_lines():
            label = QLabel(
                f"<b>{escape(line.name)}</b> ({escape(line.country)})<br>"
                f"<span style='font-size:15pt'><b>{escape(line.phone)}</b></span><br>"
                f"{escape(line.how)}<br><small>{self.tr('Source')}: "
                f"<a href='{escape(line.source)}'>{escape(line.source)}</a></small>")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.setOpenExternalLinks(False)
            label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
            label.setAccessibleName(f"{line.name} {line.phone}")
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setMargin(8)
            self.line_labels.append(label)
            layout.addWidget(label)

        own = QGroupBox(self.tr("Your own numbers"))
        own_layout = QVBoxLayout(own)
        note = QLabel(self.tr("Add local services, a friend or anyone you trust: they are stored only "
                              "on this computer."))
        note.setWordWrap(True)
        own_layout.addWidget(note)
        self.own_list = QListWidget()
        self.own_list.setAccessibleName(self.tr("Your own support numbers"))
        self.own_list.setMinimumHeight(90)
        own_layout.addWidget(self.own_list)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected number"))
        self.remove_button.clicked.connect(self.remove_selected)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Name of the new contact"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Local crisis team"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setAccessibleName(self.tr("Phone number of the new contact"))
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("Note about the new contact"))
        self.note_edit.setPlaceholderText(self.tr("optional, e.g. open 9–5"))
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)
        form.addRow(self.tr("Note"), self.note_edit)
        own_layout.addLayout(form)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add number"))
        self.add_button.setAccessibleName(self.tr("Add this number"))
        self.add_button.clicked.connect(self.add_contact)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        own_layout.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("ErrorLabel")
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        own_layout.addWidget(self.error)
        if ctx is None:
            for widget in own.findChildren(QWidget):
                widget.hide()
            note.setText(self.tr("Your own numbers are kept with your data: unlock to see or add them."))
            note.show()
        layout.addWidget(own)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        outer.addWidget(buttons)
        self.refresh()

    def _label_plan_button(self) -> None:
        if self.ctx is None:  # the lock screen: the plan is kept with the data, locked
            self.plan_button.setText(self.tr("My safety plan (unlock to see it)"))
            self.plan_button.setEnabled(False)
        else:
            from harmtrack.core.care import safety_plan

            self.plan_button.setText(self.tr("Write my safety plan") if safety_plan.is_empty(self.ctx.db)
                                     else self.tr("Open my safety plan"))
        self.plan_button.setAccessibleName(self.plan_button.text())

    @Slot()
    def open_safety_plan(self) -> None:
        """The user's own plan, over this dialog (one click from Support now)."""
        if self.ctx is None:
            return
        from .safety_plan_dialog import SafetyPlanDialog

        if self.safety_plan_dialog is not None:  # the one opened before, closed by now
            self.safety_plan_dialog.deleteLater()
        dialog = SafetyPlanDialog(self.ctx, self)
        dialog.finished.connect(lambda _result: self._label_plan_button())
        self.safety_plan_dialog = dialog
        dialog.open()

    def refresh(self) -> None:
        self.own_list.clear()
        if self.ctx is None:
            return
        for c in therapists.list_support_contacts(self.ctx.db):
            text = " · ".join(x for x in (c.name, c.phone, c.note) if x)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.own_list.addItem(item)
        self.remove_button.setEnabled(self.own_list.count() > 0)

    def add_contact(self) -> None:
        if self.ctx is None:
            return
        try:
            therapists.add_support_contact(self.ctx.db, self.name_edit.text(), self.phone_edit.text(),
                                           self.note_edit.text())
        except HarmTrackError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        for edit in (self.name_edit, self.phone_edit, self.note_edit):
            edit.clear()
        self.refresh()

    def remove_selected(self) -> None:
        item = self.own_list.currentItem()
        if self.ctx is None:
            return
        if item is None:
            self.error.setText(self.tr("Select a number to remove."))
            return
        therapists.remove_support_contact(self.ctx.db, int(item.data(Qt.ItemDataRole.UserRole)))
        self.refresh()
