"""HarmTrack at 10k / 100k / 1M entries: issue 13's table, measured against floors.

    python benchmarks/scale.py [--sizes 10000,100000,1000000] [--runs 3] [--only core|gui]
                               [--cache DIR] [--rebuild]

Data: ten years ending today, built once per size and kept in ``--cache`` (default: the
user cache folder, ``harmtrack/bench-scale/<size>``). A generated CSV is loaded through
the app's own import (``harmtrack import``); when the import refuses the file, the rows go
in with a bulk Core ``executemany`` into the schema tables instead (as
``benchmarks/charts.py`` does) and the output says so. Two goals are added with
``harmtrack goal add`` so Goals has something to judge.

Core (every command in a subprocess of its own; peak RSS from ``os.wait4``): export JSON vs
a raw sqlite3+json dump, ``entries --json``, import of the app's own export vs a raw
``executemany`` of the same file, a one-year ``report`` vs ``trackables --json`` (the CLI's
fixed cost), trigger counts for 4 weeks vs a raw query from the day index. Runs of ours and
of the floor alternate; medians are printed with their ratios.

GUI (one subprocess per size and run): the real main window offscreen, a 5 ms heartbeat
``QTimer``, and the longest gap between its ticks while each action a user takes runs.

The growth exponent is log(t_largest / t_smallest) / log(n_largest / n_smallest): 1 is
linear in the number of entries, 0 is independent of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DAYS = 3652
TRACKABLES = ("alcohol", "cannabis", "nicotine", "gambling")
TRIGGERS = ("stress", "friends", "boredom", "work", "party", "tired")
BATCH = 50_000
STALE_DAYS = 7  # a folder older than this is rebuilt: "the last 28 days" must hold data

#: (figure key, what, target) in the order of the issue's table.
TARGETS: list[tuple[str, str, str]] = [
    ("gui:history", "open History (28 days)", "≤ 100 ms"),
    ("gui:history_again", "open History again", "≤ 100 ms"),
    ("gui:all_time", "History → all time", "≤ 100 ms"),
    ("gui:one_year", "History: 28 days → 1 year", "≤ 100 ms"),
    ("gui:sort", "History: sort a column", "≤ 100 ms"),
    ("gui:log", "log an entry (History hidden)", "≤ 100 ms"),
    ("gui:log_all_time", "log an entry (History all time)", "≤ 100 ms"),
    ("gui:goals", "open Goals (first time)", "≤ 100 ms"),
    ("gui:charts", "open Charts", "≤ 100 ms"),
    ("gui:chart_range", "change chart range", "≤ 100 ms"),
    ("gui:chart_kind", "change chart kind", "≤ 100 ms"),
    ("export", "export --format json / raw", "≤ 1.5×, ≤ 300 MB"),
    ("entries", "entries --json", "≤ 300 MB (stream)"),
    ("import", "import own export / raw", "≤ 3×, ≤ 300 MB"),
    ("report", "report one year / trackables --json", "≤ 4×"),
    ("triggers", "trigger counts, 4 weeks", "≤ 2 ms"),
]


# --- running things ----------------------------------------------------------------------
class Run:
    """One subprocess: wall seconds and peak resident memory (MB)."""

    def __init__(self, seconds: float, rss_mb: float, rc: int, out: str) -> None:
        self.seconds, self.rss_mb, self.rc, self.out = seconds, rss_mb, rc, out


def run(cmd: list[str], *, env: dict[str, str] | None = None, stdout_to: Path | None = None,
        timeout: float | None = None) -> Run:
    """Run ``cmd``; its own peak RSS comes from wait4 (RUSAGE_CHILDREN would be the max of all)."""
    out_file = open(stdout_to, "wb") if stdout_to else tempfile.TemporaryFile()  # noqa: SIM115
    with out_file:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env or ENV, stdout=out_file, stderr=subprocess.PIPE)
        deadline = None if timeout is None else t + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        text = ""
        if stdout_to is None:
            out_file.seek(0)
            text = out_file.read().decode()
    if proc.returncode != 0 and timeout is None:
        raise RuntimeError(f"{' '.join(cmd[-4:])[:200]}… failed ({proc.returncode}): {err.strip()[-400:]}")
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, text + err)


def cli(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "harmtrack", "--data-dir", str(folder), *args]


def script(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0"}


# --- building the data folders ----------------------------------------------------------
def csv_rows(n: int, end: dt.date) -> Iterator[str]:
    """``n`` distinct entries spread evenly over DAYS days ending ``end`` (local = UTC)."""
    first = dt.datetime.combine(end - dt.timedelta(days=DAYS - 1), dt.time())
    step = DAYS * 86_400 / n
    for i in range(n):
        at = first + dt.timedelta(seconds=int(i * step))
        what = TRACKABLES[i % len(TRACKABLES)] if i % 7 else TRACKABLES[0]
        triggers = ";".join(TRIGGERS[(i + k) % len(TRIGGERS)] for k in range(i % 3))
        yield f"{at.isoformat()},{what},{1 + i % 3},{triggers}\n"


def fresh_folder(folder: Path) -> None:
    """An empty data folder whose day boundaries are UTC, past the first-run welcome."""
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.storage.settings import update_settings

    db = open_data_folder(folder, daily_backup=False)
    update_settings(db, timezone="UTC", first_run_done=True)
    db.close()


def bulk_fill(folder: Path, csv_path: Path) -> None:
    """The fallback: the CSV's rows through Core ``executemany`` in batches of BATCH."""
    from sqlalchemy import insert, select

    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.storage.db import transaction
    from harmtrack.core.storage.schema import entries_table, entry_tags_table, trackables_table
    from harmtrack.core.tracking import trackables

    db = open_data_folder(folder, daily_backup=False)
    for key in TRACKABLES:
        trackables.add_builtin(db, key)
    with transaction(db) as s:
        ids = {name.casefold(): tid for tid, name in s.execute(
            select(trackables_table.c.id, trackables_table.c.name))}
        by_key = {k: ids.get(k, min(ids.values())) for k in TRACKABLES}
        rows: list[dict[str, Any]] = []
        tags: list[dict[str, Any]] = []
        with open(csv_path) as f:
            next(f)
            for i, line in enumerate(f, start=1):
                at_text, what, amount, trig = line.rstrip("\n").split(",")
                at = dt.datetime.fromisoformat(at_text)
                rows.append(dict(id=i, trackable_id=by_key[what], occurred_at=at, utc_offset_min=0,
                                 day=at.date(), amount=float(amount), urge_only=False,
                                 discuss=False, source="bench", source_key=f"b{i}"))
                tags.extend(dict(entry_id=i, kind="trigger", name=t, position=p)
                            for p, t in enumerate(trig.split(";")) if t)
                if len(rows) >= BATCH:
                    s.execute(insert(entries_table), rows)
                    s.execute(insert(entry_tags_table), tags) if tags else None
                    rows, tags = [], []
        if rows:
            s.execute(insert(entries_table), rows)
        if tags:
            s.execute(insert(entry_tags_table), tags)
    db.close()


