"""Decisional balance (what a substance or behaviour gives the user and what it costs
them, dated) and the ideal-use plan ("what I'd like my use to look like"), per trackable.

Both are the user's own words; review mode and, when the user chooses, the report show
the latest of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import decisional_balances_table, ideal_use_plans_table
from harmtrack.core.tracking.trackables import TrackableInfo, get_trackable
from harmtrack.core.tracking.validation import check_text

#: Longest text of one side of a balance, or of an ideal-use plan.
MAX_BALANCE = 3000


@dataclass(frozen=True)
class Balance:
    """One dated decisional balance for a trackable."""

    id: int
    trackable_id: int
    date: dt.date
    gives: str
    costs: str
    created_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "trackable_id": self.trackable_id, "date": self.date.isoformat(),
                "gives": self.gives, "costs": self.costs}


@dataclass(frozen=True)
class IdealUse:
    """What the user would like their use of one trackable to look like."""

    trackable_id: int
    text: str
    updated_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {"trackable_id": self.trackable_id, "text": self.text,
                "updated_at": self.updated_at.isoformat()}


_B = decisional_balances_table.c
_I = ideal_use_plans_table.c
_COLUMNS = (_B.id, _B.trackable_id, _B.date, _B.gives, _B.costs, _B.created_at)


def _balance(row: Any) -> Balance:
    return Balance(row.id, row.trackable_id, row.date, row.gives, row.costs, row.created_at)


def check_sides(gives: str | None, costs: str | None) -> tuple[str, str]:
    """Both sides as stored: at least one written, each at most MAX_BALANCE characters."""
    g = check_text(gives, "what it gives you", MAX_BALANCE) or ""
    c = check_text(costs, "what it costs you", MAX_BALANCE) or ""
    if not g and not c:
        raise InvalidEntry("write what it gives you, what it costs you, or both")
    return g, c


def check_date(day: dt.date, today: dt.date) -> dt.date:
    """A balance's date: not one that has not come yet."""
    if day > today:
        raise InvalidEntry("a balance's date cannot be in the future")
    return day


def add_balance(db: Database, trackable_id: int, day: dt.date, gives: str | None,
                costs: str | None, *, today: dt.date) -> Balance:
    """Store a dated balance for a trackable in one transaction."""
    g, c = check_sides(gives, costs)
    check_date(day, today)
    get_trackable(db, trackable_id)
    with transaction(db) as conn:
        new_id = conn.execute(insert(decisional_balances_table).values(
            trackable_id=trackable_id, date=day, gives=g, costs=c)).lastrowid
        return _balance(conn.execute(select(*_COLUMNS).where(_B.id == new_id)).one())


def update_balance(db: Database, balance_id: int, gives: str | None, costs: str | None) -> Balance:
    """Change the words of a balance (its date stays)."""
    g, c = check_sides(gives, costs)
    with transaction(db) as conn:
        if conn.scalar(select(_B.id).where(_B.id == balance_id)) is None:
            raise NotFound(f"no balance with id {balance_id}")
        conn.execute(update(decisional_balances_table).where(_B.id == balance_id).values(gives=g, costs=c))
        return _balance(conn.execute(select(*_COLUMNS).where(_B.id == balance_id)).one())


def delete_balance(db: Database, balance_id: int) -> None:
    """Remove one balance the user no longer wants kept."""
    with transaction(db) as conn:
        if not conn.execute(delete(decisional_balances_table).where(_B.id == balance_id)).rowcount:
            raise NotFound(f"no balance with id {balance_id}")


def balances(db: Database, trackable_id: int) -> list[Balance]:
    """Every balance of a trackable, newest first."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(*_COLUMNS).where(_B.trackable_id == trackable_id)
                            .order_by(_B.date.desc(), _B.id.desc()))
        return [_balance(r) for r in rows]


def latest_balance(db: Database, trackable_id: int, on_or_before: dt.date | None = None) -> Balance | None:
    """The newest balance of a trackable (up to a date, e.g. a report's last day)."""
    q = select(*_COLUMNS).where(_B.trackable_id == trackable_id)
    if on_or_before is not None:
        q = q.where(_B.date <= on_or_before)
    with db.engine.connect() as conn:
        row = conn.execute(q.order_by(_B.date.desc(), _B.id.desc()).limit(1)).first()
    return _balance(row) if row else None


def ideal_use(db: Database, trackable_id: int) -> IdealUse | None:
    """The ideal-use plan of a trackable, None when the user has not written one."""
    with db.engine.connect() as conn:
        row = conn.execute(select(_I.trackable_id, _I.text, _I.updated_at)
                           .where(_I.trackable_id == trackable_id)).first()
    return IdealUse(row.trackable_id, row.text, row.updated_at) if row else None


def set_ideal_use(db: Database, trackable_id: int, text: str | None) -> IdealUse | None:
    """Write (or, with blank text, remove) the ideal-use plan of a trackable."""
    value = check_text(text, "the ideal-use plan", MAX_BALANCE)
    get_trackable(db, trackable_id)
    with transaction(db) as conn:
        now = conn.scalar(select(_I.text).where(_I.trackable_id == trackable_id))
        if value is None:
            conn.execute(delete(ideal_use_plans_table).where(_I.trackable_id == trackable_id))
        elif now is None:
            conn.execute(insert(ideal_use_plans_table).values(trackable_id=trackable_id, text=value))
        elif now != value:
            conn.execute(update(ideal_use_plans_table).where(_I.trackable_id == trackable_id)
                         .values(text=value))
    return ideal_use(db, trackable_id)


@dataclass(frozen=True)
class BalanceRow:
    """One included trackable's latest balance (up to the report's last day) and ideal use."""

    trackable: str
    balance: Balance | None
    ideal: IdealUse | None


def gather_balances(db: Database, included: Sequence[TrackableInfo], end: dt.date) -> list[BalanceRow]:
    """Rows for the included trackables that have a balance (the latest up to ``end``) or an
    ideal-use plan: what the report's optional section and review mode both show."""
    rows = []
    for t in included:
        b, i = latest_balance(db, t.id, on_or_before=end), ideal_use(db, t.id)
        if b is not None or i is not None:
            rows.append(BalanceRow(t.name, b, i))
    return rows
