"""The report's questionnaire scores and safer-use combination notes.

Scores: each instrument taken in the range with its latest total and band, the change
since the last session and any "not on track" answer (``care.questionnaires.latest``, the
figures review mode and the CLI read too), with the attribution its licence asks for, and
the scores chart. A one-line summary goes on page 1. Left out when the client chooses
(``ReportOptions.omit_questionnaires``): then nothing about them is gathered.

Combinations: the pairs of depressants logged within a few hours
(``care.combinations.pairs_in_range``), of the included trackables only, each with its note
and source. reportlab is imported on use.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from typing import Any, Protocol
from xml.sax.saxutils import escape

from harmtrack.core.care.combinations import CombinationPair, pairs_in_range
from harmtrack.core.care.questionnaires.latest import LatestScore, latest_scores
from harmtrack.core.common.days import long_date
from harmtrack.core.storage.db import Database

log = logging.getLogger(__name__)

#: The key the scores chart is filed under among the report's charts (no trackable has id 0).
SCORES_CHART = 0


class Builder(Protocol):
    """What these sections use of ``layout.Builder`` (which calls them, so it is not imported)."""

    data: Any
    width: float
    charts: dict[int, list[Any]]

    def p(self, text: str, style: str = "body") -> Any: ...

    def heading(self, text: str, level: str = "h1", key: str | None = None) -> Any: ...

    def table(self, rows: list[list[Any]], widths: list[float], *, header: bool = True,
              long: bool = False, align_right: tuple[int, ...] = ()) -> Any: ...


def scores_extra(db: Database, options: Any, ids: Sequence[int]) -> dict[str, Any]:
    """What ``data.gather`` files under ``extra``: the latest scores, the scores chart's data
    (added to the report's charts) and the combination pairs of the included trackables."""
    out: dict[str, Any] = {"combinations": pairs_in_range(db, options.start, options.end,
                                                          trackable_ids=ids) if ids else []}
    if options.omit_questionnaires:
        return {**out, "scores": [], "scores_chart": []}
    scores = latest_scores(db, options.start, options.end)
    chart: list[tuple[int, Any]] = []
    if scores:
        try:  # numpy and the chart data: as the other report charts
            chartdata = importlib.import_module("harmtrack.core.charts.data")
            chart.append((SCORES_CHART, chartdata.chart_data(db, "scores", None, options.start,
                                                             options.end)))
        except Exception as exc:  # a chart must never sink the report; the numbers are there
            log.warning("scores chart data for the report failed: %s", type(exc).__name__)
    return {**out, "scores": scores, "scores_chart": chart}


def scores_of(b: Builder) -> list[LatestScore]:
    return list(b.data.extra.get("scores") or [])


def summary_row(b: Builder) -> list[list[Any]]:
    """Page 1's "Questionnaires" row: each instrument's latest total, band and change."""
    scores = scores_of(b)
    if not scores:
        return []
    parts = []
    for s in scores:
        text = f"<b>{escape(s.instrument.name)}</b> {escape(s.total_text())}, {escape(s.change_text())}"
        if s.not_on_track_text():
            text += f" · <b>not on track</b> on {escape(long_date(s.not_on_track[-1]))}"
        parts.append(text)
    return [["Questionnaires", b.p("<br/>".join(parts) + " <font size='7'>(details and sources "
                                   "with the scores)</font>", "cell")]]


def scores_section(b: Builder) -> list[Any]:
    """The scores table, the "not on track" notes with their sources, the attributions and
    the chart."""
    from reportlab.platypus import CondPageBreak, Spacer

    scores = scores_of(b)
    if not scores:
        return []
    w = b.width
    rows: list[list[Any]] = [["Questionnaire", "Latest", "Score (band)", "Since the last session"]]
    for s in scores:
        rows.append([b.p(escape(s.instrument.title), "cell"), long_date(s.date),
                     b.p(escape(s.total_text()), "cell"), b.p(escape(s.change_text()), "cell")])
    out: list[Any] = [CondPageBreak(160), b.heading("Questionnaire scores", key="scores"),
                      b.p("Scored by HarmTrack from the client's answers, by each questionnaire's "
                          "published rules. Bands are the published ones.", "small"),
                      b.table(rows, [0.34 * w, 0.18 * w, 0.18 * w, 0.30 * w])]
    for s in scores:
        note = s.not_on_track_text()
        if note:
            out.append(b.p(escape(note), "note"))
    out.append(Spacer(1, 4))
    for text in dict.fromkeys(s.instrument.attribution for s in scores):  # rulers share one
        out.append(b.p(escape(text), "small"))
    for image in b.charts.get(SCORES_CHART, []):
        out += [Spacer(1, 6), image]
    return out


def combinations_section(b: Builder) -> list[Any]:
    """Safer-use notes for depressants logged close together, calmly, with their sources."""
    from reportlab.platypus import KeepTogether

    pairs: list[CombinationPair] = list(b.data.extra.get("combinations") or [])
    if not pairs:
        return []
    w = b.width
    rows: list[list[Any]] = [["Day", "Logged together", "Hours apart"]]
    for p in pairs[:20]:
        rows.append([long_date(p.day), b.p(escape(f"{p.first_trackable} and {p.second_trackable}"),
                                           "cell"), f"{p.hours_apart:.1f}"])
    more = f" The first 20 of {len(pairs)} are listed." if len(pairs) > 20 else ""
    out: list[Any] = [b.heading("Depressants logged close together", key="combinations"),
                      b.p(f"Times two depressants were logged within a few hours of each other.{more}",
                          "small"),
                      b.table(rows, [0.25 * w, 0.55 * w, 0.2 * w], align_right=(2,))]
    notes = {p.note.classes: p.note for p in pairs}
    for n in notes.values():
        out.append(b.p(f"{escape(n.risk)} <font size='7'>Source: {escape(n.source.name)}.</font>",
                       "goal"))
    # The ways to lower the risk are the same for every pair: said once.
    first = next(iter(notes.values()))
    ways = "".join(f"<br/>• {escape(w)}" for w in first.lowering)
    out.append(b.p(f"<b>What lowers the risk</b> <font size='7'>(source: "
                   f"{escape(first.lowering_source.name)})</font>{ways}", "goal"))
    return [KeepTogether(out)]
