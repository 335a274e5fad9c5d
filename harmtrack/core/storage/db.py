"""Opening HarmTrack's SQLite database: checks, pragmas, backups and migrations.

Opening is on the start-up path, so the schema revision is read with a bare
``sqlite3`` query and Alembic (≈150 ms to import) is loaded only when an upgrade is
actually due. A brand-new file is created from the models and stamped with the head
revision; ``tests/core/test_migrations.py`` checks that this equals running every
migration.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

from harmtrack.core.common.errors import DATABASE_LOCKED, DatabaseError, NewerSchema, NotHarmTrackDatabase

log = logging.getLogger(__name__)

#: Every migration revision, oldest first. The last one is the head this code writes.
#: A test checks this list against the Alembic scripts in ``migrations/versions``.
REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD = REVISIONS[-1]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"

#: A connect function returns a new DB-API connection (plain sqlite3, or SQLCipher
#: with the key already applied). ``harmtrack.core.privacy.crypto`` supplies the latter.
Connector = Callable[[], Any]

#: How long a writer waits for another one to finish before giving up. Write
#: transactions are short (one entry, one import), so a wait this long means something
#: else holds the file (another program, a stuck process).
BUSY_TIMEOUT_S = 30.0

#: Execution option that makes a connection's transactions take the write lock at BEGIN.
WRITE = "harmtrack_write"


def plain_connector(path: Path) -> Connector:
    """A connector for an unencrypted SQLite file."""

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)

    return connect


@dataclass
class Database:
    """An open HarmTrack database: its file and engine; ORM sessions on demand.

    Start-up speed: SQLAlchemy's ORM (≈50 ms to import) is loaded by the first call of
    ``sessions`` or ``begin``; the first screen only reads, in Core (see ``schema``).
    """

    path: Path
    engine: Engine
    connector: Connector
    encrypted: bool = False
    #: What happened at open, for the UI to mention (e.g. "upgraded from 0001").
    notices: list[str] = field(default_factory=list)
    #: This process's hold on the data folder (``folder_lock.FolderLock``), released on
    #: close; a change that replaces the file takes it exclusively.
    folder_lock: Any = field(default=None, repr=False)
    #: Files and folders this open created (oldest first), so that a command refused
    #: afterwards can leave nothing behind (``storage.discard_opened``).
    created: list[Path] = field(default_factory=list)
    _factory: sessionmaker[Session] | None = field(default=None, init=False, repr=False)

    _write_factory: sessionmaker[Session] | None = field(default=None, init=False, repr=False)

    def _sessionmaker(self) -> sessionmaker[Session]:
        if self._factory is None:
            from sqlalchemy.orm import sessionmaker

            self._factory = sessionmaker(self.engine, expire_on_commit=False)
        return self._factory

    def _write_sessionmaker(self) -> sessionmaker[Session]:
        if self._write_factory is None:
            from sqlalchemy.orm import sessionmaker

            self._write_factory = sessionmaker(self.writer, expire_on_commit=False)
        return self._write_factory

    @property
    def writer(self) -> Engine:
        """The engine for writes: each transaction starts with ``BEGIN IMMEDIATE``."""
        return write_engine(self.engine)

    def sessions(self) -> Session:
        """A new ORM session for reading (use it in a ``with`` block); ``begin`` for writes."""
        return self._sessionmaker()()

    def write_session(self) -> Session:
        """A new ORM session whose transactions take the write lock at once (for a
        caller that manages the transaction itself, e.g. a dry run rolled back)."""
        return self._write_sessionmaker()()

    @contextlib.contextmanager
    def begin(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on error.

        A write the file system or another program refuses (read-only, locked, disk
        full) becomes a DatabaseError with a readable message; nothing was written.
        """
        from sqlalchemy.exc import OperationalError

        try:
            with self._write_sessionmaker().begin() as session:
                yield session
        except OperationalError as exc:
            raise DatabaseError(explain_write_error(exc.orig or exc)) from exc

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release every connection (and checkpoint the WAL into the main file)."""
        self.engine.dispose()
        with contextlib.suppress(sqlite3.Error, DatabaseError):
            conn = self.connector()
            try:
                # Tidying only: while another process writes, leave the log to it
                # rather than wait the full busy timeout.
                conn.execute("PRAGMA busy_timeout = 200")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        self.release_folder()

    def release_folder(self) -> None:
        """Let other processes change the folder again (called by ``close``)."""
        lock, self.folder_lock = self.folder_lock, None
        if lock is not None:
            lock.release()

    def backup_to(self, target: Path) -> Path:
        """Copy the live database to ``target`` with SQLite's online backup API."""
        from harmtrack.core.storage.private_files import create_private, private_folder

        private_folder(target.parent)
        tmp = target.with_name(target.name + ".part")
        tmp.unlink(missing_ok=True)
        try:
            create_private(tmp)  # SQLite fills the empty file and keeps its mode
            online_backup(self.connector, tmp, encrypted_like=self.connector if self.encrypted else None)
            tmp.replace(target)
        except BaseException:
            tmp.unlink(missing_ok=True)  # e.g. the disk filled up: no half copy stays behind
            raise
        return target


