"""What I track ▸ Heavy-use days: typed by a person, stored as the user's own threshold."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

from harmtrack.core.goals.heavy_days import own_threshold, rule_for
from harmtrack.core.storage.settings import get_settings, update_settings
from harmtrack.core.tracking.trackables import resolve
from tests.ui.helpers_dialogs import answer, click, type_into


def field_for(dialog, name: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    found = None
    for f in dialog.heavy_days.findChildren(QLineEdit):
        if f.accessibleName() == f"Heavy-use day for {name}":
            found = f
    assert found is not None, name
    return found


def ok(dialog) -> None:  # type: ignore[no-untyped-def]
    box = dialog.findChild(QDialogButtonBox)
    click(box.button(QDialogButtonBox.StandardButton.Ok))


def test_typing_a_threshold_and_pressing_ok_stores_it(ctx, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui.trackables_dialog import TrackablesDialog

    update_settings(ctx.db, guideline="niaaa-men")
    dialog = TrackablesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "5 or more" in field_for(dialog, "Alcohol").placeholderText()  # what applies without one
    assert "NIAAA" in field_for(dialog, "Alcohol").toolTip()
    type_into(field_for(dialog, "Cannabis"), "2,5")
    dialog.grab().save(str(tmp_path / "dialog.png"))
    with qtbot.waitSignal(ctx.data_changed):
        ok(dialog)
    settings = get_settings(ctx.db)
    assert own_threshold(settings, "Cannabis") == 2.5
    assert own_threshold(settings, "Alcohol") is None
    rule = rule_for(resolve(ctx.db, "alcohol"), settings)
    assert rule is not None and rule.source is not None  # alcohol still follows the guideline


def test_a_threshold_that_is_not_a_number_keeps_the_dialog_and_stores_nothing(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui.trackables_dialog import TrackablesDialog

    dialog = TrackablesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_into(field_for(dialog, "Alcohol"), "4")
    type_into(field_for(dialog, "Cannabis"), "lots")
    said = answer(QMessageBox.StandardButton.Ok)
    ok(dialog)
    qtbot.waitUntil(lambda: said.done)
    assert "number" in said.texts[0]
    assert dialog.isVisible()
    assert get_settings(ctx.db).heavy_day_amounts == {}  # not even the good one
