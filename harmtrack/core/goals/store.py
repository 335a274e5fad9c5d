"""Reduction goals with dated versions: create, edit (a new version from a date), archive, list.

A goal belongs to one trackable. Its target lives in versions, each in force from its
``effective_from`` day until the next one, so every past day and week keeps being judged
by the target the user had then. Goals are archived, never deleted.

Which version judges a *week*: the one in force on the week's last day. So a goal set or
changed mid-week applies to that whole week (what the user sees on the progress panel
right after saving), and weeks that ended before the change keep their old target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, insert, select, update

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import goal_versions_table, goals_table, trackables_table
from harmtrack.core.tracking.entries import today
from harmtrack.core.tracking.trackables import resolve_in
from harmtrack.core.tracking.validation import MONEY_MAXIMUM, check_day, check_quantity

GOAL_TYPES = ("daily-max", "weekly-max", "free-days", "practice", "money-weekly")
DAILY_TYPES = frozenset({"daily-max"})
TAPER_STYLES = ("linear", "percent")
#: Largest goal target of any type (money included), so every target stays printable.
TARGET_MAXIMUM = MONEY_MAXIMUM

#: Short user-facing labels for each goal type.
TYPE_LABELS = {
    "daily-max": "At most … per day",
    "weekly-max": "At most … per week",
    "free-days": "Use-free days per week",
    "practice": "Safer-use practice (% of occasions)",
    "money-weekly": "Money spent per week",
}


class GoalVersionInfo(NamedTuple):
    """A target in force from a day on."""

    effective_from: dt.date
    target: float


class GoalInfo(NamedTuple):
    """A goal as the rest of the app sees it (detached from the database)."""

    id: int
    trackable_id: int
    trackable: str
    unit: str
    type: str
    practice: str | None
    taper_style: str | None
    archived: bool
    versions: tuple[GoalVersionInfo, ...]
    archived_on: dt.date | None = None

    @property
    def period(self) -> str:
        """'day' or 'week': the period each evaluation covers."""
        return period_of(self.type)

    @property
    def starts(self) -> dt.date:
        """The first day the goal is in force."""
        return self.versions[0].effective_from

    @property
    def current_target(self) -> float:
        """The latest version's target (for a taper: where it ends)."""
        return self.versions[-1].target

    def target_now(self, today: dt.date) -> float:
        """The target in force on ``today`` (the first one if the goal starts later)."""
        found = self.target_on(today)
        return self.versions[0].target if found is None else found

    def target_on(self, day: dt.date) -> float | None:
        """The target in force on a day (None before the goal started or after it was archived)."""
        if self.archived_on is not None and day > self.archived_on:
            return None
        found: float | None = None
        for v in self.versions:
            if v.effective_from <= day:
                found = v.target
            else:
                break
        return found

    def target_for_period(self, start: dt.date, end: dt.date) -> float | None:
        """The target that judges a period: the version in force on its last day."""
        return self.target_on(end)

    def target_unit(self) -> str:
        """What the target counts: the trackable's unit, days, % or money."""
        return target_unit(self.type, self.unit)

    def to_json(self, today: dt.date | None = None) -> dict[str, Any]:
        """The JSON object ``goal list --json`` prints (``target``: in force on ``today``)."""
        return {
            "id": self.id, "trackable": self.trackable, "type": self.type,
            "target": self.current_target if today is None else self.target_now(today),
            "final_target": self.current_target, "unit": self.target_unit(),
            "practice": self.practice, "taper_style": self.taper_style,
            "archived": self.archived, "starts": self.starts.isoformat(),
            "archived_on": self.archived_on.isoformat() if self.archived_on else None,
            "versions": [{"from": v.effective_from.isoformat(), "target": v.target}
                         for v in self.versions],
        }


def period_of(goal_type: str) -> str:
    """'day' for daily goals, 'week' for the others."""
    return "day" if goal_type in DAILY_TYPES else "week"


def target_unit(goal_type: str, unit: str) -> str:
    """The unit a goal type's target is expressed in."""
    return {"free-days": "use-free days", "practice": "% of occasions",
            "money-weekly": "money"}.get(goal_type, unit)


# --- validation -------------------------------------------------------------------------

def check_type(value: str) -> str:
    """A known goal type, or InvalidEntry listing them."""
    text = (value or "").strip().lower()
    if text not in GOAL_TYPES:
        raise InvalidEntry(f"unknown goal type {value!r} (use one of: {', '.join(GOAL_TYPES)})")
    return text


