"""Two real data folders and one sync folder, driven through the command line as a person
(or a script) would: log on both, edit the same entry on both, delete on one, sync, compare.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries

PASS = "wombat quietly harbours seven lamps"
NOTES = ("WombatSyncNoteA1", "WombatSyncNoteA2", "WombatSyncNoteB1")


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", PASS)
    a, b, s = tmp_path / "a", tmp_path / "b", tmp_path / "sync"
    a.mkdir()
    b.mkdir()
    return a, b, s


def cli(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = run(["--data-dir", str(folder), *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def cli_json(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> object:
    status, out, err = cli(capsys, folder, *args, "--json")
    assert status == 0, err
    return json.loads(out)


def sync(capsys: pytest.CaptureFixture[str], folder: Path, *extra: str) -> dict:
    result = cli_json(capsys, folder, "sync", *extra)
    assert isinstance(result, dict)
    return result


def comparable(capsys: pytest.CaptureFixture[str], folder: Path) -> list[dict]:
    """``entries --json`` without what is local to a computer (row ids, edit stamps)."""
    rows = cli_json(capsys, folder, "entries")
    assert isinstance(rows, list)
    return sorted(({k: v for k, v in r.items() if k not in ("id", "updated_at")} for r in rows),
                  key=lambda r: (r["occurred_at"], r["note"] or ""))


def entry_id(folder: Path, note: str) -> int:
    db = open_data_folder(folder)
    try:
        (found,) = [e.id for e in entries.list_entries(db) if e.note == note]
        return found
    finally:
        db.close()


def edit(folder: Path, which: str, **changes: object) -> None:
    db = open_data_folder(folder)
    try:
        entries.update_entry(db, entry_id(folder, which), **changes)
    finally:
        db.close()


def change_files(sync_folder: Path) -> list[Path]:
    return sorted(p for p in sync_folder.rglob("*.htsync") if p.name != "device.htsync")


def log(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> None:
    status, _out, err = cli(capsys, folder, "log", *args)
    assert status == 0, err


def test_two_computers_converge_through_one_folder(folders, capsys) -> None:  # type: ignore[no-untyped-def]
    a, b, s = folders
    log(capsys, a, "alcohol", "2", "--at", "2026-03-02T21:15", "--note", NOTES[0], "--trigger", "stress")
    log(capsys, a, "alcohol", "1", "--at", "2026-03-03T20:00", "--note", NOTES[1])
    log(capsys, b, "alcohol", "3", "--at", "2026-03-04T19:00", "--note", NOTES[2], "--cost", "12")

    first = sync(capsys, a, "--folder", str(s), "--name", "Laptop")
    assert (first["added"], first["changed"], first["removed"], first["skipped_files"]) == (0, 0, 0, [])
    # B joins with a preview: what the pass will do, and nothing changed yet.
    before = comparable(capsys, b)
    preview = sync(capsys, b, "--folder", str(s), "--name", "Desktop", "--dry-run")
    assert preview["dry_run"] is True and preview["backup"] is None
    assert comparable(capsys, b) == before
    assert not any(p.name.startswith("before-sync") for p in (b / "backups").glob("*"))
    joined = sync(capsys, b)
    assert joined["dry_run"] is False and joined["backup"] is not None
    counts = ("added", "changed", "removed", "conflicts")
    assert [joined[k] for k in counts] == [preview[k] for k in counts]
    assert joined["added"] == 2  # A's two entries (Alcohol is the same trackable)
    sync(capsys, a)

    assert comparable(capsys, a) == comparable(capsys, b)
    assert len(comparable(capsys, a)) == 3
    # Both logged the built-in Alcohol before they ever synced: one trackable on each.
    for folder in (a, b):
        names = [t["name"] for t in cli_json(capsys, folder, "trackables", "--all")]  # type: ignore[union-attr]
        assert names == ["Alcohol"]

    # The same entry changed on both computers; another deleted on one.
    edit(a, NOTES[0], amount=4)
    edit(b, NOTES[0], amount=5, note=NOTES[0] + " (b)")
    db = open_data_folder(b)
    try:
        entries.delete_entry(db, entry_id(b, NOTES[1]))
    finally:
        db.close()
    incoming = sync(capsys, a, "--dry-run")
    assert incoming["changed"] == 0 and incoming["removed"] == 0  # B has not synced yet
    for _ in range(2):
        sync(capsys, b)
        sync(capsys, a)

    rows_a, rows_b = comparable(capsys, a), comparable(capsys, b)
    assert rows_a == rows_b
    assert [r["note"] for r in rows_a] == [NOTES[0] + " (b)", NOTES[2]]
    assert rows_a[0]["amount"] in (4.0, 5.0)
    assert rows_a[0]["triggers"] == ["stress"]
    # The amount was changed on both: the value not kept is shown, the same on both.
    conflicts_a = cli_json(capsys, a, "sync", "conflicts")
    conflicts_b = cli_json(capsys, b, "sync", "conflicts")
    assert isinstance(conflicts_a, list) and len(conflicts_a) == 1
    assert [(c["field"], c["kept"], c["other"]) for c in conflicts_a] == \
        [(c["field"], c["kept"], c["other"]) for c in conflicts_b]  # type: ignore[union-attr]
    assert {conflicts_a[0]["kept"], conflicts_a[0]["other"]} == {"4", "5"}

    status = cli_json(capsys, b, "sync", "status")
    assert isinstance(status, dict)
    assert status["folder"] == str(s) and status["pending"] == 0
    assert sorted((d["name"], d["this_device"]) for d in status["devices"]) == \
        [("Desktop", True), ("Laptop", False)]
    assert status["device"] in {d["id"] for d in status["devices"]}

    # A pass that changed something took a backup first.
    kinds = cli(capsys, b, "backups")[1]
    assert "before-sync" in kinds

    # Nothing readable in the sync folder: not a note, not a trigger.
    for path in s.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for secret in (*NOTES, "stress"):
                assert secret.encode() not in raw, path


def test_unreadable_change_files_are_skipped_reported_and_retried(folders, capsys) -> None:  # type: ignore[no-untyped-def]
    a, b, s = folders
    sync(capsys, a, "--folder", str(s))
    sync(capsys, b, "--folder", str(s))
    before = set(change_files(s))
    log(capsys, a, "alcohol", "1", "--at", "2026-03-02T21:15", "--note", NOTES[0])
    sync(capsys, a)
    log(capsys, a, "alcohol", "2", "--at", "2026-03-03T21:15", "--note", NOTES[1])
    sync(capsys, a)
    truncated, corrupted = sorted(set(change_files(s)) - before)
    good = {p: p.read_bytes() for p in (truncated, corrupted)}
    # A sync tool that has copied half a file; a bad sector or a careless editor.
    truncated.write_bytes(good[truncated][: len(good[truncated]) // 2])
    raw = bytearray(good[corrupted])
    raw[len(raw) // 2] ^= 0x55
    corrupted.write_bytes(bytes(raw))

    result = sync(capsys, b)
    skipped = {Path(f["path"]).name: f["reason"] for f in result["skipped_files"]}
    assert set(skipped) == {truncated.name, corrupted.name}
    assert all(reason and "\n" not in reason for reason in skipped.values())
    assert comparable(capsys, b) == []  # neither file was applied in part
    status, out, err = cli(capsys, b, "sync")
    assert status == 0 and f"skipped {truncated}" in out, err  # reported each pass, in words

    for path, data in good.items():  # the sync tool finishes its copy
        path.write_bytes(data)
    result = sync(capsys, b)
    assert result["skipped_files"] == [] and result["added"] >= 2
    assert comparable(capsys, a) == comparable(capsys, b)


def test_refusals_are_one_line(folders, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    a, _b, s = folders
    status, out, err = cli(capsys, a, "sync")
    assert status == 2 and err.count("\n") == 1 and "no sync folder" in err
    status, out, err = cli(capsys, a, "sync", "--folder", str(s / "no" / "such"))
    assert status == 2 and err.count("\n") == 1 and not (s / "no").exists()
    sync(capsys, a, "--folder", str(s))
    b = a.parent / "b"
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "another passphrase entirely, wrong")
    status, out, err = cli(capsys, b, "sync", "--folder", str(s))
    assert status == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert cli_json(capsys, b, "sync", "status")["folder"] is None  # type: ignore[index]
    (s / "not-a-folder").write_text("x")
    status, out, err = cli(capsys, b, "sync", "--folder", str(s / "not-a-folder"))
    assert status == 2 and err.count("\n") == 1


def test_a_missing_folder_is_refused_and_changes_nothing(folders, capsys) -> None:  # type: ignore[no-untyped-def]
    a, _b, s = folders
    sync(capsys, a, "--folder", str(s))
    log(capsys, a, "alcohol", "1", "--note", NOTES[0])
    s.rename(s.with_name("unplugged"))  # a USB stick taken out
    status, _out, err = cli(capsys, a, "sync")
    assert status == 2 and err.count("\n") == 1 and "not there" in err
    assert cli_json(capsys, a, "sync", "status")["pending"] == 2  # type: ignore[index]
    s.with_name("unplugged").rename(s)
    assert sync(capsys, a)["skipped_files"] == []
    assert cli_json(capsys, a, "sync", "status")["pending"] == 0  # type: ignore[index]


def test_encrypted_data_syncs_with_its_own_passphrase(folders, capsys) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.privacy import crypto

    a, b, s = folders
    db = open_data_folder(a)
    crypto.change_encryption(db, PASS).database.close()
    log(capsys, a, "alcohol", "2", "--note", NOTES[0])
    sync(capsys, a, "--folder", str(s))  # HARMTRACK_PASSPHRASE opens the data and the folder
    assert sync(capsys, b, "--folder", str(s))["added"] == 2  # Alcohol and the entry
    assert [r["note"] for r in comparable(capsys, b)] == [NOTES[0]]
    for path in [*s.rglob("*"), *(a / "backups").glob("before-sync-*")]:
        if path.is_file():
            assert NOTES[0].encode() not in path.read_bytes(), path
