"""What a file or folder allows before and after opening it, and write errors in words."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from harmtrack.core.common.errors import DATABASE_LOCKED, DatabaseError, NotHarmTrackDatabase

SQLITE_MAGIC = b"SQLite format 3\x00"


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