def build(cache: Path, n: int, rebuild: bool) -> tuple[Path, dict[str, Any]]:
    """The cached folder for ``n`` entries (built when missing or stale) and how it was built."""
    home = cache / str(n)
    meta_path = home / "meta.json"
    today = dt.datetime.now(dt.UTC).date()
    if meta_path.exists() and not rebuild:
        cached: dict[str, Any] = json.loads(meta_path.read_text())
        if (today - dt.date.fromisoformat(cached["end"])).days <= STALE_DAYS:
            return home / "data", cached
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    folder, csv_path = home / "data", home / "entries.csv"
    with open(csv_path, "w") as f:
        f.write("occurred_at,trackable,amount,triggers\n")
        f.writelines(csv_rows(n, today))
    fresh_folder(folder)
    got = run(cli(folder, "import", str(csv_path), "--format", "csv"), timeout=3600)
    meta: dict[str, Any] = {"end": today.isoformat(), "n": n}
    if got.rc == 0:
        meta["how"] = (f"app's CSV import: {got.seconds:.1f} s, peak RSS {got.rss_mb:.0f} MB "
                       f"({csv_path.stat().st_size / 1e6:.1f} MB CSV)")
    else:
        reason = got.out.strip().splitlines()[-1] if got.out.strip() else f"exit {got.rc}"
        shutil.rmtree(folder)
        fresh_folder(folder)
        t = time.perf_counter()
        bulk_fill(folder, csv_path)
        meta["how"] = (f"the app's import refused the CSV ({reason}); built with bulk Core "
                       f"executemany instead ({time.perf_counter() - t:.1f} s)")
    first = (today - dt.timedelta(days=DAYS - 1)).isoformat()
    run(cli(folder, "goal", "add", "alcohol", "--type", "weekly-max", "--target", "14", "--from", first))
    run(cli(folder, "goal", "add", "nicotine", "--type", "daily-max", "--target", "10", "--from", first))
    csv_path.unlink()
    meta_path.write_text(json.dumps(meta))
    return folder, meta


