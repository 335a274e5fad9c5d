"""Safety plan, safer-use notes on depressant combinations, decisional balance and ideal use."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from harmtrack.core.care import balance, combinations, safety_plan
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries, trackables

UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0, tz: dt.tzinfo = UTC) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=tz)


@pytest.fixture
def tracked(db):  # type: ignore[no-untyped-def]
    update_settings(db, timezone="UTC", first_run_done=True)
    for key in ("alcohol", "opioids", "benzodiazepines", "cannabis"):
        trackables.add_builtin(db, key)
    return db


# --- safety plan --------------------------------------------------------------------------

def test_an_empty_plan_has_every_section_in_order_and_says_so(db) -> None:
    plan = safety_plan.get_plan(db)
    assert [s.key for s in plan] == ["warning_signs", "own_coping", "distraction", "people_to_ask",
                                     "professionals", "safer_surroundings"]
    assert all(s.text == "" and s.title and s.prompt for s in plan)
    assert safety_plan.is_empty(db)
    assert "Stanley" in safety_plan.source().name


def test_sections_are_written_cleared_and_bad_input_changes_nothing(db) -> None:
    safety_plan.set_section(db, "people_to_ask", "  Sam, 555 0100  ")
    assert [s.text for s in safety_plan.get_plan(db) if s.text] == ["Sam, 555 0100"]
    assert not safety_plan.is_empty(db)
    with pytest.raises(InvalidEntry, match="no safety-plan section"):
        safety_plan.set_sections(db, {"own_coping": "a walk", "nope": "x"})
    with pytest.raises(InvalidEntry, match="at most"):
        safety_plan.set_sections(db, {"own_coping": "a walk", "distraction": "x" * 5000})
    assert [s.key for s in safety_plan.get_plan(db) if s.text] == ["people_to_ask"]
    safety_plan.set_section(db, "people_to_ask", "   ")
    assert safety_plan.is_empty(db)


# --- combinations -------------------------------------------------------------------------

def test_every_two_classes_have_a_note_with_a_source() -> None:
    keys = [c.key for c in combinations.classes()]
    assert {"opioids", "benzodiazepines", "alcohol", "ghb"} <= set(keys)
    for a, b in itertools.combinations(keys, 2):
        note = combinations.note_for(a, b)
        assert note is not None, (a, b)
        assert note.source.url.startswith("https://") and note.risk and note.lowering
    fda = combinations.note_for("benzodiazepines", "opioids")
    assert fda is not None and "2016" in fda.source.name and "Food and Drug" in fda.source.name
    assert combinations.note_for("alcohol", "alcohol") is None


def test_a_pair_just_inside_the_window_counts_and_just_outside_does_not(tracked) -> None:
    hours = combinations.window()
    assert hours == dt.timedelta(hours=6)
    first = entries.log(tracked, "opioids", 1, at=at(10, 8))
    inside = entries.log(tracked, "benzodiazepines", 2, at=at(10, 8) + hours)
    entries.log(tracked, "alcohol", 2, at=at(10, 8) - hours - dt.timedelta(minutes=1))
    pairs = combinations.pairs_in_range(tracked, dt.date(2026, 11, 10), dt.date(2026, 11, 10))
    assert [(p.first_id, p.second_id) for p in pairs] == [(first.id, inside.id)]
    assert pairs[0].hours_apart == 6 and "2016" in pairs[0].note.source.name


def test_a_pair_across_midnight_in_the_users_zone_is_found(tracked) -> None:
    update_settings(tracked, timezone="Europe/Berlin")
    berlin = ZoneInfo("Europe/Berlin")
    drink = entries.log(tracked, "alcohol", 3, at=at(12, 23, 30, berlin))
    pill = entries.log(tracked, "benzodiazepines", 1, at=at(13, 1, 15, berlin))
    assert drink.day != pill.day
    pairs = combinations.pairs_in_range(tracked, dt.date(2026, 11, 13), dt.date(2026, 11, 13))
    assert [(p.first_id, p.second_id, p.day) for p in pairs] == [(drink.id, pill.id, dt.date(2026, 11, 13))]
    assert "NIAAA" in pairs[0].note.source.name
    # The pair belongs to the later entry's day: a range ending the day before has none.
    assert combinations.pairs_in_range(tracked, dt.date(2026, 11, 12), dt.date(2026, 11, 12)) == []
    assert [p.second_id for p in combinations.pairs_with_entry(tracked, drink.id)] == [pill.id]


def test_same_class_urges_and_non_depressants_are_not_pairs(tracked) -> None:
    entries.log(tracked, "alcohol", 2, at=at(14, 20))
    entries.log(tracked, "alcohol", 2, at=at(14, 21))
    entries.log(tracked, "cannabis", 1, at=at(14, 21))
    entries.log(tracked, "opioids", 0, urge_only=True, at=at(14, 22))
    assert combinations.pairs_in_range(tracked) == []


def test_a_custom_trackable_in_a_class_forms_pairs(tracked) -> None:
    ghb = trackables.add_custom(tracked, "G", "ml", kind="substance")
    assert combinations.set_own_classes(tracked, ghb.id, ["ghb", "ghb"]) == ["ghb"]
    assert combinations.own_classes(tracked, ghb.id) == ["ghb"]
    e1 = entries.log(tracked, "G", 1.5, at=at(15, 22))
    e2 = entries.log(tracked, "alcohol", 2, at=at(15, 23))
    pairs = combinations.pairs_in_range(tracked)
    assert [(p.first_id, p.second_id) for p in pairs] == [(e1.id, e2.id)]
    assert "GHB" in pairs[0].note.source.name
    # Left out of a report: not shown.
    alcohol = trackables.resolve(tracked, "alcohol")
    assert combinations.pairs_in_range(tracked, trackable_ids=[alcohol.id]) == []
    with pytest.raises(InvalidEntry, match="no depressant class"):
        combinations.set_own_classes(tracked, ghb.id, ["ghb", "caffeine"])
    assert combinations.own_classes(tracked, ghb.id) == ["ghb"]
    combinations.set_own_classes(tracked, ghb.id, [])
    assert combinations.pairs_in_range(tracked) == []


def test_a_range_the_wrong_way_round_is_refused(tracked) -> None:
    with pytest.raises(InvalidEntry):
        combinations.pairs_in_range(tracked, dt.date(2026, 11, 2), dt.date(2026, 11, 1))


# --- decisional balance and ideal use -----------------------------------------------------

def test_balances_are_dated_and_the_latest_is_found(tracked) -> None:
    alcohol = trackables.resolve(tracked, "alcohol").id
    today = dt.date(2026, 11, 30)
    older = balance.add_balance(tracked, alcohol, dt.date(2026, 10, 1), "relaxes me", "sleep", today=today)
    newer = balance.add_balance(tracked, alcohol, dt.date(2026, 11, 1), "", "money, mornings", today=today)
    assert balance.latest_balance(tracked, alcohol) == newer
    assert balance.latest_balance(tracked, alcohol, on_or_before=dt.date(2026, 10, 15)) == older
    assert [b.id for b in balance.balances(tracked, alcohol)] == [newer.id, older.id]
    with pytest.raises(InvalidEntry, match="gives you, what it costs"):
        balance.add_balance(tracked, alcohol, today, " ", None, today=today)
    with pytest.raises(InvalidEntry, match="future"):
        balance.add_balance(tracked, alcohol, today + dt.timedelta(days=1), "x", "y", today=today)
    with pytest.raises(NotFound):
        balance.add_balance(tracked, 999, today, "x", "y", today=today)
    assert len(balance.balances(tracked, alcohol)) == 2
    assert balance.update_balance(tracked, older.id, "calms me", "sleep").gives == "calms me"
    balance.delete_balance(tracked, older.id)
    assert [b.id for b in balance.balances(tracked, alcohol)] == [newer.id]


def test_an_ideal_use_plan_is_set_changed_and_cleared(tracked) -> None:
    alcohol = trackables.resolve(tracked, "alcohol").id
    assert balance.ideal_use(tracked, alcohol) is None
    plan = balance.set_ideal_use(tracked, alcohol, "Weekends only, two at most")
    assert plan is not None and plan.text == "Weekends only, two at most"
    assert balance.set_ideal_use(tracked, alcohol, "Fridays only").text == "Fridays only"  # type: ignore[union-attr]
    assert balance.set_ideal_use(tracked, alcohol, "") is None
    assert balance.ideal_use(tracked, alcohol) is None


# --- export and import --------------------------------------------------------------------

def test_the_tools_round_trip_and_a_second_import_keeps_the_users_own(tracked, tmp_path) -> None:
    from harmtrack.core.exchange import export, importers
    from harmtrack.core.storage.data_folder import open_data_folder

    ghb = trackables.add_custom(tracked, "G", "ml", kind="substance")
    combinations.set_own_classes(tracked, ghb.id, ["ghb"])
    safety_plan.set_sections(tracked, {"warning_signs": "not sleeping\nskipping meals",
                                       "professionals": "Dr K 555 0123"})
    balance.add_balance(tracked, ghb.id, dt.date(2026, 11, 1), "confidence", "lost weekends",
                        today=dt.date(2026, 11, 30))
    balance.set_ideal_use(tracked, ghb.id, "only with friends, never with alcohol")
    path = export.write_export(tracked, "json", tmp_path / "all.json")

    other = open_data_folder(tmp_path / "other")
    try:
        safety_plan.set_section(other, "professionals", "my own number")
        result = importers.run_import(other, path, backup=False)
        assert result.refused == []
        assert result.added["safety_plan"] == 1 and result.added["decisional_balances"] == 1
        plan = {s.key: s.text for s in safety_plan.get_plan(other)}
        assert plan["warning_signs"] == "not sleeping\nskipping meals"
        assert plan["professionals"] == "my own number"  # what the user had is kept
        g = trackables.resolve(other, "G").id
        assert combinations.own_classes(other, g) == ["ghb"]
        assert balance.latest_balance(other, g).costs == "lost weekends"  # type: ignore[union-attr]
        assert balance.ideal_use(other, g).text == "only with friends, never with alcohol"  # type: ignore[union-attr]
        again = importers.run_import(other, path, backup=False)
        assert sum(again.added.values()) == 0
    finally:
        other.close()


def test_an_unknown_class_in_a_file_is_refused_with_its_item(tracked, tmp_path) -> None:
    import json

    from harmtrack.core.exchange import export, importers

    doc = export.build_document(tracked)
    doc["trackable_classes"] = [{"trackable": "Alcohol", "class_key": "caffeine"}]
    doc["safety_plan"] = [{"section": "own_coping", "text": "a walk"}, "not an object"]
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = importers.run_import(tracked, path, backup=False)
    assert [(r.where, "class" in r.reason) for r in result.refused if r.where.startswith("trackable_")] == [
        ("trackable_classes[0]", True)]
    assert any(r.where == "safety_plan[1]" for r in result.refused)
    assert [s.text for s in safety_plan.get_plan(tracked) if s.text] == ["a walk"]


def test_pairs_are_judged_per_pair_of_trackables_not_per_pair_of_entries(tracked, monkeypatch) -> None:
    """A year of evenings holds tens of thousands of entry pairs within the window: the
    classes of two trackables are compared once per pair of trackables."""
    for hour in range(8, 20):
        entries.log(tracked, "alcohol", 1, at=at(10, hour))
        entries.log(tracked, "alcohol", 1, at=at(10, hour, 30))
    calls = []
    real = combinations.note_for
    monkeypatch.setattr(combinations, "note_for", lambda a, b: calls.append((a, b)) or real(a, b))
    assert combinations.pairs_in_range(tracked, dt.date(2026, 11, 10), dt.date(2026, 11, 10)) == []
    assert len(calls) <= 16  # each class compared with the others' once, not per entry pair

    entries.log(tracked, "opioids", 1, at=at(10, 13, 15))
    calls.clear()
    pairs = combinations.pairs_in_range(tracked, dt.date(2026, 11, 10), dt.date(2026, 11, 10))
    assert len(pairs) == 23  # every drink within 6 hours of the opioid (8:00 to 19:00)
    assert len(calls) <= 16
