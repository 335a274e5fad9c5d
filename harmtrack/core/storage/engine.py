"""The SQLAlchemy engine over a connector: our pragmas and write transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

#: A connect function returns a new DB-API connection (plain sqlite3, or SQLCipher
#: with the key already applied). ``storage.sqlcipher`` supplies the latter.
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
