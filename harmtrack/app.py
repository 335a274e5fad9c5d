"""GUI boot: the command line (``harmtrack.cli``) calls ``run_gui``, which opens the data
before Qt, builds the QApplication and hands what it prepared to the app shell
(``harmtrack.ui.shell.start``) as arguments, so the UI never imports back up.

Qt is imported only when the GUI is actually started, so command-line sub-commands stay
fast and display-free.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def setup_logging(folder: os.PathLike[str] | str) -> None:
    """One rotating log file in the data folder. Never log a value the user typed."""
    from pathlib import Path

    from harmtrack.core.storage.private_files import create_private, private_folder
    from harmtrack.paths import log_dir

    target = log_dir(Path(folder))
    try:
        private_folder(target)
        create_private(target / "harmtrack.log")  # the handler appends and keeps the mode
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            target / "harmtrack.log", maxBytes=512_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


#: Core modules the first screen (the logging screen) uses. Start-up speed: they are
#: imported before PySide6, whose import hook reads the source of every module imported
#: after it (≈70 ms for SQLAlchemy and the core on a 2-core machine).
FIRST_SCREEN_CORE = ("harmtrack.core.storage.data_folder", "harmtrack.core.tracking.entries",
                     "harmtrack.core.tracking.suggestions", "harmtrack.core.goals.glance",
                     "harmtrack.core.quantities.catalog", "harmtrack.core.common.changes")


def open_before_qt(folder: os.PathLike[str] | str) -> tuple[Any, Exception | None]:
    """Import the core the first screen needs and open the data folder, before Qt.

    Returns ``(database, None)``, or ``(None, error)`` for a folder that could not be
    opened (the GUI shows the error, or the unlock screen for an encrypted folder).
    """
    import importlib

    for name in FIRST_SCREEN_CORE:
        importlib.import_module(name)
    from harmtrack.core.common.errors import HarmTrackError
    from harmtrack.core.storage.data_folder import open_data_folder

    try:
        db = open_data_folder(folder)
    except HarmTrackError as exc:
        return None, exc
    from harmtrack.core.storage.settings import get_settings

    # The first screen's day needs the zone; looking the system's up (tzlocal) here, before
    # PySide6's import hook, costs a fraction of what it does once the window is built.
    get_settings(db).tz  # noqa: B018 - read for its side effect: the zone name is cached
    return db, None


#: True while the cyclic garbage collector is paused for start-up (see ``run_gui``).
_gc_paused = False


def pause_collection_for_start_up() -> None:
    """Start-up speed: importing SQLAlchemy, the core and Qt creates some 100,000
    long-lived objects, and the collector would scan them several times over (≈40 ms).
    It is paused until the first window is up (``start_up_done``)."""
    global _gc_paused
    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def start_up_done() -> None:
    """The first window is up: resume the garbage collector paused by ``run_gui``.

    Everything built so far (modules, ORM mappers, Qt wrappers) lives as long as the app,
    so it is frozen out of later collections (``gc.freeze``) instead of being scanned
    again and again.
    """
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        # Collection resumes on the UI thread only (see harmtrack/ui/gc_guard.py), never
        # by itself in a worker thread.
        from harmtrack.ui.gc_guard import install

        install()


#: What Qt's offscreen platform (``smoke``, CI) says when the app raises a window or sets a
#: window's size limits: things that platform has no screen for. Harmless; nothing else
#: is hidden.
OFFSCREEN_NOT_SUPPORTED = frozenset({
    "This plugin does not support raise()",
    "This plugin does not support propagateSizeHints()",
})


def quiet_offscreen_platform() -> None:
    """Drop the offscreen platform's "does not support" warnings; pass every other Qt
    message on to the handler that was there before (or stderr)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    previous: Any = None

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        if kind == QtMsgType.QtWarningMsg and message in OFFSCREEN_NOT_SUPPORTED:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(message + "\n")

    global _qt_handler
    _qt_handler = handler  # kept alive here: Qt holds only a borrowed reference
    previous = qInstallMessageHandler(handler)


_qt_handler: Any = None


def run_gui(args: argparse.Namespace, *, smoke: bool = False) -> int:
    """Start the desktop app on the chosen data folder (``smoke``: render, then exit)."""
    from harmtrack.paths import data_dir

    pause_collection_for_start_up()
    folder = data_dir(getattr(args, "data_dir", None))
    claim = None
    if not smoke:
        claim = claim_window_or_raise_other(folder)
        if claim is None:
            return 0
    from harmtrack.paths import icon_cache_dir

    icon_cache_dir()  # platformdirs before PySide6, whose import hook would read its source
    with contextlib.suppress(Exception):  # logging must never stop the app
        setup_logging(folder)
    opened = open_before_qt(folder)
    if smoke and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # Fusion from the start (Qt's own -style option): asking for it later through
        # QApplication.setStyle builds the Python side of QStyle and its ten enums (≈5 ms).
        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
        app.setProperty("harmtrackStyle", "Fusion")
    if app.platformName() == "offscreen":
        quiet_offscreen_platform()
    app.setApplicationName("HarmTrack")
    app.setOrganizationName("HarmTrack")
    app.setDesktopFileName("harmtrack")
    if not _gc_paused:
        from harmtrack.ui.gc_guard import install

        install()  # garbage is collected on the UI thread only
    from harmtrack.ui.shell import start

    return start(app, folder, opened=opened, smoke=smoke, claim=claim, started=start_up_done)


def run_share_review(share: Any) -> int:
    """``harmtrack open-share``: a client's share (``exchange.share.OpenShare``) in review
    mode, read-only, as the only window; returns when it is closed (the caller removes
    the share's temporary folder)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
        app.setProperty("harmtrackStyle", "Fusion")
    if app.platformName() == "offscreen":
        quiet_offscreen_platform()
    app.setApplicationName("HarmTrack")
    app.setOrganizationName("HarmTrack")
    from harmtrack.ui.gc_guard import install
    from harmtrack.ui.i18n import install_translators
    from harmtrack.ui.share_review import review_share
    from harmtrack.ui.theme import apply_theme

    install()  # garbage is collected on the UI thread only
    install_translators(app)
    apply_theme(app, "system")
    shown = review_share(share)
    shown.review.closed.connect(app.quit)
    return int(app.exec())


def claim_window_or_raise_other(folder: Path) -> Any:
    """This process becomes the folder's one window, or (None) the running one is raised.

    Checked before anything is opened or written, so a second start changes nothing.
    """
    from harmtrack.core.storage.folder_lock import claim_window, request_raise

    claim = claim_window(folder)
    if claim is not None:
        return claim
    try:
        answered = request_raise(folder)
    except OSError:
        answered = False
    if answered:
        print("HarmTrack is already open on this data folder; its window was brought to the front.")
    else:
        print("HarmTrack is already open on this data folder, but its window did not answer; "
              "look for it in the task bar.")
    return None
