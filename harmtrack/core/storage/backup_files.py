"""The backups folder's files: which backups there are, and what a candidate for restore holds."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harmtrack.core.common.errors import (
    DatabaseError,
    NewerSchema,
    NotHarmTrackDatabase,
    WrongPassphrase,
)
from harmtrack.core.storage.revisions import REVISIONS
from harmtrack.paths import backups_dir

if TYPE_CHECKING:
    from harmtrack.core.storage.db import Database

_NAME = re.compile(r"^(?P<kind>[a-z-]+?)(?:-\d{4})?-(?P<stamp>\d{4}-?\d{2}-?\d{2}(?:-\d{6})?)"
                   r"(?:-[0-9A-Za-z]+)?\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file in the backups folder."""

    path: Path
    kind: str
    taken: dt.datetime
    size: int


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in a data folder, newest first."""
    target = backups_dir(folder)
    out: list[BackupInfo] = []
    if not target.is_dir():
        return out
    for path in target.glob("*.sqlite3"):
        m = _NAME.match(path.name)
        if m is None:
            continue
        kind = m["kind"]
        if kind.startswith("before-migration"):
            kind = "before-migration"
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append(BackupInfo(path, kind, _taken(m["stamp"], stat.st_mtime), stat.st_size))
    out.sort(key=lambda b: (b.taken, b.path.name), reverse=True)
    return out


def _taken(stamp: str, mtime: float) -> dt.datetime:
    """When a backup was taken: from its name (converting a backup rewrites the file)."""
    for fmt in ("%Y%m%d-%H%M%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(stamp, fmt)
        except ValueError:
            continue
    return dt.datetime.fromtimestamp(mtime)


@dataclass(frozen=True)
class BackupCheck:
    """What a candidate file for restore holds."""

    path: Path
    encrypted: bool
    revision: str
    entries: int
    trackables: int
    first_day: str | None
    last_day: str | None


def _open_for_check(path: Path, db: Database | None, passphrase: str | None) -> tuple[Any, Any]:
    """A read connection to a candidate file and the key that opened it (None if plain)."""
    from harmtrack.core.storage import sqlcipher
    from harmtrack.core.storage.file_checks import has_plain_header

    if has_plain_header(path):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        return conn, None
    spec = None
    current = db.key_spec if db is not None else None
    if current is not None and sqlcipher.file_salt(path) == current.salt:
        spec = current
    elif passphrase:
        spec = sqlcipher.derive_key(passphrase, sqlcipher.file_salt(path))
    else:
        raise NotHarmTrackDatabase(
            f"{path.name} is not a HarmTrack backup, or it is encrypted with a passphrase "
            "that was not given; nothing was restored")
    try:
        sqlcipher.check_key(path, spec)
    except WrongPassphrase:
        raise WrongPassphrase(f"{path.name} does not open with that passphrase (or it is damaged); "
                              "nothing was restored") from None
    return sqlcipher.connect(path, spec), spec


def check_backup(path: Path, db: Database | None = None, passphrase: str | None = None) -> BackupCheck:
    """Check that ``path`` is a sound HarmTrack database this version can read."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise DatabaseError(f"no file at {path}")
    if path.stat().st_size == 0:
        raise NotHarmTrackDatabase(f"{path.name} is empty")
    conn, spec = _open_for_check(path, db, passphrase)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or "entries" not in tables:
            raise NotHarmTrackDatabase(f"{path.name} is not a HarmTrack database")
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise NotHarmTrackDatabase(f"{path.name} is damaged ({ok}); nothing was restored")
        revision = str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
        if revision not in REVISIONS:
            raise NewerSchema(f"{path.name} was written by a newer version of HarmTrack "
                              f"(schema {revision}); update HarmTrack to restore it")
        entries = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
        trackables = int(conn.execute("SELECT count(*) FROM trackables").fetchone()[0])
        first, last = conn.execute("SELECT min(day), max(day) FROM entries").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotHarmTrackDatabase(f"{path.name} is damaged or not a database ({exc})") from exc
    except Exception as exc:
        if type(exc).__module__.startswith("sqlcipher3"):
            raise NotHarmTrackDatabase(f"{path.name} is damaged or not a database ({exc})") from exc
        raise
    finally:
        conn.close()
    return BackupCheck(path, spec is not None, revision, entries, trackables,
                       str(first) if first else None, str(last) if last else None)
