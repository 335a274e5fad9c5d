"""Record the day a goal was archived, so its history ends there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A file can carry an older stamp than its tables (a copy stamped by hand, a
    # migration cut short after its DDL): a column already there is left as it is.
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("goals")}
    if "archived_on" in columns:
        return
    # Goals archived before this version keep a NULL date: they are judged up to today,
    # as they were before, rather than guessing when they stopped.
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_column("archived_on")
