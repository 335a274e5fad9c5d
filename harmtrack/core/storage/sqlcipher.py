"""SQLCipher files: the key from a passphrase, keyed connections, the folder's encryption
marker, and verified copies between encrypted and plain files.

How it works (documented, because no other app in this field says):

* The database file is encrypted page by page by SQLCipher 4 with its defaults
  (AES-256, HMAC-SHA512 per page, PBKDF2-HMAC-SHA512 with 256,000 iterations and a
  random 16-byte salt stored in the first 16 bytes of the file). Its write-ahead log
  holds encrypted pages too, and backups are written encrypted with the same key.
* The key is derived from the passphrase once per unlock, here, with the very same
  KDF SQLCipher uses, and then given to every connection as a raw key. So the file
  opens with the passphrase in any SQLCipher 4 tool, while our extra connections
  (backups, background threads) do not pay the key derivation again.
* A folder is encrypted when its database file does not start with SQLite's plain
  header; ``encryption.json`` next to it records the choice so the app knows to ask
  for a passphrase. The header is the truth when the two disagree (a crash between
  swapping the file and updating the marker cannot lock anyone out).

Turning encryption on or off, or changing the passphrase, is ``privacy.crypto``.
The passphrase is never stored or logged.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harmtrack.core.common.errors import (
    DATABASE_LOCKED,
    DatabaseError,
    NotHarmTrackDatabase,
    WrongPassphrase,
)
from harmtrack.core.storage.engine import Connector
from harmtrack.core.storage.passphrases import check_new_passphrase
from harmtrack.core.storage.private_files import create_private, private_open

MARKER = "encryption.json"
#: SQLCipher 4's default, so any SQLCipher tool opens the file with the passphrase alone.
#: Read at each derivation (tests make it cheap in tests/conftest.py).
KDF_ITERATIONS = 256_000


@dataclass(frozen=True)
class KeySpec:
    """A raw SQLCipher key with the salt of the file it belongs to."""

    key: bytes
    salt: bytes

    @property
    def pragma(self) -> str:
        """The raw-key form SQLCipher accepts: x'<key hex><salt hex>'."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    def __repr__(self) -> str:  # never print key material
        return "KeySpec(<hidden>)"


def driver() -> Any:
    """The ``sqlcipher3`` package (imported on first use: a plain folder never needs it)."""
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - a packaging problem
        raise DatabaseError(
            "encryption needs the sqlcipher3 package, which is not installed"
        ) from exc
    return sqlcipher3


def dbapi() -> Any:
    """The SQLCipher DB-API module (for SQLAlchemy's ``module=``)."""
    return driver().dbapi2


def derive_key(passphrase: str, salt: bytes) -> KeySpec:
    """The key SQLCipher 4 would derive from ``passphrase`` for a file with ``salt``."""
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return KeySpec(key, salt)


def new_key(passphrase: str) -> KeySpec:
    """A key for a new file: a fresh random salt (a weak passphrase is refused)."""
    check_new_passphrase(passphrase)
    return derive_key(passphrase, secrets.token_bytes(16))


_FACTORY: Any = None


def _connection_class() -> Any:
    """A SQLCipher connection class that remembers its key (for backups)."""
    global _FACTORY
    if _FACTORY is None:
        class KeyedConnection(driver().dbapi2.Connection):  # type: ignore[misc]
            key_spec: KeySpec | None = None

        _FACTORY = KeyedConnection
    return _FACTORY


def connect(path: Path, spec: KeySpec | None, *, read_only: bool = False) -> Any:
    """A SQLCipher connection (keyed, or plain when ``spec`` is None)."""
    sqlcipher = driver()
    # read_only: a connection that may not write never merges a leftover WAL on close.
    target, uri = (f"{path.resolve().as_uri()}?mode=ro", True) if read_only else (str(path), False)
    conn = sqlcipher.connect(target, timeout=5.0, check_same_thread=False, uri=uri,
                             factory=_connection_class())
    conn.key_spec = spec
    # SQLCipher prints decryption errors on stderr unless told not to; a wrong
    # passphrase is reported to the user by us, once, in plain words.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if spec is not None:
        conn.execute(f'PRAGMA key = "{spec.pragma}"')
    return conn


def keyed_connector(path: Path, spec: KeySpec) -> Connector:
    """A connector for ``path`` that applies ``spec`` to each new connection."""

    def connect_keyed() -> Any:
        return connect(path, spec)

    connect_keyed.key_spec = spec  # type: ignore[attr-defined]
    return connect_keyed


def file_salt(path: Path) -> bytes:
    """The 16-byte salt at the start of an encrypted file."""
    with path.open("rb") as fh:
        salt = fh.read(16)
    if len(salt) != 16:
        raise NotHarmTrackDatabase(f"{path.name} is too short to be a database")
    return salt


