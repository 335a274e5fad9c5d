"""Drawing pieces shared by the charts: axes styling, titles, legends, step artists.

matplotlib is imported inside each function (see ``charts``: never at module level).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from harmtrack.core.charts.theme import Theme

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from numpy.typing import NDArray

#: Up to this many bars are drawn as bars; longer series become one stairs path.
BAR_LIMIT = 120


def new_figure(width: float = 9.0, height: float = 4.5, dpi: float = 100.0) -> Figure:
    """A bare Figure (no pyplot, no global state) sized in inches."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=dpi, layout="constrained")


def clear(fig: Figure, theme: Theme) -> None:
    """Empty the figure and paint it in the theme's background."""
    fig.clear()
    fig.set_facecolor(theme.background)


def styled_axes(fig: Figure, theme: Theme, *args: Any, **kwargs: Any) -> Axes:
    """A new axes (``fig.add_subplot`` arguments) in the theme: left and bottom spines, y grid."""
    ax = fig.add_subplot(*args, **kwargs)
    ax.set_facecolor(theme.background)
    for side, spine in ax.spines.items():
        spine.set_visible(side in ("left", "bottom"))
        spine.set_color(theme.muted)
    ax.tick_params(colors=theme.muted, labelcolor=theme.text, labelsize=theme.size(0.9))
    ax.grid(True, axis="y", color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    return ax


def title(ax: Axes, text: str, theme: Theme) -> None:
    """The chart's title, at the top left of the figure."""
    # A figure title (not an axes title) so legends can sit above the plot without
    # colliding with it; constrained layout makes room for both.
    fig = ax.get_figure()
    if fig is not None and text:
        fig.suptitle(text, x=0.01, ha="left", color=theme.text, fontsize=theme.size(1.25))


def shortened(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (titles of small charts)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def ylabel(ax: Axes, text: str, theme: Theme) -> None:
    """The y axis label in the theme's text colour."""
    ax.set_ylabel(text, color=theme.text, fontsize=theme.size())


def legend(ax: Axes, theme: Theme, **kwargs: Any) -> None:
    """A frameless legend above the plot (``ax.legend`` options), the data listed first."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    # The data first, then the lines to read it against, then the day markers.
    order = ("amount", "total", "money", "use-free", "use-days", "not-acted-on", "acted-on",
             "average", "goal", "guideline", "met", "not-logged", "today")
    rank = {gid: i for i, gid in enumerate(order)}

    def gid_of(handle: Any) -> str:
        patches = getattr(handle, "patches", None)  # a BarContainer: its bars carry the gid
        artist = patches[0] if patches else handle
        return str(getattr(artist, "get_gid", lambda: "")() or "")

    pairs = sorted(zip(handles, labels, strict=True),
                   key=lambda hl: rank.get(gid_of(hl[0]), len(order)))
    handles, labels = [h for h, _ in pairs], [lab for _, lab in pairs]
    kwargs.setdefault("loc", "lower left")
    if kwargs["loc"] == "lower left":
        kwargs.setdefault("bbox_to_anchor", (0, 1.0))
    ncols = kwargs.pop("ncols", 4)
    if theme.font_size > 12:  # large type (review mode): fewer legend columns so it fits
        ncols = min(ncols, 2)
    leg = ax.legend(handles, labels, frameon=False, fontsize=theme.size(0.9), labelcolor=theme.text,
                    ncols=ncols, borderaxespad=0.2, **kwargs)
    leg.set_gid("legend")


def empty_state(fig: Figure, ax: Axes | None, text: str, theme: Theme, heading: str) -> Axes:
    """The chart's title over a quiet line of text saying there is nothing to show."""
    if ax is None:
        ax = styled_axes(fig, theme)
    title(ax, heading, theme)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
            color=theme.muted, fontsize=theme.size(1.3), gid="empty")
    return ax


def date_axis(ax: Axes, theme: Theme, most: int = 9) -> None:
    """Date ticks for the x limits already set: days for a few weeks, else concise dates
    (at most ``most`` ticks)."""
    import math

    import matplotlib.dates as mdates

    lo, hi = ax.get_xlim()
    span = hi - lo
    # A small chart (few ticks) keeps day labels up to ~3 months: concise dates there drop
    # to one or two ticks and a misleading "2026-Dec" offset.
    if span <= 21 or (most < 9 and span <= 100):
        # A few weeks or less: label days (under each day's bar), never hours of a day.
        every = max(1, math.ceil(span / most))
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=every))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
        return
    locator = mdates.AutoDateLocator(minticks=min(3, most), maxticks=most)
    ax.xaxis.set_major_locator(locator)
    fmt = mdates.ConciseDateFormatter(locator)
    ax.xaxis.set_major_formatter(fmt)
    ax.xaxis.get_offset_text().set_color(theme.muted)


