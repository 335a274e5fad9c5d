"""Opening a data folder: find its database, ask for what it needs, open it.

The one entry point both the GUI and the command line use, so folder rules
(encryption marker, daily backups) live in one place.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

from harmtrack.core.common.errors import DatabaseError, PassphraseRequired
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.file_checks import check_folder_writable, has_plain_header
from harmtrack.core.storage.opening import open_database, remove_created
from harmtrack.core.storage.private_files import tighten_folder
from harmtrack.paths import daily_backup_path, data_dir, database_path

log = logging.getLogger(__name__)

#: Environment variable scripts can use to give the passphrase.
PASSPHRASE_ENV = "HARMTRACK_PASSPHRASE"


def is_encrypted_folder(folder: str | os.PathLike[str] | None = None) -> bool:
    """True when the folder's database is encrypted (so a passphrase is needed)."""
    root = data_dir(folder)
    path = database_path(root)
    if path.exists() and path.stat().st_size > 0 and has_plain_header(path):
        return False  # start-up speed: a plain file needs no look at SQLCipher's module
    from harmtrack.core.storage.sqlcipher import marker_says_encrypted

    return marker_says_encrypted(root)


def open_data_folder(folder: str | os.PathLike[str] | None = None, *, create: bool = True,
                     interactive: bool = False, passphrase: str | None = None,
                     daily_backup: bool = True, exclusive: bool = False,
                     allow_damaged: bool = False, provisional: bool = False) -> Database:
    """Open the HarmTrack database in a data folder, holding the folder lock while open.

    Every open process is known to the others (``folder_lock``); ``exclusive`` (for a
    command that replaces the file) refuses with FolderInUse, before anything is
    written, while another process has the folder open. A change a kill interrupted is
    finished or undone first (``change_journal``).
    """
    root = data_dir(folder)
    lock = hold_folder(root, exclusive=exclusive)
    try:
        db = open_folder_database(root, create=create, interactive=interactive,
                                  passphrase=passphrase, daily_backup=daily_backup,
                                  allow_damaged=allow_damaged, provisional=provisional)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is None:  # the database was created just now
        from harmtrack.core.storage.folder_lock import GATE_NAME, LOCK_NAME, hold

        # A refused command on a new folder leaves no lock files either.
        db.created.extend(root / name for name in (LOCK_NAME, GATE_NAME)
                          if not (root / name).exists())
        try:
            lock = hold(root, exclusive=exclusive)
        except BaseException:
            db.close()
            raise
    db.folder_lock = lock
    if lock.recovered:
        db.notices.append(lock.recovered)
    return db


def hold_folder(root: Path, *, exclusive: bool = False) -> Any:
    """Lock a data folder for this process, and finish or undo a change a kill
    interrupted there. None when the folder has no database yet: nothing to protect,
    and a command refused there must not have written a lock file either."""
    if not database_path(root).exists():
        return None
    from harmtrack.core.storage import change_journal
    from harmtrack.core.storage.folder_lock import hold

    lock = hold(root, exclusive=exclusive)
    if change_journal.pending(root):
        try:
            with lock.exclusively():
                lock.recovered = change_journal.recover(root)
        except BaseException:
            lock.release()
            raise
    return lock


def finish_interrupted_change(folder: str | os.PathLike[str] | None = None) -> str | None:
    """Finish or undo a change a kill interrupted in the folder (no passphrase needed)."""
    lock = hold_folder(data_dir(folder))
    if lock is None:
        return None
    lock.release()
    return lock.recovered


def open_folder_database(folder: str | os.PathLike[str] | None = None, *, create: bool = True,
                         interactive: bool = False, passphrase: str | None = None,
                         daily_backup: bool = True, allow_damaged: bool = False,
                         provisional: bool = False) -> Database:
    """Open the HarmTrack database in a data folder (default: the user's data folder).

    An encrypted folder needs a passphrase: ``passphrase``, else ``HARMTRACK_PASSPHRASE``,
    else a prompt when ``interactive``; without one, PassphraseRequired. The first open
    of each day checks the file for damage (DatabaseDamaged, naming the newest sound
    backup) and takes the daily backup. ``allow_damaged``: skip both, for a restore.

    ``provisional``: for a command that may yet be refused. Whatever the open creates
    is listed in ``Database.created``; call ``keep_opened`` when the command succeeded,
    ``discard_opened`` when it was refused (then nothing of it is left anywhere).
    """
    root = data_dir(folder)
    if root.exists() and not root.is_dir():
        raise DatabaseError(f"{root} is not a folder")
    path = database_path(root)
    check_folder_writable(root)
    if not allow_damaged:
        _refuse_emptied_file(path)
    encrypted = is_encrypted_folder(root)
    exists = path.exists() and path.stat().st_size > 0
    if not encrypted and exists:
        passphrase_hint = passphrase or os.environ.get(PASSPHRASE_ENV)
        # No marker (copied without it?) but a file that is not plain SQLite: with a
        # passphrase at hand, try it as an encrypted database.
        if passphrase_hint and not has_plain_header(path):
            encrypted = True
    if encrypted:
        secret = passphrase or os.environ.get(PASSPHRASE_ENV)
        if not secret and interactive:
            import getpass

            try:
                secret = getpass.getpass("Passphrase for your HarmTrack data: ")
            except EOFError:  # Ctrl+D at the prompt: no passphrase given
                secret = ""
        if not secret:
            raise PassphraseRequired(
                f"the data in {root} is encrypted: give the passphrase (you will be asked "
                f"for it in a terminal, or set {PASSPHRASE_ENV} for scripts)")
        from harmtrack.core.storage.opening import open_encrypted

        db = open_encrypted(path, secret, create=create)
    else:
        db = open_database(path, create=create)
    try:
        _check_writable(db)
    except DatabaseError:
        remove_created(db)
        raise
    tighten_folder(root)  # made by an older HarmTrack, or by hand
    if exists and not allow_damaged:
        _check_and_back_up_daily(db, daily_backup, provisional)
    return db