def marker_says_encrypted(folder: Path) -> bool:
    """What ``encryption.json`` in ``folder`` records (False when absent or unreadable)."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(isinstance(data, dict) and data.get("encrypted"))


def write_marker(folder: Path, encrypted: bool) -> None:
    """Record in the folder whether its database is encrypted (atomically)."""
    target = folder / MARKER
    if not encrypted:
        target.unlink(missing_ok=True)
        return
    tmp = folder / (MARKER + ".part")
    with private_open(tmp, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({
        "encrypted": True,
        "format": f"SQLCipher 4 defaults (AES-256, PBKDF2-HMAC-SHA512, {KDF_ITERATIONS} iterations)",
        "note": "HarmTrack asks for your passphrase; it is not stored anywhere.",
        }, indent=2) + "\n")
    os.replace(tmp, target)


def unlock(path: Path, passphrase: str) -> KeySpec:
    """Derive the key for an existing encrypted file and check it opens it.

    Raises WrongPassphrase (nothing is written) when it does not.
    """
    spec = derive_key(passphrase, file_salt(path))
    check_key(path, spec)
    return spec


def check_key(path: Path, spec: KeySpec) -> None:
    """Raise WrongPassphrase unless ``spec`` decrypts ``path`` (read-only check)."""
    sqlcipher = driver()
    try:
        conn = connect(path, spec, read_only=True)
    except sqlcipher.Error as exc:
        raise DatabaseError(f"cannot open {path.name}: {exc}") from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        if "locked" in str(exc).lower():
            raise DatabaseError(DATABASE_LOCKED) from exc
        raise WrongPassphrase(
            "that passphrase does not open this data folder (or the file is damaged); "
            "nothing was changed"
        ) from None
    finally:
        conn.close()


def explain_open_error(exc: Exception) -> DatabaseError:
    """The error to raise for a driver error while opening an encrypted database."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(DATABASE_LOCKED)
    if "readonly" in text or "read-only" in text:
        return DatabaseError("the data folder cannot be written to (it is read-only)")
    return NotHarmTrackDatabase(
        f"the database file is damaged or not a HarmTrack database ({exc}); it was left untouched")


# --- copying between encrypted and plain files -----------------------------------------

def export_to(src_conn: Any, target: Path, spec: KeySpec | None) -> None:
    """Copy the whole database behind a SQLCipher connection into a new file ``target``.

    ``spec`` None writes a plain SQLite file. ``target`` must not exist yet.
    """
    key = spec.pragma if spec is not None else ""
    src_conn.execute("ATTACH DATABASE ? AS harmtrack_copy KEY ?", (str(target), key))
    try:
        src_conn.execute("SELECT sqlcipher_export('harmtrack_copy')")
        version = src_conn.execute("PRAGMA main.user_version").fetchone()[0]
        src_conn.execute(f"PRAGMA harmtrack_copy.user_version = {int(version)}")
        src_conn.commit()
    finally:
        src_conn.execute("DETACH DATABASE harmtrack_copy")


def export_encrypted(src_conn: Any, target: Path) -> None:
    """Write an encrypted copy of an open encrypted database (same key) to ``target``."""
    spec = getattr(src_conn, "key_spec", None)
    if spec is None:
        raise DatabaseError("cannot back up an encrypted database without its key")
    export_to(src_conn, target, spec)


def table_counts(conn: Any) -> dict[str, int]:
    """Row count of every table (to compare a copy with its original)."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def verify_copy(path: Path, spec: KeySpec | None, expected: dict[str, int]) -> None:
    """Raise DatabaseError unless the copy at ``path`` is sound and has the same rows."""
    conn = connect(path, spec)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        counts = table_counts(conn)
    except driver().Error as exc:
        raise DatabaseError(f"the converted copy cannot be read ({exc}); nothing was changed") from exc
    finally:
        conn.close()
    if result != "ok":
        raise DatabaseError(f"the converted copy failed its integrity check ({result}); nothing was changed")
    if counts != expected:
        raise DatabaseError("the converted copy does not hold the same rows; nothing was changed")


def convert_file(source: Path, source_spec: KeySpec | None, target: Path,
                 target_spec: KeySpec | None, *, live: bool = False) -> dict[str, int]:
    """Write ``source`` re-keyed into a new ``target`` and verify it; returns row counts.

    ``live``: ``target`` will replace the folder's database, so it is switched to WAL
    here (see ``use_wal``); a backup stays one self-contained file.
    """
    target.unlink(missing_ok=True)
    conn = connect(source, source_spec)
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = table_counts(conn)
        create_private(target)  # SQLCipher fills the empty file and keeps its mode
        export_to(conn, target, target_spec)
    except driver().Error as exc:
        target.unlink(missing_ok=True)
        raise DatabaseError(f"cannot convert {source.name}: {exc}; nothing was changed") from exc
    finally:
        conn.close()
    try:
        verify_copy(target, target_spec, counts)
        if live:
            use_wal(target, target_spec)
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return counts


def use_wal(path: Path, spec: KeySpec | None) -> None:
    """Switch a new database file to WAL before it replaces the folder's database.

    A copy is written in rollback-journal mode. Switching it to WAL rewrites its header
    under a rollback journal; done at the first open after the swap, a kill at that
    moment left a hot journal that only a writable connection can roll back, and the
    read-only passphrase check (``check_key``) then could not open the folder at all.
    Done here, while the file is still a temp file, a kill leaves only a stale temp.
    """
    conn = connect(path, spec)
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except driver().Error as exc:
        raise DatabaseError(f"cannot prepare the new database file ({exc}); nothing was changed") from exc
    finally:
        conn.close()  # the last connection: SQLite checkpoints and removes the -wal
    if str(mode).lower() != "wal":
        raise DatabaseError("the new database file cannot use its write-ahead log; nothing was changed")
