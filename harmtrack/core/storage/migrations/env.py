"""Alembic environment: always run by HarmTrack with a live connection.

``harmtrack.core.storage.revisions`` hands the connection over in ``config.attributes`` so that
migrations run inside the app's own engine (and, with encryption, its key).
"""

from __future__ import annotations

from alembic import context

from harmtrack.core.storage.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate`
    from sqlalchemy import create_engine

    url = config.get_main_option("sqlalchemy.url") or "sqlite://"
    connectable = create_engine(url)
    connection = connectable.connect()

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
