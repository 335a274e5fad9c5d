"""Property: any interleaving of logging, editing, deleting and sync passes on two or three
computers ends, once every computer has synced twice more, with the same data everywhere:
nothing acknowledged is lost, nothing deleted comes back, nothing is there twice.

Real data folders and the real pass (``sync.service``), one sync folder between them.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.sync import service
from harmtrack.core.sync.state import save_state
from harmtrack.core.tracking import entries

PASS = "seven quiet wombats guard the harbour"


def op(devices: int) -> st.SearchStrategy[tuple]:
    device = st.integers(0, devices - 1)
    pick = st.integers(0, 30)
    amount = st.integers(0, 20)
    return st.one_of(
        st.tuples(st.just("log"), device, amount),
        st.tuples(st.just("edit"), device, pick, amount),
        st.tuples(st.just("delete"), device, pick),
        st.tuples(st.just("sync"), device),
    )


@dataclass
class Model:
    """What the person was told happened (every write returned without error)."""

    logged: dict[str, float] = field(default_factory=dict)   # note → first amount
    amounts: dict[str, set[float]] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)


def own_entries(db: Database) -> list[entries.EntryRecord]:
    return sorted(entries.list_entries(db), key=lambda e: e.note or "")


def template(root: Path, devices: int) -> Path:
    """Data folders of ``devices`` computers that have joined one sync folder (made once:
    each example copies it, so none pays for a key derivation)."""
    for i in range(devices):
        folder = root / f"device-{i}"
        folder.mkdir(parents=True)
        db = open_data_folder(folder, daily_backup=False)
        try:
            service.set_folder(db, root / "sync", PASS, f"computer {i}")
        finally:
            db.close()
    return root


def play(template: Path, root: Path, devices: int, ops: list[tuple]) -> None:
    shutil.copytree(template, root, dirs_exist_ok=True)
    for i in range(devices):  # the copies sync through the copied folder
        db = open_data_folder(root / f"device-{i}", daily_backup=False)
        try:
            with transaction(db) as conn:
                save_state(conn, folder=root / "sync")
        finally:
            db.close()
    dbs: list[Database] = []
    try:
        for i in range(devices):
            dbs.append(open_data_folder(root / f"device-{i}", daily_backup=False))
        model = Model()
        for n, (kind, who, *rest) in enumerate(ops):
            db = dbs[who]
            if kind == "log":
                note = f"note {n}"
                entries.log(db, "alcohol", rest[0], note=note)
                model.logged[note] = float(rest[0])
                model.amounts[note] = {float(rest[0])}
                continue
            if kind == "sync":
                service.run_pass(db)
                continue
            mine = own_entries(db)
            if not mine:
                continue
            entry = mine[rest[0] % len(mine)]
            assert entry.note is not None
            if kind == "edit":
                entries.update_entry(db, entry.id, amount=rest[1])
                model.amounts[entry.note].add(float(rest[1]))
            else:
                entries.delete_entry(db, entry.id)
                model.deleted.add(entry.note)
        for _ in range(2):
            for db in dbs:
                assert service.run_pass(db).skipped_files == []
        seen = []
        for db in dbs:
            rows = own_entries(db)
            notes = [e.note for e in rows]
            assert len(notes) == len(set(notes)), "an entry is there twice"
            assert set(notes) == set(model.logged) - model.deleted
            for e in rows:
                assert e.note is not None and e.amount in model.amounts[e.note]
            seen.append([(e.note, e.amount, e.day, e.occurred_at) for e in rows])
            names = [t.name for t in _trackables(db)]
            assert len(names) == len(set(names))
        assert all(s == seen[0] for s in seen), "the computers differ"
        for db in dbs:  # settled: another pass would change nothing
            again = service.run_pass(db, dry_run=True)
            assert (again.added, again.changed, again.removed) == (0, 0, 0)
    finally:
        for db in dbs:
            db.close()


def _trackables(db: Database) -> list:  # type: ignore[type-arg]
    from harmtrack.core.tracking.trackables import list_trackables

    return list_trackables(db, include_archived=True)


@pytest.mark.parametrize("devices, examples", [(2, 25), (3, 15)])
def test_random_interleavings_converge(tmp_path: Path, devices: int, examples: int) -> None:
    made = template(tmp_path / "template", devices)

    @settings(max_examples=examples, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(op(devices), min_size=1, max_size=18))
    def check(ops: list[tuple]) -> None:
        with tempfile.TemporaryDirectory(prefix="sync-pass-") as root:
            play(made, Path(root), devices, ops)

    check()
