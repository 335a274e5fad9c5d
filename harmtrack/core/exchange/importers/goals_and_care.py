"""Writing a bundle's goals and care rows: therapy sessions, therapist, plans, alternatives
and support contacts (each skipped when the same one is already there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange.importers import fields
from harmtrack.core.storage.schema import goal_versions_table, goals_table, my_therapist_table, sessions_table
from harmtrack.core.tracking.validation import MAX_NOTE, check_text


def add_goal(conn: Connection, trackable_id: int, g: dict[str, Any], now: dt.datetime) -> bool:
    """Add a goal with its dated targets; False when the same goal is already there."""
    from harmtrack.core.goals.store import TAPER_STYLES, check_practice, check_target, check_type

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
    steps: list[dict[str, Any]] = []
    for n, v in enumerate(versions):
        if not isinstance(v, dict):
            raise InvalidEntry(f"versions[{n}] must be an object")
        start = fields.day(v.get("effective_from"), f"versions[{n}].effective_from")
        if start is None:
            raise InvalidEntry(f"versions[{n}] needs its effective_from day")
        target = check_target(goal_type, fields.number(v.get("target"), f"versions[{n}].target"))
        made = fields.stamp(v.get("created_at"), f"versions[{n}].created_at")
        steps.append(dict(effective_from=start, target=target, created_at=made or now))
    if len({step["effective_from"] for step in steps}) != len(steps):
        raise InvalidEntry("two targets start on the same day")
    c = goals_table.c
    for existing in conn.execute(select(c.practice, c.created_at).where(c.trackable_id == trackable_id,
                                                                         c.type == goal_type)):
        if existing.practice == practice and (created is None or existing.created_at == created):
            return False
    row = dict(trackable_id=trackable_id, type=goal_type, practice=practice, taper_style=taper_style,
               archived=archived, archived_on=archived_on)
    if created is not None:
        row["created_at"] = created
    goal_id = conn.execute(insert(goals_table).values(**row)).lastrowid
    conn.execute(insert(goal_versions_table), [dict(goal_id=goal_id, **step) for step in steps])
    return True

def add_session(conn: Connection, x: dict[str, Any]) -> bool:
    """Add a therapy session; False when the same one is already there."""
    day = fields.day(x.get("date"), "date")
    if day is None:
        raise InvalidEntry("a session needs its date")
    therapist = check_text(fields.text(x.get("therapist"), "therapist"), "therapist", 120)
    note = check_text(fields.text(x.get("note"), "session note"), "session note")
    agenda = check_text(fields.text(x.get("agenda"), "agenda"), "agenda")
    planned = fields.flag(x.get("planned"), "planned")
    c = sessions_table.c
    if planned:
        # One next session at a time: a second agenda for it is added to the one here.
        here = conn.execute(select(c.id, c.agenda).where(c.planned.is_(True)).limit(1)).first()
        if here is not None:
            if not agenda or agenda == here.agenda or (here.agenda and agenda in here.agenda):
                return False
            joined = f"{here.agenda}\n\n{agenda}" if here.agenda else agenda
            conn.execute(update(sessions_table).where(c.id == here.id).values(agenda=joined))
            return True
    q = select(c.id).where(c.date == day, c.planned.is_(planned))
    for column, value in ((c.therapist, therapist), (c.note, note)):
        q = q.where(column.is_(None) if value is None else column == value)
    if agenda is not None:  # a file from before agendas matches the same session with one
        q = q.where(c.agenda == agenda)
    if conn.scalar(q) is not None:
        return False
    row = dict(date=day, therapist=therapist, note=note, agenda=agenda, planned=planned)
    made = fields.stamp(x.get("created_at"), "created_at")
    if made is not None:
        row["created_at"] = made
    conn.execute(insert(sessions_table).values(**row))
    return True

def has_therapist(conn: Connection) -> bool:
    """True when the user has their therapist's details already (an import keeps them)."""
    return conn.scalar(select(my_therapist_table.c.id)) is not None


def add_therapist(conn: Connection, x: dict[str, Any]) -> None:
    """Add the user's therapist (see ``has_therapist``)."""
    name = check_text(fields.text(x.get("name"), "therapist's name"), "therapist's name", 120)
    if not name:
        raise InvalidEntry("the therapist needs a name")
    values = {key: check_text(fields.text(x.get(key), what), what, limit) for key, what, limit in (
        ("practice", "practice", 120), ("phone", "phone", 40), ("email", "email", 120),
        ("url", "web address", 300))}
    conn.execute(insert(my_therapist_table).values(
        name=name, next_session=fields.day(x.get("next_session"), "next_session"), **values))

def add_row(conn: Connection, table: Table, identity: tuple[str, ...], x: dict[str, Any]) -> bool:
    """Add a plan, an alternative or a support contact; False when one with the same
    ``identity`` columns is already there."""
    values = {k: _column_value(table.c[k], v) for k, v in x.items() if k in table.c and k != "id"}
    for need in identity[:1]:
        if not values.get(need):
            raise InvalidEntry(f"missing {need}")
    if values.get("created_at", 0) is None:
        del values["created_at"]
    q = select(table.c.id)
    for k in identity:
        col = table.c[k]
        q = q.where(col.is_(None) if values.get(k) is None else col == values.get(k))
    if conn.scalar(q) is not None:
        return False
    conn.execute(insert(table).values(**values))
    return True


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
