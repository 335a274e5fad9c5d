"""A database with damaged pages: found before it spreads, named plainly, nothing written."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
from helpers import corrupt_pages, damaged_folder, notes_in

from harmtrack.cli import run
from harmtrack.core.common.errors import DatabaseDamaged
from harmtrack.core.storage import backups
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.integrity import backup_is_sound
from harmtrack.core.tracking import entries
from harmtrack.paths import daily_backup_path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_first_open_of_a_day_finds_the_damage_and_names_the_sound_backup(data_dir: Path) -> None:
    good = damaged_folder(data_dir)
    before = snapshot(data_dir)
    with pytest.raises(DatabaseDamaged) as caught:
        open_data_folder(data_dir)
    assert caught.value.backup == good
    assert str(good) in str(caught.value) and "damaged" in str(caught.value)
    assert snapshot(data_dir) == before  # no backup of the damage, nothing else either


def test_a_backup_refuses_to_copy_damage(db) -> None:
    entries.log(db, "alcohol", 1)
    sound = backups.make_backup(db, "manual")
    db.engine.dispose()
    corrupt_pages(db.path)
    for kind in ("manual", "before-import"):
        with pytest.raises(DatabaseDamaged) as caught:
            backups.make_backup(db, kind)
        assert caught.value.backup == sound
    with pytest.raises(DatabaseDamaged):
        backups.daily_backup(db, today=dt.date(2030, 1, 1))
    assert [b.path for b in backups.list_backups(db.path.parent)] == [sound]


def test_a_week_of_daily_opens_on_damage_keeps_the_good_copies(db) -> None:
    entries.log(db, "alcohol", 1)
    start = dt.date(2030, 1, 1)
    for i in range(3):
        backups.daily_backup(db, today=start + dt.timedelta(days=i))
    db.engine.dispose()
    corrupt_pages(db.path)
    for i in range(3, 10):
        with pytest.raises(DatabaseDamaged):
            backups.daily_backup(db, today=start + dt.timedelta(days=i))
    kept = backups.list_backups(db.path.parent)
    assert len(kept) == 3 and all(backup_is_sound(b.path) for b in kept)


def test_rotation_never_removes_the_newest_sound_backup(db, tmp_path: Path) -> None:
    """Damage that slipped into every newer daily copy: the old sound one stays."""
    entries.log(db, "alcohol", 1)
    folder = db.path.parent
    sound = backups.daily_backup(db, today=dt.date(2030, 1, 1))
    assert sound is not None
    bad = tmp_path / "bad.sqlite3"
    shutil.copy(sound, bad)
    corrupt_pages(bad)
    for i in range(1, 40):
        shutil.copy(bad, daily_backup_path(folder, dt.date(2030, 1, 1) + dt.timedelta(days=i)))
    backups.rotate(folder, "daily", 7, db)
    assert sound.exists()


def test_daily_backups_keep_generations(db) -> None:
    entries.log(db, "alcohol", 1)
    folder = db.path.parent
    first = backups.daily_backup(db, today=dt.date(2026, 1, 1))
    assert first is not None
    day = dt.date(2026, 1, 2)
    while day <= dt.date(2026, 4, 30):
        shutil.copy(first, daily_backup_path(folder, day))
        day += dt.timedelta(days=1)
    backups.rotate(folder, "daily", 7, db)
    names = {b.path.name for b in backups.list_backups(folder)}
    days = [f"2026-04-{d:02d}" for d in range(24, 31)]  # the last 7 days
    days += ["2026-04-19", "2026-04-12"]  # the newest of each of the last 4 weeks
    days += ["2026-03-31", "2026-02-28", "2026-01-31"]  # … and of each month
    assert names == {f"daily-{d}.sqlite3" for d in days}


def test_a_query_that_meets_damage_later_in_the_day_says_so(data_dir: Path) -> None:
    good = damaged_folder(data_dir)
    today = daily_backup_path(data_dir, dt.date.today())
    shutil.copy(good, today)  # today's check already passed, before the damage
    db = open_data_folder(data_dir)
    try:
        with pytest.raises(DatabaseDamaged) as caught:
            entries.list_entries(db)
        assert caught.value.backup == today
        with pytest.raises(DatabaseDamaged):
            entries.log(db, "alcohol", 3)
    finally:
        db.close()


@pytest.mark.parametrize("command", [
    ["entries"], ["entries", "--json"], ["log", "alcohol", "2"], ["backup"],
    ["export", "--format", "csv", "--out", "OUT"], ["export", "--format", "json", "--out", "OUT"],
    ["report", "--out", "OUT.pdf"],
])
@pytest.mark.parametrize("checked_today", [False, True])
def test_every_command_meets_damage_with_one_line_and_writes_nothing(
        data_dir: Path, tmp_path: Path, capsys, command: list[str], checked_today: bool) -> None:
    good = damaged_folder(data_dir)
    if checked_today:
        good = daily_backup_path(data_dir, dt.date.today())
        shutil.copy(daily_backup_path(data_dir, dt.date.today() - dt.timedelta(days=1)), good)
    before = snapshot(data_dir)
    out = tmp_path / "out.pdf"
    capsys.readouterr()
    status = run(["--data-dir", str(data_dir), *[str(out) if a.startswith("OUT") else a
                                                 for a in command]])
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "damaged" in err and str(good) in err
    assert snapshot(data_dir) == before
    assert not out.exists()


def test_restore_mends_a_damaged_folder(data_dir: Path, capsys) -> None:
    good = damaged_folder(data_dir)
    assert run(["--data-dir", str(data_dir), "restore", str(good)]) == 0
    assert notes_in(data_dir) == ["first", "second"]


def test_a_zero_byte_database_beside_backups_is_not_started_afresh(data_dir: Path, capsys) -> None:
    good = damaged_folder(data_dir)
    (data_dir / "harmtrack.sqlite3").write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        (data_dir / f"harmtrack.sqlite3{suffix}").unlink(missing_ok=True)
    before = snapshot(data_dir)
    with pytest.raises(DatabaseDamaged) as caught:
        open_data_folder(data_dir)
    assert caught.value.backup == good and "empty (0 bytes)" in str(caught.value)
    assert run(["--data-dir", str(data_dir), "entries"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(good) in err
    assert snapshot(data_dir) == before  # the empty file was not filled in
    assert run(["--data-dir", str(data_dir), "restore", str(good)]) == 0
    assert notes_in(data_dir) == ["first", "second"]
