"""Chart speed, measured against bare references in the same run.

    python benchmarks/charts.py [--entries 100000] [--runs 15]

1. Daily totals for one trackable over 10 years of a file holding ~100k entries:
   ``stats.daily_amounts`` (SQL GROUP BY + zero-filled numpy array) against a raw
   ``sqlite3`` GROUP BY on the same file returning rows. Target: ratio ≤ 1.3.
2. Redrawing the 10-year daily chart (``draw_daily`` + Agg render) against a bare
   matplotlib ``stairs`` draw of the same array on the same Figure. Target: ≤ 1.5.

Medians of ``--runs`` repetitions after one warm-up, each reference run alternating
with ours so that load from other processes affects both alike. Prints figures and ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harmtrack.core.exchange import demo  # noqa: E402
from harmtrack.core.storage.data_folder import open_data_folder  # noqa: E402
from harmtrack.core.storage.db import Database  # noqa: E402

DAYS = 3652


def median_time(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm-up: caches, compiled statements, font cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def paired(ref: Callable[[], Any], ours: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Medians of reference and ours, run alternately so machine load hits both alike."""
    ref()
    ours()
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        for fn, out in ((ref, a), (ours, b)):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
    return statistics.median(a), statistics.median(b)


def fill(db: Database, total: int, end: dt.date) -> int:
    """Ten years of demo history, topped up with bulk rows until ``total`` entries exist."""
    from sqlalchemy import func, insert, select

    from harmtrack.core.storage.db import transaction
    from harmtrack.core.storage.schema import entries_table, trackables_table

    demo.fill(db, days=DAYS, end=end)
    rng = random.Random(1)
    with transaction(db) as s:
        have = int(s.scalar(select(func.count()).select_from(entries_table)) or 0)
        ids = list(s.scalars(select(trackables_table.c.id)))
        next_id = int(s.scalar(select(func.max(entries_table.c.id))) or 0) + 1
        rows = []
        first = end - dt.timedelta(days=DAYS - 1)
        for i in range(max(total - have, 0)):
            day = first + dt.timedelta(days=rng.randrange(DAYS))
            at = dt.datetime.combine(day, dt.time(rng.randrange(24), rng.randrange(60)))
            rows.append(dict(id=next_id + i, trackable_id=rng.choice(ids), occurred_at=at,
                             utc_offset_min=0, day=day, amount=float(rng.randint(1, 3)),
                             urge_only=rng.random() < 0.05, discuss=False, source="bench"))
        if rows:
            s.execute(insert(entries_table), rows)
        return int(s.scalar(select(func.count()).select_from(entries_table)) or 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()

    from harmtrack.core import stats
    from harmtrack.core.charts import drawing as charts
    from harmtrack.core.charts import parts
    from harmtrack.core.storage.settings import update_settings

    with tempfile.TemporaryDirectory() as tmp:
        db = open_data_folder(Path(tmp))
        update_settings(db, timezone="UTC")
        end = dt.date(2026, 3, 31)
        start = end - dt.timedelta(days=DAYS - 1)
        t0 = time.perf_counter()
        n = fill(db, args.entries, end)
        print(f"data: {n:,} entries over {DAYS} days ({time.perf_counter() - t0:.1f} s to create)")
        tid = 1  # alcohol: the first trackable demo adds

        # 1. daily totals -------------------------------------------------------------------
        raw = sqlite3.connect(str(db.path))
        sql = ("SELECT day, SUM(amount) FROM entries WHERE trackable_id = ? AND urge_only = 0 "
               "AND day >= ? AND day <= ? GROUP BY day")
        params = (tid, start.isoformat(), end.isoformat())
        ref, ours = paired(lambda: raw.execute(sql, params).fetchall(),
                           lambda: stats.daily_amounts(db, tid, start, end), args.runs)
        series = median_time(lambda: stats.daily_series(db, tid, start, end), args.runs)
        got = stats.daily_amounts(db, tid, start, end)
        check = dict(raw.execute(sql, params).fetchall())
        assert abs(got.sum() - sum(check.values())) < 1e-6, "daily totals disagree with raw SQL"
        raw.close()
        print("\n1. Daily totals, one trackable, 10 years")
        print(f"   raw sqlite3 GROUP BY (rows)          {ref * 1000:8.2f} ms")
        print(f"   stats.daily_amounts (zero-filled)    {ours * 1000:8.2f} ms   ratio {ours / ref:.2f}"
              f"  (target ≤ 1.30)")
        print(f"   stats.daily_series (+ logged mask,   {series * 1000:8.2f} ms   ratio {series / ref:.2f}"
              "\n     use mask, 7-day average; for information)")

        # 2. redraw -------------------------------------------------------------------------
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        data = charts.chart_data(db, "daily", tid, start, end)
        values = data.series.amount
        fig = charts.new_figure(10, 4.8, dpi=100)
        canvas = FigureCanvasAgg(fig)
        edges = parts.bar_edges(data.series.days)

        def bare() -> None:
            fig.clear()
            ax = fig.add_subplot()
            ax.stairs(values, edges, fill=True)
            canvas.draw()

        def full() -> None:
            charts.draw_daily(fig, data)
            canvas.draw()

        def floor() -> None:
            # A stricter floor: the same StepPatch added without Axes.stairs' walk over
            # every path segment to update data limits (limits set by hand instead).
            from matplotlib.patches import StepPatch

            fig.clear()
            ax = fig.add_subplot()
            ax.add_artist(StepPatch(values, edges, fill=True))
            ax.set_xlim(edges[0], edges[-1])
            ax.set_ylim(0, float(values.max()) * 1.1)
            canvas.draw()

        ref_draw, our_draw = paired(bare, full, args.runs)
        floor_draw = median_time(floor, args.runs)
        build = median_time(lambda: charts.chart_data(db, "daily", tid, start, end), args.runs)
        print("\n2. Redrawing the 10-year daily chart (10 × 4.8 in at 100 dpi, Agg)")
        print(f"   bare matplotlib stairs               {ref_draw * 1000:8.1f} ms")
        print(f"   bare StepPatch, limits set by hand   {floor_draw * 1000:8.1f} ms")
        print(f"   draw_daily (amount, average, not-    {our_draw * 1000:8.1f} ms   ratio "
              f"{our_draw / ref_draw:.2f}  (target ≤ 1.50); vs the stricter floor "
              f"{our_draw / floor_draw:.2f}")
        print("     logged and use-free bands, legend)")
        print(f"   chart_data for it (SQL, off the UI    {build * 1000:8.1f} ms"
              "\n     thread in the app; for information)")
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
