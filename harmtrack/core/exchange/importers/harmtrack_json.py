"""HarmTrack's own JSON export (see ``harmtrack.core.exchange.export``), imported losslessly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange.care_export import SECTIONS as CARE_TOOL_SECTIONS
from harmtrack.core.exchange.export import FORMAT, MACHINE_SETTINGS, VERSION
from harmtrack.core.exchange.importers import fields, json_stream
from harmtrack.core.exchange.importers.bundle import Bundle, EntrySpec, ImportRefused, Refusal, TrackableSpec
from harmtrack.core.storage.settings import Settings

SECTIONS = ("settings", "trackables", "entries", "checkins", "goals", "sessions", "my_therapist",
            "action_plans", "alternatives", "support_contacts", "questionnaire_answers",
            "questionnaire_schedules", *CARE_TOOL_SECTIONS)
SETTING_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _list(doc: dict[str, Any], key: str) -> list[Any]:
    value = doc.get(key) or []
    if not isinstance(value, list):
        raise ImportRefused(f"the file's {key!r} is not a list; nothing was imported")
    return value


def _settings(value: Any) -> dict[str, Any]:
    """The file's settings, each of the type its field has (machine state left out)."""
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key in MACHINE_SETTINGS:
            continue
        field = SETTING_FIELDS.get(key)
        if field is None:
            out[key] = v  # unknown: write_settings refuses it by name
            continue
        hint = str(field.type)
        if v is None and "None" in hint:
            out[key] = v
        elif hint.startswith("bool"):
            out[key] = fields.flag(v, f"the setting {key}")
        elif hint.startswith("int"):
            out[key] = fields.whole(v, f"the setting {key}", 0, 10_000)
        elif hint.startswith("dict"):
            out[key] = v  # a mapping (heavy-use day thresholds): write_settings checks it
        else:
            out[key] = fields.text(v, f"the setting {key}", 80)
    return out


def _trackable(t: Any) -> TrackableSpec:
    if not isinstance(t, dict):
        raise InvalidEntry("a trackable must be an object")
    name = fields.text(t.get("name"), "the trackable's name", 80)
    if not name or not name.strip():
        raise InvalidEntry("a trackable needs a name")
    kind = fields.text(t.get("kind"), "kind") or "substance"
    if kind not in ("substance", "behaviour"):
        raise InvalidEntry("a trackable's kind must be substance or behaviour")
    return TrackableSpec(
        name=name, kind=kind, unit=fields.text(t.get("unit"), "unit", 40),
        colour=fields.colour(t.get("colour")), archived=fields.flag(t.get("archived"), "archived"),
        builtin_key=fields.text(t.get("builtin_key"), "builtin_key", 40),
        sort_order=fields.whole(t.get("sort_order"), "sort_order", -(2**31), 2**31 - 1),
        created_at=fields.stamp(t.get("created_at"), "created_at"), exact=True)


def _entry(where: str, e: Any, units: dict[str, str | None]) -> EntrySpec:
    if not isinstance(e, dict):
        raise InvalidEntry("an entry must be an object")
    name = fields.text(e.get("trackable"), "the entry's trackable")
    if name is None:
        raise InvalidEntry("an entry needs a trackable name")
    extra = e.get("extra")
    if extra is not None and not isinstance(extra, dict):
        raise InvalidEntry("extra must be an object")
    tags = {}
    for key in ("triggers", "practices"):
        value = e.get(key) or []
        if not isinstance(value, list):
            raise InvalidEntry(f"{key} must be a list")
        tags[key] = [fields.text(x, f"each of {key}") for x in value]
    at = fields.instant(e.get("occurred_at"), "occurred_at")
    day = fields.day(e.get("day"), "day")
    if day is not None and abs((day - at.astimezone(dt.UTC).date()).days) > 2:
        # The day an entry counts for is its local date, moved by the day-start hour at most.
        raise InvalidEntry(f"day {day.isoformat()} is not the day of occurred_at")
    return EntrySpec(
        where=where, trackable=name, amount=fields.number(e.get("amount"), "amount"), at=at,
        unit=units.get(name.casefold()), day=day,
        craving=fields.number(e.get("craving"), "craving"),
        mood=fields.number(e.get("mood"), "mood"),
        triggers=tags["triggers"], practices=tags["practices"],  # type: ignore[arg-type]
        setting=fields.text(e.get("setting"), "setting"), cost=fields.number(e.get("cost"), "cost"),
        note=fields.text(e.get("note"), "note"),
        urge_only=fields.flag(e.get("urge_only"), "urge_only"),
        discuss=fields.flag(e.get("discuss"), "discuss"),
        source=fields.text(e.get("source"), "source", 40),
        source_key=fields.text(e.get("source_key"), "source_key", 200),
        extra=fields.sound_json(extra, "extra"),
        created_at=fields.stamp(e.get("created_at"), "created_at"),
        updated_at=fields.stamp(e.get("updated_at"), "updated_at"), exact=True)


def read_entry(i: int, e: Any) -> EntrySpec | Refusal:
    """Item ``i`` of the file's entries as read (its unit is set once the trackables are known)."""
    try:
        return _entry(f"entries[{i}]", e, {})
    except InvalidEntry as exc:
        return Refusal(f"entries[{i}]", str(exc))


