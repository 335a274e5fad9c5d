"""The command line for the safety plan, safer-use warnings, classes, balances and ideal use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmtrack.cli import main


@pytest.fixture
def folder(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "log", "opioids", "1", "--at", "2025-01-02T22:00"]) == 0
    assert main(["--data-dir", str(folder), "log", "alcohol", "2", "--at", "2025-01-03T03:30"]) == 0
    capsys.readouterr()
    return folder


def run_json(capsys, *argv: str):  # type: ignore[no-untyped-def]
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_safety_plan_set_and_print_as_json(folder: Path, capsys) -> None:
    d = ["--data-dir", str(folder)]
    empty = run_json(capsys, "safety-plan", "--json", *d)
    assert [s["text"] for s in empty["sections"]] == [""] * 6 and "Stanley" in empty["source"]["name"]
    assert main(["safety-plan", "set", "people_to_ask", "Sam 555 0100", *d]) == 0
    plan = run_json(capsys, "safety-plan", "--json", *d)
    assert {s["key"]: s["text"] for s in plan["sections"]}["people_to_ask"] == "Sam 555 0100"
    assert main(["safety-plan", *d]) == 0
    assert "Sam 555 0100" in capsys.readouterr().out


def test_warnings_across_midnight_with_their_source(folder: Path, capsys) -> None:
    d = ["--data-dir", str(folder)]
    pairs = run_json(capsys, "warnings", "--json", *d)
    assert len(pairs) == 1
    p = pairs[0]
    assert (p["first"]["trackable"], p["second"]["trackable"]) == ("Opioids", "Alcohol")
    assert p["hours_apart"] == 5.5 and "NIAAA" in p["source"]["name"] and p["lowering"]
    assert run_json(capsys, "warnings", "--from", "2025-01-01", "--to", "2025-01-02", "--json", *d) == []
    assert main(["warnings", *d]) == 0
    assert "Source: NIAAA" in capsys.readouterr().out


def test_a_custom_trackable_in_a_class_balance_and_ideal_use(folder: Path, capsys) -> None:
    d = ["--data-dir", str(folder)]
    assert main(["track", "Pregabalin", "--unit", "mg", *d]) == 0
    assert main(["depressant-class", "set", "Pregabalin", "gabapentinoids", *d]) == 0
    assert main(["log", "Pregabalin", "75", "--at", "2025-01-03T01:00", *d]) == 0
    capsys.readouterr()
    listed = run_json(capsys, "depressant-class", "--json", *d)
    assert {r["trackable"]: r["classes"] for r in listed["trackables"]}["Pregabalin"] == ["gabapentinoids"]
    assert len(run_json(capsys, "warnings", "--json", *d)) == 3
    assert main(["balance", "add", "alcohol", "--gives", "relaxing", "--costs", "mornings",
                 "--date", "2025-01-04", *d]) == 0
    capsys.readouterr()
    [b] = run_json(capsys, "balance", "list", "alcohol", "--json", *d)
    assert (b["date"], b["gives"], b["costs"]) == ("2025-01-04", "relaxing", "mornings")
    assert run_json(capsys, "ideal-use", "alcohol", "weekends only", "--json", *d)["text"] == "weekends only"
    assert run_json(capsys, "ideal-use", "alcohol", "--json", *d)["text"] == "weekends only"


@pytest.mark.parametrize("argv", [
    ["safety-plan", "set", "reasons", "x"],
    ["safety-plan", "set", "own_coping", "x" * 5000],
    ["warnings", "--from", "2025-02-01", "--to", "2025-01-01"],
    ["warnings", "--from", "yesterday-ish"],
    ["depressant-class", "set", "alcohol", "caffeine"],
    ["depressant-class", "set", "nothing-like-this", "ghb"],
    ["balance", "add", "alcohol"],
    ["balance", "add", "alcohol", "--gives", "x", "--date", "2999-01-01"],
    ["ideal-use", "nothing-like-this", "x"],
], ids=["section", "long", "range", "date", "class", "trackable", "empty", "future", "ideal"])
def test_bad_input_exits_2_in_one_line_and_changes_nothing(folder: Path, capsys, argv) -> None:
    d = ["--data-dir", str(folder)]
    assert main([*argv, *d]) == 2
    err = capsys.readouterr().err
    assert err.startswith("harmtrack: error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert run_json(capsys, "safety-plan", "--json", *d)["sections"][1]["text"] == ""
    assert run_json(capsys, "balance", "list", "alcohol", "--json", *d) == []
    listed = run_json(capsys, "depressant-class", "--json", *d)
    assert all(r["own"] == [] for r in listed["trackables"])
