"""Private files: folders 0700 and files 0600, so no other account on the machine can
read what a person logged (the data folder, the database and its logs, backups,
``encryption.json``, exports and reports).

Modes are set at creation (``os.open`` with the mode, then ``fchmod`` in case the umask
or an existing file said otherwise) and tightened again on every open of a folder, for
folders made by an older HarmTrack or by hand. On Windows, where POSIX modes mean
little, these calls do what they can and never fail.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o600
FOLDER_MODE = 0o700

#: The files of a data folder (besides its backups/ and logs/ folders) that hold data.
_DATA_FILE_PREFIXES = ("harmtrack.sqlite3", "encryption.json", "harmtrack.lock", "harmtrack-")


def make_private(path: Path) -> None:
    """Give ``path`` its private mode (0700 for a folder, 0600 for a file) if it differs."""
    with contextlib.suppress(OSError):
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            return  # never follow a link out of the folder
        want = FOLDER_MODE if stat.S_ISDIR(st.st_mode) else FILE_MODE
        if stat.S_IMODE(st.st_mode) != want:
            path.chmod(want)


def private_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents as 0700; returns those created, outermost first.

    Raises OSError as ``mkdir`` does.
    """
    missing = [p for p in (folder, *folder.parents) if not p.exists()][::-1]
    for path in missing:
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=FOLDER_MODE)
        make_private(path)  # mkdir's mode is cut by the umask; this is not
    return missing


def create_private(path: Path) -> None:
    """Make sure ``path`` exists as a private file (empty if new), for another library
    (SQLite, the PDF writer) to fill: a file keeps its mode when rewritten."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


@contextlib.contextmanager
def private_open(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open(path, mode)`` for writing, creating (or truncating) it as a private file."""
    if not mode.startswith("w"):
        raise ValueError("private_open writes a new file: use mode 'w' or 'wb'")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 FILE_MODE)
    if hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, FILE_MODE)
        except OSError:
            os.close(fd)
            raise
    with os.fdopen(fd, mode, **kwargs) as fh:
        yield fh


def tighten_folder(folder: Path) -> None:
    """Make a data folder, its backups and logs, and the files in them private.

    Only HarmTrack's own files are touched: a data folder given by hand may hold others.
    """
    if not any((folder / name).exists() for name in _DATA_FILE_PREFIXES):
        return  # not (yet) a data folder: leave it as the person made it
    make_private(folder)
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.name.startswith(_DATA_FILE_PREFIXES):
                make_private(path)
    for sub in (folder / "backups", folder / "logs"):
        if not sub.is_dir() or sub.is_symlink():
            continue
        make_private(sub)
        with contextlib.suppress(OSError):
            for path in sub.iterdir():
                make_private(path)
