"""Give every synced row a sync identity and mark what changed since the last sync (issue 15).

Revision ID: 0008
Revises: 0006 (the lead re-chains it after 0007)
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None

# Written out here rather than imported from ``storage.sync_marks``: a migration must keep
# doing what it did when later versions change that module. The statements are the same.
TABLES = (
    ("settings", "key"), ("trackables", "id"), ("entries", "id"), ("checkins", "day"),
    ("goals", "id"), ("goal_versions", "id"), ("sessions", "id"), ("my_therapist", "id"),
    ("action_plans", "id"), ("alternatives", "id"), ("support_contacts", "id"),
    ("safety_plan", "section"), ("decisional_balances", "id"), ("ideal_use_plans", "trackable_id"),
    ("questionnaire_answers", "id"), ("questionnaire_schedules", "key"),
)
CHILDREN = (("entry_tags", "entries", "entry_id"), ("trackable_classes", "trackables", "trackable_id"))
NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"


def row_triggers(table: str, key: str) -> tuple[str, ...]:
    new, old = f"CAST(NEW.{key} AS TEXT)", f"CAST(OLD.{key} AS TEXT)"
    return (
        f"""CREATE TRIGGER tg_sync_{table}_insert AFTER INSERT ON {table} BEGIN
  UPDATE sync_rows SET local_key = '~' || uuid
  WHERE table_name = '{table}' AND local_key = {new} AND deleted = 1 AND uuid IS NOT NULL;
  INSERT INTO sync_rows (table_name, local_key, uuid, changed_ms, unsent, deleted)
  VALUES ('{table}', {new}, NULL, {NOW_MS}, 1, 0)
  ON CONFLICT (table_name, local_key) DO UPDATE
  SET uuid = NULL, changed_ms = excluded.changed_ms, unsent = 1, deleted = 0;
END""",
        f"""CREATE TRIGGER tg_sync_{table}_update AFTER UPDATE ON {table} BEGIN
  UPDATE sync_rows SET unsent = 1, changed_ms = {NOW_MS}
  WHERE table_name = '{table}' AND local_key = {new};
END""",
        f"""CREATE TRIGGER tg_sync_{table}_delete AFTER DELETE ON {table} BEGIN
  UPDATE sync_rows SET unsent = 1, deleted = 1, changed_ms = {NOW_MS}
  WHERE table_name = '{table}' AND local_key = {old};
END""",
    )


def child_triggers(child: str, parent: str, column: str) -> tuple[str, ...]:
    def mark(keys: str) -> str:
        return (f"UPDATE sync_rows SET unsent = 1, changed_ms = {NOW_MS}\n"
                f"  WHERE table_name = '{parent}' AND local_key IN ({keys}) AND deleted = 0;")

    new, old = f"CAST(NEW.{column} AS TEXT)", f"CAST(OLD.{column} AS TEXT)"
    return (
        f"CREATE TRIGGER tg_sync_{child}_insert AFTER INSERT ON {child} BEGIN\n  {mark(new)}\nEND",
        f"CREATE TRIGGER tg_sync_{child}_update AFTER UPDATE ON {child} BEGIN\n"
        f"  {mark(f'{old}, {new}')}\nEND",
        f"CREATE TRIGGER tg_sync_{child}_delete AFTER DELETE ON {child} BEGIN\n  {mark(old)}\nEND",
    )


TRIGGERS = (*(s for t, k in TABLES for s in row_triggers(t, k)),
            *(s for c, p, col in CHILDREN for s in child_triggers(c, p, col)))


def upgrade() -> None:
    if "sync_rows" not in sa.inspect(op.get_bind()).get_table_names():
        op.create_table(
            "sync_rows",
            sa.Column("table_name", sa.String(64), nullable=False),
            sa.Column("local_key", sa.String(200), nullable=False),
            sa.Column("uuid", sa.String(36), nullable=True),
            sa.Column("changed_ms", sa.Integer(), nullable=False),
            sa.Column("unsent", sa.Integer(), nullable=False),
            sa.Column("deleted", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("table_name", "local_key"),
        )
        op.create_index("uq_sync_rows_uuid", "sync_rows", ["table_name", "uuid"], unique=True,
                        sqlite_where=sa.text("uuid IS NOT NULL"))
        op.create_index("ix_sync_rows_unsent", "sync_rows", ["table_name", "local_key"],
                        sqlite_where=sa.text("unsent = 1"))
    if "sync_waiting" not in sa.inspect(op.get_bind()).get_table_names():
        op.create_table(
            "sync_waiting",
            sa.Column("table_name", sa.String(64), nullable=False),
            sa.Column("uuid", sa.String(36), nullable=False),
            sa.Column("fields", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("table_name", "uuid"),
        )
    # Every existing row is new to sync: no identity yet, changed now. Rows a cut-short
    # earlier run marked already are kept (INSERT OR IGNORE), so nothing is marked twice.
    for table, key in TABLES:
        op.execute(f"INSERT OR IGNORE INTO sync_rows (table_name, local_key, uuid, changed_ms, unsent, deleted) "
                   f"SELECT '{table}', CAST({key} AS TEXT), NULL, {NOW_MS}, 1, 0 FROM {table}")
    for statement in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
        op.execute(statement)


def downgrade() -> None:
    for statement in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    op.drop_table("sync_waiting")
    op.drop_index("ix_sync_rows_unsent", table_name="sync_rows")
    op.drop_index("uq_sync_rows_uuid", table_name="sync_rows")
    op.drop_table("sync_rows")
