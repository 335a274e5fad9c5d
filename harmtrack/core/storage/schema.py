"""The database schema as SQLAlchemy Core tables: the one place tables are defined.

Every service reads and writes these tables in SQLAlchemy Core and returns typed records
(named tuples on the start-up path, dataclasses elsewhere); there are no ORM classes, so
each table is described once, here, and tests/core/test_migrations.py checks it against
the migrations.

Instants are stored in UTC (naive ``DateTime`` holding UTC) with the offset the user
was at, so the original local time can be shown; ``entries.day`` is the local day an
entry counts for, decided once at write time from the time zone and day-start setting
and indexed, because every statistic groups by it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    DDL,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    false,
    text,
)

from harmtrack.core.storage.sync_marks import SYNC_MARK_TRIGGERS
from harmtrack.core.storage.sync_state_schema import sync_state_tables


def utcnow() -> dt.datetime:
    """Now, as a naive UTC datetime (how instants are stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


metadata = MetaData()

#: One user setting, its value as JSON text.
settings_table = Table(
    "settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: Something the user tracks: a substance or a behaviour, with its unit.
trackables_table = Table(
    "trackables", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80, collation="NOCASE"), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("unit", String(40), nullable=False),
    Column("colour", String(9), nullable=False),
    Column("archived", Boolean, nullable=False, default=False),
    # The catalog key for built-in trackables, NULL for the user's own.
    Column("builtin_key", String(40), unique=True),
    Column("sort_order", Integer, nullable=False, default=0),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    CheckConstraint("kind IN ('substance', 'behaviour')", name="ck_trackable_kind"),
)

#: One logged occasion (or an urge noticed without use).
entries_table = Table(
    "entries", metadata,
    Column("id", Integer, primary_key=True),
    Column("trackable_id", Integer, ForeignKey("trackables.id", ondelete="RESTRICT"), nullable=False),
    Column("occurred_at", DateTime, nullable=False),  # naive UTC
    Column("utc_offset_min", Integer, nullable=False, default=0),
    Column("day", Date, nullable=False),
    Column("amount", Float, nullable=False),
    Column("craving", Integer),
    Column("mood", Integer),
    Column("setting", Text),
    Column("cost", Float),
    Column("note", Text),
    Column("urge_only", Boolean, nullable=False, default=False),
    Column("discuss", Boolean, nullable=False, default=False),
    # Where an imported entry came from, and a key that makes re-imports no-ops.
    Column("source", String(40)),
    Column("source_key", String(200)),
    # Extra fields from an import or the drink calculator, as JSON text.
    Column("extra", Text),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    Column("updated_at", DateTime, nullable=False, default=utcnow, onupdate=utcnow),
    CheckConstraint("amount >= 0", name="ck_entry_amount"),
    CheckConstraint("craving IS NULL OR (craving BETWEEN 0 AND 10)", name="ck_entry_craving"),
    CheckConstraint("mood IS NULL OR (mood BETWEEN 1 AND 5)", name="ck_entry_mood"),
    CheckConstraint("cost IS NULL OR cost >= 0", name="ck_entry_cost"),
    Index("ix_entries_day_trackable", "day", "trackable_id"),
    Index("ix_entries_trackable_day", "trackable_id", "day"),
    UniqueConstraint("source_key", name="uq_entries_source_key"),
)

#: A trigger or a safer-use practice attached to an entry.
entry_tags_table = Table(
    "entry_tags", metadata,
    Column("entry_id", Integer, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(10), primary_key=True),
    Column("name", String(80), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    CheckConstraint("kind IN ('trigger', 'practice')", name="ck_tag_kind"),
    Index("ix_entry_tags_kind_name", "kind", "name"),
)

#: Tags counted per day, kind, trackable and name, kept by the database itself (the
#: triggers below): a range-bounded tag count reads a few rows per day instead of
#: reaching every entry of the range and its tags. ``uses`` counts entries with use,
#: ``urges`` urge-only entries.
day_tag_counts_table = Table(
    "day_tag_counts", metadata,
    Column("kind", String(10), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("trackable_id", Integer, primary_key=True),
    Column("name", String(80), primary_key=True),
    Column("uses", Integer, nullable=False),
    Column("urges", Integer, nullable=False),
    sqlite_with_rowid=False,
    info={"derived": True},  # counted from entry_tags: not exported, never imported
)

#: The triggers that keep ``day_tag_counts`` equal to a count over ``entry_tags``, for
#: every writer (the app's services, imports, cascades, a future tool). The migration
#: that introduced the table carries the same statements.
DAY_TAG_COUNT_TRIGGERS: tuple[str, ...] = (
    # An entry's tags go before the entry itself, while its day is still known: a
    # cascade would delete them after the entry row is gone.
    """CREATE TRIGGER tg_day_tag_counts_entry_delete BEFORE DELETE ON entries BEGIN
  DELETE FROM entry_tags WHERE entry_id = OLD.id;
END""",
    """CREATE TRIGGER tg_day_tag_counts_tag_insert AFTER INSERT ON entry_tags BEGIN
  INSERT INTO day_tag_counts (kind, day, trackable_id, name, uses, urges)
  SELECT NEW.kind, e.day, e.trackable_id, NEW.name, 1 - e.urge_only, e.urge_only
  FROM entries e WHERE e.id = NEW.entry_id
  ON CONFLICT (kind, day, trackable_id, name)
  DO UPDATE SET uses = uses + excluded.uses, urges = urges + excluded.urges;
END""",
    """CREATE TRIGGER tg_day_tag_counts_tag_delete AFTER DELETE ON entry_tags BEGIN
  UPDATE day_tag_counts
  SET uses = uses - (1 - e.urge_only), urges = urges - e.urge_only
  FROM (SELECT day, trackable_id, urge_only FROM entries WHERE id = OLD.entry_id) AS e
  WHERE day_tag_counts.kind = OLD.kind AND day_tag_counts.day = e.day
    AND day_tag_counts.trackable_id = e.trackable_id AND day_tag_counts.name = OLD.name;
  DELETE FROM day_tag_counts WHERE uses <= 0 AND urges <= 0 AND kind = OLD.kind
    AND name = OLD.name
    AND (day, trackable_id) IN (SELECT day, trackable_id FROM entries WHERE id = OLD.entry_id);
END""",
    """CREATE TRIGGER tg_day_tag_counts_tag_update AFTER UPDATE OF entry_id, kind, name ON entry_tags
BEGIN
  UPDATE day_tag_counts
  SET uses = uses - (1 - e.urge_only), urges = urges - e.urge_only
  FROM (SELECT day, trackable_id, urge_only FROM entries WHERE id = OLD.entry_id) AS e
  WHERE day_tag_counts.kind = OLD.kind AND day_tag_counts.day = e.day
    AND day_tag_counts.trackable_id = e.trackable_id AND day_tag_counts.name = OLD.name;
  DELETE FROM day_tag_counts WHERE uses <= 0 AND urges <= 0;
  INSERT INTO day_tag_counts (kind, day, trackable_id, name, uses, urges)
  SELECT NEW.kind, e.day, e.trackable_id, NEW.name, 1 - e.urge_only, e.urge_only
  FROM entries e WHERE e.id = NEW.entry_id
  ON CONFLICT (kind, day, trackable_id, name)
  DO UPDATE SET uses = uses + excluded.uses, urges = urges + excluded.urges;
END""",
    """CREATE TRIGGER tg_day_tag_counts_entry_move AFTER UPDATE OF day, trackable_id, urge_only ON entries
WHEN OLD.day IS NOT NEW.day OR OLD.trackable_id IS NOT NEW.trackable_id
  OR OLD.urge_only IS NOT NEW.urge_only
BEGIN
  UPDATE day_tag_counts
  SET uses = uses - (1 - OLD.urge_only), urges = urges - OLD.urge_only
  WHERE day = OLD.day AND trackable_id = OLD.trackable_id
    AND (kind, name) IN (SELECT kind, name FROM entry_tags WHERE entry_id = OLD.id);
  DELETE FROM day_tag_counts WHERE day = OLD.day AND trackable_id = OLD.trackable_id
    AND uses <= 0 AND urges <= 0;
  INSERT INTO day_tag_counts (kind, day, trackable_id, name, uses, urges)
  SELECT t.kind, NEW.day, NEW.trackable_id, t.name, 1 - NEW.urge_only, NEW.urge_only
  FROM entry_tags t WHERE t.entry_id = NEW.id
  ON CONFLICT (kind, day, trackable_id, name)
  DO UPDATE SET uses = uses + excluded.uses, urges = urges + excluded.urges;
END""",
)

#: Fills ``day_tag_counts`` from scratch (the migration, and a check in the tests).
DAY_TAG_COUNTS_FROM_TAGS = """SELECT t.kind, e.day, e.trackable_id, t.name,
  sum(1 - e.urge_only), sum(e.urge_only)
FROM entry_tags t JOIN entries e ON e.id = t.entry_id
GROUP BY t.kind, e.day, e.trackable_id, t.name"""

for _statement in DAY_TAG_COUNT_TRIGGERS:
    event.listen(metadata, "after_create", DDL(_statement))

#: Each synced row's sync identity and whether it changed since the last sync pass, kept by
#: the triggers in ``sync_marks`` (issue 15). Bookkeeping, not typed by the user.
sync_rows_table = Table(
    "sync_rows", metadata,
    Column("table_name", String(64), primary_key=True),
    Column("local_key", String(200), primary_key=True),  # the row's primary key as text
    Column("uuid", String(36)),  # NULL until a sync pass assigns it
    Column("changed_ms", Integer, nullable=False),
    Column("unsent", Integer, nullable=False),
    Column("deleted", Integer, nullable=False),
    Index("uq_sync_rows_uuid", "table_name", "uuid", unique=True, sqlite_where=text("uuid IS NOT NULL")),
    Index("ix_sync_rows_unsent", "table_name", "local_key", sqlite_where=text("unsent = 1")),
    info={"derived": True},
)
for _statement in SYNC_MARK_TRIGGERS:
    event.listen(metadata, "after_create", DDL(_statement))

#: Merged rows whose parent has not arrived yet, as JSON fields: tried again every pass.
sync_waiting_table = Table(
    "sync_waiting", metadata,
    Column("table_name", String(64), primary_key=True),
    Column("uuid", String(36), primary_key=True),
    Column("fields", Text, nullable=False),
    info={"derived": True},
)

#: A "nothing to log today" check-in: the day was logged and had no use.
checkins_table = Table(
    "checkins", metadata,
    Column("day", Date, primary_key=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

#: A reduction goal for one trackable; its targets live in dated versions.
goals_table = Table(
    "goals", metadata,
    Column("id", Integer, primary_key=True),
    Column("trackable_id", Integer, ForeignKey("trackables.id", ondelete="RESTRICT"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("practice", String(80)),
    # 'linear' or 'percent' when the goal is a taper plan, else NULL.
    Column("taper_style", String(10)),
    Column("archived", Boolean, nullable=False, default=False),
    # The local day the goal was archived; periods after it are not judged.
    Column("archived_on", Date),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    CheckConstraint(
        "type IN ('daily-max', 'weekly-max', 'free-days', 'practice', 'money-weekly')",
        name="ck_goal_type",
    ),
)

#: A goal's target from a date on (until the next version).
goal_versions_table = Table(
    "goal_versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("goal_id", Integer, ForeignKey("goals.id", ondelete="CASCADE"), nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("target", Float, nullable=False),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    UniqueConstraint("goal_id", "effective_from", name="uq_goal_version_from"),
    CheckConstraint("target >= 0", name="ck_goal_target"),
)

#: A therapy session the user had; the latest is "last session".
sessions_table = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("date", Date, nullable=False, index=True),
    Column("therapist", String(120)),
    Column("note", Text),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    # What the client wants to talk about, written before the session.
    Column("agenda", Text),
    # True for the one row being prepared for the next session (its agenda, written
    # beforehand); it becomes a held session when the session is recorded.
    Column("planned", Boolean, nullable=False, default=False, server_default=false()),
)

#: The user's own therapist (at most one row), shown on reports.
my_therapist_table = Table(
    "my_therapist", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("practice", String(120)),
    Column("phone", String(40)),
    Column("email", String(120)),
    Column("url", String(300)),
    Column("next_session", Date),
)

#: An if-then plan tied to one of the user's triggers.
action_plans_table = Table(
    "action_plans", metadata,
    Column("id", Integer, primary_key=True),
    Column("trigger", String(80, collation="NOCASE"), nullable=False, index=True),
    Column("plan", Text, nullable=False),
    Column("archived", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

#: Something the user finds helps instead of using.
alternatives_table = Table(
    "alternatives", metadata,
    Column("id", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("archived", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

#: A support line the user added (their own local numbers).
support_contacts_table = Table(
    "support_contacts", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("phone", String(60)),
    Column("note", Text),
)

#: One section of the user's own safety plan (care/safety_plan.py names the sections).
safety_plan_table = Table(
    "safety_plan", metadata,
    Column("section", String(24), primary_key=True),
    Column("text", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False, default=utcnow, onupdate=utcnow),
)

#: A trackable the user put in a class of depressants (built-ins get theirs from
#: resources/combinations.json), so safer-use warnings know it.
trackable_classes_table = Table(
    "trackable_classes", metadata,
    Column("trackable_id", Integer, ForeignKey("trackables.id", ondelete="CASCADE"), primary_key=True),
    Column("class_key", String(24), primary_key=True),
)

#: What a substance or behaviour gives the user and what it costs them, on a date.
decisional_balances_table = Table(
    "decisional_balances", metadata,
    Column("id", Integer, primary_key=True),
    Column("trackable_id", Integer, ForeignKey("trackables.id", ondelete="CASCADE"), nullable=False),
    Column("date", Date, nullable=False),
    Column("gives", Text, nullable=False),
    Column("costs", Text, nullable=False),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    Index("ix_decisional_balances_trackable_date", "trackable_id", "date"),
)

#: "What I'd like my use to look like", one per trackable.
ideal_use_plans_table = Table(
    "ideal_use_plans", metadata,
    Column("trackable_id", Integer, ForeignKey("trackables.id", ondelete="CASCADE"), primary_key=True),
    Column("text", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False, default=utcnow, onupdate=utcnow),
)

#: A questionnaire taken: one per instrument and day (taking it again that day replaces it).
#: ``answers`` is the JSON list of answers as given (option scores, "yes"/"no"); ``total``
#: and ``band`` are what the core computed from them, kept so history reads them fast.
questionnaire_answers_table = Table(
    "questionnaire_answers", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(40), nullable=False),
    Column("date", Date, nullable=False),
    Column("answers", Text, nullable=False),
    Column("total", Integer, nullable=False),
    Column("band", Text),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    Column("updated_at", DateTime, nullable=False, default=utcnow, onupdate=utcnow),
    UniqueConstraint("key", "date", name="uq_questionnaire_answers_key_date"),
)

#: How often the user chose to take an instrument: every N weeks, or before each session.
questionnaire_schedules_table = Table(
    "questionnaire_schedules", metadata,
    Column("key", String(40), primary_key=True),
    Column("every_weeks", Integer),
    Column("before_sessions", Boolean, nullable=False, default=False),
    # The local day the schedule was set: an instrument never taken is due from then.
    Column("since", Date, nullable=False),
    CheckConstraint("every_weeks IS NULL OR (every_weeks BETWEEN 1 AND 52)",
                    name="ck_questionnaire_every_weeks"),
    CheckConstraint("(every_weeks IS NULL) = (before_sessions = 1)", name="ck_questionnaire_schedule_one"),
)

#: Sync's own state (issue 15, migration 0009): the merged assignments, the superseded ones,
#: conflicts, this device's sync settings, the change files read. Described in
#: ``sync_state_schema`` (this module is at its size limit), on this metadata.
(sync_merged_table, sync_superseded_table, sync_conflicts_table, sync_state_table,
 sync_files_table) = sync_state_tables(metadata)
