"""The records sync passes between its parts: assignments, merged rows (SYNC_DESIGN.md).

All synced state is a set of assignments, "field F of row U of table T is V, written at
clock C by device D, replacing the value whose clock was B" (B = "" when nothing was
there); a row's merged state is each field's winning assignment.
"""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

JSON: TypeAlias = None | bool | int | float | str | list["JSON"] | dict[str, "JSON"]

#: The field whose assignment (value ``true``) deletes a row for good: tombstones win.
DELETED = "_deleted"


class Assignment(NamedTuple):
    """One field of one row set to ``value`` at ``clock`` by ``device``; ``base`` is the
    clock of the value it replaced on that device ("" if none)."""

    table: str
    uuid: str
    field: str
    value: JSON
    clock: str
    base: str
    device: str


class MergedRow(NamedTuple):
    """A row's winners (``fields``, without ``DELETED``) and whether it is deleted."""

    table: str
    uuid: str
    fields: dict[str, JSON]
    deleted: bool
