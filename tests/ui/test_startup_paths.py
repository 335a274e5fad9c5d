"""What start-up leaves for after the first window: it still happens, and works."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries

PASS = "a long passphrase"


def _words(field) -> list[str]:  # type: ignore[no-untyped-def]
    completer = field.completer()
    if completer is None:
        return []
    model = completer.model()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def test_tag_completers_are_filled_soon_after_the_window_is_up(ctx, qtbot) -> None:
    from harmtrack.ui.main_window import MainWindow

    entries.log(ctx.db, "alcohol", 1, triggers=["after work"], practices=["ate first"])
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    form = win.view("log").form
    qtbot.waitUntil(lambda: "after work" in _words(form.triggers), timeout=5000)
    assert _words(form.practices) == ["ate first"]


def test_typing_a_tag_before_that_fills_them_at_once(ctx, qtbot) -> None:
    from harmtrack.ui.main_window import MainWindow

    entries.log(ctx.db, "alcohol", 1, triggers=["after work"])
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    form = win.view("log").form
    qtbot.keyClicks(form.triggers, "a")
    assert "after work" in _words(form.triggers)


def test_turning_on_encryption_starts_the_idle_lock(ctx, qtbot) -> None:
    from harmtrack.ui.shell import AppShell

    shell = AppShell(ctx.db.path.parent, tray=False)
    try:
        shell.open_main(ctx.db, ctx)
        assert not shell.idle.isActive()  # plain data: nothing to lock with
        window = shell.window
        window.open_screen("data")
        window.view("data").encrypt_with(PASS)
        assert ctx.db.encrypted and shell.idle.isActive()
        qtbot.keyClick(window, Qt.Key.Key_Shift)  # activity keeps it running
        assert shell.idle.isActive()
        window.view("data").decrypt_with(PASS)
        assert not ctx.db.encrypted and not shell.idle.isActive()
    finally:
        if shell.window is not None:
            shell.window.close()
        QApplication.instance().removeEventFilter(shell)


def test_unlocking_builds_the_window_over_the_same_data(ctx, qtbot) -> None:
    from harmtrack.core.privacy import crypto
    from harmtrack.ui.shell import AppShell

    folder = ctx.db.path.parent
    entries.log(ctx.db, "alcohol", 2, note="kept")
    crypto.change_encryption(ctx.db, PASS).database.close()
    shell = AppShell(folder, tray=False)
    try:
        shell.open_main(open_data_folder(folder, passphrase=PASS))
        assert shell.idle.isActive()
        assert [e.note for e in entries.list_entries(shell.ctx.db)] == ["kept"]
    finally:
        if shell.window is not None:
            shell.window.close()
        shell.shutdown()
        QApplication.instance().removeEventFilter(shell)


def test_icons_are_drawn_sharp_at_the_size_asked_for(qapp) -> None:
    from harmtrack.ui import icons

    icon = icons.icon("settings", "#ff0000")
    assert not icon.isNull()
    for size, ratio in ((16, 1.0), (24, 2.0), (40, 1.5)):
        pixmap = icon.pixmap(QSize(size, size), ratio)
        assert pixmap.size() == QSize(round(size * ratio), round(size * ratio))
        assert pixmap.devicePixelRatio() == ratio
        image = pixmap.toImage()
        drawn = [image.pixelColor(x, y) for x in range(image.width())
                 for y in range(image.height()) if image.pixelColor(x, y).alpha() > 0]
        assert {c.name() for c in drawn} == {"#ff0000"}  # tinted, nothing else
        assert sum(c.alpha() > 200 for c in drawn) >= 0.2 * len(drawn)  # solid strokes
    disabled = icon.pixmap(QSize(16, 16), 1.0, QIcon.Mode.Disabled).toImage()
    opaque = [disabled.pixelColor(x, y) for x in range(16) for y in range(16)
              if disabled.pixelColor(x, y).alpha() > 0]
    assert opaque and all(c.name() != "#ff0000" for c in opaque)  # greyed out
    from PySide6.QtGui import QGuiApplication, QPalette

    selected_text = QGuiApplication.palette().color(QPalette.ColorRole.HighlightedText).name()
    selected = icon.pixmap(QSize(16, 16), 1.0, QIcon.Mode.Selected).toImage()
    drawn = {selected.pixelColor(x, y).name() for x in range(16) for y in range(16)
             if selected.pixelColor(x, y).alpha() > 0}
    assert drawn == {selected_text}  # reads on the highlight, like the selected label


def test_icons_drawn_once_come_back_from_the_cache_folder_exactly(qapp, tmp_path, monkeypatch) -> None:
    from harmtrack.ui import icons

    tmp_path = tmp_path / "icons"
    tmp_path.mkdir()
    monkeypatch.setattr(icons, "cache_dir", lambda: tmp_path)

    def pixels(mode: QIcon.Mode) -> bytes:
        engine = icons._SvgIconEngine(icons.resource("icons", "log.svg").read_bytes())
        image = engine.scaledPixmap(QSize(24, 24), mode, QIcon.State.Off, 1.0).toImage()
        return bytes(image.constBits())[:image.sizeInBytes()]

    modes = (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Disabled)
    drawn = [pixels(mode) for mode in modes]
    assert len(set(drawn)) == 3 and len(list(tmp_path.iterdir())) == 3  # one file per look
    kept = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert [pixels(mode) for mode in modes] == drawn  # read back exactly
    # How often it draws instead of reading is start-up speed: benchmarks/first_window.py.
    for cached in tmp_path.iterdir():
        cached.write_bytes(b"cut short")
    assert [pixels(mode) for mode in modes] == drawn  # drawn again, not taken cut short
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == kept  # and kept whole again
    assert [pixels(mode) for mode in modes] == drawn


def test_a_new_colour_or_size_is_drawn_not_taken_from_the_cache(qapp, tmp_path, monkeypatch) -> None:
    from harmtrack.ui import icons

    tmp_path = tmp_path / "icons"
    tmp_path.mkdir()
    monkeypatch.setattr(icons, "cache_dir", lambda: tmp_path)
    red = icons._icon("goals", "#ff0000").pixmap(QSize(16, 16), 1.0).toImage()
    blue = icons._icon("goals", "#0000ff").pixmap(QSize(16, 16), 1.0).toImage()
    large = icons._icon("goals", "#ff0000").pixmap(QSize(20, 20), 1.0).toImage()
    colours = [{image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
                if image.pixelColor(x, y).alpha() > 0} for image in (red, blue, large)]
    assert colours == [{"#ff0000"}, {"#0000ff"}, {"#ff0000"}] and large.width() == 20
    assert not list(tmp_path.glob("*.part"))  # only whole files are left


def test_the_first_event_pass_after_show_paints_the_first_screen(ctx, qtbot) -> None:
    """What benchmarks/startup.py times: ``harmtrack smoke`` reports "painted" right after
    the first processEvents following show(); by then the whole first screen has painted."""
    from PySide6.QtCore import QEvent, QObject

    from harmtrack.ui.shell import AppShell

    painted: set[str] = set()

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                painted.add(obj.objectName() or type(obj).__name__)
            return False

    from PySide6.QtCore import QSettings

    QSettings().remove("window/last_screen")  # the logging screen, as on a first start
    watch = Watch()
    app = QApplication.instance()
    app.installEventFilter(watch)
    shell = AppShell(ctx.db.path.parent, tray=False)
    try:
        shell.open_main(ctx.db, ctx)
        app.processEvents()
        view = shell.window.view("log")
        expected = {"MainWindow", "Sidebar", view.objectName(), "ProgressPanel", "DayTitle",
                    "EntryForm", "EmptyState"}  # no entries yet: the empty state, not the table
        assert expected <= painted, sorted(painted)
        for name in ("QPushButton", "QLabel", "QComboBox", "QSpinBox", "QCheckBox"):
            assert name in painted, name
    finally:
        app.removeEventFilter(watch)
        shell.window.close()
        shell.shutdown()


LOG_ONE = """
import json, sys
from harmtrack.app import open_before_qt
db, error = open_before_qt(sys.argv[1])
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from harmtrack.core.tracking import entries
from harmtrack.ui.context import AppContext
from harmtrack.ui.log_view import LogView
view = LogView(AppContext(db))
view.show()
app.processEvents()
QTest.mouseClick(view.form.submit, Qt.MouseButton.LeftButton)
app.processEvents()
print(json.dumps([entries.entry_count(db), view.table.rowCount(), "sqlalchemy.orm" in sys.modules]))
"""


def test_logging_an_entry_never_loads_sqlalchemys_orm(data_dir) -> None:
    """Every service reads and writes in SQLAlchemy Core: starting, showing the logging
    screen and logging an entry with its button never import the ORM (≈50 ms)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from harmtrack.core.storage import backups
    from harmtrack.core.tracking import trackables

    db = open_data_folder(data_dir)
    trackables.add_builtin(db, "alcohol")
    backups.daily_backup(db)  # today's is done, as on every start after the first
    db.close()
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", LOG_ONE, str(data_dir)], cwd=root, capture_output=True,
                         text=True, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    stored, shown, orm_loaded = json.loads(out.stdout.splitlines()[-1])
    assert (stored, shown, orm_loaded) == (1, 1, False)


