"""Drink calculator: volume × strength → standard drinks for the user's country."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from harmtrack.core.quantities import catalog, formatting

from . import locale_fmt


class DrinkCalculator(QDialog):
    """Pick a common drink or type its size and strength; shows the standard drinks."""

    def __init__(self, country: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Drink calculator"))
        self.country = country
        form = QFormLayout(self)
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Common drinks"))
        self.preset.addItem(self.tr("Choose a common drink…"), None)
        for p in catalog.drink_presets():
            self.preset.addItem(p["label"], p)
        self.preset.currentIndexChanged.connect(self._preset)
        form.addRow(self.tr("&Drink"), self.preset)
        self.volume = QDoubleSpinBox()
        self.volume.setRange(0, 5000)
        self.volume.setSuffix(" ml")
        self.volume.setValue(330)
        self.volume.setAccessibleName(self.tr("Volume in millilitres"))
        form.addRow(self.tr("&Volume"), self.volume)
        self.abv = QDoubleSpinBox()
        self.abv.setRange(0, 100)
        self.abv.setDecimals(1)
        self.abv.setSuffix(" %")
        self.abv.setValue(5)
        self.abv.setAccessibleName(self.tr("Alcohol by volume, percent"))
        form.addRow(self.tr("&Strength (ABV)"), self.abv)
        self.count = QSpinBox()
        self.count.setRange(1, 50)
        self.count.setAccessibleName(self.tr("How many"))
        form.addRow(self.tr("How &many"), self.count)
        self.result = QLabel()
        self.result.setAccessibleName(self.tr("Result"))
        self.result.setWordWrap(True)
        form.addRow(self.result)
        std = catalog.standard(country)
        source = QLabel(self.tr("Using {label}: {grams} g of alcohol each.").format(
            label=std.label, grams=formatting.number(std.grams, 6, locale=locale_fmt.locale_name())))
        source.setWordWrap(True)
        source.setToolTip(std.source)
        source.setObjectName("Hint")
        form.addRow(source)
        ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok_cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for w in (self.volume, self.abv, self.count):
            w.valueChanged.connect(self._update)
        self._update()

    def _preset(self) -> None:
        p = self.preset.currentData()
        if p:
            self.volume.setValue(float(p["ml"]))
            self.abv.setValue(float(p["abv"]))

    def standard_drinks(self) -> float:
        each = catalog.standard_drinks(self.volume.value(), self.abv.value(), self.country)
        return round(each * self.count.value(), 2)

    def _update(self) -> None:
        grams = catalog.ethanol_grams(self.volume.value(), self.abv.value()) * self.count.value()
        unit = catalog.standard(self.country).unit
        self.result.setText(self.tr("{grams} g of alcohol = <b>{amount}</b>").format(
            grams=formatting.number(grams, 1, locale=locale_fmt.locale_name()),
            amount=formatting.amount(self.standard_drinks(), unit, locale=locale_fmt.locale_name())))