def db_file(folder: Path) -> Path:
    from harmtrack.paths import database_path

    return database_path(folder)


# --- floors ------------------------------------------------------------------------------
EXPORT_FLOOR = """
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
tags = {}
for eid, kind, name in c.execute("SELECT entry_id, kind, name FROM entry_tags ORDER BY entry_id, position"):
    tags.setdefault(eid, {}).setdefault(kind, []).append(name)
cols = ("id", "trackable", "occurred_at", "day", "amount", "urge_only", "craving", "mood",
        "setting", "cost", "note", "discuss", "source", "source_key", "created_at", "updated_at")
rows = c.execute("SELECT e.id, t.name, e.occurred_at, e.day, e.amount, e.urge_only, e.craving, "
                 "e.mood, e.setting, e.cost, e.note, e.discuss, e.source, e.source_key, "
                 "e.created_at, e.updated_at FROM entries e JOIN trackables t ON t.id = e.trackable_id "
                 "ORDER BY e.occurred_at, e.id")
out = []
for r in rows:
    d = dict(zip(cols, r))
    t = tags.get(d["id"], {})
    d["triggers"], d["practices"] = t.get("trigger", []), t.get("practice", [])
    out.append(d)
with open(sys.argv[2], "w") as f:
    json.dump({"entries": out}, f)
"""

IMPORT_FLOOR = """
import datetime as dt, json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
doc = json.load(open(sys.argv[2]))
ids = {n.casefold(): i for i, n in c.execute("SELECT id, name FROM trackables")}
now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ")
rows, tags = [], []
for i, e in enumerate(doc["entries"], start=1):
    at = dt.datetime.fromisoformat(e["occurred_at"])
    off = int(at.utcoffset().total_seconds() // 60) if at.tzinfo else 0
    utc = (at - at.utcoffset()).replace(tzinfo=None) if at.tzinfo else at
    rows.append((i, ids[e["trackable"].casefold()], utc.isoformat(" "), off, e["day"], e["amount"],
                 e["urge_only"], e["discuss"], e["source"], e["source_key"] or f"f{i}", now, now))
    tags.extend((i, "trigger", t, p) for p, t in enumerate(e["triggers"]))
    tags.extend((i, "practice", t, p) for p, t in enumerate(e["practices"]))
with c:
    c.executemany("INSERT INTO entries (id, trackable_id, occurred_at, utc_offset_min, day, amount, "
                  "urge_only, discuss, source, source_key, created_at, updated_at) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    c.executemany("INSERT INTO entry_tags (entry_id, kind, name, position) VALUES (?,?,?,?)", tags)
"""

#: The same counts starting from the day (INDEXED BY and CROSS JOIN: SQLite's planner starts from the tag
#: index on its own, over all history).
TRIGGERS_FLOOR_SQL = ("SELECT min(t.name), count(*) FROM entries e INDEXED BY ix_entries_day_trackable "
                      "CROSS JOIN entry_tags t "
                      "ON t.entry_id = e.id AND t.kind = 'trigger' "
                      "WHERE e.day BETWEEN ? AND ? GROUP BY lower(t.name)")


# --- the core figures ---------------------------------------------------------------------
def ratio_line(ours: list[float], floor: list[float]) -> tuple[float, float, float]:
    a, b = statistics.median(ours), statistics.median(floor)
    return a, b, a / b


