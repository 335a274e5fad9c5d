"""SIGKILL during a sync pass: nothing is lost, and the next pass completes.

Computer B has entries it never sent; computer A's are in the sync folder. B's pass is
killed at a random moment (a third anywhere in the pass, a third once its transaction has
begun writing, a third once it has committed and is writing its own change file). After
the kill B still holds all its own entries and either all of A's or none (one
transaction); B's next pass completes, and once A has synced too both hold everything.
The full loop (40 kills) is ``slow``; a short one runs with every test run.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import ROOT, env

from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.sync import service
from harmtrack.core.tracking import entries

PASS = "seven quiet wombats guard the harbour"
EACH = 150

#: Imports what the pass needs, says "ready", waits for a line, runs ``harmtrack sync``.
CHILD = r"""
import sys
import harmtrack.cli.sync, harmtrack.core.sync.service, harmtrack.core.storage.backups
import harmtrack.core.storage.data_folder
from harmtrack.cli import run
print("ready", flush=True)
sys.stdin.readline()
sys.exit(run(sys.argv[1:]))
"""


def notes(folder: Path) -> list[str]:
    db = open_data_folder(folder, daily_backup=False)
    try:
        return sorted(e.note or "" for e in entries.list_entries(db))
    finally:
        db.close()


def template(root: Path) -> tuple[set[str], set[str]]:
    """A synced computer A, and B with entries of its own, set up but never synced."""
    for name in ("a", "b"):
        (root / name).mkdir()
    a = open_data_folder(root / "a", daily_backup=False)
    b = open_data_folder(root / "b", daily_backup=False)
    try:
        for i in range(EACH):
            entries.log(a, "alcohol", 1 + i % 5, note=f"from a {i}")
            entries.log(b, "alcohol", 1 + i % 3, note=f"from b {i}")
        service.set_folder(a, root / "sync", PASS, "A")
        service.run_pass(a)
        service.set_folder(b, root / "sync", PASS, "B")
    finally:
        a.close()
        b.close()
    return {f"from a {i}" for i in range(EACH)}, {f"from b {i}" for i in range(EACH)}


def start(root: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, "--data-dir", str(root / "b"), "sync"],
                             cwd=ROOT, env=env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def go(child: subprocess.Popen[str]) -> float:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    return time.monotonic()


def own_files(root: Path) -> int:
    return sum(1 for p in (root / "sync").rglob("*.htsync") if p.name != "device.htsync")


def writing(root: Path) -> bool:
    """The pass's transaction has begun writing (the log file beside the database grew)."""
    wal = root / "b" / "harmtrack.sqlite3-wal"
    return wal.exists() and wal.stat().st_size > 0


def kill_loop(root: Path, kills: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    base = root / "template"
    base.mkdir()
    from_a, from_b = template(base)
    files_before = own_files(base)
    calibrate = root / "calibrate"
    shutil.copytree(base, calibrate)
    child = start(calibrate)
    began = go(child)
    child.wait(timeout=120)
    total = time.monotonic() - began
    assert child.returncode == 0, child.stderr.read() if child.stderr else ""
    assert set(notes(calibrate / "b")) == from_a | from_b
    shutil.rmtree(calibrate)

    outcomes: dict[str, int] = {}
    for n in range(kills):
        run = root / f"run-{n}"
        shutil.copytree(base, run)
        child = start(run)
        began = go(child)
        target = ("anywhere", "writing", "committed")[n % 3]
        if target == "anywhere":
            time.sleep(rng.uniform(0, total))
        else:
            while child.poll() is None and time.monotonic() - began < 3 * total and not (
                    writing(run) if target == "writing" else own_files(run) > files_before):
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, total / 20))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        after_kill = set(notes(run / "b"))
        assert from_b <= after_kill, "entries of B were lost"
        assert after_kill in (from_b, from_a | from_b), "A's entries were applied in part"
        outcome = "merged" if after_kill == from_a | from_b else "not yet"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        # The next pass completes, and A receives what B had.
        for name in ("b", "a", "b"):
            db = open_data_folder(run / name, daily_backup=False)
            try:
                assert service.run_pass(db).skipped_files == []
            finally:
                db.close()
        assert set(notes(run / "a")) == set(notes(run / "b")) == from_a | from_b
        shutil.rmtree(run)
    return outcomes


def test_a_few_kills_lose_nothing(tmp_path: Path) -> None:
    kill_loop(tmp_path, kills=3, seed=1)


@pytest.mark.slow
def test_forty_kills_lose_nothing(tmp_path: Path) -> None:
    outcomes = kill_loop(tmp_path, kills=40, seed=2)
    print(outcomes)
    assert outcomes.get("merged", 0) > 0 and outcomes.get("not yet", 0) > 0, outcomes


def test_a_pass_stopped_after_its_commit_sends_its_changes_next_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stretch a kill rarely hits, made certain: the commit is done, the change file
    is not written. The next pass writes it, and the other computer receives it all."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    a = open_data_folder(tmp_path / "a", daily_backup=False)
    b = open_data_folder(tmp_path / "b", daily_backup=False)
    try:
        service.set_folder(a, tmp_path / "sync", PASS, "A")
        service.set_folder(b, tmp_path / "sync", PASS, "B")
        for i in range(5):
            entries.log(b, "alcohol", 1, note=f"from b {i}")
        service.run_pass(b)
        first = entries.list_entries(b)[0]
        entries.update_entry(b, first.id, amount=7)
        entries.delete_entry(b, entries.list_entries(b)[1].id)

        def killed(*_args: object, **_kw: object) -> Path:
            raise KeyboardInterrupt  # stands for the process ending right here

        with monkeypatch.context() as patch:
            patch.setattr(service.files, "write_change_file", killed)
            with pytest.raises(KeyboardInterrupt):
                service.run_pass(b)
        assert service.status(b).pending == 0  # committed: nothing left to capture
        service.run_pass(b)
        service.run_pass(a)
        theirs = sorted((e.note, e.amount) for e in entries.list_entries(a))
        assert theirs == sorted((e.note, e.amount) for e in entries.list_entries(b))
        assert len(theirs) == 4 and (first.note, 7.0) in theirs
    finally:
        a.close()
        b.close()
