"""Finding damage in a database before it spreads into the backups.

A file whose pages are damaged but whose header is intact still opens, and each day's
backup would copy the damage until no sound copy is left. So a database is checked
(``PRAGMA quick_check``) before every backup and on the first open of each day, and a
command that meets damage stops with one line naming the newest backup that is sound.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harmtrack.core.common.errors import DatabaseDamaged, HarmTrackError

if TYPE_CHECKING:
    from harmtrack.core.storage.db import Database
    from harmtrack.core.storage.engine import Connector

log = logging.getLogger(__name__)

#: Words SQLite uses when a page it reads is not what a page should be.
DAMAGE_WORDS = ("malformed", "file is not a database", "database corrupt", "disk image")


def looks_damaged(exc: BaseException) -> bool:
    """True when a driver error says the file's pages are damaged."""
    text = str(exc).lower()
    return any(word in text for word in DAMAGE_WORDS)


def quick_check(connector: Connector) -> str | None:
    """None when the database behind ``connector`` passes ``quick_check``, else what failed.

    A read: it takes no write lock, so writers in other processes go on meanwhile.
    """
    try:
        conn = connector()
    except Exception as exc:  # noqa: BLE001 - sqlite3 or SQLCipher
        return str(exc) if looks_damaged(exc) else None
    try:
        rows = conn.execute("PRAGMA quick_check(3)").fetchall()
    except Exception as exc:  # noqa: BLE001 - sqlite3 or SQLCipher
        if looks_damaged(exc):
            return str(exc)
        raise
    finally:
        conn.close()
    problems = [str(r[0]) for r in rows if r and r[0] != "ok"]
    return "; ".join(problems) if problems else None


def backup_is_sound(path: Path, db: Database | None = None) -> bool:
    """True when the backup at ``path`` passes ``integrity_check`` (read without writing:
    no ``-wal``/``-shm`` files appear beside it)."""
    from harmtrack.core.storage.file_checks import has_plain_header

    if not has_plain_header(path):
        from harmtrack.core.storage.backup_files import check_backup

        try:  # encrypted: only the folder's own key can read it
            check_backup(path, db)
        except HarmTrackError:
            return False
        return True
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("PRAGMA integrity_check(1)").fetchone()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return bool(row and row[0] == "ok" and {"entries", "alembic_version"} <= tables)


def newest_sound_backup(folder: Path, db: Database | None = None) -> Path | None:
    """The newest backup in ``folder`` that passes its integrity check (None if none)."""
    from harmtrack.core.storage.backup_files import list_backups

    for info in list_backups(folder):
        try:
            if backup_is_sound(info.path, db):
                return info.path
        except Exception:  # noqa: BLE001 - an unreadable file is simply not a candidate
            log.debug("backup check failed", exc_info=True)
    return None


def damaged(folder: Path, detail: str, db: Database | None = None, *,
            what: str | None = None) -> DatabaseDamaged:
    """The error for a damaged database: what is wrong and which backup to restore.

    ``what`` replaces the opening "the database is damaged (detail)".
    """
    backup = newest_sound_backup(folder, db)
    # One line: SQLite's report can run over several (one per damaged page).
    detail = " ".join(detail.split(";")[0].split()).rstrip(".")
    if len(detail) > 120:
        detail = detail[:117] + "…"
    if what is None:
        what = f"the database is damaged ({detail})"
    if backup is None:
        hint = "no sound backup was found; keep a copy of the folder and ask for help"
    else:
        hint = (f"your newest sound backup is {backup} — restore it (Data & privacy ▸ Restore "
                f"from a backup…, or: harmtrack restore '{backup}')")
    return DatabaseDamaged(f"{what}; nothing was changed; {hint}", backup, what)


def check_database(db: Database) -> None:
    """Raise DatabaseDamaged unless ``db`` passes ``quick_check``."""
    problem = quick_check(db.connector)
    if problem is not None:
        log.info("database failed its quick check")
        raise damaged(db.path.parent, problem, db)


def on_driver_error(db: Database) -> Any:
    """An engine ``handle_error`` listener turning damaged-page errors into DatabaseDamaged."""

    def handle_error(context: Any) -> None:
        orig = context.original_exception
        if orig is not None and looks_damaged(orig):
            raise damaged(db.path.parent, str(orig), db) from orig

    return handle_error
