"""If-then action plans tied to the user's triggers, and alternatives that help.

Plans are the "if I'm at a party, then I'll alternate with water" kind: one trigger, one
plan. Trigger matching is case-insensitive everywhere (the column is NOCASE in SQLite and
we compare casefolded text in Python, which also covers non-ASCII letters).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import (
    action_plans_table,
    alternatives_table,
    day_tag_counts_table,
)
from harmtrack.core.tracking.validation import MAX_TAG, check_text

MAX_PLAN = 500
MAX_ALTERNATIVE = 200


@dataclass(frozen=True)
class PlanRecord:
    """One if-then plan as stored."""

    id: int
    trigger: str
    plan: str
    archived: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class PlanCount:
    """A plan with how often its trigger came up in a date range."""

    id: int
    trigger: str
    plan: str
    archived: bool
    times: int  # entries tagged with the trigger
    days: int  # distinct days with such an entry


@dataclass(frozen=True)
class AlternativeRecord:
    """Something that helps instead of using."""

    id: int
    text: str
    archived: bool
    created_at: dt.datetime


_P = action_plans_table.c
_A = alternatives_table.c
_PLAN_COLUMNS = (_P.id, _P.trigger, _P.plan, _P.archived, _P.created_at)
_ALT_COLUMNS = (_A.id, _A.text, _A.archived, _A.created_at)


def _plan(row: Any) -> PlanRecord:
    return PlanRecord(row.id, row.trigger, row.plan, bool(row.archived), row.created_at)


def _alt(row: Any) -> AlternativeRecord:
    return AlternativeRecord(row.id, row.text, bool(row.archived), row.created_at)


def check_trigger(value: str | None) -> str:
    """A trigger as a tag: one line, spaces tidied, 1 to MAX_TAG characters."""
    if not isinstance(value, str):
        raise InvalidEntry("the trigger must be text")
    tag = " ".join(value.split())
    if not tag:
        raise InvalidEntry("write the situation the plan is for (the trigger)")
    if len(tag) > MAX_TAG:
        raise InvalidEntry(f"a trigger can be at most {MAX_TAG} characters")
    return tag


def check_plan_text(value: str | None) -> str:
    """The "then I will…" part: required, at most MAX_PLAN characters."""
    text = check_text(value, "the plan", MAX_PLAN)
    if not text:
        raise InvalidEntry("write what you will do (the plan)")
    return text


def _get_plan(conn: Connection, plan_id: int) -> PlanRecord:
    row = conn.execute(select(*_PLAN_COLUMNS).where(_P.id == plan_id)).first()
    if row is None:
        raise NotFound(f"no plan with id {plan_id}")
    return _plan(row)


def _same_plan_exists(conn: Connection, trigger: str, plan: str, skip_id: int | None = None) -> bool:
    rows = conn.execute(select(_P.id, _P.trigger, _P.plan).where(_P.archived.is_(False)))
    return any(r.id != skip_id and r.trigger.casefold() == trigger.casefold()
               and r.plan.casefold() == plan.casefold() for r in rows)


# --- plans ------------------------------------------------------------------------------

def add_plan(db: Database, trigger: str, plan: str) -> PlanRecord:
    """Store a new if-then plan in one transaction."""
    trigger = check_trigger(trigger)
    plan = check_plan_text(plan)
    with transaction(db) as conn:
        if _same_plan_exists(conn, trigger, plan):
            raise InvalidEntry("you already have this plan for that trigger")
        new_id = conn.execute(insert(action_plans_table).values(
            trigger=trigger, plan=plan, archived=False)).lastrowid
        return _get_plan(conn, new_id)


def update_plan(db: Database, plan_id: int, *, trigger: str | None = None, plan: str | None = None,
                archived: bool | None = None) -> PlanRecord:
    """Change a plan's trigger, text or archived state (all validated first)."""
    new_trigger = check_trigger(trigger) if trigger is not None else None
    new_plan = check_plan_text(plan) if plan is not None else None
    with transaction(db) as conn:
        row = _get_plan(conn, plan_id)
        t = new_trigger if new_trigger is not None else row.trigger
        p = new_plan if new_plan is not None else row.plan
        now_archived = bool(archived) if archived is not None else row.archived
        if not now_archived and _same_plan_exists(conn, t, p, skip_id=row.id):
            raise InvalidEntry("you already have this plan for that trigger")
        conn.execute(update(action_plans_table).where(_P.id == plan_id).values(
            trigger=t, plan=p, archived=now_archived))
        return _get_plan(conn, plan_id)


def archive_plan(db: Database, plan_id: int, archived: bool = True) -> PlanRecord:
    """Put a plan away (or bring it back); plans are never deleted."""
    return update_plan(db, plan_id, archived=archived)


def get_plan(db: Database, plan_id: int) -> PlanRecord:
    """One plan by id."""
    with db.engine.connect() as conn:
        return _get_plan(conn, plan_id)


