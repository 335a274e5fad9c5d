"""The schema revision of a file: reading it, writing a fresh schema, migrating with Alembic.

Reading the revision is on the start-up path, so it is a bare DB-API query and Alembic
(≈150 ms to import) is loaded only when an upgrade is actually due.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from harmtrack.core.common.errors import DATABASE_LOCKED, DatabaseError, NotHarmTrackDatabase
from harmtrack.core.storage.engine import Connector, write_engine
from harmtrack.core.storage.file_checks import disk_full

#: Every migration revision, oldest first. The last one is the head this code writes.
#: A test checks this list against the Alembic scripts in ``migrations/versions``.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0008", "0009")
HEAD = REVISIONS[-1]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def read_revision(connector: Connector, folder: Path | None = None) -> str | None:
    """The schema revision stored in the file, None for an empty file.

    ``folder``: where the file is, to tell a full disk from a damaged file.

    Raises NotHarmTrackDatabase for a file that is SQLite but not ours, or damaged.
    """
    try:
        conn = connector()
    except sqlite3.Error as exc:
        if disk_full(exc, folder):
            raise DatabaseError("the disk is full; nothing was saved") from exc
        raise NotHarmTrackDatabase(f"cannot open the database file: {exc}") from exc
    try:
        tables = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:
            return None
        if "alembic_version" not in tables or "entries" not in tables:
            raise NotHarmTrackDatabase(
                "this file is an SQLite database but not a HarmTrack one; it was left untouched"
            )
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None:
            raise NotHarmTrackDatabase("the database has no schema version; it was left untouched")
        return str(row[0])
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc).lower():
            raise DatabaseError(DATABASE_LOCKED) from exc
        if disk_full(exc, folder):
            raise DatabaseError("the disk is full; nothing was saved") from exc
        raise NotHarmTrackDatabase(
            f"the database file is damaged or not a HarmTrack database ({exc}); "
            "it was left untouched"
        ) from exc
    finally:
        conn.close()


def create_fresh(engine: Engine) -> None:
    """Create every table of ``schema`` in an empty file and stamp it with the head revision."""
    from harmtrack.core.storage.schema import metadata

    with write_engine(engine).begin() as conn:
        metadata.create_all(conn)
        conn.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS alembic_version ("
            "version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (?)", (HEAD,))


def alembic_config() -> Any:
    """An Alembic Config pointing at the packaged migrations (imports Alembic)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the Alembic migrations on an open engine up to ``target``."""
    from alembic import command

    cfg = alembic_config()
    with write_engine(engine).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def pre_migration_backup_path(path: Path, revision: str) -> Path:
    """Where the copy taken before a migration goes."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.parent / "backups" / f"before-migration-{revision}-{stamp}.sqlite3"
