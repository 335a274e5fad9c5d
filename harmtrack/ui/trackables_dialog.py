"""Choose what to track: built-in trackables (nothing preselected) and your own."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.quantities import catalog
from harmtrack.core.tracking import trackables

from .context import AppContext


class TrackableChooser(QWidget):
    """Checkboxes for the catalog plus a row to add your own trackable."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Pick what you want to keep track of. You can change this any time, "
                               "and nothing here is a judgement — track whatever is useful to you."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        current = {t.builtin_key: t for t in trackables.list_trackables(ctx.db, include_archived=True)}
        grid_box = QGroupBox(self.tr("Built in"))
        grid = QGridLayout(grid_box)
        self.checks: dict[str, tuple[QCheckBox, QComboBox]] = {}
        for i, item in enumerate(catalog.trackables()):
            check = QCheckBox(self.tr(item.name))
            check.setAccessibleName(item.name)
            existing = current.get(item.key)
            check.setChecked(bool(existing and not existing.archived))
            units = QComboBox()
            units.addItems(list(item.units))
            units.setAccessibleName(self.tr("Unit for {name}").format(name=item.name))
            if existing:
                units.setCurrentText(existing.unit)
                units.setEnabled(False)  # the unit of a trackable with history stays
            units.setVisible(len(item.units) > 1)
            grid.addWidget(check, i // 2, (i % 2) * 2)
            grid.addWidget(units, i // 2, (i % 2) * 2 + 1)
            self.checks[item.key] = (check, units)
        layout.addWidget(grid_box)

        own_box = QGroupBox(self.tr("Your own"))
        own = QHBoxLayout(own_box)
        self.own_name = QLineEdit()
        self.own_name.setPlaceholderText(self.tr("Name, e.g. Caffeine"))
        self.own_name.setAccessibleName(self.tr("Name of your own trackable"))
        self.own_unit = QLineEdit()
        self.own_unit.setPlaceholderText(self.tr("Unit, e.g. cups"))
        self.own_unit.setAccessibleName(self.tr("Unit of your own trackable"))
        self.own_kind = QComboBox()
        self.own_kind.addItem(self.tr("behaviour"), "behaviour")
        self.own_kind.addItem(self.tr("substance"), "substance")
        self.own_kind.setAccessibleName(self.tr("Kind"))
        self.add_own = QPushButton(self.tr("&Add"))
        self.add_own.setAccessibleName(self.tr("Add your own trackable"))
        self.add_own.clicked.connect(self.add_custom)
        own.addWidget(self.own_name, 2)
        own.addWidget(self.own_unit, 1)
        own.addWidget(self.own_kind)
        own.addWidget(self.add_own)
        layout.addWidget(own_box)
        self.own_list = QLabel()
        self.own_list.setWordWrap(True)
        layout.addWidget(self.own_list)
        self._show_own()

    def _show_own(self) -> None:
        mine = [t for t in trackables.list_trackables(self.ctx.db) if t.builtin_key is None]
        self.own_list.setText(", ".join(f"{t.name} ({t.unit})" for t in mine))

    def add_custom(self) -> bool:
        try:
            trackables.add_custom(self.ctx.db, self.own_name.text(), self.own_unit.text(),
                                  self.own_kind.currentData())
        except HarmTrackError as exc:
            QMessageBox.warning(self, self.tr("Can't add that"), str(exc))
            return False
        self.own_name.clear()
        self.own_unit.clear()
        self._show_own()
        return True

    def apply(self) -> None:
        """Track what is checked; archive (never delete) what was unchecked."""
        existing = {t.builtin_key: t for t in trackables.list_trackables(self.ctx.db, include_archived=True)}
        for key, (check, units) in self.checks.items():
            have = existing.get(key)
            if check.isChecked():
                if have is None or have.archived:
                    trackables.add_builtin(self.ctx.db, key, units.currentText())
            elif have is not None and not have.archived:
                trackables.update_trackable(self.ctx.db, have.id, archived=True)
        if self.own_name.text().strip() and self.own_unit.text().strip():
            self.add_custom()


class HeavyDayFields(QGroupBox):
    """Per trackable, the amount in a day the user counts as heavy use (the report's
    heavy-use days). Empty: none of their own (alcohol then follows the chosen guideline)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Heavy-use days (for the report)"), parent)
        from harmtrack.core.goals.heavy_days import guideline_rule, own_threshold
        from harmtrack.core.quantities.formatting import number

        self.ctx = ctx
        settings = ctx.settings()
        grid = QGridLayout(self)
        note = QLabel(self.tr("A day with this much or more counts as a heavy-use day in your "
                              "report. Leave it empty for none."))
        note.setWordWrap(True)
        grid.addWidget(note, 0, 0, 1, 3)
        self.fields: dict[int, tuple[trackables.TrackableInfo, QLineEdit]] = {}
        for row, t in enumerate(trackables.list_trackables(ctx.db), start=1):
            field = QLineEdit()
            field.setAccessibleName(self.tr("Heavy-use day for {name}").format(name=t.name))
            own = own_threshold(settings, t.name)
            if own is not None:
                field.setText(number(own, grouping=False))
            rule = guideline_rule(t, settings)
            if rule:
                shown = f"{number(rule.at_least)} or more" if not rule.strict else \
                    f"more than {number(rule.at_least)}"
                field.setPlaceholderText(self.tr("{amount} (your guideline)").format(amount=shown))
                field.setToolTip(rule.words)
            else:
                field.setPlaceholderText(self.tr("none"))
            grid.addWidget(QLabel(t.name), row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(QLabel(t.unit), row, 2)
            self.fields[t.id] = (t, field)

    def apply(self) -> bool:
        """Store the thresholds; False (nothing stored) with a message when one is not a number."""
        from harmtrack.core.goals.heavy_days import own_threshold, set_own_threshold
        from harmtrack.core.tracking.validation import parse_number

        chosen: list[tuple[trackables.TrackableInfo, float | None]] = []
        for t, field in self.fields.values():
            text = field.text().strip()
            try:
                value = parse_number(text, self.tr("the heavy-use day for {name}").format(name=t.name)) \
                    if text else None
                if value is not None and not 0 < value < 1e9:
                    raise ValueError(self.tr("the heavy-use day for {name} must be above 0")
                                     .format(name=t.name))
            except (HarmTrackError, ValueError) as exc:
                QMessageBox.warning(self, self.tr("Can't use that"), str(exc))
                field.setFocus()
                return False
            chosen.append((t, value))
        settings = self.ctx.settings()
        for t, value in chosen:
            if own_threshold(settings, t.name) != value:
                set_own_threshold(self.ctx.db, t, value)
        return True


class TrackablesDialog(QDialog):
    """The chooser in a dialog (first run, and File ▸ What I track…)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("What I track"))
        layout = QVBoxLayout(self)
        self.chooser = TrackableChooser(ctx, self)
        layout.addWidget(self.chooser)
        self.heavy_days = HeavyDayFields(ctx, self)
        layout.addWidget(self.heavy_days)
        ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok_cancel)
        self.balance_button = buttons.addButton(self.tr("&Balance and ideal use…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.balance_button.setAccessibleName(self.tr("Open balance and ideal use"))
        self.balance_button.clicked.connect(self.open_balance)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot()
    def open_balance(self) -> None:
        """What a tracked thing gives and costs, and the classes an own trackable is in."""
        from .balance_dialog import BalanceDialog

        BalanceDialog(self.ctx, None, self).exec()

    def accept(self) -> None:
        if not self.heavy_days.apply():
            return  # the message said which field; nothing else was changed either
        self.chooser.apply()
        self.ctx.data_changed.emit(Changes(catalog=True, settings=True))
        super().accept()
