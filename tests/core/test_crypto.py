"""Encryption at rest: nothing readable on disk, wrong passphrase changes nothing, safe swaps."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from harmtrack.core.common.errors import InvalidEntry, PassphraseRequired, WrongPassphrase
from harmtrack.core.privacy import crypto
from harmtrack.core.storage import backups, sqlcipher
from harmtrack.core.storage.data_folder import is_encrypted_folder, open_data_folder
from harmtrack.core.tracking import entries

SECRETS = ("ZebraNoteSecret", "QuokkaTrackable", "MarmotTrigger")
PASS = "correct horse battery"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(db) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.tracking.trackables import add_custom

    add_custom(db, SECRETS[1], "times")
    for i in range(30):
        entries.log(db, SECRETS[1], i % 4, note=f"{SECRETS[0]} {i}", triggers=[SECRETS[2]])
        entries.log(db, "alcohol", 1, note=SECRETS[0])


def _all_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.name != sqlcipher.MARKER]


def _assert_no_plaintext(folder: Path) -> list[Path]:
    """Every file of the folder holds no secret; returns the files it read."""
    files = _all_files(folder)
    for p in files:
        raw = p.read_bytes()
        for secret in SECRETS:
            for form in (secret.encode("utf-8"), secret.encode("utf-16-le")):
                assert form not in raw, f"{secret} readable in {p.name}"
    return files


def test_encrypted_folder_holds_no_readable_note_name_or_trigger(data_dir: Path) -> None:
    db = open_data_folder(data_dir)
    _fill(db)
    backups.make_backup(db, "manual")  # a plaintext backup taken before encryption
    plain_db = data_dir / "harmtrack.sqlite3"
    assert SECRETS[0].encode() in plain_db.read_bytes() + b"".join(
        p.read_bytes() for p in _all_files(data_dir))  # the check below can fail
    db = crypto.change_encryption(db, PASS).database
    # Keep writing with the database open, so its WAL holds fresh pages too.
    for i in range(5):
        entries.log(db, SECRETS[1], 1, note=f"{SECRETS[0]} after {i}", triggers=[SECRETS[2]])
    wal = Path(str(db.path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    backups.make_backup(db, "manual")
    assert wal in _assert_no_plaintext(data_dir)  # the WAL's fresh pages were read too
    db.close()  # closing may checkpoint the WAL away
    _assert_no_plaintext(data_dir)
    assert is_encrypted_folder(data_dir)
    assert len(backups.list_backups(data_dir)) >= 3
    for b in backups.list_backups(data_dir):
        assert not crypto.has_plain_header(b.path), b.path.name


def test_passphrase_needed_and_wrong_one_touches_nothing(data_dir: Path, monkeypatch) -> None:
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 2, note="kept")
    db = crypto.change_encryption(db, PASS).database
    db.close()
    before = {p.name: digest(p) for p in _all_files(data_dir)}
    with pytest.raises(PassphraseRequired, match="HARMTRACK_PASSPHRASE"):
        open_data_folder(data_dir)
    with pytest.raises(WrongPassphrase, match="does not open"):
        open_data_folder(data_dir, passphrase="not the passphrase")
    assert {p.name: digest(p) for p in _all_files(data_dir)} == before
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", PASS)
    again = open_data_folder(data_dir)
    assert [e.note for e in entries.list_entries(again)] == ["kept"]
    again.close()


@pytest.mark.real_kdf  # the other tool derives the key with SQLCipher's own rounds
def test_encrypted_file_opens_with_plain_sqlcipher_and_the_passphrase(data_dir: Path) -> None:
    """Our raw-key shortcut derives exactly SQLCipher's key: any SQLCipher tool can open it."""
    import sqlcipher3

    db = crypto.change_encryption(open_data_folder(data_dir), PASS).database
    entries.log(db, "alcohol", 3)
    db.close()
    conn = sqlcipher3.connect(str(data_dir / "harmtrack.sqlite3"))
    conn.execute(f"PRAGMA key = '{PASS}'")
    assert conn.execute("SELECT amount FROM entries").fetchall() == [(3.0,)]
    conn.close()


