"""Shared test set-up: headless Qt and a fresh temporary database for every test."""

from __future__ import annotations

import os

# Must be set before any QApplication exists, or pytest-qt aborts without a message.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HARMTRACK_DATA_DIR", None)
os.environ.pop("HARMTRACK_PASSPHRASE", None)
# Numbers and money follow the locale (core/quantities/formatting.py, QLocale): tests that read "2.5" or
# "$30.00" see the same on every machine; a test that wants another locale sets it itself.
os.environ["LC_ALL"] = "C.UTF-8"

import tempfile  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

# The test run never reads or writes the user's own config and cache folders: anything that
# asks platformdirs or Qt for them (QSettings, drawn icons) gets a folder of this run.
_RUN_HOME = Path(tempfile.mkdtemp(prefix="harmtrack-test-home-"))
for _var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_RUN_HOME / _var.lower())

import pytest  # noqa: E402

from harmtrack.core.storage.data_folder import open_data_folder  # noqa: E402
from harmtrack.core.storage.db import Database  # noqa: E402


@pytest.fixture(autouse=True)
def _own_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own config folder, and Qt's settings (window geometry, last
    screen) live there, so no test sees another's or the user's."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(config))


#: PBKDF2 rounds for SQLCipher keys in tests. A real key takes SQLCipher's 256,000 rounds
#: (≈0.5 s each time a folder is encrypted, unlocked or re-keyed); the derivation and the
#: encryption are the same with fewer, only cheaper to guess, which a test's data can be.
TEST_KDF_ITERATIONS = 1_000


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "real_kdf: derive SQLCipher keys with the real rounds (a file another "
        "SQLCipher tool or a child process opens with the passphrase)")


@pytest.fixture(autouse=True)
def _cheap_key_derivation(request: pytest.FixtureRequest) -> Iterator[None]:
    """Keys are derived with TEST_KDF_ITERATIONS rounds in this process (see above), unless
    the test is marked ``real_kdf``. Only the module constant changes, for this test: the
    application itself has no way to lower it. Its own MonkeyPatch, so that a test calling
    ``monkeypatch.undo()`` midway keeps deriving as it began."""
    if request.node.get_closest_marker("real_kdf") is not None:
        yield
        return
    from harmtrack.core.storage import sqlcipher

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlcipher, "KDF_ITERATIONS", TEST_KDF_ITERATIONS)
        yield


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
    from harmtrack.core.storage.settings import update_settings

    update_settings(db, timezone="UTC")
    return db


from helpers import aware  # noqa: E402,F401 - kept importable from here too
