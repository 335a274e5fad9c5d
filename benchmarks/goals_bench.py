"""How long goal evaluation takes over a long history (run by hand; prints figures).

    /work/venv/bin/python benchmarks/goals_bench.py [years]

Builds a demo history (with its goals) in a temporary folder, then times what the UI
and the report do: the logging screen's glance, the Goals screen's summaries and live
preview, and a full-history evaluation of every goal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harmtrack.core.exchange import demo
from harmtrack.core.goals import glance, progress  # noqa: E402
from harmtrack.core.goals import store as goals
from harmtrack.core.storage.data_folder import open_data_folder  # noqa: E402
from harmtrack.core.tracking import entries


def timed(label: str, fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<48} {best * 1000:8.1f} ms")
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("years", nargs="?", type=int, default=10, help="years of demo history (default 10)")
    years = parser.parse_args().years
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data_folder(Path(tmp))
        t0 = time.perf_counter()
        n = demo.fill(db, days=365 * years)
        print(f"demo: {n} entries over {years} years in {time.perf_counter() - t0:.1f} s")
        all_goals = goals.list_goals(db)
        today = entries.today(db)
        daily = goals.create_goal(db, "alcohol", "daily-max", 4, start=today - dt.timedelta(days=365 * years))
        first = min(g.starts for g in all_goals + [daily])
        glance_t = timed("glance (logging screen)", lambda: glance.glance(db))
        timed("summaries of every goal (Goals screen list)",
              lambda: [progress.summarize_goal(db, g) for g in goals.list_goals(db)])
        preview_t = timed("live preview, last 8 weeks", lambda: progress.preview(
            db, all_goals[0].trackable_id, "weekly-max", 10))
        full = timed(f"evaluate all goals over {years} years",
                     lambda: progress.evaluate_all(db, first, today), repeat=3)
        periods = len(progress.evaluate_all(db, first, today))
        print(f"  {periods} periods judged; {full / max(periods, 1) * 1e6:.1f} µs per period")
        print(f"glance within a 100 ms frame budget: {glance_t < 0.1} ({glance_t / 0.1:.2f} of budget)")
        print(f"preview within a 150 ms typing pause: {preview_t < 0.15} ({preview_t / 0.15:.2f} of budget)")
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
