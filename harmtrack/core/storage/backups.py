"""Backups: a rotating daily copy, copies before risky changes, manual backup and restore.

Every copy is taken with SQLite's online backup API (for an encrypted database, an
export into an identically keyed file), so it is consistent even while the app runs.
Backups live in ``<data folder>/backups`` and are named ``<kind>-<timestamp>.sqlite3``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from harmtrack.core.common.errors import DatabaseError
from harmtrack.core.storage.backup_files import BackupCheck, BackupInfo, check_backup, list_backups
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.file_checks import disk_full
from harmtrack.core.storage.integrity import check_database, looks_damaged, newest_sound_backup
from harmtrack.paths import backups_dir, daily_backup_path

log = logging.getLogger(__name__)

#: Kinds of backups; each is rotated on its own (manual ones are never deleted).
KINDS = ("daily", "before-import", "before-restore", "before-encryption-change",
         "before-migration", "before-sync", "manual")


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def _unique(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def make_backup(db: Database, kind: str = "manual", out: Path | None = None,
                keep: int | None = None) -> Path:
    """Copy the live database into the backups folder (or ``out``) and rotate that kind."""
    if kind not in KINDS:
        raise ValueError(kind)
    folder = db.path.parent
    if out is None:
        target = _unique(backups_dir(folder) / f"{kind}-{_stamp()}.sqlite3")
    else:
        target = Path(out).expanduser()
        if target.is_dir():
            target = target / f"harmtrack-{_stamp()}.sqlite3"
        elif not target.parent.is_dir():  # a mistyped path must not create folders
            raise DatabaseError(f"cannot write the backup: the folder {str(target.parent)!r} does not exist")
    if kind != "before-restore":  # a damaged file is what a restore replaces: keep it too
        check_database(db)
    try:
        try:
            db.backup_to(target)
        except Exception as exc:
            if kind != "before-restore" or not looks_damaged(exc):
                raise
            copy_damaged_file(db, target)
    except (sqlite3.Error, OSError) as exc:
        if disk_full(exc):
            raise DatabaseError("the disk is full; no backup was written") from exc
        raise DatabaseError(f"cannot write the backup {target.name}: {exc}") from exc
    except Exception as exc:
        if type(exc).__module__.startswith("sqlcipher3"):
            raise DatabaseError(f"cannot write the backup {target.name}: {exc}") from exc
        raise
    if out is None and kind != "manual":
        rotate(folder, kind, keep if keep is not None else _keep(db), db)
    log.info("backup written (%s)", kind)
    return target


def copy_damaged_file(db: Database, target: Path) -> None:
    """Keep a damaged database as it is, byte for byte (an encrypted copy cannot be
    exported through its damaged pages; the bytes are already encrypted)."""
    from harmtrack.core.storage.private_files import create_private

    with contextlib.suppress(Exception):  # fold the log in when SQLite still can
        conn = db.connector()
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    tmp = target.with_name(target.name + ".part")
    try:
        create_private(tmp)
        shutil.copyfile(db.path, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _keep(db: Database) -> int:
    from harmtrack.core.storage.settings import get_settings

    return get_settings(db).backups_keep


#: Older generations of daily backups kept besides the last ``backups_keep`` days: the
#: newest backup of each of the last weeks and of the last months.
WEEKLY_KEEP = 4
MONTHLY_KEEP = 6


def generations(backups: list[BackupInfo], daily: int, weekly: int = WEEKLY_KEEP,
                monthly: int = MONTHLY_KEEP) -> set[Path]:
    """Which of ``backups`` (newest first) to keep: the newest ``daily``, then the newest of
    each of the last ``weekly`` calendar weeks and ``monthly`` months."""
    keep = {b.path for b in backups[:max(daily, 1)]}
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    for b in backups:
        iso = b.taken.isocalendar()
        week, month = (iso[0], iso[1]), (b.taken.year, b.taken.month)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            keep.add(b.path)
        if month not in months and len(months) < monthly:
            months.add(month)
            keep.add(b.path)
    return keep


def rotate(folder: Path, kind: str, keep: int, db: Database | None = None) -> list[Path]:
    """Delete old backups of one kind; returns what was deleted.

    Daily backups keep generations (see ``generations``); other kinds the newest ``keep``.
    The newest backup that passes its check is never deleted, whatever its age: if the
    damage was copied into every newer one, it is the one to restore.
    """
    mine = [b for b in list_backups(folder) if b.kind == kind]
    kept = generations(mine, keep) if kind == "daily" else {b.path for b in mine[:max(keep, 1)]}
    doomed = [b for b in mine if b.path not in kept]
    if not doomed:
        return []
    sound = newest_sound_backup(folder, db)
    removed: list[Path] = []
    for old in doomed:
        if old.path == sound:
            continue
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def daily_backup(db: Database, today: dt.date | None = None, *,
                 rotate_now: bool = True) -> Path | None:
    """On the first open of a day, take the daily backup; otherwise do nothing (cheap).

    The check is one ``stat`` of today's file, so it costs nothing on later starts.
    ``rotate_now`` False: leave rotating (and noting the day) to ``finish_daily_backup``,
    for a command that may yet be refused and must then have changed nothing.
    """
    day = today or dt.date.today()
    target = daily_backup_path(db.path.parent, day)
    if target.exists():
        return None
    from harmtrack.core.storage.settings import get_settings

    settings = get_settings(db)
    if settings.last_auto_backup == day.isoformat() and any(
            b.kind == "daily" for b in list_backups(db.path.parent)):
        return None
    check_database(db)  # a damaged file must not become the newest backup
    db.backup_to(target)
    log.info("daily backup written")
    if rotate_now:
        finish_daily_backup(db, day)
    return target


def finish_daily_backup(db: Database, day: dt.date) -> None:
    """After the daily backup: rotate the old ones and note the day."""
    from harmtrack.core.storage.settings import get_settings, update_settings

    rotate(db.path.parent, "daily", get_settings(db).backups_keep, db)
    with contextlib.suppress(Exception):  # the backup exists; the note is a nicety
        update_settings(db, last_auto_backup=day.isoformat())


# --- checking and restoring -------------------------------------------------------------

@dataclass(frozen=True)
class Restored:
    """The result of a restore."""

    database: Database
    check: BackupCheck
    previous: Path  # the backup of the database as it was before the restore


def restore(db: Database, source: Path, passphrase: str | None = None) -> Restored:
    """Replace the folder's database with the backup at ``source``.

    Needs the folder to itself: FolderInUse (nothing changed) while another HarmTrack
    process has it open. The file is checked first; the current database is kept as a
    backup; the copy is written in the folder's own form (encrypted with its key, or
    plain), verified, and renamed into place through ``change_journal``, so a kill at
    any moment is finished or undone on the next open. ``db`` is closed; use
    ``Restored.database``.
    """
    from harmtrack.core.storage import change_journal, sqlcipher
    from harmtrack.core.storage.folder_lock import hold
    from harmtrack.core.storage.opening import open_file

    source = Path(source).expanduser()
    check = check_backup(source, db, passphrase)
    path, folder = db.path, db.path.parent
    lock = db.folder_lock if db.folder_lock is not None else hold(folder, exclusive=True)
    lock.upgrade()  # FolderInUse here changes nothing
    try:
        change_journal.remove_stale(folder)
        previous = make_backup(db, "before-restore")
        target_spec = db.key_spec
        if check.encrypted:
            src_spec = (target_spec if target_spec is not None
                        and sqlcipher.file_salt(source) == target_spec.salt
                        else sqlcipher.derive_key(passphrase or "", sqlcipher.file_salt(source)))
        else:
            src_spec = None
        tmp = change_journal.temp_for(path)
        db.folder_lock = None  # kept across the close: the folder stays ours
        db.close()
        change_journal.begin(folder, "restore")
        try:
            if src_spec is None and target_spec is None:
                _plain_copy(source, tmp)
                sqlcipher.use_wal(tmp, None)
            else:
                sqlcipher.convert_file(source, src_spec, tmp, target_spec, live=True)
            record = change_journal.commit(folder, "restore", [(tmp, path)], encrypted=None)
        except BaseException:
            # Nothing was replaced: the caller's ``db`` (closed, so it reconnects on
            # next use) still fits the file, and gets the folder lock back.
            change_journal.undo(folder)
            db.folder_lock = lock
            raise
        change_journal.apply(folder, record)
        change_journal.finish(folder)
        log.info("database restored from a backup")
        database = open_file(path, target_spec)
        database.folder_lock = lock
    finally:
        lock.downgrade()
    return Restored(database, check, previous)


def _plain_copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        raise DatabaseError("the restored copy failed its integrity check; nothing was changed")
