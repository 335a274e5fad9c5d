"""SQLAlchemy 2 typed ORM classes, mapped onto the tables in ``schema``.

Imported only by services that write or need ORM objects: mapping the classes costs some
twenty milliseconds, and the first screen only reads (in Core, from ``schema``). Columns,
types, defaults and constraints live in ``schema``; here each class names its columns with
their Python types (for type checking) and adds the relationships.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from harmtrack.core.storage import schema
from harmtrack.core.storage.schema import utcnow

__all__ = ["ActionPlan", "Alternative", "Base", "CheckIn", "Entry", "EntryTag", "Goal",
           "GoalVersion", "MyTherapist", "Setting", "SupportContact", "TherapySession",
           "Trackable", "utcnow"]


class Base(DeclarativeBase):
    metadata = schema.metadata


class Setting(Base):
    """One user setting, its value as JSON text."""

    __table__ = schema.settings_table
    key: Mapped[str]
    value: Mapped[str]


class Trackable(Base):
    """Something the user tracks: a substance or a behaviour, with its unit."""

    __table__ = schema.trackables_table
    id: Mapped[int]
    name: Mapped[str]
    kind: Mapped[str]
    unit: Mapped[str]
    colour: Mapped[str]
    archived: Mapped[bool]
    #: The catalog key for built-in trackables, None for the user's own.
    builtin_key: Mapped[str | None]
    sort_order: Mapped[int]
    created_at: Mapped[dt.datetime]

    entries: Mapped[list[Entry]] = relationship(back_populates="trackable")


class Entry(Base):
    """One logged occasion (or an urge noticed without use)."""

    __table__ = schema.entries_table
    id: Mapped[int]
    trackable_id: Mapped[int]
    occurred_at: Mapped[dt.datetime]  # naive UTC
    utc_offset_min: Mapped[int]
    day: Mapped[dt.date]
    amount: Mapped[float]
    craving: Mapped[int | None]
    mood: Mapped[int | None]
    setting: Mapped[str | None]
    cost: Mapped[float | None]
    note: Mapped[str | None]
    urge_only: Mapped[bool]
    discuss: Mapped[bool]
    #: Where an imported entry came from, and a key that makes re-imports no-ops.
    source: Mapped[str | None]
    source_key: Mapped[str | None]
    #: Extra fields from an import or the drink calculator, as JSON text.
    extra: Mapped[str | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    trackable: Mapped[Trackable] = relationship(back_populates="entries")
    tags: Mapped[list[EntryTag]] = relationship(
        cascade="all, delete-orphan", order_by="EntryTag.position"
    )


class EntryTag(Base):
    """A trigger or a safer-use practice attached to an entry."""

    __table__ = schema.entry_tags_table
    entry_id: Mapped[int]
    kind: Mapped[str]
    name: Mapped[str]
    position: Mapped[int]


class CheckIn(Base):
    """A "nothing to log today" check-in: the day was logged and had no use."""

    __table__ = schema.checkins_table
    day: Mapped[dt.date]
    created_at: Mapped[dt.datetime]


class Goal(Base):
    """A reduction goal for one trackable; its targets live in dated versions."""

    __table__ = schema.goals_table
    id: Mapped[int]
    trackable_id: Mapped[int]
    type: Mapped[str]
    practice: Mapped[str | None]
    #: 'linear' or 'percent' when the goal is a taper plan, else None.
    taper_style: Mapped[str | None]
    archived: Mapped[bool]
    #: The local day the goal was archived; periods after it are not judged.
    archived_on: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime]

    versions: Mapped[list[GoalVersion]] = relationship(
        cascade="all, delete-orphan", order_by="GoalVersion.effective_from"
    )


class GoalVersion(Base):
    """A goal's target from a date on (until the next version)."""

    __table__ = schema.goal_versions_table
    id: Mapped[int]
    goal_id: Mapped[int]
    effective_from: Mapped[dt.date]
    target: Mapped[float]
    created_at: Mapped[dt.datetime]


class TherapySession(Base):
    """A therapy session the user had; the latest is "last session"."""

    __table__ = schema.sessions_table
    id: Mapped[int]
    date: Mapped[dt.date]
    therapist: Mapped[str | None]
    note: Mapped[str | None]
    created_at: Mapped[dt.datetime]


class MyTherapist(Base):
    """The user's own therapist (at most one row), shown on reports."""

    __table__ = schema.my_therapist_table
    id: Mapped[int]
    name: Mapped[str]
    practice: Mapped[str | None]
    phone: Mapped[str | None]
    email: Mapped[str | None]
    url: Mapped[str | None]
    next_session: Mapped[dt.date | None]


class ActionPlan(Base):
    """An if-then plan tied to one of the user's triggers."""

    __table__ = schema.action_plans_table
    id: Mapped[int]
    trigger: Mapped[str]
    plan: Mapped[str]
    archived: Mapped[bool]
    created_at: Mapped[dt.datetime]


class Alternative(Base):
    """Something the user finds helps instead of using."""

    __table__ = schema.alternatives_table
    id: Mapped[int]
    text: Mapped[str]
    archived: Mapped[bool]
    created_at: Mapped[dt.datetime]


class SupportContact(Base):
    """A support line the user added (their own local numbers)."""

    __table__ = schema.support_contacts_table
    id: Mapped[int]
    name: Mapped[str]
    phone: Mapped[str | None]
    note: Mapped[str | None]
