"""If-then plans and alternatives: storing, matching triggers, counting how often they came up."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import aware

from harmtrack.cli import run
from harmtrack.core.care import plans
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.tracking import entries


def test_add_list_edit_archive_plan(db) -> None:
    a = plans.add_plan(db, "  party  ", "alternate every drink with water")
    b = plans.add_plan(db, "Boredom", "go for a walk first")
    assert [p.trigger for p in plans.list_plans(db)] == ["Boredom", "party"]
    assert a.trigger == "party" and a.plan == "alternate every drink with water"
    changed = plans.update_plan(db, a.id, plan="eat first and alternate with water")
    assert plans.get_plan(db, a.id).plan == changed.plan == "eat first and alternate with water"
    plans.archive_plan(db, b.id)
    assert [p.id for p in plans.list_plans(db)] == [a.id]
    assert [p.id for p in plans.list_plans(db, include_archived=True)] == [a.id, b.id]
    plans.archive_plan(db, b.id, archived=False)
    assert len(plans.list_plans(db)) == 2


@pytest.mark.parametrize(("trigger", "text"), [("", "x"), ("   ", "x"), ("party", ""), ("p" * 81, "x"),
                                               ("party", "y" * 501)])
def test_bad_plans_are_refused_and_nothing_is_written(db, trigger, text) -> None:
    with pytest.raises(InvalidEntry):
        plans.add_plan(db, trigger, text)
    assert plans.list_plans(db, include_archived=True) == []


def test_duplicate_plan_is_refused_but_archived_one_can_be_rewritten(db) -> None:
    p = plans.add_plan(db, "party", "Alternate with water")
    with pytest.raises(InvalidEntry):
        plans.add_plan(db, "PARTY", "alternate with water")
    plans.archive_plan(db, p.id)
    plans.add_plan(db, "PARTY", "alternate with water")
    with pytest.raises(InvalidEntry):  # bringing the old one back would duplicate it
        plans.archive_plan(db, p.id, archived=False)
    assert len(plans.list_plans(db)) == 1


def test_editing_a_missing_plan_raises_not_found(db) -> None:
    with pytest.raises(NotFound):
        plans.update_plan(db, 99, plan="x")


def test_plans_for_triggers_is_case_insensitive_and_skips_archived(db) -> None:
    party = plans.add_plan(db, "Party", "alternate with water")
    stress = plans.add_plan(db, "stress at work", "call a friend first")
    gone = plans.add_plan(db, "party", "leave by midnight")
    plans.archive_plan(db, gone.id)
    got = plans.plans_for_triggers(db, ["PARTY", "Stress  at   work", "alone"])
    assert [p.id for p in got] == [party.id, stress.id]
    assert plans.plans_for_triggers(db, []) == []
    assert plans.plans_for_triggers(db, ["Ärger"]) == []
    umlaut = plans.add_plan(db, "Ärger", "breathe for a minute")
    assert [p.id for p in plans.plans_for_triggers(db, ["ärger"])] == [umlaut.id]


def test_plans_with_counts_counts_entries_and_days_in_range(utc_settings) -> None:
    db = utc_settings
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 1, 20), triggers=["Party"])
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 1, 23), triggers=["party", "stress"])
    entries.log(db, "alcohol", 3, at=aware(2026, 3, 5, 21), triggers=["PARTY"])
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 9, 21), triggers=["party"])
    entries.log(db, "alcohol", 0, at=aware(2026, 3, 5, 12), triggers=["stress"], urge_only=True)
    party = plans.add_plan(db, "party", "alternate with water")
    stress = plans.add_plan(db, "Stress", "walk round the block")
    alone = plans.add_plan(db, "alone", "text someone")
    got = plans.plans_with_counts(db, dt.date(2026, 3, 1), dt.date(2026, 3, 5))
    assert [(c.id, c.times, c.days) for c in got] == [(party.id, 3, 2), (stress.id, 2, 2), (alone.id, 0, 0)]
    whole = {c.id: (c.times, c.days) for c in plans.plans_with_counts(db)}
    assert whole[party.id] == (4, 3)
    plans.archive_plan(db, stress.id)
    assert stress.id not in {c.id for c in plans.plans_with_counts(db)}
    assert stress.id in {c.id for c in plans.plans_with_counts(db, include_archived=True)}
    with pytest.raises(InvalidEntry):
        plans.plans_with_counts(db, dt.date(2026, 3, 5), dt.date(2026, 3, 1))


def test_alternatives(db) -> None:
    a = plans.add_alternative(db, "  a cup of tea  ")
    plans.add_alternative(db, "call my sister")
    with pytest.raises(InvalidEntry):
        plans.add_alternative(db, "A CUP OF TEA")
    with pytest.raises(InvalidEntry):
        plans.add_alternative(db, "  ")
    assert [x.text for x in plans.list_alternatives(db)] == ["a cup of tea", "call my sister"]
    plans.update_alternative(db, a.id, text="a cup of mint tea")
    plans.archive_alternative(db, a.id)
    assert [x.text for x in plans.list_alternatives(db)] == ["call my sister"]
    assert len(plans.list_alternatives(db, include_archived=True)) == 2


def test_cli_plan_add_and_list_json(data_dir, capsys) -> None:
    d = str(data_dir)
    assert run(["--data-dir", d, "log", "alcohol", "2", "--trigger", "Party",
                "--at", "2026-03-01T20:00"]) == 0
    assert run(["--data-dir", d, "plan", "add", "party", "alternate with water"]) == 0
    capsys.readouterr()
    assert run(["--data-dir", d, "plan", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["trigger"], r["plan"], r["times"], r["days"]) for r in rows] == [
        ("party", "alternate with water", 1, 1)]
    assert run(["--data-dir", d, "plan", "add", "", "x"]) == 2
    assert "trigger" in capsys.readouterr().err


def test_with_no_plans_no_trigger_is_counted(utc_settings) -> None:
    """A report with no plans must not pay for joining every tag of its range."""
    from sqlalchemy import event

    db = utc_settings
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 20), triggers=["stress"])
    seen: list[str] = []

    def grab(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        assert plans.plans_with_counts(db, dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == []
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)
    assert seen and not [s for s in seen if "entry_tags" in s]
