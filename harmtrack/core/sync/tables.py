"""What is synced: every synced table, its fields, references and natural key (the registry).

Each table of ``storage.schema`` is here or named in :data:`NOT_SYNCED` with the reason
(a test checks that none is forgotten). A synced row's fields are its columns minus the
local id and ``updated_at`` (each device keeps its own), plus *child fields*: child rows
that are really a field of the parent (an entry's tags, a trackable's classes), carried as
one JSON list. A reference to another synced table travels as the parent's uuid.

Rows with a natural key — what a unique constraint or the meaning of the table says is
"the same thing" on two devices — get ``uuid5(NAMESPACE, "<table>:<key>")`` so two devices
that both add the built-in Alcohol, the same check-in day or the same setting end with one
row. A deleted row stays deleted for good, so adding "the same thing" again takes the next
*generation* (``…:<key>#2``); devices that saw the same deletions pick the same one.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table

from harmtrack.core.storage import schema
from harmtrack.core.sync.records import JSON

#: Fixed for ever: every device derives the same natural-key uuids from it.
NAMESPACE = uuid.UUID("5d2c8f0e-6b1a-4c3e-9f47-1b0e8a7d2c61")

#: Settings that belong to the person, synced. Anything else in the settings table is the
#: machine's (theme, discreet title, reminder time, auto-lock, backups kept and the last
#: one, the first-run mark) and stays on the machine that wrote it.
PERSON_SETTINGS = frozenset({
    "timezone", "day_start_hour", "week_start", "country", "display_name", "guideline",
    "currency", "heavy_day_amounts", "sex",
})

#: Tables that are not synced, and why.
NOT_SYNCED = {
    "entry_tags": "an entry's tags are its field 'tags'",
    "trackable_classes": "a trackable's classes are its field 'classes'",
    "day_tag_counts": "derived: the database counts it from the tags",
    "sync_rows": "sync bookkeeping",
    "sync_waiting": "sync bookkeeping",
}


class ChildField(NamedTuple):
    """Child rows carried as one field of the parent: a sorted list of ``columns`` values."""

    table: Table
    parent_column: str
    columns: tuple[str, ...]


class SyncedTable(NamedTuple):
    """One synced table: its synced ``fields`` (columns), which of them refer to another
    synced table (``references``: field → table name), its child fields, the columns of
    its natural key (empty: none, a random uuid) and whether its primary key is a local id
    (not synced) or part of the data."""

    table: Table
    key: str
    fields: tuple[str, ...]
    references: dict[str, str]
    children: dict[str, ChildField]
    natural_key: tuple[str, ...]
    local_id: bool

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def all_fields(self) -> tuple[str, ...]:
        return (*self.fields, *self.children)


def _synced(table: Table, *, natural: tuple[str, ...] = (), references: dict[str, str] | None = None,
            children: dict[str, ChildField] | None = None) -> SyncedTable:
    (key,) = (c.name for c in table.primary_key.columns)
    local_id = key == "id"
    fields = tuple(c.name for c in table.columns
                   if c.name != "updated_at" and not (local_id and c.name == key))
    return SyncedTable(table, key, fields, references or {}, children or {}, natural, local_id)


_TRACKABLE = {"trackable_id": "trackables"}

#: Every synced table, parents before the tables that refer to them.
SYNCED: tuple[SyncedTable, ...] = (
    _synced(schema.settings_table, natural=("key",)),
    # Natural key: the catalog key for a built-in, the lower-cased name for the user's own.
    _synced(schema.trackables_table, natural=("builtin_key", "name"), children={
        "classes": ChildField(schema.trackable_classes_table, "trackable_id", ("class_key",))}),
    # Imported entries by their source key (a re-import on another device is the same entry).
    _synced(schema.entries_table, natural=("source_key",), references=_TRACKABLE, children={
        "tags": ChildField(schema.entry_tags_table, "entry_id", ("kind", "position", "name"))}),
    _synced(schema.checkins_table, natural=("day",)),
    _synced(schema.goals_table, references=_TRACKABLE),
    _synced(schema.goal_versions_table, natural=("goal_id", "effective_from"),
            references={"goal_id": "goals"}),
    _synced(schema.sessions_table),
    _synced(schema.my_therapist_table, natural=("*",)),  # one row per person
    _synced(schema.action_plans_table),
    _synced(schema.alternatives_table),
    _synced(schema.support_contacts_table),
    _synced(schema.safety_plan_table, natural=("section",)),
    _synced(schema.decisional_balances_table, references=_TRACKABLE),
    _synced(schema.ideal_use_plans_table, natural=("trackable_id",), references=_TRACKABLE),
    _synced(schema.questionnaire_answers_table, natural=("key", "date")),
    _synced(schema.questionnaire_schedules_table, natural=("key",)),
)

BY_NAME: dict[str, SyncedTable] = {t.name: t for t in SYNCED}


def synced_table(name: str) -> SyncedTable:
    """The registry entry of a synced table (KeyError for any other name)."""
    return BY_NAME[name]


def natural_key(table: SyncedTable, fields: dict[str, JSON]) -> str | None:
    """The row's natural key as text (references already as uuids), None when it has none."""
    if not table.natural_key:
        return None
    if table.natural_key == ("*",):
        return ""
    if table.name == "trackables":
        if fields.get("builtin_key"):
            return f"builtin:{fields['builtin_key']}"
        return f"name:{str(fields['name']).casefold()}"
    if table.name == "entries":
        return f"source:{fields['source_key']}" if fields.get("source_key") else None
    return "|".join(str(fields[f]) for f in table.natural_key)


def natural_uuid(table: SyncedTable, key: str, generation: int = 1) -> str:
    """The uuid of the row with natural key ``key``; generation 2, 3… after deletions."""
    suffix = "" if generation == 1 else f"#{generation}"
    return str(uuid.uuid5(NAMESPACE, f"{table.name}:{key}{suffix}"))


def to_json(column: str, table: SyncedTable, value: Any) -> JSON:
    """A column's value as it travels in assignments."""
    if value is None:
        return None
    if table.name == "settings" and column == "value":
        return json.loads(value)  # the setting itself, so a conflict shows it plainly
    kind = table.table.c[column].type
    if isinstance(kind, DateTime):
        return value.isoformat(sep=" ")
    if isinstance(kind, Date):
        return value.isoformat()
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Float):
        return float(value)
    if isinstance(kind, Integer):
        return int(value)
    return str(value)


def from_json(column: str, table: SyncedTable, value: JSON) -> Any:
    """An assignment's value as the column stores it."""
    if table.name == "settings" and column == "value":
        return json.dumps(value)
    if value is None:
        return None
    kind = table.table.c[column].type
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(str(value))
    if isinstance(kind, Date):
        return dt.date.fromisoformat(str(value))
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Float):
        return float(value)  # type: ignore[arg-type]
    if isinstance(kind, Integer):
        return int(value)  # type: ignore[arg-type]
    return str(value)
