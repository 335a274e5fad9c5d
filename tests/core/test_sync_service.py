"""The pass as the GUI drives it: progress, stopping, the preview, forgetting a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmtrack.core.storage.backups import list_backups
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.db import Database
from harmtrack.core.sync import service
from harmtrack.core.tracking import entries

PASS = "seven quiet wombats guard the harbour"


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    dbs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        db = open_data_folder(tmp_path / name, daily_backup=False)
        service.set_folder(db, tmp_path / "sync", PASS, name.upper())
        dbs.append(db)
    yield dbs
    for db in dbs:
        db.close()


def notes(db: Database) -> list[str | None]:
    return sorted(e.note for e in entries.list_entries(db))


def fill_and_send(a: Database, passes: int) -> None:
    for i in range(passes):  # one change file per pass
        entries.log(a, "alcohol", 1, note=f"a {i}")
        service.run_pass(a)


def test_progress_counts_the_files_up_to_the_total(pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    fill_and_send(a, 3)
    seen: list[tuple[int, int]] = []
    service.run_pass(b, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] and len({t for _d, t in seen}) == 1
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert notes(b) == ["a 0", "a 1", "a 2"]


def test_a_stopped_pass_changes_nothing_and_the_next_one_completes(pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    fill_and_send(a, 3)
    entries.log(b, "alcohol", 2, note="b's own")
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 1  # after the first file

    with pytest.raises(service.SyncCancelled):
        service.run_pass(b, cancelled=stop)
    assert notes(b) == ["b's own"]
    assert service.status(b).pending > 0  # still to send
    assert not [x for x in list_backups(b.path.parent) if x.kind == "before-sync"]
    service.run_pass(b)
    service.run_pass(a)
    assert notes(a) == notes(b) == ["a 0", "a 1", "a 2", "b's own"]


def test_the_preview_counts_what_the_pass_then_does(pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    fill_and_send(a, 2)
    entries.log(b, "alcohol", 2, note="b's own")
    service.run_pass(b)
    service.run_pass(a)
    entries.update_entry(a, entries.list_entries(a)[0].id, amount=9)
    entries.delete_entry(a, [e for e in entries.list_entries(a) if e.note == "a 0"][0].id)
    service.run_pass(a)
    before = [(e.note, e.amount) for e in entries.list_entries(b)]
    preview = service.run_pass(b, dry_run=True)
    assert [(e.note, e.amount) for e in entries.list_entries(b)] == before
    assert service.run_pass(b, dry_run=True) == preview  # nothing was consumed
    done = service.run_pass(b)
    assert (preview.added, preview.changed, preview.removed) == (done.added, done.changed, done.removed)
    assert (done.removed, done.backup is not None) == (1, True)


def test_forgetting_then_joining_another_folder_sends_everything(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    fill_and_send(a, 2)
    service.forget_folder(a)
    assert service.status(a).folder is None
    with pytest.raises(service.SyncNotSet):
        service.run_pass(a)
    service.set_folder(a, tmp_path / "other", PASS, "A")
    service.run_pass(a)
    (tmp_path / "c").mkdir()
    c = open_data_folder(tmp_path / "c", daily_backup=False)
    try:
        service.set_folder(c, tmp_path / "other", PASS, "C")
        service.run_pass(c)
        assert notes(c) == ["a 0", "a 1"]
        assert {d.name for d in service.status(c).devices} == {"A", "C"}
    finally:
        c.close()


def test_a_pass_overtaken_by_another_carries_on_from_its_state(pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The app's timer and the command line may run passes of one folder at once: the one
    that commits second numbers its change file and stamps its clocks after the first's."""
    a, b = pair
    real = service.files.list_change_files
    overtaken: list[bool] = []

    def list_then_let_another_pass_commit(folder: Path) -> list:  # type: ignore[type-arg]
        listed = real(folder)
        if not overtaken:
            overtaken.append(True)
            entries.log(a, "alcohol", 1, note="sent by the other pass")
            service.run_pass(a)
            entries.log(a, "alcohol", 2, note="sent by this pass")
        return listed

    monkeypatch.setattr(service.files, "list_change_files", list_then_let_another_pass_commit)
    service.run_pass(a)
    monkeypatch.undo()
    mine = service.status(a).device
    numbers = [f.name.split("-")[0] for f in real(a.path.parent.parent / "sync") if f.device == mine]
    assert len(numbers) == 2 and len(set(numbers)) == 2, numbers
    service.run_pass(b)
    assert notes(b) == ["sent by the other pass", "sent by this pass"]


def test_the_same_folder_at_another_path_carries_on(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    fill_and_send(a, 2)
    service.run_pass(b)
    moved = tmp_path / "stick-mounted-elsewhere"
    (tmp_path / "sync").rename(moved)
    service.set_folder(b, moved, PASS, "B")
    assert service.status(b).pending == 0  # nothing to send again
    done = service.run_pass(b)
    assert (done.added, done.changed, done.removed) == (0, 0, 0)
    assert notes(b) == ["a 0", "a 1"]
