"""The prologue and epilogue every ``draw_<kind>`` shares, written once (``@chart``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from harmtrack.core.charts import parts
from harmtrack.core.charts.data import EMPTY_TEXT, ChartData
from harmtrack.core.charts.theme import LIGHT, Theme

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from numpy.typing import NDArray


@dataclass(frozen=True)
class Frame:
    """What a chart drew on, and how the shared epilogue finishes its first axes."""

    axes: tuple[Axes, ...]  # the first carries the title, the legend and the labels below
    edges: NDArray[np.float64] | None = None  # x limits from the first to the last edge
    weeks: NDArray[np.datetime64] | None = None  # a week axis over these, not a date axis
    days_in_range: NDArray[np.int64] | None = None  # marks the weeks the range cuts
    ylabel: str = ""
    #: ``parts.legend`` options; None when the chart has its own legend or none.
    legend: dict[str, Any] | None = field(default_factory=dict)


class Drawer(Protocol):
    """A finished ``draw_<kind>(fig, data, *, theme=LIGHT)``: it returns the axes it drew."""

    def __call__(self, fig: Figure, data: Any, *, theme: Theme = ..., **options: Any) -> Any: ...


def chart(*, panels: int = 1, empty_text: str = EMPTY_TEXT
          ) -> Callable[[Callable[..., Frame]], Drawer]:
    """Wrap a chart's own drawing in the steps every chart takes.

    Before: clear the figure in the theme's background, and when the data is empty show
    ``empty_text`` under the title instead. After: x limits and a date or week axis, the
    y label, the title and the legend, on the ``Frame``'s first axes. The drawer returns
    that axes, or all of them for a chart of several ``panels`` (a 1-tuple when empty).
    """

    def wrap(body: Callable[..., Frame]) -> Drawer:
        @functools.wraps(body)
        def draw(fig: Figure, data: ChartData, *, theme: Theme = LIGHT, **options: Any) -> Any:
            parts.clear(fig, theme)
            if data.is_empty:
                ax = parts.empty_state(fig, None, empty_text, theme, _title(data))
                return ax if panels == 1 else (ax,)
            frame = body(fig, data, theme, **options)
            _finish(frame, data, theme)
            return frame.axes[0] if panels == 1 else frame.axes

        return draw

    return wrap


def _title(data: ChartData) -> str:
    info = data.info
    return parts.shortened(info.trackable, 34) if info.compact else info.title


def _finish(frame: Frame, data: ChartData, theme: Theme) -> None:
    ax = frame.axes[0]
    # A small multiple has a fraction of the width: a legend would squeeze its plot to a
    # sliver (the overview explains the marks once), and fewer dates fit under it.
    compact = data.info.compact
    if frame.edges is not None:
        ax.set_xlim(frame.edges[0], frame.edges[-1])
        if frame.weeks is not None:
            parts.week_axis(ax, frame.weeks, frame.edges, theme, frame.days_in_range)
        else:
            parts.date_axis(ax, theme, most=4 if compact else 9)
    if frame.ylabel:
        parts.ylabel(ax, data.info.unit if compact else frame.ylabel, theme)
    parts.title(ax, _title(data), theme)
    if frame.legend is not None and not compact:
        parts.legend(ax, theme, **frame.legend)
