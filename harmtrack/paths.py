"""Where HarmTrack keeps its data, and where the bundled resources live.

The data folder comes from, in order: an explicit ``--data-dir``, the
``HARMTRACK_DATA_DIR`` environment variable, then the platform's user data folder
(platformdirs). Nothing here imports Qt, so the command line can use it.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path

APP_NAME = "HarmTrack"
DB_FILENAME = "harmtrack.sqlite3"
#: Set for an instance opened on example data: the example folder it removes when it ends.
EXAMPLE_ENV = "HARMTRACK_EXAMPLE_DATA"

#: resources/ sits next to the package in a checkout and in an editable install.
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of a bundled resource file."""
    return RESOURCES_DIR.joinpath(*parts)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to use (not created here)."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("HARMTRACK_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    # Imported lazily: only needed when no folder was given.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@lru_cache(maxsize=1)
def icon_cache_dir() -> Path | None:
    """Where the app keeps its drawn icons between starts (the user cache folder; nothing
    the user typed goes there), or None when the platform names none."""
    import platformdirs

    try:
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "icons"
    except (OSError, RuntimeError):  # e.g. no home folder known
        return None


def database_path(folder: Path) -> Path:
    """The SQLite file inside a data folder."""
    return folder / DB_FILENAME


def backups_dir(folder: Path) -> Path:
    """Where automatic and manual backups go."""
    return folder / "backups"


def daily_backup_path(folder: Path, day: date) -> Path:
    """The automatic backup of ``day`` (one per day, see ``harmtrack.core.storage.backups``)."""
    return backups_dir(folder) / f"daily-{day.isoformat()}.sqlite3"


def log_dir(folder: Path) -> Path:
    """Where the app's rotating log file lives (never holds user-typed values)."""
    return folder / "logs"
