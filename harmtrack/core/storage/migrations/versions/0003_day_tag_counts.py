"""Keep tag counts per day in the database, so range-bounded tag counts read a few rows.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The statements are written out here rather than imported from ``schema``: a migration
# must keep doing what it did when later versions change the schema module.
TRIGGERS = (
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


def upgrade() -> None:
    bind = op.get_bind()
    if "day_tag_counts" not in sa.inspect(bind).get_table_names():
        op.create_table(
            "day_tag_counts",
            sa.Column("kind", sa.String(10), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("trackable_id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(80), nullable=False),
            sa.Column("uses", sa.Integer(), nullable=False),
            sa.Column("urges", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("kind", "day", "trackable_id", "name"),
            sqlite_with_rowid=False,
        )
    # Counted afresh from the tags, whatever a cut-short earlier run left.
    op.execute("DELETE FROM day_tag_counts")
    op.execute("INSERT INTO day_tag_counts (kind, day, trackable_id, name, uses, urges) "
               "SELECT t.kind, e.day, e.trackable_id, t.name, sum(1 - e.urge_only), sum(e.urge_only) "
               "FROM entry_tags t JOIN entries e ON e.id = t.entry_id "
               "GROUP BY t.kind, e.day, e.trackable_id, t.name")
    for statement in TRIGGERS:
        name = statement.split()[2]
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(statement)


def downgrade() -> None:
    for statement in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    op.drop_table("day_tag_counts")
