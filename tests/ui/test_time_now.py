"""The logging form's Time: "now" is the moment of saving unless the user set a time."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime

from harmtrack.core.common import clock as core_clock
from harmtrack.core.tracking import entries


class Clock:
    """A clock the test moves by hand (no sleeping)."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def now(self, tz: dt.tzinfo) -> dt.datetime:
        return self.at.astimezone(tz)

    def advance(self, minutes: int) -> None:
        self.at += dt.timedelta(minutes=minutes)


@pytest.fixture
def clock(monkeypatch):  # type: ignore[no-untyped-def]
    # Today's real date, so every "today" in the app agrees; 10:00 so minutes can pass.
    c = Clock(dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(10, 0, 30), tzinfo=dt.UTC))
    monkeypatch.setattr(core_clock, "now", c.now)
    return c


def stored_times(ctx) -> list[dt.datetime]:  # type: ignore[no-untyped-def]
    return [r.occurred_at.astimezone(dt.UTC) for r in entries.list_entries(ctx.db)]


def test_logged_minutes_after_opening_today_it_gets_the_moment_of_saving(clock, window, qtbot, ctx) -> None:
    form = window.view("log").form
    assert form.time.time() == QTime(10, 0) and form.now_hint.isVisible()
    clock.advance(8)
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    assert stored_times(ctx) == [clock.at.replace(microsecond=0)]


def test_the_field_keeps_up_with_the_clock(clock, window, qtbot) -> None:
    form = window.view("log").form
    clock.advance(8)
    form.now_timer.timeout.emit()  # the minute ticks over while the form is open
    assert form.time.time() == QTime(10, 8)
    clock.advance(30)
    window.open_screen("history")  # away for a while, then back on Today
    window.open_screen("log")
    assert form.time.time() == QTime(10, 38)


def test_a_time_the_user_set_sticks_until_the_form_is_reset(clock, window, qtbot, ctx) -> None:
    form = window.view("log").form
    form.time.setFocus()
    qtbot.keyClick(form.time, Qt.Key.Key_Home)
    qtbot.keyClick(form.time, Qt.Key.Key_Down)  # an hour earlier: it happened at nine
    assert form.time.time() == QTime(9, 0)
    assert not form.follows_now and not form.now_hint.isVisible() and form.use_now.isVisible()
    clock.advance(20)
    form.now_timer.timeout.emit()
    window.open_screen("history")
    window.open_screen("log")
    assert form.time.time() == QTime(9, 0)
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    assert stored_times(ctx) == [clock.at.replace(hour=9, minute=0, second=0)]
    # Reset for the next entry: back to now.
    assert form.follows_now and form.now_hint.isVisible() and form.time.time() == QTime(10, 20)


def test_use_now_goes_back_to_the_clock(clock, window, qtbot, ctx) -> None:
    form = window.view("log").form
    form.time.setFocus()
    qtbot.keyClick(form.time, Qt.Key.Key_Home)
    qtbot.keyClick(form.time, Qt.Key.Key_Down)
    qtbot.mouseClick(form.use_now, Qt.MouseButton.LeftButton)
    assert form.follows_now and form.time.time() == QTime(10, 0) and not form.use_now.isVisible()
    clock.advance(5)
    qtbot.keyClick(form.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored_times(ctx) == [clock.at.replace(microsecond=0)]


def test_an_earlier_day_keeps_its_evening_time(clock, window, qtbot, ctx) -> None:
    view = window.view("log")
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    form = view.form
    assert form.time.time() == QTime(20, 0)
    assert not form.follows_now and not form.now_hint.isVisible() and not form.use_now.isVisible()
    clock.advance(8)
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    yesterday = clock.at.date() - dt.timedelta(days=1)
    assert stored_times(ctx) == [dt.datetime.combine(yesterday, dt.time(20), tzinfo=dt.UTC)]


def test_a_correction_keeps_the_entry_time(clock, window, qtbot, ctx) -> None:
    view = window.view("log")
    qtbot.mouseClick(view.form.submit, Qt.MouseButton.LeftButton)
    logged = stored_times(ctx)
    view.table.selectRow(0)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert not view.form.follows_now and not view.form.use_now.isVisible()
    clock.advance(45)
    view.form.now_timer.timeout.emit()
    qtbot.mouseClick(view.form.submit, Qt.MouseButton.LeftButton)
    assert stored_times(ctx) == logged
