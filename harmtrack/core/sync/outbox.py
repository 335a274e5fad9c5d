"""This device's own change file, after a kill between the pass's commit and its writing.

A pass commits its local assignments into the merged state first and writes the change
file after (so a file never holds what the database did not keep). Between the two, the
pass notes the file to come in the sync state (``outbox``: its number and the clocks of
its first and last assignment), in the same transaction. A pass that finds the note finds
the assignments again in the merged state — this device's, in that clock range, winners or
superseded (nothing is pruned) — and writes the file before anything else.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, and_, select

from harmtrack.core.storage.schema import sync_merged_table, sync_superseded_table
from harmtrack.core.sync.merge import decode_winners
from harmtrack.core.sync.records import Assignment


def in_order(assignments: list[Assignment]) -> list[Assignment]:
    """The order a change file holds its assignments in (the same on a rebuild)."""
    return sorted(assignments, key=lambda a: (a.clock, a.table, a.uuid, a.field))


def rebuild(conn: Connection, device: str, first: str, last: str) -> list[Assignment]:
    """This device's assignments with clocks from ``first`` to ``last``, as merged."""
    out: list[Assignment] = []
    s = sync_superseded_table.c
    for table, uuid, field, clock, base, value in conn.execute(
            select(s.table_name, s.uuid, s.field, s.clock, s.base, s.value)
            .where(and_(s.device == device, s.clock >= first, s.clock <= last))):
        out.append(Assignment(table, uuid, field, json.loads(value), clock, base, device))
    m = sync_merged_table.c
    # The winners are JSON per row; the device id in the text finds the rows worth decoding.
    for table, uuid, text in conn.execute(select(m.table_name, m.uuid, m.fields)
                                          .where(m.fields.contains(device))):
        for field, known in decode_winners(text).items():
            if known.device == device and first <= known.clock <= last:
                out.append(Assignment(table, uuid, field, json.loads(known.value_json),
                                      known.clock, known.base, device))
    return in_order(out)
