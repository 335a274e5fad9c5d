"""The test run keeps Qt's settings in each test's own folder, never the user's."""

from __future__ import annotations

from pathlib import Path


def test_qt_settings_live_in_this_tests_config_folder(qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.setValue("window/last_screen", "charts")
    settings.sync()
    assert Path(settings.fileName()).resolve().is_relative_to((tmp_path / "config").resolve())


def test_a_later_test_does_not_see_an_earlier_tests_settings(qapp) -> None:
    from PySide6.QtCore import QSettings

    # Written by the test above when the two run in order; each test starts empty.
    assert QSettings().value("window/last_screen") is None
