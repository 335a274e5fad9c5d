"""Encryption at rest with SQLCipher: open, convert, change passphrase.

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
* Converting (encrypt, decrypt, change passphrase) needs the folder to itself (no
  other HarmTrack process has it open, see ``folder_lock``). It writes a complete new
  file for the database and for every backup, checks each (integrity check and row
  counts of every table), and only then renames them into place, through
  ``change_journal``: a kill at any moment is finished or undone on the next open. So
  no plaintext copy is left behind after turning encryption on, and an old
  passphrase that leaked does not open the backups after a change.

The passphrase is never stored or logged.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harmtrack.core.common.errors import (
    DATABASE_LOCKED,
    DatabaseError,
    InvalidEntry,
    NotHarmTrackDatabase,
    WrongPassphrase,
)
from harmtrack.core.storage import change_journal
from harmtrack.core.storage.db import Connector, Database, has_plain_header, open_database
from harmtrack.core.storage.private_files import create_private, private_open

log = logging.getLogger(__name__)

MARKER = "encryption.json"
KDF_ITERATIONS = 256_000  # SQLCipher 4 default
MIN_PASSPHRASE = 8


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


def _driver() -> Any:
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - a packaging problem
        raise DatabaseError(
            "encryption needs the sqlcipher3 package, which is not installed"
        ) from exc
    return sqlcipher3


def dbapi() -> Any:
    """The SQLCipher DB-API module (for SQLAlchemy's ``module=``)."""
    return _driver().dbapi2


def derive_key(passphrase: str, salt: bytes) -> KeySpec:
    """The key SQLCipher 4 would derive from ``passphrase`` for a file with ``salt``."""
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return KeySpec(key, salt)


def new_key(passphrase: str) -> KeySpec:
    """A key for a new file: a fresh random salt."""
    check_new_passphrase(passphrase)
    return derive_key(passphrase, secrets.token_bytes(16))


#: zxcvbn's score (0–4) a new passphrase must reach: 3 is "safely unguessable:
#: moderate protection from an offline attack" — what a stolen laptop needs.
MIN_STRENGTH = 3
ADVICE = ("a passphrase of four or more words that do not belong together, in your own "
          "order, is strong and easy to remember")


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` is too weak to protect the data, or None when it will do.

    Strength is estimated with zxcvbn (dictionaries, keyboard patterns, repeats, dates),
    imported here only: nothing else needs it.
    """
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE:
        return f"the passphrase must be at least {MIN_PASSPHRASE} characters long; {ADVICE}"
    if not passphrase.strip():
        return f"the passphrase is only spaces or tabs, which anyone can guess; {ADVICE}"
    from zxcvbn import zxcvbn

    # zxcvbn's time grows with the length; past 100 characters the rest adds strength only.
    result = zxcvbn(passphrase[:100])
    if int(result["score"]) >= MIN_STRENGTH:
        return None
    warning = str(result.get("feedback", {}).get("warning") or "").strip().rstrip(".")
    why = f" ({warning[0].lower() + warning[1:]})" if warning else ""
    return f"this passphrase would be easy to guess{why}; {ADVICE}"


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short or too easy to guess to protect anything."""
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise InvalidEntry(problem)


_FACTORY: Any = None


def _connection_class() -> Any:
    """A SQLCipher connection class that remembers its key (for backups)."""
    global _FACTORY
    if _FACTORY is None:
        class KeyedConnection(_driver().dbapi2.Connection):  # type: ignore[misc]
            key_spec: KeySpec | None = None

        _FACTORY = KeyedConnection
    return _FACTORY


def _connect(path: Path, spec: KeySpec | None, *, read_only: bool = False) -> Any:
    """A SQLCipher connection (keyed, or plain when ``spec`` is None)."""
    driver = _driver()
    # read_only: a connection that may not write never merges a leftover WAL on close.
    target, uri = (f"{path.resolve().as_uri()}?mode=ro", True) if read_only else (str(path), False)
    conn = driver.connect(target, timeout=5.0, check_same_thread=False, uri=uri,
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

    def connect() -> Any:
        return _connect(path, spec)

    connect.key_spec = spec  # type: ignore[attr-defined]
    return connect


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
        "format": "SQLCipher 4 defaults (AES-256, PBKDF2-HMAC-SHA512, 256000 iterations)",
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
    driver = _driver()
    try:
        conn = _connect(path, spec, read_only=True)
    except driver.Error as exc:
        raise DatabaseError(f"cannot open {path.name}: {exc}") from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        if "locked" in str(exc).lower():
            raise DatabaseError(DATABASE_LOCKED) from exc
        raise WrongPassphrase(
            "that passphrase does not open this data folder (or the file is damaged); "
            "nothing was changed"
        ) from None
    finally:
        conn.close()


def open_encrypted(path: Path, passphrase: str | None = None, *, spec: KeySpec | None = None,
                   create: bool = True) -> Database:
    """Open (or create) an encrypted HarmTrack database."""
    driver = _driver()
    exists = path.exists() and path.stat().st_size > 0
    if spec is None:
        if passphrase is None:
            raise InvalidEntry("a passphrase is needed")
        spec = unlock(path, passphrase) if exists else new_key(passphrase)
    elif exists:
        check_key(path, spec)
    try:
        return open_database(path, connector=keyed_connector(path, spec), encrypted=True,
                             create=create, dbapi=dbapi())
    except driver.Error as exc:
        raise _translate(exc) from exc


def _translate(exc: Exception) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(DATABASE_LOCKED)
    if "readonly" in text or "read-only" in text:
        return DatabaseError("the data folder cannot be written to (it is read-only)")
    return NotHarmTrackDatabase(
        f"the database file is damaged or not a HarmTrack database ({exc}); it was left untouched")


def spec_of(db: Database) -> KeySpec | None:
    """The key of an open encrypted database (None for a plain one)."""
    return getattr(db.connector, "key_spec", None) if db.encrypted else None


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
    conn = _connect(path, spec)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        counts = table_counts(conn)
    except _driver().Error as exc:
        raise DatabaseError(f"the converted copy cannot be read ({exc}); nothing was changed") from exc
    finally:
        conn.close()
    if result != "ok":
        raise DatabaseError(f"the converted copy failed its integrity check ({result}); nothing was changed")
    if counts != expected:
        raise DatabaseError("the converted copy does not hold the same rows; nothing was changed")


def convert_file(source: Path, source_spec: KeySpec | None, target: Path,
                 target_spec: KeySpec | None) -> dict[str, int]:
    """Write ``source`` re-keyed into a new ``target`` and verify it; returns row counts."""
    target.unlink(missing_ok=True)
    conn = _connect(source, source_spec)
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = table_counts(conn)
        create_private(target)  # SQLCipher fills the empty file and keeps its mode
        export_to(conn, target, target_spec)
    except _driver().Error as exc:
        target.unlink(missing_ok=True)
        raise DatabaseError(f"cannot convert {source.name}: {exc}; nothing was changed") from exc
    finally:
        conn.close()
    try:
        verify_copy(target, target_spec, counts)
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return counts


def _backup_files(folder: Path) -> list[Path]:
    """Every database file in the backups folder (also ones named by hand)."""
    from harmtrack.paths import backups_dir

    target = backups_dir(folder)
    return sorted(target.glob("*.sqlite3")) if target.is_dir() else []


def _prepare_backups(folder: Path, old: KeySpec | None,
                     new: KeySpec | None) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Write every backup re-keyed next to itself; returns the renames and what stays as it is.

    A readable backup that cannot be converted while turning encryption on stops the
    change: it would stay readable in an encrypted folder.
    """
    moves: list[tuple[Path, Path]] = []
    skipped: list[str] = []
    for path in _backup_files(folder):
        plain = has_plain_header(path)
        if plain and new is None:
            continue  # already plain
        try:
            if plain:
                src_spec = None
            elif old is None or file_salt(path) != old.salt:
                skipped.append(path.name)  # written with another passphrase: stays encrypted
                continue
            else:
                src_spec = old
                check_key(path, src_spec)
            tmp = change_journal.temp_for(path)
            convert_file(path, src_spec, tmp, new)
            moves.append((tmp, path))
        except (DatabaseError, OSError) as exc:
            if plain and new is not None:
                raise DatabaseError(
                    f"the backup {path.name} cannot be read, so it cannot be encrypted; move it "
                    "out of the backups folder (or delete it) and try again; nothing was changed"
                ) from exc
            log.warning("a backup could not be converted: %s", type(exc).__name__)
            skipped.append(path.name)
    return moves, skipped


def derive_key_like(spec: KeySpec, path: Path) -> KeySpec:
    """The key for a backup of a database keyed with ``spec`` (backups share the salt)."""
    salt = file_salt(path)
    if salt != spec.salt:
        raise WrongPassphrase(f"{path.name} was written with another passphrase")
    return spec


@dataclass(frozen=True)
class Conversion:
    """What a conversion did."""

    database: Database
    backup: Path
    rows: int
    backups_not_converted: tuple[str, ...]


def change_encryption(db: Database, new_passphrase: str | None) -> Conversion:
    """Encrypt, decrypt (``new_passphrase`` None) or re-key the open database ``db``.

    Needs the folder to itself: FolderInUse (nothing changed, ``db`` still open) while
    another HarmTrack process has it open. Steps: backup; write the database and every
    backup in their new form next to the old files and verify them; record the renames
    (``change_journal``); close; rename; reopen. A kill at any point is finished or
    undone on the next open. ``db`` is closed afterwards; use ``Conversion.database``.
    """
    from harmtrack.core.storage.backups import make_backup
    from harmtrack.core.storage.folder_lock import hold

    if new_passphrase is not None:
        check_new_passphrase(new_passphrase)
    if new_passphrase is None and not db.encrypted:
        raise InvalidEntry("this data folder is not encrypted")
    path, folder = db.path, db.path.parent
    old_spec = spec_of(db)
    lock = db.folder_lock if db.folder_lock is not None else hold(folder, exclusive=True)
    lock.upgrade()  # FolderInUse here changes nothing
    try:
        change_journal.remove_stale(folder)
        backup = make_backup(db, "before-encryption-change")
        new_spec = new_key(new_passphrase) if new_passphrase is not None else None
        operation = "decryption" if new_spec is None else ("encryption" if old_spec is None
                                                            else "passphrase change")
        db.folder_lock = None  # kept across the close: the folder stays ours
        db.close()
        change_journal.begin(folder, operation)
        try:
            tmp = change_journal.temp_for(path)
            counts = convert_file(path, old_spec, tmp, new_spec)
            moves, skipped = _prepare_backups(folder, old_spec, new_spec)
            record = change_journal.commit(folder, operation, [(tmp, path), *moves],
                                           encrypted=new_spec is not None)
        except BaseException:
            # Nothing was replaced: the caller's ``db`` (closed, so it reconnects on
            # next use) still fits the file, and gets the folder lock back.
            change_journal.undo(folder)
            db.folder_lock = lock
            raise
        change_journal.apply(folder, record)
        change_journal.finish(folder)
        log.info("encryption changed (encrypted=%s, backups skipped=%d)", new_spec is not None, len(skipped))
        database = open_file(path, new_spec)
        database.folder_lock = lock
    finally:
        lock.downgrade()
    return Conversion(database, backup, sum(counts.values()), tuple(skipped))


def open_file(path: Path, spec: KeySpec | None) -> Database:
    """The existing database at ``path``: plain when ``spec`` is None, else encrypted with it."""
    if spec is None:
        return open_database(path, create=False)
    return open_encrypted(path, spec=spec, create=False)
