"""Progress charts drawn onto a matplotlib ``Figure`` the caller owns.

The screen wraps the figure in a ``FigureCanvasQTAgg``, the command line and the PDF
report in a ``FigureCanvasAgg``: the very same ``draw_<kind>(fig, data, theme=...)``
functions draw all three. matplotlib is imported inside the functions (never pyplot,
and never at module level) because importing it costs ~0.3 s and the first window
must not wait for it.

Long ranges use artists that scale: one ``stairs`` path for ten years of days instead
of thousands of bar rectangles (≈5× faster to draw). Artists carry a ``gid`` so tests
(and hover code) can find what was drawn: ``amount``, ``average``, ``goal``,
``guideline``, ``not-logged``, ``use-free``, ``met`` and so on.

Each drawer is wrapped by ``frame.chart`` (the steps every chart shares); the calendar
and time-of-day grids live in ``grids``, and both are drawn through ``draw`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harmtrack.core.charts import parts
from harmtrack.core.charts.data import (
    KINDS,
    TITLES,
    CalendarData,
    ChartData,
    DailyData,
    FreeDaysData,
    MoneyData,
    ScoresData,
    TimeOfDayData,
    TriggersData,
    UrgesData,
    WeeklyData,
    chart_data,
)
from harmtrack.core.charts.frame import Frame, chart
from harmtrack.core.charts.grids import calendar_grid, draw_calendar, draw_timeofday
from harmtrack.core.charts.parts import BAR_LIMIT, new_figure
from harmtrack.core.charts.scores import draw_scores, scores_size
from harmtrack.core.charts.text import WEEKDAYS, PointInfo, point_info, summary
from harmtrack.core.charts.theme import DARK, LIGHT, Theme, theme_named
from harmtrack.core.quantities import formatting
from harmtrack.core.stats import week_days_in_range

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["KINDS", "TITLES", "Theme", "LIGHT", "DARK", "theme_named", "draw", "draw_daily",
           "draw_weekly", "draw_calendar", "draw_free_days", "draw_urges", "draw_triggers",
           "draw_timeofday", "draw_money", "save_chart", "chart_data", "summary", "point_info",
           "PointInfo", "new_figure", "calendar_grid", "BAR_LIMIT", "SIZES", "WEEKDAYS",
           "ChartData", "DailyData", "WeeklyData", "CalendarData", "FreeDaysData", "UrgesData",
           "TriggersData", "TimeOfDayData", "MoneyData", "ScoresData", "draw_scores"]

#: Good default sizes (inches) when a chart is saved on its own.
SIZES: dict[str, tuple[float, float]] = {
    "daily": (10, 4.8), "weekly": (10, 4.8), "calendar": (11, 3.4), "free-days": (10, 4.8),
    "urges": (11, 4.8), "triggers": (11, 6.5), "timeofday": (10, 4.2), "money": (10, 4.8),
    "scores": (11, 6.5),
}


# --- the eight charts -------------------------------------------------------------------------
# Each draws only what is particular to it; ``@chart`` (frame.py) clears the figure, shows the
# empty state, and finishes with the axes' limits, labels, title and legend.

@chart()
def draw_daily(fig: Figure, data: DailyData, theme: Theme) -> Frame:
    """Amount per day, the daily goal (or a taper's staircase), and a 7-day average."""
    ax = parts.styled_axes(fig, theme)
    info, s, g = data.info, data.series, data.guideline
    edges = parts.bar_edges(s.days)
    long = len(s) > 400  # years of days: quieter bands and a thinner line, or it is all noise
    parts.mask_band(ax, s.not_logged, edges, theme.not_logged, "not logged", "not-logged", 1.0,
                    0.3 if long else 0.6)
    parts.mask_band(ax, s.use_free, edges, theme.free, "use-free day", "use-free", 0.025)
    # Today is still going: hatched "so far", never drawn like a day that was not logged.
    parts.mask_band(ax, s.in_progress, edges, theme.muted, "today so far", "today", 1.0, 0.18,
                    hatch="//")
    parts.series(ax, s.amount, edges, theme.amount, f"amount ({info.unit})", "amount")
    ax.plot(edges[:-1] + 0.5, s.rolling7, color=theme.average, linewidth=1.1 if long else 2.0,
            label="7-day average", gid="average")
    parts.target_line(ax, data.target, edges, "taper plan" if data.taper else "daily goal", theme,
                      taper=data.taper)
    parts.guideline(ax, g.per_day if g else None, g.label if g else "", theme)
    parts.set_ymax(ax, s.amount, data.target, g.per_day if g else None)
    return Frame((ax,), edges, ylabel=f"{info.unit} per day")


@chart()
def draw_weekly(fig: Figure, data: WeeklyData, theme: Theme) -> Frame:
    """Weekly totals against the weekly goal or plan, with the weeks met marked."""
    ax = parts.styled_axes(fig, theme)
    info, w, g = data.info, data.weekly, data.guideline
    edges = parts.bar_edges(w.weeks, 7)
    parts.series(ax, w.total, edges, theme.amount, f"total ({info.unit})", "total")
    parts.target_line(ax, data.target, edges, "weekly plan" if data.taper else "weekly goal",
                      theme, taper=data.taper)
    parts.guideline(ax, g.per_week if g else None, g.label if g else "", theme)
    top = parts.highest(w.total, data.target, g.per_week if g else None)
    met = data.met
    if met.any():
        x = (edges[:-1] + 3.5)[met]
        ax.scatter(x, w.total[met] + top * 0.05, marker="$\\checkmark$", s=90 * theme.size() / 10,
                   color=theme.met, label="goal met", gid="met", zorder=3)
    ax.set_ylim(0, top * 1.22 if top > 0 else 1)
    return Frame((ax,), edges, w.weeks, w.days_in_range, f"{info.unit} per week")


@chart()
def draw_free_days(fig: Figure, data: FreeDaysData, theme: Theme) -> Frame:
    """Each week's 7 days split into use-free, with use, and not logged; goal line on top."""
    import numpy as np

    ax = parts.styled_axes(fig, theme)
    w = data.weekly
    edges = parts.bar_edges(w.weeks, 7)
    free = w.use_free_days.astype(float)
    use = w.use_days.astype(float)
    not_logged = w.not_logged_days.astype(float)
    parts.series(ax, free, edges, theme.free, "use-free days", "use-free")
    parts.series(ax, use, edges, theme.amount, "days with use", "use-days", bottom=free, alpha=0.55)
    parts.series(ax, not_logged, edges, theme.not_logged, "not logged", "not-logged",
                 bottom=free + use, alpha=0.9)
    parts.target_line(ax, data.target, edges, "use-free days goal", theme)
    met = data.met
    if met.any():
        ax.scatter((edges[:-1] + 3.5)[met], np.full(int(met.sum()), 7.45),
                   marker="$\\checkmark$", s=90 * theme.size() / 10, color=theme.met,
                   label="goal met", gid="met", zorder=3)
    ax.set_ylim(0, 8.2)
    ax.set_yticks(range(8))
    return Frame((ax,), edges, w.weeks, w.days_in_range, "days in the week", {"ncols": 5})


@chart(panels=2)
def draw_urges(fig: Figure, data: UrgesData, theme: Theme) -> Frame:
    """Urges per week (acted on or not), and each day's strongest craving against its amount.

    Returns both panels' axes (just one when there is nothing to show).
    """
    import numpy as np

    gs = fig.add_gridspec(1, 3)
    ax = parts.styled_axes(fig, theme, gs[0, :2])
    ax2 = parts.styled_axes(fig, theme, gs[0, 2])
    info, u = data.info, data.urges
    edges = parts.bar_edges(u.weeks, 7)
    not_acted = u.not_acted_on.astype(float)
    parts.series(ax, not_acted, edges, theme.urge, "urges not acted on", "not-acted-on")
    parts.series(ax, u.acted_on.astype(float), edges, theme.acted, "urges acted on", "acted-on",
                 bottom=not_acted)
    parts.set_ymax(ax, u.urges)
    # Whole-number cravings and amounts pile up on the same points: one dot per
    # (craving, amount) pair, its area growing with how many days had it.
    pairs, counts = (np.unique(np.column_stack([u.craving, u.amount]), axis=0, return_counts=True)
                     if len(u.craving) else (np.zeros((0, 2)), np.zeros(0, dtype=int)))
    sizes = 16 + 200 * counts / max(int(counts.max()), 1) if len(counts) else counts
    ax2.scatter(pairs[:, 0], pairs[:, 1], s=sizes * theme.size() / 10,
                color=theme.acted, alpha=0.7, edgecolors="none", gid="craving")
    ax2.set_xlim(-0.5, 10.5)
    ax2.set_xticks([0, 2, 4, 6, 8, 10])
    ax2.set_ylim(bottom=0)
    ax2.set_xlabel("strongest craving that day (0–10)", color=theme.text, fontsize=theme.size(0.9))
    ax2.set_ylabel(f"{info.unit} that day", color=theme.text, fontsize=theme.size(0.9))
    ax2.set_title("Craving and amount", loc="left", color=theme.text, fontsize=theme.size(1.05))
    return Frame((ax, ax2), edges, u.weeks, week_days_in_range(u.weeks, info.start, info.end),
                 "urges per week", {"ncols": 2})


@chart(panels=3)
def draw_triggers(fig: Figure, data: TriggersData, theme: Theme, top: int = 8) -> Frame:
    """Top triggers and settings (with use / urge only), and safer-use practices over time.

    Returns the three panels' axes (just one when there is nothing to show).
    """
    import numpy as np

    gs = fig.add_gridspec(2, 2, height_ratios=(1.1, 1))
    a_trig = parts.styled_axes(fig, theme, gs[0, 0])
    a_set = parts.styled_axes(fig, theme, gs[0, 1])
    a_prac = parts.styled_axes(fig, theme, gs[1, :])
    frame = Frame((a_trig, a_set, a_prac),
                  legend={"loc": "lower right", "ncols": 1} if data.triggers else None)

    def bars(ax: Axes, counts: list[Any], title: str, none_text: str) -> None:
        ax.grid(True, axis="x", color=theme.grid)
        ax.grid(False, axis="y")
        ax.set_title(title, loc="left", color=theme.text, fontsize=theme.size(1.05))
        if not counts:
            ax.set_yticks([])
            ax.set_xticks([])
            ax.text(0.5, 0.5, none_text, transform=ax.transAxes, ha="center", va="center",
                    color=theme.muted, fontsize=theme.size(), gid="empty")
            return
        shown = counts[:top][::-1]
        y = np.arange(len(shown))
        use = np.array([c.with_use for c in shown], dtype=float)
        urge = np.array([c.urge_only for c in shown], dtype=float)
        for values, left, colour, label in ((use, None, theme.acted, "with use"),
                                            (urge, use, theme.urge, "urge only")):
            for patch in ax.barh(y, values, left=left, color=colour, label=label, height=0.7):
                patch.set_gid(label.replace(" ", "-"))
        ax.set_yticks(y, [_short(c.name) for c in shown])
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("times logged", color=theme.text, fontsize=theme.size(0.9))

    bars(a_trig, data.triggers, "Triggers", "No triggers logged")
    bars(a_set, data.settings, "Where / with whom", "No settings logged")
    p = data.practices
    a_prac.set_title("Safer-use practices (share of use occasions)", loc="left", color=theme.text,
                     fontsize=theme.size(1.05))
    if not p.names:
        a_prac.set_yticks([])
        a_prac.set_xticks([])
        a_prac.text(0.5, 0.5, "No safer-use practices logged", transform=a_prac.transAxes,
                    ha="center", va="center", color=theme.muted, fontsize=theme.size(), gid="empty")
        return frame
    edges = parts.bar_edges(p.weeks, 7)
    colours = (theme.met, theme.amount, theme.guideline, theme.average)
    for i, name in enumerate(p.names[:4]):
        a_prac.plot(edges[:-1] + 3.5, p.shares[i] * 100, marker="o" if len(p.weeks) <= 30 else None,
                    markersize=4, linewidth=1.8, color=colours[i], label=_short(name, 28),
                    gid=f"practice-{i}")
    if data.practice_goal is not None:
        name, target = data.practice_goal
        shown = [n.casefold() for n in p.names[:4]]
        colour = colours[shown.index(name.casefold())] if name.casefold() in shown else theme.goal
        goal = parts.stairs(a_prac, target, edges, baseline=None, fill=False, color=colour,
                            linewidth=1.4, linestyle=(0, (5, 3)), label=f"goal: {_short(name, 24)}")
        goal.set_gid("goal")
    a_prac.set_ylim(0, 105)
    a_prac.set_ylabel("% of use occasions", color=theme.text, fontsize=theme.size(0.9))
    a_prac.set_xlim(edges[0], edges[-1])
    parts.date_axis(a_prac, theme)
    parts.legend(a_prac, theme, loc="upper left", bbox_to_anchor=(1.0, 1.0), ncols=1)
    return frame


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@chart(empty_text="No money logged in this range yet")
def draw_money(fig: Figure, data: MoneyData, theme: Theme) -> Frame:
    """Money spent per week, with a money goal when there is one and the average."""
    ax = parts.styled_axes(fig, theme)
    info = data.info
    edges = parts.bar_edges(data.weeks, 7)
    parts.series(ax, data.money, edges, theme.acted, "spent", "money")
    # Per 7 days of the range: a week the range cuts counts for its share of a week.
    mean = float(data.money.sum()) * 7 / max(int(week_days_in_range(
        data.weeks, info.start, info.end).sum()), 1)
    line = ax.axhline(mean, color=theme.muted, linewidth=1.2, linestyle=(0, (4, 3)),
                      label=f"average {formatting.money(mean, info.currency or None)} a week")
    line.set_gid("average")
    parts.target_line(ax, data.target, edges, "money goal", theme)
    parts.set_ymax(ax, data.money, data.target)
    symbol = formatting.currency_symbol(formatting.currency_code(info.currency or None))
    return Frame((ax,), edges, data.weeks, week_days_in_range(data.weeks, info.start, info.end),
                 f"money per week ({symbol})")


DRAWERS: dict[str, Callable[..., Any]] = {
    "daily": draw_daily, "weekly": draw_weekly, "calendar": draw_calendar,
    "free-days": draw_free_days, "urges": draw_urges, "triggers": draw_triggers,
    "timeofday": draw_timeofday, "money": draw_money, "scores": draw_scores,
}


def draw(fig: Figure, data: ChartData, *, theme: Theme = LIGHT) -> Any:
    """Draw whichever chart ``data`` is for onto ``fig``."""
    return DRAWERS[data.info.kind](fig, data, theme=theme)


def save_chart(data: ChartData, path: str | Path, *, theme: Theme = LIGHT,
               size: tuple[float, float] | None = None, dpi: float = 150.0) -> Path:
    """Write a chart to PNG, SVG or PDF (by the file's extension) with the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        from harmtrack.core.common.errors import InvalidEntry

        raise InvalidEntry("the output file must end in .png, .svg or .pdf")
    if size is None and isinstance(data, ScoresData):
        size = scores_size(data)  # as tall as its panels need
    fig = new_figure(*(size or SIZES[data.info.kind]), dpi=dpi)
    FigureCanvasAgg(fig)
    draw(fig, data, theme=theme)
    fig.savefig(target, format=fmt, facecolor=theme.background,
                metadata={"Creator": "HarmTrack"} if fmt in ("png", "pdf") else None)
    return target
