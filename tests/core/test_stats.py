"""Statistics for charts: exact numbers at day and week edges, day-start hour and DST."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from helpers import aware

from harmtrack.core import stats
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import checkins, entries

D = dt.date


def _tid(db, name: str = "alcohol") -> int:
    from harmtrack.core.tracking.trackables import resolve

    return resolve(db, name).id


def test_daily_series_zero_fills_and_splits_midnight(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 2, 23, 30))
    entries.log(db, "alcohol", 3, at=aware(2026, 3, 3, 0, 30))
    entries.log(db, "alcohol", 1.5, at=aware(2026, 3, 3, 22, 0))
    entries.log(db, "alcohol", 0, at=aware(2026, 3, 5, 20, 0), urge_only=True, craving=7)
    checkins.check_in(db, D(2026, 3, 6))
    entries.log(db, "cannabis", 1, at=aware(2026, 3, 7, 20, 0))
    s = stats.daily_series(db, _tid(db), D(2026, 3, 1), D(2026, 3, 8))
    assert [str(d) for d in s.days[[0, -1]]] == ["2026-03-01", "2026-03-08"]
    assert s.amount.tolist() == [0, 2, 4.5, 0, 0, 0, 0, 0]
    assert s.logged.tolist() == [False, True, True, False, True, True, True, False]
    assert s.used.tolist() == [False, True, True, False, False, False, False, False]
    # the urge-only day, the check-in and another trackable's day are use-free
    assert s.use_free.tolist() == [False, False, False, False, True, True, True, False]
    # rolling mean counts logged days only; NaN while none has been logged yet
    assert math.isnan(s.rolling7[0])
    assert s.rolling7[1] == 2.0
    assert s.rolling7[2] == pytest.approx(6.5 / 2)
    assert s.rolling7[4] == pytest.approx(6.5 / 3)
    assert s.rolling7[7] == pytest.approx(6.5 / 5)


def test_rolling_mean_reaches_back_before_the_range(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 7, at=aware(2026, 3, 1, 20))
    s = stats.daily_series(db, _tid(db), D(2026, 3, 4), D(2026, 3, 8))
    assert s.amount.tolist() == [0, 0, 0, 0, 0]
    # only 1 March is logged in each 7-day window up to 7 March; 8 March's window starts on the 2nd
    assert s.rolling7[:4].tolist() == [7.0, 7.0, 7.0, 7.0]
    assert math.isnan(s.rolling7[4])


def test_day_start_hour_moves_small_hours_to_the_evening_before(db) -> None:
    update_settings(db, timezone="UTC", day_start_hour=4)
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 2, 23, 30))
    entries.log(db, "alcohol", 3, at=aware(2026, 3, 3, 1, 30))
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 3, 4, 0))
    assert stats.daily_amounts(db, _tid(db), D(2026, 3, 2), D(2026, 3, 3)).tolist() == [5, 1]
    # the weekday row is the day the entry counts for: 01:30 on Tuesday is Monday night
    grid = stats.time_of_day_counts(db, _tid(db), D(2026, 3, 1), D(2026, 3, 8))
    assert grid[0, 23] == 1 and grid[0, 1] == 1 and grid[1, 4] == 1 and grid.sum() == 3


def test_weeks_follow_the_week_start_setting(utc_settings) -> None:
    db = utc_settings
    # Sunday 8 March and Monday 9 March 2026
    entries.log(db, "alcohol", 4, at=aware(2026, 3, 8, 23, 59))
    entries.log(db, "alcohol", 5, at=aware(2026, 3, 9, 0, 1))
    checkins.check_in(db, D(2026, 3, 10))
    tid = _tid(db)
    monday = stats.weekly_series(db, tid, D(2026, 3, 4), D(2026, 3, 10), first_weekday=0)
    assert [str(w) for w in monday.weeks] == ["2026-03-02", "2026-03-09"]
    assert monday.total.tolist() == [4, 5]
    assert monday.use_days.tolist() == [1, 1]
    assert monday.logged_days.tolist() == [1, 2]
    assert monday.use_free_days.tolist() == [0, 1]
    sunday = stats.weekly_series(db, tid, D(2026, 3, 4), D(2026, 3, 10), first_weekday=6)
    assert [str(w) for w in sunday.weeks] == ["2026-03-01", "2026-03-08"]
    assert sunday.total.tolist() == [0, 9]
    assert sunday.use_free_days.tolist() == [0, 1]


def test_dst_change_keeps_local_clock_hours(db) -> None:
    update_settings(db, timezone="Europe/Berlin")
    # Clocks go forward on Sunday 29 March 2026 at 02:00 local time.
    for day in (27, 28, 29, 30):
        entries.log(db, "alcohol", 1, at=aware(2026, 3, day, 21, 0, "Europe/Berlin"))
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 29, 0, 30, "Europe/Berlin"))
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 29, 3, 30, "Europe/Berlin"))  # just after the jump
    tid = _tid(db)
    assert stats.daily_amounts(db, tid, D(2026, 3, 27), D(2026, 3, 30)).tolist() == [1, 1, 4, 1]
    grid = stats.time_of_day_counts(db, tid, D(2026, 3, 23), D(2026, 4, 5))
    assert grid[:, 21].tolist() == [1, 0, 0, 0, 1, 1, 1]  # Mon, Fri, Sat, Sun at 21:00 on both sides
    assert grid[6, 0] == 1 and grid[6, 3] == 1 and grid.sum() == 6


def test_money_per_week_for_one_or_all_trackables(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 1, 20), cost=6.5)   # Sunday
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 20), cost=4)     # Monday
    entries.log(db, "cannabis", 1, at=aware(2026, 3, 3, 20), cost=10)
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 4, 20))             # no cost
    weeks, money = stats.weekly_money(db, _tid(db), D(2026, 3, 1), D(2026, 3, 8))
    assert [str(w) for w in weeks] == ["2026-02-23", "2026-03-02"]
    assert money.tolist() == [6.5, 4]
    assert stats.weekly_money(db, None, D(2026, 3, 1), D(2026, 3, 8))[1].tolist() == [6.5, 14]


def test_urges_logged_versus_acted_on(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 0, at=aware(2026, 3, 2, 19), urge_only=True, craving=6)
    entries.log(db, "alcohol", 0, at=aware(2026, 3, 2, 20), urge_only=True)
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 3, 20), craving=8)
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 3, 21), craving=3)
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 4, 21))  # use without a craving rating
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 10, 21), craving=0)
    u = stats.urge_stats(db, _tid(db), D(2026, 3, 2), D(2026, 3, 15))
    assert u.urges.tolist() == [4, 0] and u.acted_on.tolist() == [2, 0]
    assert u.not_acted_on.tolist() == [2, 0]
    assert [str(d) for d in u.craving_days] == ["2026-03-02", "2026-03-03", "2026-03-10"]
    assert u.craving.tolist() == [6, 8, 0] and u.amount.tolist() == [0, 3, 1]


def test_triggers_settings_and_practice_shares(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 20), triggers=["Stress"], setting="at home",
                practices=["alternated with water"])
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 21), triggers=["stress", "party"],
                setting="At home")
    entries.log(db, "alcohol", 0, at=aware(2026, 3, 3, 20), urge_only=True, triggers=["stress"],
                practices=["alternated with water"])  # an urge is not a use occasion
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 10, 20), practices=["alternated with water",
                                                                       "ate first"])
    entries.log(db, "cannabis", 1, at=aware(2026, 3, 10, 20), triggers=["party"])
    tid = _tid(db)
    t = stats.trigger_counts(db, tid, D(2026, 3, 1), D(2026, 3, 15))
    assert [(c.name.casefold(), c.with_use, c.urge_only) for c in t] == [("stress", 2, 1),
                                                                         ("party", 1, 0)]
    assert [c.total for c in stats.trigger_counts(db, None, D(2026, 3, 1), D(2026, 3, 15))] == [3, 2]
    s = stats.setting_counts(db, tid, D(2026, 3, 1), D(2026, 3, 15))
    assert [(c.name.casefold(), c.total) for c in s] == [("at home", 2)]
    p = stats.practice_shares(db, tid, D(2026, 3, 2), D(2026, 3, 22))
    assert p.names == ("alternated with water", "ate first")
    assert p.occasions.tolist() == [2, 1, 0]
    assert p.counts.tolist() == [[1, 1, 0], [0, 1, 0]]
    assert p.shares[:, :2].tolist() == [[0.5, 1.0], [0.0, 1.0]]
    assert np.isnan(p.shares[:, 2]).all()


def test_empty_history_gives_zeros_not_errors(utc_settings) -> None:
    db = utc_settings
    tid = entries.log(db, "alcohol", 1, at=aware(2020, 1, 1)).trackable_id
    s = stats.daily_series(db, tid, D(2026, 3, 1), D(2026, 3, 3))
    assert s.amount.tolist() == [0, 0, 0] and not s.logged.any() and np.isnan(s.rolling7).all()
    assert stats.time_of_day_counts(db, tid, D(2026, 3, 1), D(2026, 3, 3)).sum() == 0
    assert stats.trigger_counts(db, tid, D(2026, 3, 1), D(2026, 3, 3)) == []
    assert stats.practice_shares(db, tid, D(2026, 3, 1), D(2026, 3, 3)).names == ()
    with pytest.raises(InvalidEntry):
        stats.daily_series(db, tid, D(2026, 3, 3), D(2026, 3, 1))


def test_first_day(utc_settings) -> None:
    db = utc_settings
    assert stats.first_day(db) is None
    checkins.check_in(db, D(2026, 1, 5))
    rec = entries.log(db, "alcohol", 1, at=aware(2026, 2, 1))
    assert stats.first_day(db) == D(2026, 1, 5)
    assert stats.first_day(db, rec.trackable_id) == D(2026, 2, 1)


def test_statistics_can_be_read_from_many_threads_while_logging(utc_settings) -> None:
    """The charts screen reads on worker threads while the UI thread writes."""
    from concurrent.futures import ThreadPoolExecutor

    db = utc_settings
    tid = entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 20)).trackable_id

    def read(_: int) -> float:
        return float(stats.daily_series(db, tid, D(2026, 3, 1), D(2026, 3, 31)).amount.sum())

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(read, i) for i in range(48)]
        for day in range(3, 13):
            entries.log(db, "alcohol", 1, at=aware(2026, 3, day, 20))
        totals = [f.result() for f in futures]
    assert all(1 <= t <= 11 for t in totals)
    assert read(0) == 11
