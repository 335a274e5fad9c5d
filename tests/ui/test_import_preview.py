"""The import preview names each hostile value of a file with its item and a reason."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from harmtrack.core.tracking import entries


def test_the_preview_lists_refused_items_and_cancel_writes_nothing(window, qtbot, ctx, tmp_path,
                                                                   monkeypatch) -> None:
    from harmtrack.ui import data_view

    doc = {"format": "harmtrack-export", "version": 1,
           "trackables": [{"name": "Alcohol", "unit": "standard drinks", "archived": "yes"},
                          {"name": "Walk", "kind": "behaviour", "unit": "times", "sort_order": 2**64}],
           "entries": [{"trackable": "Cannabis", "occurred_at": "9999-12-31T23:59:59-12:00", "amount": 1},
                       {"trackable": "Cannabis", "occurred_at": "2025-01-01T10:00:00+00:00",
                        "amount": 1, "note": ["a", "list"]},
                       {"trackable": "Cannabis", "occurred_at": "2025-01-02T10:00:00+00:00", "amount": 7},
                       {"trackable": "Cannabis", "occurred_at": "2025-01-03T10:00:00+00:00", "amount": 1}]}
    f = tmp_path / "hostile.json"
    f.write_text(json.dumps(doc).replace('"amount": 7', '"amount": 1' + "0" * 400), encoding="utf-8")
    seen: list[str] = []

    def look_and_cancel(self):  # type: ignore[no-untyped-def]
        self.show()
        qtbot.waitExposed(self)
        seen.append(self.text.toPlainText())
        shots = Path(os.environ.get("HARMTRACK_SHOTS") or tmp_path)
        shots.mkdir(parents=True, exist_ok=True)
        assert self.grab().save(str(shots / "import-preview-hostile.png"))
        cancel = next(b for b in self.findChildren(data_view.QPushButton) if b is not self.import_button)
        QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
        return self.result()

    monkeypatch.setattr(data_view.ImportPreviewDialog, "exec", look_and_cancel)
    view = window.view("data")
    view.import_path(f)
    qtbot.waitUntil(lambda: "nothing was written" in view.message.text(), timeout=10_000)
    text = seen[0]
    for line in ("entries[0]: occurred_at is out of range", "entries[1]: note must be text, not a list",
                 "entries[2]: amount is too large",
                 "trackables[0]: archived must be true or false, not text",
                 "trackables[1]: sort_order must be from"):
        assert line in text, text
    assert "Adds: 1 entry" in text  # the one sound entry
    assert entries.entry_count(ctx.db) == 0
    assert data_view.ImportPreviewDialog.result(view.preview_dialog) == QDialog.DialogCode.Rejected