def test_the_first_paint_comes_before_the_day_and_the_figures_are_read(ctx, qtbot, monkeypatch) -> None:
    """What grows with the history is read after the window is up: the first paint waits
    for neither the day's entries nor the goal figures, which say they are coming."""
    from PySide6.QtCore import QEvent, QObject, QSettings

    from harmtrack.core.goals import glance
    from harmtrack.core.goals import store as goals
    from harmtrack.ui.main_window import MainWindow

    entries.log(ctx.db, "alcohol", 2)
    goals.create_goal(ctx.db, "alcohol", "weekly-max", 14)
    order: list[str] = []
    for module, name in ((entries, "list_entries"), (glance, "glance")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: (
            order.append(_name), _real(*a, **k))[1])

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and obj.objectName() == "screen-log":
                order.append("paint")
            return False

    QSettings().remove("window/last_screen")  # the logging screen first
    watch = Watch()
    app = QApplication.instance()
    app.installEventFilter(watch)
    try:
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.show()
        view = win.view("log")
        assert view.empty.text() == "Reading this day's entries…" and view.table.isHidden()
        assert view.progress_panel.pending_label.isVisibleTo(view.progress_panel)
        qtbot.waitUntil(lambda: not view.pending and view.progress_panel.glance is not None,
                        timeout=5000)
    finally:
        app.removeEventFilter(watch)
    assert "paint" in order and order.index("paint") < order.index("list_entries")
    assert order.index("paint") < order.index("glance")
    assert view.table.rowCount() == 1 and not view.table.isHidden()
    assert not view.progress_panel.pending_label.isVisibleTo(view.progress_panel)
    assert "Alcohol" in view.progress_panel.text()


