"""UI fixtures: a main window over the test's own fresh database."""

from __future__ import annotations

import pytest

from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import trackables


@pytest.fixture
def ctx(db, qapp):  # type: ignore[no-untyped-def]
    from harmtrack.ui.context import AppContext

    update_settings(db, timezone="UTC", first_run_done=True)
    trackables.add_builtin(db, "alcohol")
    trackables.add_builtin(db, "cannabis")
    return AppContext(db)


@pytest.fixture
def window(ctx, qtbot):  # type: ignore[no-untyped-def]
    from harmtrack.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    first_screen_read(win, qtbot)
    return win


def first_screen_read(win, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The logging screen reads its day and figures after the first paint (start-up
    speed): wait for them, as a person sees the window before acting on it."""
    log = win.views.get("log")
    if log is not None and log.isVisible():
        qtbot.waitUntil(lambda: not log.pending and not log.progress_panel.pending
                        and log.progress_panel.glance is not None, timeout=5000)


@pytest.fixture(autouse=True, scope="session")
def _translations_as_the_app_loads_them(qapp):  # type: ignore[no-untyped-def]
    """English plural forms ("1 day", "2 days") come from harmtrack_en.qm, which the app
    installs before its first window (ui/shell.py prepare); the tests' windows get it too."""
    from harmtrack.ui.i18n import install_translators

    loaded = install_translators(qapp)
    yield loaded
    for translator in loaded:
        qapp.removeTranslator(translator)


@pytest.fixture(autouse=True, scope="session")
def _icon_cache_of_the_test_run(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Drawn icons are kept in a folder of this test run, not in the user's cache folder."""
    from harmtrack.ui import icons

    folder = tmp_path_factory.mktemp("icon-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(icons, "cache_dir", lambda: folder)
        yield folder


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_ui_thread():  # type: ignore[no-untyped-def]
    """As the app does (ui/gc_guard.py): no automatic collection that could start in a
    worker thread and free Qt objects there; collect on the UI thread after each test."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()
