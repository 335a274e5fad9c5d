"""What a person does in the window reaches sync: logging, deleting and undo all mark rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sync_helpers import DEVICE_A, DictMerged, Ticker

from harmtrack.core.storage.db import transaction
from harmtrack.core.sync.capture import local_changes
from harmtrack.core.sync.records import DELETED, Assignment


def test_log_delete_and_undo_in_the_window_are_captured(window, qtbot, ctx) -> None:
    merged, ticker = DictMerged(), Ticker(DEVICE_A)

    def capture() -> list[Assignment]:
        with transaction(ctx.db) as conn:
            out = local_changes(conn, ticker, merged)
        merged.merge(out)
        return [a for a in out if a.table == "entries"]

    capture()
    view = window.view("log")
    form = view.form
    form.trackable.setCurrentIndex(form.trackable.findText("Alcohol"))
    form.amount.clear()
    qtbot.keyClicks(form.amount, "3")
    qtbot.keyClicks(form.triggers, "stress")
    qtbot.keyClicks(form.note, "birthday")
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    logged = capture()
    fields = {a.field: a.value for a in logged}
    assert (fields["note"], fields["amount"], fields["tags"]) == ("birthday", 3.0, [["trigger", 0, "stress"]])

    view.table.selectRow(0)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    deleted = capture()
    assert [(a.uuid, a.field, a.value) for a in deleted] == [(logged[0].uuid, DELETED, True)]

    window.undo_action.trigger()  # the entry is back: a new row, since deletions are for good
    restored = capture()
    again = {a.field: a.value for a in restored}
    assert again["note"] == "birthday" and again["tags"] == [["trigger", 0, "stress"]]
    assert {a.uuid for a in restored} != {logged[0].uuid}
    assert capture() == []
