"""Export: a CSV of entries for spreadsheets, and a complete JSON document.

CSV — one row per entry, oldest first, UTF-8 with a header row. Columns:

===============  ================================================================
``date``         the local day the entry counts for (YYYY-MM-DD; follows the
                 day-start hour, so 01:30 can belong to the day before)
``time``         local clock time when it happened (HH:MM)
``occurred_at``  the exact instant, ISO 8601 with the UTC offset the user was at
``trackable``    name of the substance or behaviour
``amount``       how much, in ``unit`` (0 for an urge noticed without use)
``unit``         the trackable's unit (e.g. "standard drinks", "mg", "times")
``urge_only``    ``true`` when this was an urge without use, else ``false``
``craving``      0–10, empty when not recorded
``mood``         1 (very low) – 5 (very good), empty when not recorded
``triggers``     triggers, separated by ``; ``
``practices``    safer-use practices, separated by ``; ``
``setting``      where / with whom
``cost``         money spent, in the user's currency
``note``         the free-text note
``discuss``      ``true`` when flagged to discuss in a session
``source``       where an imported entry came from (e.g. ``pwj``), else empty
``source_key``   the key that makes re-importing the same file a no-op
===============  ================================================================

JSON — ``{"format": "harmtrack-export", "version": 1, ...}`` with every table:
settings, trackables, entries (tags and extra fields), check-ins, goals with all
their dated versions, therapy sessions, my therapist, action plans, alternatives and
support contacts. Rows refer to trackables by name, not by internal id, so the
document imports into any data folder; importing it into an empty folder and
exporting again gives the identical document. Times in ``created_at``/``updated_at``
are UTC.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .db import HEAD, Database
from .models import (
    ActionPlan,
    Alternative,
    CheckIn,
    Entry,
    Goal,
    MyTherapist,
    Setting,
    SupportContact,
    TherapySession,
    Trackable,
)

FORMAT = "harmtrack-export"
VERSION = 1

CSV_COLUMNS = ("date", "time", "occurred_at", "trackable", "amount", "unit", "urge_only",
               "craving", "mood", "triggers", "practices", "setting", "cost", "note", "discuss",
               "source", "source_key")

#: Settings that describe this machine's state rather than the user's choices.
MACHINE_SETTINGS = frozenset({"last_auto_backup"})


def _ts(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _local(e: Entry) -> dt.datetime:
    offset = dt.timezone(dt.timedelta(minutes=e.utc_offset_min))
    return e.occurred_at.replace(tzinfo=dt.UTC).astimezone(offset)


def _num(x: float | None) -> float | int | None:
    """Whole numbers as ints, so 2.0 reads as 2 in both formats."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


def _entries(session: Session) -> list[Entry]:
    q = (select(Entry).options(selectinload(Entry.tags), selectinload(Entry.trackable))
         .order_by(Entry.occurred_at, Entry.id))
    return list(session.scalars(q))


def _tags(e: Entry, kind: str) -> list[str]:
    return [t.name for t in sorted(e.tags, key=lambda t: t.position) if t.kind == kind]


def entry_json(e: Entry) -> dict[str, Any]:
    """One entry in the JSON export."""
    return {
        "trackable": e.trackable.name,
        "occurred_at": _local(e).isoformat(),
        "day": e.day.isoformat(),
        "amount": _num(e.amount),
        "urge_only": bool(e.urge_only),
        "craving": e.craving,
        "mood": e.mood,
        "triggers": _tags(e, "trigger"),
        "practices": _tags(e, "practice"),
        "setting": e.setting,
        "cost": _num(e.cost),
        "note": e.note,
        "discuss": bool(e.discuss),
        "source": e.source,
        "source_key": e.source_key,
        "extra": json.loads(e.extra) if e.extra else None,
        "created_at": _ts(e.created_at),
        "updated_at": _ts(e.updated_at),
    }


