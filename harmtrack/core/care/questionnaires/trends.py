"""Each instrument's totals over time, with the "not on track" answers marked: the one
source the scores chart and the report read.

An answer is not on track when its total is worse than the answer before it (which may
lie before the range) by at least the instrument's reliable-change amount; instruments
without a published amount are never marked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from harmtrack.core.care.questionnaires.answers import history
from harmtrack.core.care.questionnaires.instruments import Instrument, all_instruments
from harmtrack.core.care.questionnaires.scoring import worsened
from harmtrack.core.storage.db import Database


@dataclass(frozen=True)
class ScoreSeries:
    instrument: Instrument
    dates: tuple[dt.date, ...]
    totals: tuple[int, ...]
    bands: tuple[str | None, ...]
    not_on_track: tuple[bool, ...]
    #: The total of the answer before the range (None when there was none).
    before: int | None = None


def score_series(db: Database, start: dt.date, end: dt.date) -> list[ScoreSeries]:
    """Every instrument taken between ``start`` and ``end``, in the instruments' order."""
    by_key: dict[str, list[tuple[dt.date, int, str | None]]] = {}
    for t in history(db, end=end):
        by_key.setdefault(t.key, []).append((t.date, t.total, t.band))
    out = []
    for ins in all_instruments():
        rows = by_key.get(ins.key, [])
        marks = [i > 0 and worsened(ins, rows[i - 1][1], rows[i][1]) for i in range(len(rows))]
        shown = [i for i, r in enumerate(rows) if r[0] >= start]
        if not shown:
            continue
        before = rows[shown[0] - 1][1] if shown[0] > 0 else None
        out.append(ScoreSeries(ins, tuple(rows[i][0] for i in shown), tuple(rows[i][1] for i in shown),
                               tuple(rows[i][2] for i in shown), tuple(marks[i] for i in shown), before))
    return out
