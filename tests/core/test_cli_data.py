"""The data commands of the command line: exit codes, messages, effects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.storage import backups
from harmtrack.core.storage.data_folder import is_encrypted_folder, open_data_folder
from harmtrack.core.tracking import entries

#: ../shared beside the repository (the project's shared files; skipped when absent).
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FIXTURE = SHARED / "fixtures" / "psychonautwiki-journal" / "SampleData.json"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("HARMTRACK_PASSPHRASE", raising=False)
    d = tmp_path / "data"
    assert run(["--data-dir", str(d), "log", "alcohol", "2", "--note", "first"]) == 0
    return d


def test_export_both_formats(folder: Path, tmp_path: Path, capsys) -> None:
    base = ["--data-dir", str(folder), "export", "--format"]
    assert run([*base, "json", "--out", str(tmp_path / "a.json")]) == 0
    assert json.loads((tmp_path / "a.json").read_text())["entries"][0]["note"] == "first"
    assert run([*base, "csv", "--out", str(tmp_path / "a.csv")]) == 0
    assert (tmp_path / "a.csv").read_text().splitlines()[0].startswith("date,time,occurred_at,trackable")
    assert run(["--data-dir", str(folder), "export", "--format", "xml", "--out", "x"]) == 2


@pytest.mark.skipif(not FIXTURE.exists(), reason="PsychonautWiki Journal fixtures not present")
def test_import_dry_run_prints_preview_and_writes_nothing(folder: Path, capsys) -> None:
    capsys.readouterr()
    assert run(["--data-dir", str(folder), "import", str(FIXTURE), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Preview (nothing written)" in out and "48 entries" in out
    assert "experience 40, ingestion 2: taken by someone else" in out
    db = open_data_folder(folder)
    assert entries.entry_count(db) == 1
    db.close()
    assert run(["--data-dir", str(folder), "import", str(FIXTURE), "--format", "pwj"]) == 0
    assert "A backup was taken first" in capsys.readouterr().out
    assert run(["--data-dir", str(folder), "import", str(FIXTURE)]) == 0
    assert "Adds: nothing new" in capsys.readouterr().out


def test_import_of_a_missing_or_unreadable_file_exits_2(folder: Path, tmp_path: Path, capsys) -> None:
    assert run(["--data-dir", str(folder), "import", str(tmp_path / "nope.json")]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert run(["--data-dir", str(folder), "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "no file at" in err and "not valid JSON" in err


def test_backup_and_restore(folder: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "mine.sqlite3"
    assert run(["--data-dir", str(folder), "backup", "--out", str(out)]) == 0
    assert run(["--data-dir", str(folder), "log", "alcohol", "5"]) == 0
    assert run(["--data-dir", str(folder), "restore", str(out)]) == 0
    assert "restored 1 entry," in capsys.readouterr().out
    db = open_data_folder(folder)
    assert [e.amount for e in entries.list_entries(db)] == [2.0]
    db.close()
    assert any(b.kind == "before-restore" for b in backups.list_backups(folder))


def test_encrypt_passphrase_decrypt(folder: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "first passphrase")
    assert run(["--data-dir", str(folder), "encrypt"]) == 0
    assert is_encrypted_folder(folder)
    monkeypatch.delenv("HARMTRACK_PASSPHRASE")
    capsys.readouterr()
    assert run(["--data-dir", str(folder), "entries"]) == 2
    assert "encrypted: give the passphrase" in capsys.readouterr().err
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "wrong passphrase")
    assert run(["--data-dir", str(folder), "entries"]) == 2
    assert "does not open" in capsys.readouterr().err
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "first passphrase")
    monkeypatch.setenv("HARMTRACK_NEW_PASSPHRASE", "second passphrase")
    assert run(["--data-dir", str(folder), "passphrase"]) == 0
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "second passphrase")
    assert run(["--data-dir", str(folder), "encrypt"]) == 2  # already encrypted
    assert run(["--data-dir", str(folder), "decrypt"]) == 0
    monkeypatch.delenv("HARMTRACK_PASSPHRASE")
    assert not is_encrypted_folder(folder)
    capsys.readouterr()
    assert run(["--data-dir", str(folder), "entries"]) == 0
    assert "Alcohol: 2 standard drinks" in capsys.readouterr().out


def test_an_import_preview_counts_one_in_the_singular(folder: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.json"
    assert run(["--data-dir", str(folder), "export", "--format", "json", "--out", str(out)]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(tmp_path / "fresh"), "import", str(out), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "Adds: 1 entry, 1 trackable" in text, text
