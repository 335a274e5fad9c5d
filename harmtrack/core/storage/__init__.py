"""The database and its folder: the open database (``db``), opening a file (``opening``),
the engine and its pragmas (``engine``), the one description of each table (``schema``),
schema revisions and Alembic migrations (``revisions``), SQLCipher keys and keyed files
(``sqlcipher``, with the passphrase rule in ``passphrases``), opening a data folder
(``data_folder``), backups (``backups``, ``backup_files``) and their integrity checks,
the folder lock, the change journal, owner-only file modes (``private_files``) and the
settings row, which re-files each entry's stored day when the day boundary moves.

May import ``quantities`` and ``common``; knows nothing of goals or charts.
"""
