"""The welcome (first run, revisitable) and the settings dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QTime

from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking import entries, trackables
from harmtrack.ui.context import AppContext


@pytest.fixture
def ctx(db, qtbot) -> AppContext:
    QStandardPaths.setTestModeEnabled(True)  # QSettings go to a test folder
    QSettings().clear()
    return AppContext(db)


def test_walk_the_first_run_choosing_what_to_track_and_days(ctx, qtbot) -> None:
    from harmtrack.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.pages.currentIndex() == 0 and not dialog.back.isEnabled()
    dialog.next.click()
    # Nothing is preselected.
    assert not any(check.isChecked() for check, _u in dialog.chooser.checks.values())
    dialog.chooser.checks["alcohol"][0].setChecked(True)
    dialog.chooser.checks["cannabis"][0].setChecked(True)
    dialog.next.click()
    form = dialog.day_form
    form.country.setCurrentIndex(form.country.findData("UK"))
    form.week_start.setCurrentIndex(6)
    form.day_start.setValue(4)
    form.reminder_on.setChecked(True)
    form.reminder_time.setTime(QTime(20, 30))
    dialog.next.click()
    assert dialog.next.text().replace("&", "") == "Start"
    dialog.next.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    s = get_settings(ctx.db)
    assert (s.country, s.week_start, s.day_start_hour, s.reminder_time, s.first_run_done) == (
        "UK", 6, 4, "20:30", True)
    assert sorted(t.name for t in trackables.list_trackables(ctx.db)) == ["Alcohol", "Cannabis"]


def test_skipping_the_first_run_tracks_nothing_and_does_not_ask_again(ctx, qtbot) -> None:
    from harmtrack.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.next.click()
    dialog.chooser.checks["alcohol"][0].setChecked(True)
    dialog.skip.click()
    assert trackables.list_trackables(ctx.db) == []
    s = get_settings(ctx.db)
    assert s.first_run_done and s.reminder_time is None and s.day_start_hour == 0


def test_example_data_goes_to_a_separate_folder(ctx, qtbot, monkeypatch) -> None:
    from harmtrack.ui.first_run import FirstRunDialog

    opened: list[Path] = []
    monkeypatch.setattr(FirstRunDialog, "launcher",
                        staticmethod(lambda folder: opened.append(folder) or True))
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.example_button.click()
    assert len(opened) == 1 and opened[0] != ctx.db.path.parent
    assert entries.entry_count(ctx.db) == 0  # the user's own data stays empty
    other = open_data_folder(opened[0])
    try:
        assert entries.entry_count(other) > 100
        assert get_settings(other).first_run_done
    finally:
        other.close()
    assert "second HarmTrack window" in dialog.example_note.text()


def test_welcome_is_revisitable_from_the_help_menu(ctx, qtbot, monkeypatch) -> None:
    from harmtrack.ui import first_run
    from harmtrack.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.add_app_features(tray=False)
    assert window.welcome_action in window.help_menu.actions()
    seen: list[bool] = []
    monkeypatch.setattr(first_run.FirstRunDialog, "exec", lambda self: seen.append(self.revisit) or 0)
    window.welcome_action.trigger()
    assert seen == [True]


def test_settings_dialog_saves_only_what_changed(ctx, qtbot) -> None:
    from harmtrack.ui.settings_dialog import SettingsDialog

    ctx.update_settings(timezone="Europe/Berlin")
    changed: list[bool] = []
    ctx.settings_changed.connect(lambda: changed.append(True))
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.timezone.currentData() == "Europe/Berlin"
    assert form.changes() == {}
    form.theme.setCurrentIndex(form.theme.findData("dark"))
    form.display_name.setText("  Sam  ")
    form.reminder_on.setChecked(True)
    form.reminder_time.setTime(QTime(7, 5))
    form.day_start.setValue(5)
    assert form.changes() == {"theme": "dark", "display_name": "Sam", "reminder_time": "07:05",
                              "day_start_hour": 5}
    dialog.accept()
    s = get_settings(ctx.db)
    assert (s.theme, s.display_name, s.reminder_time, s.day_start_hour, s.timezone) == (
        "dark", "Sam", "07:05", 5, "Europe/Berlin")
    assert changed == [True]


def test_settings_shortcut_and_theme_switch(ctx, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from harmtrack.ui import settings_dialog, theme
    from harmtrack.ui.main_window import MainWindow
    from harmtrack.ui.shell import prepare

    app = QApplication.instance()
    prepare(app, ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.add_app_features(tray=False)
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    opened: list[bool] = []
    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", lambda self: opened.append(True) or 0)
    window.settings_action.trigger()
    assert opened == [True]
    ctx.update_settings(theme="dark")
    assert app.property("harmtrackTheme") == "dark"
    assert app.palette().color(app.palette().ColorRole.Window).name() == theme.DARK["window"].lower()
    ctx.update_settings(theme="light")
    assert app.palette().color(app.palette().ColorRole.Window).name() == theme.LIGHT["window"].lower()
    assert app.property("harmtrackStyle") == "Fusion"


def test_first_run_can_turn_on_encryption(ctx, qtbot, data_dir) -> None:
    from harmtrack.core.common.errors import PassphraseRequired
    from harmtrack.core.privacy import crypto
    from harmtrack.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.offer_passphrase
    dialog.chooser.checks["alcohol"][0].setChecked(True)
    dialog.passphrase.setText("correct horse battery")
    dialog.passphrase_again.setText("correct horse battery")
    dialog.accept()
    assert ctx.db.encrypted
    entries.log(ctx.db, "alcohol", 1, note="secret")
    ctx.db.close()
    assert not crypto.has_plain_header(data_dir / "harmtrack.sqlite3")
    with pytest.raises(PassphraseRequired):
        open_data_folder(data_dir)
    again = open_data_folder(data_dir, passphrase="correct horse battery")
    assert [r.note for r in entries.list_entries(again)] == ["secret"]
    assert [t.name for t in trackables.list_trackables(again)] == ["Alcohol"]
    again.close()
