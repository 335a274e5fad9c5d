"""Which rows changed since the last sync pass, kept by the database itself (issue 15).

``sync_rows`` holds one row per row of every synced table: its sync identity (a UUID,
NULL until a pass assigns one), when it last changed, whether it changed since the last
pass (``unsent``) and whether it was deleted. Triggers keep it for every writer — the app's
services, imports, undo, a future tool — so no write path can forget to mark its rows.
Child rows that are really a field of their parent (an entry's tags, a trackable's
classes) mark the parent. ``core.sync`` reads and clears the marks.

The migration that introduced the table carries the same statements, written out.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Connection

#: Every synced table and its primary key column (``local_key`` = the key as text).
#: ``core.sync.tables`` says what of each is synced; a test keeps the two lists equal.
MARKED_TABLES: tuple[tuple[str, str], ...] = (
    ("settings", "key"),
    ("trackables", "id"),
    ("entries", "id"),
    ("checkins", "day"),
    ("goals", "id"),
    ("goal_versions", "id"),
    ("sessions", "id"),
    ("my_therapist", "id"),
    ("action_plans", "id"),
    ("alternatives", "id"),
    ("support_contacts", "id"),
    ("safety_plan", "section"),
    ("decisional_balances", "id"),
    ("ideal_use_plans", "trackable_id"),
    ("questionnaire_answers", "id"),
    ("questionnaire_schedules", "key"),
)

#: Child tables that are a field of their parent: (child, parent, the child's parent column).
CHILD_TABLES: tuple[tuple[str, str, str], ...] = (
    ("entry_tags", "entries", "entry_id"),
    ("trackable_classes", "trackables", "trackable_id"),
)

#: Now in milliseconds since the epoch, in SQL (the edit's time, which the pass stamps).
NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"


def _row_triggers(table: str, key: str) -> tuple[str, ...]:
    new, old = f"CAST(NEW.{key} AS TEXT)", f"CAST(OLD.{key} AS TEXT)"
    return (
        # A key used again (SQLite reuses the highest id after a delete): the deleted row's
        # mark moves aside under its uuid, so the pass still tells the other devices.
        f"""CREATE TRIGGER tg_sync_{table}_insert AFTER INSERT ON {table} BEGIN
  UPDATE sync_rows SET local_key = '~' || uuid
  WHERE table_name = '{table}' AND local_key = {new} AND deleted = 1 AND uuid IS NOT NULL;
  INSERT INTO sync_rows (table_name, local_key, uuid, changed_ms, unsent, deleted)
  VALUES ('{table}', {new}, NULL, {NOW_MS}, 1, 0)
  ON CONFLICT (table_name, local_key) DO UPDATE
  SET uuid = NULL, changed_ms = excluded.changed_ms, unsent = 1, deleted = 0;
END""",
        f"""CREATE TRIGGER tg_sync_{table}_update AFTER UPDATE ON {table} BEGIN
  UPDATE sync_rows SET unsent = 1, changed_ms = {NOW_MS}
  WHERE table_name = '{table}' AND local_key = {new};
END""",
        f"""CREATE TRIGGER tg_sync_{table}_delete AFTER DELETE ON {table} BEGIN
  UPDATE sync_rows SET unsent = 1, deleted = 1, changed_ms = {NOW_MS}
  WHERE table_name = '{table}' AND local_key = {old};
END""",
    )


def _child_triggers(child: str, parent: str, column: str) -> tuple[str, ...]:
    def mark(keys: str) -> str:
        return (f"UPDATE sync_rows SET unsent = 1, changed_ms = {NOW_MS}\n"
                f"  WHERE table_name = '{parent}' AND local_key IN ({keys}) AND deleted = 0;")

    new, old = f"CAST(NEW.{column} AS TEXT)", f"CAST(OLD.{column} AS TEXT)"
    return (
        f"CREATE TRIGGER tg_sync_{child}_insert AFTER INSERT ON {child} BEGIN\n  {mark(new)}\nEND",
        f"CREATE TRIGGER tg_sync_{child}_update AFTER UPDATE ON {child} BEGIN\n"
        f"  {mark(f'{old}, {new}')}\nEND",
        f"CREATE TRIGGER tg_sync_{child}_delete AFTER DELETE ON {child} BEGIN\n  {mark(old)}\nEND",
    )


#: Every trigger that keeps ``sync_rows``, as CREATE TRIGGER statements.
SYNC_MARK_TRIGGERS: tuple[str, ...] = (
    *(s for table, key in MARKED_TABLES for s in _row_triggers(table, key)),
    *(s for child, parent, column in CHILD_TABLES for s in _child_triggers(child, parent, column)),
)


def trigger_name(statement: str) -> str:
    """The trigger a CREATE TRIGGER statement creates."""
    return statement.split()[2]


def statement_of(name: str) -> str:
    """The CREATE TRIGGER statement of one of the sync triggers."""
    return next(s for s in SYNC_MARK_TRIGGERS if trigger_name(s) == name)


#: What the bulk writers set aside (see :func:`marked_at_the_end`).
BULK_TRIGGERS = ("tg_sync_entries_insert", "tg_sync_entry_tags_insert")

_MARK_NEW_ENTRIES = f"""INSERT INTO sync_rows (table_name, local_key, uuid, changed_ms, unsent, deleted)
SELECT 'entries', CAST(id AS TEXT), NULL, {NOW_MS}, 1, 0 FROM entries WHERE id > ?
ON CONFLICT (table_name, local_key) DO UPDATE
SET uuid = NULL, changed_ms = excluded.changed_ms, unsent = 1, deleted = 0"""

_MARK_TAGGED_ENTRIES = f"""UPDATE sync_rows SET unsent = 1, changed_ms = {NOW_MS}
WHERE table_name = 'entries' AND deleted = 0
  AND local_key IN (SELECT CAST(entry_id AS TEXT) FROM entry_tags WHERE rowid > ?)"""

_SET_ASIDE_REUSED = """UPDATE sync_rows SET local_key = '~' || uuid
WHERE table_name = 'entries' AND deleted = 1 AND uuid IS NOT NULL
  AND local_key IN (SELECT CAST(id AS TEXT) FROM entries WHERE id > ?)"""


@contextlib.contextmanager
def marked_at_the_end(conn: Connection) -> Iterator[None]:
    """Inside an open transaction: entries and tags inserted in the block are marked in
    one statement each at its end, instead of one trigger run per row.

    As ``tag_counts.counted_at_the_end``: only rows with a higher rowid than any before the
    block are new; updates and deletes inside the block are still marked by their triggers.
    """
    last_entry = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM entries").scalar_one()
    last_tag = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM entry_tags").scalar_one()
    for name in BULK_TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        conn.exec_driver_sql(_SET_ASIDE_REUSED, (last_entry,))
        conn.exec_driver_sql(_MARK_NEW_ENTRIES, (last_entry,))
        conn.exec_driver_sql(_MARK_TAGGED_ENTRIES, (last_tag,))
        for name in BULK_TRIGGERS:
            conn.exec_driver_sql(statement_of(name))
