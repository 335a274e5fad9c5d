"""The goal, taper and progress commands: exact output and exit 2 on bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from harmtrack.cli import run
from harmtrack.core.goals import store as goals
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries


def aware(y: int, m: int, d: int, hh: int = 12, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=dt.UTC)


def cli(data_dir, *argv: str) -> int:
    try:
        return run(["--data-dir", str(data_dir), *argv])
    except SystemExit as exc:  # argparse's own errors (unknown choice, not a number)
        return int(exc.code or 0)


@pytest.fixture
def folder(data_dir):
    db = open_data_folder(data_dir)
    update_settings(db, timezone="UTC")
    db.close()
    return data_dir


def stored(data_dir):
    db = open_data_folder(data_dir)
    try:
        return goals.list_goals(db, include_archived=True)
    finally:
        db.close()


def test_add_edit_list_archive(folder, capsys) -> None:
    assert cli(folder, "goal", "add", "alcohol", "--type", "weekly-max", "--target", "14",
               "--from", "2026-03-02") == 0
    gid = int(capsys.readouterr().out.strip())
    assert cli(folder, "goal", "add", "alcohol", "--type", "practice", "--target", "50",
               "--practice", "alternated with water", "--from", "2026-03-02") == 0
    capsys.readouterr()
    assert cli(folder, "goal", "edit", str(gid), "--target", "10", "--from", "2026-03-16") == 0
    assert cli(folder, "goal", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(g["id"], g["type"], g["target"], g["practice"]) for g in listed] == [
        (gid, "weekly-max", 10.0, None), (gid + 1, "practice", 50.0, "alternated with water")]
    assert listed[0]["versions"] == [{"from": "2026-03-02", "target": 14.0},
                                     {"from": "2026-03-16", "target": 10.0}]
    assert cli(folder, "goal", "archive", str(gid)) == 0
    assert cli(folder, "goal", "list", "--json") == 0
    assert [g["id"] for g in json.loads(capsys.readouterr().out)] == [gid + 1]


def test_archive_restore_is_one_word_for_goals_and_plans(folder, capsys) -> None:
    """``--restore`` brings a goal back as it does a plan; ``--undo``, the goal's old word,
    still works for scripts but is no longer offered in the help."""
    assert cli(folder, "goal", "add", "alcohol", "--type", "weekly-max", "--target", "14") == 0
    gid = capsys.readouterr().out.strip()
    assert cli(folder, "plan", "add", "party", "alternate with water") == 0
    pid = capsys.readouterr().out.strip()
    for kind, rid in (("goal", gid), ("plan", pid)):
        assert cli(folder, kind, "archive", rid) == 0
        assert cli(folder, kind, "list", "--json") == 0
        assert json.loads(capsys.readouterr().out) == [], kind
        assert cli(folder, kind, "archive", rid, "--restore") == 0
        assert cli(folder, kind, "list", "--json") == 0
        assert [str(r["id"]) for r in json.loads(capsys.readouterr().out)] == [rid], kind
    assert cli(folder, "goal", "archive", gid) == 0
    assert cli(folder, "goal", "archive", gid, "--undo") == 0  # the old word
    assert [g.archived for g in stored(folder)] == [False]
    assert cli(folder, "goal", "archive", "--help") == 0
    shown = capsys.readouterr().out
    assert "--restore" in shown and "--undo" not in shown


def test_progress_json_has_one_object_per_goal_per_period(folder, capsys) -> None:
    db = open_data_folder(folder)
    entries.log(db, "alcohol", 3, at=aware(2026, 3, 2, 23, 30))
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 3, 0, 30))
    entries.log(db, "alcohol", 6, at=aware(2026, 3, 10, 20))
    db.close()
    cli(folder, "goal", "add", "alcohol", "--type", "daily-max", "--target", "2", "--from", "2026-03-02")
    cli(folder, "goal", "add", "alcohol", "--type", "weekly-max", "--target", "5", "--from", "2026-03-02")
    capsys.readouterr()
    assert cli(folder, "progress", "--from", "2026-03-02", "--to", "2026-03-15", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    daily = [o for o in out if o["type"] == "daily-max"]
    weekly = [o for o in out if o["type"] == "weekly-max"]
    assert len(daily) == 14 and len(weekly) == 2
    assert [(o["start"], o["end"], o["actual"], o["met"]) for o in daily[:3]] == [
        ("2026-03-02", "2026-03-02", 3.0, False), ("2026-03-03", "2026-03-03", 2.0, True),
        ("2026-03-04", "2026-03-04", 0.0, False)]
    assert daily[2]["status"] == "not-logged"
    assert [(o["start"], o["end"], o["target"], o["actual"], o["met"]) for o in weekly] == [
        ("2026-03-02", "2026-03-08", 5.0, 5.0, True), ("2026-03-09", "2026-03-15", 5.0, 6.0, False)]
    assert all(o["trackable"] == "Alcohol" and isinstance(o["goal_id"], int) for o in out)


def test_taper_dry_run_saves_nothing_and_taper_saves_a_staircase(folder, capsys) -> None:
    argv = ["taper", "alcohol", "--to", "6", "--weeks", "4", "--start", "2026-03-02",
            "--baseline", "14"]
    assert cli(folder, *argv, "--dry-run") == 0
    captured = capsys.readouterr()
    assert "week   1  from 2026-03-02  at most 12 standard drinks" in captured.out
    assert "week   4  from 2026-03-23  at most 6 standard drinks" in captured.out
    assert "doctor" in captured.err  # the withdrawal-safety note for alcohol
    assert stored(folder) == []
    assert cli(folder, *argv, "--style", "percent") == 0
    gid = int(capsys.readouterr().out.strip())
    (g,) = stored(folder)
    assert (g.id, g.taper_style) == (gid, "percent")
    assert [(v.effective_from.isoformat(), v.target) for v in g.versions] == [
        ("2026-03-02", 11.5), ("2026-03-09", 9.0), ("2026-03-16", 7.5), ("2026-03-23", 6.0)]


@pytest.mark.parametrize("argv, message", [
    (["goal", "add", "alcohol", "--type", "weekly-max", "--target", "-3"], "0 or more"),
    (["goal", "add", "alcohol", "--type", "weekly-max", "--target", "nan"], "finite"),
    (["goal", "add", "alcohol", "--type", "monthly", "--target", "3"], "invalid choice"),
    (["goal", "add", "alcohol", "--type", "practice", "--target", "50"], "needs the practice"),
    (["goal", "add", "alcohol", "--type", "daily-max", "--target", "2", "--from", "2026-02-30"],
     "not a real date"),
    (["goal", "add", "no such thing", "--type", "daily-max", "--target", "2"], "no trackable"),
    (["goal", "edit", "42", "--target", "3", "--from", "2026-03-02"], "no goal with id 42"),
    (["goal", "edit", "x", "--target", "3"], "an id is a whole number"),
    (["goal", "archive", "42"], "no goal with id 42"),
    (["taper", "alcohol", "--to", "3", "--weeks", "0", "--baseline", "10"], "1 to 104 weeks"),
    (["taper", "alcohol", "--to", "3", "--weeks", "-2", "--baseline", "10"], "1 to 104 weeks"),
    (["taper", "alcohol", "--to", "12", "--weeks", "4", "--baseline", "10"], "below the starting"),
    (["taper", "alcohol", "--to", "3", "--weeks", "4"], "baseline"),
    (["progress", "--from", "2026-03-10", "--to", "2026-03-01"], "after --to"),
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(folder, capsys, argv, message) -> None:
    assert cli(folder, *argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert stored(folder) == []