def measure_core(folder: Path, runs: int, today: dt.date) -> dict[str, dict[str, float]]:
    """Every core/CLI figure for one folder: medians of ``runs`` interleaved repetitions."""
    src = db_file(folder)
    year_from = (today - dt.timedelta(days=364)).isoformat()
    samples: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        samples.setdefault(key, []).append(value)

    with tempfile.TemporaryDirectory() as tmp_text:
        tmp = Path(tmp_text)
        export = tmp / "export.json"
        # The raw import floor's target: this file's schema and trackables, no entries.
        template = tmp / "template.db"
        import sqlite3

        # The backup API, not a file copy: the live file keeps recent pages in its -wal.
        with sqlite3.connect(src) as live, sqlite3.connect(template) as c:
            live.backup(c)
            c.execute("DELETE FROM entry_tags")
            c.execute("DELETE FROM entries")
            c.commit()
            c.execute("PRAGMA journal_mode=DELETE")
        run(cli(folder, "export", "--format", "json", "--out", str(export)))  # warm-up + the file
        for _ in range(runs):
            floor = run(script(EXPORT_FLOOR, str(src), str(tmp / "floor.json")))
            ours = run(cli(folder, "export", "--format", "json", "--out", str(tmp / "e2.json")))
            add("export.floor", floor.seconds)
            add("export.ours", ours.seconds)
            add("export.floor_rss", floor.rss_mb)
            add("export.rss", ours.rss_mb)

            got = run(cli(folder, "entries", "--json"), stdout_to=Path(os.devnull))
            add("entries.ours", got.seconds)
            add("entries.rss", got.rss_mb)

            target = tmp / "floor-target.db"
            shutil.copy(template, target)
            floor = run(script(IMPORT_FLOOR, str(target), str(export)))
            fresh = tmp / f"import-{len(samples.get('import.ours', []))}"
            fresh_folder(fresh)
            ours = run(cli(fresh, "import", str(export), "--format", "harmtrack-json"), timeout=3600)
            shutil.rmtree(fresh)
            add("import.floor", floor.seconds)
            add("import.floor_rss", floor.rss_mb)
            if ours.rc == 0:
                add("import.ours", ours.seconds)
                add("import.rss", ours.rss_mb)
            else:
                samples["import.refused"] = [1.0]
                print(f"   import refused: {ours.out.strip().splitlines()[-1][:100]}")

            floor = run(cli(folder, "trackables", "--json"))
            ours = run(cli(folder, "report", "--from", year_from, "--to", today.isoformat(),
                           "--out", str(tmp / "report.pdf")))
            add("report.floor", floor.seconds)
            add("report.ours", ours.seconds)
            add("report.rss", ours.rss_mb)
    add_triggers(folder, src, runs, today, add)
    return {k: {"median": statistics.median(v)} for k, v in samples.items()}


def add_triggers(folder: Path, src: Path, runs: int, today: dt.date,
                 add: Callable[[str, float], None]) -> None:
    """stats.trigger_counts over the last 28 days vs the same counts in raw SQL from the day."""
    import sqlite3

    from harmtrack.core import stats
    from harmtrack.core.storage.data_folder import open_data_folder

    start = today - dt.timedelta(days=27)
    db = open_data_folder(folder, create=False, daily_backup=False)
    raw = sqlite3.connect(src)
    params = (start.isoformat(), today.isoformat())
    ours_fn = lambda: stats.trigger_counts(db, None, start, today)  # noqa: E731
    floor_fn = lambda: raw.execute(TRIGGERS_FLOOR_SQL, params).fetchall()  # noqa: E731
    ours_fn(), floor_fn()
    assert sum(c.total for c in ours_fn()) == sum(n for _, n in floor_fn()), "trigger counts disagree"
    for _ in range(max(runs, 5) * 3):
        for key, fn in (("triggers.floor", floor_fn), ("triggers.ours", ours_fn)):
            t = time.perf_counter()
            fn()
            add(key, time.perf_counter() - t)
    raw.close()
    db.close()


