"""Importing other files: preview first, then one all-or-nothing transaction.

Each format module turns a file into a :class:`Bundle` (what it holds, plus the rows
it refuses and why, with their line or item numbers). :func:`apply` writes a bundle
inside an open transaction, skipping what is already there. The preview runs that very
same code in a transaction that is rolled back, so the numbers it shows are the
numbers the import will produce.

Re-importing the same file adds nothing: an entry is skipped when an entry with the
same ``source_key`` exists, or one with the same trackable, instant, amount, urge flag
and note.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from harmtrack.core.common.days import local_day, to_utc_naive
from harmtrack.core.common.errors import HarmTrackError, InvalidEntry
from harmtrack.core.exchange.importers import fields
from harmtrack.core.quantities import catalog
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.models import (
    ActionPlan,
    Alternative,
    CheckIn,
    Entry,
    EntryTag,
    Goal,
    GoalVersion,
    MyTherapist,
    SupportContact,
    TherapySession,
    Trackable,
)
from harmtrack.core.storage.settings import Settings, read_settings, write_settings
from harmtrack.core.tracking.entries import (
    MAX_NOTE,
    check_amount,
    check_cost,
    check_craving,
    check_instant,
    check_mood,
    check_tags,
    check_text,
)

log = logging.getLogger(__name__)

FORMATS = ("harmtrack-json", "csv", "pwj", "loop")
MAX_FILE_BYTES = 200 * 1024 * 1024


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
    """Everything a file holds, in neutral form."""

    format: str
    trackables: list[TrackableSpec] = field(default_factory=list)
    entries: list[EntrySpec] = field(default_factory=list)
    checkins: list[tuple[str, dt.date, dt.datetime | None]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    my_therapist: dict[str, Any] | None = None
    action_plans: list[dict[str, Any]] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    support_contacts: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] | None = None
    refused: list[Refusal] = field(default_factory=list)
    #: Fields of the file that are not imported, and why (shown in the preview).
    not_imported: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


#: The singular of each kind of thing an import adds ("1 entry", "2 entries").
ONE_ADDED = {"entries": "entry", "trackables": "trackable", "checkins": "checkin", "goals": "goal",
             "sessions": "session", "action_plans": "action_plan", "alternatives": "alternative",
             "support_contacts": "support_contact", "settings": "setting"}


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


# --- reading files -----------------------------------------------------------------------

def detect_format(path: Path) -> str:
    """Guess the format from the file's contents (and name)."""
    head = _read_text(path)[:4096].lstrip("\ufeff").lstrip()
    if head.startswith(("{", "[")):
        doc = read_json(path)
        if isinstance(doc, dict) and doc.get("format") == "harmtrack-export":
            return "harmtrack-json"
        if isinstance(doc, dict) and ({"experiences", "substanceCompanions", "customSubstances"} & set(doc)):
            return "pwj"
        raise ImportRefused(f"{path.name} is JSON but neither a HarmTrack export nor a "
                            "PsychonautWiki Journal export")
    first = head.splitlines()[0] if head else ""
    if "trackable" in first.casefold():
        return "csv"
    if first.casefold().startswith("date,") or path.name.casefold() == "checkmarks.csv":
        return "loop"
    raise ImportRefused(f"cannot tell the format of {path.name}; choose one with --format")


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"{path.name} is too large to import ({size // 1_000_000} MB)")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"{path.name} is not UTF-8 text (byte {exc.start}); nothing was imported") from exc
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc


def read_json(path: Path) -> Any:
    """Parse a JSON file, refusing with a line number."""
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{path.name} is not valid JSON (line {exc.lineno}: {exc.msg}); "
                            "nothing was imported") from exc
    except RecursionError:
        raise ImportRefused(f"{path.name} is nested too deeply to read") from None
    except ValueError as exc:  # a number with more digits than Python converts (4,300)
        raise ImportRefused(f"{path.name} holds a number too long to read; nothing was imported") from exc


