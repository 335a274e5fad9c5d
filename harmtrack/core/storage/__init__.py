"""The database and its folder: engine and pragmas (``db``), the one description of each
table (``schema``), Alembic migrations, opening a data folder (``data_folder``), backups
and their integrity checks, the folder lock, the change journal, owner-only file modes
(``private_files``) and the settings row.

May import ``quantities`` and ``common``; knows nothing of entries, goals or charts.
"""