# --- the GUI figures (in a child process per size and run) ---------------------------------
def gui_child(folder: Path) -> int:
    """Open the real main window over ``folder`` and print the longest stall per action."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from harmtrack.app import pause_collection_for_start_up, start_up_done

    # As the app starts (harmtrack.app.run_gui): no collection until the window is up, then
    # what start-up built frozen and collection on the UI thread only (ui/gc_guard.py).
    pause_collection_for_start_up()
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.tracking import entries

    db = open_data_folder(folder, create=False, daily_backup=False)
    from PySide6.QtCore import QDate, QEventLoop, QPoint, Qt, QThreadPool, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from harmtrack.ui.context import AppContext
    from harmtrack.ui.main_window import MainWindow
    from harmtrack.ui.shell import prepare

    app = QApplication([])
    ctx = AppContext(db)
    prepare(app, ctx)
    win = MainWindow(ctx)
    win.resize(1180, 780)
    win.show()
    start_up_done()
    ticks: list[float] = []
    beat = QTimer()
    beat.setInterval(5)
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start()

    def settle(seconds: float) -> None:
        """Run the event loop until ``seconds`` passed with no background job left."""
        loop = QEventLoop()
        t0 = time.perf_counter()

        def check() -> None:
            if time.perf_counter() - t0 >= seconds and QThreadPool.globalInstance().activeThreadCount() == 0:
                loop.quit()

        checker = QTimer()
        checker.timeout.connect(check)
        checker.start(20)
        loop.exec()
        checker.stop()

    def stall(action: Callable[[], object]) -> float:
        """Longest gap (ms) between heartbeats from the action's start until all is quiet."""
        settle(0.2)
        ticks.clear()
        ticks.append(time.perf_counter())
        QTimer.singleShot(0, action)
        settle(0.6)
        ticks.append(time.perf_counter())
        return max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000

    def day_before(day: dt.date, delta: int) -> QDate:
        d = day - dt.timedelta(days=delta)
        return QDate(d.year, d.month, d.day)

    screens = dict(zip(win.screen_keys(), win.view_menu.actions(), strict=False))
    settle(0.5)
    out: dict[str, float] = {}
    today = entries.today(db, ctx.settings())
    out["history"] = stall(screens["history"].trigger)
    out["log"] = stall(screens["log"].trigger)  # not a table row: to come back to History
    out["history_again"] = stall(screens["history"].trigger)
    hv: Any = win.view("history")
    out["one_year"] = stall(lambda: hv.start.setDate(day_before(today, 364)))
    header = hv.table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(1) + 5, header.height() // 2)
    out["sort"] = stall(lambda: QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                                                 Qt.KeyboardModifier.NoModifier, where))
    hv.start.setDate(day_before(today, 27))
    settle(0.3)
    screens["log"].trigger()
    settle(0.3)
    lv: Any = win.view("log")
    before = count_entries(db)
    out["log"] = stall(lambda: QTest.mouseClick(lv.form.submit, Qt.MouseButton.LeftButton))
    assert count_entries(db) == before + 1, "the click on Log entry stored nothing"
    screens["history"].trigger()
    settle(0.3)
    out["all_time"] = stall(lambda: hv.start.setDate(day_before(today, DAYS + 1)))
    screens["log"].trigger()
    settle(0.3)
    out["log_all_time"] = stall(lambda: QTest.mouseClick(lv.form.submit, Qt.MouseButton.LeftButton))
    out["goals"] = stall(screens["goals"].trigger)
    out["charts"] = stall(screens["charts"].trigger)
    cv: Any = win.view("charts")
    out["chart_range"] = stall(lambda: cv.range.setCurrentIndex((cv.range.currentIndex() + 1)
                                                                 % cv.range.count()))
    out["chart_kind"] = stall(lambda: cv.kind.setCurrentIndex((cv.kind.currentIndex() + 1)
                                                              % cv.kind.count()))
    import resource

    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(out), flush=True)
    win.close()
    db.close()
    return 0


def count_entries(db: Any) -> int:
    from sqlalchemy import func, select

    from harmtrack.core.storage.schema import entries_table

    with db.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(entries_table)) or 0)


