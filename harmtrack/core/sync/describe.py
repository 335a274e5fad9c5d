"""Conflicts in words: which of the person's things changed on both computers, and the
values (what the sync dialog and ``harmtrack sync conflicts`` show)."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from harmtrack.core.storage.schema import entries_table, sync_rows_table, trackables_table
from harmtrack.core.sync.records import JSON

#: How each synced table's rows are named to the person.
LABELS = {
    "settings": "a setting", "trackables": "a trackable", "entries": "an entry",
    "checkins": "a check-in", "goals": "a goal", "goal_versions": "a goal's target",
    "sessions": "a session", "my_therapist": "my therapist", "action_plans": "a plan",
    "alternatives": "an alternative", "support_contacts": "a support contact",
    "safety_plan": "the safety plan", "decisional_balances": "a balance",
    "ideal_use_plans": "an ideal-use plan", "questionnaire_answers": "a questionnaire's answers",
    "questionnaire_schedules": "a questionnaire's schedule",
}


#: Fields no one typed (when a row was first made, its place in a list): two computers
#: that both added the built-in Alcohol differ there, and which stamp is kept does not
#: matter, so such a difference is not shown as "changed on both computers".
QUIET_FIELDS = frozenset({"created_at", "sort_order"})


def local_key(conn: Connection, table: str, uuid: str) -> str | None:
    r = sync_rows_table.c
    return conn.scalar(select(r.local_key).where(r.table_name == table, r.uuid == uuid))


def describe_conflict(conn: Connection, table: str, uuid: str) -> str:
    """E.g. "an entry of Alcohol on 2026-03-02", "the trackable Kratom", "the setting units"."""
    key = local_key(conn, table, uuid)
    label = LABELS.get(table, table.replace("_", " "))
    if key is None:
        return label
    if table == "entries" and key.isdigit():
        e, t = entries_table.c, trackables_table.c
        row = conn.execute(select(t.name, e.day).join(trackables_table, t.id == e.trackable_id)
                           .where(e.id == int(key))).first()
        if row is not None:
            return f"an entry of {row.name} on {row.day}"
    if table == "trackables" and key.isdigit():
        name = conn.scalar(select(trackables_table.c.name).where(trackables_table.c.id == int(key)))
        if name is not None:
            return f"the trackable {name}"
    if table in ("settings", "safety_plan", "checkins", "questionnaire_schedules"):
        return f"{label} ({key})"
    return label


def display_value(value: JSON) -> str:
    """A value as a person reads it: 4.0 as "4", text as it is, nothing as "(empty)"."""
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | str):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
