"""A second HarmTrack window on the same folder brings the first to the front and exits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from processes import ROOT, env

from harmtrack.core.storage.folder_lock import RAISE_REQUEST_NAME, claim_window


def test_a_second_start_raises_the_running_window_and_exits(window, qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui.single_window import RaiseWatcher

    claim = claim_window(data_dir)
    assert claim is not None
    watcher = RaiseWatcher(claim, lambda: window)
    window.showMinimized()
    files_before = sorted(p.name for p in data_dir.rglob("*"))
    second = subprocess.Popen([sys.executable, "-m", "harmtrack", "--data-dir", str(data_dir)],
                              cwd=ROOT, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, text=True)
    try:
        with qtbot.waitSignal(watcher.raised, timeout=60_000):
            pass
        out, err = second.communicate(timeout=60)
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
        claim.release()
    assert second.returncode == 0, err
    assert out.strip() == ("HarmTrack is already open on this data folder; "
                           "its window was brought to the front.")
    assert watcher.requests == 1
    assert window.isVisible() and not window.isMinimized()
    assert not (data_dir / RAISE_REQUEST_NAME).exists()
    # The second start opened nothing and wrote nothing (no log, no backup, no database).
    assert sorted(p.name for p in data_dir.rglob("*")) == files_before


def test_two_real_windows_on_one_folder(data_dir: Path) -> None:
    """Both started as a person would (``harmtrack --data-dir``); the first answers."""
    import time

    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.storage.settings import update_settings

    db = open_data_folder(data_dir)
    update_settings(db, first_run_done=True)
    db.close()
    log = data_dir / "logs" / "harmtrack.log"
    command = [sys.executable, "-m", "harmtrack", "--data-dir", str(data_dir)]
    first = subprocess.Popen(command, cwd=ROOT, env=env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 60
        while "answers a second start" not in (log.read_text() if log.exists() else ""):
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.05)
        second = subprocess.run(command, cwd=ROOT, env=env(), capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "its window was brought to the front" in second.stdout
        assert "window brought to the front for a second start" in log.read_text()
        assert first.poll() is None  # the first window is still there
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_one_claim_per_folder(data_dir: Path) -> None:
    first = claim_window(data_dir)
    assert first is not None
    assert claim_window(data_dir) is None
    first.release()
    again = claim_window(data_dir)
    assert again is not None
    again.release()
