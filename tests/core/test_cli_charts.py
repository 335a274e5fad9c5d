"""Command line: `chart KIND ... --out FILE` and `session add|list`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.cli.charts import KINDS as CLI_KINDS
from harmtrack.core.charts.drawing import KINDS


def cli(data_dir: Path, *args: str) -> int:
    return run(["--data-dir", str(data_dir), *args])


@pytest.fixture
def logged(data_dir: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    for day, amount in (("2026-03-02", "3"), ("2026-03-04", "4")):
        assert cli(data_dir, "log", "alcohol", amount, "--at", f"{day}T20:00+00:00", "--cost", "5") == 0
    assert cli(data_dir, "checkin", "--date", "2026-03-06") == 0
    capsys.readouterr()
    return data_dir


def test_cli_knows_every_chart_kind() -> None:
    assert CLI_KINDS == KINDS


@pytest.mark.parametrize("kind, suffix, magic", [(k, ".png", b"\x89PNG") for k in KINDS] + [
    ("daily", ".svg", b"<?xml"), ("calendar", ".pdf", b"%PDF"), ("urges", ".PDF", b"%PDF")])
def test_chart_writes_each_kind_and_format(logged: Path, tmp_path: Path, capsys, kind, suffix,
                                           magic) -> None:
    out = tmp_path / f"{kind}{suffix}"
    assert cli(logged, "chart", kind, "--trackable", "Alcohol", "--from", "2026-03-01",
               "--to", "2026-03-08", "--out", str(out)) == 0
    assert out.read_bytes().startswith(magic)
    line = capsys.readouterr().out.strip()
    assert "(Alcohol, 1 Mar to 8 Mar 2026)" in line or kind in ("money", "scores")


def test_chart_summary_line_has_the_numbers(logged: Path, tmp_path: Path, capsys) -> None:
    assert cli(logged, "chart", "daily", "--from", "2026-03-01", "--to", "2026-03-08",
               "--out", str(tmp_path / "d.png")) == 0
    assert capsys.readouterr().out.strip() == (
        "Day by day (Alcohol, 1 Mar to 8 Mar 2026): 7 standard drinks in all, use on 2 days, "
        "1 use-free day, 5 days not logged, 2.3 per logged day (3 of 8 days logged).")


def test_empty_history_draws_the_empty_state(data_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "empty.png"
    assert cli(data_dir, "chart", "weekly", "--out", str(out)) == 0
    assert out.exists()
    assert "Nothing logged in this range yet." in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["chart", "pie", "--out", "x.png"], "invalid choice"),
    (["chart", "daily", "--out", "x.gif"], ".png, .svg or .pdf"),
    (["chart", "daily", "--out", "x.png", "--from", "2026-02-30"], "not a real date"),
    (["chart", "daily", "--out", "x.png", "--from", "2026-03-09", "--to", "2026-03-01"], "after"),
    (["chart", "daily", "--out", "x.png", "--trackable", "nothing like it"], "no trackable"),
    (["session", "add", "--date", "2999-01-01"], "once it has happened"),
    (["session", "add", "--date", "yesterday"], "not a real date"),
])
def test_bad_input_exits_2_and_writes_nothing(logged: Path, tmp_path: Path, capsys, monkeypatch,
                                              args, message) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli(logged, *args) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))
    assert json.loads(_sessions(logged, capsys)) == []


def _sessions(data_dir: Path, capsys) -> str:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert cli(data_dir, "session", "list", "--json") == 0
    return capsys.readouterr().out


def test_session_add_and_list(data_dir: Path, capsys) -> None:
    assert cli(data_dir, "session", "add", "--date", "2026-03-05", "--note", "talked about sleep",
               "--therapist", "Sam") == 0
    first = int(capsys.readouterr().out)
    assert cli(data_dir, "session", "add") == 0
    second = int(capsys.readouterr().out)
    rows = json.loads(_sessions(data_dir, capsys))
    assert [r["id"] for r in rows] == [second, first]  # newest first
    assert rows[1] == {"id": first, "date": "2026-03-05", "therapist": "Sam",
                       "note": "talked about sleep", "agenda": None}
    assert rows[0]["date"] >= (dt.date.today() - dt.timedelta(days=1)).isoformat()
