"""Private files: folders 0700, files 0600, from creation on and after every open."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.exchange.export import write_export
from harmtrack.core.privacy import crypto
from harmtrack.core.storage import backups
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _everyday_umask():  # type: ignore[no-untyped-def]
    """The usual umask 022, under which plain creation gives 0755 and 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def assert_private(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        want = 0o700 if path.is_dir() else 0o600
        assert mode(path) == want, f"{path.relative_to(folder.parent)}: {oct(mode(path))}"


def test_a_new_data_folder_and_its_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    db = open_data_folder(folder)
    entries.log(db, "alcohol", 1)
    assert mode(tmp_path / "new") == 0o700 and mode(folder) == 0o700
    assert mode(db.path) == 0o600
    assert mode(Path(f"{db.path}-wal")) == 0o600 and mode(Path(f"{db.path}-shm")) == 0o600
    backups.make_backup(db, "manual")
    backups.daily_backup(db)
    db.close()
    assert_private(folder)


def test_encryption_marker_and_encrypted_backups_are_private(data_dir: Path) -> None:
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    backups.make_backup(db, "manual")
    db = crypto.change_encryption(db, "correct horse battery staple").database
    backups.make_backup(db, "manual")
    db.close()
    assert mode(data_dir / "encryption.json") == 0o600
    assert_private(data_dir)


def test_exports_and_reports_are_private(db, tmp_path: Path, capsys) -> None:
    entries.log(db, "alcohol", 1)
    csv = write_export(db, "csv", tmp_path / "out.csv")
    json = write_export(db, "json", tmp_path / "out.json")
    assert mode(csv) == 0o600 and mode(json) == 0o600
    existing = tmp_path / "again.csv"
    existing.write_text("old")
    existing.chmod(0o644)
    assert mode(write_export(db, "csv", existing)) == 0o600
    pdf = tmp_path / "report.pdf"
    assert run(["--data-dir", str(db.path.parent), "report", "--out", str(pdf)]) == 0
    assert mode(pdf) == 0o600


def test_an_existing_open_folder_is_tightened_on_open(data_dir: Path) -> None:
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    backups.make_backup(db, "manual")
    db.close()
    (data_dir / "logs").mkdir()
    (data_dir / "logs" / "harmtrack.log").write_text("started\n")
    someone_elses = data_dir / "notes.txt"  # not HarmTrack's: left as it is
    someone_elses.write_text("mine")
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    db = open_data_folder(data_dir)
    db.close()
    assert mode(someone_elses) == 0o644
    someone_elses.unlink()
    assert_private(data_dir)


def test_a_folder_the_person_made_becomes_private_once_it_holds_data(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    folder.chmod(0o755)
    (folder / "other.txt").write_text("not ours")
    (folder / "other.txt").chmod(0o644)
    db = open_data_folder(folder)
    db.close()
    assert mode(folder) == 0o700 and mode(folder / "harmtrack.sqlite3") == 0o600
    assert mode(folder / "other.txt") == 0o644


def test_the_log_file_is_private(data_dir: Path) -> None:
    import logging

    from harmtrack.app import setup_logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        setup_logging(data_dir)
        logging.getLogger("harmtrack.test").info("a line")
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:] = handlers
        root.setLevel(level)
    assert mode(data_dir / "logs") == 0o700 and mode(data_dir / "logs" / "harmtrack.log") == 0o600
