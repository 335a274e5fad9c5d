"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 23:30:10.704033
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('action_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=80, collation='NOCASE'), nullable=False),
    sa.Column('plan', sa.Text(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('action_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_plans_trigger'), ['trigger'], unique=False)

    op.create_table('alternatives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('checkins',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    op.create_table('my_therapist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('practice', sa.String(length=120), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.Column('url', sa.String(length=300), nullable=True),
    sa.Column('next_session', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('therapist', sa.String(length=120), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sessions_date'), ['date'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('support_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=60), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('trackables',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80, collation='NOCASE'), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('colour', sa.String(length=9), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('builtin_key', sa.String(length=40), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('substance', 'behaviour')", name='ck_trackable_kind'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('builtin_key'),
    sa.UniqueConstraint('name')
    )
    op.create_table('entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trackable_id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('utc_offset_min', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('amount', sa.Float(), nullable=False),
    sa.Column('craving', sa.Integer(), nullable=True),
    sa.Column('mood', sa.Integer(), nullable=True),
    sa.Column('setting', sa.Text(), nullable=True),
    sa.Column('cost', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('urge_only', sa.Boolean(), nullable=False),
    sa.Column('discuss', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=True),
    sa.Column('source_key', sa.String(length=200), nullable=True),
    sa.Column('extra', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('amount >= 0', name='ck_entry_amount'),
    sa.CheckConstraint('cost IS NULL OR cost >= 0', name='ck_entry_cost'),
    sa.CheckConstraint('craving IS NULL OR (craving BETWEEN 0 AND 10)', name='ck_entry_craving'),
    sa.CheckConstraint('mood IS NULL OR (mood BETWEEN 1 AND 5)', name='ck_entry_mood'),
    sa.ForeignKeyConstraint(['trackable_id'], ['trackables.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source_key', name='uq_entries_source_key')
    )
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_index('ix_entries_day_trackable', ['day', 'trackable_id'], unique=False)
        batch_op.create_index('ix_entries_trackable_day', ['trackable_id', 'day'], unique=False)

    op.create_table('goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trackable_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('practice', sa.String(length=80), nullable=True),
    sa.Column('taper_style', sa.String(length=10), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("type IN ('daily-max', 'weekly-max', 'free-days', 'practice', 'money-weekly')", name='ck_goal_type'),
    sa.ForeignKeyConstraint(['trackable_id'], ['trackables.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('entry_tags',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('trigger', 'practice')", name='ck_tag_kind'),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entry_id', 'kind', 'name')
    )
    with op.batch_alter_table('entry_tags', schema=None) as batch_op:
        batch_op.create_index('ix_entry_tags_kind_name', ['kind', 'name'], unique=False)

    op.create_table('goal_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('target >= 0', name='ck_goal_target'),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('goal_id', 'effective_from', name='uq_goal_version_from')
    )


def downgrade() -> None:
    op.drop_table('goal_versions')
    with op.batch_alter_table('entry_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_entry_tags_kind_name')

    op.drop_table('entry_tags')
    op.drop_table('goals')
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index('ix_entries_trackable_day')
        batch_op.drop_index('ix_entries_day_trackable')

    op.drop_table('entries')
    op.drop_table('trackables')
    op.drop_table('support_contacts')
    op.drop_table('settings')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sessions_date'))

    op.drop_table('sessions')
    op.drop_table('my_therapist')
    op.drop_table('checkins')
    op.drop_table('alternatives')
    with op.batch_alter_table('action_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_plans_trigger'))

    op.drop_table('action_plans')
