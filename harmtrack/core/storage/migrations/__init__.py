"""Alembic migration environment, packaged with the code and run at open."""
