"""The two grid charts: the calendar (one cell per day) and the time-of-day heat map."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from harmtrack.core.charts import parts
from harmtrack.core.charts.data import CalendarData, TimeOfDayData
from harmtrack.core.charts.frame import Frame, chart
from harmtrack.core.charts.text import WEEKDAYS
from harmtrack.core.charts.theme import Theme
from harmtrack.core.stats import day_numbers, week_grid

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure
    from numpy.typing import NDArray


def calendar_grid(data: CalendarData) -> tuple[NDArray[np.float64], NDArray[np.int8],
                                               NDArray[np.datetime64]]:
    """(amount, state, week starts) as (7, weeks) grids; state 0 outside range (or today and
    later, nothing logged yet), 1 not logged, 2 use-free, 3 use."""
    import numpy as np

    s = data.series
    first, last = week_grid(s.start, s.end, data.info.first_weekday)
    n = (last - first).days + 1
    offset = (s.start - first).days
    amount = np.zeros(n)
    state = np.zeros(n, dtype=np.int8)
    amount[offset:offset + len(s)] = s.amount
    # Today (still going) and days to come with nothing logged stay blank, not "not logged".
    state[offset:offset + len(s)] = np.where(s.used, 3, np.where(s.logged, 2,
                                                                 np.where(s.not_logged, 1, 0)))
    weeks = day_numbers(first, last)[::7]
    return amount.reshape(-1, 7).T, state.reshape(-1, 7).T, weeks


@chart()
def draw_calendar(fig: Figure, data: CalendarData, theme: Theme) -> Frame:
    """A year at a glance: one cell per day; not-logged days look unlike use-free days."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap, ListedColormap
    from matplotlib.patches import Patch

    ax = parts.styled_axes(fig, theme)
    info = data.info
    amount, state, weeks = calendar_grid(data)
    x = np.arange(amount.shape[1] + 1)
    y = np.arange(8)
    ax.grid(False)
    # Categories first (not logged / use-free), then amounts on days with use.
    cat = np.ma.masked_where((state == 0) | (state == 3), state)
    # Cell gaps only while cells are big enough to keep their colour inside them.
    gap = 1.0 if amount.shape[1] <= 60 else 0.0
    cats = ax.pcolormesh(x, y, cat, cmap=ListedColormap([theme.not_logged, theme.free]),
                         vmin=0.5, vmax=2.5, edgecolors=theme.background, linewidth=gap)
    cats.set_gid("days")
    used = np.ma.masked_where(state != 3, amount)
    cmap = LinearSegmentedColormap.from_list("amount", theme.heat[1:])
    mesh = ax.pcolormesh(x, y, used, cmap=cmap, vmin=0, vmax=max(float(amount.max()), 1e-9),
                         edgecolors=theme.background, linewidth=gap)
    mesh.set_gid("amount")
    ax.set_ylim(7, 0)
    ax.set_yticks(np.arange(7) + 0.5,
                  [WEEKDAYS[(info.first_weekday + i) % 7] for i in range(7)])
    # A month label on the first week column each month starts in.
    ticks: list[float] = []
    labels: list[str] = []
    last_month = None
    years_only = amount.shape[1] > 60
    for i, w in enumerate(weeks):
        day = dt.date.fromisoformat(str(w)) + dt.timedelta(days=6)
        if years_only:
            if day.month == 1 and day.month != last_month:
                ticks.append(i + 0.5)
                labels.append(str(day.year))
            last_month = day.month
            continue
        if day.month != last_month:
            if ticks and i + 0.5 - ticks[-1] < 3:  # a month that began in the last columns
                ticks.pop()
                labels.pop()
            ticks.append(i + 0.5)
            labels.append(day.strftime("%b") if day.month != 1 or i == 0 else day.strftime("%b\n%Y"))
            last_month = day.month
    ax.set_xticks(ticks, labels)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_aspect("equal" if amount.shape[1] <= 60 else "auto")
    # An inset colour bar follows the grid's real box (it is square-celled, so shorter
    # than the space the layout gave the axes).
    bar = fig.colorbar(mesh, cax=ax.inset_axes((1.015, 0.0, 0.012, 1.0)))
    bar.set_label(f"{info.unit}\non days with use", color=theme.text, fontsize=theme.size(0.8))
    bar.ax.tick_params(colors=theme.muted, labelcolor=theme.text, labelsize=theme.size(0.8))
    bar.outline.set_visible(False)
    ax.legend(handles=[Patch(color=theme.free, label="use-free day"),
                       Patch(color=theme.not_logged, label="not logged")],
              loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False,
              fontsize=theme.size(0.9), labelcolor=theme.text).set_gid("legend")
    return Frame((ax,), legend=None)



@chart()
def draw_timeofday(fig: Figure, data: TimeOfDayData, theme: Theme) -> Frame:
    """When use happens: local clock hour × weekday, darker where more often."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    ax = parts.styled_axes(fig, theme)
    info = data.info
    ax.grid(False)
    cmap = LinearSegmentedColormap.from_list("heat", (theme.background,) + theme.heat[1:])
    mesh = ax.pcolormesh(np.arange(25), np.arange(8), data.grid, cmap=cmap, vmin=0,
                         vmax=max(int(data.grid.max()), 1), edgecolors=theme.background,
                         linewidth=1.0)
    mesh.set_gid("heat")
    ax.set_ylim(7, 0)
    ax.set_yticks(np.arange(7) + 0.5, [WEEKDAYS[(info.first_weekday + i) % 7] for i in range(7)])
    ax.set_xticks(np.arange(0, 25, 3), [f"{h:02d}:00" for h in range(0, 25, 3)])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("time of day (local clock)", color=theme.text, fontsize=theme.size())
    bar = fig.colorbar(mesh, ax=ax, shrink=0.85, pad=0.02, aspect=15)
    bar.set_label("times logged", color=theme.text, fontsize=theme.size(0.9))
    bar.ax.tick_params(colors=theme.muted, labelcolor=theme.text, labelsize=theme.size(0.8))
    bar.outline.set_visible(False)
    return Frame((ax,), legend=None)
