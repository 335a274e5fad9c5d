"""An open HarmTrack database: its file, engine and connector; sessions and backups of it.

Opening (creating, checking, migrating) is ``opening``; the engine and its pragmas are
``engine``; the schema revision is ``revisions``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine

from harmtrack.core.common.errors import DatabaseError
from harmtrack.core.storage.engine import Connector, write_engine
from harmtrack.core.storage.file_checks import explain_write_error

if TYPE_CHECKING:
    from harmtrack.core.storage.sqlcipher import KeySpec


@dataclass
class Database:
    """An open HarmTrack database: its file and engine. Reads use ``engine.connect()``;
    writes go through ``transaction(db)``, both in SQLAlchemy Core on ``schema``'s tables."""

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
    @property
    def writer(self) -> Engine:
        """The engine for writes: each transaction starts with ``BEGIN IMMEDIATE``."""
        return write_engine(self.engine)

    @property
    def key_spec(self) -> KeySpec | None:
        """The key of an encrypted database (None for a plain one)."""
        return getattr(self.connector, "key_spec", None) if self.encrypted else None

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


def online_backup(source: Connector, target: Path, encrypted_like: Connector | None = None) -> None:
    """Write a consistent copy of the database behind ``source`` into ``target``."""
    src = source()
    try:
        if encrypted_like is not None:
            # SQLCipher cannot back up into a plain file; export into an attached,
            # identically keyed database instead (see storage.sqlcipher).
            from harmtrack.core.storage.sqlcipher import export_encrypted

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


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Connection]:
    """One write transaction in Core (``BEGIN IMMEDIATE``): committed on success, rolled
    back on error; a write refused (read-only, locked, disk full) becomes a DatabaseError
    with a readable message, as every write needs."""
    from sqlalchemy.exc import OperationalError

    try:
        with db.writer.begin() as conn:
            yield conn
    except OperationalError as exc:
        raise DatabaseError(explain_write_error(exc.orig or exc)) from exc
