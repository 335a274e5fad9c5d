"""The scores chart: one panel per questionnaire, its total over time on its bands, and a
mark where an answer is "not on track" (worse by the instrument's reliable change).

The figures come from ``care.questionnaires.trends`` (the one source the report reads too);
this module draws them and says them in words.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from harmtrack.core.charts import parts
from harmtrack.core.charts.data import ScoresData
from harmtrack.core.charts.frame import Frame, chart
from harmtrack.core.charts.theme import Theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NOT_ON_TRACK = "not on track (worse by the reliable change or more)"


def _num(day: dt.date) -> float:
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))


@chart(panels=2, empty_text="No questionnaires taken in this range yet")
def draw_scores(fig: Figure, data: ScoresData, theme: Theme) -> Frame:
    """Each instrument's total over time, its bands shaded from light to dark, and the
    answers worse by its reliable-change amount marked. Returns the panels' axes."""
    import numpy as np
    from matplotlib.ticker import MaxNLocator
    from matplotlib.transforms import blended_transform_factory

    info = data.info
    edges = np.array([_num(info.start) - 0.5, _num(info.end) + 0.5])
    axes: list[Axes] = []
    for n, s in enumerate(data.series):
        ins = s.instrument
        ax = parts.styled_axes(fig, theme, len(data.series), 1, n + 1,
                               sharex=axes[0] if axes else None)
        ax.grid(False, axis="y")
        # Bands from light to dark as the totals rise: the colour says "higher" without
        # a traffic light's judgement.
        ramp = theme.heat
        label_at = blended_transform_factory(ax.transAxes, ax.transData)
        # Points of height per score point (about two thirds of the panel is the plot):
        # a band too thin for its label goes without (the hover still names it).
        per_point = fig.get_figheight() * 72 / len(data.series) * 0.62 / (ins.high - ins.low + 1)
        for k, band in enumerate(ins.bands):
            shade = ramp[min(k * (len(ramp) - 1) // max(len(ins.bands) - 1, 1), len(ramp) - 1)]
            span = ax.axhspan(band.low - 0.5, band.high + 0.5, color=shade, alpha=0.35, linewidth=0,
                              zorder=0)
            span.set_gid(f"band-{k}")
            if (band.high - band.low + 1) * per_point >= theme.size(0.75) * 1.15:
                ax.text(1.01, (band.low + band.high) / 2, band.label, transform=label_at,
                        va="center", ha="left", color=theme.muted, fontsize=theme.size(0.75),
                        clip_on=False, gid="band-label")
        if ins.screen is not None:
            for c in ins.screen.cutoffs:
                line = ax.axhline(c.low - 0.5, color=theme.guideline, linewidth=1.2, linestyle=(0, (1, 2)))
                line.set_gid("cutoff")
            # One label for all cut-offs: they sit a point apart, too close for one each.
            cuts = sorted(ins.screen.cutoffs, key=lambda c: c.low)
            ax.text(1.01, sum(c.low - 0.5 for c in cuts) / len(cuts),
                    "cut-offs: " + ", ".join(f"{c.group} {c.low}" for c in cuts), transform=label_at,
                    va="center", ha="left", color=theme.muted, fontsize=theme.size(0.75), clip_on=False)
        x = np.array([_num(d) for d in s.dates])
        y = np.array(s.totals, dtype=float)
        ax.plot(x, y, color=theme.amount, linewidth=1.8, marker="o", markersize=5 if len(x) < 40 else 3,
                label="score" if n == 0 else "_score", gid="score", zorder=3)
        worse = np.array(s.not_on_track, dtype=bool)
        if worse.any():
            ax.scatter(x[worse], y[worse] + (ins.high - ins.low) * 0.07, marker="v", s=60 * theme.size() / 10,
                       color=theme.average, gid="not-on-track", zorder=4)
        ax.set_ylim(ins.low - 0.5, ins.high + 0.5 + (ins.high - ins.low) * 0.12)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        change = (f"; not on track = {ins.reliable_change}+ points worse"
                  if ins.reliable_change is not None else "")
        ax.set_title(f"{ins.name} ({ins.low}–{ins.high}){change}", loc="left", color=theme.text,
                     fontsize=theme.size(0.95))
        if n < len(data.series) - 1:
            ax.tick_params(labelbottom=False)
        axes.append(ax)
    if any(any(s.not_on_track) for s in data.series):  # one legend entry, on the first panel
        axes[0].scatter([], [], marker="v", s=60 * theme.size() / 10, color=theme.average,
                        label=NOT_ON_TRACK)
    # At the top right: the first panel's own title is at its top left.
    return Frame(tuple(axes), edges, legend={"loc": "lower right", "bbox_to_anchor": (1.0, 1.0),
                                             "ncols": 2})


def scores_size(data: ScoresData) -> tuple[float, float]:
    """A figure size (inches) that gives each panel room for its band labels."""
    return 11.0, max(3.4, 1.0 + 1.9 * len(data.series))


def scores_summary(data: ScoresData, head: str) -> str:
    """The scores in one sentence: each instrument's first and last total and band, and
    the answers not on track."""
    sentences = []
    marked = []
    for s in data.series:
        name = s.instrument.name
        band = f", latest band: {s.bands[-1]}" if s.bands[-1] else ""
        if len(s.totals) == 1:
            sentences.append(f"{name} {s.totals[0]} of {s.instrument.high}, taken once{band}")
        else:
            sentences.append(f"{name} went from {s.totals[0]} to {s.totals[-1]} of {s.instrument.high} "
                             f"over {len(s.totals)} times{band}")
        marked += [f"{name} on {d.day} {d:%b}" for d, w in zip(s.dates, s.not_on_track, strict=True) if w]
    if marked:
        sentences.append("Not on track: " + ", ".join(marked))
    return f"{head}: " + ". ".join(sentences) + "."


def scores_point(data: ScoresData, x: float, panel: int) -> tuple[dt.date, str] | None:
    """The answer nearest the pointer on a panel (within three days), in words."""
    if not 0 <= panel < len(data.series):
        return None
    s = data.series[panel]
    best = min(range(len(s.dates)), key=lambda i: abs(_num(s.dates[i]) - x))
    if abs(_num(s.dates[best]) - x) > 3:
        return None
    day = s.dates[best]
    band = f" ({s.bands[best]})" if s.bands[best] else ""
    worse = "; not on track" if s.not_on_track[best] else ""
    return day, f"{s.instrument.name} on {day:%a} {day.day} {day:%b %Y}: {s.totals[best]}{band}{worse}"
