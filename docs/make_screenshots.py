"""Render HarmTrack's screens with demo data to PNGs in docs/screenshots/.

Run: ``python docs/make_screenshots.py`` (offscreen; needs no display).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from harmtrack.core import demo
    from harmtrack.core.storage import open_data_folder
    from harmtrack.ui.context import AppContext
    from harmtrack.ui.main_window import MainWindow, apply_style

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("HarmTrack-screenshots")
    wanted = set(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data_folder(Path(tmp))
        demo.fill(db, days=365)
        ctx = AppContext(db)
        apply_style(app)
        window = MainWindow(ctx)
        window.resize(1280, 820)
        window.show()
        for key, *_ in window.screens:
            if wanted and key not in wanted:
                continue
            window.open_screen(key)
            for _ in range(3):  # let layouts settle (word-wrapped labels need a second pass)
                app.processEvents()
            window.grab().save(str(OUT / f"{key}.png"))
            print(OUT / f"{key}.png")
        if not wanted or "progress" in wanted:  # the goal panel on the logging screen, alone
            window.open_screen("log")
            app.processEvents()
            window.view("log").progress_panel.grab().save(str(OUT / "progress.png"))
            print(OUT / "progress.png")
        window.close()
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
