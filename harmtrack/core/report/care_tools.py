"""The client's decisional balances and ideal-use plans in the report, when they choose
to add them (``ReportOptions.balance_and_ideal_use``, off by default)."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from harmtrack.core.care.balance import BalanceRow
from harmtrack.core.common.days import long_date


def _text(value: str | None) -> str:
    return escape(value).replace("\n", "<br/>") if value else "–"


def balance_section(builder: Any, rows: list[BalanceRow]) -> list[Any]:
    """The report's section: one table row per trackable (``builder`` is layout's Builder)."""
    if not rows:
        return []
    w = builder.width
    table: list[list[Any]] = [["", "What it gives them", "What it costs them", "Their ideal use"]]
    for r in rows:
        when = f"<br/><font size='7'>balance of {long_date(r.balance.date)}</font>" if r.balance else ""
        table.append([builder.p(escape(r.trackable) + when, "cell"),
                      builder.p(_text(r.balance.gives if r.balance else None), "cell"),
                      builder.p(_text(r.balance.costs if r.balance else None), "cell"),
                      builder.p(_text(r.ideal.text if r.ideal else None), "cell")])
    return [
        builder.heading("Decisional balance and ideal use", key="balance"),
        builder.p("In the client's own words: what each gives and costs them (their latest balance "
                  "up to the report's last day), and what they would like their use to look like.",
                  "small"),
        builder.table(table, [0.16 * w, 0.28 * w, 0.28 * w, 0.28 * w]),
    ]
