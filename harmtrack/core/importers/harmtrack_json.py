"""HarmTrack's own JSON export (see ``harmtrack.core.export``), imported losslessly."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import InvalidEntry
from ..export import FORMAT, VERSION
from . import Bundle, EntrySpec, ImportRefused, Refusal, TrackableSpec, _dt

SECTIONS = ("settings", "trackables", "entries", "checkins", "goals", "sessions", "my_therapist",
            "action_plans", "alternatives", "support_contacts")


def _list(doc: dict[str, Any], key: str) -> list[Any]:
    value = doc.get(key) or []
    if not isinstance(value, list):
        raise ImportRefused(f"the file's {key!r} is not a list; nothing was imported")
    return value


def _instant(text: Any) -> dt.datetime:
    if not isinstance(text, str):
        raise InvalidEntry("occurred_at must be an ISO 8601 time")
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise InvalidEntry("occurred_at must include its UTC offset")
    return value


def parse(doc: Any) -> Bundle:
    """A HarmTrack export document → Bundle."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportRefused("this is not a HarmTrack export (no \"format\": \"harmtrack-export\")")
    version = doc.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ImportRefused(f"this export was written by a newer HarmTrack (version {version}); "
                            "update HarmTrack to import it")
    b = Bundle(format="harmtrack-json")
    unknown = sorted(set(doc) - set(SECTIONS) - {"format", "version", "schema"})
    if unknown:
        b.not_imported.append(f"unknown sections {', '.join(unknown)}: not part of this version's format")
    settings = doc.get("settings")
    if settings is not None and not isinstance(settings, dict):
        raise ImportRefused("the file's settings are not an object; nothing was imported")
    b.settings = dict(settings) if settings else None
    for i, t in enumerate(_list(doc, "trackables")):
        try:
            if not isinstance(t, dict) or not isinstance(t.get("name"), str):
                raise InvalidEntry("a trackable needs a name")
            b.trackables.append(TrackableSpec(
                name=t["name"], kind=t.get("kind") or "substance", unit=t.get("unit"),
                colour=t.get("colour"), archived=bool(t.get("archived")),
                builtin_key=t.get("builtin_key"),
                sort_order=t.get("sort_order") if isinstance(t.get("sort_order"), int) else None,
                created_at=_dt(t.get("created_at")), exact=True))
        except (InvalidEntry, ValueError) as exc:
            b.refused.append(Refusal(f"trackables[{i}]", str(exc)))
    units = {t.name.casefold(): t.unit for t in b.trackables}
    for i, e in enumerate(_list(doc, "entries")):
        where = f"entries[{i}]"
        try:
            if not isinstance(e, dict):
                raise InvalidEntry("an entry must be an object")
            name = e.get("trackable")
            if not isinstance(name, str):
                raise InvalidEntry("an entry needs a trackable name")
            extra = e.get("extra")
            if extra is not None and not isinstance(extra, dict):
                raise InvalidEntry("extra must be an object")
            for key in ("triggers", "practices"):
                if not isinstance(e.get(key) or [], list):
                    raise InvalidEntry(f"{key} must be a list")
            day = dt.date.fromisoformat(e["day"]) if e.get("day") else None
            b.entries.append(EntrySpec(
                where=where, trackable=name, amount=e.get("amount"), at=_instant(e.get("occurred_at")),
                unit=units.get(name.casefold()), day=day, craving=e.get("craving"), mood=e.get("mood"),
                triggers=list(e.get("triggers") or []), practices=list(e.get("practices") or []),
                setting=e.get("setting"), cost=e.get("cost"), note=e.get("note"),
                urge_only=bool(e.get("urge_only")), discuss=bool(e.get("discuss")),
                source=e.get("source"), source_key=e.get("source_key"), extra=extra,
                created_at=_dt(e.get("created_at")), updated_at=_dt(e.get("updated_at")), exact=True))
        except (InvalidEntry, ValueError, TypeError) as exc:
            b.refused.append(Refusal(where, str(exc)))
    for i, c in enumerate(_list(doc, "checkins")):
        try:
            b.checkins.append((f"checkins[{i}]", dt.date.fromisoformat(c["day"]), _dt(c.get("created_at"))))
        except (KeyError, TypeError, ValueError, InvalidEntry) as exc:
            b.refused.append(Refusal(f"checkins[{i}]", f"not a valid day ({exc})"))
    for key in ("goals", "sessions", "action_plans", "alternatives", "support_contacts"):
        items = _list(doc, key)
        good = []
        for i, item in enumerate(items):
            if isinstance(item, dict):
                good.append(item)
            else:
                b.refused.append(Refusal(f"{key}[{i}]", "must be an object"))
        setattr(b, key, good)
    therapist = doc.get("my_therapist")
    if therapist is not None and not isinstance(therapist, dict):
        b.refused.append(Refusal("my_therapist", "must be an object"))
    else:
        b.my_therapist = therapist
    return b
