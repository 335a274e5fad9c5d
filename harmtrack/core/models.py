"""SQLAlchemy 2 typed models: the whole HarmTrack schema.

Instants are stored in UTC (naive ``DateTime`` holding UTC) with the offset the user
was at, so the original local time can be shown; ``day`` is the local day an entry
counts for, decided once at write time from the time zone and day-start setting and
indexed, because every statistic groups by it.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    """Now, as a naive UTC datetime (how instants are stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """One user setting, its value as JSON text."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Trackable(Base):
    """Something the user tracks: a substance or a behaviour, with its unit."""

    __tablename__ = "trackables"
    __table_args__ = (
        CheckConstraint("kind IN ('substance', 'behaviour')", name="ck_trackable_kind"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80, collation="NOCASE"), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(40))
    colour: Mapped[str] = mapped_column(String(9))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The catalog key for built-in trackables, None for the user's own.
    builtin_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    entries: Mapped[list[Entry]] = relationship(back_populates="trackable")


class Entry(Base):
    """One logged occasion (or an urge noticed without use)."""

    __tablename__ = "entries"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="ck_entry_amount"),
        CheckConstraint("craving IS NULL OR (craving BETWEEN 0 AND 10)", name="ck_entry_craving"),
        CheckConstraint("mood IS NULL OR (mood BETWEEN 1 AND 5)", name="ck_entry_mood"),
        CheckConstraint("cost IS NULL OR cost >= 0", name="ck_entry_cost"),
        Index("ix_entries_day_trackable", "day", "trackable_id"),
        Index("ix_entries_trackable_day", "trackable_id", "day"),
        UniqueConstraint("source_key", name="uq_entries_source_key"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trackable_id: Mapped[int] = mapped_column(ForeignKey("trackables.id", ondelete="RESTRICT"))
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime)  # naive UTC
    utc_offset_min: Mapped[int] = mapped_column(Integer, default=0)
    day: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[float] = mapped_column(Float)
    craving: Mapped[int | None] = mapped_column(Integer)
    mood: Mapped[int | None] = mapped_column(Integer)
    setting: Mapped[str | None] = mapped_column(Text)
    cost: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    urge_only: Mapped[bool] = mapped_column(Boolean, default=False)
    discuss: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Where an imported entry came from, and a key that makes re-imports no-ops.
    source: Mapped[str | None] = mapped_column(String(40))
    source_key: Mapped[str | None] = mapped_column(String(200))
    #: Extra fields from an import or the drink calculator, as JSON text.
    extra: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    trackable: Mapped[Trackable] = relationship(back_populates="entries")
    tags: Mapped[list[EntryTag]] = relationship(
        cascade="all, delete-orphan", order_by="EntryTag.position"
    )


class EntryTag(Base):
    """A trigger or a safer-use practice attached to an entry."""

    __tablename__ = "entry_tags"
    __table_args__ = (
        CheckConstraint("kind IN ('trigger', 'practice')", name="ck_tag_kind"),
        Index("ix_entry_tags_kind_name", "kind", "name"),
    )
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CheckIn(Base):
    """A "nothing to log today" check-in: the day was logged and had no use."""

    __tablename__ = "checkins"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Goal(Base):
    """A reduction goal for one trackable; its targets live in dated versions."""

    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint(
            "type IN ('daily-max', 'weekly-max', 'free-days', 'practice', 'money-weekly')",
            name="ck_goal_type",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trackable_id: Mapped[int] = mapped_column(ForeignKey("trackables.id", ondelete="RESTRICT"))
    type: Mapped[str] = mapped_column(String(16))
    practice: Mapped[str | None] = mapped_column(String(80))
    #: 'linear' or 'percent' when the goal is a taper plan, else None.
    taper_style: Mapped[str | None] = mapped_column(String(10))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The local day the goal was archived; periods after it are not judged.
    archived_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    versions: Mapped[list[GoalVersion]] = relationship(
        cascade="all, delete-orphan", order_by="GoalVersion.effective_from"
    )


class GoalVersion(Base):
    """A goal's target from a date on (until the next version)."""

    __tablename__ = "goal_versions"
    __table_args__ = (
        UniqueConstraint("goal_id", "effective_from", name="uq_goal_version_from"),
        CheckConstraint("target >= 0", name="ck_goal_target"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    target: Mapped[float] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TherapySession(Base):
    """A therapy session the user had; the latest is "last session"."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    therapist: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class MyTherapist(Base):
    """The user's own therapist (at most one row), shown on reports."""

    __tablename__ = "my_therapist"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    practice: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(120))
    url: Mapped[str | None] = mapped_column(String(300))
    next_session: Mapped[dt.date | None] = mapped_column(Date)


class ActionPlan(Base):
    """An if-then plan tied to one of the user's triggers."""

    __tablename__ = "action_plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trigger: Mapped[str] = mapped_column(String(80, collation="NOCASE"), index=True)
    plan: Mapped[str] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Alternative(Base):
    """Something the user finds helps instead of using."""

    __tablename__ = "alternatives"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SupportContact(Base):
    """A support line the user added (their own local numbers)."""

    __tablename__ = "support_contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)


# --- the tables themselves, for reads in SQLAlchemy Core -------------------------------------
# Reads that only build plain records (statistics, and what the first screen shows) select
# columns of these tables instead of going through the mapped classes: a Core statement
# compiles in a fraction of the time, and the ORM's one-time set-up (configuring every
# mapper, ≈8 ms) is then not paid before the first window appears.
settings_table = cast(Table, Setting.__table__)
trackables_table = cast(Table, Trackable.__table__)
entries_table = cast(Table, Entry.__table__)
entry_tags_table = cast(Table, EntryTag.__table__)
checkins_table = cast(Table, CheckIn.__table__)
goals_table = cast(Table, Goal.__table__)
goal_versions_table = cast(Table, GoalVersion.__table__)
