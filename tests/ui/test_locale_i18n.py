"""Numbers and dates in the user's locale; translations load by locale."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from harmtrack.core.tracking import entries
from harmtrack.paths import resource
from harmtrack.ui.context import AppContext

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.fixture
def german():  # type: ignore[no-untyped-def]
    before = QLocale()
    QLocale.setDefault(GERMAN)
    yield
    QLocale.setDefault(before)


def test_logging_and_history_screens_use_the_locale(utc_settings, qtbot, german) -> None:
    from harmtrack.ui.history_view import HistoryView
    from harmtrack.ui.log_view import LogView

    ctx = AppContext(utc_settings)
    day = entries.today(ctx.db, ctx.settings()) - dt.timedelta(days=1)
    at = dt.datetime(day.year, day.month, day.day, 21, 5, tzinfo=ZoneInfo("UTC"))
    entries.log(ctx.db, "alcohol", 2.5, at=at, cost="12.5")
    view = LogView(ctx)
    qtbot.addWidget(view)
    view.set_day(day)
    assert view.table.item(0, 2).text() == "2,5 standard drinks"
    assert view.table.item(0, 0).text() == "21:05"
    assert "cost 12,5" in view.table.item(0, 3).text()
    german_day = QLocale().toString(day, QLocale.FormatType.LongFormat)
    assert german_day in view.day_label.text()  # e.g. "Mittwoch, 25. November 2026"

    history = HistoryView(ctx)
    qtbot.addWidget(history)
    model = history.model
    assert model.rowCount() == 1
    cells = [model.index(0, c).data() for c in range(4)]
    assert cells == [day.strftime("%d.%m.%Y"), "21:05", "Alcohol", "2,5"]


def test_the_english_source_file_is_there_and_current() -> None:
    text = resource("i18n", "harmtrack_en.ts").read_text(encoding="utf-8")
    for phrase in ("If-then plans", "Daily check-in", "Welcome to HarmTrack", "Keyboard shortcuts"):
        assert f"<source>{phrase}</source>" in text


def test_a_translation_for_the_locale_is_loaded(tmp_path: Path, qtbot) -> None:
    from harmtrack.ui.i18n import install_translators

    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    tool = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    if not tool:
        pytest.skip("pyside6-lrelease is not installed")
    ts = tmp_path / "harmtrack_de.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de">\n'
        "<context><name>PlansView</name><message><source>Alternatives that help</source>"
        "<translation>Was hilft</translation></message></context></TS>\n", encoding="utf-8")
    subprocess.run([tool, str(ts), "-qm", str(tmp_path / "harmtrack_de.qm")], check=True,
                   capture_output=True)
    app = QApplication.instance()
    loaded = install_translators(app, GERMAN, folder=str(tmp_path))
    try:
        assert any(t.language() == "de" for t in loaded)
        assert QCoreApplication.translate("PlansView", "Alternatives that help") == "Was hilft"
    finally:
        for t in loaded:
            app.removeTranslator(t)
    assert QCoreApplication.translate("PlansView", "Alternatives that help") == "Alternatives that help"
