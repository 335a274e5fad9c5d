"""A tiny merged state for the sync-store tests, and the clocks they stamp with.

``DictMerged`` keeps each field's winning assignment (greatest clock, then value) in a
dict: what merge.py keeps in the database, without conflicts or superseded values. The
store's tests use it so capture and materialize are tested on their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from harmtrack.core.sync.records import DELETED, JSON, Assignment, MergedRow

DEVICE_A = "a" * 32
DEVICE_B = "b" * 32


class Ticker:
    """A plain increasing clock in the design's text format (what clock.Clock makes)."""

    def __init__(self, device: str) -> None:
        self.device, self.ms, self.counter = device, 0, 0

    def __call__(self, physical_ms: int) -> str:
        if physical_ms > self.ms:
            self.ms, self.counter = physical_ms, 0
        else:
            self.counter += 1
        return f"{self.ms:013d}.{self.counter:05d}.{self.device}"


class DictMerged:
    """Winners by (table, uuid) → field → assignment."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict[str, Assignment]] = {}

    def field_clock(self, table: str, uuid: str, field: str) -> str | None:
        a = self.rows.get((table, uuid), {}).get(field)
        return None if a is None else a.clock

    def fields(self, table: str, uuid: str) -> dict[str, JSON] | None:
        row = self.rows.get((table, uuid))
        return None if row is None else {f: a.value for f, a in row.items()}

    def merge(self, assignments: Iterable[Assignment]) -> list[MergedRow]:
        """Add assignments; the rows whose winners changed, as materialize takes them."""
        changed: dict[tuple[str, str], None] = {}
        for a in assignments:
            row = self.rows.setdefault((a.table, a.uuid), {})
            current = row.get(a.field)
            if current is None or (a.clock, json.dumps(a.value)) > (current.clock, json.dumps(current.value)):
                row[a.field] = a
                changed[(a.table, a.uuid)] = None
        return [self.merged_row(t, u) for t, u in changed]

    def merged_row(self, table: str, uuid: str) -> MergedRow:
        row = self.rows[(table, uuid)]
        return MergedRow(table, uuid, {f: a.value for f, a in row.items() if f != DELETED}, DELETED in row)

    def all_rows(self) -> list[MergedRow]:
        return [self.merged_row(t, u) for t, u in self.rows]
