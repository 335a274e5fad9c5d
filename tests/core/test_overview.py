"""Review mode's overview data: one small chart per trackable, drawn without a legend."""

from __future__ import annotations

import datetime as dt

from harmtrack.core.charts import drawing
from harmtrack.core.charts.overview import overview, overview_kind
from harmtrack.core.charts.parts import new_figure
from harmtrack.core.tracking import entries, trackables
from tests.helpers import aware

START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 28)


def test_one_compact_panel_per_active_trackable_in_display_order(utc_settings) -> None:
    db = utc_settings
    long_name = "Scrolling social media after midnight in bed"
    trackables.add_builtin(db, "alcohol")
    gone = trackables.add_custom(db, "Old habit", "times")
    trackables.add_custom(db, long_name, "minutes")
    trackables.update_trackable(db, gone.id, archived=True)
    entries.log(db, "alcohol", 3, at=aware(2026, 11, 5, 20))
    panels = overview(db, START, END)
    assert [p.name for p in panels] == ["Alcohol", long_name]
    assert all(p.data.info.compact and p.data.info.kind == "daily" for p in panels)
    assert all((p.data.info.start, p.data.info.end) == (START, END) for p in panels)
    assert float(panels[0].data.series.amount.sum()) == 3.0

    fig = new_figure(4, 3)
    drawing.draw(fig, panels[1].data)
    ax = fig.axes[0]
    assert ax.get_legend() is None  # the overview explains the marks once, below the grid
    title = fig.get_suptitle()
    assert title.endswith("…") and len(title) <= 34 and long_name.startswith(title[:-1])


def test_a_long_range_is_shown_week_by_week() -> None:
    assert overview_kind(START, START + dt.timedelta(days=91)) == "daily"
    assert overview_kind(START, START + dt.timedelta(days=92)) == "weekly"
