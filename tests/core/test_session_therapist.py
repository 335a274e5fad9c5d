"""Recording a session can make its therapist My therapist, in the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from harmtrack.core.care import sessions, therapists
from harmtrack.core.common.errors import InvalidEntry

DAY = dt.date(2026, 3, 2)


def test_the_first_therapist_named_becomes_my_therapist(db) -> None:
    sessions.add_session(db, DAY, therapist="Dr. Rivera", as_my_therapist=True)
    assert therapists.get_my_therapist(db) == therapists.TherapistInfo("Dr. Rivera")


def test_the_same_therapist_keeps_their_details(db) -> None:
    therapists.set_my_therapist(db, "Sam Lee", phone="555 0100")
    sessions.add_session(db, DAY, therapist="sam lee", as_my_therapist=True)
    assert therapists.get_my_therapist(db) == therapists.TherapistInfo("Sam Lee", phone="555 0100")


def test_someone_else_replaces_my_therapist_without_the_earlier_details(db) -> None:
    therapists.set_my_therapist(db, "Sam Lee", phone="555 0100", next_session=DAY)
    sessions.add_session(db, DAY, therapist="Alex Kim", as_my_therapist=True)
    assert therapists.get_my_therapist(db) == therapists.TherapistInfo("Alex Kim")


def test_without_asking_my_therapist_is_left_alone(db) -> None:
    sessions.add_session(db, DAY, therapist="Alex Kim")
    assert therapists.get_my_therapist(db) is None


def test_no_name_no_session(db) -> None:
    with pytest.raises(InvalidEntry):
        sessions.add_session(db, DAY, therapist="  ", as_my_therapist=True)
    assert sessions.list_sessions(db) == [] and therapists.get_my_therapist(db) is None


def test_a_future_session_is_refused_by_the_app_clock(utc_settings, monkeypatch) -> None:
    from harmtrack.core.common import clock

    # The app's one clock, not the machine's, decides what "has happened" means.
    monkeypatch.setattr(clock, "now", lambda tz: dt.datetime(2031, 5, 10, 12, 0, tzinfo=tz))
    sessions.add_session(utc_settings, dt.date(2031, 5, 11))  # today plus the one day of slack
    with pytest.raises(InvalidEntry, match="once it has happened"):
        sessions.add_session(utc_settings, dt.date(2031, 5, 12))
    assert [s.date for s in sessions.list_sessions(utc_settings)] == [dt.date(2031, 5, 11)]
