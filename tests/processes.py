"""Real HarmTrack processes for tests: a long-lived writer, the command line, kill loops."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Holds the folder open (like the GUI) and logs one entry after another, printing
#: "ack N" once entry N is committed, until the file named by argv[2] exists.
WRITER = r"""
import sys, time
from pathlib import Path
from harmtrack.core.tracking import entries
from harmtrack.core.storage.data_folder import open_data_folder

folder, stop = Path(sys.argv[1]), Path(sys.argv[2])
db = open_data_folder(folder)
print("open", flush=True)
i = 0
while not stop.exists():
    entries.log(db, "alcohol", 1, note=f"writer-{i}")
    print(f"ack {i}", flush=True)
    i += 1
    time.sleep(0.01)
db.close()
print("closed", flush=True)
"""


def env(**extra: str) -> dict[str, str]:
    """The test's environment for a child HarmTrack (no user folders, no display)."""
    out = dict(os.environ)
    out.pop("HARMTRACK_PASSPHRASE", None)
    out.pop("HARMTRACK_NEW_PASSPHRASE", None)
    out["QT_QPA_PLATFORM"] = "offscreen"
    out["PYTHONPATH"] = str(ROOT)
    out.update(extra)
    return out


def cli(folder: Path, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``harmtrack --data-dir FOLDER ARGS`` as its own process."""
    return subprocess.run([sys.executable, "-m", "harmtrack", "--data-dir", str(folder), *args],
                          cwd=ROOT, env=env(**extra), capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


class Writer:
    """A child process that keeps the folder open and logs entries."""

    def __init__(self, folder: Path, stop: Path, **extra: str) -> None:
        self.stop = stop
        self.proc = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), str(stop)],
                                     cwd=ROOT, env=env(**extra), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.acked: list[int] = []
        assert self.readline() == "open"

    def readline(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if line.startswith("ack "):
            self.acked.append(int(line.split()[1]))
        return line

    def wait_acks(self, n: int) -> None:
        """Block until ``n`` more entries were acknowledged."""
        target = len(self.acked) + n
        while len(self.acked) < target:
            line = self.readline()
            assert line, f"the writer stopped: {self.proc.stderr.read() if self.proc.stderr else ''}"

    def finish(self) -> list[int]:
        """Stop the writer; every entry it acknowledged."""
        self.stop.touch()
        while (line := self.readline()) and line != "closed":
            pass
        assert line == "closed", self.proc.stderr.read() if self.proc.stderr else ""
        self.proc.wait(timeout=30)
        return self.acked