def measure_gui(folder: Path, timeout: float) -> dict[str, float]:
    """One child's stalls; a copy of the folder, so logged entries do not pile up in the cache."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("*.lock", "lock"))
        got = run([sys.executable, __file__, "--gui-child", str(copy)], timeout=timeout)
    for line in got.out.splitlines():
        if line.startswith("RESULT "):
            return {f"gui:{k}": v for k, v in json.loads(line[7:]).items()}
    print(f"   GUI run gave no result (exit {got.rc}, {got.seconds:.0f} s): {got.out.strip()[-300:]}")
    return {}


# --- printing ----------------------------------------------------------------------------
def exponent(values: dict[int, float]) -> str:
    sizes = sorted(values)
    if len(sizes) < 2 or values[sizes[0]] <= 0:
        return "–"
    lo, hi = sizes[0], sizes[-1]
    return f"{math.log(values[hi] / values[lo]) / math.log(hi / lo):.2f}"


def cell(key: str, fig: dict[str, float]) -> tuple[str, float | None]:
    """The table's text for one figure at one size, and the time the exponent follows."""
    m = {k: v for k, v in fig.items()}
    if key.startswith("gui:"):
        if key not in m:
            return "–", None
        return f"{m[key]:.0f} ms", m[key]
    if key == "export" and "export.ours" in m:
        r = m["export.ours"] / m["export.floor"]
        return (f"{m['export.ours']:.2f}s {r:.2f}× {m['export.rss']:.0f}MB "
                f"(raw {m['export.floor_rss']:.0f}MB)"), m["export.ours"]
    if key == "entries" and "entries.ours" in m:
        return f"{m['entries.ours']:.2f}s {m['entries.rss']:.0f}MB", m["entries.ours"]
    if key == "import":
        if "import.ours" not in m:
            if "import.refused" not in m:
                return "–", None
            return (f"refused (raw {m['import.floor']:.1f}s {m['import.floor_rss']:.0f}MB)"), None
        r = m["import.ours"] / m["import.floor"]
        return f"{m['import.ours']:.2f}s {r:.2f}× {m['import.rss']:.0f}MB", m["import.ours"]
    if key == "report" and "report.ours" in m:
        r = m["report.ours"] / m["report.floor"]
        return f"{m['report.ours']:.2f}s {r:.2f}×", m["report.ours"]
    if key == "triggers" and "triggers.ours" in m:
        r = m["triggers.ours"] / m["triggers.floor"]
        return f"{m['triggers.ours'] * 1000:.2f}ms {r:.1f}×", m["triggers.ours"]
    return "–", None


def print_table(results: dict[int, dict[str, float]]) -> None:
    sizes = sorted(results)
    head = ["action", *(f"{n:,}" for n in sizes), "growth", "target"]
    rows = []
    for key, what, target in TARGETS:
        texts, times = [], {}
        for n in sizes:
            text, value = cell(key, results[n])
            texts.append(text)
            if value is not None:
                times[n] = value
        if all(t == "–" for t in texts):
            continue
        rows.append([what, *texts, exponent(times) if len(times) == len(sizes) else "–", target])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print()
    for r in [head, ["-" * w for w in widths], *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    print("\nRatios are to floors of the same run: export vs a raw sqlite3+json dump, import vs a raw\n"
          "json.load + executemany of the same file, report vs `trackables --json` (the CLI's fixed\n"
          "cost), trigger counts vs raw SQL from the day index. GUI: longest UI-thread stall\n"
          "(5 ms heartbeat) from the action until no background job is left. Growth: exponent of\n"
          "time in entries from the smallest to the largest size.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("core", "gui"))
    parser.add_argument("--cache", type=Path, help="where the data folders are kept")
    parser.add_argument("--rebuild", action="store_true", help="build the folders again")
    parser.add_argument("--gui-timeout", type=float, default=1800, help="seconds per GUI run")
    parser.add_argument("--gui-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.gui_child:
        return gui_child(args.gui_child)
    import platformdirs

    cache = args.cache or Path(platformdirs.user_cache_dir("harmtrack", appauthor=False)) / "bench-scale"
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    today = dt.datetime.now(dt.UTC).date()
    folders: dict[int, Path] = {}
    for n in sizes:
        t = time.perf_counter()
        folders[n], meta = build(cache, n, args.rebuild)
        print(f"{n:>9,} entries: {folders[n]} (ending {meta['end']}; {meta['how']}; "
              f"ready in {time.perf_counter() - t:.1f} s)", flush=True)
    results: dict[int, dict[str, float]] = {n: {} for n in sizes}
    if args.only != "gui":
        for n in sizes:
            print(f"core figures at {n:,} …", flush=True)
            end = dt.date.fromisoformat(json.loads((folders[n].parent / "meta.json").read_text())["end"])
            core = measure_core(folders[n], args.runs, min(end, today))
            results[n].update({k: v["median"] for k, v in core.items()})
    if args.only != "core":
        gui: dict[int, list[dict[str, float]]] = {n: [] for n in sizes}
        for r in range(args.runs):  # interleaved: each size once per round
            for n in sizes:
                print(f"GUI run {r + 1}/{args.runs} at {n:,} …", flush=True)
                gui[n].append(measure_gui(folders[n], args.gui_timeout))
        for n in sizes:
            keys = {k for g in gui[n] for k in g}
            results[n].update({k: statistics.median([g[k] for g in gui[n] if k in g]) for k in keys})
            if "gui:rss_mb" in results[n]:
                print(f"   GUI peak RSS at {n:,}: {results[n]['gui:rss_mb']:.0f} MB")
    print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
