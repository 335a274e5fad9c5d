"""Render HarmTrack's screens with demo data to PNGs in docs/screenshots/.

Run: ``python docs/make_screenshots.py [screen ...] [--theme light|dark] [--scale 2]
[--dialogs] [--out DIR]`` (offscreen; needs no display). Files are named
``<screen>[-dark][@2x].png``. The few PNGs committed in docs/screenshots were reduced
to 128 colours with Pillow to keep the repository small.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("screens", nargs="*", help="screen keys (default: all)")
    parser.add_argument("--theme", choices=["light", "dark"], default="light")
    parser.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR, e.g. 2")
    parser.add_argument("--dialogs", action="store_true", help="also the settings and welcome dialogs")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--locale", default="en_GB", help="QLocale name for numbers and dates")
    args = parser.parse_args(argv)
    # Both must be set before the QApplication exists.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from harmtrack.core.exchange import demo
    from harmtrack.core.care import plans
    from harmtrack.core.storage.settings import update_settings
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.ui.context import AppContext
    from harmtrack.ui.main_window import MainWindow
    from harmtrack.ui.shell import prepare

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    suffix = ("-dark" if args.theme == "dark" else "") + (f"@{args.scale:g}x" if args.scale != 1 else "")
    QLocale.setDefault(QLocale(args.locale))
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("HarmTrack-screenshots")
    wanted = set(args.screens)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data_folder(Path(tmp))
        demo.fill(db, days=365)
        update_settings(db, theme=args.theme, first_run_done=True, reminder_time="21:00")
        plans.add_plan(db, "party", "alternate every drink with a glass of water")
        plans.add_plan(db, "stress", "walk round the block before deciding")
        plans.add_plan(db, "boredom", "call or text a friend first")
        for text in ("a cup of tea", "a walk with music", "a shower", "a game on my phone"):
            plans.add_alternative(db, text)
        ctx = AppContext(db)
        prepare(app, ctx)
        window = MainWindow(ctx)
        window.add_app_features(tray=False)
        window.resize(1280, 820)
        window.show()

        def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
            for _ in range(3):  # let layouts settle (word-wrapped labels need a second pass)
                app.processEvents()
            path = out / f"{name}{suffix}.png"
            widget.grab().save(str(path))
            print(path)

        for key, *_ in window.screens:
            if wanted and key not in wanted:
                continue
            window.open_screen(key)
            if key == "log":
                log_view = window.view("log")
                log_view.plan_note.show_for(["Party"])
            save(window, key)
        if not wanted or "progress" in wanted:  # the goal panel on the logging screen, alone
            window.open_screen("log")
            save(window.view("log").progress_panel, "progress")
        if args.dialogs:
            from harmtrack.ui.first_run import FirstRunDialog
            from harmtrack.ui.settings_dialog import SettingsDialog

            dialog = SettingsDialog(ctx, window)
            dialog.show()
            save(dialog, "settings")
            dialog.close()
            welcome = FirstRunDialog(ctx, window, revisit=True)
            welcome.resize(700, 560)
            welcome.show()
            for i in range(welcome.pages.count()):
                welcome.pages.setCurrentIndex(0)
                welcome.go(i)
                save(welcome, f"welcome-{i + 1}")
            welcome.close()
        window.close()
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