def list_plans(db: Database, *, include_archived: bool = False) -> list[PlanRecord]:
    """Plans ordered by trigger (case-insensitive), then oldest first."""
    q = select(*_PLAN_COLUMNS)
    if not include_archived:
        q = q.where(_P.archived.is_(False))
    with db.engine.connect() as conn:
        rows = [_plan(p) for p in conn.execute(q.order_by(_P.id))]
    return sorted(rows, key=lambda p: (p.archived, p.trigger.casefold(), p.id))


def plans_for_triggers(db: Database, triggers: Iterable[str]) -> list[PlanRecord]:
    """Active plans whose trigger is one of ``triggers`` (case-insensitive)."""
    wanted = {" ".join(t.split()).casefold() for t in triggers if t and t.strip()}
    if not wanted:
        return []
    return [p for p in list_plans(db) if p.trigger.casefold() in wanted]


def trigger_counts(db: Database, start: dt.date | None = None, end: dt.date | None = None,
                   trackable_ids: Sequence[int] | None = None) -> dict[str, tuple[int, int]]:
    """Casefolded trigger -> (entries tagged with it, distinct days) in the range."""
    counts = day_tag_counts_table.c  # a few rows per day, kept by the database
    q = select(counts.name, counts.day, func.sum(counts.uses + counts.urges)).where(
        counts.kind == "trigger")
    if trackable_ids is not None:
        q = q.where(counts.trackable_id.in_(list(trackable_ids)))
    if start is not None:
        q = q.where(counts.day >= start)
    if end is not None:
        q = q.where(counts.day <= end)
    with db.engine.connect() as conn:
        rows = conn.execute(q.group_by(counts.name, counts.day)).all()
    times: dict[str, int] = {}
    days: dict[str, set[dt.date]] = {}
    for name, day, n in rows:
        key = name.casefold()
        times[key] = times.get(key, 0) + int(n)
        days.setdefault(key, set()).add(day)
    return {k: (times[k], len(days[k])) for k in times}


def plans_with_counts(db: Database, start: dt.date | None = None, end: dt.date | None = None, *,
                      include_archived: bool = False,
                      trackable_ids: Sequence[int] | None = None) -> list[PlanCount]:
    """Plans with how often their trigger came up from ``start`` to ``end`` (inclusive).

    For the review mode and the PDF report: most frequent trigger first, then by trigger.
    ``trackable_ids`` limits the counting to entries of those trackables (a report that
    leaves a trackable out must not count its entries either).
    """
    if start is not None and end is not None and start > end:
        raise InvalidEntry("the start date is after the end date")
    plans = list_plans(db, include_archived=include_archived)
    if not plans:  # nothing to count for: the count joins every tag in the range
        return []
    counts = trigger_counts(db, start, end, trackable_ids)
    out = [PlanCount(p.id, p.trigger, p.plan, p.archived, *counts.get(p.trigger.casefold(), (0, 0)))
           for p in plans]
    return sorted(out, key=lambda c: (-c.times, c.trigger.casefold(), c.id))


# --- alternatives -----------------------------------------------------------------------

def _check_alternative(text: str | None) -> str:
    value = check_text(text, "the alternative", MAX_ALTERNATIVE)
    if not value:
        raise InvalidEntry("write what helps you (the alternative)")
    return value


def add_alternative(db: Database, text: str) -> AlternativeRecord:
    """Add something that helps; an active duplicate (any case) is refused."""
    value = _check_alternative(text)
    with transaction(db) as conn:
        for (text_now,) in conn.execute(select(_A.text).where(_A.archived.is_(False))):
            if text_now.casefold() == value.casefold():
                raise InvalidEntry("that alternative is already on your list")
        new_id = conn.execute(insert(alternatives_table).values(
            text=value, archived=False)).lastrowid
        return _alt(conn.execute(select(*_ALT_COLUMNS).where(_A.id == new_id)).one())


def update_alternative(db: Database, alt_id: int, *, text: str | None = None,
                       archived: bool | None = None) -> AlternativeRecord:
    """Change an alternative's text or archived state."""
    value = _check_alternative(text) if text is not None else None
    changes: dict[str, Any] = {}
    if value is not None:
        changes["text"] = value
    if archived is not None:
        changes["archived"] = bool(archived)
    with transaction(db) as conn:
        if conn.scalar(select(_A.id).where(_A.id == alt_id)) is None:
            raise NotFound(f"no alternative with id {alt_id}")
        if changes:
            conn.execute(update(alternatives_table).where(_A.id == alt_id).values(**changes))
        return _alt(conn.execute(select(*_ALT_COLUMNS).where(_A.id == alt_id)).one())


def archive_alternative(db: Database, alt_id: int, archived: bool = True) -> AlternativeRecord:
    """Put an alternative away (or bring it back)."""
    return update_alternative(db, alt_id, archived=archived)


def list_alternatives(db: Database, *, include_archived: bool = False) -> list[AlternativeRecord]:
    """Alternatives in the order they were added."""
    q = select(*_ALT_COLUMNS)
    if not include_archived:
        q = q.where(_A.archived.is_(False))
    with db.engine.connect() as conn:
        return [_alt(a) for a in conn.execute(q.order_by(_A.archived, _A.id))]
