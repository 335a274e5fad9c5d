"""Export: a CSV of entries for spreadsheets, and a complete JSON document.

CSV — one row per entry, oldest first, UTF-8 with a header row. Columns:

===============  ================================================================
``date``         the day the entry counts for, in the time zone of the settings
                 (YYYY-MM-DD; follows the day-start hour, so 01:30 can belong to
                 the day before)
``time``         the clock time it happened, in the same zone (HH:MM); a time
                 before the day-start hour is on the calendar day after ``date``
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

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) are written with a leading ``'``, and every
cell but a number is quoted; importing the file removes that ``'`` again.

JSON — ``{"format": "harmtrack-export", "version": 1, ...}`` with every table:
settings, trackables, entries (tags and extra fields), check-ins, goals with all
their dated versions, therapy sessions, my therapist, action plans, alternatives,
support contacts, questionnaire answers (with the total and band they scored; an import
scores them again) and questionnaire schedules, and the safety plan, trackable classes,
decisional balances and ideal-use plans (``exchange.care_export``). Rows refer to
trackables by name, not by internal id, so the
document imports into any data folder; importing it into an empty folder and
exporting again gives the identical document. Times in ``created_at``/``updated_at``
are UTC.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from sqlalchemy import ColumnElement, Connection, select

from harmtrack.core.storage.db import Database
from harmtrack.core.storage.revisions import HEAD
from harmtrack.core.storage.schema import (
    action_plans_table,
    alternatives_table,
    checkins_table,
    entries_table,
    entry_tags_table,
    goal_versions_table,
    goals_table,
    my_therapist_table,
    questionnaire_answers_table,
    questionnaire_schedules_table,
    sessions_table,
    settings_table,
    support_contacts_table,
    trackables_table,
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


def _local(e: Mapping[Any, Any]) -> dt.datetime:
    offset = dt.timezone(dt.timedelta(minutes=e["utc_offset_min"]))
    return e["occurred_at"].replace(tzinfo=dt.UTC).astimezone(offset)


def _num(x: float | None) -> float | int | None:
    """Whole numbers as ints, so 2.0 reads as 2 in both formats; never Infinity or NaN."""
    if x is None or not math.isfinite(x):
        # Strict JSON has no Infinity: a target an older import let in is written empty
        # (and refused, with its item named, if the file is imported again).
        return None
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


#: One entry as exported: its row (with its trackable's ``name`` and ``unit``) and its
#: tags by kind ("trigger", "practice"), in their order.
ExportedEntry = tuple[Mapping[Any, Any], dict[str, list[str]]]


#: Entries read per batch while exporting: one tag statement per batch, memory bounded by it.
BATCH = 2000


def iter_entries(conn: Connection, *where: ColumnElement[bool]) -> Iterator[ExportedEntry]:
    """Every entry (or those matching ``where``), oldest first, read through a cursor in
    batches (constant memory): one statement for the entries, one per batch for their tags."""
    e, t, tag = entries_table.c, trackables_table.c, entry_tags_table.c
    result = conn.execution_options(yield_per=BATCH).execute(
        select(entries_table, t.name, t.unit).join(trackables_table, t.id == e.trackable_id)
        .where(*where).order_by(e.occurred_at, e.id)).mappings()
    for rows in result.partitions():
        tags: dict[int, dict[str, list[str]]] = {}
        for entry_id, kind, name in conn.execute(
                select(tag.entry_id, tag.kind, tag.name).where(tag.entry_id.in_([r["id"] for r in rows]))
                .order_by(tag.entry_id, tag.position, tag.name)):
            tags.setdefault(entry_id, {}).setdefault(kind, []).append(name)
        for row in rows:
            yield row, tags.get(row["id"], {})


def entry_json(entry: ExportedEntry) -> dict[str, Any]:
    """One entry in the JSON export."""
    e, tags = entry
    return {
        "trackable": e["name"],
        "occurred_at": _local(e).isoformat(),
        "day": e["day"].isoformat(),
        "amount": _num(e["amount"]),
        "urge_only": bool(e["urge_only"]),
        "craving": e["craving"],
        "mood": e["mood"],
        "triggers": tags.get("trigger", []),
        "practices": tags.get("practice", []),
        "setting": e["setting"],
        "cost": _num(e["cost"]),
        "note": e["note"],
        "discuss": bool(e["discuss"]),
        "source": e["source"],
        "source_key": e["source_key"],
        "extra": json.loads(e["extra"], parse_constant=lambda _: None) if e["extra"] else None,
        "created_at": _ts(e["created_at"]),
        "updated_at": _ts(e["updated_at"]),
    }


def _all(conn: Connection, table: Any, *order: Any) -> list[Any]:
    """Every row of ``table`` in ``order`` (by id when none is given)."""
    return list(conn.execute(select(table).order_by(*(order or (table.c.id,)))))


def build_document(db: Database) -> dict[str, Any]:
    """The complete JSON export as a dict (in memory: :func:`write_json` streams it)."""
    with db.engine.connect() as conn:
        doc = sections(conn)
        doc["entries"] = [entry_json(e) for e in iter_entries(conn)]
    return doc


def sections(conn: Connection) -> dict[str, Any]:
    """The JSON export's sections, in their order, with ``entries`` left empty."""
    settings = {row.key: json.loads(row.value) for row in _all(conn, settings_table, settings_table.c.key)
                if row.key not in MACHINE_SETTINGS}
    trackable_rows = _all(conn, trackables_table, trackables_table.c.sort_order, trackables_table.c.id)
    trackables = [{
        "name": t.name, "kind": t.kind, "unit": t.unit, "colour": t.colour,
        "archived": bool(t.archived), "builtin_key": t.builtin_key, "sort_order": t.sort_order,
        "created_at": _ts(t.created_at),
    } for t in trackable_rows]
    names = {t.id: t.name for t in trackable_rows}
    versions: dict[int, list[Any]] = {}
    for v in _all(conn, goal_versions_table, goal_versions_table.c.effective_from):
        versions.setdefault(v.goal_id, []).append(v)
    goals = [{
        "trackable": names[g.trackable_id], "type": g.type, "practice": g.practice,
        "taper_style": g.taper_style, "archived": bool(g.archived),
        "archived_on": g.archived_on.isoformat() if g.archived_on else None,
        "created_at": _ts(g.created_at),
        "versions": [{"effective_from": v.effective_from.isoformat(), "target": _num(v.target),
                      "created_at": _ts(v.created_at)} for v in versions.get(g.id, [])],
    } for g in _all(conn, goals_table)]
    therapists = _all(conn, my_therapist_table)
    therapist = therapists[0] if therapists else None
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "schema": HEAD,
        "settings": settings,
        "trackables": trackables,
        "entries": [],
        "checkins": [{"day": c.day.isoformat(), "created_at": _ts(c.created_at)}
                     for c in _all(conn, checkins_table, checkins_table.c.day)],
        "goals": goals,
        "sessions": [{"date": x.date.isoformat(), "therapist": x.therapist, "note": x.note,
                      "agenda": x.agenda, "planned": bool(x.planned),
                      "created_at": _ts(x.created_at)}
                     for x in _all(conn, sessions_table, sessions_table.c.date, sessions_table.c.id)],
        "my_therapist": None if therapist is None else {
            "name": therapist.name, "practice": therapist.practice, "phone": therapist.phone,
            "email": therapist.email, "url": therapist.url,
            "next_session": therapist.next_session.isoformat() if therapist.next_session else None,
        },
        "action_plans": [{"trigger": a.trigger, "plan": a.plan, "archived": bool(a.archived),
                          "created_at": _ts(a.created_at)}
                         for a in _all(conn, action_plans_table)],
        "alternatives": [{"text": a.text, "archived": bool(a.archived),
                          "created_at": _ts(a.created_at)}
                         for a in _all(conn, alternatives_table)],
        "support_contacts": [{"name": c.name, "phone": c.phone, "note": c.note}
                             for c in _all(conn, support_contacts_table)],
        **questionnaire_sections(conn),
    }
    from harmtrack.core.exchange.care_export import export_sections

    doc.update(export_sections(conn, names))
    return doc