def _refuse_emptied_file(path: Path) -> None:
    """A zero-byte database beside backups lost its data (a crash, a bad copy): say so
    rather than start afresh in it, which would hide the loss."""
    try:
        if not path.is_file() or path.stat().st_size > 0:
            return
    except OSError:
        return
    from harmtrack.core.storage.backups import list_backups
    from harmtrack.core.storage.integrity import damaged

    if list_backups(path.parent):
        raise damaged(path.parent, "", what=f"the database file {path} is empty (0 bytes)")


def restore_damaged_folder(folder: str | os.PathLike[str], backup: Path,
                           passphrase: str | None = None) -> Database:
    """Replace a damaged (or emptied) database with ``backup``; returns the restored one.

    The damaged file is kept among the backups (``before-restore``), so nothing is lost.
    """
    from harmtrack.core.storage.backups import restore

    db = open_data_folder(folder, allow_damaged=True, daily_backup=False, passphrase=passphrase)
    return restore(db, backup, passphrase=passphrase).database


def keep_opened(db: Database) -> None:
    """The command on a provisionally opened database succeeded: finish the daily backup."""
    today = daily_backup_path(db.path.parent, dt.date.today())
    if today in db.created:
        from harmtrack.core.storage.backups import finish_daily_backup

        try:
            finish_daily_backup(db, dt.date.today())
        except Exception as exc:  # noqa: BLE001 - the command's own work is done
            log.info("rotating the daily backups failed: %s", type(exc).__name__)
        finally:
            db.engine.dispose()
    db.created.clear()


def discard_opened(db: Database) -> None:
    """The command on a provisionally opened database was refused: remove what the open
    created (a mistyped folder, its empty database, today's backup)."""
    db.close()
    if db.created:
        remove_created(db)


def _check_and_back_up_daily(db: Database, back_up: bool, provisional: bool = False) -> None:
    """The first open of a day: check the file for damage, then take the daily backup.

    Today's backup file is the record that today's check passed (a backup is only taken
    of a sound file), so remembering the check writes nothing of its own. Start-up
    speed: once today's backup is there, neither the check nor the backups module runs.
    """
    from harmtrack.core.common.errors import DatabaseDamaged

    target = daily_backup_path(db.path.parent, dt.date.today())
    if target.exists():
        return
    backups_folder_existed = target.parent.exists()
    try:
        if back_up:
            from harmtrack.core.storage.backups import daily_backup as take_daily

            if take_daily(db, rotate_now=not provisional) is not None and provisional:
                if not backups_folder_existed:
                    db.created.append(target.parent)
                db.created.append(target)
        else:
            from harmtrack.core.storage.integrity import check_database

            check_database(db)
    except DatabaseDamaged:
        db.engine.dispose()
        raise
    except Exception as exc:  # noqa: BLE001
        # A failed backup must not keep anyone from their data; say so instead.
        log.info("daily backup failed: %s", type(exc).__name__)
        db.notices.append("today's automatic backup could not be written")


def _check_writable(db: Database) -> None:
    """Refuse, with a clear message, a database the app could read but never save to."""
    from harmtrack.core.storage.file_checks import explain_write_error

    try:
        conn = db.engine.raw_connection()
    except Exception as exc:  # e.g. the folder refuses the -wal file WAL mode needs
        db.engine.dispose()
        message = explain_write_error(exc).replace("; nothing was saved", "")
        raise DatabaseError(f"cannot use the data in {db.path.parent}: {message}") from exc
    driver: Any = conn.driver_connection
    error: Exception | None = None
    try:
        driver.execute("BEGIN IMMEDIATE")
        # Rolled back at once: this only asks SQLite whether a write is allowed.
        driver.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('_write_probe', '0')")
    except Exception as exc:  # sqlite3 or SQLCipher error
        error = exc
    finally:
        if driver.in_transaction:
            driver.execute("ROLLBACK")
        conn.close()
    if error is not None:
        db.engine.dispose()
        message = explain_write_error(error).replace("; nothing was saved", "")
        raise DatabaseError(f"cannot use the data in {db.path.parent}: {message}") from error


def folder_of(db: Database) -> Path:
    """The data folder a database lives in."""
    return db.path.parent

