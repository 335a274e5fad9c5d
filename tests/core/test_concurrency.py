"""Writers wait their turn: several processes logging at once, none refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries

ROOT = Path(__file__).resolve().parents[2]

#: One writer: opens the folder per entry like a command-line loop does (open, log, close).
WRITER = """
import sys
from harmtrack.core.tracking import entries
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.storage.data_folder import open_data_folder
folder, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
refused = 0
for i in range(count):
    try:
        db = open_data_folder(folder)
        try:
            entries.log(db, "alcohol", 1, note=f"{tag}-{i}")
        finally:
            db.close()
    except HarmTrackError as exc:
        refused += 1
        print(exc, file=sys.stderr)
print(refused)
"""

#: The GUI's way: one long-lived database, writing while others write.
LONG_LIVED = """
import sys
from harmtrack.core.tracking import entries
from harmtrack.core.storage.data_folder import open_data_folder
folder, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = open_data_folder(folder)
refused = 0
for i in range(count):
    try:
        entries.log(db, "alcohol", 1, note=f"{tag}-{i}")
        entries.list_entries(db)  # reads between writes, as the screens do
    except Exception as exc:
        refused += 1
        print(exc, file=sys.stderr)
db.close()
print(refused)
"""


def _start(script: str, folder: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, str(folder), tag, str(count)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def _notes(folder: Path) -> list[str]:
    db = open_data_folder(folder)
    try:
        return [e.note or "" for e in entries.list_entries(db)]
    finally:
        db.close()


def _prepare(folder: Path) -> None:
    db = open_data_folder(folder)
    entries.log(db, "alcohol", 1, note="first")
    db.close()


def _finish(procs: list[subprocess.Popen[str]]) -> list[str]:
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        assert out.strip() == "0", err  # not one entry refused
        outs.append(err)
    return outs


def test_four_processes_logging_at_once_are_never_refused(data_dir: Path) -> None:
    _prepare(data_dir)
    procs = [_start(WRITER, data_dir, f"w{n}", 250) for n in range(4)]
    _finish(procs)
    notes = _notes(data_dir)
    for n in range(4):
        assert {f"w{n}-{i}" for i in range(250)} <= set(notes)
    assert len(notes) == 1 + 1000


def test_a_long_lived_connection_and_a_script_log_side_by_side(data_dir: Path) -> None:
    _prepare(data_dir)
    procs = [_start(LONG_LIVED, data_dir, "gui", 300), _start(WRITER, data_dir, "cli", 150)]
    _finish(procs)
    notes = set(_notes(data_dir))
    assert {f"gui-{i}" for i in range(300)} <= notes
    assert {f"cli-{i}" for i in range(150)} <= notes


def test_an_import_preview_waits_for_another_writer(db, tmp_path: Path) -> None:
    """A dry run writes and rolls back: it must wait its turn like any writer."""
    import sqlite3
    import threading

    from harmtrack.core.exchange.export import write_export
    from harmtrack.core.exchange.importers import preview

    other = open_data_folder(tmp_path / "other")
    entries.log(other, "alcohol", 2, note="to import")
    source = write_export(other, "json", tmp_path / "other.json")
    other.close()
    entries.log(db, "alcohol", 1)
    holder = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO settings (key, value) VALUES ('held', '1')")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        result = preview(db, source)
    finally:
        release.join()
        holder.close()
    assert result.entries == 1
