"""A refused command writes nothing, anywhere, and says what is true."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.common.errors import WrongPassphrase
from harmtrack.core.privacy import crypto
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking import entries
from harmtrack.paths import daily_backup_path


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _mount(args: list[str]) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 400 KiB file system of its own (a tmpfs; needs root)."""
    where = tmp_path / "small"
    where.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=400k", "tmpfs", str(where)]):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> None:
    """Fill ``disk`` up to the last few kilobytes."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass
    os.truncate(filler, max(filler.stat().st_size - 12288, 0))


def cli(folder: Path, *args: str) -> int:
    return run(["--data-dir", str(folder), *args])


def test_a_refused_command_on_a_mistyped_folder_creates_nothing(tmp_path: Path, capsys) -> None:
    typo = tmp_path / "not-my-folder" / "deeper"
    assert cli(typo, "log", "no such thing", "1") == 2
    assert "no trackable" in capsys.readouterr().err
    assert not (tmp_path / "not-my-folder").exists()
    # … while an accepted one keeps what it made
    assert cli(typo, "log", "alcohol", "1") == 0
    assert (typo / "harmtrack.sqlite3").is_file()


def test_a_refused_command_takes_no_backup_and_records_nothing(data_dir: Path, capsys) -> None:
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    db.close()
    shutil.rmtree(data_dir / "backups", ignore_errors=True)  # as on the next morning
    before = snapshot(data_dir)
    assert cli(data_dir, "log", "no such thing", "1") == 2
    assert cli(data_dir, "log", "alcohol", "-1") == 2
    assert snapshot(data_dir) == before
    assert not (data_dir / "backups").exists()
    # The next accepted command takes the day's backup and notes it.
    assert cli(data_dir, "entries") == 0
    assert daily_backup_path(data_dir, dt.date.today()).is_file()
    db = open_data_folder(data_dir)
    assert get_settings(db).last_auto_backup == dt.date.today().isoformat()
    db.close()


def test_a_wrong_passphrase_does_not_merge_a_leftover_wal(data_dir: Path, tmp_path: Path) -> None:
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    db = crypto.change_encryption(db, "correct horse battery staple").database
    entries.log(db, "alcohol", 2, note="only in the log")
    held = db.engine.raw_connection()  # as a crash would: the WAL is still there
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    held.close()
    db.close()
    assert (copy / "harmtrack.sqlite3-wal").stat().st_size > 0
    before = {k: v for k, v in snapshot(copy).items() if not k.endswith("-shm")}
    with pytest.raises(WrongPassphrase):
        open_data_folder(copy, passphrase="not the passphrase")
    after = {k: v for k, v in snapshot(copy).items() if not k.endswith("-shm")}
    assert after == before
    db = open_data_folder(copy, passphrase="correct horse battery staple")
    assert "only in the log" in [e.note for e in entries.list_entries(db)]
    db.close()


def test_a_full_disk_is_named_and_leaves_no_part_file(small_disk: Path, capsys) -> None:
    folder = small_disk / "data"
    assert cli(folder, "log", "alcohol", "1") == 0
    (folder / "backups").mkdir(exist_ok=True)
    for path in (folder / "backups").iterdir():
        path.unlink()
    fill(small_disk)
    capsys.readouterr()
    for _ in range(3):
        status = cli(folder, "log", "alcohol", "1", "--note", "x" * 4000)
        err = capsys.readouterr().err
        if status == 2:
            break
    assert status == 2 and err.strip() == "harmtrack: error: the disk is full; nothing was saved"
    assert cli(folder, "backup") == 2
    assert "the disk is full" in capsys.readouterr().err
    assert [p.name for p in (folder / "backups").iterdir() if p.name.endswith(".part")] == []


def test_a_backup_that_runs_out_of_space_leaves_no_part_file(db, monkeypatch) -> None:
    from harmtrack.core.common.errors import DatabaseError
    from harmtrack.core.storage import backups
    from harmtrack.core.storage import db as dbmod

    entries.log(db, "alcohol", 1)

    def no_space(_source, target, encrypted_like=None):  # type: ignore[no-untyped-def]
        target.write_bytes(b"SQLite format 3\0 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dbmod, "online_backup", no_space)
    with pytest.raises(DatabaseError, match="the disk is full"):
        backups.make_backup(db, "manual")
    with pytest.raises(OSError):
        backups.daily_backup(db, today=dt.date(2030, 1, 1))
    assert [p.name for p in (db.path.parent / "backups").iterdir()] == []


def test_a_read_only_folder_is_called_read_only(data_dir: Path, tmp_path: Path, capsys) -> None:
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    db.close()
    view = tmp_path / "read-only"
    view.mkdir()
    if not _mount(["--bind", "-o", "ro", str(data_dir), str(view)]):
        pytest.skip("cannot make a read-only bind mount here (needs root)")
    try:
        if not os.statvfs(view).f_flag & os.ST_RDONLY:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True)
        for command in (["entries"], ["log", "alcohol", "1"], ["backup"]):
            assert cli(view, *command) == 2
            err = capsys.readouterr().err
            assert f"the folder {view} is read-only" in err and err.count("\n") == 1
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)
