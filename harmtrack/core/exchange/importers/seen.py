"""Which of a batch of new entries an import already has, looked up in the database.

An entry is already there when an entry with its ``source_key`` exists (the unique
index on ``source_key`` answers), or one that is the same occasion
(:func:`fingerprint`: trackable, instant to the second, amount, urge flag and note).
For the latter, a temporary table keys every entry by trackable and second; a batch's
candidates are found with one join and compared in Python, so the comparison is exactly
``fingerprint``'s. Nothing of the history is held in Python memory: a set of the
fingerprints of 1M entries took 191 MB; the temporary table lives in SQLite's temporary
store (a file with a bounded cache; in memory where SQLite is built so, ~40 MB at 1M).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text

from harmtrack.core.storage.schema import entries_table

PRINTS = "harmtrack_import_prints"
BATCH_TABLE = "harmtrack_import_batch"

#: The batch's source keys that entries have.
KEYS_THERE = (f"SELECT e.source_key FROM {BATCH_TABLE} AS b "
              "CROSS JOIN entries AS e ON e.source_key = b.source_key")
#: For each row of the batch (``n``) whose key is not there, the entries of the same
#: second of the same trackable. CROSS JOIN keeps this order: SQLite's planner would scan
#: all of the prints for each batch otherwise (temporary tables have no statistics).
PRINTS_THERE = (f"SELECT b.n, e.occurred_at, e.amount, e.urge_only, e.note FROM {BATCH_TABLE} AS b "
                f"CROSS JOIN {PRINTS} AS p ON p.trackable_id = b.trackable_id AND p.at = b.at "
                "CROSS JOIN entries AS e ON e.id = p.id "
                "WHERE b.source_key IS NULL OR NOT EXISTS "
                "(SELECT 1 FROM entries AS k WHERE k.source_key = b.source_key)")


def fingerprint(trackable: str, occurred: dt.datetime, amount: float, urge_only: bool,
                note: str | None) -> tuple[Any, ...]:
    """What makes two entries the same occasion for re-import purposes."""
    return (trackable.casefold(), occurred.replace(microsecond=0), round(float(amount), 6),
            bool(urge_only), note or "")


def second_of(occurred: dt.datetime) -> str:
    """The stored time's text up to its seconds ("2025-01-02 20:15:07"), as SQLite holds it
    (the text is cut, not parsed: SQLite's own reading rounds .9995 s up to the next second)."""
    o = occurred
    return f"{o.year:04d}-{o.month:02d}-{o.day:02d} {o.hour:02d}:{o.minute:02d}:{o.second:02d}"


class Seen:
    """The entries already in the database, for one import inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # Temporary tables live as long as the connection: these are dropped by ``close``
        # (or by the rollback of the transaction they were created in).
        conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {PRINTS} (trackable_id INTEGER NOT NULL, "
                             "at TEXT NOT NULL, id INTEGER NOT NULL, "
                             "PRIMARY KEY (trackable_id, at, id)) WITHOUT ROWID")
        conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {BATCH_TABLE} (n INTEGER PRIMARY KEY, "
                             "trackable_id INTEGER NOT NULL, at TEXT NOT NULL, source_key TEXT)")
        self.add_from(0)

    def add_from(self, first_id: int) -> None:
        """Key the entries from ``first_id`` on (the ones just inserted)."""
        self.conn.execute(text(f"INSERT INTO {PRINTS} SELECT trackable_id, substr(occurred_at, 1, 19), id "
                               "FROM entries WHERE id >= :first"), {"first": first_id})

    def present(self, names: Sequence[str], rows: Sequence[dict[str, Any]]
                ) -> tuple[set[str], list[set[tuple[Any, ...]]]]:
        """Of ``rows`` (entry rows, of the trackables named in ``names``): the source keys
        already there, and for each row the fingerprints of the entries there in the same
        second of the same trackable."""
        prints: list[set[tuple[Any, ...]]] = [set() for _ in rows]
        if not rows:
            return set(), prints
        conn = self.conn
        conn.exec_driver_sql(f"DELETE FROM {BATCH_TABLE}")
        conn.exec_driver_sql(f"INSERT INTO {BATCH_TABLE} VALUES (?, ?, ?, ?)", [
            (n, r["trackable_id"], second_of(r["occurred_at"]), r["source_key"]) for n, r in enumerate(rows)])
        keys = set(conn.exec_driver_sql(KEYS_THERE).scalars())
        e = entries_table.c
        found = conn.execute(text(PRINTS_THERE).columns(e.id, e.occurred_at, e.amount, e.urge_only, e.note))
        for n, occurred, amount, urge, note in found:
            prints[n].add(fingerprint(names[n], occurred, amount, urge, note))
        return keys, prints

    def close(self) -> None:
        self.conn.exec_driver_sql(f"DROP TABLE temp.{PRINTS}")
        self.conn.exec_driver_sql(f"DROP TABLE temp.{BATCH_TABLE}")
