"""Opening a data folder: find its database, ask for what it needs, open it.

The one entry point both the GUI and the command line use, so folder rules
(encryption marker, daily backups) live in one place.
"""

from __future__ import annotations

import os
from pathlib import Path

from harmtrack.paths import data_dir, database_path

from .db import Database, open_database
from .errors import DatabaseError


def open_data_folder(folder: str | os.PathLike[str] | None = None, *, create: bool = True,
                     interactive: bool = False, passphrase: str | None = None) -> Database:
    """Open the HarmTrack database in a data folder (default: the user's data folder)."""
    root = data_dir(folder)
    if root.exists() and not root.is_dir():
        raise DatabaseError(f"{root} is not a folder")
    return open_database(database_path(root), create=create)


def folder_of(db: Database) -> Path:
    """The data folder a database lives in."""
    return db.path.parent
