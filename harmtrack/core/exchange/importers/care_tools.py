"""Reading the harm-reduction tools back from a JSON export (``exchange.care_export``).

Importing keeps what the user already has: a safety-plan section or an ideal-use plan
already written is not replaced, and a balance already there (same trackable, date and
words) is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, insert, select

from harmtrack.core.care.balance import check_sides
from harmtrack.core.care.combinations import check_class
from harmtrack.core.care.safety_plan import MAX_SECTION, check_section
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange.importers import fields
from harmtrack.core.storage.schema import (
    decisional_balances_table,
    ideal_use_plans_table,
    safety_plan_table,
    trackable_classes_table,
)
from harmtrack.core.tracking.validation import check_text


def _trackable(x: dict[str, Any], lookup: Callable[[str], int | None]) -> int:
    name = fields.text(x.get("trackable"), "the trackable")
    tid = lookup(name) if name else None
    if tid is None:
        raise InvalidEntry(f"its trackable {name!r} is not in the file")
    return tid


def add_item(conn: Connection, key: str, x: dict[str, Any], lookup: Callable[[str], int | None]) -> bool:
    """Add one item of section ``key``; False when it (or the user's own) is already there."""
    if key == "safety_plan":
        section = check_section(fields.text(x.get("section"), "section") or "")
        text = check_text(fields.text(x.get("text"), "text"), "a safety-plan section", MAX_SECTION)
        if text is None:
            raise InvalidEntry("a safety-plan section needs its text")
        c = safety_plan_table.c
        if conn.scalar(select(c.section).where(c.section == section)) is not None:
            return False
        row: dict[str, Any] = dict(section=section, text=text)
        _stamp(row, "updated_at", x)
        conn.execute(insert(safety_plan_table).values(**row))
        return True
    if key == "trackable_classes":
        tid = _trackable(x, lookup)
        cls = check_class(fields.text(x.get("class_key"), "class_key") or "")
        c2 = trackable_classes_table.c
        if conn.scalar(select(c2.class_key).where(c2.trackable_id == tid, c2.class_key == cls)):
            return False
        conn.execute(insert(trackable_classes_table).values(trackable_id=tid, class_key=cls))
        return True
    if key == "decisional_balances":
        tid = _trackable(x, lookup)
        day = fields.day(x.get("date"), "date")
        if day is None:
            raise InvalidEntry("a decisional balance needs its date")
        gives, costs = check_sides(fields.text(x.get("gives"), "gives"), fields.text(x.get("costs"), "costs"))
        c3 = decisional_balances_table.c
        if conn.scalar(select(c3.id).where(c3.trackable_id == tid, c3.date == day, c3.gives == gives,
                                           c3.costs == costs)) is not None:
            return False
        row = dict(trackable_id=tid, date=day, gives=gives, costs=costs)
        _stamp(row, "created_at", x)
        conn.execute(insert(decisional_balances_table).values(**row))
        return True
    if key == "ideal_use_plans":
        tid = _trackable(x, lookup)
        text = check_text(fields.text(x.get("text"), "text"), "the ideal-use plan", MAX_SECTION)
        if text is None:
            raise InvalidEntry("an ideal-use plan needs its text")
        c4 = ideal_use_plans_table.c
        if conn.scalar(select(c4.trackable_id).where(c4.trackable_id == tid)) is not None:
            return False
        row = dict(trackable_id=tid, text=text)
        _stamp(row, "updated_at", x)
        conn.execute(insert(ideal_use_plans_table).values(**row))
        return True
    raise InvalidEntry(f"unknown section {key!r}")


def _stamp(row: dict[str, Any], name: str, x: dict[str, Any]) -> None:
    made = fields.stamp(x.get(name), name)
    if made is not None:
        row[name] = made
