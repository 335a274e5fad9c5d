"""Sync change files, the sync folder's setup and device records, and the sync state
(issue 15, SYNC_DESIGN.md)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.privacy import sealed
from harmtrack.core.privacy.sealed import SealError
from harmtrack.core.sync import files, folder, merge
from harmtrack.core.sync.clock import format_clock
from harmtrack.core.sync.records import DELETED, Assignment

A, B = "a" * 32, "b" * 32
KEY = bytes(range(32))
OTHER_KEY = bytes(32)
NOTE = "walked past the old bar on Tuesday and kept going"
ROW, OTHER_ROW = str(uuid.uuid4()), str(uuid.uuid4())


def history() -> list[Assignment]:
    first, second = format_clock(1_000, 0, A), format_clock(2_000, 3, A)
    return [
        Assignment("entries", ROW, "note", NOTE, first, "", A),
        Assignment("entries", ROW, "amount", 2.5, first, "", A),
        Assignment("entries", ROW, "tags", [["trigger", 0, "stress"]], first, "", A),
        Assignment("entries", ROW, "amount", 1.0, second, first, A),
        Assignment("trackables", OTHER_ROW, "name", "Kratom", first, "", A),
        Assignment("entries", OTHER_ROW, DELETED, True, second, "", A),
    ]


def every_byte(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


# --- change files ---------------------------------------------------------------------------

def test_same_assignments_give_the_same_name_and_plaintext(tmp_path: Path) -> None:
    one = files.write_change_file(tmp_path / "a", A, 1, KEY, history())
    two = files.write_change_file(tmp_path / "b", A, 1, KEY, list(reversed(history())) + history()[:2])
    assert one.name == two.name and files.NAME_PATTERN.match(one.name)
    assert one.name.startswith("0000000001-")
    opened = [sealed.open_bytes(KEY, files.PURPOSE, p.read_bytes()) for p in (one, two)]
    assert opened[0] == opened[1]
    assert one.name[11:27] == hashlib.sha256(opened[0]).hexdigest()[:16]
    assert one.read_bytes() != two.read_bytes()  # sealed with fresh nonces: equal only inside
    assert files.write_change_file(tmp_path / "a", A, 2, KEY, history()).name != one.name


def test_reading_gives_back_every_assignment(tmp_path: Path) -> None:
    path = files.write_change_file(tmp_path, A, 7, KEY, history())
    assert sorted(files.read_change_file(path, KEY)) == sorted(history())


def test_a_change_file_is_private_whole_and_left_alone_once_written(tmp_path: Path) -> None:
    path = files.write_change_file(tmp_path / "sync", A, 1, KEY, history())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left
    before = path.read_bytes()
    assert files.write_change_file(tmp_path / "sync", A, 1, KEY, history()) == path
    assert path.read_bytes() == before  # immutable: the same file again is not rewritten


def test_a_change_file_is_fsynced_before_it_gets_its_name(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (events.append(f"rename {Path(a).name[:1]}"),
                                                     real_replace(a, b))[1])
    files.write_change_file(tmp_path, A, 1, KEY, history())
    assert events[:2] == ["fsync", "rename ."]  # the temporary (dot) name, synced, renamed


def test_a_write_cut_short_leaves_no_change_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(a: object, b: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        files.write_change_file(tmp_path, A, 1, KEY, history())
    assert list((tmp_path / A).iterdir()) == [] and files.list_change_files(tmp_path) == []


def test_the_bytes_hold_none_of_the_plaintext(tmp_path: Path) -> None:
    files.write_change_file(tmp_path, A, 1, KEY, history())
    folder.write_device_record(tmp_path, KEY, A, "Sam's laptop", format_clock(1, 0, A))
    data = every_byte(tmp_path)
    for secret in (NOTE, "old bar", "Kratom", "stress", "Sam's laptop", ROW):
        assert secret.encode() not in data


def damaged(tmp_path: Path, how: str) -> Path:
    path = files.write_change_file(tmp_path, A, 1, KEY, history())
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 2]))
    elif how == "corrupted":
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    elif how == "empty":
        path.write_bytes(b"")
    return path


@pytest.mark.parametrize("how", ["truncated", "corrupted", "empty"])
def test_a_damaged_change_file_raises_one_error_naming_it(tmp_path: Path, how: str) -> None:
    path = damaged(tmp_path, how)
    with pytest.raises(SealError) as caught:
        files.read_change_file(path, KEY)
    message = str(caught.value)
    assert path.name in message and A in message and "\n" not in message


def test_a_change_file_sealed_with_another_key_is_refused(tmp_path: Path) -> None:
    path = files.write_change_file(tmp_path, A, 1, OTHER_KEY, history())
    with pytest.raises(SealError, match=path.name):
        files.read_change_file(path, KEY)


def sealed_plaintext(tmp_path: Path, plaintext: bytes, device: str = A) -> Path:
    """A file that opens with the key and carries the right name for ``plaintext``."""
    path = files.device_folder(tmp_path, device) / files.file_name(1, plaintext)
    path.write_bytes(sealed.seal_bytes(KEY, files.PURPOSE, plaintext))
    return path


def doc_with(rows: list[object], device: str = A) -> bytes:
    return json.dumps({"format": 1, "device": device, "seq": 1, "rows": rows}).encode()


CLOCK = format_clock(5, 0, A)


@pytest.mark.parametrize(("plaintext", "problem"), [
    (b'{"format": 1, "rows": [', "not JSON"),
    (b"\xff\xfe", "not JSON"),
    (b'{"format": 9, "rows": []}', "format"),
    (b"[1, 2]", "format"),
    (doc_with([["diary", ROW, CLOCK, "", A, [["note", "x"]]]]), "unknown table 'diary'"),
    (doc_with([["entries", ROW, CLOCK, "", A, [["password", "x"]]]]), "unknown field 'password'"),
    (doc_with([["entries", "not-a-uuid", CLOCK, "", A, [["note", "x"]]]]), "uuid"),
    (doc_with([["entries", ROW, "yesterday", "", A, [["note", "x"]]]]), "clock"),
    (doc_with([["entries", ROW, CLOCK, "", B, [["note", "x"]]]]), "clock"),  # clock of another device
    (doc_with([["entries", ROW, CLOCK, "", A, [["_deleted", False]]]]), "deletion"),
    (doc_with([["entries", ROW, CLOCK, "", A, [["note"]]]]), "field"),
    (doc_with([["entries", ROW, CLOCK, ""]]), "row"),
    (doc_with([], device=B), "another device"),
])
def test_a_change_file_that_opens_but_is_not_valid_is_refused_whole(
        tmp_path: Path, plaintext: bytes, problem: str) -> None:
    path = sealed_plaintext(tmp_path, plaintext)
    with pytest.raises(InvalidEntry) as caught:
        files.read_change_file(path, KEY)
    message = str(caught.value)
    assert problem in message and path.name in message and "\n" not in message


def test_a_valid_row_before_a_bad_one_is_not_returned(tmp_path: Path) -> None:
    good = ["entries", ROW, CLOCK, "", A, [["note", "kept back"]]]
    bad = ["entries", ROW, CLOCK, "", A, [["nonsense", 1]]]
    path = sealed_plaintext(tmp_path, doc_with([good, bad]))
    result = None
    with pytest.raises(InvalidEntry):
        result = files.read_change_file(path, KEY)
    assert result is None


def test_a_change_file_whose_contents_do_not_match_its_name_is_refused(tmp_path: Path) -> None:
    path = files.write_change_file(tmp_path, A, 1, KEY, history())
    swapped = path.with_name("0000000001-0123456789abcdef.htsync")
    path.rename(swapped)
    with pytest.raises(InvalidEntry, match="do not match its name"):
        files.read_change_file(swapped, KEY)


def test_listing_finds_every_devices_files_in_order_and_nothing_else(tmp_path: Path) -> None:
    b2 = files.write_change_file(tmp_path, B, 2, KEY, history()[:1])
    a1 = files.write_change_file(tmp_path, A, 1, KEY, history())
    b1 = files.write_change_file(tmp_path, B, 1, KEY, history()[:2])
    (tmp_path / B / ".0000000003-0123456789abcdef.htsync.1-ab.tmp").write_bytes(b"half")
    (tmp_path / B / "0000000002-0123456789abcdef.sync-conflict-20261201.htsync").write_bytes(b"x")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "0000000001-0123456789abcdef.htsync").write_bytes(b"x")
    folder.write_device_record(tmp_path, KEY, A, "laptop", "")
    listed = files.list_change_files(tmp_path)
    assert [c.path for c in listed] == [a1, b1, b2]
    assert [(c.device, c.name) for c in listed] == [(A, a1.name), (B, b1.name), (B, b2.name)]
    assert files.list_change_files(tmp_path / "missing") == []


# --- the sync folder ------------------------------------------------------------------------

def test_joining_with_the_same_passphrase_gives_the_same_key(tmp_path: Path) -> None:
    sync = tmp_path / "Sync" / "harmtrack"
    key = folder.create_or_join(sync, "correct horse battery")
    assert len(key) == 32
    assert stat.S_IMODE(sync.stat().st_mode) == 0o700
    assert folder.create_or_join(sync, "correct horse battery") == key
    folder.open_folder(sync, key)
    path = files.write_change_file(sync, A, 1, key, history())
    assert sorted(files.read_change_file(path, folder.create_or_join(sync, "correct horse battery"))) \
        == sorted(history())


def test_a_wrong_passphrase_is_refused_in_one_line(tmp_path: Path) -> None:
    folder.create_or_join(tmp_path, "correct horse battery")
    with pytest.raises(folder.WrongSyncPassphrase) as caught:
        folder.create_or_join(tmp_path, "correct horse battery!")
    assert str(caught.value) == "wrong passphrase for this sync folder"
    with pytest.raises(InvalidEntry):
        folder.create_or_join(tmp_path / "new", "")
    assert not (tmp_path / "new").exists()


def test_the_setup_file_holds_no_user_data(tmp_path: Path) -> None:
    key = folder.create_or_join(tmp_path, "correct horse battery")
    folder.write_device_record(tmp_path, key, A, "Sam's laptop", "")
    text = (tmp_path / folder.SETUP_NAME).read_text()
    doc = json.loads(text)
    assert set(doc) == {"format", "kdf", "salt", "log2_n", "check"}
    assert (doc["format"], doc["kdf"], doc["log2_n"]) == (1, "scrypt", 15)
    assert "correct" not in text and "Sam" not in text and A not in text
    check = sealed.open_bytes(key, folder.CHECK_PURPOSE, __import__("base64").b64decode(doc["check"]))
    assert check == b"harmtrack"


def test_a_key_that_no_longer_fits_and_a_missing_folder_are_refused(tmp_path: Path) -> None:
    folder.create_or_join(tmp_path / "one", "first passphrase")
    with pytest.raises(folder.WrongSyncPassphrase):
        folder.open_folder(tmp_path / "one", OTHER_KEY)
    with pytest.raises(folder.SyncFolderError, match="not there"):
        folder.open_folder(tmp_path / "unplugged", OTHER_KEY)
    (tmp_path / "plain").mkdir()
    with pytest.raises(folder.SyncFolderError, match="not a HarmTrack sync folder"):
        folder.open_folder(tmp_path / "plain", OTHER_KEY)
    (tmp_path / "plain" / folder.SETUP_NAME).write_text("{not json")
    with pytest.raises(folder.SyncFolderError, match="damaged"):
        folder.create_or_join(tmp_path / "plain", "first passphrase")


def test_a_setup_made_by_another_device_meanwhile_is_joined_not_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theirs = folder.create_or_join(tmp_path / "theirs", "shared passphrase")
    real_publish = folder.publish

    def racing(path: Path, data: bytes) -> bool:  # the other device's setup lands first
        (tmp_path / "theirs" / folder.SETUP_NAME).replace(path)
        return real_publish(path, data)

    monkeypatch.setattr(folder, "publish", racing)
    assert folder.create_or_join(tmp_path / "mine", "shared passphrase") == theirs


def test_device_records_are_sealed_and_listed(tmp_path: Path) -> None:
    key = folder.create_or_join(tmp_path, "correct horse battery")
    folder.write_device_record(tmp_path, key, B, "Work desktop", format_clock(9, 0, B))
    folder.write_device_record(tmp_path, key, A, "Sam's laptop", "")
    folder.write_device_record(tmp_path, key, A, "Sam's laptop (renamed)", format_clock(3, 1, A))
    assert folder.devices(tmp_path, key) == [
        folder.DeviceRecord(A, "Sam's laptop (renamed)", format_clock(3, 1, A)),
        folder.DeviceRecord(B, "Work desktop", format_clock(9, 0, B))]
    record = tmp_path / A / folder.DEVICE_RECORD
    assert b"Sam" not in record.read_bytes() and stat.S_IMODE(record.stat().st_mode) == 0o600
    record.write_bytes(record.read_bytes()[:-3])  # a damaged record is left out, not fatal
    assert [d.id for d in folder.devices(tmp_path, key)] == [B]
    assert folder.devices(tmp_path, OTHER_KEY) == []


def test_scrypt_runs_once_per_setup_never_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = hashlib.scrypt

    def counted(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "scrypt", counted)
    key = folder.create_or_join(tmp_path, "correct horse battery")
    assert len(calls) == 1
    for seq in range(1, 21):
        path = files.write_change_file(tmp_path, A, seq, key, history()[: seq % 6 + 1])
        files.read_change_file(path, key)
        folder.write_device_record(tmp_path, key, A, "laptop", format_clock(seq, 0, A))
    folder.open_folder(tmp_path, key)
    folder.devices(tmp_path, key)
    files.list_change_files(tmp_path)
    assert len(calls) == 1
    folder.create_or_join(tmp_path, "correct horse battery")  # joining derives, once
    assert len(calls) == 2


# --- the sync state in the data database ----------------------------------------------------

def test_the_sync_state_is_kept_in_the_database(db) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from harmtrack.core.storage.db import transaction
    from harmtrack.core.sync import state

    with db.engine.connect() as conn:
        empty = state.load_state(conn)
    assert empty == state.SyncState("", "", "", None, None, 1, None)
    with transaction(db) as conn:
        device = state.ensure_device(conn, "Sam's laptop")
        assert state.ensure_device(conn, "another name") == device
        clock = state.load_clock(conn)
        clock.tick(5_000)
        state.save_clock(conn, clock)
        when = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)
        state.save_state(conn, folder=Path("/media/stick/sync"), key=KEY, next_seq=4, last_sync=when)
    with db.engine.connect() as conn:
        saved = state.load_state(conn)
        assert state.load_clock(conn).tick(1) > clock.last
    stick = Path("/media/stick/sync")
    assert saved == state.SyncState(device, "Sam's laptop", clock.last, stick, KEY, 4, when)
    with transaction(db) as conn:
        state.save_state(conn, folder=None, key=None)
    with db.engine.connect() as conn:
        forgotten = state.load_state(conn)
    assert (forgotten.folder, forgotten.key, forgotten.device) == (None, None, device)
    with pytest.raises(TypeError), transaction(db) as conn:
        state.save_state(conn, passphrase="never stored")


def test_applied_and_skipped_change_files_are_remembered(db) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.storage.db import transaction
    from harmtrack.core.sync import state

    with transaction(db) as conn:
        state.mark_skipped(conn, B, "0000000001-0123456789abcdef.htsync", "cut short")
        state.mark_skipped(conn, B, "0000000001-0123456789abcdef.htsync", "damaged")
        state.mark_applied(conn, A, "0000000001-aaaaaaaaaaaaaaaa.htsync")
    with db.engine.connect() as conn:
        assert state.skipped_files(conn) == {(B, "0000000001-0123456789abcdef.htsync"): "damaged"}
        assert state.applied_files(conn) == {(A, "0000000001-aaaaaaaaaaaaaaaa.htsync")}
    with transaction(db) as conn:  # read on a later pass: applied, no longer skipped
        state.mark_applied(conn, B, "0000000001-0123456789abcdef.htsync")
    with db.engine.connect() as conn:
        assert state.skipped_files(conn) == {}
        assert len(state.applied_files(conn)) == 2


def test_merge_runs_in_the_data_database(db) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.storage.db import transaction
    from harmtrack.core.sync import merge

    with transaction(db) as conn:
        outcome = merge.merge(conn, history())
    assert {(r.table, r.uuid, r.deleted) for r in outcome.rows} == {
        ("entries", ROW, False), ("trackables", OTHER_ROW, False), ("entries", OTHER_ROW, True)}
    with db.engine.connect() as conn:
        assert merge.merged_view(conn).fields("entries", ROW) == {
            "note": NOTE, "amount": 1.0, "tags": [["trigger", 0, "stress"]]}


def test_migration_0009_adds_and_removes_only_the_sync_state_tables(data_dir: Path) -> None:
    import sqlalchemy as sa

    from harmtrack.core.storage import engine as storage_engine
    from harmtrack.core.storage import revisions

    engine = storage_engine.make_engine(storage_engine.plain_connector(data_dir / "h.sqlite3"))
    try:
        revisions.upgrade(engine, "0008")
        before = set(sa.inspect(engine).get_table_names())
        revisions.upgrade(engine, "0009")
        added = set(sa.inspect(engine).get_table_names()) - before
        assert added == {"sync_merged", "sync_superseded", "sync_conflicts", "sync_state", "sync_files"}
        from alembic import command

        cfg = revisions.alembic_config()
        with storage_engine.write_engine(engine).begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0008")
        assert set(sa.inspect(engine).get_table_names()) == before
    finally:
        engine.dispose()



JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3), max_leaves=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([ROW, OTHER_ROW]), st.sampled_from(["note", "amount", "tags"]),
                          JSON_VALUES, st.integers(1, 5), st.sampled_from([A, B])), max_size=25),
       st.integers(1, 10**9))
def test_any_assignments_come_back_from_their_change_file(
        tmp_path: Path, rows: list[tuple[str, str, object, int, str]], seq: int) -> None:
    assignments = [Assignment("entries", u, f, v, format_clock(ms, 0, d), "", d)  # type: ignore[arg-type]
                   for u, f, v, ms, d in rows]
    path = files.write_change_file(tmp_path / str(seq), A, seq, KEY, assignments)
    back = files.read_change_file(path, KEY)
    def keys(items: list[Assignment]) -> list[tuple[str, ...]]:
        return sorted((a.table, a.uuid, a.field, a.clock, a.base, a.device, merge.value_json(a.value))
                      for a in items)

    assert keys(back) == sorted(set(keys(assignments)))  # all of them, each once
