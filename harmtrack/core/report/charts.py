"""Which charts go into a report, drawn by the app's own chart code (``harmtrack.core.charts.drawing``).

The report embeds the very functions the Charts screen uses; when that module is not
present the report simply has no charts. Nothing the client left out is drawn: charts of
omitted trackables, triggers or money are never requested.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from harmtrack.core.report.data import ReportData

log = logging.getLogger(__name__)

#: Inches under a report chart's plot: two lines of week labels and the axis label.
BOTTOM_MARGIN_IN = 0.85


@dataclass(frozen=True)
class ChartSpec:
    """One chart for the report: which trackable's section, its shape, how to draw it."""

    trackable_id: int
    title: str
    size: tuple[float, float]  # inches, as the Charts screen draws it
    draw: Callable[[Any], None]  # draws onto the matplotlib Figure it is given


def chart_specs(data: ReportData) -> list[ChartSpec]:
    """The charts for each included trackable (empty when the chart module is absent)."""
    return specs_of(gathered_charts(data))


def gathered_charts(data: ReportData) -> list[tuple[int, Any]]:
    """Every chart the report holds, in page order: each trackable's, then the scores."""
    return [*(data.extra.get("charts") or []), *(data.extra.get("scores_chart") or [])]


def specs_of(gathered: list[tuple[int, Any]]) -> list[ChartSpec]:
    """The charts of gathered (trackable id, chart data) pairs, in their order."""
    if not gathered:
        return []
    try:  # by name: the chart module may not be installed alongside this one
        charts = importlib.import_module("harmtrack.core.charts.drawing")
    except ImportError:
        return []
    sizes: dict[str, tuple[float, float]] = getattr(charts, "SIZES", {})
    specs = []
    for trackable_id, chart in gathered:
        kind = chart.info.kind
        w, h = charts.scores_size(chart) if kind == "scores" else sizes.get(kind, (10.0, 4.8))

        def draw(fig: Any, chart: Any = chart) -> None:
            if chart.info.kind == "scores":  # its band labels sit right of the panels
                fig.set_layout_engine("constrained")
            charts.draw(fig, chart)
            if chart.info.kind != "scores":
                # Room under the plot for two-line week labels ("part: 6 of 7 days") and
                # the axis label; a fixed margin instead of constrained layout, whose
                # extra layout pass would cost every report a draw per chart.
                fig.subplots_adjust(bottom=min(0.3, BOTTOM_MARGIN_IN / fig.get_figheight()))

        specs.append(ChartSpec(trackable_id, chart.info.title, (w, h), draw))
    return specs
