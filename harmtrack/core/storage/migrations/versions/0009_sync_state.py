"""Sync state (issue 15): the merged assignments, the superseded ones, conflicts and their
"seen" marks, the change files applied or skipped, and this device's sync settings.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("sync_merged", "sync_superseded", "sync_conflicts", "sync_state", "sync_files")


def upgrade() -> None:
    # New tables only, each created if missing (a migration cut short keeps what it made).
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "sync_merged" not in existing:
        op.create_table(
            "sync_merged",
            sa.Column("table_name", sa.String(64), primary_key=True),
            sa.Column("uuid", sa.String(36), primary_key=True),
            sa.Column("deleted", sa.Boolean(), nullable=False),
            sa.Column("fields", sa.Text(), nullable=False),
        )
    if "sync_superseded" not in existing:
        op.create_table(
            "sync_superseded",
            sa.Column("table_name", sa.String(64), primary_key=True),
            sa.Column("uuid", sa.String(36), primary_key=True),
            sa.Column("field", sa.String(64), primary_key=True),
            sa.Column("clock", sa.String(64), primary_key=True),
            sa.Column("base", sa.String(64), nullable=False),
            sa.Column("device", sa.String(32), nullable=False),
            sa.Column("value", sa.Text(), nullable=False),
        )
    if "sync_conflicts" not in existing:
        op.create_table(
            "sync_conflicts",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("table_name", sa.String(64), nullable=False),
            sa.Column("uuid", sa.String(36), nullable=False),
            sa.Column("field", sa.String(64), nullable=False),
            sa.Column("kept_clock", sa.String(64), nullable=False),
            sa.Column("other_clock", sa.String(64), nullable=False),
            sa.Column("seen", sa.Boolean(), nullable=False),
            sa.UniqueConstraint("table_name", "uuid", "field", "kept_clock", "other_clock",
                                name="uq_sync_conflicts_pair"),
        )
    if "sync_state" not in existing:
        op.create_table(
            "sync_state",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("value", sa.Text(), nullable=False),
        )
    if "sync_files" not in existing:
        op.create_table(
            "sync_files",
            sa.Column("device", sa.String(32), primary_key=True),
            sa.Column("name", sa.String(64), primary_key=True),
            sa.Column("reason", sa.Text(), nullable=True),
        )


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
