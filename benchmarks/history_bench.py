"""How long the History screen takes over a long history (run by hand; prints figures).

    .venv/bin/python benchmarks/history_bench.py [entries]

Writes ``entries`` entries over ten years into a temporary folder (one Core insert), then
times, offscreen, what a person does: open History (28 days), widen it to a year, sort by
Amount, widen it to all time; with the rows the model read and the peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from harmtrack.core.storage.data_folder import open_data_folder  # noqa: E402
from harmtrack.core.storage.db import transaction  # noqa: E402
from harmtrack.core.storage.schema import entries_table  # noqa: E402
from harmtrack.core.storage.settings import update_settings  # noqa: E402
from harmtrack.core.tracking import trackables  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("entries", type=int, nargs="?", default=100_000)
    n = parser.parse_args().entries
    app = QApplication([])
    from harmtrack.ui.context import AppContext
    from harmtrack.ui.history_view import COLUMNS, HistoryView

    with tempfile.TemporaryDirectory() as tmp:
        db = open_data_folder(Path(tmp))
        update_settings(db, timezone="Europe/Berlin", first_run_done=True)
        alcohol = trackables.add_builtin(db, "alcohol").id
        rnd, today = random.Random(1), dt.date.today()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows = []
        for i in range(n):
            day = today - dt.timedelta(days=int(i * 3650 / n))
            at = dt.datetime.combine(day, dt.time(rnd.randrange(24), rnd.randrange(60)))
            rows.append(dict(trackable_id=alcohol, occurred_at=at, utc_offset_min=60, day=day,
                             amount=float(rnd.randrange(1, 9)), urge_only=False, discuss=False,
                             note="a note" if i % 7 == 0 else None, created_at=now, updated_at=now))
        with transaction(db) as conn:
            conn.execute(insert(entries_table), rows)
        ctx = AppContext(db)

        def settle() -> None:
            for _ in range(3):
                app.processEvents()

        t = time.perf_counter()
        view = HistoryView(ctx)
        view.resize(1100, 700)
        view.show()
        settle()
        print(f"open History (28 days): {1000 * (time.perf_counter() - t):.0f} ms")
        amount = [c[1] for c in COLUMNS].index("amount")
        steps = [("28 days -> 1 year", lambda: view.set_range(today - dt.timedelta(days=364), today)),
                 ("sort by Amount", lambda: view.table.sortByColumn(amount, Qt.SortOrder.AscendingOrder)),
                 ("-> all time", lambda: view.set_range(dt.date(2000, 1, 1), today))]
        for label, step in steps:
            t = time.perf_counter()
            step()
            settle()
            print(f"{label}: {1000 * (time.perf_counter() - t):.0f} ms")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{n} entries; rows read {view.model.rowCount()}; peak RSS {peak} MB")
        view.close()
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
