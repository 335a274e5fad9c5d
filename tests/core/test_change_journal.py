"""An encryption change stopped half-way is finished or undone by the next open.

A process that dies runs no tidying-up code, so these tests stop the change by raising
from inside it and make its own undo do nothing, as a kill would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harmtrack.core.privacy import crypto
from harmtrack.core.storage import backups, change_journal
from harmtrack.core.storage.data_folder import finish_interrupted_change, open_data_folder
from harmtrack.core.tracking import entries

SECRET = "PangolinNote"
PASS = "correct horse battery"


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs in the process."""


def _folder(data_dir: Path):  # type: ignore[no-untyped-def]
    db = open_data_folder(data_dir)
    for i in range(5):
        entries.log(db, "alcohol", 1, note=f"{SECRET} {i}")
    backups.make_backup(db, "manual")
    backups.make_backup(db, "before-import")
    return db


def _readable(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.is_file() and SECRET.encode() in p.read_bytes()]


def _notes(db) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.note or "" for e in entries.list_entries(db)}


def test_killed_after_the_commit_the_next_open_finishes_encrypting(data_dir: Path, monkeypatch) -> None:
    db = _folder(data_dir)
    real_replace = os.replace
    calls = {"n": 0}

    def replace_then_die(src, dst):  # type: ignore[no-untyped-def]
        calls["n"] += str(src).endswith(".converting")
        if calls["n"] == 3:  # the database and one backup are renamed, the rest are not
            raise Killed
        real_replace(src, dst)

    monkeypatch.setattr(change_journal.os, "replace", replace_then_die)
    with pytest.raises(Killed):
        crypto.change_encryption(db, PASS)
    monkeypatch.undo()
    db.release_folder()  # the process is gone: the OS drops its lock
    assert change_journal.pending(data_dir)
    assert _readable(data_dir)  # what issue 16 found: plain backups beside encrypted data
    db = open_data_folder(data_dir, passphrase=PASS)
    try:
        assert db.encrypted
        assert any("was finished" in n for n in db.notices)
        assert _notes(db) == {f"{SECRET} {i}" for i in range(5)}
    finally:
        db.close()
    assert _readable(data_dir) == []
    assert not change_journal.pending(data_dir)
    assert not [p for p in data_dir.rglob("*.converting*")]


def test_killed_before_the_commit_the_next_command_undoes_it(data_dir: Path, monkeypatch) -> None:
    db = _folder(data_dir)

    def die(*_a):  # type: ignore[no-untyped-def]
        raise Killed

    monkeypatch.setattr(crypto, "_prepare_backups", die)
    monkeypatch.setattr(change_journal, "undo", lambda folder: None)  # a dead process undoes nothing
    with pytest.raises(Killed):
        crypto.change_encryption(db, PASS)
    monkeypatch.undo()
    db.engine.dispose()
    db.release_folder()
    assert (data_dir / "harmtrack.sqlite3.converting").exists()
    assert "undone" in (finish_interrupted_change(data_dir) or "")
    assert not list(data_dir.rglob("*.converting*")) and not change_journal.pending(data_dir)
    db = open_data_folder(data_dir)
    try:
        assert not db.encrypted
        assert _notes(db) == {f"{SECRET} {i}" for i in range(5)}
    finally:
        db.close()


def test_encrypting_removes_readable_leftovers_of_killed_backups(data_dir: Path) -> None:
    db = _folder(data_dir)
    part = backups.list_backups(data_dir)[0].path
    leftover = part.with_name("daily-2026-01-01.sqlite3.part")
    leftover.write_bytes(part.read_bytes())  # a backup killed while it was written
    db = crypto.change_encryption(db, PASS).database
    db.close()
    assert _readable(data_dir) == []
    assert not leftover.exists()


def test_a_damaged_plain_backup_stops_encryption_instead_of_staying_readable(data_dir: Path) -> None:
    db = _folder(data_dir)
    damaged = data_dir / "backups" / "manual-20260101-000000.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 80 + SECRET.encode() * 20)
    with pytest.raises(Exception, match="cannot be encrypted; move it"):
        crypto.change_encryption(db, PASS)
    assert not db.encrypted and crypto.has_plain_header(db.path)
    assert _notes(db) == {f"{SECRET} {i}" for i in range(5)}  # still open and working
    assert not list(data_dir.rglob("*.converting*")) and not change_journal.pending(data_dir)
    db.close()
