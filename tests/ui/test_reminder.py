"""The daily check-in reminder, driven by a controlled clock (no sleeping, no tray needed)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from harmtrack.core.tracking import checkins, entries, trackables
from harmtrack.ui.context import AppContext
from harmtrack.ui.reminder import Reminder, reminder_instant

UTC = ZoneInfo("UTC")


class Clock:
    def __init__(self, when: dt.datetime) -> None:
        self.when = when

    def __call__(self) -> dt.datetime:
        return self.when


@pytest.fixture
def ctx(utc_settings, qtbot) -> AppContext:
    return AppContext(utc_settings)


def make(ctx: AppContext, clock: Clock) -> Reminder:
    reminder = Reminder(ctx, None, clock=clock, use_tray=False)
    reminder.timer.stop()  # the test drives check() itself
    return reminder


def test_reminder_fires_once_at_the_chosen_time_when_the_day_is_not_logged(ctx, qtbot) -> None:
    ctx.update_settings(reminder_time="21:00")
    clock = Clock(dt.datetime(2026, 3, 2, 20, 59, tzinfo=UTC))
    reminder = make(ctx, clock)
    fired: list[dt.date] = []
    reminder.due.connect(fired.append)
    assert not reminder.check()
    clock.when = dt.datetime(2026, 3, 2, 21, 0, tzinfo=UTC)
    with qtbot.waitSignal(reminder.due, timeout=1000):
        assert reminder.check()
    assert fired == [dt.date(2026, 3, 2)]
    clock.when = dt.datetime(2026, 3, 2, 22, 30, tzinfo=UTC)
    assert not reminder.check()  # once a day
    clock.when = dt.datetime(2026, 3, 3, 21, 5, tzinfo=UTC)
    assert reminder.check() and fired[-1] == dt.date(2026, 3, 3)


def test_reminder_without_its_own_clock_keeps_the_apps_time(ctx, qtbot, monkeypatch) -> None:
    from harmtrack.core.common import clock as core_clock

    when = [dt.datetime(2026, 3, 2, 20, 59, tzinfo=UTC)]
    monkeypatch.setattr(core_clock, "now", lambda tz: when[0].astimezone(tz))
    ctx.update_settings(reminder_time="21:00")
    reminder = Reminder(ctx, None, use_tray=False)
    reminder.timer.stop()
    fired: list[dt.date] = []
    reminder.due.connect(fired.append)
    assert not reminder.check()
    when[0] = dt.datetime(2026, 3, 2, 21, 0, tzinfo=UTC)
    assert reminder.check()
    assert fired == [dt.date(2026, 3, 2)]  # the same day as entries.today(), the logging screen's


def test_reminder_is_quiet_when_the_day_is_logged_or_no_time_is_set(ctx, qtbot) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 21, 30, tzinfo=UTC))
    reminder = make(ctx, clock)
    assert not reminder.check()  # no reminder time chosen: never
    ctx.update_settings(reminder_time="21:00")
    trackables.add_builtin(ctx.db, "alcohol")
    entries.log(ctx.db, "alcohol", 0, at=dt.datetime(2026, 3, 2, 19, 0, tzinfo=UTC), urge_only=True)
    assert not reminder.check()  # an urge-only entry is a logged day
    clock.when = dt.datetime(2026, 3, 3, 21, 30, tzinfo=UTC)
    checkins.check_in(ctx.db, dt.date(2026, 3, 3))
    assert not reminder.check()  # "nothing to log" is a logged day too


def test_tray_actions_log_now_and_nothing_today(ctx, qtbot) -> None:
    ctx.update_settings(reminder_time="21:00")
    clock = Clock(dt.datetime(2026, 3, 2, 21, 30, tzinfo=UTC))
    reminder = make(ctx, clock)
    asked: list[tuple[str, object]] = []
    ctx.navigate_requested.connect(lambda key, payload: asked.append((key, payload)))
    reminder.log_now()
    assert asked == [("log", dt.date(2026, 3, 2))]
    reminder.nothing_today()
    assert checkins.checked_in_days(ctx.db) == {dt.date(2026, 3, 2)}
    assert not reminder.check()
    messages: list[str] = []
    ctx.status.connect(messages.append)
    reminder.nothing_today()  # a second time: nothing more is recorded
    assert messages[-1] == "Today is already logged; nothing changed."
    ctx.undo_stack.undo()  # undoable like the button on the logging screen
    assert checkins.checked_in_days(ctx.db) == set()


def test_reminder_before_the_day_start_belongs_to_the_evening_before(ctx, qtbot) -> None:
    ctx.update_settings(reminder_time="01:30", day_start_hour=4)
    assert reminder_instant(dt.date(2026, 3, 2), "01:30", UTC, 4) == dt.datetime(2026, 3, 3, 1, 30,
                                                                                   tzinfo=UTC)
    clock = Clock(dt.datetime(2026, 3, 2, 23, 0, tzinfo=UTC))
    reminder = make(ctx, clock)
    assert not reminder.check()
    clock.when = dt.datetime(2026, 3, 3, 1, 45, tzinfo=UTC)  # still 2 March with a 04:00 start
    fired: list[dt.date] = []
    reminder.due.connect(fired.append)
    assert reminder.check() and fired == [dt.date(2026, 3, 2)]


def test_main_window_gets_a_reminder_that_degrades_without_a_tray(ctx, qtbot) -> None:
    from harmtrack.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.add_app_features()
    ctx.update_settings(reminder_time="00:00")
    messages: list[str] = []
    ctx.status.connect(messages.append)
    assert window.reminder.tray is None  # offscreen: no tray, and no error
    assert window.reminder.check()
    assert any("Nothing logged today" in m for m in messages)


def test_with_a_reminder_closing_hides_to_the_tray_and_quit_really_quits(ctx, qtbot) -> None:
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QSystemTrayIcon

    from harmtrack.ui.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    QSettings().clear()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.add_app_features(tray=False)
    reminder = window.reminder
    reminder.tray = QSystemTrayIcon()  # stands in for a desktop tray (none offscreen)
    window.show()
    assert window.close()  # no reminder set: closing closes as usual
    ctx.update_settings(reminder_time="21:00")
    window.show()
    assert not window.close()  # the close is turned into hiding to the tray
    assert not window.isVisible() and reminder.told_about_tray and not reminder.quitting
    assert reminder.keeps_running()
    window.show()
    window.quit_action.trigger()  # by identity: offscreen, Quit has no key to find it by
    assert reminder.quitting and not window.isVisible()


def test_the_tray_icon_comes_just_after_the_window_and_not_after_a_stop(ctx, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    from harmtrack.ui.reminder import TRAY_AFTER_MS

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    reminder = Reminder(ctx, None)
    assert reminder.tray is None  # the window is painted first
    qtbot.waitUntil(lambda: reminder.tray is not None, timeout=5000)
    assert [a.text() for a in reminder.menu.actions() if a.text()] == [
        "Log now", "Nothing today", "Open HarmTrack", "Quit HarmTrack"]
    reminder.stop()
    stopped = Reminder(ctx, None)
    stopped.stop()  # e.g. the app locked at once
    qtbot.wait(TRAY_AFTER_MS + 200)
    assert stopped.tray is None
