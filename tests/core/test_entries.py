"""Logging, editing, deleting and restoring entries through the core services."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from helpers import aware

from harmtrack.core.common.errors import InvalidEntry, UnknownTrackable
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import checkins, entries, trackables


def test_log_and_read_back_every_field(utc_settings) -> None:
    db = utc_settings
    rec = entries.log(db, "alcohol", "2.5", at=aware(2026, 3, 2, 21, 15), craving=6, mood=3,
                      triggers=["stress", " party "], practices=["alternated with water"],
                      setting="with friends", cost="12.40", note="work drinks",
                      discuss=True)
    got = entries.list_entries(db)
    assert [r.id for r in got] == [rec.id]
    r = got[0]
    assert (r.trackable, r.amount, r.unit) == ("Alcohol", 2.5, "standard drinks")
    assert r.day == dt.date(2026, 3, 2)
    assert r.triggers == ("stress", "party") and r.practices == ("alternated with water",)
    assert (r.craving, r.mood, r.cost, r.note, r.setting) == (6, 3, 12.4, "work drinks", "with friends")
    assert r.discuss and not r.urge_only
    assert r.to_json()["occurred_at"] == "2026-03-02T21:15:00+00:00"


def test_logging_a_builtin_by_name_adds_it_to_the_list(db) -> None:
    assert trackables.list_trackables(db) == []
    entries.log(db, "CANNABIS", 1)
    assert [t.name for t in trackables.list_trackables(db)] == ["Cannabis"]


@pytest.mark.parametrize("bad", ["-1", "abc", "nan", "inf", "-inf", float("nan"), math.inf, ""])
def test_bad_amounts_are_refused_and_nothing_is_written(db, bad) -> None:
    with pytest.raises(InvalidEntry):
        entries.log(db, "alcohol", bad)
    assert entries.entry_count(db) == 0


@pytest.mark.parametrize("craving", [-1, 11, 2.5, "x"])
def test_craving_out_of_range_is_refused(db, craving) -> None:
    with pytest.raises(InvalidEntry, match="craving"):
        entries.log(db, "alcohol", 1, craving=craving)
    assert entries.entry_count(db) == 0


def test_unit_that_does_not_fit_is_refused(db) -> None:
    with pytest.raises(InvalidEntry, match="does not fit"):
        entries.log(db, "alcohol", 1, unit="mg")
    assert entries.entry_count(db) == 0


def test_compatible_units_convert(db) -> None:
    entries.log(db, "opioids", 500, unit="µg")
    entries.log(db, "alcohol", 14, unit="units")  # 14 UK units = 112 g = 8 US drinks of 14 g
    update_settings(db, country="UK")
    entries.log(db, "alcohol", 14, unit="units")  # a UK standard drink is the 8 g unit itself
    entries.log(db, "alcohol", 112, unit="g ethanol")
    got = [(r.trackable, r.unit, r.amount) for r in entries.list_entries(db)]
    assert sorted(got) == [("Alcohol", "standard drinks", pytest.approx(8.0)),
                           ("Alcohol", "standard drinks", pytest.approx(14.0)),
                           ("Alcohol", "standard drinks", pytest.approx(14.0)),
                           ("Opioids", "mg", pytest.approx(0.5))]


def test_unknown_trackable_suggests_close_names(db) -> None:
    with pytest.raises(UnknownTrackable) as err:
        entries.log(db, "alcohl", 1)
    assert "Alcohol" in str(err.value)


def test_edit_then_restore_puts_back_exactly(utc_settings) -> None:
    db = utc_settings
    rec = entries.log(db, "alcohol", 2, at=aware(2026, 1, 5, 20), triggers=["stress"])
    entries.update_entry(db, rec.id, amount=4, triggers=[], note="changed")
    entries.restore_entry(db, rec)
    back = entries.get_entry(db, rec.id)
    assert (back.amount, back.triggers, back.note, back.day) == (2.0, ("stress",), None, rec.day)


def test_delete_and_undo(utc_settings) -> None:
    db = utc_settings
    rec = entries.log(db, "alcohol", 2, at=aware(2026, 1, 5, 20), note="keep me")
    gone = entries.delete_entry(db, rec.id)
    assert entries.entry_count(db) == 0
    entries.restore_entry(db, gone)
    assert entries.get_entry(db, rec.id).note == "keep me"


def test_bad_edit_changes_nothing(utc_settings) -> None:
    db = utc_settings
    rec = entries.log(db, "alcohol", 2, at=aware(2026, 1, 5, 20))
    with pytest.raises(InvalidEntry):
        entries.update_entry(db, rec.id, note="new", amount=-3)
    back = entries.get_entry(db, rec.id)
    assert (back.amount, back.note) == (2.0, None)


def test_local_day_across_midnight_and_day_start(db) -> None:
    update_settings(db, timezone="Europe/Berlin")
    late = entries.log(db, "alcohol", 1, at=aware(2026, 2, 6, 23, 30, "Europe/Berlin"))
    early = entries.log(db, "alcohol", 1, at=aware(2026, 2, 7, 0, 30, "Europe/Berlin"))
    assert (late.day, early.day) == (dt.date(2026, 2, 6), dt.date(2026, 2, 7))
    update_settings(db, day_start_hour=4)  # re-files existing entries
    days = [r.day for r in entries.list_entries(db)]
    assert days == [dt.date(2026, 2, 6), dt.date(2026, 2, 6)]


def test_day_across_dst_change(db) -> None:
    update_settings(db, timezone="America/New_York", day_start_hour=4)
    # 2026-03-08: clocks go from 02:00 to 03:00 in New York.
    a = entries.log(db, "alcohol", 1, at=aware(2026, 3, 8, 1, 30, "America/New_York"))
    b = entries.log(db, "alcohol", 1, at=aware(2026, 3, 8, 3, 30, "America/New_York"))
    c = entries.log(db, "alcohol", 1, at=aware(2026, 3, 8, 4, 30, "America/New_York"))
    assert (a.day, b.day, c.day) == (dt.date(2026, 3, 7), dt.date(2026, 3, 7), dt.date(2026, 3, 8))


def test_check_in_counts_as_logged_day(utc_settings) -> None:
    db = utc_settings
    day = dt.date(2026, 1, 7)
    assert checkins.check_in(db, day) is True
    assert checkins.check_in(db, day) is False
    entries.log(db, "alcohol", 0, at=aware(2026, 1, 8, 20), urge_only=True)
    assert checkins.logged_days(db) == {day, dt.date(2026, 1, 8)}


def test_future_time_is_refused(db) -> None:
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=5)
    with pytest.raises(InvalidEntry, match="future"):
        entries.log(db, "alcohol", 1, at=future)


def test_a_day_that_has_not_come_yet_is_refused(utc_settings) -> None:
    db = utc_settings
    tomorrow = entries.today(db) + dt.timedelta(days=1)
    with pytest.raises(InvalidEntry, match="future"):
        entries.log(db, "alcohol", 1, at=dt.datetime.combine(tomorrow, dt.time(0, 30), tzinfo=dt.UTC))
    entries.log(db, "alcohol", 1, at=dt.datetime.combine(entries.today(db), dt.time(23, 0), tzinfo=dt.UTC))
    assert entries.entry_count(db) == 1
