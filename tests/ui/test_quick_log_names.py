"""Quick-log buttons show a long trackable name as far as their width allows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from harmtrack.core.tracking import entries, trackables
from harmtrack.ui.widgets.elided_button import ElidedButton

LONG = "Evening walks around the neighbourhood park with the dog"


def quick_buttons(window):  # type: ignore[no-untyped-def]
    return window.view("log").findChildren(ElidedButton)


def fits(button: ElidedButton) -> bool:
    return button.fontMetrics().horizontalAdvance(button.text()) <= button.width()


def test_a_long_name_shows_whole_when_there_is_room_and_cut_to_the_width_when_not(
        ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui.main_window import MainWindow

    walks = trackables.add_custom(ctx.db, LONG, "walks")
    for _ in range(2):
        entries.log(ctx.db, walks.id, 1)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1400, 720)
    window.show()
    qtbot.waitExposed(window)
    (button,) = [b for b in quick_buttons(window) if b.name == LONG]
    assert button.text() == f"{LONG} +1"  # room for all of it: not cut at 24 characters
    assert LONG in button.toolTip()

    button.resize(160, button.height())  # as a narrow window's layout squeezes it
    assert button.text().endswith("… +1") and button.text().startswith("Evening walks")
    assert fits(button)
    assert LONG in button.toolTip()  # the whole name is still there to read

    before = len(entries.list_entries(ctx.db))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    logged = entries.list_entries(ctx.db)
    assert len(logged) == before + 1 and any(r.trackable == LONG for r in logged)


def test_a_name_with_an_ampersand_is_text_not_a_shortcut(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    button = ElidedButton("Tea & coffee", " +2")
    qtbot.addWidget(button)
    button.resize(button.sizeHint())
    assert button.text() == "Tea && coffee +2"  # shows "Tea & coffee +2"
    assert button.minimumSizeHint().width() <= button.sizeHint().width()
