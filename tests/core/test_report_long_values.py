"""The report's tables hold long names and the largest amounts HarmTrack accepts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from harmtrack.core.goals import store as goals
from harmtrack.core.report import data as report_data
from harmtrack.core.report.layout import Builder
from harmtrack.core.report.styles import FONT, register_fonts
from harmtrack.core.tracking import entries, trackables

NAME = ("Scrolling through the news late at night, every night, again " * 2)[:60]


def tables(flowables: list[Any]) -> list[Any]:
    """Every Table in the story, also those kept together with a heading."""
    from reportlab.platypus import Table

    out: list[Any] = []
    for f in flowables:
        if isinstance(f, Table):
            out.append(f)
        elif hasattr(f, "_content"):
            out += tables(f._content)
    return out


def test_every_cell_stays_inside_its_column(utc_settings) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    db = utc_settings
    trackables.add_custom(db, NAME, "minutes of scrolling", "behaviour")
    end = entries.today(db)
    for i in range(14):
        at = dt.datetime.combine(end - dt.timedelta(days=i), dt.time(12), tzinfo=dt.UTC)
        entries.log(db, NAME, "99999.99", at=at, cost="123456.78", discuss=True)
        entries.log(db, "alcohol", 100, at=at, cost="99999.99")
    goals.create_goal(db, NAME, "weekly-max", 999999.99, start=end - dt.timedelta(days=20))
    goals.create_goal(db, NAME, "daily-max", 99999.99, start=end - dt.timedelta(days=20))
    options = report_data.ReportOptions(start=end - dt.timedelta(days=27), end=end, all_entries=True)
    register_fonts()
    story = Builder(report_data.gather(db, options), 515.0, {}).story()
    checked = 0
    for t in tables(story):
        for row in t._cellvalues:
            for cell, width in zip(row, t._colWidths, strict=True):
                if isinstance(cell, str):
                    assert stringWidth(cell, FONT, 8) <= width - 1.5, (cell, width)
                    checked += 1
                elif isinstance(cell, Paragraph) and re.fullmatch(r"[\d.,]+", cell.text.strip()):
                    # A number set smaller so it fits, never broken across lines.
                    assert cell.minWidth() <= width - 6, (cell.text, width)
                    checked += 1
    assert checked > 300
