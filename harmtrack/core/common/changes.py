"""What a write changed, so each screen redraws only when a change touches what it shows.

Modelled on Anki's ``OpChanges``: the code that makes a write builds a ``Changes`` beside
it and hands it on; a reader asks ``touches_*`` and skips its reload when nothing it shows
moved. Plain values only (no Qt, no database), so the core and its tests can use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


class DayAndTrackable(Protocol):
    """Anything that says which day and which trackable it belongs to (an entry record)."""

    @property
    def day(self) -> dt.date: ...

    @property
    def trackable_id(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Changes:
    """What one write (or several, merged) changed. Every field is "nothing" by default."""

    #: Days whose entries or check-ins changed.
    days: frozenset[dt.date] = frozenset()
    #: Trackables whose entries changed.
    trackables: frozenset[int] = frozenset()
    #: A "nothing to log" check-in was recorded or taken back: it counts for every trackable.
    check_ins: bool = False
    #: The trackables themselves: added, renamed, archived, units.
    catalog: bool = False
    goals: bool = False
    #: Plans for triggers and the list of alternatives.
    plans: bool = False
    #: Therapy sessions recorded.
    sessions: bool = False
    #: "My therapist".
    therapists: bool = False
    #: Questionnaire answers or schedules.
    questionnaires: bool = False
    settings: bool = False
    #: The whole file may differ (restore, import, encryption, a write from outside).
    all: bool = False

    @classmethod
    def everything(cls) -> Changes:
        """A change after which every screen reloads everything it shows."""
        return cls(all=True)

    @classmethod
    def of_entries(cls, records: Iterable[DayAndTrackable]) -> Changes:
        """The entries given (as they were before and after the write) changed."""
        listed = list(records)
        return cls(days=frozenset(r.day for r in listed),
                   trackables=frozenset(r.trackable_id for r in listed))

    @classmethod
    def of_check_in(cls, day: dt.date) -> Changes:
        """The check-in of ``day`` was recorded or taken back."""
        return cls(days=frozenset({day}), check_ins=True)

    def merge(self, other: Changes) -> Changes:
        """Everything either of the two changed."""
        return Changes(
            days=self.days | other.days, trackables=self.trackables | other.trackables,
            check_ins=self.check_ins or other.check_ins, catalog=self.catalog or other.catalog,
            goals=self.goals or other.goals, plans=self.plans or other.plans,
            sessions=self.sessions or other.sessions, therapists=self.therapists or other.therapists,
            questionnaires=self.questionnaires or other.questionnaires,
            settings=self.settings or other.settings, all=self.all or other.all)

    __or__ = merge

    @property
    def entries(self) -> bool:
        """Some entry or check-in changed (or may have)."""
        return self.all or bool(self.days) or bool(self.trackables)

    def touches_trackable(self, trackable_id: int | None) -> bool:
        """Entries that a view of ``trackable_id`` (None: all of them together) counts changed."""
        if self.all or self.check_ins:
            return True
        if trackable_id is None:
            return bool(self.trackables)
        return trackable_id in self.trackables

    def touches_days(self, start: dt.date, end: dt.date) -> bool:
        """Entries or check-ins of a day from ``start`` to ``end`` (both included) changed."""
        return self.all or any(start <= day <= end for day in self.days)