def week_axis(ax: Axes, weeks: NDArray[np.datetime64], edges: NDArray[np.float64],
               theme: Theme, days_in_range: NDArray[np.int64] | None = None) -> None:
    """Label weeks, not instants: "2 Nov" under the middle of the week that starts then
    (a midnight tick between two bars reads as either). A week the range cuts is marked
    "(part)" and its counts hold only the days in the range. Long ranges keep dates."""
    import datetime as dt

    if len(weeks) > 60:
        date_axis(ax, theme)
        return
    every = max(1, -(-len(weeks) // 9))  # at most 9 labels
    ticks, labels = [], []
    for i in range(0, len(weeks), every):
        first = dt.date.fromisoformat(str(weeks[i]))
        label = f"{first.day} {first:%b}"
        if days_in_range is not None and days_in_range[i] < 7:
            label += f"\n(part: {int(days_in_range[i])} of 7 days)"
        ticks.append(float(edges[i]) + 3.5)
        labels.append(label)
    ax.set_xticks(ticks, labels)
    ax.set_xlabel("week starting", color=theme.muted, fontsize=theme.size(0.85))


def bar_edges(days: NDArray[np.datetime64], step: int = 1) -> NDArray[np.float64]:
    """Left edges of each day (or week) and the right edge of the last, as date numbers.

    Each day's bar is centred on its date number (its edges at ±half a day), so the tick
    labelled "3 Mar" sits under the bar of 3 March, not between it and 2 March.
    """
    import matplotlib.dates as mdates
    import numpy as np

    if len(days) == 0:
        return np.zeros(1)
    first = float(mdates.date2num(days[0])) - 0.5
    return first + np.arange(len(days) + 1, dtype=np.float64) * step


def stairs(ax: Axes, values: Any, edges: Any, **kwargs: Any) -> Any:
    """A StepPatch added without data-limit updates.

    ``Axes.stairs`` walks every Bézier segment of the path to update the data limits,
    which for ten years of days costs more than drawing it; the chart functions set
    their limits themselves, so the patch is added as a plain artist.
    """
    from matplotlib.patches import StepPatch

    patch = StepPatch(values, edges, **kwargs)
    ax.add_artist(patch)
    return patch


def bars(ax: Axes, left: NDArray[Any], heights: NDArray[Any], width: float,
         bottom: NDArray[Any], *, colour: str, alpha: float, label: str, gid: str) -> Any:
    """The rectangles ``ax.bar`` draws, added without data-limit updates.

    ``ax.bar`` updates the data limits through each bar's transformed path: a fifth of a
    year's weekly chart (53 bars, ~17 of 87 ms CPU at the report's size). The chart
    functions set their limits themselves, so the bars are added as plain artists.
    The same Rectangles in a BarContainer: the legend, the tests and the pixels see bars.
    """
    from matplotlib.container import BarContainer
    from matplotlib.patches import Rectangle

    patches = []
    for x, h, b in zip(left, heights, bottom, strict=True):
        bar = Rectangle((x, b), width, h, facecolor=colour, alpha=alpha, linewidth=0,
                        label="_nolegend_", gid=gid)
        bar.sticky_edges.y.append(b)
        ax.add_artist(bar)
        patches.append(bar)
    container = BarContainer(patches, datavalues=heights, orientation="vertical", label=label)
    ax.add_container(container)
    return container


def series(ax: Axes, values: NDArray[Any], edges: NDArray[np.float64], colour: str, label: str,
            gid: str, *, bottom: NDArray[Any] | None = None, alpha: float = 0.85) -> Any:
    """Bars for short series, one filled stairs path for long ones (it scales)."""
    import numpy as np

    width = float(edges[1] - edges[0]) if len(edges) > 1 else 1.0
    if len(values) <= BAR_LIMIT:
        base = bottom if bottom is not None else np.zeros(len(values))
        return bars(ax, edges[:-1] + width * 0.1, values, width * 0.8, base, colour=colour,
                    alpha=alpha, label=label, gid=gid)
    if bottom is not None:
        top = bottom + values
        art = stairs(ax, top, edges, baseline=bottom, fill=True, color=colour, alpha=alpha,
                      label=label, linewidth=0)
    else:
        # Thousands of thin days: lighter, so the average line carries the story.
        art = stairs(ax, values, edges, baseline=0, fill=True, color=colour,
                      alpha=min(alpha, 0.55), label=label, linewidth=0)
    art.set_gid(gid)
    return art


def target_line(ax: Axes, target: NDArray[np.float64] | None, edges: NDArray[np.float64],
                 label: str, theme: Theme, *, taper: bool = False) -> None:
    """The goal as a dashed step line (solid for a taper plan); nothing when no goal is in force."""
    import numpy as np

    if target is None or np.isnan(target).all():
        return
    art = stairs(ax, target, edges, baseline=None, color=theme.goal,
                  linewidth=2.0 if taper else 1.6, linestyle="-" if taper else (0, (5, 3)),
                  label=label, fill=False)
    art.set_gid("goal")


def guideline(ax: Axes, value: float | None, label: str, theme: Theme) -> None:
    """A published guideline's limit as a dotted line across the plot (none when None)."""
    if value is None:
        return
    line = ax.axhline(value, color=theme.guideline, linewidth=1.4, linestyle=(0, (1, 2)),
                      label=label)
    line.set_gid("guideline")


def mask_band(ax: Axes, mask: NDArray[np.bool_], edges: NDArray[np.float64], colour: str,
               label: str, gid: str, height: float, alpha: float = 1.0,
               hatch: str | None = None) -> None:
    """Shade days where ``mask`` is true, from the bottom of the plot up to ``height``."""
    import numpy as np

    if not mask.any():
        return
    art = stairs(ax, np.where(mask, height, 0.0), edges, baseline=0, fill=True, color=colour,
                  alpha=alpha, linewidth=0, label=label, transform=ax.get_xaxis_transform(),
                  zorder=0.5, hatch=hatch)
    art.set_gid(gid)


def set_ymax(ax: Axes, *arrays: Any) -> None:
    """Y limits from 0 to a little above the highest value of the arrays."""
    top = highest(*arrays)
    ax.set_ylim(0, top * 1.18 if top > 0 else 1)


def highest(*arrays: Any) -> float:
    """The highest value in the arrays, ignoring None and NaN (0 when there is none)."""
    import numpy as np

    top = 0.0
    for a in arrays:
        if a is None:
            continue
        a = np.asarray(a, dtype=float)
        if a.size and not np.isnan(a).all():
            top = max(top, float(np.nanmax(a)))
    return top