def parse_bundle(path: Path, fmt: str | None, settings: Settings) -> Bundle:
    """Read ``path`` in format ``fmt`` (detected when None) into a Bundle."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ImportRefused(f"no file at {path}")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise ImportRefused(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "harmtrack-json":
        from harmtrack.core.exchange.importers import harmtrack_json

        return harmtrack_json.parse(read_json(path))
    if fmt == "pwj":
        from harmtrack.core.exchange.importers import pwj

        return pwj.parse(read_json(path), settings)
    if fmt == "csv":
        from harmtrack.core.exchange.importers import csv as csv_import

        return csv_import.parse(_read_text(path), settings)
    from harmtrack.core.exchange.importers import loop

    return loop.parse(_read_text(path), settings)


# --- writing -----------------------------------------------------------------------------

def fingerprint(trackable: str, occurred: dt.datetime, amount: float, urge_only: bool,
                note: str | None) -> tuple[Any, ...]:
    """What makes two entries the same occasion for re-import purposes."""
    return (trackable.casefold(), occurred.replace(microsecond=0), round(float(amount), 6),
            bool(urge_only), note or "")


class _Writer:
    def __init__(self, session: Session, bundle: Bundle) -> None:
        self.s = session
        self.bundle = bundle
        self.settings = read_settings(session)
        self.added: dict[str, int] = {k: 0 for k in (
            "entries", "trackables", "checkins", "goals", "sessions", "my_therapist",
            "action_plans", "alternatives", "support_contacts", "settings")}
        self.skipped = 0
        self.refused: list[Refusal] = list(bundle.refused)
        self.new_trackables: list[str] = []
        self.days: list[dt.date] = []
        self.by_name = {t.name.casefold(): t for t in session.scalars(select(Trackable))}
        self.keys = set(session.scalars(select(Entry.source_key).where(Entry.source_key.is_not(None))))
        self.prints = {
            fingerprint(name, occ, amt, urge, note)
            for name, occ, amt, urge, note in session.execute(
                select(Trackable.name, Entry.occurred_at, Entry.amount, Entry.urge_only, Entry.note)
                .join(Trackable))
        }
        self.empty_target = not self.by_name and not self.keys and not self.prints

    # trackables
    def _order(self) -> int:
        return max((t.sort_order for t in self.by_name.values()), default=0) + 1

    def trackable(self, spec: TrackableSpec) -> Trackable:
        existing = self.by_name.get(spec.name.casefold())
        if existing is not None:
            return existing
        from harmtrack.core.tracking.trackables import _next_colour

        name = " ".join((fields.text(spec.name, "the trackable's name") or "").split())
        if not name or len(name) > 80:
            raise InvalidEntry("a trackable needs a name of 1 to 80 characters")
        unit = " ".join((spec.unit or "").split()) or None
        builtin, kind = None, spec.kind
        item = catalog.find(spec.builtin_key or name)
        if spec.exact:
            if spec.builtin_key and not self.s.scalar(
                    select(Trackable).where(Trackable.builtin_key == spec.builtin_key)):
                builtin = spec.builtin_key
        elif item is not None and (spec.builtin_key or item.name.casefold() == name.casefold()):
            fit = _fitting_unit(unit, item.units, self.settings.country)
            if fit is not None and not self.s.scalar(
                    select(Trackable).where(Trackable.builtin_key == item.key)):
                # A clear match: the catalog's trackable (under its own name, as when
                # logged by name), in a unit the amounts convert to.
                builtin, unit, kind, name = item.key, fit, item.kind, item.name
        if not unit and not spec.exact:
            unit = "times"  # a file that names no unit counts occasions
        if not unit or len(unit) > 40:
            raise InvalidEntry(f"the trackable {name!r} needs a unit of 1 to 40 characters")
        if kind not in ("substance", "behaviour"):
            raise InvalidEntry("a trackable's kind must be substance or behaviour")
        t = Trackable(name=name, kind=kind, unit=unit,
                      colour=spec.colour or (item.colour if builtin and item else _next_colour(self.s)),
                      archived=spec.archived, builtin_key=builtin,
                      sort_order=spec.sort_order if spec.sort_order is not None else self._order())
        if spec.created_at is not None:
            t.created_at = spec.created_at
        self.s.add(t)
        self.s.flush()
        self.by_name[name.casefold()] = t
        self.by_name.setdefault(spec.name.casefold(), t)  # later rows name it as the file does
        self.added["trackables"] += 1
        self.new_trackables.append(name)
        return t

    # entries
    def entry(self, spec: EntrySpec) -> None:
        amount = check_amount(spec.amount)
        craving, mood = check_craving(spec.craving), check_mood(spec.mood)
        cost = check_cost(spec.cost)
        triggers = check_tags(spec.triggers, "trigger")
        practices = check_tags(spec.practices, "practice")
        note = check_text(spec.note, "note")
        where = check_text(spec.setting, "setting", 120)
        if spec.at is None:
            raise InvalidEntry("no date or time")
        # Converting a time near the ends of the calendar (9999-12-31T23:59-12:00) to UTC
        # or to the user's zone overflows: the range is checked before any conversion.
        fields.in_range(spec.at if spec.at.tzinfo else spec.at.replace(tzinfo=self.settings.tz),
                        "the time")
        at = spec.at if spec.exact and spec.at.tzinfo is not None else check_instant(spec.at, self.settings)
        if spec.source_key is not None and len(spec.source_key) > 200:
            raise InvalidEntry("source key too long")
        fields.text(spec.source, "source", 40)
        name = " ".join(spec.trackable.split()) if isinstance(spec.trackable, str) else ""
        if not name:
            raise InvalidEntry("no trackable named")
        unit = (spec.unit or "").strip() or None
        t = self.by_name.get(name.casefold()) or self.trackable(
            TrackableSpec(name=name, kind=spec.kind, unit=unit, colour=spec.colour))
        if unit:
            try:
                amount = catalog.convert(amount, unit, t.unit, country=self.settings.country)
            except InvalidEntry:
                if not spec.split_unit:
                    raise
                alt = f"{name} ({unit})"
                t = self.by_name.get(alt.casefold()) or self.trackable(
                    TrackableSpec(name=alt, kind=spec.kind, unit=unit, colour=spec.colour))
                amount = catalog.convert(amount, unit, t.unit, country=self.settings.country)
        occurred = to_utc_naive(at)
        if spec.source_key and spec.source_key in self.keys:
            self.skipped += 1
            return
        print_ = fingerprint(t.name, occurred, round(amount, 6), spec.urge_only, note)
        if print_ in self.prints:
            self.skipped += 1
            return
        day = spec.day or local_day(at, self.settings.tz, self.settings.day_start_hour)
        offset = at.utcoffset() or dt.timedelta(0)
        e = Entry(trackable=t, occurred_at=occurred, utc_offset_min=int(offset.total_seconds() // 60),
                  day=day, amount=round(amount, 6), craving=craving, mood=mood, setting=where,
                  cost=cost, note=note, urge_only=bool(spec.urge_only), discuss=bool(spec.discuss),
                  source=spec.source, source_key=spec.source_key,
                  extra=json.dumps(spec.extra, ensure_ascii=False) if spec.extra else None)
        if spec.created_at is not None:
            e.created_at = spec.created_at
        if spec.updated_at is not None:
            e.updated_at = spec.updated_at
        e.tags = [EntryTag(kind="trigger", name=x, position=i) for i, x in enumerate(triggers)] + [
            EntryTag(kind="practice", name=x, position=i) for i, x in enumerate(practices)]
        self.s.add(e)
        if self.added["entries"] % 1000 == 999:
            self.s.flush()
        if spec.source_key:
            self.keys.add(spec.source_key)
        self.prints.add(print_)
        self.days.append(day)
        self.added["entries"] += 1

    def run(self) -> None:
        b = self.bundle
        if b.settings and self.empty_target:
            try:
                write_settings(self.s, **b.settings)
                self.settings = read_settings(self.s)
                self.added["settings"] = len(b.settings)
            except InvalidEntry as exc:
                self.refused.append(Refusal("settings", str(exc)))
        elif b.settings:
            b.notes.append("Your current settings were kept (the file's settings are only "
                           "used when importing into an empty data folder).")
        for i, tspec in enumerate(b.trackables):
            self._guarded(f"trackables[{i}]", self.trackable, tspec)
        for spec in b.entries:
            # A savepoint per entry makes big imports ten times slower. ``entry`` checks
            # everything before it adds the entry, so only an entry that may first create
            # a trackable needs one (a refusal after that must not leave the trackable).
            name = " ".join(spec.trackable.split()).casefold() if isinstance(spec.trackable, str) else ""
            risky = spec.split_unit or name not in self.by_name
            self._guarded(spec.where, self.entry, spec, savepoint=risky)
        existing_days = set(self.s.scalars(select(CheckIn.day)))
        for _where, day, created in b.checkins:
            if day in existing_days:
                self.skipped += 1
                continue
            c = CheckIn(day=day)
            if created is not None:
                c.created_at = created
            self.s.add(c)
            existing_days.add(day)
            self.added["checkins"] += 1
            self.days.append(day)
        for i, g in enumerate(b.goals):
            self._guarded(f"goals[{i}]", self.goal, g)
        for i, x in enumerate(b.sessions):
            self._guarded(f"sessions[{i}]", self.session, x)
        if b.my_therapist:
            self._guarded("my_therapist", self.therapist, b.my_therapist)
        for i, x in enumerate(b.action_plans):
            self._guarded(f"action_plans[{i}]", self.simple, ActionPlan, "action_plans",
                          ("trigger", "plan"), x)
        for i, x in enumerate(b.alternatives):
            self._guarded(f"alternatives[{i}]", self.simple, Alternative, "alternatives", ("text",), x)
        for i, x in enumerate(b.support_contacts):
            self._guarded(f"support_contacts[{i}]", self.simple, SupportContact, "support_contacts",
                          ("name", "phone"), x)
        self.s.flush()

    def _guarded(self, where: str, fn: Any, *args: Any, savepoint: bool = True) -> None:
        """Run one item (in a savepoint): a refused item leaves no trace."""
        saved = (dict(self.by_name), list(self.new_trackables), dict(self.added), self.skipped)
        try:
            if savepoint:
                with self.s.begin_nested():
                    fn(*args)
            else:
                fn(*args)
        except (InvalidEntry, ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            self.by_name, self.new_trackables, self.added, self.skipped = (
                saved[0], saved[1], saved[2], saved[3])
            reason = str(exc) if isinstance(exc, InvalidEntry) else _plain_reason(exc)
            self.refused.append(Refusal(where, reason))

    def goal(self, g: dict[str, Any]) -> None:
        from harmtrack.core.goals.store import TAPER_STYLES, check_practice, check_target, check_type

        name = fields.text(g.get("trackable"), "the goal's trackable")
        t = self.by_name.get(name.casefold()) if name else None
        if t is None:
            raise InvalidEntry(f"the goal's trackable {name!r} is not in the file")
        goal_type = check_type(fields.text(g.get("type"), "the goal type") or "")
        practice = check_practice(goal_type, fields.text(g.get("practice"), "practice"))
        taper_style = fields.text(g.get("taper_style"), "taper_style")
        if taper_style is not None and taper_style not in TAPER_STYLES:
            raise InvalidEntry(f"taper style must be one of: {', '.join(TAPER_STYLES)}")
        archived = fields.flag(g.get("archived"), "archived")
        archived_on = fields.day(g.get("archived_on"), "archived_on")
        created = fields.stamp(g.get("created_at"), "created_at")
        versions = g.get("versions") or []
        if not isinstance(versions, list) or not versions:
            raise InvalidEntry("a goal needs a list of at least one target")
        steps: list[GoalVersion] = []
        for n, v in enumerate(versions):
            if not isinstance(v, dict):
                raise InvalidEntry(f"versions[{n}] must be an object")
            start = fields.day(v.get("effective_from"), f"versions[{n}].effective_from")
            if start is None:
                raise InvalidEntry(f"versions[{n}] needs its effective_from day")
            target = check_target(goal_type, fields.number(v.get("target"), f"versions[{n}].target"))
            gv = GoalVersion(effective_from=start, target=target)
            made = fields.stamp(v.get("created_at"), f"versions[{n}].created_at")
            if made is not None:
                gv.created_at = made
            steps.append(gv)
        if len({gv.effective_from for gv in steps}) != len(steps):
            raise InvalidEntry("two targets start on the same day")
        for existing in self.s.scalars(select(Goal).where(Goal.trackable_id == t.id,
                                                          Goal.type == goal_type)):
            if existing.practice == practice and (created is None or existing.created_at == created):
                self.skipped += 1
                return
        row = Goal(trackable_id=t.id, type=goal_type, practice=practice, taper_style=taper_style,
                   archived=archived, archived_on=archived_on)
        if created is not None:
            row.created_at = created
        row.versions.extend(steps)
        self.s.add(row)
        self.s.flush()
        self.added["goals"] += 1

    def session(self, x: dict[str, Any]) -> None:
        day = fields.day(x.get("date"), "date")
        if day is None:
            raise InvalidEntry("a session needs its date")
        therapist = check_text(fields.text(x.get("therapist"), "therapist"), "therapist", 120)
        note = check_text(fields.text(x.get("note"), "session note"), "session note")
        q = select(TherapySession).where(TherapySession.date == day)
        q = q.where(TherapySession.therapist.is_(None) if therapist is None
                    else TherapySession.therapist == therapist)
        q = q.where(TherapySession.note.is_(None) if note is None else TherapySession.note == note)
        if self.s.scalar(q) is not None:
            self.skipped += 1
            return
        row = TherapySession(date=day, therapist=therapist, note=note)
        made = fields.stamp(x.get("created_at"), "created_at")
        if made is not None:
            row.created_at = made
        self.s.add(row)
        self.added["sessions"] += 1

    def therapist(self, x: dict[str, Any]) -> None:
        if self.s.scalar(select(MyTherapist)) is not None:
            self.bundle.notes.append("Your therapist's details were kept (you already have some).")
            return
        name = check_text(fields.text(x.get("name"), "therapist's name"), "therapist's name", 120)
        if not name:
            raise InvalidEntry("the therapist needs a name")
        values = {key: check_text(fields.text(x.get(key), what), what, limit) for key, what, limit in (
            ("practice", "practice", 120), ("phone", "phone", 40), ("email", "email", 120),
            ("url", "web address", 300))}
        self.s.add(MyTherapist(name=name, next_session=fields.day(x.get("next_session"), "next_session"),
                               **values))
        self.added["my_therapist"] += 1

    def simple(self, model: Any, key: str, identity: tuple[str, ...], x: dict[str, Any]) -> None:
        values = {k: _column_value(model.__table__.columns[k], v) for k, v in x.items()
                  if k in model.__table__.columns and k != "id"}
        for need in identity[:1]:
            if not values.get(need):
                raise InvalidEntry(f"missing {need}")
        if values.get("created_at", 0) is None:
            del values["created_at"]
        q = select(model)
        for k in identity:
            col = getattr(model, k)
            q = q.where(col.is_(None) if values.get(k) is None else col == values.get(k))
        if self.s.scalar(q) is not None:
            self.skipped += 1
            return
        self.s.add(model(**values))
        self.added[key] += 1


def _column_value(column: Any, value: Any) -> Any:
    """A file's value for a plain column, checked against the column's type."""
    from sqlalchemy import Boolean, DateTime, String

    if isinstance(column.type, Boolean):
        return fields.flag(value, column.name)
    if isinstance(column.type, DateTime):
        return fields.stamp(value, column.name)
    limit = column.type.length if isinstance(column.type, String) else None
    out = check_text(fields.text(value, column.name), column.name, limit or MAX_NOTE)
    if out is None and not column.nullable:
        raise InvalidEntry(f"missing {column.name}")
    return out


def _fitting_unit(unit: str | None, units: tuple[str, ...] | list[str], country: str) -> str | None:
    """The first of ``units`` that ``unit`` equals or converts to (None: none fits)."""
    if unit is None:
        return units[0] if units else None
    for candidate in units:
        if candidate.casefold() == unit.casefold():
            return candidate
    for candidate in units:
        try:
            catalog.convert(1.0, unit, candidate, country=country)
        except InvalidEntry:
            continue
        return candidate
    return None


def _plain_reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    if isinstance(exc, OverflowError):
        return "a number or a date is out of range"
    return str(exc) or type(exc).__name__


def apply(session: Session, bundle: Bundle, file: str) -> Preview:
    """Write ``bundle`` inside the open transaction ``session``; returns what was added."""
    w = _Writer(session, bundle)
    w.run()
    days = sorted(w.days)
    refused = sorted(w.refused, key=lambda r: [int(t) if t.isdigit() else t
                                               for t in re.split(r"(\d+)", r.where)])
    return Preview(bundle.format, file, w.added, w.skipped, days[0] if days else None,
                   days[-1] if days else None, w.new_trackables, refused,
                   list(bundle.not_imported), list(bundle.notes))


def preview(db: Database, path: str | os.PathLike[str], fmt: str | None = None) -> Preview:
    """What importing ``path`` would do; nothing is written."""
    path = Path(path).expanduser()
    with db.sessions() as session:
        bundle = parse_bundle(path, fmt, read_settings(session))
    session = db.write_session()  # it writes (then rolls back): wait for other writers
    try:
        session.begin()
        return apply(session, bundle, path.name)
    finally:
        session.rollback()
        session.close()


def run_import(db: Database, path: str | os.PathLike[str], fmt: str | None = None, *,
               backup: bool = True) -> Preview:
    """Import ``path`` in one transaction (after a backup); returns what was added."""
    path = Path(path).expanduser()
    with db.sessions() as session:
        bundle = parse_bundle(path, fmt, read_settings(session))
    taken: Path | None = None
    holds = (bundle.trackables, bundle.entries, bundle.checkins, bundle.goals, bundle.sessions,
             bundle.my_therapist, bundle.action_plans, bundle.alternatives, bundle.support_contacts,
             bundle.settings)
    if backup and any(holds):  # a file whose every item was refused writes nothing, not even a backup
        from harmtrack.core.storage.backups import make_backup

        taken = make_backup(db, "before-import")
    with db.begin() as session:
        result = apply(session, bundle, path.name)
    result.backup = taken
    log.info("import done: %d entries added, %d skipped, %d refused", result.entries,
             result.already_present, len(result.refused))
    return result
