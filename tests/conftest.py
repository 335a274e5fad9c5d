"""Shared test set-up: headless Qt and a fresh temporary database for every test."""

from __future__ import annotations

import os

# Must be set before any QApplication exists, or pytest-qt aborts without a message.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HARMTRACK_DATA_DIR", None)
os.environ.pop("HARMTRACK_PASSPHRASE", None)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from harmtrack.core.db import Database  # noqa: E402
from harmtrack.core.storage import open_data_folder  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder for this test only."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def db(data_dir: Path):  # type: ignore[no-untyped-def]
    """A freshly created HarmTrack database in its own folder, closed after the test."""
    database: Database = open_data_folder(data_dir)
    yield database
    database.close()


@pytest.fixture
def utc_settings(db: Database) -> Database:
    """The database with its time zone fixed to UTC, so day maths is predictable."""
    from harmtrack.core.settings import update_settings

    update_settings(db, timezone="UTC")
    return db


from helpers import aware  # noqa: E402,F401 - kept importable from here too
