"""Two HarmTrack processes on one folder: a change that replaces the file waits its turn.

Before the folder lock, ``restore``/``encrypt``/``decrypt``/``passphrase`` swapped the
database under an open process, which then wrote into the deleted old file: every entry
it acknowledged afterwards was lost.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from processes import Writer, cli

from harmtrack.core.privacy import crypto
from harmtrack.core.storage import backups
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.folder_lock import IN_USE, LOCK_NAME, FolderInUse, hold
from harmtrack.core.tracking import entries

PASS = "correct horse battery"


def _notes(folder: Path, passphrase: str | None = None) -> set[str]:
    from harmtrack.core.tracking.entries import list_entries

    db = open_data_folder(folder, passphrase=passphrase)
    try:
        return {e.note or "" for e in list_entries(db)}
    finally:
        db.close()


def _prepare(folder: Path, op: str) -> tuple[list[str], dict[str, str], str | None]:
    """Arguments and environment for ``op``; the passphrase the folder has afterwards."""
    db = open_data_folder(folder)
    entries.log(db, "alcohol", 1, note="before")
    backup = backups.make_backup(db, "manual")
    if op in ("decrypt", "passphrase"):
        db = crypto.change_encryption(db, PASS).database
    db.close()
    env = {"HARMTRACK_PASSPHRASE": PASS}
    if op == "encrypt":
        return ["encrypt"], env, None
    if op == "decrypt":
        return ["decrypt"], env, PASS
    if op == "passphrase":
        return ["passphrase"], {**env, "HARMTRACK_NEW_PASSPHRASE": "another quiet harbour lamp"}, PASS
    return ["restore", str(backup)], {}, None


@pytest.mark.real_kdf  # the writer is a child process, which derives real keys
@pytest.mark.parametrize("op", ["restore", "encrypt", "decrypt", "passphrase"])
def test_replacing_the_file_is_refused_while_another_process_writes(data_dir: Path, tmp_path: Path,
                                                                    op: str) -> None:
    args, env, passphrase = _prepare(data_dir, op)
    writer = Writer(data_dir, tmp_path / "stop", **({"HARMTRACK_PASSPHRASE": passphrase}
                                                    if passphrase else {}))
    writer.wait_acks(3)
    before = (data_dir / "harmtrack.sqlite3").stat().st_ino
    out = cli(data_dir, *args, **env)
    assert out.returncode == 2, out
    assert out.stderr.strip() == f"harmtrack: error: {IN_USE}"
    assert (data_dir / "harmtrack.sqlite3").stat().st_ino == before  # not swapped
    writer.wait_acks(20)  # the writer goes on, into the same file
    acked = writer.finish()
    notes = _notes(data_dir, passphrase)
    assert {f"writer-{i}" for i in acked} <= notes
    assert len(acked) >= 23
    # Once the other process is gone, the same command runs.
    done = cli(data_dir, *args, **env)
    assert done.returncode == 0, done.stderr


def test_lock_file_is_private_and_released_on_close(data_dir: Path) -> None:
    db = open_data_folder(data_dir)
    mode = stat.S_IMODE(os.stat(data_dir / LOCK_NAME).st_mode)
    assert mode == 0o600
    with pytest.raises(FolderInUse, match="close it first"):
        hold(data_dir, exclusive=True)  # this process's own database holds it too
    db.close()
    hold(data_dir, exclusive=True).release()


def test_the_gui_changes_its_own_folder_but_not_under_another_process(data_dir: Path,
                                                                      tmp_path: Path) -> None:
    """The process asking (the GUI's Data & privacy screen) coordinates with itself."""
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1, note="mine")
    writer = Writer(data_dir, tmp_path / "stop")
    writer.wait_acks(2)
    with pytest.raises(FolderInUse, match="close it first"):
        crypto.change_encryption(db, PASS)
    acked = writer.finish()
    entries.log(db, "alcohol", 1, note="still works")  # refused, and its database still works
    db = crypto.change_encryption(db, PASS).database
    try:
        assert db.encrypted
        # Still held (shared): another process cannot swap the file now either.
        with pytest.raises(FolderInUse):
            hold(data_dir, exclusive=True)
    finally:
        db.close()
    assert {"mine", "still works"} | {f"writer-{i}" for i in acked} <= _notes(data_dir, PASS)


def test_a_weak_passphrase_is_refused_with_advice(data_dir: Path) -> None:
    for weak in (" " * 8, "\t" * 8, "12345678", "password1"):
        out = cli(data_dir, "encrypt", HARMTRACK_PASSPHRASE=weak)
        assert out.returncode == 2
        line = out.stderr.strip()
        assert "\n" not in line and "words" in line, line
    assert list(data_dir.iterdir()) == []  # refused: nothing written, not even a database
    out = cli(data_dir, "encrypt", HARMTRACK_PASSPHRASE="otter lantern gravel mosaic")
    assert out.returncode == 0, out.stderr
