"""The chart canvas draws off the UI thread and blits; hover, resize and themes still work."""

from __future__ import annotations

import datetime as dt
import sys
import threading
import traceback

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtGui import QColor

from harmtrack.core.charts import data as chartdata
from harmtrack.core.charts import drawing
from harmtrack.core.tracking import entries, trackables


def at(day: dt.date, hour: int = 20) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def alcohol_id(ctx) -> int:  # type: ignore[no-untyped-def]
    return next(t.id for t in trackables.list_trackables(ctx.db) if t.builtin_key == "alcohol")


def chart(ctx, kind: str, days: int = 28):  # type: ignore[no-untyped-def]
    today = entries.today(ctx.db)
    return chartdata.chart_data(ctx.db, kind, alcohol_id(ctx), today - dt.timedelta(days=days - 1),
                                today)


@pytest.fixture
def canvas(ctx, qtbot):  # type: ignore[no-untyped-def]
    from harmtrack.ui.widgets.chart_canvas import ChartCanvas

    widget = ChartCanvas()
    qtbot.addWidget(widget)
    widget.resize(640, 320)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_current(canvas, qtbot, data=None) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: canvas.is_current() and (data is None or canvas.drawn_data is data),
                    timeout=8000)


def hover_text(canvas, qtbot, pos: QPoint) -> str:  # type: ignore[no-untyped-def]
    got: list[str] = []
    canvas.hovered.connect(got.append)
    qtbot.mouseMove(canvas, QPoint(pos.x(), 2))  # away first, so the move below is a change
    qtbot.mouseMove(canvas, pos)
    qtbot.waitUntil(lambda: any(got), timeout=3000)
    canvas.hovered.disconnect(got.append)
    return [text for text in got if text][-1]


def test_changing_range_and_kind_never_draws_on_the_ui_thread(window, qtbot, ctx, monkeypatch) -> None:
    from matplotlib.figure import Figure

    today = entries.today(ctx.db)
    entries.log(ctx.db, "alcohol", 2, at=at(today - dt.timedelta(days=3)))
    window.open_screen("charts")
    view = window.view("charts")
    qtbot.waitUntil(lambda: view.data is not None and view.canvas.drawn_data is view.data
                    and view.canvas.is_current(), timeout=8000)
    threads: list[int] = []
    real = Figure.draw

    def recording(self, renderer):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(self, renderer)

    monkeypatch.setattr(Figure, "draw", recording)
    view.range.setFocus()
    qtbot.keyClick(view.range, Qt.Key.Key_Down)  # last 4 weeks → the next preset
    qtbot.waitUntil(lambda: view.data.info.start != today - dt.timedelta(days=27)
                    and view.canvas.drawn_data is view.data and view.canvas.is_current(),
                    timeout=8000)
    view.kind.setFocus()
    qtbot.keyClick(view.kind, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: view.data.info.kind == "weekly" and view.canvas.drawn_data is view.data
                    and view.canvas.is_current(), timeout=8000)
    window.grab()  # painting the screen blits; it draws no figure either
    assert threads, "no figure was drawn at all"
    assert threading.get_ident() not in threads
    assert [p for p in view.canvas.figure.findobj() if p.get_gid() == "total"]


def test_hover_after_a_background_draw_and_after_a_resize_reports_the_day(canvas, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    day = today - dt.timedelta(days=5)
    entries.log(ctx.db, "alcohol", 2.5, at=at(day))
    data = chart(ctx, "daily")
    canvas.show_chart(data)
    wait_current(canvas, qtbot, data)
    expected = f"{day:%a} {day.day} {day:%b %Y}: 2.5 standard drinks"
    assert hover_text(canvas, qtbot, canvas.pixel_of(canvas.day_number(day), 1.0)).startswith(expected)

    first = canvas.figure
    canvas.resize(900, 420)
    # Until the redraw: the old picture, scaled; hover maps through the scaling.
    assert canvas.figure is first and not canvas.is_current()
    assert hover_text(canvas, qtbot, canvas.pixel_of(canvas.day_number(day), 1.0)).startswith(expected)
    wait_current(canvas, qtbot, data)
    assert canvas.figure is not first
    ratio = canvas.devicePixelRatioF()
    assert (canvas.figure.bbox.width, canvas.figure.bbox.height) == (900 * ratio, 420 * ratio)
    assert hover_text(canvas, qtbot, canvas.pixel_of(canvas.day_number(day), 1.0)).startswith(expected)
    other = today - dt.timedelta(days=9)
    assert hover_text(canvas, qtbot, canvas.pixel_of(canvas.day_number(other), 0.0)).startswith(
        f"{other:%a} {other.day} {other:%b %Y}: ")


def test_of_overlapping_requests_only_the_latest_is_drawn_and_shown(canvas, qtbot, ctx,
                                                                     monkeypatch) -> None:
    daily, weekly, money = chart(ctx, "daily"), chart(ctx, "weekly"), chart(ctx, "money")
    release = threading.Event()
    drawn_kinds: list[str] = []
    real = drawing.draw

    def held(fig, data, **kwargs):  # type: ignore[no-untyped-def]
        drawn_kinds.append(data.info.kind)
        release.wait(5)  # the first draw is still running while the others are asked for
        return real(fig, data, **kwargs)

    monkeypatch.setattr(drawing, "draw", held)
    shown: list[str] = []
    canvas.drawn.connect(lambda: shown.append(canvas.drawn_data.info.kind))
    canvas.show_chart(daily)
    qtbot.waitUntil(lambda: drawn_kinds == ["daily"], timeout=3000)
    canvas.show_chart(weekly)
    canvas.show_chart(money)
    assert canvas.data is money and canvas.drawn_data is None
    release.set()
    wait_current(canvas, qtbot, money)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=3000)
    qtbot.wait(50)
    assert drawn_kinds == ["daily", "money"]  # the waiting weekly request was replaced
    assert shown == ["money"]  # the superseded daily picture was dropped, never shown