def check_target(goal_type: str, value: Any) -> float:
    """A target that makes sense for the goal type (finite, 0 or more, within range)."""
    # No per-unit bound: a weekly ceiling sums many entries. The bound keeps it printable.
    number = check_quantity(value, "the target", maximum=TARGET_MAXIMUM, per="as a goal")
    if goal_type == "free-days" and (number != int(number) or number > 7):
        raise InvalidEntry("use-free days per week must be a whole number from 0 to 7")
    if goal_type == "practice" and number > 100:
        raise InvalidEntry("a practice goal is a share of occasions, from 0 to 100 %")
    return round(number, 4)


def check_practice(goal_type: str, practice: str | None) -> str | None:
    """The practice name a practice goal needs (and other types must not have)."""
    name = " ".join((practice or "").split())
    if goal_type == "practice":
        if not name:
            raise InvalidEntry('a practice goal needs the practice (e.g. "alternated with water")')
        if len(name) > 80:
            raise InvalidEntry("a practice can be at most 80 characters")
        return name
    if name:
        raise InvalidEntry("only practice goals take a practice name")
    return None


def _check_steps(goal_type: str, steps: Sequence[tuple[dt.date, Any]]) -> list[tuple[dt.date, float]]:
    if not steps:
        raise InvalidEntry("a goal needs at least one target")
    out: list[tuple[dt.date, float]] = []
    for day, target in steps:
        d = check_day(day, "effective date")
        assert d is not None
        out.append((d, check_target(goal_type, target)))
    out.sort(key=lambda s: s[0])
    if len({d for d, _ in out}) != len(out):
        raise InvalidEntry("two targets start on the same day")
    return out


# --- reading ----------------------------------------------------------------------------

def _read_goals(conn: Connection, *, include_archived: bool = True, trackable_id: int | None = None,
                goal_id: int | None = None) -> list[GoalInfo]:
    g, t, v = goals_table.c, trackables_table.c, goal_versions_table.c
    q = (select(g.id, g.trackable_id, t.name, t.unit, g.type, g.practice, g.taper_style,
                g.archived, g.archived_on)
         .join(trackables_table, t.id == g.trackable_id).order_by(g.id))
    if not include_archived:
        q = q.where(g.archived.is_(False))
    if trackable_id is not None:
        q = q.where(g.trackable_id == trackable_id)
    if goal_id is not None:
        q = q.where(g.id == goal_id)
    rows = conn.execute(q).all()
    versions: dict[int, list[GoalVersionInfo]] = {}
    if rows:
        vq = (select(v.goal_id, v.effective_from, v.target)
              .where(v.goal_id.in_([row[0] for row in rows])).order_by(v.goal_id, v.effective_from))
        for gid, effective_from, target in conn.execute(vq):
            versions.setdefault(gid, []).append(GoalVersionInfo(effective_from, float(target)))
    return [GoalInfo(id=row[0], trackable_id=row[1], trackable=row[2], unit=row[3], type=row[4],
                     practice=row[5], taper_style=row[6], archived=bool(row[7]),
                     versions=tuple(versions.get(row[0], ())), archived_on=row[8])
            for row in rows]


def _goal_in(conn: Connection, goal_id: int) -> GoalInfo:
    found = _read_goals(conn, goal_id=goal_id)
    if not found:
        raise NotFound(f"no goal with id {goal_id}")
    return found[0]


def get_goal(db: Database, goal_id: int) -> GoalInfo:
    """One goal by id (archived ones too)."""
    with db.engine.connect() as conn:
        return _goal_in(conn, goal_id)


def list_goals(db: Database, *, include_archived: bool = False,
               trackable_id: int | None = None) -> list[GoalInfo]:
    """The user's goals, oldest first (archived ones only when asked)."""
    with db.engine.connect() as conn:
        return _read_goals(conn, include_archived=include_archived, trackable_id=trackable_id)


def goals_in_force(db: Database, start: dt.date, end: dt.date | None = None, *,
                   trackable_id: int | None = None) -> list[GoalInfo]:
    """Goals that judge some day of [start, end]: the active ones, and archived ones that
    were still in force on ``start`` or later (e.g. a goal a taper replaced, which ends the
    day before the taper starts). Charts, the report and ``progress`` judge these."""
    out = []
    for g in list_goals(db, include_archived=True, trackable_id=trackable_id):
        if g.archived and (g.archived_on is None or g.archived_on < start):
            continue
        if end is not None and g.versions and g.starts > end:
            continue
        out.append(g)
    return out