def test_the_other_screens_modules_are_imported_one_per_tick_after_the_first_paint(
        qapp, qtbot, tmp_path, monkeypatch) -> None:
    import sys

    from harmtrack.ui.warm_up import ImportWarmer

    for name in ("warm_screen_a", "warm_screen_b"):
        (tmp_path / f"{name}.py").write_text("LOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    warmer = ImportWarmer(["json", "warm_screen_a", "warm_screen_b"])  # json: already in
    try:
        warmer.step()
        assert "warm_screen_a" in sys.modules and "warm_screen_b" not in sys.modules  # one a tick
        warmer.step()
        assert "warm_screen_b" in sys.modules and warmer.left == []
    finally:
        for name in ("warm_screen_a", "warm_screen_b"):
            sys.modules.pop(name, None)


def test_the_window_warms_its_screens_only_once_it_has_painted(ctx, qtbot) -> None:
    from harmtrack.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert "harmtrack.ui.goals_view" in win.warmer.left and "harmtrack.ui.charts_view" in win.warmer.left
    qtbot.wait(50)  # not shown: nothing painted, nothing warmed
    assert not win.warmer.timer.isActive() and len(win.warmer.left) == len(win.screens)
    win.show()
    qtbot.waitUntil(lambda: not win.warmer.left, timeout=10_000)
