"""Opening a database file: creating it, refusing one that is not ours, migrating it.

Opening is on the start-up path, so the schema revision is read with a bare DB-API
query and Alembic is loaded only when an upgrade is actually due (``revisions``). A
brand-new file is created from ``schema`` and stamped with the head revision;
``tests/core/test_migrations.py`` checks that this equals running every migration.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event

from harmtrack.core.common.errors import DatabaseError, InvalidEntry, NewerSchema
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.engine import Connector, make_engine, plain_connector
from harmtrack.core.storage.file_checks import check_plain_header
from harmtrack.core.storage.revisions import (
    HEAD,
    REVISIONS,
    create_fresh,
    pre_migration_backup_path,
    read_revision,
    upgrade,
)

if TYPE_CHECKING:
    from harmtrack.core.storage.sqlcipher import KeySpec

log = logging.getLogger(__name__)


def open_database(
    path: Path,
    *,
    connector: Connector | None = None,
    encrypted: bool = False,
    create: bool = True,
    dbapi: Any = None,
) -> Database:
    """Open (creating or migrating as needed) the HarmTrack database at ``path``.

    Refuses, leaving the file untouched, a file that is not ours, is damaged, or was
    written by a newer HarmTrack.
    """
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if exists and not encrypted:
        check_plain_header(path)
    created: list[Path] = []
    if not exists:
        if not create:
            raise DatabaseError(f"no HarmTrack database at {path}")
        created = _create_folder(path.parent)
        if not path.exists():
            created.append(path)
            _create_private_file(path)
    else:
        from harmtrack.core.storage.private_files import make_private

        make_private(path)  # e.g. swapped in by a restore; its -wal/-shm take this mode
    connector = connector or plain_connector(path)
    revision = read_revision(connector, path.parent) if exists else None
    if revision is not None and revision not in REVISIONS:
        raise NewerSchema(
            f"this database was written by a newer version of HarmTrack (schema {revision}); "
            "please update HarmTrack. The file was left untouched."
        )
    engine = make_engine(connector, dbapi)
    db = Database(path=path, engine=engine,
                  connector=connector, encrypted=encrypted, created=created)
    watch_for_damage(db)
    try:
        if revision is None:
            create_fresh(engine)
        elif revision != HEAD:
            from harmtrack.core.storage.integrity import check_database

            check_database(db)  # never migrate (nor back up) damaged pages
            backup = db.backup_to(pre_migration_backup_path(path, revision))
            log.info("migrating database from %s to %s (backup %s)", revision, HEAD, backup.name)
            try:
                upgrade(engine)
            except Exception as exc:
                if isinstance(exc, DatabaseError):
                    raise
                # One transaction: a migration that fails leaves the file as it was.
                raise DatabaseError(
                    f"cannot upgrade the database from schema {revision} to {HEAD} "
                    f"({type(exc).__name__}); it was left as it was, and a copy is in "
                    f"{backup}") from exc
            db.notices.append(f"upgraded the database from schema {revision} to {HEAD}")
    except sqlite3.OperationalError as exc:
        engine.dispose()
        remove_created(db)
        raise DatabaseError(f"cannot write to the database: {exc}") from exc
    except Exception:
        engine.dispose()
        remove_created(db)
        raise
    return db


def open_encrypted(path: Path, passphrase: str | None = None, *, spec: KeySpec | None = None,
                   create: bool = True) -> Database:
    """Open (or create) an encrypted HarmTrack database."""
    from harmtrack.core.storage import sqlcipher

    sqlcipher_driver = sqlcipher.driver()
    exists = path.exists() and path.stat().st_size > 0
    if spec is None:
        if passphrase is None:
            raise InvalidEntry("a passphrase is needed")
        spec = sqlcipher.unlock(path, passphrase) if exists else sqlcipher.new_key(passphrase)
    elif exists:
        sqlcipher.check_key(path, spec)
    try:
        return open_database(path, connector=sqlcipher.keyed_connector(path, spec), encrypted=True,
                             create=create, dbapi=sqlcipher.dbapi())
    except sqlcipher_driver.Error as exc:
        raise sqlcipher.explain_open_error(exc) from exc


def open_file(path: Path, spec: KeySpec | None) -> Database:
    """The existing database at ``path``: plain when ``spec`` is None, else encrypted with it."""
    if spec is None:
        return open_database(path, create=False)
    return open_encrypted(path, spec=spec, create=False)


def _is_pristine(db: Database) -> bool:
    """True when no table of the database holds a row (the schema stamp aside)."""
    try:
        conn = db.connector()
    except Exception:  # noqa: BLE001 - cannot look: treat as holding data
        return False
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'")]
        return all(conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() is None for t in tables)
    except Exception:  # noqa: BLE001
        return False
    finally:
        conn.close()


def remove_created(db: Database) -> None:
    """Remove what opening ``db`` created (``Database.created``), newest first; a folder
    only when it is empty. The engine must be disposed of first."""
    if db.path in db.created and not _is_pristine(db):
        # Something was saved into the new file after all: it stays (and so do its folders).
        db.created.clear()
        return
    for path in reversed(db.created):
        if path == db.path:
            for suffix in ("-wal", "-shm", "-journal"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        try:
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError:
            log.info("could not remove what a refused open created")
    db.created.clear()


def _create_folder(folder: Path) -> list[Path]:
    """Create ``folder`` (and missing parents); returns the folders created, outermost first."""
    from harmtrack.core.storage.private_files import private_folder

    try:
        return private_folder(folder)
    except OSError as exc:
        raise DatabaseError(f"cannot create the data folder {folder}: {exc.strerror}") from exc


def _create_private_file(path: Path) -> None:
    """Create the empty database file 0600 before SQLite opens it (its -wal and -shm
    files take the database file's mode)."""
    from harmtrack.core.storage.private_files import create_private

    try:
        create_private(path)
    except OSError as exc:
        raise DatabaseError(f"cannot create {path}: {exc.strerror}") from exc


def watch_for_damage(db: Database) -> None:
    """Any query that meets a damaged page raises DatabaseDamaged (naming a sound backup)."""
    from harmtrack.core.storage.integrity import on_driver_error

    event.listen(db.engine, "handle_error", on_driver_error(db))
