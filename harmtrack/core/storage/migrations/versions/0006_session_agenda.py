"""Keep the client's agenda with a session, and the next session's agenda before it happens.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A file stamped older than its tables keeps the columns it already has (as 0002 does).
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sessions")}
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        if "agenda" not in columns:
            batch_op.add_column(sa.Column("agenda", sa.Text(), nullable=True))
        if "planned" not in columns:
            # Sessions recorded before this version all happened: planned is false for them.
            batch_op.add_column(sa.Column("planned", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("planned")
        batch_op.drop_column("agenda")
