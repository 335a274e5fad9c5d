"""What the logging form suggests: the user's frequent entries and recently used tags."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import func, select

from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import entries_table, entry_tags_table, trackables_table


class QuickLog(NamedTuple):
    """A frequent entry the user can repeat with one click."""

    trackable_id: int
    trackable: str
    amount: float
    unit: str
    uses: int


def frequent_entries(db: Database, limit: int = 6, since_days: int = 90) -> list[QuickLog]:
    """The user's most frequent (trackable, amount) pairs, for quick-log buttons."""
    cutoff = dt.date.today() - dt.timedelta(days=since_days)
    e, t = entries_table.c, trackables_table.c  # Core: on the start-up path (see schema.py)
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(e.trackable_id, t.name, e.amount, t.unit, func.count().label("n"))
            .join(trackables_table, t.id == e.trackable_id)
            .where(e.day >= cutoff, e.urge_only.is_(False), t.archived.is_(False), e.amount > 0)
            # "+ 0": grouping by the bare column would make SQLite walk the whole
            # (trackable, day) index instead of the recent days only (10× slower on
            # ten years of entries).
            .group_by(e.trackable_id + 0, e.amount)
            .order_by(func.count().desc(), t.sort_order)
            .limit(limit)
        ).all()
    return [QuickLog(r[0], r[1], float(r[2]), r[3], int(r[4])) for r in rows]


def known_tags(db: Database, kind: str, since_days: int = 365) -> list[str]:
    """Tags of a kind the user has used lately, most used first (for pickers)."""
    e, tag = entries_table.c, entry_tags_table.c
    cutoff = dt.date.today() - dt.timedelta(days=since_days)
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(tag.name, func.count().label("n")).join(entries_table, e.id == tag.entry_id)
            # '|| ""' keeps SQLite from starting at every tag of that kind through the
            # (kind, name) index: starting from the recent days is 10× faster on a long
            # history.
            .where(tag.kind + "" == kind, e.day >= cutoff)
            .group_by(tag.name).order_by(func.count().desc(), tag.name)
        ).all()
    return [r[0] for r in rows]
