"""Questionnaires: the answers (one per instrument and day) and the user's schedules.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = set(sa.inspect(op.get_bind()).get_table_names())
    if "questionnaire_answers" not in tables:
        op.create_table(
            "questionnaire_answers",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("key", sa.String(length=40), nullable=False),
            sa.Column("date", sa.Date(), nullable=False),
            sa.Column("answers", sa.Text(), nullable=False),
            sa.Column("total", sa.Integer(), nullable=False),
            sa.Column("band", sa.Text(), nullable=True),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("key", "date", name="uq_questionnaire_answers_key_date"),
        )
    if "questionnaire_schedules" not in tables:
        op.create_table(
            "questionnaire_schedules",
            sa.Column("key", sa.String(length=40), nullable=False),
            sa.Column("every_weeks", sa.Integer(), nullable=True),
            sa.Column("before_sessions", sa.Boolean(), nullable=False),
            sa.Column("since", sa.Date(), nullable=False),
            sa.CheckConstraint("every_weeks IS NULL OR (every_weeks BETWEEN 1 AND 52)",
                               name="ck_questionnaire_every_weeks"),
            sa.CheckConstraint("(every_weeks IS NULL) = (before_sessions = 1)",
                               name="ck_questionnaire_schedule_one"),
            sa.PrimaryKeyConstraint("key"),
        )


def downgrade() -> None:
    op.drop_table("questionnaire_schedules")
    op.drop_table("questionnaire_answers")
