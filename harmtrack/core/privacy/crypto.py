"""Encryption changes: encrypting, decrypting and re-keying a data folder with SQLCipher.

How a change is made safe (the file format, the key and the marker are described in
``storage.sqlcipher``):

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

import logging
from dataclasses import dataclass
from pathlib import Path

from harmtrack.core.common.errors import DatabaseError, InvalidEntry
from harmtrack.core.storage import change_journal
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.file_checks import has_plain_header
from harmtrack.core.storage.opening import open_file

# The UI and the CLI check and unlock passphrases through ``privacy``: the rule and the
# key derivation live in ``storage`` because opening a folder needs them too.
from harmtrack.core.storage.passphrases import check_new_passphrase
from harmtrack.core.storage.passphrases import passphrase_problem as passphrase_problem
from harmtrack.core.storage.sqlcipher import KeySpec, check_key, convert_file, file_salt, new_key
from harmtrack.core.storage.sqlcipher import unlock as unlock

log = logging.getLogger(__name__)


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
    old_spec = db.key_spec
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
            counts = convert_file(path, old_spec, tmp, new_spec, live=True)
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