def test_decrypt_and_change_passphrase_keep_every_row(data_dir: Path) -> None:
    db = open_data_folder(data_dir)
    _fill(db)
    db = crypto.change_encryption(db, PASS).database
    db = crypto.change_encryption(db, "a new passphrase").database
    assert len(entries.list_entries(db)) == 60
    db.close()
    with pytest.raises(WrongPassphrase):
        open_data_folder(data_dir, passphrase=PASS)
    db = open_data_folder(data_dir, passphrase="a new passphrase")
    # Backups were re-keyed: the old passphrase opens none of them.
    for b in backups.list_backups(data_dir):
        with pytest.raises(WrongPassphrase):
            crypto.unlock(b.path, PASS)
        crypto.unlock(b.path, "a new passphrase")
    result = crypto.change_encryption(db, None)
    db = result.database
    assert not db.encrypted and not is_encrypted_folder(data_dir)
    assert len(entries.list_entries(db)) == 60
    db.close()
    con = sqlite3.connect(data_dir / "harmtrack.sqlite3")
    assert con.execute("SELECT count(*) FROM entries").fetchone() == (60,)
    con.close()
    for b in backups.list_backups(data_dir):
        assert crypto.has_plain_header(b.path)


def test_short_passphrase_refused_before_anything_changes(db) -> None:
    entries.log(db, "alcohol", 1)
    with pytest.raises(InvalidEntry, match="at least 8"):
        crypto.change_encryption(db, "short")
    assert not db.encrypted and crypto.has_plain_header(db.path)
    assert len(entries.list_entries(db)) == 1


@pytest.mark.parametrize("weak", [" " * 8, "\t" * 8, "12345678", "password", "qwertyuiop"])
def test_easy_to_guess_passphrase_refused_with_advice(db, weak: str) -> None:
    entries.log(db, "alcohol", 1)
    with pytest.raises(InvalidEntry, match="several|four or more words") as refused:
        crypto.change_encryption(db, weak)
    assert "\n" not in str(refused.value)
    assert not db.encrypted and crypto.has_plain_header(db.path)
    assert len(entries.list_entries(db)) == 1
    assert crypto.passphrase_problem("otter lantern gravel mosaic") is None


def test_failed_verification_leaves_the_original_in_place(data_dir: Path, monkeypatch) -> None:
    db = open_data_folder(data_dir)
    _fill(db)
    before_rows = len(entries.list_entries(db))

    def broken_verify(path, spec, expected):  # type: ignore[no-untyped-def]
        raise crypto.DatabaseError("simulated: the copy does not hold the same rows")

    monkeypatch.setattr(sqlcipher, "verify_copy", broken_verify)
    with pytest.raises(crypto.DatabaseError, match="simulated"):
        crypto.change_encryption(db, PASS)
    assert crypto.has_plain_header(data_dir / "harmtrack.sqlite3")
    assert not (data_dir / "harmtrack.sqlite3.new").exists()
    assert not is_encrypted_folder(data_dir)
    again = open_data_folder(data_dir)
    assert len(entries.list_entries(again)) == before_rows
    again.close()


def test_header_wins_over_a_stale_marker(data_dir: Path) -> None:
    """A crash between writing the marker and swapping the file must not lock anyone out."""
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    db.close()
    sqlcipher.write_marker(data_dir, True)
    assert not is_encrypted_folder(data_dir)
    again = open_data_folder(data_dir)
    assert len(entries.list_entries(again)) == 1
    again.close()


def test_encrypted_folder_without_marker_opens_with_passphrase(data_dir: Path) -> None:
    db = crypto.change_encryption(open_data_folder(data_dir), PASS).database
    entries.log(db, "alcohol", 1)
    db.close()
    (data_dir / sqlcipher.MARKER).unlink()
    again = open_data_folder(data_dir, passphrase=PASS)
    assert again.encrypted and len(entries.list_entries(again)) == 1
    again.close()