def test_dark_theme_from_the_first_paint_to_the_chart(canvas, qtbot, ctx) -> None:
    from harmtrack.ui.theme import palette_for

    canvas.setPalette(palette_for("dark"))
    before = canvas.grab().toImage()
    window_colour = palette_for("dark").color(palette_for("dark").ColorRole.Window)
    # Before any picture: the window's own dark colour, not a white square.
    assert before.pixelColor(5, 5) == window_colour
    assert before.pixelColor(320, 160) == window_colour

    canvas.show_chart(chart(ctx, "daily"), "dark")
    wait_current(canvas, qtbot)
    assert canvas.figure.get_facecolor()[:3] == pytest.approx(QColor(drawing.DARK.background).getRgbF()[:3])
    shot = canvas.grab().toImage()
    assert shot.pixelColor(2, 2) == QColor(drawing.DARK.background)
    assert shot.pixelColor(2, 2) != QColor("white")


def test_a_canvas_deleted_while_drawing_drops_its_picture_quietly(qtbot, ctx, monkeypatch) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from harmtrack.ui.widgets.chart_canvas import ChartCanvas

    holder = QWidget()  # as a screen holds its canvas; the screen goes when the app locks
    qtbot.addWidget(holder)
    canvas = ChartCanvas(holder)
    QVBoxLayout(holder).addWidget(canvas)
    holder.show()
    qtbot.waitExposed(holder)
    errors: list[str] = []
    monkeypatch.setattr(sys, "excepthook",
                        lambda t, v, tb: errors.append("".join(traceback.format_exception(t, v, tb))))
    release = threading.Event()
    started = threading.Event()
    real = drawing.draw

    def held(fig, data, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(5)
        return real(fig, data, **kwargs)

    monkeypatch.setattr(drawing, "draw", held)
    canvas.show_chart(chart(ctx, "daily"))
    qtbot.waitUntil(started.is_set, timeout=3000)
    canvas.deleteLater()
    qtbot.wait(20)
    release.set()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=5000)
    qtbot.wait(100)  # the result arrives on the UI thread; its canvas is gone
    assert errors == []


def test_opening_the_charts_draws_the_chart_once_at_its_final_size(window, qtbot, ctx,
                                                                   monkeypatch) -> None:
    today = entries.today(ctx.db)
    entries.log(ctx.db, "alcohol", 2, at=at(today - dt.timedelta(days=3)))
    sizes: list[tuple[int, int]] = []
    real = drawing.draw

    def recording(fig, data, **kwargs):  # type: ignore[no-untyped-def]
        sizes.append(tuple(int(v) for v in fig.bbox.size))
        return real(fig, data, **kwargs)

    monkeypatch.setattr(drawing, "draw", recording)
    window.resize(760, 640)  # narrow: the summary under the chart wraps to more lines
    window.open_screen("charts")
    view = window.view("charts")
    qtbot.waitUntil(lambda: view.data is not None and view.canvas.drawn_data is view.data
                    and view.canvas.is_current(), timeout=8000)
    qtbot.wait(300)  # past the resize pause: no second draw follows
    # The summary under the chart took its lines before the chart was drawn.
    ratio = view.canvas.devicePixelRatioF()
    assert sizes == [(int(view.canvas.width() * ratio), int(view.canvas.height() * ratio))]