#: What must be known before the first entry is read: the settings (an entry's day) and
#: the trackables (its unit, and whether its trackable was refused).
HEAD = ("format", "version", "settings", "trackables")


def parse(path: Path) -> Bundle:
    """A HarmTrack export file → Bundle whose entries are read from the file as they are
    consumed. The sections before the entries are read (and checked) at once; when the
    file puts one of :data:`HEAD` after its entries, the file is read twice instead."""
    doc: dict[str, Any] = {}
    pairs = json_stream.pairs(path, "entries")
    streamed: Iterator[tuple[int, Any]] | None = None
    for key, value in pairs:
        if isinstance(value, json_stream.Items) and set(HEAD) <= set(doc):
            streamed = value
            break
        doc[key] = [] if isinstance(value, json_stream.Items) else value  # read again below
    b = _head(doc)
    refused_trackables = _trackables(b, doc)
    units = {t.name.casefold(): t.unit for t in b.trackables}

    def entries() -> Iterator[EntrySpec]:
        items: Any = streamed
        if items is None:  # the second reading, for the entries only
            items = ((i, e) for key, value in json_stream.pairs(path, "entries")
                     if key == "entries" for i, e in (value if isinstance(value, json_stream.Items)
                                                      else enumerate(_list({key: value}, key))))
        for i, e in items:
            spec = read_entry(i, e)
            if isinstance(spec, Refusal):
                b.refused.append(spec)
                continue
            name = spec.trackable.casefold()
            if name in refused_trackables:
                b.refused.append(Refusal(spec.where, f"its trackable {spec.trackable!r} was refused "
                                                     f"({refused_trackables[name]})"))
                continue
            spec.unit = units.get(name)
            yield spec
        if streamed is not None:
            doc.update(pairs)  # the sections after the entries
        _rest(b, doc, refused_trackables)

    b.entries = entries()
    return b


def _head(doc: Any) -> Bundle:
    """The Bundle of a document whose format, version and settings are checked."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportRefused("this is not a HarmTrack export (no \"format\": \"harmtrack-export\")")
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        shown = version if version < 10**6 else "unknown"
        raise ImportRefused(f"this export was written by a newer HarmTrack (version {shown}); "
                            "update HarmTrack to import it")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportRefused("the file's \"version\" is not a HarmTrack export version; "
                            "nothing was imported")
    b = Bundle(format="harmtrack-json")
    settings = doc.get("settings")
    if settings is not None and not isinstance(settings, dict):
        raise ImportRefused("the file's settings are not an object; nothing was imported")
    if settings:
        try:
            b.settings = _settings(settings) or None
        except InvalidEntry as exc:
            b.refused.append(Refusal("settings", str(exc)))
    return b


def _trackables(b: Bundle, doc: dict[str, Any]) -> dict[str, str]:
    """Read the file's trackables into ``b``; returns the refused ones' names → where."""
    refused_trackables: dict[str, str] = {}
    for i, t in enumerate(_list(doc, "trackables")):
        try:
            b.trackables.append(_trackable(t))
        except InvalidEntry as exc:
            b.refused.append(Refusal(f"trackables[{i}]", str(exc)))
            if isinstance(t, dict) and isinstance(t.get("name"), str):
                refused_trackables.setdefault(t["name"].casefold(), f"trackables[{i}]")
    return refused_trackables


def _rest(b: Bundle, doc: dict[str, Any], refused_trackables: dict[str, str]) -> None:
    """The sections other than settings, trackables and entries, into ``b``."""
    # "share": a therapist's share names its range and what was left out (exchange.share).
    unknown = sorted(set(doc) - set(SECTIONS) - {"format", "version", "schema", "share"})
    if unknown:
        b.not_imported.append(f"unknown sections {', '.join(unknown)}: not part of this version's format")
    for i, c in enumerate(_list(doc, "checkins")):
        where = f"checkins[{i}]"
        try:
            if not isinstance(c, dict):
                raise InvalidEntry("a check-in must be an object")
            day = fields.day(c.get("day"), "day")
            if day is None:
                raise InvalidEntry("a check-in needs its day")
            b.checkins.append((where, day, fields.stamp(c.get("created_at"), "created_at")))
        except InvalidEntry as exc:
            b.refused.append(Refusal(where, str(exc)))
    for key in ("goals", "sessions", "action_plans", "alternatives", "support_contacts",
                "questionnaire_answers", "questionnaire_schedules"):
        items = _list(doc, key)
        good = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                b.refused.append(Refusal(f"{key}[{i}]", "must be an object"))
            elif key == "goals" and str(item.get("trackable")).casefold() in refused_trackables:
                name = str(item.get("trackable"))
                b.refused.append(Refusal(f"{key}[{i}]", f"its trackable {name!r} was refused "
                                         f"({refused_trackables[name.casefold()]})"))
            else:
                good.append(item)
        setattr(b, key, good)
    for key in CARE_TOOL_SECTIONS:
        items = _list(doc, key)
        b.care_tools[key] = [x for x in items if isinstance(x, dict)]
        b.refused += [Refusal(f"{key}[{i}]", "must be an object")
                      for i, x in enumerate(items) if not isinstance(x, dict)]
    therapist = doc.get("my_therapist")
    if therapist is not None and not isinstance(therapist, dict):
        b.refused.append(Refusal("my_therapist", "must be an object"))
    else:
        b.my_therapist = therapist
