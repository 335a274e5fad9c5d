"""Kill -9 in the middle of logging: the file stays sound and every confirmed entry is there."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harmtrack.core.storage.data_folder import open_data_folder

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from harmtrack.core.tracking import entries
from harmtrack.core.storage.data_folder import open_data_folder
db = open_data_folder(sys.argv[1], passphrase=sys.argv[2] or None)
i = 0
while True:
    i += 1
    rec = entries.log(db, "alcohol", i % 5, note=f"entry {i}", triggers=["t%d" % (i % 3)])
    print(rec.id, flush=True)  # confirmed only after the commit returned
"""


def _round(folder: Path, passphrase: str, rng: random.Random) -> set[int]:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), passphrase], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    buffer = ""
    started = None
    give_up = time.monotonic() + 60
    kill_after = rng.uniform(0.05, 0.6)
    while time.monotonic() < give_up:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break  # the writer died on its own: the assertion below shows why
            buffer += chunk.decode()
            if started is None and "\n" in buffer:
                started = time.monotonic()
        if started is not None and time.monotonic() - started > kill_after:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    while chunk := os.read(fd, 65536):
        buffer += chunk.decode()
    errors = proc.stderr.read().decode() if proc.stderr else ""
    proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()
    assert started is not None, errors
    confirmed: set[int] = set()
    # Only complete lines were confirmed; a half-written id at the end was not.
    for line in buffer.split("\n")[:-1]:
        confirmed.add(int(line))
    return confirmed


@pytest.mark.real_kdf  # the writer is a child process, which derives real keys
@pytest.mark.parametrize("passphrase", ["", "crash test passphrase"], ids=["plain", "encrypted"])
def test_sigkill_while_logging_loses_nothing_confirmed(data_dir: Path, passphrase: str) -> None:
    rng = random.Random(20261126)
    db = open_data_folder(data_dir)
    if passphrase:
        from harmtrack.core.privacy import crypto

        db = crypto.change_encryption(db, passphrase).database
    db.close()
    confirmed: set[int] = set()
    for _ in range(4):
        confirmed |= _round(data_dir, passphrase, rng)
        db = open_data_folder(data_dir, passphrase=passphrase or None, daily_backup=False)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            stored = {r[0] for r in conn.exec_driver_sql("SELECT id FROM entries")}
            tags = conn.exec_driver_sql(
                "SELECT count(*) FROM entries WHERE id NOT IN (SELECT entry_id FROM entry_tags)").scalar()
        db.close()
        assert confirmed <= stored, f"lost confirmed entries {sorted(confirmed - stored)[:5]}"
        assert tags == 0  # no entry without its trigger: each entry was all or nothing
    assert len(confirmed) > 10
    if not passphrase:
        con = sqlite3.connect(data_dir / "harmtrack.sqlite3")
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        con.close()
