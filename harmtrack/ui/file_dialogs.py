"""Where open and save dialogs start: the last folder the user chose, else Documents.

Never the working directory, which for a desktop app is wherever it happened to be
started from (often the program's own folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

KEY = "files/last_folder"


def start_folder() -> Path:
    """The folder a file dialog opens in."""
    last = QSettings().value(KEY)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember(chosen: str | Path) -> None:
    """Remember the folder of a file the user chose, for the next dialog."""
    folder = Path(chosen).parent
    if folder.is_dir():
        QSettings().setValue(KEY, str(folder))
