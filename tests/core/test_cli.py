"""The command line: the exact contract, exit codes and one-line messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries


def cli(data_dir: Path, *args: str) -> int:
    return run(["--data-dir", str(data_dir), *args])


def entries_json(data_dir: Path, capsys, *args: str) -> list[dict]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert cli(data_dir, "entries", "--json", *args) == 0
    return json.loads(capsys.readouterr().out)


def test_log_prints_id_and_entries_lists_it(data_dir: Path, capsys) -> None:
    assert cli(data_dir, "log", "Alcohol", "2", "--at", "2026-03-02T21:15", "--craving", "4",
               "--mood", "3", "--trigger", "stress", "--trigger", "party", "--practice",
               "alternated with water", "--cost", "9.5", "--note", "work do", "--discuss") == 0
    entry_id = int(capsys.readouterr().out.strip())
    rows = entries_json(data_dir, capsys)
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == entry_id
    assert (row["trackable"], row["amount"], row["unit"]) == ("Alcohol", 2.0, "standard drinks")
    assert row["day"] == "2026-03-02"
    assert row["occurred_at"].startswith("2026-03-02T21:15:00")
    assert row["triggers"] == ["stress", "party"] and row["practices"] == ["alternated with water"]
    assert (row["craving"], row["mood"], row["cost"], row["note"]) == (4, 3, 9.5, "work do")
    assert row["discuss"] is True and row["urge_only"] is False


def test_log_with_offset_and_filters(data_dir: Path, capsys) -> None:
    cli(data_dir, "log", "cannabis", "1", "--at", "2026-01-10T23:30:00+00:00")
    cli(data_dir, "log", "alcohol", "0", "--urge-only", "--at", "2026-01-11T10:00:00+00:00")
    assert [r["trackable"] for r in entries_json(data_dir, capsys, "--trackable", "CANNABIS")] == ["Cannabis"]
    rows = entries_json(data_dir, capsys, "--from", "2026-01-11", "--to", "2026-01-11")
    assert len(rows) <= 1  # which day 23:30 UTC falls on depends on the local zone
    capsys.readouterr()
    assert cli(data_dir, "trackables", "--json") == 0
    names = [t["name"] for t in json.loads(capsys.readouterr().out)]
    assert names == ["Cannabis", "Alcohol"]


@pytest.mark.parametrize(
    "args, words",
    [
        (["log", "alcohol", "-1"], "0 or more"),
        (["log", "alcohol", "lots"], "number"),
        (["log", "alcohol", "nan"], "finite"),
        (["log", "alcohol", "inf"], "finite"),
        (["log", "alcohol", "1", "--craving", "11"], "craving"),
        (["log", "alcohol", "1", "--craving", "-2"], "craving"),
        (["log", "alcohol", "1", "--at", "2026-02-30T10:00"], "not a date"),
        (["log", "alcohol", "1", "--at", "25:99"], "not a time"),
        (["log", "alcohol", "1", "--unit", "mg"], "does not fit"),
        (["log", "alcohl", "1"], "Alcohol"),
        (["entries", "--from", "2026-13-01", "--json"], "not a real date"),
        (["log"], "required"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(data_dir: Path, capsys, args, words) -> None:
    assert cli(data_dir, *args) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and words in err
    assert entries_json(data_dir, capsys) == []


def test_demo_refuses_a_folder_with_data(data_dir: Path, capsys) -> None:
    cli(data_dir, "log", "alcohol", "1")
    assert cli(data_dir, "demo", "--days", "10") == 2
    assert "already has entries" in capsys.readouterr().err
    assert cli(data_dir, "demo", "--days", "10", "--force") == 0
    assert len(entries_json(data_dir, capsys)) > 10


def test_demo_makes_a_realistic_history(data_dir: Path, capsys) -> None:
    assert cli(data_dir, "demo", "--days", "120") == 0
    rows = entries_json(data_dir, capsys)
    names = {r["trackable"] for r in rows}
    assert {"Alcohol", "Cannabis", "Nicotine"} <= names
    assert any(r["urge_only"] for r in rows) and any(r["triggers"] for r in rows)
    assert any(r["note"] for r in rows)
    first = [r for r in rows if r["trackable"] == "Nicotine"][:300]
    last = [r for r in rows if r["trackable"] == "Nicotine"][-300:]
    per_day_early = len(first) / len({r["day"] for r in first})
    per_day_late = len(last) / len({r["day"] for r in last})
    assert per_day_early > per_day_late  # a gradual step down


def test_env_var_chooses_the_data_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("HARMTRACK_DATA_DIR", str(tmp_path / "env-folder"))
    assert run(["log", "nicotine", "3"]) == 0
    assert (tmp_path / "env-folder" / "harmtrack.sqlite3").exists()


def test_smoke_renders_the_window_and_exits_0(data_dir: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "harmtrack", "--data-dir", str(data_dir), "smoke"],
                         cwd=root, capture_output=True, text=True, timeout=60,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr


def test_every_way_to_start_runs_the_command_line(tmp_path: Path) -> None:
    """The console script, ``python main.py`` and ``python -m harmtrack`` all enter through
    harmtrack.cli, which starts the GUI through harmtrack.app (never the other way)."""
    import subprocess
    import sys
    import tomllib

    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"harmtrack": "harmtrack.cli:main"}
    for start in (["main.py"], ["-m", "harmtrack"]):
        out = subprocess.run([sys.executable, *start, "--data-dir", str(tmp_path), "trackables", "--json"],
                             cwd=root, capture_output=True, text=True, timeout=60)
        assert (out.returncode, out.stdout.strip(), out.stderr) == (0, "[]", ""), start


@pytest.mark.parametrize(("argv", "data_dir", "command"), [
    ([], None, None), (["smoke"], None, "smoke"), (["--data-dir", "/x y"], "/x y", None),
    (["--data-dir", "/x", "smoke"], "/x", "smoke"), (["--data-dir=/x", "smoke"], "/x", "smoke"),
])
def test_starting_the_gui_takes_the_short_way(argv, data_dir, command) -> None:
    from harmtrack.cli import gui_request

    args = gui_request(argv)
    assert args is not None and (args.data_dir, args.command) == (data_dir, command)


@pytest.mark.parametrize("argv", [
    ["--help"], ["log", "alcohol", "1"], ["smoke", "--data-dir", "/x"], ["--data-dir", "-x"],
    ["--data-dir"], ["--data", "/x"], ["--data-dir", "/x", "entries"], ["--data-dir", "smoke"],
])
def test_anything_else_gets_the_full_parser(argv) -> None:
    from harmtrack.cli import gui_request

    assert gui_request(argv) is None


def test_smoke_opens_the_data_before_qt_and_loads_nothing_heavy(data_dir: Path) -> None:
    """Start-up order (see harmtrack.app): SQLAlchemy and the core before PySide6, whose
    import hook would otherwise read every later module's source; no charts, PDF,
    migrations, crypto or backup code for a plain folder whose daily backup is done, and no
    SQLAlchemy ORM (the first screen reads in Core from core/storage/schema.py)."""
    import os
    import subprocess
    import sys

    from harmtrack.core.storage import backups

    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    backups.daily_backup(db)  # today's backup is done (as on every start after the first)
    db.close()
    root = Path(__file__).resolve().parents[2]
    script = ("import json, sys\nfrom harmtrack.cli import run\n"
              f"code = run(['--data-dir', {str(data_dir)!r}, 'smoke'])\n"
              "print(json.dumps([code, list(sys.modules)]))")  # in the order imports began
    out = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True,
                         timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    code, order = json.loads(out.stdout.splitlines()[-1])
    assert code == 0, out.stderr
    assert order.index("harmtrack.core.tracking.entries") < order.index("PySide6.QtCore")
    assert order.index("sqlalchemy.engine") < order.index("PySide6.QtCore")
    assert "harmtrack.ui.log_view" in order  # the first screen was built
    # The first screen reads in SQLAlchemy Core: the ORM (its classes, its set-up, even
    # the sqlalchemy.orm package) waits until the window is up.
    for heavy in ("matplotlib", "numpy", "reportlab", "alembic", "sqlalchemy.orm",
                  "harmtrack.core.privacy.crypto",
                  "harmtrack.core.storage.backups", "harmtrack.core.charts.drawing", "harmtrack.cli.goals",
                  "fhir.resources", "harmtrack.core.exchange.fhir"):
        assert heavy not in order, heavy


def test_text_output_says_one_in_the_singular_and_money_with_its_currency(data_dir: Path, capsys) -> None:
    from harmtrack.core.storage.settings import update_settings

    assert cli(data_dir, "log", "alcohol", "1", "--at", "2026-03-02T21:15", "--cost", "31.8") == 0
    db = open_data_folder(data_dir)
    try:
        update_settings(db, currency="EUR", timezone="UTC")
    finally:
        db.close()
    assert cli(data_dir, "goal", "add", "alcohol", "--type", "money-weekly", "--target", "40",
               "--from", "2026-03-02") == 0
    capsys.readouterr()
    assert cli(data_dir, "entries") == 0
    assert capsys.readouterr().out.rstrip().endswith("Alcohol: 1 standard drink, cost €31.80")
    (row,) = entries_json(data_dir, capsys)
    assert (row["amount"], row["cost"], row["currency"]) == (1.0, 31.8, "EUR")
    assert cli(data_dir, "goal", "list") == 0
    assert "money-weekly €40.00 (since 2026-03-02)" in capsys.readouterr().out
    assert cli(data_dir, "goal", "list", "--json") == 0
    (goal,) = json.loads(capsys.readouterr().out)
    assert (goal["target"], goal["currency"]) == (40.0, "EUR")
    assert cli(data_dir, "progress", "--from", "2026-03-02", "--to", "2026-03-08") == 0
    assert "€31.80 / €40.00" in capsys.readouterr().out
