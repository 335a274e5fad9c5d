"""Sync's own tables (issue 15, migration 0009), part of ``schema``'s metadata.

Bookkeeping of sync passes, not typed by the user, so not in the export (``derived``).
Described here rather than in ``schema`` only because that module is at its size limit;
``schema`` adds them to its metadata and names them, and every reader uses those names.
Clocks are text (``core/sync/clock.py``); values are canonical JSON text.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, Text, UniqueConstraint

DERIVED = {"derived": True}


class SyncStateTables(NamedTuple):
    merged: Table
    superseded: Table
    conflicts: Table
    state: Table
    files: Table


def sync_state_tables(metadata: MetaData) -> SyncStateTables:
    """Describe sync's tables on ``metadata`` (``schema``'s, once)."""
    return SyncStateTables(
        # One synced row's merged state: ``fields`` is JSON of each field's winner, grouped
        # by clock (core/sync/merge.py); one row per synced row keeps it compact at 1M.
        Table(
            "sync_merged", metadata,
            Column("table_name", String(64), primary_key=True),
            Column("uuid", String(36), primary_key=True),
            Column("deleted", Boolean, nullable=False, default=False),
            Column("fields", Text, nullable=False),
            info=DERIVED,
        ),
        # Every assignment that is not (or no longer) a winner, kept so that conflicts are
        # a function of the whole set of assignments ever seen.
        Table(
            "sync_superseded", metadata,
            Column("table_name", String(64), primary_key=True),
            Column("uuid", String(36), primary_key=True),
            Column("field", String(64), primary_key=True),
            Column("clock", String(64), primary_key=True),
            Column("base", String(64), nullable=False),
            Column("device", String(32), nullable=False),
            Column("value", Text, nullable=False),
            info=DERIVED,
        ),
        # "Changed on both computers": the winner's clock and the other assignment's, with
        # this device's own mark that the person has seen it (never synced).
        Table(
            "sync_conflicts", metadata,
            Column("id", Integer, primary_key=True),
            Column("table_name", String(64), nullable=False),
            Column("uuid", String(36), nullable=False),
            Column("field", String(64), nullable=False),
            Column("kept_clock", String(64), nullable=False),
            Column("other_clock", String(64), nullable=False),
            Column("seen", Boolean, nullable=False, default=False),
            UniqueConstraint("table_name", "uuid", "field", "kept_clock", "other_clock",
                             name="uq_sync_conflicts_pair"),
            info=DERIVED,
        ),
        # This device's sync settings as JSON values (core/sync/state.py).
        Table(
            "sync_state", metadata,
            Column("key", String(64), primary_key=True),
            Column("value", Text, nullable=False),
            info=DERIVED,
        ),
        # Other devices' change files: merged (``reason`` NULL: a file is immutable, never
        # read twice) or skipped for ``reason`` and tried again on the next pass.
        Table(
            "sync_files", metadata,
            Column("device", String(32), primary_key=True),
            Column("name", String(64), primary_key=True),
            Column("reason", Text),
            info=DERIVED,
        ),
    )
