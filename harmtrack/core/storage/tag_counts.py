"""Bulk writes and the tag counts kept per day (``schema.day_tag_counts_table``).

The database keeps the counts with triggers, one row at a time. An import or the demo
inserts hundreds of thousands of tags in one transaction; for those the per-row trigger
is set aside and the new tags are counted once, in one statement, before the transaction
ends. Both happen inside the caller's transaction, so a rollback restores the trigger
and the counts together.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Connection

from harmtrack.core.storage.schema import DAY_TAG_COUNT_TRIGGERS

INSERT_TRIGGER_NAME = "tg_day_tag_counts_tag_insert"

_COUNT_NEW_TAGS = """INSERT INTO day_tag_counts (kind, day, trackable_id, name, uses, urges)
SELECT t.kind, e.day, e.trackable_id, t.name, sum(1 - e.urge_only), sum(e.urge_only)
FROM entry_tags t JOIN entries e ON e.id = t.entry_id
WHERE t.rowid > ?
GROUP BY t.kind, e.day, e.trackable_id, t.name
ON CONFLICT (kind, day, trackable_id, name)
DO UPDATE SET uses = uses + excluded.uses, urges = urges + excluded.urges"""


def insert_trigger_statement() -> str:
    """The CREATE TRIGGER statement that counts each inserted tag."""
    return next(s for s in DAY_TAG_COUNT_TRIGGERS if s.split()[2] == INSERT_TRIGGER_NAME)


@contextlib.contextmanager
def counted_at_the_end(conn: Connection) -> Iterator[None]:
    """Inside an open transaction: tags inserted in the block are counted in one pass.

    Only tags inserted in the block (a higher rowid than any before it) are counted, so
    tags added to older entries inside the block are counted too.
    """
    last = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM entry_tags").scalar_one()
    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {INSERT_TRIGGER_NAME}")
    try:
        yield
    finally:
        conn.exec_driver_sql(_COUNT_NEW_TAGS, (last,))
        conn.exec_driver_sql(insert_trigger_statement())
