"""Review mode as the F1 list describes it (the overview, Home, Left/Right, Enter), and one
drawing per step even when the summary under the chart changes its number of lines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from harmtrack.core.charts.theme import theme_named
from harmtrack.core.tracking import entries, trackables
from harmtrack.ui.widgets import chart_canvas


def at(day: dt.date, hour: int = 20) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def test_f1_describes_the_review_overview_and_its_keys(window) -> None:
    rows = dict(window.shortcut_list())
    assert "charts" not in window.views  # read from the class: the screen is not built for it
    overview = [t for t in rows if t.startswith("Review:") and "overview" in t]
    assert any(rows[t] == "Home" for t in overview)  # Home goes back to it
    assert any(rows[t] == "Enter" and "small chart" in t for t in rows if t.startswith("Review:"))
    steps = [t for t, k in rows.items() if t.startswith("Review:") and k.startswith("Right / Left")]
    assert steps and "overview" in steps[0]  # the steps run from the overview and back
    assert rows["Review with my therapist (Charts screen)"] == "F11"


def test_each_review_step_draws_its_chart_once(window, qtbot, ctx, monkeypatch) -> None:
    today = entries.today(ctx.db)
    for n in range(1, 40):
        entries.log(ctx.db, "alcohol", 1 + n % 4, at=at(today - dt.timedelta(days=n)))
    draws: list[str] = []
    real = chart_canvas.draw_offscreen
    large = theme_named("light", large=True).font_size

    def counted(**request: Any) -> Any:
        if request["theme"].font_size == large:  # review's large chart, not the screen's
            draws.append(request["data"].info.kind)
        return real(**request)

    monkeypatch.setattr(chart_canvas, "draw_offscreen", counted)
    window.open_screen("charts")
    view = window.view("charts")
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    review = view.review
    qtbot.waitUntil(lambda: review.overview.canvases != []
                    and all(c.is_current() for c in review.overview.canvases), timeout=5000)
    assert review.trackable_id == trackables.resolve(ctx.db, "alcohol").id

    def walk(settle: bool) -> list[int]:
        """Right from the overview through every chart and back; the summary's heights."""
        heights = []
        qtbot.keyClick(review.focusWidget(), Qt.Key.Key_Right)
        for _step in range(len(review.kinds)):
            kind = review.current_kind()
            qtbot.waitUntil(lambda k=kind: review.canvas.drawn_data is not None
                            and review.canvas.drawn_data.info.kind == k
                            and review.canvas.is_current(), timeout=10_000)
            if settle:
                qtbot.wait(chart_canvas.RESIZE_PAUSE_MS * 2)  # a redraw after a late resize starts now
                assert review.canvas.is_current()
            heights.append(review.summary.height())
            qtbot.keyClick(review.canvas, Qt.Key.Key_Right)
        assert review.page == "overview"
        return heights

    # The first walk fetches each chart's data; on the small offscreen screen the window also
    # grows once to the detail page's minimum. The second walk draws from the cache, in a
    # window of its final size: one drawing per chart, though the summary changes height.
    walk(settle=False)
    draws.clear()
    heights = walk(settle=True)
    assert len(set(heights)) > 1
    assert draws == list(review.kinds), draws
    review.canvas.setFocus()
    qtbot.keyClick(review.canvas, Qt.Key.Key_Escape)
