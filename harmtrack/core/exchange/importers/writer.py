"""Writing a Bundle inside one transaction, skipping what is already there.

An entry is skipped when an entry with the same ``source_key`` exists, or one with the
same trackable, instant, amount, urge flag and note (``seen``). The bundle's entries are
consumed as a stream: each is checked as it comes, and they go in as batches of ``BATCH``
rows (one ``executemany`` each), so memory holds one batch, whatever the file's size.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, func, insert, select

from harmtrack.core.common.days import local_day, to_utc_naive
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange.care_export import SECTIONS as CARE_TOOL_SECTIONS
from harmtrack.core.exchange.importers import care_tools, fields, goals_and_care, questionnaire_rows
from harmtrack.core.exchange.importers.bundle import Bundle, EntrySpec, Preview, Refusal, TrackableSpec
from harmtrack.core.exchange.importers.seen import Seen, fingerprint
from harmtrack.core.quantities import catalog
from harmtrack.core.storage.schema import (
    action_plans_table,
    alternatives_table,
    checkins_table,
    entries_table,
    entry_tags_table,
    support_contacts_table,
    trackables_table,
    utcnow,
)
from harmtrack.core.storage.settings import read_settings, write_settings
from harmtrack.core.storage.sync_marks import marked_at_the_end
from harmtrack.core.storage.tag_counts import counted_at_the_end
from harmtrack.core.tracking.trackables import next_colour
from harmtrack.core.tracking.validation import (
    check_amount,
    check_cost,
    check_craving,
    check_instant,
    check_mood,
    check_tags,
    check_text,
)

#: Entries inserted per statement.
BATCH = 5000


class Known(NamedTuple):
    """A trackable as the writer needs it."""

    id: int
    name: str
    unit: str
    sort_order: int


class Writer:
    """Writes one bundle inside an open transaction, skipping what is already there."""

    def __init__(self, conn: Connection, bundle: Bundle) -> None:
        self.s = conn
        self.bundle = bundle
        self.settings = read_settings(conn)
        self.added: dict[str, int] = {k: 0 for k in (
            "entries", "trackables", "checkins", "goals", "sessions", "my_therapist",
            "action_plans", "alternatives", "support_contacts", "settings",
            "questionnaire_answers", "questionnaire_schedules", *CARE_TOOL_SECTIONS)}
        self.skipped = 0
        self.refused: list[Refusal] = []  # besides the bundle's own (read as it streams)
        self.new_trackables: list[str] = []
        self.first_day: dt.date | None = None
        self.last_day: dt.date | None = None
        e, t = entries_table.c, trackables_table.c
        self.by_name = {row.name.casefold(): Known(*row)
                        for row in conn.execute(select(t.id, t.name, t.unit, t.sort_order))}
        # No trackable, so no entry either (an entry needs its trackable).
        self.empty_target = not self.by_name
        self.seen = Seen(conn)
        # New entries wait here (with their tags, source key and fingerprint) and go in as
        # batches (executemany), with ids given here, so the tags can name their entry.
        self.next_id = int(conn.scalar(select(func.coalesce(func.max(e.id), 0))) or 0) + 1
        self.pending: list[tuple[dict[str, Any], list[dict[str, Any]], tuple[Any, ...], str]] = []
        self.now = utcnow()

    # trackables
    def _order(self) -> int:
        return max((t.sort_order for t in self.by_name.values()), default=0) + 1

    def trackable(self, spec: TrackableSpec) -> Known:
        existing = self.by_name.get(spec.name.casefold())
        if existing is not None:
            return existing
        name = " ".join((fields.text(spec.name, "the trackable's name") or "").split())
        if not name or len(name) > 80:
            raise InvalidEntry("a trackable needs a name of 1 to 80 characters")
        unit = " ".join((spec.unit or "").split()) or None
        builtin, kind = None, spec.kind
        item = catalog.find(spec.builtin_key or name)
        if spec.exact:
            if spec.builtin_key and not self._builtin_taken(spec.builtin_key):
                builtin = spec.builtin_key
        elif item is not None and (spec.builtin_key or item.name.casefold() == name.casefold()):
            fit = _fitting_unit(unit, item.units, self.settings.country)
            if fit is not None and not self._builtin_taken(item.key):
                # A clear match: the catalog's trackable (under its own name, as when
                # logged by name), in a unit the amounts convert to.
                builtin, unit, kind, name = item.key, fit, item.kind, item.name
        if not unit and not spec.exact:
            unit = "times"  # a file that names no unit counts occasions
        if not unit or len(unit) > 40:
            raise InvalidEntry(f"the trackable {name!r} needs a unit of 1 to 40 characters")
        if kind not in ("substance", "behaviour"):
            raise InvalidEntry("a trackable's kind must be substance or behaviour")
        order = spec.sort_order if spec.sort_order is not None else self._order()
        row = dict(name=name, kind=kind, unit=unit,
                   colour=spec.colour or (item.colour if builtin and item else next_colour(self.s)),
                   archived=spec.archived, builtin_key=builtin, sort_order=order)
        if spec.created_at is not None:
            row["created_at"] = spec.created_at
        t = Known(self.s.execute(insert(trackables_table).values(**row)).lastrowid, name, unit, order)
        self.by_name[name.casefold()] = t
        self.by_name.setdefault(spec.name.casefold(), t)  # later rows name it as the file does
        self.added["trackables"] += 1
        self.new_trackables.append(name)
        return t

    def _builtin_taken(self, key: str) -> bool:
        t = trackables_table.c
        return self.s.scalar(select(t.id).where(t.builtin_key == key)) is not None

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
        print_ = fingerprint(t.name, occurred, round(amount, 6), spec.urge_only, note)
        day = spec.day or local_day(at, self.settings.tz, self.settings.day_start_hour)
        offset = at.utcoffset() or dt.timedelta(0)
        row = dict(
            trackable_id=t.id, occurred_at=occurred,
            utc_offset_min=int(offset.total_seconds() // 60), day=day, amount=round(amount, 6),
            craving=craving, mood=mood, setting=where, cost=cost, note=note,
            urge_only=bool(spec.urge_only), discuss=bool(spec.discuss), source=spec.source,
            source_key=spec.source_key,
            extra=json.dumps(spec.extra, ensure_ascii=False) if spec.extra else None,
            created_at=spec.created_at or self.now, updated_at=spec.updated_at or self.now)
        tags = [dict(kind="trigger", name=x, position=i) for i, x in enumerate(triggers)]
        tags += [dict(kind="practice", name=x, position=i) for i, x in enumerate(practices)]
        # Whether it is already there is asked for the whole batch at once (``flush_entries``).
        self.pending.append((row, tags, print_, t.name))

    def saw_day(self, day: dt.date) -> None:
        self.first_day = day if self.first_day is None else min(self.first_day, day)
        self.last_day = day if self.last_day is None else max(self.last_day, day)

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
            if len(self.pending) >= BATCH:  # outside any savepoint: a refusal cannot undo it
                self.flush_entries()
        self.flush_entries()
        existing_days = set(self.s.scalars(select(checkins_table.c.day)))
        checkins: list[dict[str, Any]] = []
        for _where, day, created in b.checkins:
            if day in existing_days:
                self.skipped += 1
                continue
            checkins.append(dict(day=day, created_at=created or self.now))
            existing_days.add(day)
            self.added["checkins"] += 1
            self.saw_day(day)
        if checkins:
            self.s.execute(insert(checkins_table), checkins)
        for i, g in enumerate(b.goals):
            self._guarded(f"goals[{i}]", self.goal, g)
        for i, x in enumerate(b.sessions):
            self._guarded(f"sessions[{i}]", self.session, x)
        if b.my_therapist:
            self._guarded("my_therapist", self.therapist, b.my_therapist)
        for i, x in enumerate(b.action_plans):
            self._guarded(f"action_plans[{i}]", self.simple, action_plans_table, "action_plans",
                          ("trigger", "plan"), x)
        for i, x in enumerate(b.alternatives):
            self._guarded(f"alternatives[{i}]", self.simple, alternatives_table, "alternatives", ("text",), x)
        for i, x in enumerate(b.support_contacts):
            self._guarded(f"support_contacts[{i}]", self.simple, support_contacts_table,
                          "support_contacts", ("name", "phone"), x)
        for key, items in b.care_tools.items():
            for i, x in enumerate(items):
                self._guarded(f"{key}[{i}]", self.care_tool, key, x)
        for i, x in enumerate(b.questionnaire_answers):
            self._guarded(f"questionnaire_answers[{i}]", self.questionnaire, "questionnaire_answers",
                          questionnaire_rows.add_answers, x)
        for i, x in enumerate(b.questionnaire_schedules):
            self._guarded(f"questionnaire_schedules[{i}]", self.questionnaire, "questionnaire_schedules",
                          questionnaire_rows.add_schedule, x)

    def flush_entries(self) -> None:
        """Insert the entries waiting that are not there yet (nor earlier in the batch), and
        their tags: one statement each for the whole batch."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        keys, there = self.seen.present([name for *_, name in pending], [row for row, *_ in pending])
        prints: set[tuple[Any, ...]] = set()
        entry_rows: list[dict[str, Any]] = []
        tag_rows: list[dict[str, Any]] = []
        first_id = self.next_id
        for (row, tags, print_, _name), existing in zip(pending, there, strict=True):
            key = row["source_key"]
            if (key and key in keys) or print_ in existing or print_ in prints:
                self.skipped += 1
                continue
            row["id"] = self.next_id
            self.next_id += 1
            entry_rows.append(row)
            tag_rows += [dict(tag, entry_id=row["id"]) for tag in tags]
            if key:
                keys.add(key)
            prints.add(print_)
            self.saw_day(row["day"])
        if entry_rows:
            self.s.execute(insert(entries_table), entry_rows)
            self.seen.add_from(first_id)  # what the next batches are checked against
        if tag_rows:
            self.s.execute(insert(entry_tags_table), tag_rows)
        self.added["entries"] += len(entry_rows)

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
        name = fields.text(g.get("trackable"), "the goal's trackable")
        t = self.by_name.get(name.casefold()) if name else None
        if t is None:
            raise InvalidEntry(f"the goal's trackable {name!r} is not in the file")
        self._count("goals", goals_and_care.add_goal(self.s, t.id, g, self.now))

    def session(self, x: dict[str, Any]) -> None:
        self._count("sessions", goals_and_care.add_session(self.s, x))

    def therapist(self, x: dict[str, Any]) -> None:
        if goals_and_care.has_therapist(self.s):
            self.bundle.notes.append("Your therapist's details were kept (you already have some).")
            return
        goals_and_care.add_therapist(self.s, x)
        self.added["my_therapist"] += 1

    def simple(self, table: Table, key: str, identity: tuple[str, ...], x: dict[str, Any]) -> None:
        self._count(key, goals_and_care.add_row(self.s, table, identity, x))

    def care_tool(self, key: str, x: dict[str, Any]) -> None:
        def lookup(name: str) -> int | None:
            known = self.by_name.get(" ".join(name.split()).casefold())
            return known.id if known else None

        self._count(key, care_tools.add_item(self.s, key, x, lookup))

    def questionnaire(self, key: str, add: Any, x: dict[str, Any]) -> None:
        self._count(key, add(self.s, x))

    def _count(self, key: str, added: bool) -> None:
        if added:
            self.added[key] += 1
        else:
            self.skipped += 1


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


def apply(conn: Connection, bundle: Bundle, file: str) -> Preview:
    """Write ``bundle`` inside the open transaction on ``conn``; returns what was added."""
    w = Writer(conn, bundle)
    # One counting pass and one marking pass instead of triggers per entry and tag.
    with counted_at_the_end(conn), marked_at_the_end(conn):
        w.run()
    w.seen.close()
    refused = sorted(bundle.refused + w.refused, key=lambda r: [int(t) if t.isdigit() else t
                                                               for t in re.split(r"(\d+)", r.where)])
    return Preview(bundle.format, file, w.added, w.skipped, w.first_day, w.last_day,
                   w.new_trackables, refused, list(bundle.not_imported), list(bundle.notes))
