"""``Changes``: what a write changed, asked by each screen before it reloads."""

from __future__ import annotations

import dataclasses
import datetime as dt

from harmtrack.core.common.changes import Changes
from harmtrack.core.tracking import entries, trackables

MON, TUE, WED = dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 4)


def only(name: str) -> Changes:
    """A change with just ``name`` set (a day, a trackable id, or True)."""
    value = {"days": frozenset({MON}), "trackables": frozenset({7})}.get(name, True)
    return Changes(**{name: value})  # type: ignore[arg-type]


def test_nothing_changed_touches_nothing() -> None:
    none = Changes()
    assert not none.entries
    assert not none.touches_trackable(None) and not none.touches_trackable(1)
    assert not none.touches_days(MON, WED)


def test_merge_keeps_every_field_of_both() -> None:
    names = [f.name for f in dataclasses.fields(Changes)]
    for name in names:
        assert only(name).merge(Changes()) == only(name)
        assert Changes() | only(name) == only(name)
    merged = Changes()
    for name in names:
        merged = merged | only(name)
    assert all(getattr(merged, name) for name in names)
    two = Changes(days=frozenset({MON}), trackables=frozenset({1})) | Changes(
        days=frozenset({WED}), trackables=frozenset({2}))
    assert two.days == {MON, WED} and two.trackables == {1, 2}


def test_entries_of_one_trackable_leave_another_alone() -> None:
    change = Changes(days=frozenset({TUE}), trackables=frozenset({1}))
    assert change.entries
    assert change.touches_trackable(1) and change.touches_trackable(None)  # None: all together
    assert not change.touches_trackable(2)


def test_a_check_in_counts_for_every_trackable() -> None:
    change = Changes.of_check_in(TUE)
    assert change.entries and change.days == {TUE} and change.trackables == frozenset()
    assert change.touches_trackable(2) and change.touches_trackable(None)


def test_days_touched_include_both_ends_of_the_range() -> None:
    change = Changes(days=frozenset({TUE}), trackables=frozenset({1}))
    assert change.touches_days(TUE, TUE) and change.touches_days(MON, TUE) and change.touches_days(TUE, WED)
    assert not change.touches_days(MON, MON) and not change.touches_days(WED, WED)


def test_everything_touches_every_question() -> None:
    change = Changes.everything()
    assert change.all and change.entries
    assert change.touches_trackable(99) and change.touches_days(WED, WED)


def test_an_entry_moved_to_another_day_and_trackable_touches_both_versions(utc_settings) -> None:
    db = utc_settings
    for key in ("alcohol", "cannabis"):
        trackables.add_builtin(db, key)
    before = entries.log(db, "alcohol", 2, at=dt.datetime(2026, 3, 2, 21, tzinfo=dt.UTC))
    cannabis = entries.log(db, "cannabis", 1, at=dt.datetime(2026, 3, 4, 9, tzinfo=dt.UTC))
    after = entries.update_entry(db, before.id, at=dt.datetime(2026, 3, 3, 21, tzinfo=dt.UTC),
                                 trackable=cannabis.trackable_id)
    change = Changes.of_entries([before, after])
    assert change.days == {MON, TUE}
    assert change.trackables == {before.trackable_id, cannabis.trackable_id}
    assert not change.touches_days(WED, WED)
