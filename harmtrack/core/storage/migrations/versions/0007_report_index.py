"""Index each trackable's days with their amounts, so daily and weekly totals read the index
only, and the few entries marked to discuss, so a report finds them without reading the range.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD, NEW = "ix_entries_trackable_day", "ix_entries_trackable_day_amount"
DISCUSS = "ix_entries_discuss"


def upgrade() -> None:
    # The new index starts with the old one's columns, so it serves every query the old
    # one did; keeping both would only slow down each insert.
    names = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("entries")}
    if NEW not in names:  # a file stamped older than its indexes keeps what it has
        op.create_index(NEW, "entries", ["trackable_id", "day", "urge_only", "amount"])
    if OLD in names:
        op.drop_index(OLD, table_name="entries")
    if DISCUSS not in names:  # partial: it holds only the entries marked to discuss
        op.create_index(DISCUSS, "entries", ["day", "trackable_id"],
                        sqlite_where=sa.text("discuss IS 1"))


def downgrade() -> None:
    op.drop_index(DISCUSS, table_name="entries")
    op.create_index(OLD, "entries", ["trackable_id", "day"])
    op.drop_index(NEW, table_name="entries")
