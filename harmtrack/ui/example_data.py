"""Example data: a temporary folder with a made-up history, opened in a second HarmTrack.

The welcome makes the folder and starts that instance; the instance's main window sees
``EXAMPLE_ENV``, says "example data" in its title and removes the folder when it ends.
Only a folder made here is ever removed.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

from harmtrack.paths import EXAMPLE_ENV

#: An example folder is a temporary folder with this prefix and marker file.
EXAMPLE_PREFIX = "harmtrack-example-"
EXAMPLE_MARKER = "HARMTRACK-EXAMPLE-DATA.txt"
_REMOVE_AT_EXIT: set[Path] = set()


def make_example_folder(days: int = 120) -> Path:
    """A new temporary folder filled with a synthetic history (never the user's folder)."""
    from harmtrack.core.exchange import demo
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.storage.settings import update_settings

    folder = Path(tempfile.mkdtemp(prefix=EXAMPLE_PREFIX))
    (folder / EXAMPLE_MARKER).write_text("Made-up example data; removed when its window closes.\n")
    db = open_data_folder(folder)
    try:
        demo.fill(db, days=days)
        update_settings(db, first_run_done=True)
    finally:
        db.close()
    return folder


def is_example_folder(folder: Path) -> bool:
    """True only for a folder ``make_example_folder`` made (never a user's own folder)."""
    return (folder.name.startswith(EXAMPLE_PREFIX) and (folder / EXAMPLE_MARKER).is_file()
            and folder.resolve().parent == Path(tempfile.gettempdir()).resolve())


def remove_example_folder(folder: Path) -> bool:
    """Delete an example folder (and only that); True when it is gone."""
    if not is_example_folder(folder):
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()


def remove_at_exit(folder: Path) -> None:
    """In the example instance: the made-up data goes when that HarmTrack ends."""
    if is_example_folder(folder) and folder not in _REMOVE_AT_EXIT:
        _REMOVE_AT_EXIT.add(folder)
        atexit.register(remove_example_folder, folder)


def launch_instance(folder: Path) -> bool:
    """Start a second HarmTrack on ``folder``, marked as example data in its title."""
    from PySide6.QtCore import QProcess, QProcessEnvironment  # only when asked for

    from harmtrack.paths import RESOURCES_DIR

    process = QProcess()
    env = QProcessEnvironment.systemEnvironment()
    env.insert(EXAMPLE_ENV, str(folder))  # that instance removes the folder when it ends
    process.setProcessEnvironment(env)
    process.setProgram(sys.executable)
    process.setArguments(["-m", "harmtrack", "--data-dir", str(folder)])
    process.setWorkingDirectory(str(RESOURCES_DIR.parent))  # so a checkout finds the package
    # PySide6's QProcess.startDetached() returns a bool (its docstring says (bool, pid),
    # which the static overload returns): accept either.
    started = process.startDetached()
    return bool(started[0] if isinstance(started, tuple) else started)