def questionnaire_sections(conn: Connection) -> dict[str, Any]:
    """The questionnaire answers (oldest first) and schedules, as exported."""
    a, s = questionnaire_answers_table.c, questionnaire_schedules_table.c
    return {
        "questionnaire_answers": [
            {"key": r.key, "date": r.date.isoformat(), "answers": json.loads(r.answers), "total": r.total,
             "band": r.band, "created_at": _ts(r.created_at), "updated_at": _ts(r.updated_at)}
            for r in _all(conn, questionnaire_answers_table, a.date, a.key)],
        "questionnaire_schedules": [
            {"key": r.key, "every_weeks": r.every_weeks, "before_sessions": bool(r.before_sessions),
             "since": r.since.isoformat()}
            for r in _all(conn, questionnaire_schedules_table, s.key)],
    }


def _dumps(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it at ``indent`` inside a document
    (JSON text holds no raw newline but between tokens, so re-indenting is safe)."""
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False).replace("\n", "\n" + indent)


def document_text(doc: Mapping[str, Any], entries: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The text of ``doc`` (sections as :func:`sections` gives them) piece by piece, with
    ``entries`` written in its "entries" place as they come: the same text as
    ``json.dumps(indent=2)`` without holding the document."""
    yield "{"
    for i, (key, value) in enumerate(doc.items()):
        yield ("," if i else "") + "\n  " + _dumps(key, "") + ": "
        if key != "entries":
            yield _dumps(value, "  ")
            continue
        first = True
        for entry in entries:
            yield ("[\n    " if first else ",\n    ") + _dumps(entry, "    ")
            first = False
        yield "[]" if first else "\n  ]"
    yield "\n}\n"


def write_json(db: Database, fh: IO[str]) -> None:
    """Write the JSON export to ``fh`` as it is read, entry by entry: the same text as
    ``json.dumps(build_document(db), indent=2)`` without holding the document."""
    with db.engine.connect() as conn:
        for piece in document_text(sections(conn), (entry_json(e) for e in iter_entries(conn))):
            fh.write(piece)


def json_text(db: Database) -> str:
    """The JSON export as text (stable key order, UTF-8, pretty-printed)."""
    buf = io.StringIO()
    write_json(db, buf)
    return buf.getvalue()


#: Columns a person or another program typed: neutralised against formula injection.
CSV_TEXT_COLUMNS = frozenset({"trackable", "unit", "triggers", "practices", "setting", "note",
                              "source", "source_key"})
#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text: a ``'`` before a formula character.

    A cell that already starts with ``'`` and then one of those characters (or a second
    ``'``) gets one too, so :func:`restore_cell` gives back exactly what was written.
    """
    if cell.startswith(FORMULA_STARTS) or (cell[:1] == "'" and cell[1:2] in (*FORMULA_STARTS, "'")):
        return "'" + cell
    return cell


def restore_cell(cell: str) -> str:
    """The text :func:`neutralise` was given."""
    if cell[:1] == "'" and cell[1:2] in (*FORMULA_STARTS, "'"):
        return cell[1:]
    return cell


def iter_csv_rows(conn: Connection) -> Iterator[dict[str, Any]]:
    """The CSV export's rows as dicts, read as they are written: text columns as text,
    numbers as numbers.

    ``date`` and ``time`` are both in the user's zone (with the day-start hour), so
    together they name the moment the entry happened; ``occurred_at`` keeps the instant
    with the offset the user was at.
    """
    from harmtrack.core.common.days import local_day
    from harmtrack.core.storage.settings import read_settings

    settings = read_settings(conn)
    tz, day_start = settings.tz, settings.day_start_hour

    def text(v: str | None) -> str:
        return "" if v is None else neutralise(v)

    def flag(v: Any) -> str:
        return "true" if v else "false"

    for e, tags in iter_entries(conn):
        at = _local(e)
        here = at.astimezone(tz)
        yield {
            "date": local_day(at, tz, day_start).isoformat(), "time": here.strftime("%H:%M"),
            "occurred_at": at.isoformat(), "trackable": text(e["name"]),
            "amount": _num(e["amount"]), "unit": text(e["unit"]),
            "urge_only": flag(e["urge_only"]), "craving": e["craving"], "mood": e["mood"],
            "triggers": text("; ".join(tags.get("trigger", []))),
            "practices": text("; ".join(tags.get("practice", []))),
            "setting": text(e["setting"]), "cost": _num(e["cost"]), "note": text(e["note"]),
            "discuss": flag(e["discuss"]), "source": text(e["source"]),
            "source_key": text(e["source_key"]),
        }


def write_csv(db: Database, fh: IO[str]) -> None:
    """Write the CSV export to ``fh`` row by row as the entries are read.

    Every cell but a number and the header is quoted (OWASP's advice against formula
    injection: a spreadsheet that splits at ``;`` cannot cut a note into a cell that
    starts with ``=``).
    """
    fh.write(",".join(CSV_COLUMNS) + "\n")  # plain names, as spreadsheets and scripts expect
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n",
                            quoting=csv.QUOTE_NONNUMERIC)
    with db.engine.connect() as conn:
        writer.writerows(iter_csv_rows(conn))


def csv_text(db: Database) -> str:
    """The CSV export as text."""
    buf = io.StringIO()
    write_csv(db, buf)
    return buf.getvalue()


def write_export(db: Database, fmt: str, out: str | os.PathLike[str]) -> Path:
    """Write the export in ``fmt`` ('csv' or 'json') to ``out`` atomically; returns the path."""
    from harmtrack.core.common.errors import InvalidEntry

    if fmt not in ("csv", "json"):
        raise InvalidEntry("the export format must be csv or json")
    target = Path(out).expanduser()
    tmp = target.with_name(target.name + ".part")
    from harmtrack.core.storage.private_files import private_open

    try:
        with private_open(tmp, "w", encoding="utf-8", newline="") as fh:
            (write_csv if fmt == "csv" else write_json)(db, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidEntry(f"cannot write {target}: {exc.strerror}") from exc
    except BaseException:  # written as read: a failure midway leaves no partial file
        tmp.unlink(missing_ok=True)
        raise
    return target
