"""File ▸ Settings…: country, currency, week, day start, time zone, theme, reminder, report name,
and (under "Questionnaires and the report") whose screening cut-offs to use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.days import system_zone_name
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.quantities import catalog, formatting
from harmtrack.core.storage.settings import Settings

from .context import AppContext

ALL_FIELDS = ("country", "currency", "week_start", "day_start_hour", "timezone", "theme", "reminder_time",
              "display_name", "sex")


class SettingsForm(QWidget):
    """Labelled fields for some or all settings; ``changes()`` gives what was changed."""

    def __init__(self, settings: Settings, fields: Iterable[str] = ALL_FIELDS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.initial = settings
        self.fields = tuple(fields)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        locale = QLocale()
        here = locale.name()

        self.country = QComboBox()
        for code, std in sorted(catalog.standards().items(), key=lambda kv: kv[1].label):
            self.country.addItem(self.tr("{label} — {grams} g of alcohol").format(
                label=std.label, grams=formatting.number(std.grams, 6, locale=here)), code)
        self.country.setCurrentIndex(max(self.country.findData(settings.country.upper()), 0))
        self.country.setAccessibleName(self.tr("Country for standard drinks"))
        self.country.setAccessibleDescription(self.tr(
            "Decides how many grams of alcohol one standard drink is in the drink calculator"))

        # The locale's currency unless the user chose one (None keeps following the locale).
        self.currency = QComboBox()
        own = formatting.default_currency(here)
        self.currency.addItem(self.tr("Follow this computer ({code} — {name})").format(
            code=own, name=formatting.currency_name(own, locale=here)), None)
        for code in formatting.currencies_in_use():
            self.currency.addItem(f"{code} — {formatting.currency_name(code, locale=here)} "
                                  f"({formatting.money(1234.5, code, locale=here)})", code)
        self.currency.setCurrentIndex(max(self.currency.findData(settings.currency), 0))
        self.currency.setAccessibleName(self.tr("Currency"))
        self.currency.setAccessibleDescription(self.tr(
            "How costs and money goals are shown, in the charts and the report too"))

        self.week_start = QComboBox()
        for i in range(7):  # 0 = Monday, as in the core; QLocale counts Monday as 1
            self.week_start.addItem(locale.dayName(i + 1, QLocale.FormatType.LongFormat), i)
        self.week_start.setCurrentIndex(settings.week_start)
        self.week_start.setAccessibleName(self.tr("First day of the week"))

        self.day_start = QSpinBox()
        self.day_start.setRange(0, 23)
        self.day_start.setValue(settings.day_start_hour)
        self.day_start.setSuffix(":00")
        self.day_start.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.day_start.setAccessibleName(self.tr("Day starts at"))
        self.day_start.setAccessibleDescription(self.tr(
            "Hour a new day begins; with 4:00 a drink at 1:30 counts for the evening before"))

        self.timezone = QComboBox()
        self.timezone.addItem(self.tr("Follow this computer ({zone})").format(zone=system_zone_name()), None)
        for name in sorted(available_timezones()):
            self.timezone.addItem(name, name)
        self.timezone.setEditable(False)
        self.timezone.setCurrentIndex(max(self.timezone.findData(settings.timezone), 0))
        self.timezone.setAccessibleName(self.tr("Time zone"))

        self.theme = QComboBox()
        for key, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                           ("dark", self.tr("Dark"))):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(self.theme.findData(settings.theme), 0))
        self.theme.setAccessibleName(self.tr("Theme"))

        reminder_row = QHBoxLayout()
        self.reminder_on = QCheckBox(self.tr("Remind me each day at"))
        self.reminder_on.setAccessibleName(self.tr("Daily check-in reminder"))
        self.reminder_on.setAccessibleDescription(self.tr(
            "A quiet notification if the day is not logged yet; nothing leaves this computer"))
        self.reminder_time = QTimeEdit()
        self.reminder_time.setDisplayFormat(locale.timeFormat(QLocale.FormatType.ShortFormat))
        self.reminder_time.setAccessibleName(self.tr("Reminder time"))
        if settings.reminder_time:
            hh, mm = (int(x) for x in settings.reminder_time.split(":"))
            self.reminder_on.setChecked(True)
            self.reminder_time.setTime(QTime(hh, mm))
        else:
            self.reminder_time.setTime(QTime(21, 0))
        self.reminder_time.setEnabled(self.reminder_on.isChecked())
        self.reminder_on.toggled.connect(self.reminder_time.setEnabled)
        reminder_row.addWidget(self.reminder_on)
        reminder_row.addWidget(self.reminder_time)
        reminder_row.addStretch(1)
        self.reminder_row = QWidget()
        self.reminder_row.setLayout(reminder_row)
        reminder_row.setContentsMargins(0, 0, 0, 0)

        self.display_name = QLineEdit(settings.display_name)
        self.display_name.setMaxLength(80)
        self.display_name.setPlaceholderText(self.tr("optional — leave empty to keep reports anonymous"))
        self.display_name.setAccessibleName(self.tr("Name on reports"))

        # Whose screening cut-offs: asked only here, optional, and both are shown until chosen.
        self.sex = QComboBox()
        for value, label in ((None, self.tr("Show both (the default)")),
                             ("male", self.tr("Use the cut-offs for men")),
                             ("female", self.tr("Use the cut-offs for women"))):
            self.sex.addItem(label, value)
        self.sex.setCurrentIndex(max(self.sex.findData(settings.sex), 0))
        self.sex.setAccessibleName(self.tr("Screening cut-offs"))
        why = self.tr(
            "Some screening cut-offs differ for men and women, because the studies behind them "
            "measured risk separately: AUDIT-C's positive screen (4 or more for men, 3 or more "
            "for women) and NIAAA's heavy drinking day (5 or more US drinks for men, 4 or more for "
            "women). Choose the ones that fit you, or keep both side by side. Questionnaires "
            "already taken keep the result they were given. This stays on this computer.")
        self.sex.setAccessibleDescription(why)
        self.sex_hint = QLabel(why)  # a row of its own, under the choice, the form's width
        self.sex_hint.setObjectName("Hint")
        self.sex_hint.setWordWrap(True)

        rows: dict[str, tuple[str, QWidget]] = {
            "country": (self.tr("&Standard drinks"), self.country),
            "currency": (self.tr("C&urrency"), self.currency),
            "week_start": (self.tr("&Week starts on"), self.week_start),
            "day_start_hour": (self.tr("&Day starts at"), self.day_start),
            "timezone": (self.tr("Time &zone"), self.timezone),
            "theme": (self.tr("T&heme"), self.theme),
            "reminder_time": (self.tr("&Reminder"), self.reminder_row),
            "display_name": (self.tr("&Name on reports"), self.display_name),
            "sex": (self.tr("Scr&eening cut-offs"), self.sex),
        }
        for key in self.fields:
            text, widget = rows[key]
            if key == "sex":
                heading = QLabel(self.tr("<b>Questionnaires and the report</b>"))
                heading.setTextFormat(Qt.TextFormat.RichText)
                form.addRow(heading)
            label = QLabel(text)
            label.setBuddy(self.reminder_on if widget is self.reminder_row else widget)
            form.addRow(label, widget)
            if key == "sex":
                form.addRow(self.sex_hint)
        for key, (_t, widget) in rows.items():
            if key not in self.fields:
                widget.hide()
        self.sex_hint.setVisible("sex" in self.fields)

    def values(self) -> dict[str, Any]:
        """Every shown field's value, in the core's terms."""
        all_values: dict[str, Any] = {
            "country": self.country.currentData(),
            "currency": self.currency.currentData(),
            "week_start": self.week_start.currentData(),
            "day_start_hour": self.day_start.value(),
            "timezone": self.timezone.currentData(),
            "theme": self.theme.currentData(),
            "reminder_time": self.reminder_time.time().toString("HH:mm")
            if self.reminder_on.isChecked() else None,
            "display_name": self.display_name.text().strip(),
            "sex": self.sex.currentData(),
        }
        return {k: v for k, v in all_values.items() if k in self.fields}

    def changes(self) -> dict[str, Any]:
        """Only what differs from the settings the form was opened with."""
        return {k: v for k, v in self.values().items() if getattr(self.initial, k) != v}


class SettingsDialog(QDialog):
    """Change settings; applied in one transaction when OK is pressed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        layout = QVBoxLayout(self)
        self.form = SettingsForm(ctx.settings(), parent=self)
        layout.addWidget(self.form)
        note = QLabel(self.tr("Changing the day start or time zone re-files your entries to the "
                              "right days; nothing is lost."))
        note.setObjectName("Hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok_cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.form.country.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        changes = self.form.changes()
        if changes:
            try:
                self.ctx.update_settings(**changes)
            except HarmTrackError as exc:
                self.error.setText(str(exc))
                return
        super().accept()
