"""Quick-log buttons show a long trackable name as far as their width allows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from harmtrack.core.tracking import entries, trackables
from harmtrack.ui.widgets.elided_button import ElidedButton

LONG = ("Evening walks around the neighbourhood park with the dog",
        "Checking the betting app during the work breaks again",
        "Late-night snacking after the evening shift has ended")


def quick_buttons(window) -> list[ElidedButton]:  # type: ignore[no-untyped-def]
    return [b for b in window.view("log").findChildren(ElidedButton) if b.name in LONG]


def fits(button: ElidedButton) -> bool:
    return button.fontMetrics().horizontalAdvance(button.text()) <= button.width()


def test_long_names_show_whole_when_there_is_room_and_cut_to_the_width_when_not(
        ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui.main_window import MainWindow

    for name in LONG:
        t = trackables.add_custom(ctx.db, name, "times")
        for _ in range(2):
            entries.log(ctx.db, t.id, 1)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(2200, 720)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.view("log").pending, timeout=5000)  # read after the paint
    buttons = quick_buttons(window)
    assert sorted(b.text() for b in buttons) == sorted(f"{n} +1" for n in LONG)  # not cut at 24

    window.resize(window.minimumSizeHint().width(), 720)  # as narrow as the window goes
    qtbot.waitUntil(lambda: all(b.text().endswith("… +1") for b in buttons))
    for button in buttons:
        assert button.text()[:12] == button.name[:12] and fits(button)
        assert button.name in button.toolTip()  # the whole name is still there to read

    before = len(entries.list_entries(ctx.db))
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    logged = entries.list_entries(ctx.db)
    assert len(logged) == before + 1 and sum(r.trackable == buttons[0].name for r in logged) == 3


def test_a_name_with_an_ampersand_is_text_not_a_shortcut(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    button = ElidedButton("Tea & coffee", " +2")
    qtbot.addWidget(button)
    assert button.text() == "Tea && coffee +2"  # shows "Tea & coffee +2"
    assert button.minimumSizeHint().width() <= button.sizeHint().width()
