"""Entry point: parses the command line, builds the QApplication, wires core to UI.

The one place where core services and Qt meet. Qt is imported only when the GUI is
actually started, so command-line sub-commands stay fast and display-free.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import logging.handlers
import os
import sys
from collections.abc import Sequence

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run HarmTrack: the GUI without a sub-command, else the command line."""
    from harmtrack.cli import run

    return run(argv)


def setup_logging(folder: os.PathLike[str] | str) -> None:
    """One rotating log file in the data folder. Never log a value the user typed."""
    from pathlib import Path

    from harmtrack.paths import log_dir

    target = log_dir(Path(folder))
    try:
        target.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            target / "harmtrack.log", maxBytes=512_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def run_gui(args: argparse.Namespace, *, smoke: bool = False) -> int:
    """Start the desktop app on the chosen data folder (``smoke``: render, then exit)."""
    from harmtrack.paths import data_dir

    folder = data_dir(getattr(args, "data_dir", None))
    if smoke and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("HarmTrack")
    app.setOrganizationName("HarmTrack")
    app.setDesktopFileName("harmtrack")
    from harmtrack.ui.main_window import start

    with contextlib.suppress(Exception):  # logging must never stop the app
        setup_logging(folder)
    return start(app, folder, smoke=smoke)
