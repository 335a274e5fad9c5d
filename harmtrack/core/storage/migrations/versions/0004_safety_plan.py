"""The harm-reduction tools therapists use: the user's safety plan, depressant classes
for their own trackables, decisional balances and ideal-use plans.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # New tables only: nothing that exists is changed, and a file that has them already
    # (a migration cut short after its DDL) keeps them as they are.
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "safety_plan" not in existing:
        op.create_table(
            "safety_plan",
            sa.Column("section", sa.String(24), primary_key=True),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
        )
    if "trackable_classes" not in existing:
        op.create_table(
            "trackable_classes",
            sa.Column("trackable_id", sa.Integer(),
                      sa.ForeignKey("trackables.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("class_key", sa.String(24), primary_key=True),
        )
    if "decisional_balances" not in existing:
        op.create_table(
            "decisional_balances",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("trackable_id", sa.Integer(),
                      sa.ForeignKey("trackables.id", ondelete="CASCADE"), nullable=False),
            sa.Column("date", sa.Date(), nullable=False),
            sa.Column("gives", sa.Text(), nullable=False),
            sa.Column("costs", sa.Text(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
        )
        op.create_index("ix_decisional_balances_trackable_date", "decisional_balances",
                        ["trackable_id", "date"])
    if "ideal_use_plans" not in existing:
        op.create_table(
            "ideal_use_plans",
            sa.Column("trackable_id", sa.Integer(),
                      sa.ForeignKey("trackables.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
        )


def downgrade() -> None:
    op.drop_table("ideal_use_plans")
    op.drop_index("ix_decisional_balances_trackable_date", table_name="decisional_balances")
    op.drop_table("decisional_balances")
    op.drop_table("trackable_classes")
    op.drop_table("safety_plan")
