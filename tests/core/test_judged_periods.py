"""The Goals screen's judged weeks: kept between reads, judged again only where a change
touched them, and always the same summary as judging the whole history afresh."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from harmtrack.core.common.changes import Changes
from harmtrack.core.goals import judged, progress
from harmtrack.core.goals import store as goals
from harmtrack.core.tracking import checkins, entries

TODAY = dt.date(2024, 3, 13)  # a Wednesday: the week of 11 Mar is in progress
FIRST = dt.date(2024, 2, 5)
WEEKS = [FIRST + dt.timedelta(weeks=i) for i in range(6)]  # 5 Feb … 11 Mar


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


@pytest.fixture
def judged_weeks(utc_settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """(db, goal, the weeks each ``progress.evaluate`` call judged, one list per call)."""
    db = utc_settings
    for week in WEEKS[:-1]:
        entries.log(db, "alcohol", 8, at=at(week + dt.timedelta(days=2)))
    goal = goals.create_goal(db, "alcohol", "weekly-max", 10, start=FIRST)
    calls: list[list[dt.date]] = []
    real = progress.evaluate

    def spy(*args: Any, **kwargs: Any) -> list[progress.PeriodResult]:
        results = real(*args, **kwargs)
        calls.append([r.start for r in results])
        return results

    monkeypatch.setattr(progress, "evaluate", spy)
    return db, goal, calls


def test_only_the_week_a_change_touched_is_judged_again(judged_weeks) -> None:
    db, goal, calls = judged_weeks
    kept = judged.JudgedPeriods()
    first = judged.summarize_goal(db, goal, kept, today=TODAY)
    assert calls == [WEEKS]
    assert first.text == "Weeks within limit: 5 of the last 5 · current run 5 · best run 5"

    calls.clear()
    assert judged.summarize_goal(db, goal, kept, today=TODAY) == first
    assert calls == [[WEEKS[-1]]]  # the week in progress is always judged afresh

    # A big night in the week of 19 Feb: that week alone is judged again.
    calls.clear()
    record = entries.log(db, "alcohol", 5, at=at(WEEKS[2] + dt.timedelta(days=4)))
    kept.forget(Changes.of_entries([record]))
    after = judged.summarize_goal(db, goal, kept, today=TODAY)
    assert calls == [[WEEKS[2]], [WEEKS[-1]]]
    assert after.text == "Weeks within limit: 4 of the last 5 · current run 2 · best run 2"
    assert after == progress.summarize_goal(db, goal, today=TODAY)


def test_a_check_in_or_another_trackable_re_judges_that_week_and_a_goal_change_all(judged_weeks) -> None:
    db, goal, calls = judged_weeks
    kept = judged.JudgedPeriods()
    judged.summarize_goal(db, goal, kept, today=TODAY)
    # Any entry makes its day logged for every goal, so the week is judged again.
    other = entries.log(db, "nicotine", 1, at=at(WEEKS[0]))
    checkins.check_in(db, WEEKS[3])
    calls.clear()
    kept.forget(Changes.of_entries([other]) | Changes.of_check_in(WEEKS[3]))
    judged.summarize_goal(db, goal, kept, today=TODAY)
    assert calls == [[WEEKS[0]], [WEEKS[3]], [WEEKS[-1]]]

    calls.clear()
    kept.forget(Changes(goals=True))
    judged.summarize_goal(db, goal, kept, today=TODAY)
    assert calls == [WEEKS]


def test_a_change_while_judging_is_not_covered_up_by_what_was_judged_before_it(
        judged_weeks, monkeypatch: pytest.MonkeyPatch) -> None:
    db, goal, calls = judged_weeks
    kept = judged.JudgedPeriods()
    real = progress.evaluate

    def change_midway(*args: Any, **kwargs: Any) -> list[progress.PeriodResult]:
        results = real(*args, **kwargs)
        kept.forget(Changes.of_entries([entries.log(db, "alcohol", 5, at=at(WEEKS[1]))]))
        return results

    monkeypatch.setattr(progress, "evaluate", change_midway)
    judged.summarize_goal(db, goal, kept, today=TODAY)
    monkeypatch.setattr(progress, "evaluate", real)
    assert judged.summarize_goal(db, goal, kept, today=TODAY) == progress.summarize_goal(
        db, goal, today=TODAY)
