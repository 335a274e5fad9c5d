"""Which of a batch of new entries an import already has, looked up in the database.

An entry is already there when an entry with its ``source_key`` exists (the unique
index on ``source_key`` answers), or one that is the same occasion
(:func:`fingerprint`: trackable, instant to the second, amount, urge flag and note).
For the latter, a temporary table keys every entry by trackable and second; a batch's
candidates are found with one join and compared in Python, so the comparison is exactly
``fingerprint``'s. Nothing of the history is held in Python memory: a set of the
fingerprints of 1M entries took 191 MB, the temporary table a few MB of SQLite's cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Connection, DateTime, Integer, MetaData, Table, insert, select, text

from harmtrack.core.storage.schema import entries_table

#: Source keys looked up per statement (older SQLite allows 999 parameters).
KEYS_PER_QUERY = 500
PRINTS = "harmtrack_import_prints"
#: The same second of the same trackable: SQL's own reading of the stored time on both
#: sides, so that it matches however the time is stored.
KEY = "({t} * 17179869184 + CAST(strftime('%s', {at}) AS INTEGER))"

#: This batch's candidates (``n``: their place in the batch).
batch_table = Table("harmtrack_import_batch", MetaData(),
                    Column("n", Integer, primary_key=True), Column("trackable_id", Integer),
                    Column("occurred_at", DateTime), prefixes=["TEMPORARY"])


def fingerprint(trackable: str, occurred: dt.datetime, amount: float, urge_only: bool,
                note: str | None) -> tuple[Any, ...]:
    """What makes two entries the same occasion for re-import purposes."""
    return (trackable.casefold(), occurred.replace(microsecond=0), round(float(amount), 6),
            bool(urge_only), note or "")


class Seen:
    """The entries already in the database, for one import inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # Temporary tables live as long as the connection: these are dropped by ``close``
        # (or by the rollback of the transaction they were created in).
        conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {PRINTS} (k INTEGER NOT NULL, "
                             "id INTEGER NOT NULL, PRIMARY KEY (k, id)) WITHOUT ROWID")
        batch_table.create(conn)
        self.add_from(0)

    def add_from(self, first_id: int) -> None:
        """Key the entries from ``first_id`` on (the ones just inserted)."""
        key = KEY.format(t="trackable_id", at="occurred_at")
        self.conn.execute(text(f"INSERT INTO {PRINTS} SELECT {key}, id FROM entries WHERE id >= :first"),
                          {"first": first_id})

    def keys_present(self, keys: Sequence[str]) -> set[str]:
        """Those of ``keys`` that an entry has as its source key."""
        e = entries_table.c
        found: set[str] = set()
        for i in range(0, len(keys), KEYS_PER_QUERY):
            found.update(self.conn.scalars(select(e.source_key).where(
                e.source_key.in_(keys[i:i + KEYS_PER_QUERY]))))
        return found

    def prints_present(self, names: Sequence[str],
                       rows: Sequence[dict[str, Any]]) -> list[set[tuple[Any, ...]]]:
        """For each of ``rows`` (entry rows, of the trackable named in ``names``), the
        fingerprints of the entries there in the same second of the same trackable."""
        out: list[set[tuple[Any, ...]]] = [set() for _ in rows]
        if not rows:
            return out
        conn = self.conn
        conn.execute(batch_table.delete())
        conn.execute(insert(batch_table), [dict(n=n, trackable_id=r["trackable_id"],
                                                occurred_at=r["occurred_at"]) for n, r in enumerate(rows)])
        e = entries_table
        found = conn.execute(text(
            f"SELECT b.n, e.occurred_at, e.amount, e.urge_only, e.note FROM harmtrack_import_batch AS b "
            f"JOIN {PRINTS} AS p ON p.k = {KEY.format(t='b.trackable_id', at='b.occurred_at')} "
            "JOIN entries AS e ON e.id = p.id").columns(
                batch_table.c.n, e.c.occurred_at, e.c.amount, e.c.urge_only, e.c.note))
        for n, occurred, amount, urge, note in found:
            out[n].add(fingerprint(names[n], occurred, amount, urge, note))
        return out

    def close(self) -> None:
        self.conn.exec_driver_sql(f"DROP TABLE temp.{PRINTS}")
        batch_table.drop(self.conn)