def build_document(db: Database) -> dict[str, Any]:
    """The complete JSON export as a dict."""
    with db.sessions() as s:
        settings = {row.key: json.loads(row.value)
                    for row in s.scalars(select(Setting).order_by(Setting.key))
                    if row.key not in MACHINE_SETTINGS}
        trackables = [{
            "name": t.name, "kind": t.kind, "unit": t.unit, "colour": t.colour,
            "archived": bool(t.archived), "builtin_key": t.builtin_key, "sort_order": t.sort_order,
            "created_at": _ts(t.created_at),
        } for t in s.scalars(select(Trackable).order_by(Trackable.sort_order, Trackable.id))]
        names = {t.id: t.name for t in s.scalars(select(Trackable))}
        goals = [{
            "trackable": names[g.trackable_id], "type": g.type, "practice": g.practice,
            "taper_style": g.taper_style, "archived": bool(g.archived),
            "archived_on": g.archived_on.isoformat() if g.archived_on else None,
            "created_at": _ts(g.created_at),
            "versions": [{"effective_from": v.effective_from.isoformat(), "target": _num(v.target),
                          "created_at": _ts(v.created_at)} for v in g.versions],
        } for g in s.scalars(select(Goal).options(selectinload(Goal.versions)).order_by(Goal.id))]
        therapist = s.scalars(select(MyTherapist).order_by(MyTherapist.id)).first()
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "schema": HEAD,
            "settings": settings,
            "trackables": trackables,
            "entries": [entry_json(e) for e in _entries(s)],
            "checkins": [{"day": c.day.isoformat(), "created_at": _ts(c.created_at)}
                         for c in s.scalars(select(CheckIn).order_by(CheckIn.day))],
            "goals": goals,
            "sessions": [{"date": x.date.isoformat(), "therapist": x.therapist, "note": x.note,
                          "created_at": _ts(x.created_at)}
                         for x in s.scalars(select(TherapySession).order_by(
                             TherapySession.date, TherapySession.id))],
            "my_therapist": None if therapist is None else {
                "name": therapist.name, "practice": therapist.practice, "phone": therapist.phone,
                "email": therapist.email, "url": therapist.url,
                "next_session": therapist.next_session.isoformat() if therapist.next_session else None,
            },
            "action_plans": [{"trigger": a.trigger, "plan": a.plan, "archived": bool(a.archived),
                              "created_at": _ts(a.created_at)}
                             for a in s.scalars(select(ActionPlan).order_by(ActionPlan.id))],
            "alternatives": [{"text": a.text, "archived": bool(a.archived),
                              "created_at": _ts(a.created_at)}
                             for a in s.scalars(select(Alternative).order_by(Alternative.id))],
            "support_contacts": [{"name": c.name, "phone": c.phone, "note": c.note}
                                 for c in s.scalars(select(SupportContact).order_by(SupportContact.id))],
        }
    return doc


def json_text(db: Database) -> str:
    """The JSON export as text (stable key order, UTF-8, pretty-printed)."""
    return json.dumps(build_document(db), indent=2, ensure_ascii=False) + "\n"


def csv_rows(db: Database) -> list[dict[str, str]]:
    """The CSV export as a list of row dicts (column → text)."""
    out: list[dict[str, str]] = []
    with db.sessions() as s:
        for e in _entries(s):
            local = _local(e)

            def text(v: Any) -> str:
                if v is None:
                    return ""
                if isinstance(v, bool):
                    return "true" if v else "false"
                return str(_num(v)) if isinstance(v, float) else str(v)

            out.append({
                "date": e.day.isoformat(), "time": local.strftime("%H:%M"),
                "occurred_at": local.isoformat(), "trackable": e.trackable.name,
                "amount": text(e.amount), "unit": e.trackable.unit, "urge_only": text(bool(e.urge_only)),
                "craving": text(e.craving), "mood": text(e.mood),
                "triggers": "; ".join(_tags(e, "trigger")), "practices": "; ".join(_tags(e, "practice")),
                "setting": text(e.setting), "cost": text(e.cost), "note": text(e.note),
                "discuss": text(bool(e.discuss)), "source": text(e.source),
                "source_key": text(e.source_key),
            })
    return out


def csv_text(db: Database) -> str:
    """The CSV export as text."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(db))
    return buf.getvalue()


def write_export(db: Database, fmt: str, out: str | os.PathLike[str]) -> Path:
    """Write the export in ``fmt`` ('csv' or 'json') to ``out`` atomically; returns the path."""
    from .errors import InvalidEntry

    if fmt not in ("csv", "json"):
        raise InvalidEntry("the export format must be csv or json")
    target = Path(out).expanduser()
    text = csv_text(db) if fmt == "csv" else json_text(db)
    tmp = target.with_name(target.name + ".part")
    from .private_files import private_open

    try:
        with private_open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidEntry(f"cannot write {target}: {exc.strerror}") from exc
    return target
