"""What a file holds in neutral form (Bundle), what is refused and why, what an import adds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harmtrack.core.common.errors import HarmTrackError


class ImportRefused(HarmTrackError):
    """The file as a whole cannot be imported (wrong format, unreadable…); nothing was written."""


@dataclass(frozen=True)
class Refusal:
    """A row that will not be imported, where it is and why."""

    where: str  # "line 14", "entries[3]", "experience 5, ingestion 2"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class TrackableSpec:
    name: str
    kind: str = "substance"
    unit: str | None = None
    colour: str | None = None
    archived: bool = False
    builtin_key: str | None = None
    sort_order: int | None = None
    created_at: dt.datetime | None = None
    #: Take name, unit, kind and built-in key exactly as given (our own export).
    exact: bool = False


@dataclass
class EntrySpec:
    where: str
    trackable: str
    amount: Any
    at: dt.datetime | None
    unit: str | None = None
    day: dt.date | None = None
    craving: Any = None
    mood: Any = None
    triggers: list[str] = field(default_factory=list)
    practices: list[str] = field(default_factory=list)
    setting: str | None = None
    cost: Any = None
    note: str | None = None
    urge_only: bool = False
    discuss: bool = False
    source: str | None = None
    source_key: str | None = None
    extra: dict[str, Any] | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    #: For a trackable that has to be created for this entry.
    kind: str = "substance"
    colour: str | None = None
    #: Allow an instant more than two days ahead (a lossless restore of our own export).
    exact: bool = False
    #: When the unit does not fit the named trackable, use "<name> (<unit>)" instead.
    split_unit: bool = False


@dataclass
class Bundle:
    """Everything a file holds, in neutral form.

    ``entries`` may be a stream that reads the file as it is consumed (a file's entries
    are never all held); the rows it refuses are added to ``refused`` as they are read,
    and the sections after the entries in the file are filled in once it is exhausted.
    """

    format: str
    trackables: list[TrackableSpec] = field(default_factory=list)
    entries: Iterable[EntrySpec] = field(default_factory=list)
    checkins: list[tuple[str, dt.date, dt.datetime | None]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    my_therapist: dict[str, Any] | None = None
    action_plans: list[dict[str, Any]] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    support_contacts: list[dict[str, Any]] = field(default_factory=list)
    #: Safety plan, trackable classes, balances, ideal-use plans (``exchange.care_export``).
    care_tools: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    questionnaire_answers: list[dict[str, Any]] = field(default_factory=list)
    questionnaire_schedules: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] | None = None
    refused: list[Refusal] = field(default_factory=list)
    #: Fields of the file that are not imported, and why (shown in the preview).
    not_imported: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


#: The singular of each kind of thing an import adds ("1 entry", "2 entries").
ONE_ADDED = {"entries": "entry", "trackables": "trackable", "checkins": "checkin", "goals": "goal",
             "sessions": "session", "action_plans": "action_plan", "alternatives": "alternative",
             "support_contacts": "support_contact", "settings": "setting",
             "safety_plan": "safety-plan section", "trackable_classes": "trackable class",
             "decisional_balances": "decisional balance", "ideal_use_plans": "ideal-use plan",
             "questionnaire_answers": "questionnaire answer",
             "questionnaire_schedules": "questionnaire schedule"}


@dataclass
class Preview:
    """What an import adds (or added), shown before the user confirms."""

    format: str
    file: str
    added: dict[str, int]
    already_present: int
    first_day: dt.date | None
    last_day: dt.date | None
    new_trackables: list[str]
    refused: list[Refusal]
    not_imported: list[str]
    notes: list[str]
    backup: Path | None = None

    @property
    def entries(self) -> int:
        return self.added.get("entries", 0)

    def lines(self) -> list[str]:
        """The preview as plain text lines (the CLI prints these)."""
        from harmtrack.core.quantities.formatting import count

        out = [f"Import from {self.file} ({self.format})"]
        what = ", ".join(count(n, ONE_ADDED.get(k, k).replace("_", " "), k.replace("_", " "))
                         for k, n in self.added.items() if n) or "nothing new"
        out.append(f"Adds: {what}")
        if self.first_day:
            last = self.last_day.isoformat() if self.last_day else ""
            out.append(f"Dates: {self.first_day.isoformat()} to {last}")
        if self.already_present:
            out.append(f"Already present (skipped): {self.already_present}")
        if self.new_trackables:
            out.append("New trackables: " + ", ".join(self.new_trackables))
        if self.refused:
            out.append(f"Refused ({len(self.refused)}):")
            out.extend(f"  {r}" for r in self.refused)
        if self.not_imported:
            out.append("Not imported:")
            out.extend(f"  {n}" for n in self.not_imported)
        out.extend(self.notes)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format, "file": self.file, "added": self.added,
            "already_present": self.already_present,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "new_trackables": self.new_trackables,
            "refused": [{"where": r.where, "reason": r.reason} for r in self.refused],
            "not_imported": self.not_imported, "notes": self.notes,
        }
