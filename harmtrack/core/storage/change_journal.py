"""Changes that replace files (encrypt, decrypt, new passphrase, restore), made resumable.

A change writes every new file first, next to the one it replaces, as
``<name>.converting``, and verifies it. Only then does it record the list of
renames in ``harmtrack-change.json`` (temp file, fsync, rename: the record is either
there whole or not at all) and carry them out. So a process killed at any moment
leaves one of two things, and the next open of the folder (``recover``) finishes it:

* no record, or a record in state ``prepare``: nothing was replaced yet; the
  ``.converting`` files are deleted and the folder is as it was (the old state);
* a record in state ``commit``: every new file is complete and checked; the
  remaining renames are done (renaming is idempotent) and the folder is in the new
  state. No key is needed for this, so it happens before any passphrase is asked.

Never leaving a readable copy behind in an encrypted folder follows: backups are
converted in the same step as the database, and a plain file is only ever replaced
by its encrypted copy, never deleted before that copy exists.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from harmtrack.paths import backups_dir

log = logging.getLogger(__name__)

JOURNAL_NAME = "harmtrack-change.json"
TEMP_SUFFIX = ".converting"
#: Temp files earlier versions and other writers leave when killed (a backup being
#: written, an old-style conversion); stale once the folder is held exclusively.
STALE_SUFFIXES = (TEMP_SUFFIX, ".part", ".new", ".restore")
SIDECARS = ("-wal", "-shm", "-journal")


def temp_for(path: Path) -> Path:
    """Where the new version of ``path`` is written before it replaces it."""
    return path.with_name(path.name + TEMP_SUFFIX)


def journal_path(folder: Path) -> Path:
    return folder / JOURNAL_NAME


def pending(folder: Path) -> bool:
    """True when a change was interrupted in ``folder`` (cheap: one stat)."""
    return journal_path(folder).exists()


def fsync_file(path: Path) -> None:
    """Make a written file durable before anything depends on it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (a no-op where folders cannot be synced)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write(folder: Path, record: dict[str, Any]) -> None:
    target = journal_path(folder)
    tmp = target.with_name(target.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, (json.dumps(record, indent=1) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    fsync_dir(folder)


def begin(folder: Path, operation: str) -> None:
    """Record that ``operation`` starts writing its new files (nothing replaced yet)."""
    _write(folder, {"operation": operation, "state": "prepare"})


def commit(folder: Path, operation: str, moves: Iterable[tuple[Path, Path]],
           encrypted: bool | None) -> dict[str, Any]:
    """Record the renames that make the change (all new files are written and checked).

    ``encrypted``: what the encryption marker must say afterwards (None: unchanged).
    """
    pairs = [[str(t.relative_to(folder)), str(f.relative_to(folder))] for t, f in moves]
    for temp, _final in pairs:
        fsync_file(folder / temp)
    for sub in {(folder / t).parent for t, _f in pairs}:
        fsync_dir(sub)
    record = {"operation": operation, "state": "commit", "moves": pairs, "encrypted": encrypted}
    _write(folder, record)
    return record


def apply(folder: Path, record: dict[str, Any]) -> None:
    """Carry out a committed change (again, after an interruption: each step is idempotent)."""
    from harmtrack.core.storage.sqlcipher import write_marker

    encrypted = record.get("encrypted")
    if encrypted is True:
        write_marker(folder, True)  # before the swap: the header decides until it is done
    for temp_name, final_name in record.get("moves", []):
        temp, final = folder / temp_name, folder / final_name
        if not temp.exists():
            continue  # renamed before the interruption
        # The old file was checkpointed and closed before its copy was made: its logs
        # hold nothing more, and must not meet the new file.
        for suffix in SIDECARS:
            Path(str(final) + suffix).unlink(missing_ok=True)
        os.replace(temp, final)
    for sub in {(folder / f).parent for _t, f in record.get("moves", [])}:
        fsync_dir(sub)
    if encrypted is False:
        write_marker(folder, False)


def finish(folder: Path) -> None:
    """The change is complete: forget its record."""
    journal_path(folder).unlink(missing_ok=True)
    fsync_dir(folder)


def undo(folder: Path) -> None:
    """Drop a change that was not committed: delete its new files, keep the old ones."""
    remove_stale(folder)
    finish(folder)


def remove_stale(folder: Path) -> list[str]:
    """Delete temp files left by interrupted writes; returns their names.

    Only call this while holding the folder exclusively: then nobody is writing them.
    The database's own ``-wal`` is never touched (it may hold committed entries).
    """
    removed: list[str] = []
    for sub in (folder, backups_dir(folder)):
        if not sub.is_dir():
            continue
        for path in sub.iterdir():
            name = path.name
            base = name
            for suffix in SIDECARS:
                if base.endswith(suffix):
                    base = base[: -len(suffix)]
            if not (base.endswith(STALE_SUFFIXES) and ".sqlite3" in base) or not path.is_file():
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(name)
        if sub != folder:
            _remove_idle_sidecars(sub)
    for name in ("encryption.json.part", JOURNAL_NAME + ".part"):
        (folder / name).unlink(missing_ok=True)
    return removed


def _remove_idle_sidecars(backups: Path) -> None:
    """Empty logs a backup got while it was read (a kill left them; they hold nothing)."""
    for path in backups.glob("*.sqlite3-*"):
        if path.name.endswith("-shm") or (path.name.endswith(("-wal", "-journal"))
                                           and path.stat().st_size == 0):
            with contextlib.suppress(OSError):
                path.unlink()


def read(folder: Path) -> dict[str, Any] | None:
    """The record of an interrupted change (None when there is none or it is unreadable)."""
    try:
        data = json.loads(journal_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def recover(folder: Path) -> str | None:
    """Finish or undo an interrupted change in ``folder``; what was done, or None.

    The caller holds the folder exclusively.
    """
    if not pending(folder):
        return None
    record = read(folder)
    operation = str(record.get("operation", "change")) if record else "change"
    if record is not None and record.get("state") == "commit":
        apply(folder, record)
        remove_stale(folder)
        finish(folder)
        log.info("an interrupted %s was finished", operation)
        return f"an interrupted {operation} was finished"
    undo(folder)
    log.info("an interrupted %s was undone", operation)
    return f"an interrupted {operation} was undone; your data is as it was before"