def explain_write_error(exc: BaseException) -> str:
    """A readable message for a write the database refused."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return "the data folder cannot be written to (it is read-only); nothing was saved"
    if "locked" in text or "busy" in text:
        return f"{DATABASE_LOCKED}; nothing was saved"
    if "full" in text:
        return "the disk is full; nothing was saved"
    return f"the database refused the change ({exc}); nothing was saved"


def read_only_folder(folder: Path) -> bool:
    """True when files cannot be created in ``folder`` (a read-only mount, or no permission)."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        pass
    return folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK)


def check_folder_writable(folder: Path) -> None:
    """Refuse, saying what is true, a data folder HarmTrack could never save into."""
    if folder.is_dir() and read_only_folder(folder):
        raise DatabaseError(f"the folder {folder} is read-only; HarmTrack needs to write there "
                            "to keep your data safe. Nothing was changed")


def disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """True when an error says the disk (or the user's quota) is full; with ``folder``, also
    an I/O error where that folder's disk has (almost) no room left."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    if "disk is full" in text or "no space left" in text:
        return True
    if folder is not None and "i/o error" in text:
        try:
            return shutil.disk_usage(folder).free < 256 * 1024
        except OSError:
            return False
    return False


def online_backup(source: Connector, target: Path, encrypted_like: Connector | None = None) -> None:
    """Write a consistent copy of the database behind ``source`` into ``target``."""
    src = source()
    try:
        if encrypted_like is not None:
            # SQLCipher cannot back up into a plain file; export into an attached,
            # identically keyed database instead (see harmtrack.core.privacy.crypto).
            from harmtrack.core.privacy.crypto import export_encrypted

            export_encrypted(src, target)
            return
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            # A backup is one file: reading it later must not need -wal/-shm beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy (not the driver) decide when transactions begin; see the
    # "Serializable isolation / Savepoints / Transactional DDL" notes in the
    # SQLAlchemy SQLite dialect docs.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a transaction the app has reported as saved survives a power cut.
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    cur.close()


def _begin(conn: Any) -> None:
    # A deferred BEGIN that reads and then writes cannot wait for another writer:
    # SQLite answers "locked" at once, busy_timeout or not. So a write transaction takes
    # the write lock up front (and waits its turn there); a read stays deferred and, in
    # WAL mode, never blocks a writer nor waits for one.
    if conn.get_execution_options().get(WRITE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def write_engine(engine: Engine) -> Engine:
    """``engine`` whose transactions are write transactions (``BEGIN IMMEDIATE``)."""
    return engine.execution_options(**{WRITE: True})


def make_engine(connector: Connector, dbapi: Any = None) -> Engine:
    """An engine whose connections come from ``connector`` with our pragmas.

    ``dbapi``: the driver module when it is not ``sqlite3`` (SQLCipher), so that
    SQLAlchemy recognises and wraps its errors.
    """
    extra: dict[str, Any] = {"module": dbapi} if dbapi is not None else {}
    # "sqlite://" with a creator would get SingletonThreadPool (meant for :memory:), which
    # closes *other threads'* connections once more than five threads have used it: a
    # segfault when a worker thread reads chart data while the UI thread writes. A file
    # database wants a QueuePool (connections are made with check_same_thread=False).
    engine = create_engine("sqlite://", creator=connector, poolclass=QueuePool, **extra)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


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


def has_plain_header(path: Path) -> bool:
    """True when ``path`` starts like an unencrypted SQLite file."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def check_plain_header(path: Path) -> None:
    """Refuse early a file that is not SQLite at all (without writing to it)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror}") from exc
    if head and head != SQLITE_MAGIC:
        raise NotHarmTrackDatabase(
            f"{path.name} is not a HarmTrack database (it may be encrypted — give the "
            "passphrase — or damaged); it was left untouched"
        )


def _create_fresh(engine: Engine) -> None:
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
            _create_fresh(engine)
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


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Session]:
    """Shorthand for ``db.begin()`` that reads well in services."""
    with db.begin() as session:
        yield session


def prepare_orm() -> None:
    """Import and set up the mapped classes now (otherwise done on their first use).

    The first screen reads in Core from ``schema`` and never needs them; the GUI calls
    this once the window is up, so the first entry the user logs does not pay for
    importing SQLAlchemy's ORM, mapping the classes and configuring them.
    """
    from sqlalchemy.orm import configure_mappers

    from harmtrack.core.storage import models  # noqa: F401 - importing maps the classes

    configure_mappers()
