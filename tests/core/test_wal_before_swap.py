"""A new database file is already in WAL mode when it replaces the folder's database.

A copy is written in rollback-journal mode; switching it to WAL writes its header under
a rollback journal. When that happened at the first open after the swap, a kill there
left a hot journal beside an encrypted database, which the read-only passphrase check
cannot roll back: the folder then opened with neither passphrase (seen in the kill
loops of test_kill_changes, under load). So the switch happens while the file is
still a temp file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harmtrack.core.privacy import crypto
from harmtrack.core.storage import backups, change_journal, sqlcipher
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries

PASS = "correct horse battery"


def _modes_at_the_swap(monkeypatch: pytest.MonkeyPatch, spec_of: Any) -> list[str]:
    """Journal mode of the new database file at the moment it is renamed into place."""
    seen: list[str] = []
    real = change_journal.apply

    def watching(folder: Path, record: dict[str, Any]) -> None:
        for temp, final in record.get("moves", []):
            if final == "harmtrack.sqlite3" and (folder / temp).exists():
                conn = sqlcipher.connect(folder / temp, spec_of(folder / temp), read_only=True)
                try:
                    seen.append(conn.execute("PRAGMA journal_mode").fetchone()[0])
                finally:
                    conn.close()
        real(folder, record)

    monkeypatch.setattr(change_journal, "apply", watching)
    return seen


@pytest.mark.parametrize("change", ["encrypt", "decrypt", "passphrase"])
def test_an_encryption_change_swaps_in_a_wal_file(data_dir: Path, monkeypatch, change: str) -> None:
    db = open_data_folder(data_dir, daily_backup=False)
    entries.log(db, "alcohol", 1)
    if change != "encrypt":
        db = crypto.change_encryption(db, PASS).database
    target = {"encrypt": PASS, "decrypt": None, "passphrase": "another quiet harbour lamp"}[change]
    seen = _modes_at_the_swap(
        monkeypatch, lambda p: None if target is None else sqlcipher.unlock(p, target))
    db = crypto.change_encryption(db, target).database
    db.close()
    assert seen == ["wal"]


@pytest.mark.parametrize("encrypted", [False, True])
def test_a_restore_swaps_in_a_wal_file(data_dir: Path, monkeypatch, encrypted: bool) -> None:
    db = open_data_folder(data_dir, daily_backup=False)
    entries.log(db, "alcohol", 1)
    if encrypted:
        db = crypto.change_encryption(db, PASS).database
    backup = backups.make_backup(db, "manual")
    entries.log(db, "alcohol", 2)
    seen = _modes_at_the_swap(monkeypatch, lambda p: sqlcipher.unlock(p, PASS) if encrypted else None)
    restored = backups.restore(db, backup, PASS if encrypted else None)
    restored.database.close()
    assert seen == ["wal"]