def replaceable_goals(db: Database, trackable_id: int, goal_type: str) -> list[GoalInfo]:
    """The active goals of this kind for the trackable: what a new plan of the kind replaces."""
    return [g for g in list_goals(db, trackable_id=trackable_id) if g.type == goal_type]


# --- writing ----------------------------------------------------------------------------

def _add_versions(conn: Connection, goal_id: int, steps: Sequence[tuple[dt.date, float]]) -> None:
    conn.execute(insert(goal_versions_table),
                 [{"goal_id": goal_id, "effective_from": d, "target": v} for d, v in steps])


def create_goal(db: Database, trackable: str | int, goal_type: str, target: Any = None, *,
                practice: str | None = None, start: dt.date | str | None = None,
                steps: Sequence[tuple[dt.date, Any]] | None = None,
                taper_style: str | None = None, replace: bool = False) -> GoalInfo:
    """Create a goal (one target from ``start``, default today, or dated ``steps``).

    ``replace``: the trackable's active goals of the same type end the day before the new
    one starts (archived on that day, never deleted), in the same transaction, so two
    goals of one kind never judge the same day.
    """
    goal_type = check_type(goal_type)
    name = check_practice(goal_type, practice)
    if taper_style is not None and taper_style not in TAPER_STYLES:
        raise InvalidEntry(f"taper style must be one of: {', '.join(TAPER_STYLES)}")
    begin = check_day(start, "start date")
    if steps is None and target is None:
        raise InvalidEntry("a goal needs a target")
    if steps is not None:
        checked = _check_steps(goal_type, steps)
    else:
        checked = [(begin or today(db), check_target(goal_type, target))]
    g, t = goals_table.c, trackables_table.c
    with transaction(db) as conn:
        if isinstance(trackable, int):
            trackable_id = conn.scalar(select(t.id).where(t.id == trackable))
            if trackable_id is None:
                raise NotFound(f"no trackable with id {trackable}")
        else:
            trackable_id = resolve_in(conn, trackable, add_builtin=True).id
        if replace:
            conn.execute(update(goals_table)
                         .where(g.trackable_id == trackable_id, g.type == goal_type,
                                g.archived.is_(False))
                         .values(archived=True, archived_on=checked[0][0] - dt.timedelta(days=1)))
        goal_id = conn.execute(insert(goals_table).values(
            trackable_id=trackable_id, type=goal_type, practice=name, taper_style=taper_style,
            archived=False)).lastrowid
        _add_versions(conn, goal_id, checked)
        return _goal_in(conn, goal_id)


def edit_goal(db: Database, goal_id: int, target: Any,
              effective_from: dt.date | str | None = None) -> GoalInfo:
    """Change the target from a day on (default today): a new version; the past keeps its own."""
    v = goal_versions_table.c
    fallback = today(db) if effective_from is None or effective_from == "" else None
    with transaction(db) as conn:
        goal = _goal_in(conn, goal_id)
        value = check_target(goal.type, target)
        day = check_day(effective_from, "effective date") or fallback
        assert day is not None
        if day < goal.starts:
            raise InvalidEntry(f"the goal starts on {goal.starts.isoformat()}; a change must be from then on")
        same = (v.goal_id == goal_id) & (v.effective_from == day)
        if conn.scalar(select(v.id).where(same)) is not None:
            # A second change on the same day replaces the first.
            conn.execute(update(goal_versions_table).where(same).values(target=value))
        else:
            _add_versions(conn, goal_id, [(day, value)])
        return _goal_in(conn, goal_id)


def replace_future_versions(db: Database, goal_id: int, steps: Sequence[tuple[dt.date, Any]]) -> GoalInfo:
    """Replace every version from the first step's day on by ``steps`` (re-planning a taper)."""
    v = goal_versions_table.c
    with transaction(db) as conn:
        goal = _goal_in(conn, goal_id)
        checked = _check_steps(goal.type, steps)
        cut = checked[0][0]
        if cut < goal.starts:
            raise InvalidEntry("a plan cannot start before the goal does")
        # Delete first: the new steps may reuse the same dates.
        conn.execute(delete(goal_versions_table).where(v.goal_id == goal_id, v.effective_from >= cut))
        _add_versions(conn, goal_id, checked)
        return _goal_in(conn, goal_id)


def archive_goal(db: Database, goal_id: int, archived: bool = True) -> GoalInfo:
    """Archive (or bring back) a goal; its history and versions stay."""
    day = today(db) if archived else None
    with transaction(db) as conn:
        _goal_in(conn, goal_id)
        conn.execute(update(goals_table).where(goals_table.c.id == goal_id).values(
            archived=archived, archived_on=day))
        return _goal_in(conn, goal_id)
